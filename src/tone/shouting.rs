//! Shouting: words written in capitals.
//!
//! One word in capitals is usually an acronym ("DM", "ASAP", "USA"); what
//! reads as shouting is a run of them. A run counts when it has at least two
//! words and eight letters, or one word of at least seven letters
//! ("UNACCEPTABLE"). Only letters that have a case count, so Chinese and
//! digits are never shouting.

use super::{Draft, Issue, IssueKind};

/// Letters in capitals from which a run is shouting.
const MIN_RUN_LETTERS: usize = 8;
/// A single capitalised word this long is shouting on its own.
const MIN_SINGLE_WORD: usize = 7;

/// A word of the draft: its char span, letter count, and whether every
/// cased letter in it is upper-case.
struct Word {
    start: usize,
    end: usize,
    letters: usize,
    upper: bool,
}

/// Adds an issue per shouted run of words.
pub fn check(draft: &Draft<'_>, out: &mut Vec<Issue>) {
    let words = words(draft.text);
    let mut i = 0;
    while i < words.len() {
        if !words[i].upper {
            i += 1;
            continue;
        }
        let first = i;
        while i < words.len() && words[i].upper {
            i += 1;
        }
        let run = &words[first..i];
        let letters: usize = run.iter().map(|w| w.letters).sum();
        let shouting = (run.len() >= 2 && letters >= MIN_RUN_LETTERS)
            || (run.len() == 1 && letters >= MIN_SINGLE_WORD);
        if shouting {
            out.push(Issue {
                kind: IssueKind::Shouting,
                start: run[0].start,
                end: run[run.len() - 1].end,
                message: "Capitals read as shouting.".to_owned(),
                suggestion: "Write it in normal case; stress one word at most.".to_owned(),
            });
        }
    }
}

/// The words of `text` with a cased letter in them.
fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    for (index, c) in text.chars().enumerate() {
        if c.is_alphanumeric() || (c == '\'' && current.is_some()) {
            let word = current.get_or_insert(Word {
                start: index,
                end: index,
                letters: 0,
                upper: true,
            });
            word.end = index + 1;
            if c.is_lowercase() {
                word.upper = false;
            } else if c.is_uppercase() {
                word.letters += 1;
            }
        } else if let Some(word) = current.take() {
            words.push(word);
        }
    }
    words.extend(current);
    words.retain(|w| w.letters > 0 || !w.upper);
    for w in &mut words {
        w.upper &= w.letters >= 2;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        check(
            &Draft {
                text,
                ..Draft::default()
            },
            &mut out,
        );
        out.iter().map(|i| (i.start, i.end)).collect()
    }

    #[test]
    fn runs_of_capitals_are_shouting() {
        assert_eq!(spans("Please STOP SENDING ME emails"), [(7, 22)]);
        assert_eq!(spans("ЭТО НЕДОПУСТИМО"), [(0, 15)]);
        assert_eq!(spans("This is UNACCEPTABLE."), [(8, 20)]);
    }

    #[test]
    fn acronyms_and_normal_text_are_not() {
        assert!(spans("Please DM us your order number ASAP").is_empty());
        assert!(spans("I am in the USA, is FAQ up?").is_empty());
        assert!(spans("订单 123 已发货").is_empty());
        assert!(spans("").is_empty());
    }
}
