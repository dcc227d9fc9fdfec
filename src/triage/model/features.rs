//! Features of a post for the learned model, hashed into a fixed table.
//!
//! Rules say *why*; the model weighs everything else. Its features are:
//!
//! * every word (numbers folded to one word) and every pair of adjacent
//!   words;
//! * every character trigram inside a word, with word boundaries marked —
//!   what carries meaning through inflection (Russian, Ukrainian), through
//!   obfuscation, and through scripts without spaces (Chinese);
//! * emoji and other pictographs, one feature each;
//! * style: exclamation and question marks, words in capitals, stretched
//!   letters, links; and the language, so each language gets its own offset;
//! * the lexicon's cues, counted per kind (how many negative words, how many
//!   complaint phrases…). These are language-independent, which lets what the
//!   model learns from languages with training data carry over to the
//!   languages without.
//!
//! Each feature is hashed ([`hash`]) to a bucket of a table of
//! `2^BUCKET_BITS` rows and a sign; collisions are tolerated, as in any
//! hashing-trick model. Values are scaled so every post's vector has unit
//! length, making long and short posts comparable.

pub use crate::text::hashing::{Feature, hash, hash_chars};
use crate::text::tokens::is_unspaced_script;
use crate::text::{Analysis, is_letter, simple_lower};
use crate::triage::lexicon::Cue;
use crate::triage::{Category, CueMatch};

/// log2 of the number of buckets.
pub const BUCKET_BITS: u32 = 15;
/// Number of buckets.
pub const BUCKETS: usize = 1 << BUCKET_BITS;

/// Feature kinds (the first byte of every hash).
mod kind {
    pub const WORD: u8 = 1;
    pub const BIGRAM: u8 = 2;
    pub const TRIGRAM: u8 = 3;
    pub const EMOJI: u8 = 4;
    pub const STYLE: u8 = 5;
    pub const CUE: u8 = 6;
}

/// Collects hashed features, then scales them to unit length.
#[derive(Debug, Default)]
pub struct FeatureSet {
    features: Vec<Feature>,
    /// The style of the last text [`FeatureSet::reextract`] read (kept only
    /// to reuse its buffer).
    style: Style,
}

/// What the model reads in a post's characters as written: its pictographs,
/// exclamation and question marks, words in capitals and stretched letters.
/// It is fed one character at a time ([`Style::see`]), so that the pass
/// that normalises a post can collect it on the way.
#[derive(Debug, Clone)]
pub struct Style {
    /// The pictographs, in text order.
    pictographs: Vec<char>,
    exclaim: u8,
    question: u8,
    caps_words: u8,
    stretched: bool,
    /// The current run of letters: its length, and whether all are capitals.
    run_len: u32,
    run_upper: bool,
    /// The last character, and how many times in a row it came before it.
    last: char,
    repeat: u8,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            pictographs: Vec::new(),
            exclaim: 0,
            question: 0,
            caps_words: 0,
            stretched: false,
            run_len: 0,
            run_upper: true,
            last: '\0',
            repeat: 0,
        }
    }
}

impl Style {
    /// Forgets the text seen so far, keeping the buffer.
    pub fn clear(&mut self) {
        let mut pictographs = std::mem::take(&mut self.pictographs);
        pictographs.clear();
        *self = Style {
            pictographs,
            ..Style::default()
        };
    }

    /// Reads the next character of the text.
    #[inline]
    pub fn see(&mut self, c: char) {
        if is_pictograph(c) {
            self.pictographs.push(c);
        }
        match c {
            '!' | '！' => self.exclaim = self.exclaim.saturating_add(1),
            '?' | '？' => self.question = self.question.saturating_add(1),
            _ => {}
        }
        let letter = is_letter(c);
        if letter {
            self.run_len += 1;
            // The capitals of nearly every letter in posts are known
            // without char::is_uppercase's table search.
            self.run_upper &= simple_lower(c).map_or_else(|| c.is_uppercase(), |lower| lower != c);
        } else {
            self.end_run();
        }
        self.repeat = if c == self.last {
            self.repeat.saturating_add(1)
        } else {
            0
        };
        self.stretched |= self.repeat >= 2 && letter;
        self.last = c;
    }

    /// Ends the current run of letters, counting it if it is a word in
    /// capitals.
    fn end_run(&mut self) {
        if self.run_len >= 3 && self.run_upper {
            self.caps_words = self.caps_words.saturating_add(1);
        }
        self.run_len = 0;
        self.run_upper = true;
    }
}

impl FeatureSet {
    /// The features of a post: `text` as written, its analysis, and the
    /// lexicon cues found in it.
    pub fn extract(text: &str, analysis: &Analysis, cues: &[CueMatch]) -> FeatureSet {
        let mut set = FeatureSet::default();
        set.reextract(text, analysis, cues);
        set
    }

    /// The same as [`FeatureSet::extract`], reusing this set's buffer.
    pub fn reextract(&mut self, text: &str, analysis: &Analysis, cues: &[CueMatch]) {
        let mut style = std::mem::take(&mut self.style);
        style.clear();
        text.chars().for_each(|c| style.see(c));
        self.reextract_with_style(text, analysis, &style, cues);
        self.style = style;
    }

    /// The same as [`FeatureSet::reextract`], with the `style` of `text`
    /// already read (every character of it shown to [`Style::see`]).
    pub fn reextract_with_style(
        &mut self,
        text: &str,
        analysis: &Analysis,
        style: &Style,
        cues: &[CueMatch],
    ) {
        self.features.clear();
        self.words(analysis);
        self.push(hash(
            kind::STYLE,
            &[b"lang", analysis.lang.code().as_bytes()],
        ));
        self.pictographs_and_style(text, style);
        self.cues(cues);
        self.normalize();
    }

