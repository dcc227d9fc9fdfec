//! `train tone`: the politeness weights of the tone score, fitted to the
//! Stanford Politeness Corpus's normalised score:
//!
//! 1. `src/tone/politeness_weights.rs`: ridge regression on
//!    `firstline::tone::politeness`'s features, closed form;
//! 2. `src/tone/politeness_words.bin`: the hashed word table, fitted to
//!    what step 1 leaves unexplained by stochastic gradient descent with an
//!    L2 penalty (a fixed number of epochs, the requests in an order
//!    shuffled by a seeded generator).
//!
//! Trained on the corpus's train split (Wikipedia and Stack Exchange,
//! Apache-2.0); each step's strength is the one of its list whose weights
//! rank the validation split best (Spearman). Deterministic: the same data
//! gives the same files.

use std::path::Path;

use firstline::text::hashing::Feature;
use firstline::tone::politeness::{
    FEATURES, WORD_BITS, Weights, WordWeights, features, word_features,
};
use firstline::tone::{Context, Draft};

use crate::data::csv_rows;
use crate::data::shared::spearman;

/// Ridge strengths tried for the features, weakest first.
const STRENGTHS: [f64; 6] = [0.01, 0.1, 1.0, 10.0, 30.0, 100.0];
/// L2 strengths tried for the word table, weakest first.
const WORD_STRENGTHS: [f32; 5] = [1e-3, 1e-2, 3e-2, 1e-1, 3e-1];
/// Passes over the train split when fitting the word table.
const EPOCHS: usize = 30;
/// The word table's learning rate (divided by the epoch's number).
const LEARNING_RATE: f32 = 0.05;

/// The requests of a split and their normalised scores.
fn requests(dir: &Path, split: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for domain in ["wikipedia", "stack-exchange"] {
        let path = dir.join(format!("stanford_politeness/{domain}_{split}.csv"));
        // csv_rows reads labels as u8; the score is read separately.
        let texts = csv_rows(&path, "Request", |_, _| Some(0));
        let mut reader = csv::Reader::from_path(&path).expect("politeness file");
        let headers = reader.headers().expect("header").clone();
        let at = headers
            .iter()
            .position(|h| h == "Normalized Score")
            .expect("a Normalized Score column");
        let scores: Vec<f64> = reader
            .records()
            .map(|r| r.expect("record")[at].trim().parse().expect("a number"))
            .collect();
        assert_eq!(texts.len(), scores.len(), "{}", path.display());
        out.extend(texts.into_iter().map(|(t, _)| t).zip(scores));
    }
    out
}

/// The feature rows of `requests` (a 1 first for the bias) and their
/// hashed words.
fn design(requests: &[(String, f64)]) -> (Vec<Vec<f64>>, Vec<Vec<Feature>>) {
    requests
        .iter()
        .map(|(text, _)| {
            let ctx = Context::new(Draft {
                text,
                ..Draft::default()
            });
            let row = std::iter::once(1.0)
                .chain(features(&ctx).iter().map(|&f| f64::from(f)))
                .collect();
            (row, word_features(&ctx))
        })
        .unzip()
}

/// Fits a word table to `residuals` by stochastic gradient descent.
fn fit_words(words: &[Vec<Feature>], residuals: &[f64], l2: f32) -> Vec<f32> {
    let mut table = vec![0f32; 1 << WORD_BITS];
    let mut order: Vec<usize> = (0..words.len()).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for epoch in 0..EPOCHS {
        // Fisher-Yates with xorshift: the same order on every machine.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let rate = LEARNING_RATE / (epoch + 1) as f32;
        for &i in &order {
            let predicted: f32 = words[i]
                .iter()
                .map(|f| table[f.bucket as usize] * f.value)
                .sum();
            let error = predicted - residuals[i] as f32;
            for f in &words[i] {
                let w = &mut table[f.bucket as usize];
                *w -= rate * (error * f.value + l2 * *w);
            }
        }
    }
    table
}

/// The lexical part of the estimate for each request.
fn weigh(words: &[Vec<Feature>], table: &WordWeights) -> Vec<f64> {
    words.iter().map(|w| f64::from(table.weigh(w))).collect()
}

