//! The first-response policy: a target per tier, when to warn, and the
//! business hours that targets count in.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clock::Clock;
use super::json::JsonError;
use crate::triage::Tier;

pub(super) const MINUTE_MS: i64 = 60_000;
pub(super) const DAY_MS: i64 = 86_400_000;
const WEEK_MS: i64 = 7 * DAY_MS;
const MINUTES_PER_DAY: u16 = 1440;
/// The widest UTC offset accepted, in minutes (ISO 8601's ±18:00).
const MAX_OFFSET_MINUTES: i32 = 18 * 60;
/// The range of a JavaScript `Date`, in ms either side of the epoch.
const JS_DATE_LIMIT_MS: i64 = 8_640_000_000_000_000;

/// First-response targets per tier, when to warn, and optionally the hours
/// in which targets count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Target for urgent posts, in minutes.
    pub urgent_minutes: u32,
    /// Target for high-tier posts, in minutes.
    pub high_minutes: u32,
    /// Target for normal posts, in minutes.
    pub normal_minutes: u32,
    /// Target for low-tier posts, in minutes.
    pub low_minutes: u32,
    /// Share of the target after which a timer warns (0–1).
    pub warn_at: f64,
    /// The hours in which targets count; `None` counts every minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<BusinessHours>,
}

impl Default for Policy {
    /// Urgent 15 min, high 1 h, normal 4 h, low 24 h; warn at 75 %; every
    /// minute counts.
    fn default() -> Policy {
        Policy {
            urgent_minutes: 15,
            high_minutes: 60,
            normal_minutes: 240,
            low_minutes: 1440,
            warn_at: 0.75,
            hours: None,
        }
    }
}

/// A day of the week, as JSON names it (`"mon"` … `"sun"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// The weekday of a count of days since 1970-01-01 (a Thursday).
    fn of_day(days: i64) -> Weekday {
        const MONDAY_FIRST: [Weekday; 7] = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        MONDAY_FIRST[(days + 3).rem_euclid(7) as usize]
    }
}

/// Opening hours, the same on every open day, in a zone with a fixed offset
/// from UTC.
///
/// The offset is the one the browser reports now (JavaScript's
/// `-new Date().getTimezoneOffset()`). A fixed offset does not follow
/// daylight saving: a deadline that spans a clock change is off by the
/// shift (an hour) for the open time after it. A deadline is an instant, so
/// changing the offset later moves no running timer until its clock is
/// computed again ([`Timer::reclassify`](super::Timer::reclassify)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    /// The open days.
    pub days: Vec<Weekday>,
    /// Opening time, in minutes after local midnight (9:00 is 540).
    pub open_minute: u16,
    /// Closing time, in minutes after local midnight (18:00 is 1080; 1440 is
    /// midnight at the end of the day).
    pub close_minute: u16,
    /// Minutes east of UTC (UTC+2 is 120, New York in winter is -300).
    pub utc_offset_minutes: i32,
}

impl BusinessHours {
    /// The instant at which `duration_ms` of open time have passed since
    /// `from` (ms since the epoch). A start outside the hours waits for the
    /// next opening; a duration of zero or less is `from` itself.
    pub fn add_open_time(&self, from: i64, duration_ms: i64) -> i64 {
        let open_ms = i64::from(self.open_minute.min(MINUTES_PER_DAY)) * MINUTE_MS;
        let close_ms = i64::from(self.close_minute.min(MINUTES_PER_DAY)) * MINUTE_MS;
        let daily = (close_ms - open_ms).max(0);
        let open_days = (0..7)
            .filter(|&d| self.days.contains(&Weekday::of_day(d)))
            .count() as i64;
        let weekly = daily * open_days;
        if duration_ms <= 0 || weekly == 0 || from.unsigned_abs() > JS_DATE_LIMIT_MS.unsigned_abs()
        {
            // Nothing to wait for, never open (an invalid policy) or no date
            // at all: count every minute rather than never.
            return from.saturating_add(duration_ms.max(0));
        }
        let offset = i64::from(self.utc_offset_minutes) * MINUTE_MS;
        let mut local = from.saturating_add(offset);
        let mut left = duration_ms;
        // Whole weeks first, so a long target on few open hours stays cheap;
        // keep at least one open minute's worth for the walk below.
        let weeks = (left - 1) / weekly;
        local = local.saturating_add(weeks.saturating_mul(WEEK_MS));
        left -= weeks * weekly;
        loop {
            let day = local.div_euclid(DAY_MS);
            let midnight = day * DAY_MS;
            if self.days.contains(&Weekday::of_day(day)) {
                let start = local.max(midnight + open_ms);
                let end = midnight + close_ms;
                if start < end {
                    if left <= end - start {
                        return (start + left).saturating_sub(offset);
                    }
                    left -= end - start;
                }
            }
            local = midnight + DAY_MS;
        }
    }

