//! How polite a draft reads, beyond its issues: the part of the score that
//! tells a warm reply from a curt one.
//!
//! A linear estimate of the Stanford Politeness Corpus's normalised score
//! (a z-score: 0 is an average request, +1 a polite one, −1 a rude one)
//! from [`FEATURES`]: which politeness strategies the draft uses (the
//! markers of Danescu-Niculescu-Mizil et al., 2013 — please, thanks,
//! greetings, apologies, hedges, indirect requests, a blunt first word…, as
//! the tone lexicons' cues, so every language has them), the harsh cues, the
//! triage lexicons' sentiment words, and the triage model's sentiment and
//! offence per sentence. Every feature is language-independent, so weights
//! learned on English requests apply to every language with a lexicon.
//!
//! English drafts add a second, lexical part: the words and word pairs of
//! the draft, hashed into a table of `2^WORD_BITS` weights
//! (`politeness_words.bin`, 5 KB gzipped) — what the strategies miss ("what on
//! earth", "typo", "fixed it"). The table is learned from English requests
//! only, so other languages go without it rather than read English weights
//! through hash collisions.
//!
//! Both are trained by `make train` (`cargo run --release --example train
//! -- tone`) on the corpus's train split (Apache-2.0): the feature weights
//! (`politeness_weights.rs`) by ridge regression, then the word table on what they
//! leave unexplained, by stochastic gradient descent; the ridge strengths
//! are chosen on the validation split. [`deduction`] turns the estimate into
//! up to [`MAX_DEDUCTION`] points off the score: `MAX_DEDUCTION ×
//! sigmoid(−SLOPE × estimate)`.

use std::sync::OnceLock;

use super::Context;
use super::lexicon::ToneCue;
use crate::text::Lang;
use crate::text::hashing::{self, Feature, hash};
use crate::triage::Cue;

/// log2 of the rows of the word table.
pub const WORD_BITS: u32 = 14;
/// Feature kinds of the word table's hashes (apart from the triage
/// model's).
const WORD: u8 = 21;
const PAIR: u8 = 22;
const WORDS_MAGIC: &[u8; 4] = b"FLP1";
/// Quantisation levels on each side of zero: 15 ranked the validation
/// requests as well as 127 (Spearman 0.473 both) and gzips to 5 KB instead
/// of 12; 7 lost 0.005, 3 lost 0.02.
pub const LEVELS: f32 = 15.0;

/// The most points a curt draft loses.
pub const MAX_DEDUCTION: u32 = 25;
/// How sharply the deduction falls as the estimate rises.
pub const SLOPE: f32 = 2.0;

/// The features, in the order of [`features`]'s values.
pub const FEATURES: [&str; 30] = [
    "please",
    "please_start",
    "thanks",
    "greeting",
    "apology",
    "acknowledge",
    "hedge",
    "modal",
    "deference",
    "question_start",
    "direct_start",
    "you_start",
    "you",
    "i_start",
    "we",
    "sarcasm",
    "defensive",
    "blame",
    "insult",
    "promise",
    "positive_words",
    "negative_words",
    "profanity",
    "model_negative",
    "model_positive",
    "model_offence",
    "question_mark",
    "exclamation",
    "sentences",
    "words",
];

/// The trained weights: `bias` and one per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// The estimate of a draft with every feature at 0.
    pub bias: f32,
    /// One weight per [`FEATURES`] entry.
    pub weights: [f32; FEATURES.len()],
}

// BIAS and WEIGHTS, as `make train` wrote them.
include!("politeness_weights.rs");

impl Weights {
    /// The built-in weights (`src/tone/politeness_weights.rs`).
    pub fn builtin() -> Weights {
        Weights {
            bias: BIAS,
            weights: WEIGHTS,
        }
    }

