//! Lexicons: the plain-text rules triage matches, one file per language.
//!
//! Each non-blank line that does not start with `#` is one rule:
//!
//! ```text
//! # cue        weight  phrase
//! billing      3       charg* .. twice
//! praise       3       thank*
//! negator      1       not
//! ```
//!
//! * **cue** — a [`Category`] name (`billing`, `outage`, …), or one of
//!   `positive` / `negative` (sentiment only), `profanity` (makes a post
//!   offensive and counts one toward `inflammatory`), `negator` (turns a
//!   following praise or positive word within three words negative).
//! * **weight** — 1 to 9. A category holds when its weights in a post add up
//!   to [`CATEGORY_THRESHOLD`](super::CATEGORY_THRESHOLD) (3) with at least
//!   one cue of weight 2 or more: a weight-3 rule is enough alone, a weight-2
//!   rule needs one more point, and weight-1 cues (a bare "order", "card")
//!   only support stronger ones.
//! * **phrase** — words and stems, see [`crate::text::phrases`].
//!
//! The files are data: a team can read them, diff them and add its own rules
//! in the same form.

use std::sync::OnceLock;

use super::Category;
use crate::text::masked::MaskedWords;
use crate::text::phrases::{PhraseError, PhraseSet, parse_rule_line};
use crate::text::{Lang, Normalized};

/// What a rule signals when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Counts toward a category.
    Category(Category),
    /// Positive sentiment only.
    Positive,
    /// Negative sentiment only.
    Negative,
    /// Swearing: offensive, and one step toward inflammatory.
    Profanity,
    /// Negates a positive cue that follows within three words.
    Negator,
}

impl Cue {
    /// The cue of a lexicon name.
    pub fn from_name(name: &str) -> Option<Cue> {
        Some(match name {
            "positive" => Cue::Positive,
            "negative" => Cue::Negative,
            "profanity" => Cue::Profanity,
            "negator" => Cue::Negator,
            other => Cue::Category(Category::from_name(other)?),
        })
    }
}

/// A lexicon file that cannot be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file's name.
    pub source: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// The built-in lexicons: (file name, contents).
const BUILTIN: [(&str, &str); 10] = [
    ("en.txt", include_str!("lexicon/en.txt")),
    ("ru.txt", include_str!("lexicon/ru.txt")),
    ("es.txt", include_str!("lexicon/es.txt")),
    ("de.txt", include_str!("lexicon/de.txt")),
    ("fr.txt", include_str!("lexicon/fr.txt")),
    ("pt.txt", include_str!("lexicon/pt.txt")),
    ("uk.txt", include_str!("lexicon/uk.txt")),
    ("be.txt", include_str!("lexicon/be.txt")),
    ("zh.txt", include_str!("lexicon/zh.txt")),
    ("af.txt", include_str!("lexicon/af.txt")),
];

/// The built-in lexicon files, as `(name, contents)`.
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    &BUILTIN
}

/// What a compiled rule signals, and the one language it is for (team
/// rules may name one; the built-in files apply to every language, since
/// people mix them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleTag {
    /// What the rule signals.
    pub cue: Cue,
    /// The only language it applies to, if any.
    pub lang: Option<Lang>,
}

/// A rule added or re-weighted by a team (from a reply pack): the same
/// three fields as a lexicon line, an optional language, and where it came
/// from (for errors). Weight 0 switches a built-in rule off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRule {
    /// What the rule signals.
    pub cue: Cue,
    /// 0 to 9; 0 removes the built-in rule with the same cue and phrase.
    pub weight: u8,
    /// The phrase, in the lexicon syntax.
    pub phrase: String,
    /// The only language it applies to, if any.
    pub lang: Option<Lang>,
    /// Where it came from, such as `acme.pack rules[3]`.
    pub source: String,
}

/// One rule before compiling, with its origin.
struct Spec<'a> {
    cue: Cue,
    weight: u8,
    phrase: &'a str,
    lang: Option<Lang>,
    source: &'a str,
    line: usize,
}

/// A compiled set of rules from one or more lexicon files.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(super) phrases: PhraseSet<RuleTag>,
    /// Single-word swearing and insults, to recognise behind masks (`f*ck`).
    pub(super) masked: MaskedWords<(Cue, u8)>,
}

impl Lexicon {
    /// The lexicons that ship with firstline, compiled on first use.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN_LEXICON: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN_LEXICON
            .get_or_init(|| Lexicon::parse(BUILTIN).expect("built-in lexicons are valid (tested)"))
    }

    /// Compiles lexicon files given as `(name, contents)`.
    pub fn parse<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Lexicon, LexiconError> {
        compile(read_files(files)?)
    }

    /// The built-in lexicons with a team's rules on top: a team rule with
    /// the same cue and phrase as a built-in one replaces its weight (0
    /// removes it); any other is added.
    pub fn with_team_rules(rules: &[TeamRule]) -> Result<Lexicon, LexiconError> {
        let mut specs = read_files(BUILTIN)?;
        for (index, rule) in rules.iter().enumerate() {
            let same = |s: &Spec<'_>| s.cue == rule.cue && s.phrase == rule.phrase.trim();
            specs.retain(|s| !same(s));
            if rule.weight > 9 {
                return Err(LexiconError {
                    source: rule.source.clone(),
                    line: index + 1,
                    message: format!("weight must be 0 to 9, not {}", rule.weight),
                });
            }
            if rule.weight > 0 {
                specs.push(Spec {
                    cue: rule.cue,
                    weight: rule.weight,
                    phrase: rule.phrase.trim(),
                    lang: rule.lang,
                    source: &rule.source,
                    line: index + 1,
                });
            }
        }
        compile(specs)
    }
}

