//! Tone check: how a reply will land, before it is posted.
//!
//! [`check`] runs every check over a [`Draft`] and returns a [`ToneReport`]:
//! a score from 0 (do not post this) to 100 (good to go) and the issues found,
//! each with the span it concerns, a message and a suggestion. Each check is a
//! small module of its own:
//!
//! * [`profanity`] — swearing, found with the triage lexicons;
//! * [`shouting`] — runs of words in capitals;
//! * [`length`] — longer than the site accepts.
//!
//! The phrase checks read the tone lexicons ([`lexicon`]), one file per
//! language.

pub mod length;
pub mod lexicon;
pub mod profanity;
pub mod shouting;

use serde::Serialize;

use crate::text::Analysis;

/// A reply being written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Draft<'a> {
    /// The reply text.
    pub text: &'a str,
    /// The site it will be posted on (a descriptor id such as `"x"`).
    pub platform: Option<&'a str>,
    /// The post being answered, when known.
    pub replying_to: Option<&'a str>,
}

/// What kind of problem an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Swearing.
    Profanity,
    /// Words in capitals.
    Shouting,
    /// Longer than the site allows.
    TooLong,
}

impl IssueKind {
    /// Points taken off the score per issue of this kind.
    fn penalty(self) -> u32 {
        match self {
            IssueKind::Profanity => 40,
            IssueKind::Shouting => 25,
            IssueKind::TooLong => 20,
        }
    }
}

/// One problem in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// What kind of problem.
    pub kind: IssueKind,
    /// Start of the span, in `char`s of the draft.
    pub start: usize,
    /// End of the span (exclusive), in `char`s.
    pub end: usize,
    /// What is wrong, for people.
    pub message: String,
    /// What to do instead.
    pub suggestion: String,
}

/// The result of a tone check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToneReport {
    /// 0 (do not post) to 100 (good to go).
    pub score: u8,
    /// The problems found, in text order.
    pub issues: Vec<Issue>,
}

/// Sorts rows of four numbers. Every sort of the tone check goes through
/// this one function, keys packed into rows: each sort a program asks for
/// is a copy of the sorting code in the extension's WebAssembly, some 5 KB
/// apiece.
pub fn sort_rows(rows: &mut [[usize; 4]]) {
    rows.sort_unstable();
}

/// Disjoint char spans in text order, for asking in logarithmic time
/// whether a span overlaps any of them (a 100 KB paste may have thousands).
#[derive(Debug, Clone, Default)]
pub struct Spans(Vec<(usize, usize)>);

impl Spans {
    /// The union of `spans` (in any order; overlapping ones merge).
    pub fn new(spans: impl IntoIterator<Item = (usize, usize)>) -> Spans {
        let mut rows: Vec<[usize; 4]> = spans.into_iter().map(|(s, e)| [s, e, 0, 0]).collect();
        sort_rows(&mut rows);
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(rows.len());
        for [start, end, ..] in rows {
            match merged.last_mut() {
                Some(last) if start < last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Spans(merged)
    }

    /// True when `start..end` overlaps one of the spans.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let first_ending_after = self.0.partition_point(|&(_, e)| e <= start);
        self.0
            .get(first_ending_after)
            .is_some_and(|&(s, _)| s < end)
    }
}

/// Checks `draft` with every check.
pub fn check(draft: &Draft<'_>) -> ToneReport {
    let analysis = Analysis::new(draft.text);
    let mut issues = Vec::new();
    profanity::check(draft, &analysis, &mut issues);
    shouting::check(draft, &mut issues);
    length::check(draft, &mut issues);
    issues.sort_by_key(|i| (i.start, i.end));
    let penalty: u32 = issues.iter().map(|i| i.kind.penalty()).sum();
    ToneReport {
        score: 100u32.saturating_sub(penalty) as u8,
        issues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calm_short_reply_scores_full() {
        let report = check(&Draft {
            text: "Hi Anna, sorry about the delay. Could you DM us your order number?",
            platform: Some("x"),
            replying_to: None,
        });
        assert_eq!(report.score, 100, "{report:?}");
        assert!(report.issues.is_empty());
    }

    #[test]
    fn problems_lower_the_score_and_come_in_text_order() {
        let report = check(&Draft {
            text: "WHAT DO YOU WANT FROM US, this is shit",
            ..Draft::default()
        });
        let kinds: Vec<_> = report.issues.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [IssueKind::Shouting, IssueKind::Profanity]);
        assert!(report.score <= 35);
    }

    #[test]
    fn empty_draft_is_fine() {
        assert_eq!(check(&Draft::default()).score, 100);
    }
}
