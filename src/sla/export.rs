//! Sharing history: export to CSV (for spreadsheets) and JSON (for
//! colleagues), import a colleague's JSON, and merge it into one's own.
//!
//! The JSON file is `{"format":"firstline-history","version":1,
//! "records":[…]}` with one record per line, so an error's line number
//! points at the record. Import is all or nothing: a file of another
//! format or version, or with one bad record, is refused with a typed error
//! and the history it would have merged into stays as it was. CSV is
//! written for reading only; JSON is the exchange format. [`changes`] is
//! the merge for a store keyed by post: only the records to write.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write};

use serde::Deserialize;

use super::json::JsonError;
use super::policy::{DAY_MS, MINUTE_MS};
use super::timer::{How, InvalidTimer, State, Timer};
use crate::templates::civil_from_days;
use crate::triage::Sentiment;

/// The `format` of an export file.
pub const EXPORT_FORMAT: &str = "firstline-history";

/// The `version` of the export files written by [`export_json`].
pub const EXPORT_VERSION: u32 = 1;

/// Why an import was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON at all, or cut short.
    NotJson(JsonError),
    /// A record without the shape of one.
    Json(JsonError),
    /// JSON, but not a firstline history export.
    NotAnExport,
    /// A firstline history export of a version this code cannot read.
    UnsupportedVersion(u64),
    /// A record whose fields contradict each other.
    Invalid {
        /// Its 1-based position in `records`.
        record: usize,
        /// What is wrong.
        error: InvalidTimer,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(error) => write!(f, "this is not valid JSON ({error})"),
            ImportError::Json(error) => error.fmt(f),
            ImportError::NotAnExport => write!(f, "this is not a firstline history export"),
            ImportError::UnsupportedVersion(v) => write!(
                f,
                "history export version {v} is not supported (this version reads {EXPORT_VERSION})"
            ),
            ImportError::Invalid { record, error } => write!(f, "record {record}: {error}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// `records` as an export file: JSON, one record per line.
pub fn export_json(records: &[Timer]) -> String {
    let mut out =
        format!("{{\"format\":\"{EXPORT_FORMAT}\",\"version\":{EXPORT_VERSION},\"records\":[");
    for (i, record) in records.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(record).expect("a timer always serialises"));
    }
    out.push_str("\n]}\n");
    out
}

/// Reads an export file and checks every record ([`Timer::validate`]).
pub fn import_json(text: &str) -> Result<Vec<Timer>, ImportError> {
    #[derive(Deserialize)]
    struct ExportFile {
        format: String,
        version: u64,
        records: Vec<Timer>,
    }
    let file: ExportFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(error) => return Err(why_unreadable(text, &error)),
    };
    check_header(Some(&file.format), Some(file.version))?;
    for (i, record) in file.records.iter().enumerate() {
        record.validate().map_err(|error| ImportError::Invalid {
            record: i + 1,
            error,
        })?;
    }
    Ok(file.records)
}

/// The error for a text that did not read as an export: not JSON; JSON
/// but not an export, or of another version; else where a record went
/// wrong.
fn why_unreadable(text: &str, error: &serde_json::Error) -> ImportError {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u64>,
    }
    if error.is_syntax() || error.is_eof() {
        return ImportError::NotJson(JsonError::from(error));
    }
    match serde_json::from_str::<Header>(text) {
        Ok(header) => match check_header(header.format.as_deref(), header.version) {
            Err(wrong) => wrong,
            Ok(()) => ImportError::Json(JsonError::from(error)),
        },
        // JSON, but not an object: a number, a list.
        Err(_) => ImportError::NotAnExport,
    }
}

fn check_header(format: Option<&str>, version: Option<u64>) -> Result<(), ImportError> {
    if format != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    match version {
        Some(v) if v == u64::from(EXPORT_VERSION) => Ok(()),
        Some(v) => Err(ImportError::UnsupportedVersion(v)),
        None => Err(ImportError::NotAnExport),
    }
}

/// The columns of [`export_csv`].
const CSV_HEADER: &str = "site,post_id,tier,categories,sentiment,author,excerpt,\
posted_at,seen_at,started_at,warn_at,deadline,state,answered_at,answered_how,\
snoozed_until,escalated_at,first_response_ms";

