//! Shouting: words written in capitals.
//!
//! One word in capitals is usually an acronym ("DM", "ASAP", "USA"); what
//! reads as shouting is a run of them. A run counts when it has at least two
//! words and eight letters, or one word of at least seven letters
//! ("UNACCEPTABLE"). Only letters that have a case count, so Chinese and
//! digits are never shouting.
//!
//! The fix writes the run in lower case, with a capital where a sentence
//! starts, and keeps the few acronyms a reply uses ([`ACRONYMS`]).

use super::{Context, Issue, IssueKind};

/// Letters in capitals from which a run is shouting.
const MIN_RUN_LETTERS: usize = 8;
/// A single capitalised word this long is shouting on its own.
const MIN_SINGLE_WORD: usize = 7;
/// Words kept in capitals when a shouted run is lowered.
pub const ACRONYMS: [&str; 12] = [
    "DM", "FAQ", "ASAP", "ID", "PIN", "SMS", "URL", "IBAN", "PM", "OK", "CEO", "EU",
];

/// A word of the draft: its char span, letter count, and whether every
/// cased letter in it is upper-case.
struct Word {
    start: usize,
    end: usize,
    letters: usize,
    upper: bool,
}

/// Adds an issue per shouted run of words.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    let text = ctx.draft.text;
    let words = words(text);
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
            let (start, end) = (run[0].start, run[run.len() - 1].end);
            let starts_sentence = ctx.sentences.iter().any(|s| s.first_word == start);
            out.push(Issue {
                kind: IssueKind::Shouting,
                start,
                end,
                message: "Capitals read as shouting.".to_owned(),
                suggestion: "Write it in normal case; stress one word at most.".to_owned(),
                fix: Some(lowered(&ctx.quote(start, end), starts_sentence)),
            });
        }
    }
}

/// `shouted` in lower case, acronyms kept, with a capital first letter when
/// it starts a sentence (and for "I").
fn lowered(shouted: &str, starts_sentence: bool) -> String {
    let mut out = String::with_capacity(shouted.len());
    let mut word = String::new();
    let mut first = starts_sentence;
    let flush = |word: &mut String, out: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        if ACRONYMS.contains(&word.as_str()) {
            out.push_str(word);
        } else if word == "I" || std::mem::take(first) {
            let mut chars = word.chars();
            out.extend(chars.next());
            out.extend(chars.flat_map(char::to_lowercase));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
        *first = false;
        word.clear();
    };
    for c in shouted.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut first);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut first);
    out
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
    use crate::tone::{Draft, testing};

    fn found(text: &str) -> Vec<(usize, usize, String)> {
        let draft = Draft {
            text,
            ..Draft::default()
        };
        testing::run(check, draft)
            .into_iter()
            .map(|(i, _)| (i.start, i.end, i.fix.unwrap_or_default()))
            .collect()
    }

    fn spans(text: &str) -> Vec<(usize, usize)> {
        found(text).into_iter().map(|(s, e, _)| (s, e)).collect()
    }

    #[test]
    fn runs_of_capitals_are_shouting() {
        assert_eq!(spans("Please STOP SENDING ME emails"), [(7, 22)]);
        assert_eq!(spans("ЭТО НЕДОПУСТИМО"), [(0, 15)]);
        assert_eq!(spans("This is UNACCEPTABLE."), [(8, 20)]);
        assert_eq!(spans("¡ESTO ES INACEPTABLE!"), [(1, 20)]);
    }

    #[test]
    fn the_fix_lowers_the_run_and_keeps_sentence_starts_and_acronyms() {
        assert_eq!(
            found("Please STOP SENDING ME emails")[0].2,
            "stop sending me"
        );
        assert_eq!(
            found("WE ARE SO SORRY, PLEASE DM US.")[0].2,
            "We are so sorry, please DM us"
        );
        assert_eq!(found("Ok. WE WILL FIX IT")[0].2, "We will fix it");
        assert_eq!(found("ЭТО НЕДОПУСТИМО")[0].2, "Это недопустимо");
    }

    #[test]
    fn acronyms_and_normal_text_are_not() {
        assert!(spans("Please DM us your order number ASAP").is_empty());
        assert!(spans("I am in the USA, is FAQ up?").is_empty());
        assert!(spans("订单 123 已发货").is_empty());
        assert!(spans("").is_empty());
    }
}
