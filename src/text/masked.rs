//! Masked words: swearing and insults with letters hidden behind symbols
//! (`f*ck`, `f**k`, `п***ц`, `д,билы`, `sh!t`).
//!
//! Phrase rules cannot see these: the symbols split the word. A
//! [`MaskedWords`] set holds single words (and stems) and checks each
//! candidate in a text — a run without spaces that has letters and at least
//! one mask symbol between them — letting a run of `k` mask symbols stand for
//! one to `k + 1` letters. Candidates are rare in ordinary text, so the cost
//! is near zero where nothing is masked.

/// Symbols people put in place of letters.
pub fn is_mask(c: char) -> bool {
    matches!(
        c,
        '*' | '#' | '%' | '_' | '.' | ',' | '-' | '"' | '!' | '@' | '$' | '?' | '+'
    )
}

/// A set of words (or stems) to recognise behind masks.
#[derive(Debug, Clone, Default)]
pub struct MaskedWords<T> {
    words: Vec<(Vec<char>, bool, T)>,
    /// `(first letter, index in words)`, sorted: the words a candidate that
    /// starts with a letter can be, in the order they were added, found by
    /// a binary search instead of a look at every word.
    by_first: Vec<(char, u32)>,
}

/// A masked candidate that matched: its byte range in the text and the
/// matched word's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaskedMatch<'a, T> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The value given with the word.
    pub value: &'a T,
}

impl<T> MaskedWords<T> {
    /// An empty set.
    pub fn new() -> MaskedWords<T> {
        MaskedWords {
            words: Vec::new(),
            by_first: Vec::new(),
        }
    }

    /// Adds a normalised word; a stem matches any longer word it begins.
    pub fn add(&mut self, word: &str, stem: bool, value: T) {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() >= 3 {
            let entry = (chars[0], self.words.len() as u32);
            let at = self.by_first.partition_point(|&e| e < entry);
            self.by_first.insert(at, entry);
            self.words.push((chars, stem, value));
        }
    }

    /// The masked words of normalised `text` that stand for a word of the
    /// set (the first such word for each candidate).
    pub fn find<'a>(&'a self, text: &str) -> Vec<MaskedMatch<'a, T>> {
        let mut found = Vec::new();
        if self.words.is_empty() || !has_mask_between_letters(text) {
            return found;
        }
        let mut candidate: Vec<char> = Vec::new();
        for (start, end) in candidates(text) {
            candidate.clear();
            candidate.extend(text[start..end].chars());
            // A candidate that starts with a letter can only be a word that
            // starts with it.
            let first = candidate[0];
            let matches =
                |entry: &&(Vec<char>, bool, T)| masked_match(&candidate, &entry.0, entry.1);
            let word = if is_mask(first) {
                self.words.iter().find(matches)
            } else {
                let from = self.by_first.partition_point(|&(c, _)| c < first);
                self.by_first[from..]
                    .iter()
                    .take_while(|&&(c, _)| c == first)
                    .map(|&(_, index)| &self.words[index as usize])
                    .find(matches)
            };
            if let Some((_, _, value)) = word {
                found.push(MaskedMatch { start, end, value });
            }
        }
        found
    }
}

/// True when a mask symbol stands right after a letter and before a letter
/// or another mask: the cheap test that skips the full scan for almost
/// every ordinary text (whose commas and full stops are followed by spaces).
/// Mask symbols are ASCII, so the bytes are scanned and only the characters
/// around a mask are decoded.
fn has_mask_between_letters(text: &str) -> bool {
    text.bytes().enumerate().any(|(at, b)| {
        b.is_ascii()
            && is_mask(char::from(b))
            && text[..at].chars().next_back().is_some_and(super::is_letter)
            && text[at + 1..]
                .chars()
                .next()
                .is_some_and(|next| super::is_letter(next) || is_mask(next))
    })
}

/// Longest run (in bytes) taken for a masked word: longer runs are not
/// words, and the matcher's cost grows with the candidate's length.
const MAX_CANDIDATE: usize = 64;

