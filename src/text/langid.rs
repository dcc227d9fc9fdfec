//! Telling Latin-script languages apart with a small learned model.
//!
//! Scripts separate most languages for free (see [`super::lang`]); within
//! the Latin script, function words are not enough: short tweets, names,
//! hashtags and romanised Hindi defeat them. This model scores a text's
//! character trigrams and words (lower-cased, accents kept: `ñ`, `ã`,
//! `ß` are strong evidence) against a table of `2^LANGID_BITS` rows with one
//! column per language of [`LATIN`]. It is trained by `make train` on the
//! UMSAB tweets (Apache-2.0) and compiled in, like the triage model.
//!
//! Mentions (`@user`) and links carry no language and are skipped.

use std::sync::OnceLock;

use super::hashing::{Feature, hash_chars, normalize, push};
use super::{Lang, is_letter, simple_lower};

/// log2 of the number of rows.
pub const LANGID_BITS: u32 = 11;
/// Bumped whenever the features change meaning.
pub const LANGID_VERSION: u32 = 2;
/// The languages the model tells apart, in column order.
pub const LATIN: [Lang; 7] = [
    Lang::En,
    Lang::Es,
    Lang::Pt,
    Lang::Fr,
    Lang::De,
    Lang::It,
    Lang::Hi,
];

/// The compiled-in weights file.
pub const BUILTIN_BYTES: &[u8] = include_bytes!("langid.bin");

/// How far behind the best score English may be and still win: short
/// posts give the model little to go on, and English is the commonest
/// language of support. Chosen on the UMSAB validation tweets and short
/// support phrases once English was trained on TweetEval's tweets too: 0.5
/// and 0 score the same, 1.0 took short Spanish and French for English.
const ENGLISH_PRIOR: f32 = 0.5;

const MAGIC: &[u8; 4] = b"FLL1";
const COLUMNS: usize = LATIN.len();
const HEADER: usize = 4 + 4 + 4 + 4 * COLUMNS * 2;

/// The language model's weights.
#[derive(Debug, Clone)]
pub struct LangModel {
    /// The feature version the model was trained with.
    pub version: u32,
    scale: [f32; COLUMNS],
    bias: [f32; COLUMNS],
    table: Vec<i8>,
}

/// The features of raw `text`: each word, and the character n-grams of
/// `^word$` of the orders in [`ORDERS`], lower-cased.
pub fn features(text: &str) -> Vec<Feature> {
    let mut out = Vec::new();
    features_into(text, &mut out, &mut Vec::new());
    out
}

/// [`features`] into reused buffers.
fn features_into(text: &str, out: &mut Vec<Feature>, word: &mut Vec<char>) {
    out.clear();
    word.clear();
    for raw in text.split_whitespace() {
        if raw.starts_with('@') || raw.contains("http") || raw.starts_with("www.") {
            continue;
        }
        for c in raw.chars().chain(std::iter::once(' ')) {
            if is_letter(c) || c == '\'' {
                match simple_lower(c) {
                    Some(lower) => word.push(lower),
                    None => word.extend(c.to_lowercase()),
                }
            } else if !word.is_empty() {
                word_features(word, out);
                word.clear();
            }
        }
    }
    normalize(out);
}

/// The n-gram orders used (unigrams and bigrams added nothing on the
/// validation tweets).
const ORDERS: [usize; 1] = [3];

fn word_features(word: &[char], out: &mut Vec<Feature>) {
    if !word.iter().any(|&c| is_letter(c)) {
        return;
    }
    push(out, hash_chars(10, word), LANGID_BITS);
    let mut padded = [' '; 34];
    if word.len() + 2 > padded.len() {
        return;
    }
    padded[0] = '^';
    padded[1..=word.len()].copy_from_slice(word);
    padded[word.len() + 1] = '$';
    let padded = &padded[..word.len() + 2];
    for n in ORDERS {
        for gram in padded.windows(n) {
            push(out, hash_chars(10 + n as u8, gram), LANGID_BITS);
        }
    }
}

