//! A record's report row: the few fields of a [`Timer`] that
//! [`report_rows`](super::report_rows) reads, small enough to read 100,000
//! of quickly.
//!
//! A [`ReportRow`] is kept as a short JSON array ([`ReportRow::to_text`]),
//! `[started_at,deadline,answered_at,"tier","sentiment",categories,"site"]`
//! — `answered_at` null while unanswered, `categories` a bitmask — about 75
//! bytes where the whole record takes ~450. The extension's history keeps
//! one beside every record, grouped by day, and its reports read those
//! instead of the records (extension/history.js): reading and parsing the
//! records was most of a 100,000-record report's time.
//!
//! Rows are derived data, made only by [`ReportRow::of`] and never
//! exported, so their shape has no version of its own: a change to it is a
//! new version of the store that keeps them, whose upgrade makes them again
//! from the records.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

use super::json::JsonError;
use super::record::{RecordError, Skipped, parse_record};
use super::timer::{self, Timer};
use crate::triage::{Category, Sentiment, Tier};

// Every category has a bit of the mask.
const _: () = assert!(Category::ALL.len() <= u16::BITS as usize);

/// What a report needs of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow<'a> {
    /// When the clock started (ms since the epoch).
    pub started_at: i64,
    /// The first-response deadline.
    pub deadline: i64,
    /// When it was answered, if it was.
    pub answered_at: Option<i64>,
    /// Its tier.
    pub tier: Tier,
    /// Its sentiment.
    pub sentiment: Sentiment,
    /// Its categories, bit `c as usize` for each category `c` (the
    /// position in [`Category::ALL`]): a category listed twice counts once.
    pub categories: u16,
    /// The site's id: borrowed from the timer or the text it comes from.
    pub site: Cow<'a, str>,
}

/// [`ReportRow`] as stored: a JSON array, so its fields cost no names.
#[derive(Serialize, Deserialize)]
#[serde(
    expecting = "a report row [started_at, deadline, answered_at, tier, sentiment, categories, site]"
)]
struct Stored<'a>(
    i64,
    i64,
    Option<i64>,
    Tier,
    Sentiment,
    u16,
    #[serde(borrow)] Cow<'a, str>,
);

impl<'a> ReportRow<'a> {
    /// The row of `timer`, borrowing its site.
    pub fn of(timer: &'a Timer) -> ReportRow<'a> {
        ReportRow {
            started_at: timer.started_at,
            deadline: timer.deadline,
            answered_at: timer.answered_at(),
            tier: timer.tier,
            sentiment: timer.sentiment,
            categories: timer
                .categories
                .iter()
                .fold(0, |mask, &c| mask | 1 << c as u16),
            site: Cow::Borrowed(&timer.site),
        }
    }

    /// The row as stored: one line of JSON.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a report row always serialises")
    }

    /// Its categories, in the order of [`Category::ALL`].
    pub fn categories(&self) -> impl Iterator<Item = Category> + use<> {
        let mask = self.categories;
        Category::ALL
            .into_iter()
            .filter(move |&c| mask & 1 << c as u16 != 0)
    }

    /// [`Timer::response_ms`] of its record.
    pub fn response_ms(&self) -> Option<i64> {
        timer::response_ms(self.started_at, self.answered_at)
    }

    /// [`Timer::breached`] of its record.
    pub fn breached(&self, now: i64) -> bool {
        timer::breached(self.deadline, self.answered_at, now)
    }

    /// The same row owning its site.
    fn into_owned(self) -> ReportRow<'static> {
        ReportRow {
            started_at: self.started_at,
            deadline: self.deadline,
            answered_at: self.answered_at,
            tier: self.tier,
            sentiment: self.sentiment,
            categories: self.categories,
            site: Cow::Owned(self.site.into_owned()),
        }
    }
}

impl Serialize for ReportRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Stored(
            self.started_at,
            self.deadline,
            self.answered_at,
            self.tier,
            self.sentiment,
            self.categories,
            Cow::Borrowed(&self.site),
        )
        .serialize(serializer)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ReportRow<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ReportRow<'a>, D::Error> {
        let Stored(started_at, deadline, answered_at, tier, sentiment, categories, site) =
            Stored::deserialize(deserializer)?;
        if categories >> Category::ALL.len() != 0 {
            return Err(D::Error::custom(format!(
                "categories {categories:#x} name a category this version does not know"
            )));
        }
        Ok(ReportRow {
            started_at,
            deadline,
            answered_at,
            tier,
            sentiment,
            categories,
            site,
        })
    }
}

