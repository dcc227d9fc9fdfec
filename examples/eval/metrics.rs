//! Scores of predicted labels against gold labels: macro-F1, macro-recall,
//! accuracy, one class's recall or precision, and the commonest confusions.

/// A class label: a short static name such as `"negative"`, `"yes"` or `"en"`.
pub type Label = &'static str;

/// One scored post: its gold label, then the predicted one.
pub type Pair = (Label, Label);

/// How a row of the table turns its pairs into one number.
#[derive(Debug, Clone, Copy)]
pub enum Metric {
    /// The mean over these classes of each class's F1.
    MacroF1(&'static [Label]),
    /// The mean over these classes of each class's recall.
    MacroRecall(&'static [Label]),
    /// The share of pairs whose prediction equals the gold label.
    Accuracy,
    /// The share of gold posts of this class predicted as it.
    Recall(Label),
    /// The share of posts predicted as this class that are gold of it.
    Precision(Label),
}

impl Metric {
    /// The score of `pairs`, or `None` when it is undefined (no pairs, or no
    /// post in the denominator of a recall or precision).
    pub fn score(self, pairs: &[Pair]) -> Option<f64> {
        if pairs.is_empty() {
            return None;
        }
        match self {
            Metric::MacroF1(classes) => mean(classes.iter().map(|&c| f1(pairs, c))),
            Metric::MacroRecall(classes) => {
                mean(classes.iter().map(|&c| recall(pairs, c).unwrap_or(0.0)))
            }
            Metric::Accuracy => ratio(
                pairs.iter().filter(|(gold, pred)| gold == pred).count(),
                pairs.len(),
            ),
            Metric::Recall(class) => recall(pairs, class),
            Metric::Precision(class) => precision(pairs, class),
        }
    }
}

/// True positives, false positives and false negatives of `class`.
fn counts(pairs: &[Pair], class: Label) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for &(gold, pred) in pairs {
        match (gold == class, pred == class) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    (tp, fp, fn_)
}

/// `num / den`, or `None` when `den` is zero.
fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The mean of `values`, or `None` when there are none.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The recall of `class`: `None` when no post is gold `class`.
pub fn recall(pairs: &[Pair], class: Label) -> Option<f64> {
    let (tp, _, fn_) = counts(pairs, class);
    ratio(tp, tp + fn_)
}

/// The precision of `class`: `None` when no post is predicted `class`.
pub fn precision(pairs: &[Pair], class: Label) -> Option<f64> {
    let (tp, fp, _) = counts(pairs, class);
    ratio(tp, tp + fp)
}

/// The F1 of `class`; 0 when it has neither gold nor predicted posts.
pub fn f1(pairs: &[Pair], class: Label) -> f64 {
    let (tp, fp, fn_) = counts(pairs, class);
    ratio(2 * tp, 2 * tp + fp + fn_).unwrap_or(0.0)
}

/// The `top` commonest (gold, predicted) pairs where the two differ, most
/// frequent first (ties in label order, so the output is stable).
pub fn confusions(pairs: &[Pair], top: usize) -> Vec<(Pair, usize)> {
    let mut tally: std::collections::BTreeMap<Pair, usize> = Default::default();
    for &pair in pairs.iter().filter(|(gold, pred)| gold != pred) {
        *tally.entry(pair).or_default() += 1;
    }
    let mut ranked: Vec<(Pair, usize)> = tally.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(top);
    ranked
}

/// Hand-computed cases.
#[cfg(test)]
mod tests {
    use super::*;

    /// Gold a a a b b c, predicted a a b b c c. Per class:
    /// a: tp 2, fp 0, fn 1 → P 1, R 2/3, F1 4/5;
    /// b: tp 1, fp 1, fn 1 → P 1/2, R 1/2, F1 1/2;
    /// c: tp 1, fp 1, fn 0 → P 1/2, R 1, F1 2/3.
    const PAIRS: [Pair; 6] = [
        ("a", "a"),
        ("a", "a"),
        ("a", "b"),
        ("b", "b"),
        ("b", "c"),
        ("c", "c"),
    ];
    /// The three classes of [`PAIRS`].
    const ABC: &[Label] = &["a", "b", "c"];

    /// Asserts `got` is `Some` and within 1e-9 of `want`.
    fn close(got: Option<f64>, want: f64) {
        let got = got.expect("a defined score");
        assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
    }

    /// Macro-F1 of [`PAIRS`] is the mean of the per-class F1s above.
    #[test]
    fn macro_f1_by_hand() {
        close(
            Metric::MacroF1(ABC).score(&PAIRS),
            (4.0 / 5.0 + 1.0 / 2.0 + 2.0 / 3.0) / 3.0,
        );
    }

    /// Macro-recall of [`PAIRS`] is the mean of the per-class recalls above.
    #[test]
    fn macro_recall_by_hand() {
        close(
            Metric::MacroRecall(ABC).score(&PAIRS),
            (2.0 / 3.0 + 1.0 / 2.0 + 1.0) / 3.0,
        );
    }

    /// Accuracy, and one class's recall and precision, of [`PAIRS`].
    #[test]
    fn accuracy_recall_precision_by_hand() {
        close(Metric::Accuracy.score(&PAIRS), 4.0 / 6.0);
        close(Metric::Recall("a").score(&PAIRS), 2.0 / 3.0);
        close(Metric::Precision("a").score(&PAIRS), 1.0);
        close(Metric::Precision("c").score(&PAIRS), 1.0 / 2.0);
    }

    /// Binary macro-F1 averages the F1 of both classes, not only "yes".
    #[test]
    fn binary_macro_f1_counts_both_classes() {
        // yes: tp 1, fp 0, fn 1 → F1 2/3; no: tp 2, fp 1, fn 0 → F1 4/5.
        let pairs = [("yes", "yes"), ("yes", "no"), ("no", "no"), ("no", "no")];
        close(
            Metric::MacroF1(&["no", "yes"]).score(&pairs),
            (2.0 / 3.0 + 4.0 / 5.0) / 2.0,
        );
    }

    /// A class with no posts has F1 0 and no recall or precision.
    #[test]
    fn a_class_never_seen_scores_zero_f1_and_undefined_recall() {
        let pairs = [("no", "no")];
        assert_eq!(f1(&pairs, "yes"), 0.0);
        assert_eq!(recall(&pairs, "yes"), None);
        assert_eq!(precision(&pairs, "yes"), None);
        assert_eq!(Metric::Accuracy.score(&[]), None);
    }

    /// Confusions come most frequent first, correct pairs left out.
    #[test]
    fn confusions_rank_by_count_then_label() {
        let pairs = [("en", "fr"), ("es", "pt"), ("es", "pt"), ("en", "en")];
        assert_eq!(
            confusions(&pairs, 5),
            vec![(("es", "pt"), 2), (("en", "fr"), 1)]
        );
        assert_eq!(confusions(&pairs, 1).len(), 1);
    }
}