    /// A set of given features (for tests and tools).
    pub fn from_features(features: Vec<Feature>) -> FeatureSet {
        FeatureSet {
            features,
            style: Style::default(),
        }
    }

    /// The features.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    fn push(&mut self, h: u64) {
        crate::text::hashing::push(&mut self.features, h, BUCKET_BITS);
    }

    fn words(&mut self, analysis: &Analysis) {
        let text = analysis.normalized.as_str();
        let mut previous: &[u8] = b"<s>";
        for token in &analysis.tokens {
            let word = &text[token.range()];
            let word_bytes: &[u8] = if word.bytes().all(|b| b.is_ascii_digit()) {
                b"<num>"
            } else {
                word.as_bytes()
            };
            self.push(hash(kind::WORD, &[word_bytes]));
            self.push(hash(kind::BIGRAM, &[previous, word_bytes]));
            previous = word_bytes;
            if !word.chars().next().is_some_and(is_unspaced_script) {
                self.trigrams(word);
            }
        }
    }

    /// The features one word contributes on its own (the word and its
    /// trigrams, unscaled): what [`super::Model::leaning`] weighs to explain
    /// a decision by its strongest word.
    pub fn of_word(word: &str) -> FeatureSet {
        let mut set = FeatureSet::default();
        set.reextract_word(word);
        set
    }

    /// The same as [`FeatureSet::of_word`], reusing this set's buffer (for
    /// weighing every word of a post in turn).
    pub fn reextract_word(&mut self, word: &str) {
        self.features.clear();
        self.push(hash(kind::WORD, &[word.as_bytes()]));
        if !word.chars().next().is_some_and(is_unspaced_script) {
            self.trigrams(word);
        }
    }

    /// Character trigrams of `^word$`.
    fn trigrams(&mut self, word: &str) {
        let mut chars = word.chars();
        let Some(second) = chars.next() else {
            return;
        };
        let (mut first, mut second) = ('^', second);
        for c in chars.chain(std::iter::once('$')) {
            self.push(hash_chars(kind::TRIGRAM, &[first, second, c]));
            (first, second) = (second, c);
        }
    }

    fn pictographs_and_style(&mut self, text: &str, style: &Style) {
        for &c in &style.pictographs {
            let mut buf = [0u8; 4];
            self.push(hash(kind::EMOJI, &[c.encode_utf8(&mut buf).as_bytes()]));
        }
        // A run of letters that ends the text ends here.
        let mut caps_words = style.caps_words;
        if style.run_len >= 3 && style.run_upper {
            caps_words = caps_words.saturating_add(1);
        }
        let (exclaim, question, stretched) = (style.exclaim, style.question, style.stretched);
        let style: [(&[u8], u8); 5] = [
            (b"!", exclaim.min(3)),
            (b"?", question.min(3)),
            (b"caps", caps_words.min(3)),
            (b"stretch", u8::from(stretched)),
            (b"link", u8::from(text.contains("http"))),
        ];
        for (name, level) in style {
            if level > 0 {
                self.push(hash(kind::STYLE, &[name, &[level]]));
            }
        }
        self.push(hash(kind::STYLE, &[b"bias"]));
    }

    fn cues(&mut self, cues: &[CueMatch]) {
        let mut counts = [0u8; Category::ALL.len() + 4];
        for cue in cues {
            let slot = match cue.cue {
                Cue::Category(c) => c as usize,
                Cue::Positive => Category::ALL.len(),
                Cue::Negative => Category::ALL.len() + 1,
                Cue::Profanity => Category::ALL.len() + 2,
                Cue::Negator => Category::ALL.len() + 3,
            };
            counts[slot] = counts[slot].saturating_add(cue.weight);
        }
        for (slot, &count) in counts.iter().enumerate() {
            if count > 0 {
                let level = match count {
                    1 | 2 => 1,
                    3..=5 => 2,
                    _ => 3,
                };
                self.push(hash(kind::CUE, &[&[slot as u8, level]]));
            }
        }
    }

    fn normalize(&mut self) {
        crate::text::hashing::normalize(&mut self.features);
    }
}

/// Emoji and other pictographs (the main blocks; skin-tone modifiers and
/// joiners are left out).
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{1F300}'..='\u{1F5FF}' | '\u{1F600}'..='\u{1F64F}' | '\u{1F680}'..='\u{1F6FF}'
        | '\u{1F900}'..='\u{1F9FF}' | '\u{1FA70}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}'
        | '\u{2B50}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str) -> Vec<Feature> {
        let analysis = Analysis::new(text);
        FeatureSet::extract(text, &analysis, &[])
            .features()
            .to_vec()
    }

    #[test]
    fn vectors_have_unit_length() {
        let f = features("You charged me twice 😡!!");
        let norm: f32 = f.iter().map(|f| f.value * f.value).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        assert!(f.iter().all(|f| (f.bucket as usize) < BUCKETS));
    }

    #[test]
    fn same_words_same_features_whatever_the_case() {
        let mut a: Vec<u32> = features("GREAT service").iter().map(|f| f.bucket).collect();
        let mut b: Vec<u32> = features("great service").iter().map(|f| f.bucket).collect();
        a.sort_unstable();
        b.sort_unstable();
        // Only the style feature for capitals differs.
        assert_eq!(a.len(), b.len() + 1);
    }

    #[test]
    fn a_word_of_n_chars_has_n_trigrams() {
        let mut set = FeatureSet::default();
        set.trigrams("abcd"); // ^ab abc bcd cd$
        assert_eq!(set.features.len(), 4);
        let mut set = FeatureSet::default();
        set.trigrams("a"); // ^a$
        assert_eq!(set.features.len(), 1);
    }

    #[test]
    fn emoji_count_as_features() {
        assert!(features("😡").len() > features("").len());
    }
}
