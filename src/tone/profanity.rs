//! Swearing in a reply, found with the same lexicons as triage (so masked
//! and stretched spellings are caught the same way), plus the few swear
//! words that normalisation cannot tell from a common word: "ass" squeezes
//! to "as", so it is matched as written.

use super::{Context, Issue, IssueKind, Spans};
use crate::triage::Cue;

/// Swear words matched as written (any case), because their normalised
/// form is a common word.
const AS_WRITTEN: [&str; 2] = ["ass", "asses"];

/// Adds an issue per profane word or phrase in the draft.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    let spans = Spans::new(
        ctx.triage
            .iter()
            .filter(|c| c.cue == Cue::Profanity)
            .map(|c| (c.start, c.end))
            .chain(as_written(ctx.draft.text)),
    );
    for &(start, end) in &spans.0 {
        out.push(Issue {
            kind: IssueKind::Profanity,
            start,
            end,
            message: "Profanity reads as unprofessional and can escalate the thread.".to_owned(),
            suggestion: "Remove it; say plainly what went wrong and what you will do.".to_owned(),
            fix: None,
        });
    }
}

/// The char spans of the [`AS_WRITTEN`] words in `text`.
fn as_written(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    for (index, c) in text.chars().chain([' ']).enumerate() {
        if c.is_alphabetic() {
            if word.is_empty() {
                start = index;
            }
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            if AS_WRITTEN.contains(&word.as_str()) {
                found.push((start, index));
            }
            word.clear();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::{Draft, testing};

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let draft = Draft {
            text,
            ..Draft::default()
        };
        testing::run(check, draft)
            .iter()
            .map(|(i, _)| (i.start, i.end))
            .collect()
    }

    #[test]
    fn finds_english_and_russian_swearing() {
        assert_eq!(spans("this is bullshit"), [(8, 16)]);
        assert_eq!(spans("Да БЛЯ, опять"), [(3, 6)]);
        assert_eq!(spans("Das ist Scheiße"), [(8, 15)]);
    }

    #[test]
    fn masked_swearing_is_found() {
        assert_eq!(spans("what the f*ck"), [(9, 13)]);
        assert_eq!(spans("это п*здец"), [(4, 10)]);
    }

    #[test]
    fn words_that_normalise_to_common_ones_are_matched_as_written() {
        assert_eq!(spans("get off your ASS"), [(13, 16)]);
        assert!(spans("as soon as we can, assess it").is_empty());
    }

    #[test]
    fn clean_text_has_none() {
        assert!(spans("Sorry for the trouble, we are on it.").is_empty());
        assert!(spans("Scunthorpe classic assessment").is_empty());
    }
}
