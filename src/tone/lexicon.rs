//! The tone lexicons: what replies say, one plain-text file per language in
//! `src/tone/lexicon/`, in the triage lexicons' three-field form:
//!
//! ```text
//! # cue        weight  phrase
//! blame        2       you should have
//! defensive    2       as we already
//! apology      1       sorry
//! ```
//!
//! * **cue** — a [`ToneCue`] name. The *check* cues (`insult`, `sarcasm`,
//!   `defensive`, `blame`, `promise_time`, `promise_money`) make an issue
//!   from weight 2 on; at weight 1 they are weak signs that only count toward
//!   the score (and, for insults, flag together with the offence model). The
//!   others are what a good reply has (`apology`, `acknowledge`) and the
//!   politeness markers the score weighs (`please`, `thanks`, `greeting`,
//!   `hedge`, `modal`, `deference`, `question`, `direct`, `you`, `i`, `we`).
//! * **weight** — 1 to 3.
//! * **phrase** — words and stems ([`crate::text::phrases`]), normalised the
//!   same way as the draft.
//!
//! Phrases of several words, Chinese phrases and single kind or promise
//! words apply to every draft; a single harsh word to every draft in its
//! script, or, written `=word`, only in its file's language (it means
//! something else in another: French `=con`); pronouns and other function
//! words only in their language. Russian, Ukrainian and Belarusian count as
//! one language here (people mix them, and so does the language guess), and
//! a draft in a language without a file gets every rule. Single-word insults
//! are also recognised behind masks (`scumb*g`).
//!
//! The files are kept apart from the triage lexicons on purpose: the triage
//! model is fingerprinted by its lexicons, and a new tone phrase must not
//! mean retraining it.

use std::sync::OnceLock;

use super::{Spans, sort_rows};
use crate::text::masked::MaskedWords;
use crate::text::phrases::{Hit, PhraseSet, Scratch, parse_rule_line};
use crate::text::{Analysis, Lang, Normalized};
use crate::triage::LexiconError;

/// The fewest letters of a stem recognised behind masks.
const MIN_MASKED_STEM: usize = 5;

/// What a tone phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ToneCue {
    /// Name-calling, contempt, aggressive commands, threats.
    Insult,
    /// Sarcasm markers ("yeah right", "thanks for nothing").
    Sarcasm,
    /// Correcting, repeating, refusing responsibility ("actually").
    Defensive,
    /// Making it the customer's fault ("you should have").
    Blame,
    /// A deadline the agent may not control ("by tomorrow").
    PromiseTime,
    /// Money not yet approved ("full refund").
    PromiseMoney,
    /// An apology.
    Apology,
    /// Showing the problem was heard ("I understand").
    Acknowledge,
    /// "Please".
    Please,
    /// Thanks.
    Thanks,
    /// A greeting.
    Greeting,
    /// Hedges ("perhaps", "I think").
    Hedge,
    /// Indirect requests ("could you").
    Modal,
    /// Praise of the other ("good point").
    Deference,
    /// A question word ("why"), which is blunt at the start of a sentence.
    Question,
    /// A blunt sentence start ("so", "but").
    Direct,
    /// The second person.
    You,
    /// The first person singular.
    I,
    /// The first person plural.
    We,
}

impl ToneCue {
    /// Every cue, in declaration order.
    pub const ALL: [ToneCue; 19] = [
        ToneCue::Insult,
        ToneCue::Sarcasm,
        ToneCue::Defensive,
        ToneCue::Blame,
        ToneCue::PromiseTime,
        ToneCue::PromiseMoney,
        ToneCue::Apology,
        ToneCue::Acknowledge,
        ToneCue::Please,
        ToneCue::Thanks,
        ToneCue::Greeting,
        ToneCue::Hedge,
        ToneCue::Modal,
        ToneCue::Deference,
        ToneCue::Question,
        ToneCue::Direct,
        ToneCue::You,
        ToneCue::I,
        ToneCue::We,
    ];