    /// The Rust source of `politeness_weights.rs` for these weights, with
    /// `header` as comment lines.
    pub fn to_rust(&self, header: &str) -> String {
        let mut out: String = header.lines().map(|l| format!("// {l}\n")).collect();
        out.push_str("\n/// The estimate of a draft with every feature at 0.\n");
        out.push_str(&format!("const BIAS: f32 = {:.4};\n\n", self.bias));
        out.push_str("/// The weight of each of [`FEATURES`], in order.\n");
        out.push_str(&format!("const WEIGHTS: [f32; {}] = [\n", FEATURES.len()));
        for (name, w) in FEATURES.iter().zip(&self.weights) {
            out.push_str(&format!("    {w:.4}, // {name}\n"));
        }
        out.push_str("];\n");
        out
    }
}

/// The features of an analysed draft, each between 0 and about 1.
pub fn features(ctx: &Context<'_>) -> [f32; FEATURES.len()] {
    let starts: Vec<usize> = ctx.sentences.iter().map(|s| s.first_word).collect();
    let any = |cue: ToneCue| f32::from(u8::from(ctx.cues.iter().any(|h| h.cue == cue)));
    let at_start = |cue: ToneCue| {
        f32::from(u8::from(
            ctx.cues
                .iter()
                .any(|h| h.cue == cue && starts.binary_search(&h.start).is_ok()),
        ))
    };
    let triage =
        |wanted: fn(Cue) -> bool| f32::from(u8::from(ctx.triage.iter().any(|c| wanted(c.cue))));
    let scored: Vec<_> = ctx.scores.iter().flatten().collect();
    let mean = |f: fn(&crate::triage::model::Scores) -> f32| {
        if scored.is_empty() {
            0.0
        } else {
            scored.iter().map(|s| f(s)).sum::<f32>() / scored.len() as f32
        }
    };
    let offence = scored
        .iter()
        .map(|s| s.offensive - s.offensive_threshold)
        .fold(-1.0f32, f32::max)
        .max(-1.0);
    let text = ctx.draft.text;
    let has = |c: &[char]| f32::from(u8::from(text.contains(c)));
    let words = ctx.sentences.iter().map(|s| s.words).sum::<usize>() as f32;
    [
        any(ToneCue::Please),
        at_start(ToneCue::Please),
        any(ToneCue::Thanks),
        any(ToneCue::Greeting),
        any(ToneCue::Apology),
        any(ToneCue::Acknowledge),
        any(ToneCue::Hedge),
        any(ToneCue::Modal),
        any(ToneCue::Deference),
        at_start(ToneCue::Question),
        at_start(ToneCue::Direct),
        at_start(ToneCue::You),
        any(ToneCue::You),
        at_start(ToneCue::I),
        any(ToneCue::We),
        any(ToneCue::Sarcasm),
        any(ToneCue::Defensive),
        any(ToneCue::Blame),
        any(ToneCue::Insult),
        f32::from(u8::from(ctx.cues.iter().any(|h| {
            matches!(h.cue, ToneCue::PromiseTime | ToneCue::PromiseMoney)
        }))),
        triage(|c| {
            matches!(
                c,
                Cue::Positive | Cue::Category(crate::triage::Category::Praise)
            )
        }),
        triage(|c| c == Cue::Negative),
        triage(|c| c == Cue::Profanity),
        mean(|s| s.sentiment[0]),
        mean(|s| s.sentiment[2]),
        offence,
        has(&['?', '？', '¿']),
        has(&['!', '！', '¡']),
        (1.0 + starts.len() as f32).ln() / 3.0,
        (1.0 + words).ln() / 5.0,
    ]
}

/// The learned weights of hashed words and word pairs, quantised to
/// [`LEVELS`] steps each side of zero, one signed byte each.
#[derive(Debug, Clone, PartialEq)]
pub struct WordWeights {
    /// The weight of one step of a byte.
    pub scale: f32,
    /// `2^WORD_BITS` weights, in steps of `scale`.
    pub table: Vec<i8>,
}

