//! Tone check: how a reply will land, before it is posted.
//!
//! [`check`] runs every check over a [`Draft`] and returns a [`ToneReport`]:
//! a score from 0 (do not post this) to 100 (good to go), a one-word
//! [`ToneVerdict`], and the issues found, each with the span it concerns, a
//! message, a suggestion and, where a one-click change is safe, a `fix`
//! (the text to put in place of the span). Each check is a small module of
//! its own:
//!
//! | module | issue kind | finds |
//! |---|---|---|
//! | [`aggression`] | `insult`, `aggression` | name-calling and contempt (tone and triage lexicons), and sentences the triage offence model reads as hostile |
//! | [`profanity`] | `profanity` | swearing, masked too (`f*ck`) |
//! | [`shouting`] | `shouting` | runs of words in capitals (fix: normal case) |
//! | [`sarcasm`] | `sarcasm` | "yeah right", "thanks for nothing", 🙄 |
//! | [`defensive`] | `defensive` | "actually", "as we already said", "that's not our fault" |
//! | [`blame`] | `blame` | "you should have", "your mistake" |
//! | [`acknowledgement`] | `no_acknowledgement` | a reply to a complaint with no apology or acknowledgement |
//! | [`name`] | `no_name` | a reply that never uses the person's name (fix: a greeting with it) |
//! | [`length`] | `too_long` | longer than the site accepts |
//! | [`sentences`] | `long_sentence` | sentences too long or too tangled to read at a glance |
//! | [`pii`] | `personal_data` | emails, phones, card numbers, IBANs, addresses (fix: mask a card or IBAN) |
//! | [`promises`] | `promise` | deadlines and money the agent may not be able to keep |
//!
//! The phrase checks read the tone lexicons ([`lexicon`], one file per
//! language); the score adds how polite the draft reads ([`politeness`]).
//!
//! ## Score and verdict
//!
//! The score starts at 100. Each issue takes off its kind's points
//! ([`IssueKind::penalty`]) — a second issue of a kind half as much again,
//! none after that — and the politeness estimate takes off up to
//! [`politeness::MAX_DEDUCTION`] more, for a curt draft. The verdict:
//!
//! | verdict | when |
//! |---|---|
//! | `hostile` | an `insult`, `aggression` or `profanity` issue, whatever the score |
//! | `good` | otherwise, a score of 80 or more |
//! | `ok` | 60 to 79 |
//! | `risky` | below 60 |

pub mod acknowledgement;
pub mod aggression;
pub mod blame;
pub mod defensive;
pub mod length;
pub mod lexicon;
pub mod name;
pub mod pii;
pub mod politeness;
pub mod profanity;
pub mod promises;
pub mod sarcasm;
pub mod sentences;
pub mod shouting;

use serde::Serialize;

use crate::text::Analysis;
use crate::triage::model::Scores;
use crate::triage::{CueMatch, Lexicon};
use lexicon::{ToneCue, ToneHit, ToneLexicon};
use sentences::Sentence;

/// A reply being written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Draft<'a> {
    /// The reply text.
    pub text: &'a str,
    /// The site it will be posted on (a descriptor id such as `"x"`).
    pub platform: Option<&'a str>,
    /// The post being answered, when known.
    pub replying_to: Option<&'a str>,
    /// The display name of the author of the post being answered, when
    /// known.
    pub author_name: Option<&'a str>,
}

/// What kind of problem an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Name-calling, contempt, an aggressive command or a threat.
    Insult,
    /// A sentence that reads as hostile as a whole.
    Aggression,
    /// Swearing.
    Profanity,
    /// Words in capitals.
    Shouting,
    /// A sarcasm marker.
    Sarcasm,
    /// Correcting, repeating, refusing responsibility.
    Defensive,
    /// Making it the customer's fault.
    Blame,
    /// A reply to a complaint with no apology or acknowledgement.
    NoAcknowledgement,
    /// The person's name is not used.
    NoName,
    /// Longer than the site allows.
    TooLong,
    /// A sentence too long or too tangled.
    LongSentence,
    /// Personal data in a public reply.
    PersonalData,
    /// A promise of time or money.
    Promise,
}

