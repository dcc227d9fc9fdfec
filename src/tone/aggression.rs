//! Insults and aggression.
//!
//! Three sources, from the most to the least explicit:
//!
//! * **insult phrases** — the tone lexicons' `insult` phrases of weight 2 or
//!   3 ("scumbag", "get lost", "are you blind", "заткнитесь"), and the
//!   triage lexicons' strong `inflammatory` rules ("idiot", "дебил",
//!   "傻逼"), masked spellings included;
//! * **mild words with a hostile sentence** — a weight-1 insult ("silly",
//!   "ridiculous", "бред") or a weak triage insult ("useless") counts when
//!   the triage offence model leans that way on its sentence (at
//!   [`MILD_MARGIN`] under the model's own threshold): "it sounds crazy,
//!   but restarting the router fixes it" passes, "what a ridiculous
//!   question" does not (and "a silly mistake on our side" is an apology,
//!   whatever the model says);
//! * **hostile sentences** — a sentence the offence model scores at
//!   [`AGGRESSION_MARGIN`] over its threshold for the draft's language, and
//!   that the sentiment model finds negative (at [`NEGATIVE`]), is
//!   `aggression` even without a listed word — in the languages the model
//!   has offence training data in (English, Russian, Chinese); so is a
//!   middle finger 🖕 in any language.
//!
//! The model ([`crate::triage::model`]) is the one triage uses, read
//! sentence by sentence, so that one hostile sentence stands out of a long,
//! polite reply.
//!
//! The margins: on the ParaDetox train split (English, CC0) and the
//! obfuscated-VK validation split (Russian, MIT), a mild margin of 0 and an
//! aggression margin of 0.1 did best (pair accuracy 0.934, macro-F1 0.867;
//! the model itself was trained on both sets' train splits, which is why
//! its own validation split decided). The aggression margin was then raised
//! to 0.3, and negative sentiment required, after the Stanford Politeness
//! validation requests showed the model alone calling ordinary
//! second-person technical questions aggressive; ParaDetox validation pair
//! accuracy was unchanged (0.91), RUSSE dev rose.

use std::cell::RefCell;

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind, Spans, sort_rows};
use crate::text::{Analysis, Lang};
use crate::triage::model::{FeatureSet, Model, Scores, Style};
use crate::triage::{CATEGORY_THRESHOLD, Category, Cue, Lexicon};

/// How far over the model's offence threshold a sentence must score to be
/// aggressive on its own.
pub const AGGRESSION_MARGIN: f32 = 0.3;
/// How far under the threshold a sentence may score for a mild word in it
/// to count as an insult.
pub const MILD_MARGIN: f32 = 0.0;

/// How likely the model must find a sentence negative for its offence
/// score alone to make it aggressive: second-person questions ("are you
/// adding these to your config?") score high on offence, tweets being what
/// the model learned from, but are not negative.
pub const NEGATIVE: f32 = 0.5;

/// The languages the offence model has training data in: elsewhere its
/// score is noise, and only the lexicons speak.
const OFFENCE_TRAINED: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Zh];

/// Pictographs that insult on their own.
const HOSTILE_EMOJI: [char; 1] = ['\u{1F595}'];

thread_local! {
    static BUFFERS: RefCell<(Analysis, Style, FeatureSet)> =
        RefCell::new((Analysis::new(""), Style::default(), FeatureSet::default()));
}

/// The triage model's scores of `text` (a sentence), read as written in
/// `lang` (the draft's language: a sentence alone is too short to tell).
pub fn score(text: &str, lang: Lang) -> Scores {
    BUFFERS.with_borrow_mut(|(analysis, style, features)| {
        style.clear();
        analysis.reanalyze_visiting(text, |c| style.see(c));
        if lang != Lang::Und {
            analysis.lang = lang;
        }
        let cues = Lexicon::builtin().cues(analysis);
        features.reextract_with_style(text, analysis, style, &cues);
        Model::builtin().score(features, analysis.lang)
    })
}

/// Adds an issue per insult and per hostile sentence.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    check_with(ctx, AGGRESSION_MARGIN, MILD_MARGIN, out);
}

