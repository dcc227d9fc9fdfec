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
        MaskedWords { words: Vec::new() }
    }

    /// Adds a normalised word; a stem matches any longer word it begins.
    pub fn add(&mut self, word: &str, stem: bool, value: T) {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() >= 3 {
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
        for (start, end) in candidates(text) {
            let candidate: Vec<char> = text[start..end].chars().collect();
            if let Some((_, _, value)) = self
                .words
                .iter()
                .find(|(word, stem, _)| masked_match(&candidate, word, *stem))
            {
                found.push(MaskedMatch { start, end, value });
            }
        }
        found
    }
}

/// True when a mask symbol stands right after a letter and before a letter
/// or another mask: the cheap test that skips the full scan for almost
/// every ordinary text (whose commas and full stops are followed by spaces).
fn has_mask_between_letters(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let mut after_letter = false;
    while let Some(c) = chars.next() {
        if after_letter && is_mask(c) {
            if let Some(&next) = chars.peek() {
                if super::is_letter(next) || is_mask(next) {
                    return true;
                }
            }
        }
        after_letter = super::is_letter(c);
    }
    false
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
fn masked_match(candidate: &[char], word: &[char], stem: bool) -> bool {
    // reachable[j]: the first j letters of `word` can be matched so far.
    let mut reachable = vec![false; word.len() + 1];
    reachable[0] = true;
    let mut i = 0;
    while i < candidate.len() {
        let mut next = vec![false; word.len() + 1];
        if is_mask(candidate[i]) {
            let run = candidate[i..].iter().take_while(|&&c| is_mask(c)).count();
            for j in 0..=word.len() {
                if reachable[j] {
                    for k in 1..=run + 1 {
                        if j + k <= word.len() {
                            next[j + k] = true;
                        }
                    }
                }
            }
            i += run;
        } else {
            for j in 0..word.len() {
                if reachable[j] && word[j] == candidate[i] {
                    next[j + 1] = true;
                }
            }
            if stem && reachable[word.len()] {
                // The stem is complete: the rest is the word's ending.
                return true;
            }
            i += 1;
        }
        if next.iter().all(|r| !r) {
            return false;
        }
        reachable = next;
    }
    reachable[word.len()]
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
