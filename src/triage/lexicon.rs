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
use crate::text::Normalized;
use crate::text::masked::MaskedWords;
use crate::text::phrases::{PhraseError, PhraseSet};

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
const BUILTIN: [(&str, &str); 2] = [
    ("en.txt", include_str!("lexicon/en.txt")),
    ("ru.txt", include_str!("lexicon/ru.txt")),
];

/// The built-in lexicon files, as `(name, contents)`.
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    &BUILTIN
}

/// A compiled set of rules from one or more lexicon files.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(super) phrases: PhraseSet<Cue>,
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
        let mut rules = Vec::new();
        let mut origins = Vec::new();
        for (source, contents) in files {
            for (index, line) in contents.lines().enumerate() {
                let at = |message: String| LexiconError {
                    source: source.to_owned(),
                    line: index + 1,
                    message,
                };
                if let Some(rule) = parse_line(line).map_err(at)? {
                    rules.push(rule);
                    origins.push((source, index + 1));
                }
            }
        }
        let masked = masked_words(&rules);
        let phrases = PhraseSet::new(rules).map_err(|(rule, error): (usize, PhraseError)| {
            let (source, line) = origins[rule];
            LexiconError {
                source: source.to_owned(),
                line,
                message: error.to_string(),
            }
        })?;
        Ok(Lexicon { phrases, masked })
    }
}

/// The single-word profanity and insult rules, for the masked-word matcher.
fn masked_words(rules: &[(Cue, u8, &str)]) -> MaskedWords<(Cue, u8)> {
    let mut masked = MaskedWords::new();
    for &(cue, weight, phrase) in rules {
        let offensive = matches!(cue, Cue::Profanity | Cue::Category(Category::Inflammatory));
        if !offensive || phrase.split_whitespace().count() != 1 {
            continue;
        }
        let (word, stem) = match phrase.strip_suffix('*') {
            Some(word) => (word, true),
            None => (phrase, false),
        };
        masked.add(Normalized::new(word).as_str(), stem, (cue, weight));
    }
    masked
}

/// Parses one line: `None` for blanks and comments.
fn parse_line(line: &str) -> Result<Option<(Cue, u8, &str)>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut fields = line.splitn(3, char::is_whitespace);
    let cue_name = fields.next().unwrap_or_default();
    let cue = Cue::from_name(cue_name).ok_or_else(|| format!("unknown cue `{cue_name}`"))?;
    let weight = fields.next().unwrap_or_default();
    let weight = match weight.parse::<u8>() {
        Ok(w @ 1..=9) => w,
        _ => return Err(format!("weight must be 1 to 9, not `{weight}`")),
    };
    let phrase = fields.next().unwrap_or_default().trim();
    if phrase.is_empty() {
        return Err("missing phrase".to_owned());
    }
    Ok(Some((cue, weight, phrase)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_compile() {
        assert!(Lexicon::builtin().phrases.rules().len() > 100);
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