/// `records` as CSV (RFC 4180: a header row, CRLF line ends, quotes where
/// needed). Times are UTC in ISO 8601 with milliseconds; categories are
/// separated by `;`. Text from the page that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet
/// shows it instead of running it as a formula.
pub fn export_csv(records: &[Timer]) -> String {
    let mut out = String::with_capacity(256 * (records.len() + 1));
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for t in records {
        text_cell(&mut out, &t.site);
        out.push(',');
        text_cell(&mut out, &t.post_id);
        out.push(',');
        out.push_str(t.tier.name());
        out.push(',');
        for (i, c) in t.categories.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            out.push_str(c.name());
        }
        out.push(',');
        out.push_str(match t.sentiment {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        });
        out.push(',');
        text_cell(&mut out, t.author.as_deref().unwrap_or_default());
        out.push(',');
        text_cell(&mut out, &t.excerpt);
        let (answered_at, how, snoozed_until) = match t.state {
            State::Open => (None, None, None),
            State::Answered { at, how } => (Some(at), Some(how), None),
            State::Snoozed { until } => (None, None, Some(until)),
        };
        let times = [
            t.posted_at,
            Some(t.seen_at),
            Some(t.started_at),
            Some(t.warn_at),
            Some(t.deadline),
        ];
        for at in times {
            time_cell(&mut out, at);
        }
        out.push(',');
        out.push_str(match t.state {
            State::Open => "open",
            State::Answered { .. } => "answered",
            State::Snoozed { .. } => "snoozed",
        });
        time_cell(&mut out, answered_at);
        out.push(',');
        out.push_str(match how {
            Some(How::Replied) => "replied",
            Some(How::Marked) => "marked",
            None => "",
        });
        time_cell(&mut out, snoozed_until);
        time_cell(&mut out, t.escalated_at);
        out.push(',');
        if let Some(ms) = t.response_ms() {
            write!(out, "{ms}").expect("writing to a String");
        }
        out.push_str("\r\n");
    }
    out
}

/// Writes a cell of page text: defused if it could run as a formula, and
/// quoted if it holds a comma, quote or line break.
fn text_cell(out: &mut String, text: &str) {
    let defuse = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    if quote {
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Writes `,` and then the time `at`, if any, as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
fn time_cell(out: &mut String, at: Option<i64>) {
    out.push(',');
    let Some(at) = at else { return };
    let (year, month, day) = civil_from_days(at.div_euclid(DAY_MS));
    let ms = at.rem_euclid(DAY_MS);
    let (hour, minute) = (ms / (60 * MINUTE_MS), ms / MINUTE_MS % 60);
    let (second, milli) = (ms / 1000 % 60, ms % 1000);
    write!(
        out,
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z"
    )
    .expect("writing to a String");
}

/// A history merged with an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The records: the existing ones in their order (each replaced in
    /// place when the import knew more), then the new ones.
    pub records: Vec<Timer>,
    /// Posts that were not in the history.
    pub added: usize,
    /// Posts whose record was replaced by the imported one.
    pub updated: usize,
}

/// Merges `imported` into `existing`, one record per post (site + post
/// id). Of two records of a post the one that knows more is kept: an
/// answered one over an unanswered one, then the one whose clock started
/// earlier, then the one already there. Whole records are kept, never
/// mixed, so each stays consistent with the deadline it was given.
pub fn merge(existing: Vec<Timer>, imported: Vec<Timer>) -> Merged {
    let known = existing.len();
    let mut all = existing;
    all.extend(imported);
    let (mut added, mut updated) = (0, 0);
    // Per post: the position of its first record, and of the one kept.
    let kept: Vec<(usize, usize)> = {
        let mut posts: HashMap<(&str, &str), (usize, usize)> = HashMap::with_capacity(all.len());
        for (i, t) in all.iter().enumerate() {
            match posts.entry((&t.site, &t.post_id)) {
                Entry::Vacant(entry) => {
                    entry.insert((i, i));
                }
                Entry::Occupied(mut entry) => {
                    let best = &mut entry.get_mut().1;
                    if knows_more(t, &all[*best]) {
                        *best = i;
                    }
                }
            }
        }
        posts.into_values().collect()
    };
    let mut keep = vec![false; all.len()];
    for (first, best) in kept {
        if first >= known {
            added += 1;
        } else if best >= known {
            updated += 1;
        }
        all.swap(first, best);
        keep[first] = true;
    }
    let mut keep = keep.into_iter();
    all.retain(|_| keep.next().unwrap_or(false));
    Merged {
        records: all,
        added,
        updated,
    }
}

/// What merging an import changes in a stored history.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The records to write: those of new posts, and those the import
    /// replaces; records the import leaves as they were are not here.
    pub records: Vec<Timer>,
    /// Posts that were not in the history.
    pub added: usize,
    /// Posts whose record the import replaces.
    pub updated: usize,
}

