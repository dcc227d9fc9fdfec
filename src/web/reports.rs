//! The reports page's side of the history: a report over stored report
//! rows, exports, and imports merged into the store.
//!
//! Built only into the pages' wasm (feature `pages`): the service worker
//! writes records and never reports. History crosses the boundary as text:
//! stored rows or records as JSON Lines in (one [row](sla::ReportRow) or
//! [record](sla::to_record) per line, as `history.js` reads them), JSON
//! out; records ready for the store are `{key, started_at, line}`, the
//! shape `history.js` keeps (which makes their rows itself, with
//! `reportRow`).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::editing::json_text;
use crate::sla::{self, Period, Report, Timer};

/// The most messages about unreadable records a report carries (the count
/// is always whole).
const MAX_PROBLEMS: usize = 20;

/// A report, and the stored records it had to leave out.
#[derive(Serialize)]
struct ReportResult {
    report: Report,
    /// How many stored records could not be read.
    unreadable: usize,
    /// Why, for the first [`MAX_PROBLEMS`] of them: `record N: …`, N
    /// counting the lines given from 1.
    problems: Vec<String>,
}

/// A record as the store keeps it.
#[derive(Serialize)]
struct StoredRecord {
    key: String,
    started_at: i64,
    line: String,
}

impl From<&Timer> for StoredRecord {
    fn from(timer: &Timer) -> StoredRecord {
        StoredRecord {
            key: timer.key(),
            started_at: timer.started_at,
            line: sla::to_record(timer),
        }
    }
}

/// What an import writes to the store.
#[derive(Serialize)]
struct MergeResult {
    records: Vec<StoredRecord>,
    added: usize,
    updated: usize,
}

fn stored(records: &[Timer]) -> Vec<StoredRecord> {
    records.iter().map(StoredRecord::from).collect()
}

/// The report over the records of the report rows `rows` (JSON Lines, one
/// [row](sla::ReportRow) per line, as `history.js` reads them; a line may
/// be a whole record where no row could be made of it) whose clock started
/// in `[from_ms, to_ms)`, by day in a zone `utc_offset_minutes` east of
/// UTC, breaches judged at `now_ms`, as JSON text: `{report, unreadable,
/// problems}`. Unreadable lines are left out and counted.
#[wasm_bindgen(js_name = historyReportRows)]
pub fn history_report_rows(
    rows: &str,
    from_ms: f64,
    to_ms: f64,
    utc_offset_minutes: i32,
    now_ms: f64,
) -> String {
    let period = Period {
        from: from_ms as i64,
        to: to_ms as i64,
        utc_offset_minutes,
    };
    let mut skipped = Vec::new();
    let rows = sla::read_rows(rows).filter_map(|row| row.map_err(|s| skipped.push(s)).ok());
    let report = sla::report_rows(rows, period, now_ms as i64);
    json_text(&ReportResult {
        report,
        unreadable: skipped.len(),
        problems: skipped
            .iter()
            .take(MAX_PROBLEMS)
            .map(|s| format!("record {}: {}", s.line, s.error))
            .collect(),
    })
}

/// The stored records `lines` (JSON Lines) as an export file: `format`
/// `csv` (for spreadsheets) or `json` (for colleagues to import).
/// Unreadable records are left out, as in the report.
#[wasm_bindgen(js_name = exportHistory)]
pub fn export_history(lines: &str, format: &str) -> Result<String, JsError> {
    let records = sla::parse_history(lines).records;
    match format {
        "csv" => Ok(sla::export_csv(&records)),
        "json" => Ok(sla::export_json(&records)),
        other => Err(JsError::new(&format!("unknown export format {other:?}"))),
    }
}

/// A colleague's export file as the records to store, JSON text
/// `[{key, started_at, line}]`. A file that is not an export, of another
/// version, or with a bad record throws a message saying which (with the
/// line and column for broken JSON): nothing of it is to be stored.
#[wasm_bindgen(js_name = importHistory)]
pub fn import_history(text: &str) -> Result<String, JsError> {
    let records = sla::import_json(text).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(json_text(&stored(&records)))
}

/// What storing the imported records `imported` (JSON Lines of records, as
/// [`import_history`] gives them) changes, against `stored` (JSON Lines:
/// the stored records, at least those of the imported posts): JSON text
/// `{records, added, updated}`, the records to write (`{key, started_at,
/// line}`, one per post, each knowing the most of its post) and how many
/// posts are new or updated. Unreadable stored records are overwritten.
#[wasm_bindgen(js_name = mergeHistory)]
pub fn merge_history(stored_lines: &str, imported: &str) -> Result<String, JsError> {
    let imported = sla::parse_history(imported);
    if let Some(bad) = imported.skipped.first() {
        return Err(JsError::new(&format!("record {}: {}", bad.line, bad.error)));
    }
    let changes = sla::changes(sla::parse_history(stored_lines).records, imported.records);
    Ok(json_text(&MergeResult {
        records: stored(&changes.records),
        added: changes.added,
        updated: changes.updated,
    }))
}