/// [`check`] with other margins (for choosing them on training data).
pub fn check_with(
    ctx: &Context<'_>,
    aggression_margin: f32,
    mild_margin: f32,
    out: &mut Vec<Issue>,
) {
    // Swearing is the profanity check's to report.
    let swearing = Spans::new(
        ctx.triage
            .iter()
            .filter(|c| c.cue == Cue::Profanity)
            .map(|c| (c.start, c.end)),
    );
    let not_swearing = |&(a, b): &(usize, usize)| !swearing.overlaps(a, b);
    let strong: Vec<(usize, usize)> = strong_insults(ctx).filter(not_swearing).collect();
    let mut mild: Vec<[usize; 4]> = mild_insults(ctx)
        .filter(not_swearing)
        .map(|(a, b)| [a, b, 0, 0])
        .collect();
    sort_rows(&mut mild);
    let taken = Spans::new(strong.iter().copied().chain(swearing.0.iter().copied()));
    let insult = IssueKind::Insult as usize;
    let mut found: Vec<[usize; 4]> = strong.iter().map(|&(a, b)| [a, b, insult, 0]).collect();
    let mut next_mild = 0;
    for (s, scores) in ctx.sentences.iter().zip(&ctx.scores) {
        // The mild words of this sentence: those from `next_mild` that
        // start in it.
        let from = next_mild;
        while next_mild < mild.len() && mild[next_mild][0] < s.end {
            next_mild += 1;
        }
        let Some(scores) = scores else {
            continue;
        };
        if taken.overlaps(s.start, s.end) {
            continue;
        }
        let (p, threshold) = (scores.offensive, scores.offensive_threshold);
        let mild_here = mild[from..next_mild].iter().filter(|m| m[0] >= s.start);
        if mild_here.clone().next().is_some() && p >= threshold - mild_margin {
            found.extend(mild_here.map(|m| [m[0], m[1], insult, 0]));
        } else if p >= threshold + aggression_margin
            && OFFENCE_TRAINED.contains(&ctx.analysis.lang)
            && scores.sentiment[0] >= NEGATIVE
        {
            found.push([s.start, s.end, IssueKind::Aggression as usize, 0]);
        }
    }
    for (index, c) in ctx.draft.text.chars().enumerate() {
        if HOSTILE_EMOJI.contains(&c) {
            found.push([index, index + 1, IssueKind::Aggression as usize, 0]);
        }
    }
    sort_rows(&mut found);
    let mut last_end = 0;
    for [start, end, kind, _] in found {
        if start < last_end {
            continue;
        }
        last_end = end;
        let (kind, message, suggestion) = if kind == insult {
            (
                IssueKind::Insult,
                format!("“{}” insults the reader.", ctx.quote(start, end)),
                "Take it out: describe the problem, not the person.",
            )
        } else {
            (
                IssueKind::Aggression,
                "This reads as hostile.".to_owned(),
                "Say what happened and what you will do, calmly.",
            )
        };
        out.push(Issue {
            kind,
            start,
            end,
            message,
            suggestion: suggestion.to_owned(),
            fix: None,
        });
    }
}

/// The spans of strong insults: tone phrases of weight 2 or more, and
/// triage insult rules strong enough to hold alone.
fn strong_insults<'c>(ctx: &'c Context<'_>) -> impl Iterator<Item = (usize, usize)> + 'c {
    let tone = ctx
        .flagged(&[ToneCue::Insult])
        .into_iter()
        .map(|(s, e, _)| (s, e));
    let triage = ctx
        .triage
        .iter()
        .filter(|c| {
            c.cue == Cue::Category(Category::Inflammatory)
                && u32::from(c.weight) >= CATEGORY_THRESHOLD
        })
        .map(|c| (c.start, c.end));
    tone.chain(triage)
}

/// The spans of mild insult words: weight-1 tone insults and the weaker
/// triage insult rules.
fn mild_insults<'c>(ctx: &'c Context<'_>) -> impl Iterator<Item = (usize, usize)> + 'c {
    let tone = ctx
        .cues
        .iter()
        .filter(|h| h.cue == ToneCue::Insult && h.weight == 1)
        .map(|h| (h.start, h.end));
    let triage = ctx
        .triage
        .iter()
        .filter(|c| {
            c.cue == Cue::Category(Category::Inflammatory)
                && u32::from(c.weight) < CATEGORY_THRESHOLD
        })
        .map(|c| (c.start, c.end));
    tone.chain(triage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::{Draft, testing};

    fn found(text: &str) -> Vec<(IssueKind, String)> {
        let draft = Draft {
            text,
            ..Draft::default()
        };
        testing::run(check, draft)
            .into_iter()
            .map(|(i, words)| (i.kind, words))
            .collect()
    }

    fn insults(text: &str) -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|(k, _)| *k == IssueKind::Insult)
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn insults_in_several_languages() {
        assert_eq!(
            insults("Are you blind? It's on the page."),
            ["Are you blind"]
        );
        assert_eq!(insults("Listen, you idiot."), ["idiot"]);
        assert_eq!(insults("Заткнитесь уже."), ["Заткнитесь"]);
        assert_eq!(insults("Ви ідіоти, чесно."), ["ідіоти"]);
        assert_eq!(insults("你是不是傻，自己看"), ["你是不是傻"]);
        assert_eq!(insults("Cállate, por favor."), ["Cállate"]);
        assert_eq!(insults("Halt die Klappe."), ["Halt die Klappe"]);
        assert_eq!(insults("Ferme ta gueule."), ["Ferme ta gueule"]);
        assert_eq!(insults("Cala a boca, tá?"), ["Cala a boca"]);
        assert_eq!(insults("Hou jou bek, man."), ["Hou jou bek"]);
    }

    #[test]
    fn masked_insults_count() {
        assert_eq!(insults("what a scumb*g"), ["scumb*g"]);
    }

    #[test]
    fn calm_replies_have_none() {
        for text in [
            "Sorry about the delay, we are on it.",
            "Die Bestellung ist unterwegs, danke für Ihre Geduld.",
            "Ваш заказ уже в пути, спасибо за ожидание.",
            "Please check your junk folder for the email.",
            "A silly mistake on our side, sorry!",
            "您好，订单已发货，请注意查收。",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn mild_words_count_where_the_model_reads_hostility() {
        assert_eq!(insults("What a ridiculous question."), ["ridiculous"]);
        assert!(insults("It sounds crazy, but restarting the router fixes it.").is_empty());
        assert!(insults("A silly mistake on our side, sorry!").is_empty());
    }

    #[test]
    fn a_middle_finger_is_aggression() {
        assert_eq!(found("ok 🖕"), [(IssueKind::Aggression, "🖕".to_owned())]);
    }

    #[test]
    fn offence_scores_are_probabilities() {
        let rude = score("you are a pathetic waste of space", Lang::En);
        let kind = score("thank you for your patience", Lang::En);
        assert!((0.0..=1.0).contains(&rude.offensive));
        assert!(rude.offensive > kind.offensive);
    }
}