/// The records to write so that a history stored one record per post
/// holds `imported` [`merge`]d in. `stored` needs to hold only the stored
/// records of the posts `imported` names (more are ignored), so a store
/// keyed by post writes the changes and nothing else.
pub fn changes(stored: Vec<Timer>, imported: Vec<Timer>) -> Changes {
    let named: HashSet<(&str, &str)> = imported
        .iter()
        .map(|t| (t.site.as_str(), t.post_id.as_str()))
        .collect();
    let before: Vec<Timer> = stored
        .into_iter()
        .filter(|t| named.contains(&(t.site.as_str(), t.post_id.as_str())))
        .collect();
    drop(named);
    let merged = merge(before.clone(), imported);
    // Merged keeps the stored records first, in their order.
    let records = merged
        .records
        .into_iter()
        .enumerate()
        .filter(|(i, t)| before.get(*i) != Some(t))
        .map(|(_, t)| t)
        .collect();
    Changes {
        records,
        added: merged.added,
        updated: merged.updated,
    }
}

/// Whether `a` knows more about its post than `b`.
fn knows_more(a: &Timer, b: &Timer) -> bool {
    let rank = |t: &Timer| (t.answered_at().is_some(), std::cmp::Reverse(t.started_at));
    rank(a) > rank(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{Policy, Sighting};
    use crate::triage::{Category, Tier};

    const T0: i64 = 1_709_251_200_000; // 2024-03-01T00:00:00Z

    fn timer(post_id: &str, seen_at: i64, text: &str) -> Timer {
        Timer::open(
            &Policy::default(),
            Sighting {
                url: None,
                site: "x".into(),
                post_id: post_id.into(),
                tier: Tier::Urgent,
                categories: vec![Category::Billing, Category::Complaint],
                sentiment: Sentiment::Negative,
                author: Some("Anna, \"the\" customer".into()),
                text: text.into(),
                posted_at: None,
                seen_at,
            },
        )
    }

    fn answered(mut t: Timer, after: i64) -> Timer {
        t.answer(t.started_at + after, How::Replied).unwrap();
        t
    }

    #[test]
    fn json_round_trips_one_record_per_line() {
        let records = vec![
            answered(timer("1", T0, "hi"), 60_000),
            timer("2", T0 + 1, "x\ny"),
        ];
        let text = export_json(&records);
        assert!(text.starts_with(r#"{"format":"firstline-history","version":1,"records":["#));
        assert_eq!(text.lines().count(), 4);
        assert_eq!(import_json(&text), Ok(records));
        assert_eq!(import_json(&export_json(&[])), Ok(vec![]));
    }

    #[test]
    fn imports_refuse_garbage_and_other_versions() {
        let text = export_json(&[timer("1", T0, "hi"), timer("2", T0, "hi")]);
        assert_eq!(
            import_json(&text.replace(r#""version":1"#, r#""version":2"#)),
            Err(ImportError::UnsupportedVersion(2))
        );
        assert_eq!(
            import_json(&text.replace("firstline-history", "firstline-pack")),
            Err(ImportError::NotAnExport)
        );
        assert_eq!(import_json(r#"{"a":1}"#), Err(ImportError::NotAnExport));
        assert_eq!(import_json("42"), Err(ImportError::NotAnExport));
        assert_eq!(import_json("[1]"), Err(ImportError::NotAnExport));
        assert_eq!(
            import_json("this is not json").unwrap_err().to_string(),
            "this is not valid JSON (line 1, column 2: expected ident)"
        );
        assert!(matches!(
            import_json("\u{0}garbage"),
            Err(ImportError::NotJson(_))
        ));
        // Cut short: not JSON, with where it ends.
        let Err(ImportError::NotJson(e)) = import_json(&text[..text.len() - 4]) else {
            panic!("a truncated export was read");
        };
        assert_eq!(
            (e.line, e.message.as_str()),
            (3, "EOF while parsing a list")
        );
        // A bad second record: its line, and nothing is imported.
        let broken = text
            .replacen(r#""tier":"urgent""#, r#""tier":"soon""#, 2)
            .replacen(r#""tier":"soon""#, r#""tier":"urgent""#, 1);
        let Err(ImportError::Json(e)) = import_json(&broken) else {
            panic!("a record with an unknown tier was imported");
        };
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("unknown variant `soon`"), "{e}");
        let mut bad = timer("3", T0, "hi");
        bad.post_id.clear();
        assert_eq!(
            import_json(&export_json(&[timer("1", T0, ""), bad]))
                .unwrap_err()
                .to_string(),
            "record 2: post_id: must not be empty"
        );
    }

    #[test]
    fn csv_quotes_and_defuses_page_text() {
        let mut t = answered(timer("1", T0, "=HYPERLINK(\"evil\"), then\nmore"), 90_000);
        t.escalated_at = Some(T0 + 1);
        let csv_text = export_csv(&[t, timer("-2", T0, "plain")]);
        assert!(csv_text.starts_with("site,post_id,"));
        assert!(csv_text.contains("\r\n"));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(header.len(), 18);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let cell = |row: usize, name: &str| {
            let column = header.iter().position(|h| h == name).unwrap();
            rows[row][column].to_string()
        };
        assert_eq!(cell(0, "excerpt"), "'=HYPERLINK(\"evil\"), then\nmore");
        assert_eq!(cell(0, "author"), "Anna, \"the\" customer");
        assert_eq!(cell(0, "categories"), "billing;complaint");
        assert_eq!(cell(0, "sentiment"), "negative");
        assert_eq!(cell(0, "started_at"), "2024-03-01T00:00:00.000Z");
        assert_eq!(cell(0, "answered_at"), "2024-03-01T00:01:30.000Z");
        assert_eq!(cell(0, "escalated_at"), "2024-03-01T00:00:00.001Z");
        assert_eq!(cell(0, "state"), "answered");
        assert_eq!(cell(0, "answered_how"), "replied");
        assert_eq!(cell(0, "first_response_ms"), "90000");
        assert_eq!(cell(1, "post_id"), "'-2");
        assert_eq!(cell(1, "posted_at"), "");
        assert_eq!(cell(1, "state"), "open");
    }

    #[test]
    fn times_before_the_epoch_are_written_too() {
        let mut out = String::new();
        time_cell(&mut out, Some(-1));
        assert_eq!(out, ",1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn changes_are_the_new_and_replaced_records_only() {
        let stored = vec![
            timer("1", T0, "a"),
            answered(timer("2", T0, "b"), 1000),
            timer("9", T0, "not imported"),
        ];
        let imported = vec![
            answered(timer("1", T0, "a"), 500), // replaces the open one
            timer("2", T0, "b"),                // knows less: stays
            timer("3", T0, "c"),                // new
            timer("3", T0, "c"),                // twice in the file
        ];
        let c = changes(stored.clone(), imported.clone());
        assert_eq!(c.records, [imported[0].clone(), imported[2].clone()]);
        assert_eq!((c.added, c.updated), (1, 1));
        // Once written, the same import changes nothing.
        let written = vec![
            c.records[0].clone(),
            stored[1].clone(),
            c.records[1].clone(),
        ];
        let again = changes(written, imported);
        assert_eq!(again.records, []);
        assert_eq!((again.added, again.updated), (0, 0));
    }

    #[test]
    fn merge_keeps_one_record_per_post_knowing_the_most() {
        let mine = vec![
            timer("1", T0, "a"),
            answered(timer("2", T0, "b"), 1000),
            timer("3", T0 + 5000, "c"),
            timer("4", T0, "d"),
        ];
        let theirs = vec![
            answered(timer("1", T0 + 10, "a"), 500), // answered beats open
            timer("2", T0 - 10, "b"),                // open loses to answered
            timer("3", T0, "c"),                     // earlier start wins
            timer("4", T0, "d"),                     // a tie keeps mine
            timer("5", T0, "e"),                     // new
            answered(timer("5", T0, "e"), 7),        // and answered twice over
        ];
        let merged = merge(mine.clone(), theirs.clone());
        let ids: Vec<&str> = merged.records.iter().map(|t| &*t.post_id).collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5"]);
        assert_eq!(merged.records[0], theirs[0]);
        assert_eq!(merged.records[1], mine[1]);
        assert_eq!(merged.records[2], theirs[2]);
        assert_eq!(merged.records[3], mine[3]);
        assert_eq!(merged.records[4], theirs[5]);
        assert_eq!((merged.added, merged.updated), (1, 2));
        // Merging again changes nothing.
        let again = merge(merged.records.clone(), theirs);
        assert_eq!(again.records, merged.records);
        assert_eq!((again.added, again.updated), (0, 0));
    }
}