impl IssueKind {
    /// Points the first issue of this kind takes off the score.
    pub fn penalty(self) -> u32 {
        match self {
            IssueKind::Insult => 50,
            IssueKind::Aggression => 40,
            IssueKind::Profanity => 40,
            IssueKind::Shouting => 20,
            IssueKind::Sarcasm => 15,
            IssueKind::Defensive => 15,
            IssueKind::Blame => 20,
            IssueKind::NoAcknowledgement => 20,
            IssueKind::NoName => 5,
            IssueKind::TooLong => 20,
            IssueKind::LongSentence => 3,
            IssueKind::PersonalData => 30,
            IssueKind::Promise => 15,
        }
    }

    /// True for the kinds that make a draft hostile.
    pub fn is_hostile(self) -> bool {
        matches!(
            self,
            IssueKind::Insult | IssueKind::Aggression | IssueKind::Profanity
        )
    }
}

/// The most issues of one kind a report lists: a 100 KB paste can have
/// thousands of long sentences, and a list that long helps nobody.
pub const MAX_ISSUES_PER_KIND: usize = 20;

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
    /// A safe one-click change: the text to put in place of the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// The one-word summary of a report (bands in the [module
/// documentation](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ToneVerdict {
    /// Good to go.
    Good,
    /// Fine, with something worth a look.
    Ok,
    /// Likely to go badly.
    Risky,
    /// Insults, aggression or swearing.
    Hostile,
}

impl ToneVerdict {
    /// The verdict of a score, given whether a hostile issue was found.
    pub fn of(score: u8, hostile: bool) -> ToneVerdict {
        match score {
            _ if hostile => ToneVerdict::Hostile,
            80.. => ToneVerdict::Good,
            60.. => ToneVerdict::Ok,
            _ => ToneVerdict::Risky,
        }
    }
}

/// The result of a tone check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToneReport {
    /// 0 (do not post) to 100 (good to go).
    pub score: u8,
    /// The score in one word.
    pub verdict: ToneVerdict,
    /// The problems found, in text order.
    pub issues: Vec<Issue>,
}

/// What every check reads: the draft and its analysis, done once.
#[derive(Debug)]
pub struct Context<'a> {
    /// The draft.
    pub draft: Draft<'a>,
    /// The draft normalised, split into words, its language guessed.
    pub analysis: Analysis,
    /// The tone lexicons' phrases found in the draft.
    pub cues: Vec<ToneHit>,
    /// The triage lexicons' cues found in the draft (profanity, insults,
    /// sentiment words).
    pub triage: Vec<CueMatch>,
    /// The draft's sentences.
    pub sentences: Vec<Sentence>,
    /// The triage model's scores of each sentence (`None` for a sentence
    /// without words), read in the draft's language.
    pub scores: Vec<Option<Scores>>,
    /// The byte offset of every char of the draft, and of its end: quoting
    /// a span costs its length, not the draft's.
    char_bytes: Vec<u32>,
}

