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

/// True for letters. The same as [`char::is_alphabetic`], answered without
/// a table search for the scripts that make up nearly all posts (ASCII,
/// Latin-1 and Latin Extended-A/B, Cyrillic, CJK ideographs), which the
/// standard library looks up in Unicode tables for every non-ASCII character.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0xC0..=0x24F => c != '×' && c != '÷',
        0x400..=0x481 | 0x48A..=0x52F => true,
        0x4E00..=0x9FFF => true,
        _ => c.is_alphabetic(),
    }
}

/// True for letters and digits, like [`char::is_alphanumeric`] (see
/// [`is_letter`]).
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// The lower case of `c` when it is one character that is known without the
/// standard library's table search: ASCII, basic Cyrillic (U+0400–U+045F)
/// and CJK ideographs, which make up nearly every character of a post.
/// `None` for any other character (ask [`char::to_lowercase`]).
#[inline]
pub fn simple_lower(c: char) -> Option<char> {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5A | 0x410..=0x42F => code + 0x20,
        0x400..=0x40F => code + 0x50,
        0..=0x7F | 0x430..=0x45F | 0x4E00..=0x9FFF => code,
        _ => return None,
    };
    char::from_u32(lower)
}

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
        let mut analysis = Analysis {
            normalized: Normalized::default(),
            tokens: Vec::new(),
            lang: Lang::Und,
        };
        analysis.reanalyze(text);
        analysis
    }

    /// Analyses `text` in place of the current one, reusing the buffers.
    pub fn reanalyze(&mut self, text: &str) {
        self.reanalyze_visiting(text, |_| {});
    }

    /// [`Analysis::reanalyze`], showing `visit` every character of `text`
    /// on the way (see [`Normalized::renormalize_visiting`]).
    #[inline]
    pub fn reanalyze_visiting(&mut self, text: &str, mut visit: impl FnMut(char)) {
        let mut letters = lang::Letters::default();
        self.normalized.renormalize_visiting(text, |c| {
            letters.count(c);
            visit(c);
        });
        tokens::tokenize_into(self.normalized.as_str(), &mut self.tokens);
        self.lang = lang::detect_counted(&letters, text, self.normalized.as_str(), &self.tokens);
    }

    /// The original character span of the words `first..=last`.
    pub fn word_span(&self, first: usize, last: usize) -> (usize, usize) {
        self.normalized.original_span(
            self.tokens[first].start as usize,
            self.tokens[last].end as usize,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_letter_checks_agree_with_the_standard_library() {
        let ranges = [
            0u32..0x3000,
            0x4E00..0x4F00,
            0x1F300..0x1F700,
            0xFF00..0xFFFF,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn simple_lower_case_agrees_with_the_standard_library() {
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            if let Some(lower) = simple_lower(c) {
                assert!(c.to_lowercase().eq([lower]), "{c:?}");
            }
        }
        assert_eq!(simple_lower('Ё'), Some('ё'));
        assert_eq!(simple_lower('É'), None);
    }
}
