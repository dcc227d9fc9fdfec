//! The tone check's measures: how `firstline::tone::check` treats rude
//! drafts and their polite rewrites, and how its score ranks requests by
//! human politeness ratings. Each is one line of the same table as the
//! triage measures, plus a detail line under it.
//!
//! * **ParaDetox en (validation)** and **RUSSE-2022 ru (dev)**: pairs of a
//!   toxic sentence and one of its crowd-written neutral rewrites. A pair is
//!   right when the toxic side is flagged (verdict `hostile`) and the
//!   rewrite is not; every rewrite makes a pair.
//! * **Stanford Politeness (validation, Wikipedia and Stack Exchange)**:
//!   the Spearman correlation between the score and the requests' human
//!   "Normalized Score" (ties ranked by their mean rank).

use std::path::Path;

use firstline::tone::{self, Draft, ToneVerdict};

use crate::clean::clean;
use crate::shared::spearman;

/// One tone measure.
pub struct ToneRow {
    /// What the `measure` column shows; the filter argument matches it.
    pub name: &'static str,
    /// How it is computed.
    measure: fn(&Path) -> Result<Measured, String>,
    /// The lowest acceptable value.
    pub goal: f64,
}

/// What a tone measure found.
pub struct Measured {
    /// The value.
    pub value: f64,
    /// How many items it is over.
    pub n: usize,
    /// A line of detail for under the table.
    pub detail: String,
}

/// Every tone measure, in table order.
pub fn rows() -> Vec<ToneRow> {
    vec![
        ToneRow {
            name: "Tone: ParaDetox en (val): pair accuracy, toxic hostile and rewrite not",
            measure: |data| pairs(&paradetox(data)?),
            goal: 0.90,
        },
        ToneRow {
            name: "Tone: RUSSE-2022 ru (dev): pair accuracy, toxic hostile and rewrite not",
            measure: |data| pairs(&russe(data)?),
            goal: 0.85,
        },
        ToneRow {
            name: "Tone: Stanford Politeness (val): Spearman of score and human politeness",
            measure: politeness,
            goal: 0.45,
        },
    ]
}

impl ToneRow {
    /// Runs the measure on the data under `data`.
    pub fn run(&self, data: &Path) -> Result<Measured, String> {
        (self.measure)(data)
    }
}

/// True when the tone check calls `text` hostile.
fn hostile(text: &str) -> bool {
    tone::check(&Draft {
        text,
        ..Draft::default()
    })
    .verdict
        == ToneVerdict::Hostile
}

/// A toxic sentence and its neutral rewrites.
type Pair = (String, Vec<String>);

/// Pair accuracy over `pairs`, with the toxic and neutral flag rates.
fn pairs(pairs: &[Pair]) -> Result<Measured, String> {
    let (mut right, mut n, mut toxic_flagged, mut neutral_flagged) = (0, 0, 0, 0);
    for (toxic, rewrites) in pairs {
        let toxic_hostile = hostile(toxic);
        toxic_flagged += usize::from(toxic_hostile);
        for rewrite in rewrites {
            let rewrite_hostile = hostile(rewrite);
            neutral_flagged += usize::from(rewrite_hostile);
            right += usize::from(toxic_hostile && !rewrite_hostile);
            n += 1;
        }
    }
    if n == 0 {
        return Err("no pairs".to_owned());
    }
    Ok(Measured {
        value: right as f64 / n as f64,
        n,
        detail: format!(
            "toxic flagged {toxic_flagged}/{} ({:.3}), rewrites flagged {neutral_flagged}/{n} ({:.3})",
            pairs.len(),
            toxic_flagged as f64 / pairs.len() as f64,
            neutral_flagged as f64 / n as f64
        ),
    })
}

/// Reads a CSV or TSV file's records, naming the file and line on error.
fn records(path: &Path, delimiter: u8) -> Result<Vec<csv::StringRecord>, String> {
    let at = |e: csv::Error| match e.position() {
        Some(p) => format!("{}:{}: {e}", path.display(), p.line()),
        None => format!("{}: {e}", path.display()),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(path)
        .map_err(at)?;
    reader.records().map(|r| r.map_err(at)).collect()
}

/// The toxic text in `toxic` and the non-empty rewrites in `rewrites` of
/// each record.
fn pairs_of(records: &[csv::StringRecord], toxic: usize, rewrites: &[usize]) -> Vec<Pair> {
    records
        .iter()
        .map(|r| {
            let neutral = rewrites
                .iter()
                .filter_map(|&i| r.get(i))
                .filter(|t| !t.trim().is_empty())
                .map(clean)
                .collect();
            (clean(r.get(toxic).unwrap_or_default()), neutral)
        })
        .collect()
}

/// ParaDetox's validation pairs: `src_row,toxic,neutral1,neutral2,neutral3`.
fn paradetox(data: &Path) -> Result<Vec<Pair>, String> {
    let path = data.join("paradetox_en/paradetox_validation.csv");
    Ok(pairs_of(&records(&path, b',')?, 1, &[2, 3, 4]))
}

/// RUSSE-2022's dev pairs: `toxic_comment, neutral_comment1..3` (TSV).
fn russe(data: &Path) -> Result<Vec<Pair>, String> {
    let path = data.join("russe2022_detox_ru/dev.tsv");
    Ok(pairs_of(&records(&path, b'\t')?, 0, &[1, 2, 3]))
}

/// Spearman's correlation of the score with the human politeness score on
/// both validation files.
fn politeness(data: &Path) -> Result<Measured, String> {
    let mut scored: Vec<(f64, f64)> = Vec::new();
    for file in ["wikipedia_validation.csv", "stack-exchange_validation.csv"] {
        let path = data.join("stanford_politeness").join(file);
        for (i, record) in records(&path, b',')?.iter().enumerate() {
            let text = clean(record.get(3).unwrap_or_default());
            let human: f64 = record
                .get(9)
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| {
                    format!("{}: record {}: no Normalized Score", path.display(), i + 1)
                })?;
            let report = tone::check(&Draft {
                text: &text,
                ..Draft::default()
            });
            scored.push((f64::from(report.score), human));
        }
    }
    let (ours, theirs): (Vec<f64>, Vec<f64>) = scored.iter().copied().unzip();
    Ok(Measured {
        value: spearman(&ours, &theirs),
        n: scored.len(),
        detail: format!(
            "mean score {:.1}",
            ours.iter().sum::<f64>() / ours.len().max(1) as f64
        ),
    })
}
