//! Sentences: where a draft's sentences are, and which are too long or too
//! tangled to take in at a glance.
//!
//! A sentence ends after `.`, `!`, `?` or `…` followed by a space (or the
//! end), after Chinese `。！？` at once, and at every line break. Its
//! length is counted in words, each Chinese character counting half a word
//! (a Chinese sentence of 60 characters reads like an English one of 30).
//!
//! * **Long**: more than [`MAX_WORDS`] words.
//! * **Complex**: at least [`COMPLEX_WORDS`] words with [`COMPLEX_CLAUSES`]
//!   or more clause breaks (`,` `;` `:` `—` `–` `(` and their Chinese forms)
//!   — a sentence that keeps changing direction.

use super::{Context, Issue, IssueKind};
use crate::text::is_letter_or_digit;
use crate::text::tokens::is_unspaced_script;

/// Words from which a sentence is long.
pub const MAX_WORDS: usize = 35;
/// Words from which a sentence with many clause breaks is complex.
pub const COMPLEX_WORDS: usize = 22;
/// Clause breaks that make such a sentence complex.
pub const COMPLEX_CLAUSES: usize = 4;

/// One sentence of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Its first character that is not white space, in `char`s.
    pub start: usize,
    /// Just past its last character that is not white space, in `char`s.
    pub end: usize,
    /// The byte range of the same span.
    pub bytes: (usize, usize),
    /// Its first letter or digit (where its first word starts), in `char`s;
    /// `end` when it has none.
    pub first_word: usize,
    /// Its length in words (a Chinese character counts half).
    pub words: usize,
    /// Its clause breaks.
    pub clauses: usize,
}

impl Sentence {
    /// True when the sentence has letters or digits.
    pub fn has_words(&self) -> bool {
        self.first_word < self.end
    }
}

/// Builds one sentence while the text is read.
#[derive(Default)]
struct Open {
    start: Option<(usize, usize)>,
    last: (usize, usize),
    first_word: Option<usize>,
    words: usize,
    han: usize,
    clauses: usize,
    in_word: bool,
    after_digit: bool,
}

impl Open {
    fn close(&mut self, out: &mut Vec<Sentence>) {
        let open = std::mem::take(self);
        if let Some((start, byte)) = open.start {
            let end = open.last.0 + 1;
            out.push(Sentence {
                start,
                end,
                bytes: (byte, open.last.1),
                first_word: open.first_word.unwrap_or(end),
                words: open.words + open.han.div_ceil(2),
                clauses: open.clauses,
            });
        }
    }
}

/// The sentences of `text`, in order.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut open = Open::default();
    // Set after a terminator: the sentence ends at the next white space.
    let mut ending = false;
    for (index, (at, c)) in text.char_indices().enumerate() {
        if c == '\n' || c == '\r' {
            open.close(&mut out);
            ending = false;
            continue;
        }
        if c.is_whitespace() {
            if ending {
                open.close(&mut out);
                ending = false;
            }
            open.in_word = false;
            continue;
        }
        if ending
            && !matches!(
                c,
                '.' | '!' | '?' | '…' | '"' | '\'' | ')' | '”' | '’' | '»'
            )
        {
            ending = false;
        }
        open.start.get_or_insert((index, at));
        open.last = (index, at + c.len_utf8());
        if is_unspaced_script(c) {
            open.first_word.get_or_insert(index);
            open.han += 1;
            open.in_word = false;
        } else if is_letter_or_digit(c) {
            open.first_word.get_or_insert(index);
            if !open.in_word {
                open.words += 1;
                open.in_word = true;
            }
        } else if c != '\'' && c != '’' && !(matches!(c, '.' | ',') && open.after_digit) {
            // An apostrophe stays inside a word ("don't"), and a point or
            // comma inside a number ("3.5", "1,000").
            open.in_word = false;
        }
        open.after_digit = c.is_ascii_digit();
        match c {
            ',' | ';' | ':' | '—' | '–' | '(' | '，' | '；' | '：' | '、' => {
                open.clauses += 1
            }
            '.' | '!' | '?' | '…' => ending = true,
            '。' | '！' | '？' => {
                open.close(&mut out);
                ending = false;
            }
            _ => {}
        }
    }
    open.close(&mut out);
    out
}

/// Adds an issue per long or complex sentence.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    for s in &ctx.sentences {
        let (message, suggestion) = if s.words > MAX_WORDS {
            (
                format!("A long sentence: {} words.", s.words),
                "Split it in two; one idea per sentence reads faster on a phone.",
            )
        } else if s.words >= COMPLEX_WORDS && s.clauses >= COMPLEX_CLAUSES {
            (
                format!(
                    "A complex sentence: {} clauses in {} words.",
                    s.clauses + 1,
                    s.words
                ),
                "Break it up, or drop the asides.",
            )
        } else {
            continue;
        };
        out.push(Issue {
            kind: IssueKind::LongSentence,
            start: s.start,
            end: s.end,
            message,
            suggestion: suggestion.to_owned(),
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::testing;

    fn spans(text: &str) -> Vec<(usize, usize, usize)> {
        split(text)
            .iter()
            .map(|s| (s.start, s.end, s.words))
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        testing::quotes(check, text)
    }

    #[test]
    fn splits_on_terminators_followed_by_space_and_on_line_breaks() {
        assert_eq!(
            spans("Hi Anna! Is 3.5 ok? Yes.\nThanks"),
            [(0, 8, 2), (9, 19, 3), (20, 24, 1), (25, 31, 1)]
        );
        assert_eq!(spans("Done...  Next."), [(0, 7, 1), (9, 14, 1)]);
        assert_eq!(spans("“Really?” she said."), [(0, 9, 1), (10, 19, 2)]);
        assert!(spans("").is_empty());
        assert!(spans("  \n\n ").is_empty());
    }

    #[test]
    fn chinese_sentences_end_at_their_own_marks() {
        let s = split("您好！订单已发货。谢谢");
        assert_eq!(
            s.iter()
                .map(|s| (s.start, s.end, s.words))
                .collect::<Vec<_>>(),
            [(0, 3, 1), (3, 9, 3), (9, 11, 1)]
        );
    }

    #[test]
    fn emoji_only_sentences_have_no_words() {
        let s = split("🙂🙂 ok");
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].first_word, s[0].words), (3, 1));
        assert!(!split("🙂🙂")[0].has_words());
    }

    #[test]
    fn long_sentences_in_several_languages() {
        let long_en = format!("We {} the parcel.", "really ".repeat(35));
        assert_eq!(flagged(&long_en).len(), 1);
        let long_ru = format!("Мы {} посылку.", "очень ".repeat(35));
        assert_eq!(flagged(&long_ru).len(), 1);
        let long_zh = format!("我们{}。", "已经".repeat(36));
        assert_eq!(flagged(&long_zh).len(), 1);
        assert!(flagged("We have sent the parcel. It arrives on Monday.").is_empty());
    }

    #[test]
    fn many_clauses_make_a_complex_sentence() {
        let tangled = "We checked the order, which, as you know, was sent on Monday \
                       (by courier), and it should, unless something went wrong, arrive soon.";
        assert_eq!(flagged(tangled).len(), 1);
        assert!(flagged("Red, green, blue, white.").is_empty());
    }
}
