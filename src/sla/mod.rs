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
//! distribution, breaches and sentiment. History leaves as CSV or JSON
//! ([`export_csv`], [`export_json`]); a colleague's JSON comes back in
//! ([`import_json`]) and [`merge`]s with one's own, one record per post.

mod clock;
mod export;
mod json;
mod policy;
mod record;
mod report;
mod timer;

pub use clock::{Clock, Status};
pub use export::{
    EXPORT_FORMAT, EXPORT_VERSION, ImportError, Merged, export_csv, export_json, import_json, merge,
};
pub use json::JsonError;
pub use policy::{BusinessHours, Policy, PolicyError, Weekday, start_time};
pub use record::{
    History, RECORD_VERSION, RecordError, Skipped, parse_history, parse_record, to_record,
};
pub use report::{Day, Distribution, FirstResponse, Period, Report, SentimentSplit, report};
pub use timer::{AlreadyAnswered, EXCERPT_CHARS, How, InvalidTimer, Sighting, State, Timer, key};
