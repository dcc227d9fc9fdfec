//! The learned part of triage: sentiment and offence from a linear model
//! over hashed features.
//!
//! Lexicon rules explain; they cannot weigh a thousand small hints. A linear
//! model can, cheaply: [`features`] hashes a post into a sparse vector and
//! [`Model::score`] multiplies it by a table of weights, one row per bucket,
//! one column per output (negative, neutral, positive sentiment; offence).
//! The table is trained by [`train`] from the public datasets in
//! `../shared/data` whose licences allow it (`make train`), quantised to
//! signed bytes, and compiled into the binary.
//!
//! The weights are only valid for the features and lexicons they were
//! trained with, so the file records a [`fingerprint`] of both; a test fails
//! when a lexicon changes and the model was not retrained.

pub mod features;
pub mod train;

use std::sync::OnceLock;

use crate::text::Lang;

pub use features::{BUCKET_BITS, BUCKETS, Feature, FeatureSet, Style};

/// Outputs per bucket: negative, neutral, positive, offensive.
pub const OUTPUTS: usize = 4;
/// Bumped whenever feature extraction or text normalisation changes what a
/// feature means (the lexicons are fingerprinted by content).
pub const FEATURE_VERSION: u32 = 4;

/// Quantisation levels on each side of zero. 63 (seven bits), not 127:
/// measured on the validation sets, every score moved by at most 0.01 while
/// the gzipped weights shrank from 97 KB to 85 KB (the wasm budget is
/// 350 KB); 31 levels cost up to 0.017 of macro-F1.
const LEVELS: f32 = 63.0;

const MAGIC: &[u8; 4] = b"FLM2";
/// Languages with a threshold of their own (all of [`Lang::ALL`]).
const LANGS: usize = Lang::ALL.len();
const HEADER: usize = 4 + 4 + 8 + 4 * LANGS + 4 * OUTPUTS * 2;

/// The model's view of a post.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Probabilities of negative, neutral and positive sentiment.
    pub sentiment: [f32; 3],
    /// Probability that the post is offensive.
    pub offensive: f32,
    /// The probability from which a post in this language counts as
    /// offensive.
    pub offensive_threshold: f32,
}