/// Byte ranges of runs of letters and mask symbols with at least two letters
/// and a mask symbol between letters.
fn candidates(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    let close = |start: usize, end: usize, out: &mut Vec<(usize, usize)>| {
        let s = &text[start..end];
        let s_trimmed_start = s.len() - s.trim_start_matches(is_mask).len();
        let inner = s.trim_matches(is_mask);
        if inner.len() > MAX_CANDIDATE {
            return;
        }
        let letters = inner.chars().filter(|&c| super::is_letter(c)).count();
        // Two letters with one mask is an abbreviation ("p.s", "e.g"); two
        // letters need a longer mask ("f**k").
        let long_mask = inner.contains(|c: char| is_mask(c)) && has_mask_run(inner, 2);
        if (letters >= 3 || (letters == 2 && long_mask)) && inner.chars().any(is_mask) {
            out.push((
                start + s_trimmed_start,
                start + s_trimmed_start + inner.len(),
            ));
        }
    };
    for (at, c) in text.char_indices() {
        let part = super::is_letter(c) || is_mask(c);
        match (part, run) {
            (true, None) => run = Some(at),
            (false, Some(start)) => {
                close(start, at, &mut out);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run {
        close(start, text.len(), &mut out);
    }
    out
}

/// True when `text` has `n` or more mask symbols in a row.
fn has_mask_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if is_mask(c) { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

/// Whether `candidate` (letters and masks) can be `word` (or begin with the
/// stem `word`), each run of k masks standing for 1 to k + 1 letters.
///
/// Bit `j` of `reachable` says the first `j` letters of `word` are matched
/// so far: a letter shifts the bits that it extends, a run of masks shifts
/// by every length it may stand for. Words longer than 63 letters are never
/// masked words.
fn masked_match(candidate: &[char], word: &[char], stem: bool) -> bool {
    let n = word.len();
    if n == 0 || n > 63 {
        return false;
    }
    let within = (1u64 << (n + 1)) - 1;
    let complete = 1u64 << n;
    let mut reachable = 1u64;
    let mut i = 0;
    while i < candidate.len() {
        let c = candidate[i];
        let next = if is_mask(c) {
            let run = candidate[i..].iter().take_while(|&&m| is_mask(m)).count();
            i += run;
            (1..=run + 1).fold(0u64, |acc, k| {
                acc | reachable.checked_shl(k as u32).unwrap_or(0)
            })
        } else {
            if stem && reachable & complete != 0 {
                // The stem is complete: the rest is the word's ending.
                return true;
            }
            i += 1;
            let same: u64 = word
                .iter()
                .enumerate()
                .fold(0, |acc, (j, &w)| if w == c { acc | 1 << j } else { acc });
            (reachable & same) << 1
        } & within;
        if next == 0 {
            return false;
        }
        reachable = next;
    }
    reachable & complete != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> MaskedWords<&'static str> {
        let mut set = MaskedWords::new();
        set.add("fuck", true, "fuck*");
        set.add("shit", false, "shit");
        set.add("дебилы", false, "дебилы");
        set.add("пидорас", true, "пидорас*");
        set
    }

    fn found(text: &str) -> Vec<(&str, &str)> {
        let set = set();
        set.find(text)
            .iter()
            .map(|m| (&text[m.start..m.end], *m.value))
            .collect()
    }

    #[test]
    fn masks_stand_for_letters() {
        assert_eq!(found("what the f*ck"), [("f*ck", "fuck*")]);
        assert_eq!(found("f**king hell"), [("f**king", "fuck*")]);
        assert_eq!(
            found("это sh!t, д,билы"),
            [("sh!t", "shit"), ("д,билы", "дебилы")]
        );
        assert_eq!(
            found("с вами пи*р*сами все ясно"),
            [("пи*р*сами", "пидорас*")]
        );
    }

    #[test]
    fn ordinary_text_is_not_a_candidate() {
        assert!(found("yes, no. fine - ok").is_empty());
        assert!(found("shift, shot, s.h.o.t").is_empty());
        assert!(
            found("P.S. sh.t happens, e.g. this")
                .iter()
                .all(|(w, _)| *w != "P.S")
        );
        assert!(found("f*").is_empty());
    }
}
