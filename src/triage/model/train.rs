//! Training the linear model: logistic regression on hashed features with
//! AdaGrad, deterministic for a given seed.
//!
//! Every class gets the same total weight in the loss whatever its size
//! (balanced training), because the measures that matter are macro-averaged:
//! a rare class is as important as a common one.

use super::{BUCKETS, Feature, sigmoid};

/// One training example: features and a class label.
#[derive(Debug, Clone)]
pub struct Example {
    /// The post's features.
    pub features: Vec<Feature>,
    /// Its class (0-based).
    pub label: u8,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad's base learning rate.
    pub learning_rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// Seed of the shuffling.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 8,
            learning_rate: 0.5,
            l2: 1e-6,
            seed: 7,
        }
    }
}

/// Trained weights: `BUCKETS × classes` row-major, plus a bias per class.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The weights.
    pub weights: Vec<f32>,
    /// The biases.
    pub bias: Vec<f32>,
    /// Number of outputs (classes, or 1 for a binary model).
    pub outputs: usize,
}

/// A small deterministic PRNG (xorshift64*) for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, (self.next() % (i as u64 + 1)) as usize);
        }
    }
}

/// Per-class weights that give every class the same total weight.
fn class_weights(examples: &[Example], classes: usize) -> Vec<f32> {
    let mut counts = vec![0usize; classes];
    for e in examples {
        counts[e.label as usize] += 1;
    }
    counts
        .iter()
        .map(|&n| {
            if n == 0 {
                0.0
            } else {
                examples.len() as f32 / (classes * n) as f32
            }
        })
        .collect()
}

/// Trains a multinomial model for `classes ≥ 2` classes over the triage
/// table; with `classes == 2` and `binary`, a single logistic output
/// (probability of class 1).
pub fn train(examples: &[Example], classes: usize, binary: bool, config: &Config) -> Trained {
    fit(examples, classes, binary, BUCKETS, config)
}

/// Trains a multinomial model over a table of `2^bits` rows (for the
/// smaller language model).
pub fn train_with_bits(
    examples: &[Example],
    classes: usize,
    bits: u32,
    config: &Config,
) -> Trained {
    fit(examples, classes, false, 1 << bits, config)
}

fn fit(
    examples: &[Example],
    classes: usize,
    binary: bool,
    rows: usize,
    config: &Config,
) -> Trained {
    let outputs = if binary { 1 } else { classes };
    let mut weights = vec![0f32; rows * outputs];
    let mut squares = vec![1e-6f32; rows * outputs];
    let mut bias = vec![0f32; outputs];
    let mut bias_squares = vec![1e-6f32; outputs];
    let balance = class_weights(examples, classes);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(config.seed | 1);
    let mut gradient = vec![0f32; outputs];
    for _ in 0..config.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let example = &examples[i];
            let scores: Vec<f32> = (0..outputs)
                .map(|k| {
                    bias[k]
                        + example
                            .features
                            .iter()
                            .map(|f| f.value * weights[f.bucket as usize * outputs + k])
                            .sum::<f32>()
                })
                .collect();
            output_gradient(&scores, example.label as usize, binary, &mut gradient);
            let w = balance[example.label as usize];
            for k in 0..outputs {
                let g = gradient[k] * w;
                if g == 0.0 {
                    continue;
                }
                bias_squares[k] += g * g;
                bias[k] -= config.learning_rate * g / bias_squares[k].sqrt();
                for f in &example.features {
                    let at = f.bucket as usize * outputs + k;
                    let gw = g * f.value + config.l2 * weights[at];
                    squares[at] += gw * gw;
                    weights[at] -= config.learning_rate * gw / squares[at].sqrt();
                }
            }
        }
    }
    Trained {
        weights,
        bias,
        outputs,
    }
}

/// The gradient of the log loss with respect to each output's score.
fn output_gradient(scores: &[f32], label: usize, binary: bool, out: &mut [f32]) {
    if binary {
        out[0] = sigmoid(scores[0]) - if label == 1 { 1.0 } else { 0.0 };
        return;
    }
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
    for (k, s) in scores.iter().enumerate() {
        out[k] = (s - max).exp() / sum - if k == label { 1.0 } else { 0.0 };
    }
}

impl Trained {
    /// The scores of one example's features.
    pub fn scores(&self, features: &[Feature]) -> Vec<f32> {
        (0..self.outputs)
            .map(|k| {
                self.bias[k]
                    + features
                        .iter()
                        .map(|f| f.value * self.weights[f.bucket as usize * self.outputs + k])
                        .sum::<f32>()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(buckets: &[u32], label: u8) -> Example {
        Example {
            features: buckets
                .iter()
                .map(|&bucket| Feature { bucket, value: 1.0 })
                .collect(),
            label,
        }
    }

    #[test]
    fn learns_a_separable_binary_problem() {
        let data: Vec<Example> = (0..200)
            .map(|i| {
                if i % 2 == 0 {
                    example(&[1, 3], 1)
                } else {
                    example(&[2, 3], 0)
                }
            })
            .collect();
        let t = train(&data, 2, true, &Config::default());
        assert!(t.scores(&data[0].features)[0] > 1.0);
        assert!(t.scores(&data[1].features)[0] < -1.0);
    }

    #[test]
    fn learns_three_classes() {
        let data: Vec<Example> = (0..300)
            .map(|i| example(&[10 + (i % 3) as u32, 99], (i % 3) as u8))
            .collect();
        let t = train(&data, 3, false, &Config::default());
        for e in &data[..3] {
            let s = t.scores(&e.features);
            let best = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap();
            assert_eq!(best, e.label as usize);
        }
    }

    #[test]
    fn balancing_gives_a_rare_class_equal_weight() {
        let data: Vec<Example> = (0..100).map(|i| example(&[1], u8::from(i < 10))).collect();
        let w = class_weights(&data, 2);
        assert!((w[0] * 90.0 - w[1] * 10.0).abs() < 1e-3);
    }
}