impl WordWeights {
    /// The built-in table (`src/tone/politeness_words.bin`).
    pub fn builtin() -> &'static WordWeights {
        static WORDS: OnceLock<WordWeights> = OnceLock::new();
        WORDS.get_or_init(|| {
            WordWeights::from_bytes(include_bytes!("politeness_words.bin"))
                .expect("built-in word weights are valid (tested)")
        })
    }

    /// Quantises float weights (`2^WORD_BITS` of them).
    pub fn quantise(weights: &[f32]) -> WordWeights {
        assert_eq!(weights.len(), 1 << WORD_BITS, "one weight per row");
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / LEVELS } else { 1.0 };
        WordWeights {
            scale,
            table: weights
                .iter()
                .map(|w| (w / scale).round().clamp(-LEVELS, LEVELS) as i8)
                .collect(),
        }
    }

    /// The file: magic, bits, scale, then the table.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = WORDS_MAGIC.to_vec();
        out.extend_from_slice(&WORD_BITS.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend(self.table.iter().map(|&w| w as u8));
        out
    }

    /// Reads [`WordWeights::to_bytes`]'s file.
    pub fn from_bytes(bytes: &[u8]) -> Result<WordWeights, String> {
        let header = 12;
        if bytes.len() != header + (1 << WORD_BITS) || &bytes[..4] != WORDS_MAGIC {
            return Err("not a word table of the expected size".to_owned());
        }
        let word = |at: usize| <[u8; 4]>::try_from(&bytes[at..at + 4]).expect("4 bytes");
        if u32::from_le_bytes(word(4)) != WORD_BITS {
            return Err("trained for another table size".to_owned());
        }
        Ok(WordWeights {
            scale: f32::from_le_bytes(word(8)),
            table: bytes[header..].iter().map(|&b| b as i8).collect(),
        })
    }

    /// The lexical part of the estimate for these features.
    pub fn weigh(&self, features: &[Feature]) -> f32 {
        features
            .iter()
            .map(|f| f32::from(self.table[f.bucket as usize]) * f.value)
            .sum::<f32>()
            * self.scale
    }
}

/// The hashed words and word pairs of an English draft (each sentence's
/// first and last words paired with marks of its start and of how it ends),
/// scaled to unit length (none for other languages: see the module
/// documentation).
pub fn word_features(ctx: &Context<'_>) -> Vec<Feature> {
    let mut out = Vec::new();
    if ctx.analysis.lang != Lang::En {
        return out;
    }
    let text = ctx.analysis.normalized.as_str();
    // How each sentence ends: a question is worded differently from a
    // statement ("can you help <?>").
    let end_mark = |i: usize| -> &'static [u8] {
        let s = &ctx.sentences[i];
        match ctx.draft.text[s.bytes.0..s.bytes.1].chars().next_back() {
            Some('?' | '？') => b"<?>",
            Some('!' | '！') => b"<!>",
            _ => b"</s>",
        }
    };
    let mut sentence = 0;
    let mut previous: &[u8] = b"<s>";
    for token in &ctx.analysis.tokens {
        let (start, _) = ctx
            .analysis
            .normalized
            .original_span(token.start as usize, token.end as usize);
        // A sentence's words pair with marks of its start and end: "<s>
        // why" is blunter than "why" further on.
        while sentence < ctx.sentences.len() && start >= ctx.sentences[sentence].end {
            hashing::push(
                &mut out,
                hash(PAIR, &[previous, end_mark(sentence)]),
                WORD_BITS,
            );
            previous = b"<s>";
            sentence += 1;
        }
        let word = &text[token.range()];
        let word: &[u8] = if word.bytes().all(|b| b.is_ascii_digit()) {
            b"<num>"
        } else {
            word.as_bytes()
        };
        hashing::push(&mut out, hash(WORD, &[word]), WORD_BITS);
        hashing::push(&mut out, hash(PAIR, &[previous, word]), WORD_BITS);
        previous = word;
    }
    if sentence < ctx.sentences.len() {
        hashing::push(
            &mut out,
            hash(PAIR, &[previous, end_mark(sentence)]),
            WORD_BITS,
        );
    }
    hashing::normalize(&mut out);
    out
}