    /// Checks that some day is open, that the times fall within a day with
    /// closing after opening, and that the offset is within ±18 hours.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.days.is_empty() {
            return Err(PolicyError::NoOpenDays);
        }
        for minute in [self.open_minute, self.close_minute] {
            if minute > MINUTES_PER_DAY {
                return Err(PolicyError::MinuteOfDay(minute));
            }
        }
        if self.close_minute <= self.open_minute {
            return Err(PolicyError::CloseNotAfterOpen {
                open_minute: self.open_minute,
                close_minute: self.close_minute,
            });
        }
        if self.utc_offset_minutes.abs() > MAX_OFFSET_MINUTES {
            return Err(PolicyError::Offset(self.utc_offset_minutes));
        }
        Ok(())
    }
}

/// Why a policy was rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyError {
    /// The text is not JSON, or not the shape of a policy.
    Json(JsonError),
    /// A tier's target is zero minutes.
    ZeroTarget(Tier),
    /// `warn_at` is not a share between 0 and 1.
    WarnAt(f64),
    /// Business hours with no open day.
    NoOpenDays,
    /// An opening or closing time past the end of the day (1440).
    MinuteOfDay(u16),
    /// Closing is not after opening.
    CloseNotAfterOpen {
        /// The opening time, in minutes after midnight.
        open_minute: u16,
        /// The closing time, in minutes after midnight.
        close_minute: u16,
    },
    /// A UTC offset beyond ±18 hours, in minutes.
    Offset(i32),
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::Json(error) => write!(f, "policy: {error}"),
            PolicyError::ZeroTarget(tier) => {
                write!(f, "the {} target must be at least one minute", tier.name())
            }
            PolicyError::WarnAt(share) => {
                write!(f, "warn_at must be between 0 and 1, not {share}")
            }
            PolicyError::NoOpenDays => write!(f, "business hours need at least one open day"),
            PolicyError::MinuteOfDay(minute) => {
                write!(f, "{minute} is past the end of the day (1440 minutes)")
            }
            PolicyError::CloseNotAfterOpen {
                open_minute,
                close_minute,
            } => write!(
                f,
                "closing (minute {close_minute}) must come after opening (minute {open_minute})"
            ),
            PolicyError::Offset(minutes) => {
                write!(f, "UTC offset {minutes} minutes is beyond ±18 hours")
            }
        }
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// Reads a policy from JSON and [validates](Policy::validate) it.
    /// `hours` may be left out; any other field is required and unknown
    /// fields are refused.
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        let policy: Policy =
            serde_json::from_str(text).map_err(|e| PolicyError::Json(JsonError::from(&e)))?;
        policy.validate()?;
        Ok(policy)
    }

    /// Checks that every target is at least a minute, that `warn_at` is
    /// within 0–1, and that the business hours, if any, make sense.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if let Some(tier) = Tier::ALL.into_iter().find(|&t| self.target_ms(t) == 0) {
            return Err(PolicyError::ZeroTarget(tier));
        }
        if !(0.0..=1.0).contains(&self.warn_at) {
            return Err(PolicyError::WarnAt(self.warn_at));
        }
        match &self.hours {
            Some(hours) => hours.validate(),
            None => Ok(()),
        }
    }

    /// The first-response target of `tier`, in milliseconds of open time.
    pub fn target_ms(&self, tier: Tier) -> i64 {
        let minutes = match tier {
            Tier::Urgent => self.urgent_minutes,
            Tier::High => self.high_minutes,
            Tier::Normal => self.normal_minutes,
            Tier::Low => self.low_minutes,
        };
        i64::from(minutes) * MINUTE_MS
    }

    /// The instant `duration_ms` of counted time after `from`: open time
    /// when the policy has business hours, else plain time.
    fn after(&self, from: i64, duration_ms: i64) -> i64 {
        match &self.hours {
            Some(hours) => hours.add_open_time(from, duration_ms),
            None => from.saturating_add(duration_ms),
        }
    }

    /// The first-response deadline of a post of `tier` whose clock started
    /// at `started_at`.
    pub fn deadline(&self, tier: Tier, started_at: i64) -> i64 {
        self.after(started_at, self.target_ms(tier))
    }

    /// The clock of a post of `tier` that started at `started_at` (see
    /// [`start_time`]).
    pub fn clock_from(&self, tier: Tier, started_at: i64) -> Clock {
        let target = self.target_ms(tier);
        let warn_after = (target as f64 * self.warn_at.clamp(0.0, 1.0)) as i64;
        Clock {
            started_at,
            warn_at: self.after(started_at, warn_after),
            deadline: self.after(started_at, target),
        }
    }

    /// The clock of a post of `tier`, posted at `posted_at` (if the page
    /// shows it) and first seen at `seen_at`.
    pub fn clock(&self, tier: Tier, posted_at: Option<i64>, seen_at: i64) -> Clock {
        self.clock_from(tier, start_time(posted_at, seen_at))
    }
}

