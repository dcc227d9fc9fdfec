//! Text analysis shared by triage and tone: normalisation, words, language,
//! and phrase rules.
//!
//! Every check in firstline starts the same way: [`Normalized::new`] folds the
//! raw text into a canonical form with a map back to the original,
//! [`tokens::tokenize`] splits it into words, [`lang::detect`] guesses the
//! language, and a compiled [`phrases::PhraseSet`] finds rule phrases among
//! the words. [`Analysis`] bundles those steps so they run once per text.

pub mod hashing;
pub mod lang;
pub mod langid;
pub mod masked;
pub mod normalize;
pub mod phrases;
pub mod tokens;

pub use lang::Lang;
pub use normalize::Normalized;
pub use tokens::Token;

/// A text normalised, split into words, with its language guessed.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The normalised text and its map back to the original.
    pub normalized: Normalized,
    /// The words of the normalised text.
    pub tokens: Vec<Token>,
    /// The guessed language.
    pub lang: Lang,
}

impl Analysis {
    /// Normalises, tokenizes and detects the language of `text`.
    pub fn new(text: &str) -> Analysis {
        let normalized = Normalized::new(text);
        let tokens = tokens::tokenize(normalized.as_str());
        let lang = lang::detect(text, normalized.as_str(), &tokens);
        Analysis {
            normalized,
            tokens,
            lang,
        }
    }

    /// The original character span of the words `first..=last`.
    pub fn word_span(&self, first: usize, last: usize) -> (usize, usize) {
        self.normalized.original_span(
            self.tokens[first].start as usize,
            self.tokens[last].end as usize,
        )
    }
}