/// True when `text` has a word of romanised Hindi that English does not use
/// ("hai", "nahi", "kya"…). The Hindi tweets of UMSAB include many written
/// entirely in English; training teaches "romanised Hindi" only from those
/// that are (so plain English is never taken for Hindi).
pub fn has_hinglish_word(text: &str) -> bool {
    words(text).any(|w| HINGLISH_WORDS.binary_search(&w.as_str()).is_ok())
}

/// Common words of romanised Hindi (pronouns, postpositions, auxiliaries,
/// negations, the everyday verbs and particles), in their usual chat
/// spellings, sorted for a binary search. Words that are also common in
/// English or the other Latin-script languages ("me", "par", "log", "sala",
/// "mat") are left out: this list decides whether Hindi may be guessed.
const HINGLISH_WORDS: &[&str] = &[
    "aaj", "aap", "aapka", "aapke", "aapki", "aapko", "aapse", "abhi", "accha", "acha", "achha",
    "agar", "apka", "apke", "apki", "apko", "apse", "aur", "bahot", "bahut", "bhai", "bhaiya",
    "bhi", "bilkul", "bohot", "bola", "boli", "bolo", "chal", "chalo", "diya", "gaya", "gayi",
    "gya", "gye", "gyi", "h", "hai", "hain", "hamara", "hamare", "hamesha", "hoga", "hoon", "hota",
    "hote", "hoti", "hua", "hue", "hui", "hum", "humara", "iska", "iski", "isko", "jab", "ji",
    "jo", "jyada", "kabhi", "kafi", "kahan", "kaise", "kar", "karna", "karni", "karo", "karta",
    "karte", "kaun", "ke", "ki", "kitna", "kitne", "kiya", "ko", "koi", "kr", "krna", "krte",
    "kuch", "kuchh", "kya", "kyon", "kyu", "kyun", "kyunki", "lekin", "liya", "magar", "maine",
    "mein", "mera", "mere", "meri", "mje", "mjhe", "mujhe", "nahi", "nahin", "nhi", "phir",
    "pyaar", "pyar", "raha", "rahi", "rha", "rhe", "rhi", "sab", "sabka", "sabse", "sahi", "se",
    "sirf", "tera", "tere", "teri", "tha", "thi", "thoda", "toh", "tujhe", "tum", "tumhara",
    "tumhare", "uska", "uski", "usko", "usne", "wala", "wali", "woh", "yaar", "yahan", "ye", "yeh",
    "zyada",
];

/// Lower-cased words of `text`, without mentions and links.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .filter(|w| !w.starts_with('@') && !w.contains("http") && !w.starts_with("www."))
        .flat_map(|w| w.split(|c: char| !(c.is_alphabetic() || c == '\'')))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
}

/// An unusable weights file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangModelError(pub String);

impl std::fmt::Display for LangModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "language model: {}", self.0)
    }
}

impl std::error::Error for LangModelError {}

