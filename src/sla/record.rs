//! The stored shape of history records: a [`Timer`] as one JSON object
//! with a version, `{"v":1,"site":…,…}`.
//!
//! Records are read one at a time, so a corrupt one is skipped and
//! reported ([`parse_history`]) while the others still count.
//!
//! ## Versions
//!
//! Version 1 is the only one. A record is read in two steps: its `v` first,
//! then the shape of that version ([`parse_record`]). When the shape
//! changes, the new version gets the number 2 and the reader for 1 stays,
//! converting what it reads into the new [`Timer`]: that is the one place a
//! migration goes. Records are rewritten in the new version as they are
//! next saved.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::json::JsonError;
use super::timer::{InvalidTimer, Timer};

/// The version of the record shape written by [`to_record`].
pub const RECORD_VERSION: u32 = 1;

/// Why a stored record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not the shape of a record.
    Json(JsonError),
    /// A JSON object without a version `v`.
    MissingVersion,
    /// A version this code cannot read (written by a newer one).
    UnsupportedVersion(u64),
    /// The shape is right but the fields contradict each other.
    Invalid(InvalidTimer),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Json(error) => error.fmt(f),
            RecordError::MissingVersion => write!(f, "the record has no version \"v\""),
            RecordError::UnsupportedVersion(v) => write!(
                f,
                "record version {v} is not supported (this version reads {RECORD_VERSION})"
            ),
            RecordError::Invalid(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for RecordError {}

/// `timer` as a stored record: one line of JSON with `"v":1` first.
pub fn to_record(timer: &Timer) -> String {
    #[derive(Serialize)]
    struct Stored<'a> {
        v: u32,
        #[serde(flatten)]
        timer: &'a Timer,
    }
    let stored = Stored {
        v: RECORD_VERSION,
        timer,
    };
    serde_json::to_string(&stored).expect("a timer always serialises")
}

/// Reads one stored record, of any version this code knows, and checks it
/// ([`Timer::validate`]).
pub fn parse_record(text: &str) -> Result<Timer, RecordError> {
    #[derive(Deserialize)]
    struct Version {
        v: Option<u64>,
    }
    let v = match leading_version(text) {
        Some(v) => v,
        None => {
            let version: Version = serde_json::from_str(text).map_err(json)?;
            version.v.ok_or(RecordError::MissingVersion)?
        }
    };
    let timer = read_version(v, text)?;
    timer.validate().map_err(RecordError::Invalid)?;
    Ok(timer)
}

/// The version of a record laid out as [`to_record`] writes it, `{"v":N,`
/// first, read from that prefix alone; `None` for any other layout, whose
/// version is then read by parsing the record once more. Reports read
/// every record of a period: this halves their parsing.
fn leading_version(text: &str) -> Option<u64> {
    let rest = text.strip_prefix(r#"{"v":"#)?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || !rest[digits..].starts_with(',') {
        return None;
    }
    rest[..digits].parse().ok()
}

/// Reads the shape of version `v` into the current [`Timer`]: the hook
/// where a later version converts the older shapes.
fn read_version(v: u64, text: &str) -> Result<Timer, RecordError> {
    match v {
        1 => serde_json::from_str(text).map_err(json),
        other => Err(RecordError::UnsupportedVersion(other)),
    }
}

fn json(error: serde_json::Error) -> RecordError {
    RecordError::Json(JsonError::from(&error))
}

/// A record that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its 1-based line.
    pub line: usize,
    /// What is wrong with it.
    pub error: RecordError,
}

/// The records of a history, and those that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The records read, in order.
    pub records: Vec<Timer>,
    /// The records left out.
    pub skipped: Vec<Skipped>,
}

/// Reads a history kept as JSON Lines, one [record](to_record) per line;
/// blank lines are ignored. A bad line is skipped and reported, never fatal.
pub fn parse_history(text: &str) -> History {
    let mut history = History::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_record(line) {
            Ok(timer) => history.records.push(timer),
            Err(error) => history.skipped.push(Skipped { line: i + 1, error }),
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{How, Policy, Sighting};
    use crate::triage::{Sentiment, Tier};

    const T0: i64 = 1_700_000_000_000;

    fn timer(post_id: &str) -> Timer {
        let mut t = Timer::open(
            &Policy::default(),
            Sighting {
                url: None,
                site: "bluesky".into(),
                post_id: post_id.into(),
                tier: Tier::High,
                categories: vec![],
                sentiment: Sentiment::Neutral,
                author: None,
                text: "Where is my \"order\"?\n".into(),
                posted_at: None,
                seen_at: T0,
            },
        );
        t.answer(T0 + 60_000, How::Marked).unwrap();
        t
    }

    #[test]
    fn a_record_round_trips_with_its_version_first() {
        let t = timer("1");
        let line = to_record(&t);
        assert!(line.starts_with(r#"{"v":1,"site":"bluesky""#));
        assert!(!line.contains('\n'));
        assert_eq!(parse_record(&line), Ok(t));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let good = to_record(&timer("1"));
        let newer = good.replace(r#""v":1"#, r#""v":7"#);
        assert_eq!(
            parse_record(&newer),
            Err(RecordError::UnsupportedVersion(7))
        );
        let unversioned = good.replace(r#""v":1,"#, "");
        assert_eq!(parse_record(&unversioned), Err(RecordError::MissingVersion));
        let truncated = &good[..good.len() / 2];
        assert!(matches!(parse_record(truncated), Err(RecordError::Json(_))));
        let no_tier = good.replace(r#""tier":"high","#, "");
        let Err(RecordError::Json(e)) = parse_record(&no_tier) else {
            panic!("a record without a tier was read");
        };
        assert_eq!(e.message, "missing field `tier`");
        let empty_site = good.replace(r#""site":"bluesky""#, r#""site":"""#);
        assert!(matches!(
            parse_record(&empty_site),
            Err(RecordError::Invalid(InvalidTimer { field: "site", .. }))
        ));
        assert!(matches!(parse_record("[1,2]"), Err(RecordError::Json(_))));
    }

    #[test]
    fn the_version_is_read_from_the_front_or_from_anywhere() {
        assert_eq!(leading_version(r#"{"v":1,"site":"x"}"#), Some(1));
        assert_eq!(leading_version(r#"{"v":12,"site":"x"}"#), Some(12));
        for other in [
            r#"{"v":1}"#,
            r#"{"v":,"#,
            r#"{ "v":1,"#,
            r#"{"site":"x","v":1}"#,
            "",
            r#"{"v":1.5,"#,
        ] {
            assert_eq!(leading_version(other), None, "{other}");
        }
        // Laid out differently, a record still reads.
        let t = timer("1");
        let line = to_record(&t);
        let moved = format!("{{{},\"v\":1}}", &line[7..line.len() - 1]);
        assert_eq!(parse_record(&moved), Ok(t));
        let newer = line.replacen(r#""v":1"#, r#""v":17"#, 1);
        assert_eq!(
            parse_record(&newer),
            Err(RecordError::UnsupportedVersion(17))
        );
    }

    #[test]
    fn a_corrupt_line_is_skipped_and_the_rest_kept() {
        let text = format!(
            "{}\n\n{{\"v\":1,\"site\":\n{}\n",
            to_record(&timer("1")),
            to_record(&timer("2"))
        );
        let history = parse_history(&text);
        let ids: Vec<&str> = history.records.iter().map(|t| &*t.post_id).collect();
        assert_eq!(ids, ["1", "2"]);
        assert_eq!(history.skipped.len(), 1);
        assert_eq!(history.skipped[0].line, 3);
        assert!(history.skipped[0].error.to_string().contains("EOF"));
    }
}