/// The politeness estimate of a draft: about 0 for an average request, +1
/// for a polite one, −1 for a rude one.
pub fn estimate(ctx: &Context<'_>) -> f32 {
    BIAS + features(ctx)
        .iter()
        .zip(&WEIGHTS)
        .map(|(f, w)| f * w)
        .sum::<f32>()
        + WordWeights::builtin().weigh(&word_features(ctx))
}

/// Points off the score for how curt the draft reads (none for a draft
/// without words).
pub fn deduction(ctx: &Context<'_>) -> u32 {
    if !ctx.sentences.iter().any(|s| s.has_words()) {
        return 0;
    }
    let curt = 1.0 / (1.0 + (SLOPE * estimate(ctx)).exp());
    (MAX_DEDUCTION as f32 * curt).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::Draft;

    fn estimate_of(text: &str) -> f32 {
        estimate(&Context::new(Draft {
            text,
            ..Draft::default()
        }))
    }

    #[test]
    fn builtin_weights_are_what_training_writes() {
        let w = Weights::builtin();
        assert!(w.bias.is_finite() && w.weights.iter().all(|w| w.is_finite()));
        let source = w.to_rust("header");
        assert!(source.starts_with("// header\n"));
        for name in FEATURES {
            assert!(source.contains(&format!(" // {name}\n")), "{name}");
        }
    }

    #[test]
    fn word_tables_round_trip() {
        let builtin = WordWeights::builtin();
        assert_eq!(
            WordWeights::from_bytes(&builtin.to_bytes()).unwrap(),
            *builtin
        );
        let mut weights = vec![0.0; 1 << WORD_BITS];
        weights[3] = -0.5;
        weights[9] = 0.2;
        let q = WordWeights::quantise(&weights);
        assert_eq!((q.table[3], q.table[9]), (-15, 6));
        assert!(WordWeights::from_bytes(b"FLP1").is_err());
    }

    #[test]
    fn only_english_drafts_have_word_features() {
        let of = |text| {
            word_features(&Context::new(Draft {
                text,
                ..Draft::default()
            }))
            .len()
        };
        assert_eq!(of("Could you please send the order number?"), 15);
        assert_eq!(of("Не могли бы вы прислать номер заказа?"), 0);
    }

    #[test]
    fn polite_drafts_read_politer_than_curt_ones_in_several_languages() {
        let pairs = [
            (
                "Hi! Could you please send us the order number? Thanks so much.",
                "Why didn't you send the order number?",
            ),
            (
                "Здравствуйте! Не могли бы вы прислать номер заказа? Спасибо.",
                "Почему вы не прислали номер заказа?",
            ),
            ("您好！麻烦您提供一下订单号，谢谢。", "为什么不提供订单号？"),
            (
                "¡Hola! ¿Podría enviarnos el número de pedido, por favor? Gracias.",
                "¿Por qué no envió el número de pedido?",
            ),
            (
                "Hallo! Könnten Sie uns bitte die Bestellnummer schicken? Danke.",
                "Warum haben Sie die Bestellnummer nicht geschickt?",
            ),
        ];
        for (polite, curt) in pairs {
            let (p, c) = (estimate_of(polite), estimate_of(curt));
            assert!(p > c, "{polite} ({p}) vs {curt} ({c})");
        }
    }

    #[test]
    fn no_words_no_deduction() {
        for text in ["", "🙂🙂", "   "] {
            let ctx = Context::new(Draft {
                text,
                ..Draft::default()
            });
            assert_eq!(deduction(&ctx), 0);
        }
    }
}