    /// The name used in the lexicon files.
    pub fn name(self) -> &'static str {
        match self {
            ToneCue::Insult => "insult",
            ToneCue::Sarcasm => "sarcasm",
            ToneCue::Defensive => "defensive",
            ToneCue::Blame => "blame",
            ToneCue::PromiseTime => "promise_time",
            ToneCue::PromiseMoney => "promise_money",
            ToneCue::Apology => "apology",
            ToneCue::Acknowledge => "acknowledge",
            ToneCue::Please => "please",
            ToneCue::Thanks => "thanks",
            ToneCue::Greeting => "greeting",
            ToneCue::Hedge => "hedge",
            ToneCue::Modal => "modal",
            ToneCue::Deference => "deference",
            ToneCue::Question => "question",
            ToneCue::Direct => "direct",
            ToneCue::You => "you",
            ToneCue::I => "i",
            ToneCue::We => "we",
        }
    }

    /// The cue of a lexicon name.
    pub fn from_name(name: &str) -> Option<ToneCue> {
        ToneCue::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Which way a phrase of this cue leans: harsh (what a reply should not
    /// do), kind (what it should), or neither (pronouns, question words,
    /// promises). Where phrases of opposite leanings overlap, the longer one
    /// is what was said: "thanks for nothing" is sarcasm, not thanks; "not
    /// your fault" is kind, not blame.
    fn leaning(self) -> i8 {
        match self {
            ToneCue::Insult | ToneCue::Sarcasm | ToneCue::Defensive | ToneCue::Blame => -1,
            ToneCue::Apology
            | ToneCue::Acknowledge
            | ToneCue::Please
            | ToneCue::Thanks
            | ToneCue::Greeting
            | ToneCue::Hedge
            | ToneCue::Modal
            | ToneCue::Deference => 1,
            _ => 0,
        }
    }
}

/// A tone phrase found in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToneHit {
    /// What it signals.
    pub cue: ToneCue,
    /// The rule's weight, 1 to 3.
    pub weight: u8,
    /// Start of the words, in `char`s of the draft.
    pub start: usize,
    /// End of the words (exclusive), in `char`s.
    pub end: usize,
}

/// The built-in files: (language, file name, contents).
const BUILTIN: [(Lang, &str, &str); 10] = [
    (Lang::En, "en.txt", include_str!("lexicon/en.txt")),
    (Lang::Ru, "ru.txt", include_str!("lexicon/ru.txt")),
    (Lang::Uk, "uk.txt", include_str!("lexicon/uk.txt")),
    (Lang::Be, "be.txt", include_str!("lexicon/be.txt")),
    (Lang::Zh, "zh.txt", include_str!("lexicon/zh.txt")),
    (Lang::Af, "af.txt", include_str!("lexicon/af.txt")),
    (Lang::Es, "es.txt", include_str!("lexicon/es.txt")),
    (Lang::De, "de.txt", include_str!("lexicon/de.txt")),
    (Lang::Fr, "fr.txt", include_str!("lexicon/fr.txt")),
    (Lang::Pt, "pt.txt", include_str!("lexicon/pt.txt")),
];

/// The languages a rule of `lang`'s file applies to, as a bit per
/// [`Lang::index`], by how far it carries.
fn languages_of(lang: Lang, reach: Reach) -> u16 {
    let bits = |langs: &[Lang]| langs.iter().fold(0u16, |acc, l| acc | 1 << l.index());
    const LATIN: [Lang; 6] = [Lang::En, Lang::Af, Lang::Es, Lang::De, Lang::Fr, Lang::Pt];
    const CYRILLIC: [Lang; 3] = [Lang::Ru, Lang::Uk, Lang::Be];
    match reach {
        Reach::Everywhere => u16::MAX,
        _ if CYRILLIC.contains(&lang) => bits(&CYRILLIC),
        Reach::Script if LATIN.contains(&lang) => bits(&LATIN),
        _ => bits(&[lang]),
    }
}

/// How far a rule carries beyond its file's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Its own language only (Russian, Ukrainian and Belarusian count as
    /// one).
    Own,
    /// Every language of its script.
    Script,
    /// Every language.
    Everywhere,
}

/// How far a rule carries: phrases of several words (or of Chinese
/// characters) rarely mean something else in another language, and single
/// kind or promise words ("sorry", "jammer", "gratis") at worst make a check
/// more lenient or flag a promise, so they apply everywhere. A single harsh
/// word applies to its script: the language guess of a short draft is often
/// unsure ("wtf stop deleting my stuff" reads as German), and most insults
/// mean nothing else elsewhere — except those written `=word`, which do
/// (French "con" is Spanish "with", German "Mist" English "mist"), and
/// which stay in their language. Pronouns, question words and sentence
/// openers are function words of their own language.
fn reach(cue: ToneCue, phrase: &str, own: bool) -> Reach {
    let several_words = phrase.split_whitespace().count() > 1;
    let unspaced = phrase.chars().any(crate::text::tokens::is_unspaced_script);
    let function_word = matches!(
        cue,
        ToneCue::Question | ToneCue::Direct | ToneCue::You | ToneCue::I | ToneCue::We
    );
    if own || function_word {
        Reach::Own
    } else if several_words || unspaced || cue.leaning() >= 0 {
        Reach::Everywhere
    } else {
        Reach::Script
    }
}