impl<'a> Context<'a> {
    /// Analyses `draft`.
    pub fn new(draft: Draft<'a>) -> Context<'a> {
        let analysis = Analysis::new(draft.text);
        let cues = ToneLexicon::builtin().find(&analysis);
        let triage = Lexicon::builtin().cues(&analysis);
        let sentences = sentences::split(draft.text);
        let scores = sentences
            .iter()
            .map(|s| {
                s.has_words()
                    .then(|| aggression::score(&draft.text[s.bytes.0..s.bytes.1], analysis.lang))
            })
            .collect();
        let char_bytes = draft
            .text
            .char_indices()
            .map(|(at, _)| at as u32)
            .chain([draft.text.len() as u32])
            .collect();
        Context {
            draft,
            cues,
            triage,
            sentences,
            scores,
            analysis,
            char_bytes,
        }
    }

    /// True when the draft has a phrase of `cue` of weight `weight` or more.
    pub fn has(&self, cue: ToneCue, weight: u8) -> bool {
        self.cues.iter().any(|h| h.cue == cue && h.weight >= weight)
    }

    /// The spans of the phrases of `cues` that weigh 2 or more (enough to
    /// make an issue), overlapping ones merged, each with the cue of its
    /// first phrase.
    pub fn flagged(&self, cues: &[ToneCue]) -> Vec<(usize, usize, ToneCue)> {
        let mut spans: Vec<(usize, usize, ToneCue)> = Vec::new();
        for hit in &self.cues {
            if hit.weight < 2 || !cues.contains(&hit.cue) {
                continue;
            }
            match spans.last_mut() {
                Some(last) if hit.start < last.1 => last.1 = last.1.max(hit.end),
                _ => spans.push((hit.start, hit.end, hit.cue)),
            }
        }
        spans
    }

    /// Adds an issue of `kind` per flagged phrase of `cues`
    /// ([`Context::flagged`]), with the message `message` gives for the
    /// phrase as written and its cue.
    pub fn phrase_issues(
        &self,
        cues: &[ToneCue],
        kind: IssueKind,
        message: impl Fn(&str, ToneCue) -> String,
        suggestion: &str,
        out: &mut Vec<Issue>,
    ) {
        for (start, end, cue) in self.flagged(cues) {
            out.push(Issue {
                kind,
                start,
                end,
                message: message(&self.quote(start, end), cue),
                suggestion: suggestion.to_owned(),
                fix: None,
            });
        }
    }

    /// The text of the char span `start..end` of the draft.
    pub fn quote(&self, start: usize, end: usize) -> String {
        let byte = |at: usize| self.char_bytes[at.min(self.char_bytes.len() - 1)] as usize;
        self.draft.text[byte(start)..byte(end.max(start))].to_owned()
    }
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
    let ctx = Context::new(*draft);
    let issues = issues(&ctx);
    let score = score(&ctx, &issues);
    ToneReport {
        score,
        verdict: ToneVerdict::of(score, issues.iter().any(|i| i.kind.is_hostile())),
        issues,
    }
}

/// Every check's issues on an analysed draft, in text order, at most
/// [`MAX_ISSUES_PER_KIND`] of a kind.
pub fn issues(ctx: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    aggression::check(ctx, &mut issues);
    profanity::check(ctx, &mut issues);
    shouting::check(ctx, &mut issues);
    sarcasm::check(ctx, &mut issues);
    defensive::check(ctx, &mut issues);
    blame::check(ctx, &mut issues);
    acknowledgement::check(ctx, &mut issues);
    name::check(ctx, &mut issues);
    length::check(ctx, &mut issues);
    sentences::check(ctx, &mut issues);
    pii::check(ctx, &mut issues);
    promises::check(ctx, &mut issues);
    let mut order: Vec<[usize; 4]> = issues
        .iter()
        .enumerate()
        .map(|(at, i)| [i.start, i.end, i.kind as usize, at])
        .collect();
    sort_rows(&mut order);
    let mut slots: Vec<Option<Issue>> = issues.into_iter().map(Some).collect();
    let mut issues: Vec<Issue> = order
        .iter()
        .filter_map(|row| slots[row[3]].take())
        .collect();
    let mut kept = [0usize; KINDS];
    issues.retain(|i| {
        let count = &mut kept[i.kind as usize];
        *count += 1;
        *count <= MAX_ISSUES_PER_KIND
    });
    issues
}

/// How many issue kinds there are.
const KINDS: usize = IssueKind::Promise as usize + 1;

/// 100, less each issue's penalty (a second issue of a kind counts half,
/// more count nothing), less the politeness deduction.
fn score(ctx: &Context<'_>, issues: &[Issue]) -> u8 {
    let mut seen = [0u8; KINDS];
    let mut penalty = 0;
    for issue in issues {
        let n = &mut seen[issue.kind as usize];
        *n = n.saturating_add(1);
        penalty += match *n {
            1 => issue.kind.penalty(),
            2 => issue.kind.penalty() / 2,
            _ => 0,
        };
    }
    penalty += politeness::deduction(ctx);
    100u32.saturating_sub(penalty) as u8
}

/// What the checks' tests share.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Context, Draft, Issue};