/// Solves `(XᵀX + λI) w = Xᵀy` (the bias unpenalised) by Gaussian
/// elimination with partial pivoting.
fn ridge(x: &[Vec<f64>], y: &[f64], lambda: f64) -> Vec<f64> {
    let k = x[0].len();
    let mut a = vec![vec![0.0; k + 1]; k];
    for (row, &target) in x.iter().zip(y) {
        for i in 0..k {
            for j in 0..k {
                a[i][j] += row[i] * row[j];
            }
            a[i][k] += row[i] * target;
        }
    }
    for (i, r) in a.iter_mut().enumerate().skip(1) {
        r[i] += lambda;
    }
    for col in 0..k {
        let pivot = (col..k)
            .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
            .expect("rows");
        a.swap(col, pivot);
        let p = a[col][col];
        assert!(p.abs() > 1e-12, "singular system");
        a[col][col..].iter_mut().for_each(|v| *v /= p);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col];
                for (v, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                    *v -= f * p;
                }
            }
        }
    }
    a.iter().map(|r| r[k]).collect()
}

/// The estimates of `x` under `w`.
fn predict(x: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    x.iter()
        .map(|row| row.iter().zip(w).map(|(a, b)| a * b).sum())
        .collect()
}

/// A split read for fitting: feature rows, hashed words, human scores.
struct Split {
    x: Vec<Vec<f64>>,
    words: Vec<Vec<Feature>>,
    y: Vec<f64>,
}

impl Split {
    fn of(requests: &[(String, f64)]) -> Split {
        let (x, words) = design(requests);
        Split {
            x,
            words,
            y: requests.iter().map(|(_, s)| *s).collect(),
        }
    }
}

/// Trains and writes `src/tone/politeness_weights.rs` and
/// `politeness_words.bin`.
pub fn train(dir: &Path) {
    let train = requests(dir, "train");
    let validation = requests(dir, "validation");
    eprintln!(
        "politeness: {} train, {} validation requests",
        train.len(),
        validation.len()
    );
    let Split { x, words, y } = Split::of(&train);
    let Split {
        x: xv,
        words: words_v,
        y: yv,
    } = Split::of(&validation);
    let mut best: Option<(f64, f64, Vec<f64>)> = None;
    for lambda in STRENGTHS {
        let w = ridge(&x, &y, lambda);
        let rho = spearman(&predict(&xv, &w), &yv);
        let rho_train = spearman(&predict(&x, &w), &y);
        eprintln!("  ridge {lambda:>6}: Spearman train {rho_train:.3}, validation {rho:.3}");
        if best.as_ref().is_none_or(|b| rho > b.0) {
            best = Some((rho, lambda, w));
        }
    }
    let (rho, lambda, w) = best.expect("a strength");
    let (fitted, fitted_v) = (predict(&x, &w), predict(&xv, &w));
    let residuals: Vec<f64> = y.iter().zip(&fitted).map(|(y, f)| y - f).collect();
    let mut best_words: Option<(f64, f32, WordWeights)> = None;
    for l2 in WORD_STRENGTHS {
        let raw = fit_words(&words, &residuals, l2);
        let table = WordWeights::quantise(&raw);
        let total: Vec<f64> = fitted_v
            .iter()
            .zip(weigh(&words_v, &table))
            .map(|(a, b)| a + b)
            .collect();
        let rho_words = spearman(&total, &yv);
        eprintln!("  words l2 {l2:>7}: Spearman validation {rho_words:.3}");
        if best_words.as_ref().is_none_or(|b| rho_words > b.0) {
            best_words = Some((rho_words, l2, table));
        }
    }
    let (rho_words, l2, table) = best_words.expect("a strength");
    let weights = Weights {
        bias: w[0] as f32,
        weights: std::array::from_fn(|i| w[i + 1] as f32),
    };
    let header = format!(
        "Politeness weights of the tone score: written by `make train`\n\
         (cargo run --release --example train -- tone), do not edit.\n\
         Ridge regression of the Stanford Politeness Corpus's normalised score\n\
         on the {} features of src/tone/politeness.rs: train split ({} requests,\n\
         Apache-2.0), ridge strength {lambda} chosen on the validation split\n\
         ({} requests; Spearman of the estimate {rho:.3}; with the word table of\n\
         politeness_words.bin, L2 {l2}, {rho_words:.3}).",
        FEATURES.len(),
        train.len(),
        validation.len()
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tone/politeness_weights.rs");
    std::fs::write(&path, weights.to_rust(&header)).expect("write the weights");
    let words_path = path.with_file_name("politeness_words.bin");
    std::fs::write(&words_path, table.to_bytes()).expect("write the word table");
    eprintln!(
        "politeness: wrote {} and {}",
        path.display(),
        words_path.display()
    );
}