/// What a compiled rule carries: its cue and the languages it applies to.
#[derive(Debug, Clone, Copy)]
struct Tag {
    cue: ToneCue,
    languages: u16,
}

/// The compiled tone lexicons.
#[derive(Debug, Clone)]
pub struct ToneLexicon {
    phrases: PhraseSet<Tag>,
    masked: MaskedWords<(Tag, u8)>,
    /// The languages that have a file, as bits.
    covered: u16,
}

impl ToneLexicon {
    /// The lexicons that ship with firstline, compiled on first use.
    pub fn builtin() -> &'static ToneLexicon {
        static LEXICON: OnceLock<ToneLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            ToneLexicon::parse(BUILTIN).expect("built-in tone lexicons are valid (tested)")
        })
    }

    /// Compiles lexicon files given as `(language, name, contents)`.
    pub fn parse<'a>(
        files: impl IntoIterator<Item = (Lang, &'a str, &'a str)>,
    ) -> Result<ToneLexicon, LexiconError> {
        let mut rules = Vec::new();
        let mut places = Vec::new();
        let mut masked = MaskedWords::new();
        let mut covered = 0;
        for (lang, source, contents) in files {
            covered |= 1 << lang.index();
            for (index, line) in contents.lines().enumerate() {
                let error = |message: String| LexiconError {
                    source: source.to_owned(),
                    line: index + 1,
                    message,
                };
                let Some((cue, weight, phrase)) =
                    parse_rule_line(line, ToneCue::from_name, 3).map_err(error)?
                else {
                    continue;
                };
                let (phrase, own) = match phrase.strip_prefix('=') {
                    Some(word) => (word, true),
                    None => (phrase, false),
                };
                let tag = Tag {
                    cue,
                    languages: languages_of(lang, reach(cue, phrase, own)),
                };
                if cue == ToneCue::Insult && weight >= 2 && !phrase.contains(' ') {
                    let (word, stem) = match phrase.strip_suffix('*') {
                        Some(word) => (word, true),
                        None => (phrase, false),
                    };
                    let word = Normalized::new(word);
                    // A short stem behind a mask is too easily something
                    // else: "fod_id" would be "foda…".
                    if !stem || word.as_str().chars().count() >= MIN_MASKED_STEM {
                        masked.add(word.as_str(), stem, (tag, weight));
                    }
                }
                rules.push((tag, weight, phrase));
                places.push((source, index + 1));
            }
        }
        let phrases = PhraseSet::new(rules).map_err(|(rule, e)| LexiconError {
            source: places[rule].0.to_owned(),
            line: places[rule].1,
            message: e.to_string(),
        })?;
        Ok(ToneLexicon {
            phrases,
            masked,
            covered,
        })
    }

    /// The cues of an analysed draft, in text order. A kind cue inside a
    /// harsh phrase ("thanks" in "thanks for nothing") is left out.
    pub fn find(&self, analysis: &Analysis) -> Vec<ToneHit> {
        let lang = 1u16 << analysis.lang.index();
        let applies = |tag: &Tag| self.covered & lang == 0 || tag.languages & lang != 0;
        let mut hits: Vec<Hit> = Vec::new();
        self.phrases.find(
            analysis.normalized.as_str(),
            &analysis.tokens,
            &mut Scratch::default(),
            &mut hits,
        );
        let rules = self.phrases.rules();
        let mut found: Vec<ToneHit> = hits
            .iter()
            .filter_map(|hit| {
                let rule = &rules[hit.rule as usize];
                applies(&rule.cue).then(|| {
                    let (start, end) = analysis.word_span(hit.first as usize, hit.last as usize);
                    ToneHit {
                        cue: rule.cue.cue,
                        weight: rule.weight,
                        start,
                        end,
                    }
                })
            })
            .collect();
        let normalized = analysis.normalized.as_str();
        let phrases = Spans::new(found.iter().map(|h| (h.start, h.end)));
        for m in self.masked.find(normalized) {
            let (tag, weight) = *m.value;
            // An underscore between letters is a name in code ("user_id"),
            // not a mask.
            if !applies(&tag) || normalized[m.start..m.end].contains('_') {
                continue;
            }
            let (start, end) = analysis.normalized.original_span(m.start, m.end);
            if !phrases.overlaps(start, end) {
                found.push(ToneHit {
                    cue: tag.cue,
                    weight,
                    start,
                    end,
                });
            }
        }
        // By start, longest first.
        let mut order: Vec<[usize; 4]> = found
            .iter()
            .enumerate()
            .map(|(at, h)| [h.start, usize::MAX - h.end, h.cue as usize, at])
            .collect();
        sort_rows(&mut order);
        let mut found: Vec<ToneHit> = order.iter().map(|row| found[row[3]]).collect();
        drop_phrases_inside_opposite_ones(&mut found);
        found
    }
}