/// Reads the rules of lexicon files.
fn read_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Spec<'a>>, LexiconError> {
    let mut specs = Vec::new();
    for (source, contents) in files {
        for (index, line) in contents.lines().enumerate() {
            let parsed = parse_line(line).map_err(|message| LexiconError {
                source: source.to_owned(),
                line: index + 1,
                message,
            })?;
            if let Some((cue, weight, phrase)) = parsed {
                specs.push(Spec {
                    cue,
                    weight,
                    phrase,
                    lang: None,
                    source,
                    line: index + 1,
                });
            }
        }
    }
    Ok(specs)
}

/// Compiles rules into the phrase automaton and the masked-word set.
fn compile(specs: Vec<Spec<'_>>) -> Result<Lexicon, LexiconError> {
    let masked = masked_words(&specs);
    let rules = specs.iter().map(|s| {
        (
            RuleTag {
                cue: s.cue,
                lang: s.lang,
            },
            s.weight,
            s.phrase,
        )
    });
    let phrases =
        PhraseSet::new(rules).map_err(|(rule, error): (usize, PhraseError)| LexiconError {
            source: specs[rule].source.to_owned(),
            line: specs[rule].line,
            message: error.to_string(),
        })?;
    Ok(Lexicon { phrases, masked })
}

/// The single-word profanity and insult rules, for the masked-word matcher.
fn masked_words(specs: &[Spec<'_>]) -> MaskedWords<(Cue, u8)> {
    let mut masked = MaskedWords::new();
    for spec in specs {
        let offensive = matches!(
            spec.cue,
            Cue::Profanity | Cue::Category(Category::Inflammatory)
        );
        if !offensive || spec.lang.is_some() || spec.phrase.split_whitespace().count() != 1 {
            continue;
        }
        let (word, stem) = match spec.phrase.strip_suffix('*') {
            Some(word) => (word, true),
            None => (spec.phrase, false),
        };
        masked.add(
            Normalized::new(word).as_str(),
            stem,
            (spec.cue, spec.weight),
        );
    }
    masked
}

/// Parses one line: `None` for blanks and comments.
fn parse_line(line: &str) -> Result<Option<(Cue, u8, &str)>, String> {
    parse_rule_line(line, Cue::from_name, 9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_compile() {
        assert!(Lexicon::builtin().phrases.rules().len() > 100);
    }

    fn cue_spans(lexicon: &Lexicon, text: &str) -> Vec<(Cue, u8)> {
        lexicon
            .cues(&crate::text::Analysis::new(text))
            .iter()
            .map(|c| (c.cue, c.weight))
            .collect()
    }

    fn team(cue: &str, weight: u8, phrase: &str, lang: Option<Lang>) -> TeamRule {
        TeamRule {
            cue: Cue::from_name(cue).unwrap(),
            weight,
            phrase: phrase.to_owned(),
            lang,
            source: "test pack".to_owned(),
        }
    }

    #[test]
    fn team_rules_add_reweight_and_remove() {
        let billing = Cue::Category(Category::Billing);
        let lexicon = Lexicon::with_team_rules(&[
            team("billing", 3, "acmepay", None),
            team("billing", 1, "refund*", None),
            team("praise", 0, "love", None),
        ])
        .unwrap();
        assert_eq!(cue_spans(&lexicon, "acmepay please"), [(billing, 3)]);
        assert_eq!(cue_spans(&lexicon, "refunds"), [(billing, 1)]);
        assert!(cue_spans(&lexicon, "love it").is_empty());
        assert_eq!(cue_spans(Lexicon::builtin(), "love it")[0].1, 3);
    }

    #[test]
    fn team_rules_for_one_language_apply_only_there() {
        let lexicon =
            Lexicon::with_team_rules(&[team("outage", 3, "kaput", Some(Lang::De))]).unwrap();
        let kaput = (Cue::Category(Category::Outage), 3);
        assert!(cue_spans(&lexicon, "Die App ist kaput, ich kann nichts machen").contains(&kaput));
        assert!(!cue_spans(&lexicon, "the printer is kaput, sadly").contains(&kaput));
    }

    #[test]
    fn bad_team_rules_name_their_source() {
        let error = Lexicon::with_team_rules(&[team("billing", 3, ".. refund", None)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "test pack:1: `..` must stand between two words"
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let error =
            Lexicon::parse([("team.txt", "# ok\nbilling 3 refund\nbogus 3 x\n")]).unwrap_err();
        assert_eq!(error.to_string(), "team.txt:3: unknown cue `bogus`");
        let error = Lexicon::parse([("t.txt", "billing 0 refund")]).unwrap_err();
        assert_eq!(error.message, "weight must be 1 to 9, not `0`");
        let error = Lexicon::parse([("t.txt", "\n\nbilling 2")]).unwrap_err();
        assert_eq!((error.line, error.message.as_str()), (3, "missing phrase"));
        let error = Lexicon::parse([("t.txt", "outage 2 .. down")]).unwrap_err();
        assert_eq!(error.message, "`..` must stand between two words");
    }
}