/// When a post's clock starts: at the post's own time when the page shows
/// one, else when it was first seen. A post time after `seen_at` (a wrong
/// clock somewhere) starts the clock when seen instead.
pub fn start_time(posted_at: Option<i64>, seen_at: i64) -> i64 {
    posted_at.filter(|&p| p <= seen_at).unwrap_or(seen_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_700_000_000_000;
    /// Friday 2024-03-01 00:00 UTC, as days since the epoch.
    const FRIDAY: i64 = 19_783;

    fn at(day: i64, hour: i64, minute: i64) -> i64 {
        day * DAY_MS + (hour * 60 + minute) * MINUTE_MS
    }

    fn office(utc_offset_minutes: i32) -> BusinessHours {
        BusinessHours {
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            open_minute: 9 * 60,
            close_minute: 18 * 60,
            utc_offset_minutes,
        }
    }

    fn with_hours(hours: BusinessHours) -> Policy {
        Policy {
            hours: Some(hours),
            ..Policy::default()
        }
    }

    #[test]
    fn default_targets_by_tier() {
        let p = Policy::default();
        assert_eq!(p.target_ms(Tier::Urgent), 15 * MINUTE_MS);
        assert_eq!(p.target_ms(Tier::High), 60 * MINUTE_MS);
        assert_eq!(p.target_ms(Tier::Normal), 240 * MINUTE_MS);
        assert_eq!(p.target_ms(Tier::Low), 1440 * MINUTE_MS);
        assert_eq!(p.validate(), Ok(()));
    }

    #[test]
    fn clock_starts_at_the_post_time() {
        let clock = Policy::default().clock(Tier::Urgent, Some(T0), T0 + 5 * MINUTE_MS);
        assert_eq!(clock.deadline, T0 + 15 * MINUTE_MS);
        assert_eq!(clock.remaining_ms(T0 + 5 * MINUTE_MS), 10 * MINUTE_MS);
    }

    #[test]
    fn clock_starts_when_seen_without_or_with_a_future_post_time() {
        let p = Policy::default();
        assert_eq!(p.clock(Tier::High, None, T0).started_at, T0);
        assert_eq!(p.clock(Tier::High, Some(T0 + MINUTE_MS), T0).started_at, T0);
    }

    #[test]
    fn the_epoch_was_a_thursday() {
        assert_eq!(Weekday::of_day(0), Weekday::Thu);
        assert_eq!(Weekday::of_day(FRIDAY), Weekday::Fri);
        assert_eq!(Weekday::of_day(-1), Weekday::Wed);
    }

    #[test]
    fn friday_evening_is_due_on_monday_morning() {
        let p = with_hours(office(0));
        let monday = FRIDAY + 3;
        assert_eq!(
            p.deadline(Tier::Urgent, at(FRIDAY, 17, 55)),
            at(monday, 9, 10)
        );
    }

    #[test]
    fn a_post_before_opening_waits_for_it() {
        let p = with_hours(office(0));
        assert_eq!(p.deadline(Tier::High, at(FRIDAY, 3, 0)), at(FRIDAY, 10, 0));
        // Ending exactly at closing stays on the day.
        assert_eq!(p.deadline(Tier::High, at(FRIDAY, 17, 0)), at(FRIDAY, 18, 0));
    }

    #[test]
    fn the_offset_places_the_hours_in_local_time() {
        // 9:00 in UTC+2 is 7:00 UTC.
        let p = with_hours(office(120));
        assert_eq!(
            p.deadline(Tier::Urgent, at(FRIDAY, 6, 0)),
            at(FRIDAY, 7, 15)
        );
        // A western zone: Thursday 23:00 in UTC-5 is Friday 04:00 UTC.
        let p = with_hours(office(-300));
        assert_eq!(
            p.deadline(Tier::Urgent, at(FRIDAY, 4, 0)),
            at(FRIDAY, 14, 15)
        );
    }

    #[test]
    fn long_targets_skip_whole_weeks() {
        // 24 h of open time on 9 h days, Monday to Friday: two full days
        // and 6 h, so Wednesday 15:00 from Monday 9:00.
        let p = with_hours(office(0));
        let monday = FRIDAY + 3;
        assert_eq!(
            p.deadline(Tier::Low, at(monday, 9, 0)),
            at(monday + 2, 15, 0)
        );
        let mut long = p.clone();
        long.low_minutes = 45 * 60 * 3; // three weeks of open hours
        assert_eq!(
            long.deadline(Tier::Low, at(monday, 9, 0)),
            at(monday + 18, 18, 0)
        );
    }

    #[test]
    fn warning_counts_open_time_too() {
        let clock = with_hours(office(0)).clock(Tier::High, None, at(FRIDAY, 17, 30));
        assert_eq!(clock.warn_at, at(FRIDAY + 3, 9, 15));
        assert_eq!(clock.deadline, at(FRIDAY + 3, 9, 30));
    }

    #[test]
    fn hours_that_never_open_count_every_minute() {
        let mut hours = office(0);
        hours.days.clear();
        assert_eq!(hours.add_open_time(T0, MINUTE_MS), T0 + MINUTE_MS);
        assert_eq!(hours.validate(), Err(PolicyError::NoOpenDays));
    }

    #[test]
    fn validation_names_the_problem() {
        let p = Policy {
            high_minutes: 0,
            ..Policy::default()
        };
        assert_eq!(p.validate(), Err(PolicyError::ZeroTarget(Tier::High)));
        let mut p = Policy {
            warn_at: 1.5,
            ..Policy::default()
        };
        assert_eq!(p.validate(), Err(PolicyError::WarnAt(1.5)));
        p.warn_at = f64::NAN;
        assert!(matches!(p.validate(), Err(PolicyError::WarnAt(_))));
        let mut hours = office(0);
        hours.close_minute = 8 * 60;
        assert_eq!(
            with_hours(hours).validate(),
            Err(PolicyError::CloseNotAfterOpen {
                open_minute: 540,
                close_minute: 480
            })
        );
        let mut hours = office(0);
        hours.close_minute = 1500;
        assert_eq!(hours.validate(), Err(PolicyError::MinuteOfDay(1500)));
        assert_eq!(office(19 * 60).validate(), Err(PolicyError::Offset(1140)));
    }

    #[test]
    fn json_round_trip_and_errors() {
        let p = with_hours(office(60));
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.contains(r#""days":["mon","tue","wed","thu","fri"]"#));
        assert_eq!(Policy::from_json(&json), Ok(p));
        // Without hours, the shape the extension has always sent.
        let plain = r#"{"urgent_minutes":15,"high_minutes":60,"normal_minutes":240,
            "low_minutes":1440,"warn_at":0.75}"#;
        assert_eq!(Policy::from_json(plain), Ok(Policy::default()));
        let typo = plain.replace("warn_at", "warn");
        assert!(matches!(
            Policy::from_json(&typo),
            Err(PolicyError::Json(_))
        ));
        let zero = plain.replace("\"urgent_minutes\":15", "\"urgent_minutes\":0");
        assert_eq!(
            Policy::from_json(&zero),
            Err(PolicyError::ZeroTarget(Tier::Urgent))
        );
    }
}