/// Removes the hits that lie inside a longer hit of the opposite leaning
/// ([`ToneCue::leaning`]). `found` is sorted by start, longest first, so a
/// hit is inside an earlier one exactly when it ends no later than the
/// furthest end seen for that leaning.
fn drop_phrases_inside_opposite_ones(found: &mut Vec<ToneHit>) {
    let (mut harsh_until, mut kind_until) = (0, 0);
    let mut previous: Option<(usize, usize)> = None;
    found.retain(|h| {
        let same_span_as_previous = previous == Some((h.start, h.end));
        previous = Some((h.start, h.end));
        let inside_opposite = match h.cue.leaning() {
            -1 => h.end <= kind_until && !same_span_as_previous,
            1 => h.end <= harsh_until && !same_span_as_previous,
            _ => false,
        };
        if !inside_opposite {
            match h.cue.leaning() {
                -1 => harsh_until = harsh_until.max(h.end),
                1 => kind_until = kind_until.max(h.end),
                _ => {}
            }
        }
        !inside_opposite
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<(ToneCue, String)> {
        let analysis = Analysis::new(text);
        ToneLexicon::builtin()
            .find(&analysis)
            .iter()
            .map(|h| {
                let words: String = text.chars().skip(h.start).take(h.end - h.start).collect();
                (h.cue, words)
            })
            .collect()
    }

    fn has(text: &str, cue: ToneCue) -> bool {
        cues(text).iter().any(|(c, _)| *c == cue)
    }

    #[test]
    fn builtin_lexicons_compile_and_cover_every_check_cue_in_every_language() {
        for (lang, name, contents) in BUILTIN {
            let lexicon = ToneLexicon::parse([(lang, name, contents)]).unwrap();
            let present: Vec<ToneCue> = lexicon.phrases.rules().iter().map(|r| r.cue.cue).collect();
            for cue in ToneCue::ALL {
                assert!(present.contains(&cue), "{name} has no `{}`", cue.name());
            }
        }
    }

    #[test]
    fn spans_point_at_the_words_as_written() {
        assert_eq!(
            cues("Well, YOU SHOULD HAVE read it."),
            [
                (ToneCue::Blame, "YOU SHOULD HAVE".to_owned()),
                (ToneCue::You, "YOU".to_owned())
            ]
        );
    }

    #[test]
    fn the_longer_of_two_opposite_phrases_is_what_was_said() {
        assert!(!has("Thanks for nothing.", ToneCue::Thanks));
        assert!(has("Thanks for nothing.", ToneCue::Sarcasm));
        assert!(!has("It is not our fault.", ToneCue::Apology));
        assert!(has("It is our fault, sorry.", ToneCue::Apology));
        assert!(!has("It is not your fault.", ToneCue::Blame));
        assert!(has("It is your fault.", ToneCue::Blame));
        assert!(!has("Não é sua culpa.", ToneCue::Blame));
    }

    #[test]
    fn masked_insults_are_found_but_not_names_in_code() {
        assert!(has("what a scumb*g", ToneCue::Insult));
        assert!(!has("where user_id = 6 and food_id = 2", ToneCue::Insult));
        assert!(!has("the foo_bar table", ToneCue::Insult));
    }

    #[test]
    fn rules_apply_to_their_language_or_to_languages_without_a_file() {
        // German "die" and "dick" are not English words here.
        assert!(!has(
            "Die Hülle ist zu dick für das Handy.",
            ToneCue::Insult
        ));
        assert!(has("you are such a dick", ToneCue::Insult));
        // Russian rules hold in Ukrainian drafts too.
        assert!(has("Ви дебіли, заткніться", ToneCue::Insult));
        // Words that are insults in one language and ordinary in another.
        assert!(!has("Retard de livraison, désolés.", ToneCue::Insult));
        assert!(!has("Con gusto le ayudamos.", ToneCue::Insult));
        assert!(!has(
            "Bitte schicken Sie uns die Nummer, damit wir helfen können.",
            ToneCue::Insult
        ));
        assert!(!has("The blood test results are in.", ToneCue::Insult));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let parse = |text| ToneLexicon::parse([(Lang::En, "t.txt", text)]).unwrap_err();
        assert_eq!(
            parse("# ok\nblame 2 you should have\nrude 2 x").to_string(),
            "t.txt:3: unknown cue `rude`"
        );
        assert_eq!(parse("blame 4 x").message, "weight must be 1 to 3, not `4`");
        assert_eq!(parse("blame 2").message, "missing phrase");
        assert_eq!(
            parse("blame 2 .. you").message,
            "`..` must stand between two words"
        );
    }
}
