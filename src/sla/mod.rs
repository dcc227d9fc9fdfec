//! Service levels: when a post must have its first response.
//!
//! A [`Policy`] gives a first-response target per [`Tier`](crate::triage::Tier),
//! optionally counted only in [`BusinessHours`]. A post's clock starts at the
//! post's own time when the page shows one, else when the post was first
//! seen; a post time in the future (a wrong clock somewhere) starts the clock
//! when seen instead ([`start_time`]). Time is always passed in, as
//! milliseconds since the Unix epoch: nothing here reads a clock.
//!
//! A [`Timer`] is one post's countdown, keyed by site and post id ([`key`]):
//! it warns, breaches, and stops when the post is answered; it can be
//! snoozed, escalated or re-timed when the post's tier or the policy changes.
//! Timers are also the history: each is stored as a versioned record
//! ([`to_record`], [`parse_history`]), and a corrupt one is skipped, not fatal.
//!
//! [`report`] sums a [`Period`] of history: volume by tier, category, site
//! and day, answers, first-response median, 90th percentile and
//! distribution, breaches and sentiment. It reads only a [`ReportRow`] of
//! each record, which a store can keep beside the record ([`read_rows`],
//! [`report_rows`]) so a report need not read whole records. History leaves as CSV or JSON
//! ([`export_csv`], [`export_json`]); a colleague's JSON comes back in
//! ([`import_json`]) and [`merge`]s with one's own, one record per post
//! ([`changes`]: just the records a store keyed by post must write).
//!
//! ```
//! use firstline::sla::{self, How, Period, Policy, Sighting, Status, Timer};
//! use firstline::triage::{Sentiment, Tier};
//!
//! const MINUTE: i64 = 60_000;
//! let policy = Policy::from_json(r#"{"urgent_minutes": 15, "high_minutes": 60,
//!     "normal_minutes": 240, "low_minutes": 1440, "warn_at": 0.75}"#)?;
//! let seen_at = 1_709_283_600_000; // 2024-03-01 09:00 UTC
//! let mut timer = Timer::open(&policy, Sighting {
//!     site: "x".into(),
//!     post_id: "1763".into(),
//!     tier: Tier::Urgent,
//!     categories: vec![],
//!     sentiment: Sentiment::Negative,
//!     author: None,
//!     text: "You charged me twice!".into(),
//!     posted_at: Some(seen_at - 2 * MINUTE),
//!     seen_at,
//!     url: None,
//! });
//! assert_eq!(timer.status(seen_at + 10 * MINUTE), Status::Warning);
//! timer.answer(seen_at + 11 * MINUTE, How::Replied)?;
//!
//! let day = 1440 * MINUTE;
//! let period = Period { from: seen_at - day, to: seen_at + day, utc_offset_minutes: 0 };
//! let report = sla::report(&[timer], period, seen_at + 60 * MINUTE);
//! assert_eq!(report.first_response.median_ms, Some(13 * MINUTE));
//! assert_eq!(report.breaches, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clock;
mod export;
mod json;
mod policy;
mod record;
mod report;
mod row;
mod timer;

pub use clock::{Clock, Status};
pub use export::{
    Changes, EXPORT_FORMAT, EXPORT_VERSION, ImportError, Merged, changes, export_csv, export_json,
    import_json, merge,
};
pub use json::JsonError;
pub use policy::{BusinessHours, Policy, PolicyError, Weekday, start_time};
pub use record::{
    History, RECORD_VERSION, RecordError, Skipped, parse_history, parse_record, to_record,
};
pub use report::{
    Day, Distribution, FirstResponse, Period, Report, SentimentSplit, report, report_rows,
};
pub use row::{ReportRow, read_rows};
pub use timer::{AlreadyAnswered, EXCERPT_CHARS, How, InvalidTimer, Sighting, State, Timer, key};
