//! Swearing in a reply, found with the same lexicons as triage (so masked
//! and stretched spellings are caught the same way).

use super::{Draft, Issue, IssueKind};
use crate::text::Analysis;
use crate::triage::{Cue, Lexicon};

/// Adds an issue per profane word or phrase in the draft.
pub fn check(_draft: &Draft<'_>, analysis: &Analysis, out: &mut Vec<Issue>) {
    for found in Lexicon::builtin().cues(analysis) {
        if found.cue == Cue::Profanity {
            out.push(Issue {
                kind: IssueKind::Profanity,
                start: found.start,
                end: found.end,
                message: "Profanity reads as unprofessional and can escalate the thread."
                    .to_owned(),
                suggestion: "Remove it; say plainly what went wrong and what you will do."
                    .to_owned(),
            });
        }
    }
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
            &Analysis::new(text),
            &mut out,
        );
        out.iter().map(|i| (i.start, i.end)).collect()
    }

    #[test]
    fn finds_english_and_russian_swearing() {
        assert_eq!(spans("this is bullshit"), [(8, 16)]);
        assert_eq!(spans("Да БЛЯ, опять"), [(3, 6)]);
    }

    #[test]
    fn clean_text_has_none() {
        assert!(spans("Sorry for the trouble, we are on it.").is_empty());
        assert!(spans("Scunthorpe classic assessment").is_empty());
    }
}
