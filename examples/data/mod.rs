//! Reading the public datasets in `../shared/data` for training: each loader
//! returns `(text, label)` rows of one split. What evaluation must read the
//! same way is in `shared.rs`, which `eval.rs` includes too.
//!
//! Every dataset's README documents its columns, labels and licence; the
//! loaders here only follow them.

pub mod shared;

use std::path::{Path, PathBuf};

pub use shared::UMSAB;
use shared::decode_unicode_escapes;

/// A labelled text.
pub type Row = (String, u8);

/// Where the data is: `--data DIR`, or `../shared/data` beside the crate.
pub fn data_dir() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

/// TweetEval-style folders: `<split>_text.txt` and `<split>_labels.txt`
/// aligned by line; `map` turns a label into ours (or drops the row).
pub fn text_and_labels(dir: &Path, split: &str, map: impl Fn(u8) -> Option<u8>) -> Vec<Row> {
    let read = |name: String| {
        std::fs::read_to_string(dir.join(&name))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()))
    };
    let texts = read(format!("{split}_text.txt"));
    let labels = read(format!("{split}_labels.txt"));
    texts
        .lines()
        .zip(labels.lines())
        .filter_map(|(text, label)| {
            let label: u8 = label.trim().parse().ok()?;
            map(label).map(|l| (decode_unicode_escapes(text.trim()), l))
        })
        .collect()
}

/// A CSV file's rows as `(text, label)`, with the text in column `text_col`
/// and the label computed from the record by `label`.
pub fn csv_rows(
    path: &Path,
    text_col: &str,
    label: impl Fn(&csv::StringRecord, &csv::StringRecord) -> Option<u8>,
) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("a header row").clone();
    let text_at = headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == text_col)
        .unwrap_or_else(|| panic!("{}: no column `{text_col}`", path.display()));
    reader
        .records()
        .filter_map(|record| {
            let record = record.ok()?;
            let text = record.get(text_at)?.to_owned();
            label(&headers, &record).map(|l| (text, l))
        })
        .collect()
}

/// The value of column `name` in `record`.
pub fn column<'r>(
    headers: &csv::StringRecord,
    record: &'r csv::StringRecord,
    name: &str,
) -> Option<&'r str> {
    let at = headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == name)?;
    record.get(at)
}