/// A weights file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Not a firstline model file.
    BadMagic,
    /// Trained for a different table size.
    BucketBits(u32),
    /// Shorter or longer than its header says.
    Length(usize),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a firstline model (bad magic)"),
            ModelError::BucketBits(b) => {
                write!(f, "model has 2^{b} buckets, expected 2^{BUCKET_BITS}")
            }
            ModelError::Length(n) => write!(f, "model file has a wrong length ({n} bytes)"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Quantised weights and how to read them.
#[derive(Debug, Clone)]
pub struct Model {
    /// The lexicon and feature fingerprint the model was trained with.
    pub fingerprint: u64,
    /// Offence threshold per language, in [`Lang::ALL`] order.
    thresholds: [f32; LANGS],
    scale: [f32; OUTPUTS],
    bias: [f32; OUTPUTS],
    table: Vec<i8>,
}

/// The fingerprint of the current features, built-in lexicons and language
/// model (the detected language is a feature).
pub fn fingerprint() -> u64 {
    let lexicons: Vec<&[u8]> = crate::triage::lexicon::builtin_sources()
        .iter()
        .map(|(_, text)| text.as_bytes())
        .collect();
    let version = FEATURE_VERSION.to_le_bytes();
    let mut parts = vec![&version[..], crate::text::langid::BUILTIN_BYTES];
    parts.extend(lexicons);
    features::hash(0, &parts)
}

impl Model {
    /// The model compiled into firstline.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(include_bytes!("weights.bin"))
                .expect("built-in model is valid (tested)")
        })
    }

    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < HEADER {
            return Err(ModelError::Length(bytes.len()));
        }
        if &bytes[..4] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let f32_at = |at: usize| f32::from_bits(u32_at(at));
        let bits = u32_at(4);
        if bits != BUCKET_BITS {
            return Err(ModelError::BucketBits(bits));
        }
        if bytes.len() != HEADER + BUCKETS * OUTPUTS {
            return Err(ModelError::Length(bytes.len()));
        }
        let fingerprint = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes"));
        let thresholds = std::array::from_fn(|i| f32_at(16 + 4 * i));
        let after = 16 + 4 * LANGS;
        let scale = std::array::from_fn(|i| f32_at(after + 4 * i));
        let bias = std::array::from_fn(|i| f32_at(after + 4 * OUTPUTS + 4 * i));
        let table = bytes[HEADER..].iter().map(|&b| b as i8).collect();
        Ok(Model {
            fingerprint,
            thresholds,
            scale,
            bias,
            table,
        })
    }

    /// Writes a weights file from float weights (`BUCKETS × OUTPUTS`,
    /// row-major) and offence thresholds per language ([`Lang::ALL`]
    /// order), quantising each output's column to signed bytes.
    ///
    /// Weights are stored as whole steps of `max |w| / LEVELS` per output in
    /// one signed byte each.
    pub fn to_bytes(
        weights: &[f32],
        bias: [f32; OUTPUTS],
        thresholds: [f32; LANGS],
        fingerprint: u64,
    ) -> Vec<u8> {
        assert_eq!(weights.len(), BUCKETS * OUTPUTS, "one row per bucket");
        let mut scale = [0f32; OUTPUTS];
        for row in weights.chunks_exact(OUTPUTS) {
            for (s, w) in scale.iter_mut().zip(row) {
                *s = s.max(w.abs());
            }
        }
        for s in &mut scale {
            *s = if *s > 0.0 { *s / LEVELS } else { 1.0 };
        }
        let mut out = Vec::with_capacity(HEADER + weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BUCKET_BITS.to_le_bytes());
        out.extend_from_slice(&fingerprint.to_le_bytes());
        for t in thresholds {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for s in scale {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for b in bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        for row in weights.chunks_exact(OUTPUTS) {
            for (w, s) in row.iter().zip(scale) {
                out.push((w / s).round().clamp(-LEVELS, LEVELS) as i8 as u8);
            }
        }
        out
    }

    /// How much `features` push output `toward` above output `away`: used to
    /// find the word that explains a decision the model made.
    pub fn leaning(&self, features: &FeatureSet, toward: usize, away: usize) -> f32 {
        features
            .features()
            .iter()
            .map(|f| {
                let row = &self.table[f.bucket as usize * OUTPUTS..][..OUTPUTS];
                f.value
                    * (f32::from(row[toward]) * self.scale[toward]
                        - f32::from(row[away]) * self.scale[away])
            })
            .sum()
    }

    /// Scores a post's features; `lang` picks the offence threshold.
    pub fn score(&self, features: &FeatureSet, lang: Lang) -> Scores {
        let mut raw = [0f32; OUTPUTS];
        for f in features.features() {
            let row = &self.table[f.bucket as usize * OUTPUTS..][..OUTPUTS];
            for (r, &w) in raw.iter_mut().zip(row) {
                *r += f.value * f32::from(w);
            }
        }
        let z: [f32; OUTPUTS] = std::array::from_fn(|i| raw[i] * self.scale[i] + self.bias[i]);
        Scores {
            sentiment: softmax([z[0], z[1], z[2]]),
            offensive: sigmoid(z[3]),
            offensive_threshold: self.thresholds[lang.index()],
        }
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Probabilities from scores.
pub fn softmax(z: [f32; 3]) -> [f32; 3] {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = z.map(|v| (v - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|v| v / sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_matches_the_current_lexicons_and_features() {
        assert_eq!(
            Model::builtin().fingerprint,
            fingerprint(),
            "lexicons or features changed since the model was trained: run `make train`"
        );
    }

    #[test]
    fn quantised_round_trip_keeps_the_decision() {
        let mut weights = vec![0f32; BUCKETS * OUTPUTS];
        weights[7 * OUTPUTS + 3] = 2.0; // bucket 7 pushes toward offensive
        weights[9 * OUTPUTS] = -1.0;
        let mut thresholds = [0.5; LANGS];
        thresholds[Lang::Ru.index()] = 0.4;
        let bytes = Model::to_bytes(&weights, [0.0, 0.5, 0.0, -1.0], thresholds, 42);
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!(model.fingerprint, 42);
        let set = FeatureSet::from_features(vec![Feature {
            bucket: 7,
            value: 1.0,
        }]);
        let scores = model.score(&set, Lang::Ru);
        assert!((scores.offensive - sigmoid(1.0)).abs() < 0.01);
        assert_eq!(scores.offensive_threshold, 0.4);
        assert_eq!(model.score(&set, Lang::En).offensive_threshold, 0.5);
    }

    #[test]
    fn bad_files_are_errors() {
        assert_eq!(
            Model::from_bytes(b"nope").unwrap_err(),
            ModelError::Length(4)
        );
        let mut bytes = Model::to_bytes(&vec![0.0; BUCKETS * OUTPUTS], [0.0; 4], [0.5; LANGS], 1);
        bytes[0] = b'X';
        assert_eq!(Model::from_bytes(&bytes).unwrap_err(), ModelError::BadMagic);
    }

    #[test]
    fn softmax_sums_to_one() {
        let p = softmax([1.0, 2.0, 3.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(p[2] > p[1] && p[1] > p[0]);
    }
}