    /// A check, as every check module has one.
    pub type Check = fn(&Context<'_>, &mut Vec<Issue>);

    /// `check`'s issues on `draft`, each with the words it covers.
    pub fn run(check: Check, draft: Draft<'_>) -> Vec<(Issue, String)> {
        let ctx = Context::new(draft);
        let mut out = Vec::new();
        check(&ctx, &mut out);
        out.into_iter()
            .map(|i| {
                let words = ctx.quote(i.start, i.end);
                (i, words)
            })
            .collect()
    }

    /// The words of `check`'s issues on a draft of only `text`.
    pub fn quotes(check: Check, text: &str) -> Vec<String> {
        let draft = Draft {
            text,
            ..Draft::default()
        };
        run(check, draft)
            .into_iter()
            .map(|(_, words)| words)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> ToneReport {
        check(&Draft {
            text,
            ..Draft::default()
        })
    }

    fn kinds(report: &ToneReport) -> Vec<IssueKind> {
        report.issues.iter().map(|i| i.kind).collect()
    }

    #[test]
    fn a_calm_short_reply_is_good() {
        let report = check(&Draft {
            text: "Hi Anna, sorry about the delay. Could you DM us your order number?",
            platform: Some("x"),
            replying_to: Some("My order is two weeks late and nobody answers!"),
            author_name: Some("Anna Petrova"),
        });
        assert!(report.issues.is_empty(), "{report:?}");
        assert!(report.score >= 90, "{report:?}");
        assert_eq!(report.verdict, ToneVerdict::Good);
    }

    #[test]
    fn problems_lower_the_score_and_come_in_text_order() {
        let report = report("WHAT DO YOU WANT FROM US, this is shit");
        assert_eq!(kinds(&report), [IssueKind::Shouting, IssueKind::Profanity]);
        assert!(report.score <= 35);
        assert_eq!(report.verdict, ToneVerdict::Hostile);
    }

    #[test]
    fn verdict_bands() {
        assert_eq!(ToneVerdict::of(100, false), ToneVerdict::Good);
        assert_eq!(ToneVerdict::of(80, false), ToneVerdict::Good);
        assert_eq!(ToneVerdict::of(79, false), ToneVerdict::Ok);
        assert_eq!(ToneVerdict::of(60, false), ToneVerdict::Ok);
        assert_eq!(ToneVerdict::of(59, false), ToneVerdict::Risky);
        assert_eq!(ToneVerdict::of(100, true), ToneVerdict::Hostile);
    }

    #[test]
    fn a_defensive_blaming_reply_is_risky() {
        let report = report(
            "Actually, as we already said, you should have read the terms. That's not our fault.",
        );
        let kinds = kinds(&report);
        assert!(kinds.contains(&IssueKind::Defensive), "{kinds:?}");
        assert!(kinds.contains(&IssueKind::Blame), "{kinds:?}");
        assert_eq!(report.verdict, ToneVerdict::Risky, "{report:?}");
    }

    #[test]
    fn repeated_issues_count_less_and_are_capped() {
        let one = report("Actually it works.").score;
        let two = report("Actually it works. Actually it does.").score;
        let many = report(&"Actually it works. ".repeat(30));
        assert!(two < one && one - two < 15, "{one} {two}");
        assert_eq!(many.issues.len(), MAX_ISSUES_PER_KIND);
    }

    #[test]
    fn spans_answer_overlaps() {
        let spans = Spans::new([(10, 12), (0, 3), (2, 5), (20, 30)]);
        assert!(spans.overlaps(4, 6) && spans.overlaps(11, 12) && spans.overlaps(0, 100));
        assert!(!spans.overlaps(5, 10) && !spans.overlaps(12, 20) && !spans.overlaps(30, 31));
        assert!(!Spans::default().overlaps(0, 1));
    }

    #[test]
    fn empty_draft_is_fine() {
        let report = check(&Draft::default());
        assert!(report.issues.is_empty());
        assert_eq!(report.verdict, ToneVerdict::Good);
    }

    #[test]
    fn json_keeps_the_contract_and_adds_verdict_and_fix() {
        let json = serde_json::to_value(report("PLEASE STOP SHOUTING")).unwrap();
        assert!(json["score"].is_u64());
        assert!(["good", "ok", "risky", "hostile"].contains(&json["verdict"].as_str().unwrap()));
        let issue = &json["issues"][0];
        for key in ["kind", "start", "end", "message", "suggestion", "fix"] {
            assert!(!issue[key].is_null(), "{key} in {issue}");
        }
    }
}