/// Reads report rows kept one per line ([`ReportRow::to_text`]); blank
/// lines are ignored. A line starting with `{` is a whole record instead,
/// as [`to_record`](super::to_record) writes it: where no row could be made
/// of a record because it is unreadable, the history keeps the record
/// itself in its row's place, so that the report still says what is wrong
/// with it. A line that reads as neither is skipped, with its 1-based
/// number and why; the others still count.
pub fn read_rows(text: &str) -> impl Iterator<Item = Result<ReportRow<'_>, Skipped>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let row = if line.starts_with('{') {
                parse_record(line).map(|timer| ReportRow::of(&timer).into_owned())
            } else {
                serde_json::from_str(line).map_err(|e| RecordError::Json(JsonError::from(&e)))
            };
            row.map_err(|error| Skipped { line: i + 1, error })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{How, Policy, Sighting, to_record};

    const T0: i64 = 1_709_283_600_000;

    fn timer(site: &str, categories: Vec<Category>) -> Timer {
        Timer::open(
            &Policy::default(),
            Sighting {
                url: None,
                site: site.into(),
                post_id: "1".into(),
                tier: Tier::Urgent,
                categories,
                sentiment: Sentiment::Negative,
                author: Some("someone".into()),
                text: "Charged twice".into(),
                posted_at: None,
                seen_at: T0,
            },
        )
    }

    #[test]
    fn a_row_is_a_short_array() {
        let mut t = timer("x", vec![Category::Billing, Category::Complaint]);
        assert_eq!(
            ReportRow::of(&t).to_text(),
            r#"[1709283600000,1709284500000,null,"urgent","negative",33,"x"]"#
        );
        t.answer(T0 + 60_000, How::Replied).unwrap();
        let text = ReportRow::of(&t).to_text();
        assert_eq!(
            text,
            r#"[1709283600000,1709284500000,1709283660000,"urgent","negative",33,"x"]"#
        );
        let row: ReportRow = serde_json::from_str(&text).unwrap();
        assert_eq!(row, ReportRow::of(&t));
        assert!(matches!(row.site, Cow::Borrowed(_)), "read without copying");
        let categories: Vec<Category> = row.categories().collect();
        assert_eq!(categories, [Category::Billing, Category::Complaint]);
        assert_eq!(row.response_ms(), t.response_ms());
    }

    #[test]
    fn a_site_that_needs_escaping_round_trips() {
        let t = timer("a \"quoted\" \\ site\n✓", vec![]);
        let text = ReportRow::of(&t).to_text();
        let row: ReportRow = serde_json::from_str(&text).unwrap();
        assert_eq!(row.site, t.site);
        assert!(!text.contains('\n'));
    }

    #[test]
    fn a_listed_twice_category_counts_once() {
        let t = timer("x", vec![Category::Pii, Category::Pii]);
        assert_eq!(ReportRow::of(&t).categories().count(), 1);
    }

    #[test]
    fn lines_are_rows_or_records_and_bad_ones_are_skipped() {
        let t = timer("bluesky", vec![Category::Praise]);
        let corrupt = r#"{"v":1,"site":"x","post_id":"#;
        let text = [
            ReportRow::of(&t).to_text().as_str(),
            "",
            &to_record(&t),
            corrupt,
            r#"[1,2,null,"soon","negative",0,"x"]"#,
            r#"[1,2,null,"low","negative",4096,"x"]"#,
            "[1,2]",
        ]
        .join("\n");
        let read: Vec<_> = read_rows(&text).collect();
        assert_eq!(read.len(), 6);
        assert_eq!(read[0], Ok(ReportRow::of(&t)));
        assert_eq!(read[1], Ok(ReportRow::of(&t)), "a readable record counts");
        let why = |i: usize| match &read[i] {
            Err(skipped) => format!("{}: {}", skipped.line, skipped.error),
            Ok(row) => panic!("line {i} read as {row:?}"),
        };
        assert!(
            why(2).starts_with("4: line 1, column 28: EOF"),
            "{}",
            why(2)
        );
        assert!(why(3).contains("unknown variant `soon`"), "{}", why(3));
        assert!(why(4).contains("name a category"), "{}", why(4));
        assert!(why(5).contains("expected a report row"), "{}", why(5));
    }
}