impl LangModel {
    /// The model compiled into firstline.
    pub fn builtin() -> &'static LangModel {
        static MODEL: OnceLock<LangModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            LangModel::from_bytes(BUILTIN_BYTES).expect("built-in language model is valid (tested)")
        })
    }

    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<LangModel, LangModelError> {
        let rows = 1usize << LANGID_BITS;
        if bytes.len() != HEADER + rows * COLUMNS {
            return Err(LangModelError(format!(
                "wrong length ({} bytes)",
                bytes.len()
            )));
        }
        if &bytes[..4] != MAGIC {
            return Err(LangModelError("bad magic".to_owned()));
        }
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        if u32_at(4) != LANGID_BITS {
            return Err(LangModelError(format!(
                "2^{} rows, expected 2^{LANGID_BITS}",
                u32_at(4)
            )));
        }
        Ok(LangModel {
            version: u32_at(8),
            scale: std::array::from_fn(|i| f32::from_bits(u32_at(12 + 4 * i))),
            bias: std::array::from_fn(|i| f32::from_bits(u32_at(12 + 4 * COLUMNS + 4 * i))),
            table: bytes[HEADER..].iter().map(|&b| b as i8).collect(),
        })
    }

    /// Writes a weights file from float weights (rows × [`LATIN`] columns).
    pub fn to_bytes(weights: &[f32], bias: &[f32]) -> Vec<u8> {
        assert_eq!(weights.len(), (1 << LANGID_BITS) * COLUMNS);
        let mut scale = [0f32; COLUMNS];
        for row in weights.chunks_exact(COLUMNS) {
            for (s, w) in scale.iter_mut().zip(row) {
                *s = s.max(w.abs() / 127.0);
            }
        }
        let mut out = Vec::with_capacity(HEADER + weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&LANGID_BITS.to_le_bytes());
        out.extend_from_slice(&LANGID_VERSION.to_le_bytes());
        for s in scale {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for b in bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        for row in weights.chunks_exact(COLUMNS) {
            for (w, s) in row.iter().zip(scale) {
                let q = if s > 0.0 {
                    (w / s).round().clamp(-127.0, 127.0)
                } else {
                    0.0
                };
                out.push(q as i8 as u8);
            }
        }
        out
    }

    /// The most likely language of [`LATIN`] for raw `text`.
    pub fn classify(&self, text: &str) -> Lang {
        thread_local! {
            static FEATURES: std::cell::RefCell<(Vec<Feature>, Vec<char>)> = Default::default();
        }
        FEATURES.with_borrow_mut(|(features, word)| {
            features_into(text, features, word);
            self.classify_features(text, features)
        })
    }

    fn classify_features(&self, text: &str, features: &[Feature]) -> Lang {
        let mut scores = self.bias;
        for &f in features {
            let row = &self.table[f.bucket as usize * COLUMNS..][..COLUMNS];
            for ((s, &w), scale) in scores.iter_mut().zip(row).zip(self.scale) {
                *s += f.value * f32::from(w) * scale;
            }
        }
        // Romanised Hindi was learned only from texts with Hinglish words:
        // without one, it is not an answer. Looking for them costs more than
        // the scoring, so only when Hindi would win: `max_by` keeps the last
        // of equal scores and Hindi is the last column, so a Hindi that does
        // not win is strictly behind, and leaving it out changes nothing.
        let best_of = |hindi_possible: bool| {
            (0..COLUMNS)
                .filter(|&i| LATIN[i] != Lang::Hi || hindi_possible)
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
                .unwrap_or(0)
        };
        let mut best = best_of(true);
        if LATIN[best] == Lang::Hi && !has_hinglish_word(text) {
            best = best_of(false);
        }
        if scores[0] >= scores[best] - ENGLISH_PRIOR {
            return Lang::En;
        }
        LATIN[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hinglish_words_are_sorted_for_the_binary_search() {
        assert!(HINGLISH_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(has_hinglish_word("Usne bola nhi yaar"));
        assert!(!has_hinglish_word("childhood is the best part of life"));
    }

    #[test]
    fn builtin_model_matches_the_features() {
        assert_eq!(
            LangModel::builtin().version,
            LANGID_VERSION,
            "features changed: run `make train`"
        );
    }

    #[test]
    fn mentions_and_links_are_skipped() {
        let words: Vec<String> = words("@user Olá http://t.co/x www.a.pt MUITO bom!").collect();
        assert_eq!(words, ["olá", "muito", "bom"]);
    }

    #[test]
    fn tells_common_languages_apart() {
        let model = LangModel::builtin();
        assert_eq!(
            model.classify("I can't believe the order still hasn't arrived"),
            Lang::En
        );
        assert_eq!(
            model.classify("¿Dónde está mi pedido? Nadie me contesta"),
            Lang::Es
        );
        assert_eq!(
            model.classify("Meu pedido ainda não chegou, vocês podem ajudar?"),
            Lang::Pt
        );
        assert_eq!(
            model.classify("Ma commande n'est toujours pas arrivée"),
            Lang::Fr
        );
        assert_eq!(
            model.classify("Meine Bestellung ist immer noch nicht angekommen"),
            Lang::De
        );
        assert_eq!(
            model.classify("Il mio ordine non è ancora arrivato"),
            Lang::It
        );
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(LangModel::from_bytes(b"short").is_err());
    }
}
