//! One post's response timer, and the moves it can make.
//!
//! A [`Timer`] is opened when a post is first seen, and is also what the
//! history keeps: reports are computed over timers, open or answered.
//! Every move takes the time it happens at; none reads a clock, and a clock
//! that went backwards never yields a negative response time.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clock::{Clock, Status};
use super::policy::Policy;
use crate::triage::{Category, Sentiment, Tier};

/// The most characters of a post a timer keeps as its excerpt.
pub const EXCERPT_CHARS: usize = 140;

/// The key of a post: its site's id and the site's post id, joined by `:`
/// (the content script's key). Site ids never contain `:`.
pub fn key(site: &str, post_id: &str) -> String {
    format!("{site}:{post_id}")
}

/// A post as first seen on a page: what opens a timer. Reads from JSON
/// with the field names below (`categories`, `author`, `text`, `posted_at`
/// and `url` may be left out).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Sighting {
    /// The site's id (`x`, `bluesky`, …).
    pub site: String,
    /// The post's id on that site.
    pub post_id: String,
    /// Its tier, from triage.
    pub tier: Tier,
    /// Its categories, from triage.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Its sentiment, from triage.
    pub sentiment: Sentiment,
    /// Its author as the page shows them, if at all.
    #[serde(default)]
    pub author: Option<String>,
    /// Its text (the timer keeps the first [`EXCERPT_CHARS`] characters).
    #[serde(default)]
    pub text: String,
    /// The post's own time, when the page shows it.
    #[serde(default)]
    pub posted_at: Option<i64>,
    /// When it was first seen.
    pub seen_at: i64,
    /// The post's own address (its permalink), to come back to it.
    #[serde(default)]
    pub url: Option<String>,
}

/// How a post was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// The agent replied through the extension.
    Replied,
    /// The agent marked it answered (replied elsewhere, or no reply needed).
    Marked,
}

/// Whether a timer runs, is hidden for a while, or has stopped. Stored as
/// `{"kind": "open"}`, `{"kind": "answered", "at": …, "how": …}` or
/// `{"kind": "snoozed", "until": …}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredState", into = "StoredState")]
pub enum State {
    /// Counting down.
    Open,
    /// Stopped by the first response.
    Answered {
        /// When (ms since the epoch).
        at: i64,
        /// How.
        how: How,
    },
    /// Hidden until `until`; the deadline does not move.
    Snoozed {
        /// When it shows again (ms since the epoch).
        until: i64,
    },
}

/// [`State`] as stored: one flat object rather than serde's internally
/// tagged enum, whose buffering of every field costs the extension's wasm
/// several kilobytes for the same JSON.
#[derive(Serialize, Deserialize)]
struct StoredState {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    how: Option<How>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<i64>,
}

impl From<State> for StoredState {
    fn from(state: State) -> StoredState {
        let (kind, at, how, until) = match state {
            State::Open => ("open", None, None, None),
            State::Answered { at, how } => ("answered", Some(at), Some(how), None),
            State::Snoozed { until } => ("snoozed", None, None, Some(until)),
        };
        StoredState {
            kind: kind.to_owned(),
            at,
            how,
            until,
        }
    }
}

impl TryFrom<StoredState> for State {
    type Error = String;

    fn try_from(stored: StoredState) -> Result<State, String> {
        match (stored.kind.as_str(), stored.at, stored.how, stored.until) {
            ("open", ..) => Ok(State::Open),
            ("answered", Some(at), Some(how), _) => Ok(State::Answered { at, how }),
            ("answered", ..) => Err("an answered state needs `at` and `how`".to_owned()),
            ("snoozed", _, _, Some(until)) => Ok(State::Snoozed { until }),
            ("snoozed", ..) => Err("a snoozed state needs `until`".to_owned()),
            (other, ..) => Err(format!("unknown state `{other}`")),
        }
    }
}

/// A post's first-response timer, and its history record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timer {
    /// The site's id.
    pub site: String,
    /// The post's id on that site.
    pub post_id: String,
    /// Its tier (raised by escalation or a new verdict).
    pub tier: Tier,
    /// Its categories.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Its sentiment.
    pub sentiment: Sentiment,
    /// Its author, if the page shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The start of its text, at most [`EXCERPT_CHARS`] characters.
    #[serde(default)]
    pub excerpt: String,
    /// The post's own time, when the page shows it.
    #[serde(default)]
    pub posted_at: Option<i64>,
    /// When it was first seen.
    pub seen_at: i64,
    /// When the clock started ([`start_time`](super::start_time)).
    pub started_at: i64,
    /// When the warning starts.
    pub warn_at: i64,
    /// The first-response deadline.
    pub deadline: i64,
    /// Running, snoozed or answered.
    pub state: State,
    /// When it was first escalated, if ever.
    #[serde(default)]
    pub escalated_at: Option<i64>,
    /// The post's own address, when the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A move on a timer that has already stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlreadyAnswered {
    /// When it was answered.
    pub at: i64,
}

impl fmt::Display for AlreadyAnswered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the post was already answered (at {} ms)", self.at)
    }
}

impl std::error::Error for AlreadyAnswered {}

/// A timer whose fields contradict each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidTimer {
    /// The field at fault.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: &'static str,
}

impl fmt::Display for InvalidTimer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for InvalidTimer {}

impl Timer {
    /// Opens the timer of a post seen under `policy`.
    pub fn open(policy: &Policy, post: Sighting) -> Timer {
        let clock = policy.clock(post.tier, post.posted_at, post.seen_at);
        Timer {
            site: post.site,
            post_id: post.post_id,
            tier: post.tier,
            categories: post.categories,
            sentiment: post.sentiment,
            author: post.author,
            excerpt: excerpt(&post.text),
            posted_at: post.posted_at,
            seen_at: post.seen_at,
            started_at: clock.started_at,
            warn_at: clock.warn_at,
            deadline: clock.deadline,
            state: State::Open,
            escalated_at: None,
            url: post.url,
        }
    }

    /// The timer of a post after it is seen again (or for the first time):
    /// `existing`, re-timed if it still runs and the post's tier changed;
    /// else a new timer, if the post needs an answer (its tier is above
    /// low). Returns the timer and whether it is new or changed (to store),
    /// or `None` for a low-tier post that has none.
    pub fn sighted(
        policy: &Policy,
        existing: Option<Timer>,
        post: Sighting,
    ) -> Option<(Timer, bool)> {
        match existing {
            Some(mut timer) => {
                let changed = timer.tier != post.tier
                    && timer.escalated_at.is_none()
                    && timer.reclassify(post.tier, policy).is_ok();
                Some((timer, changed))
            }
            None if post.tier == Tier::Low => None,
            None => Some((Timer::open(policy, post), true)),
        }
    }

    /// The post's key ([`key`]).
    pub fn key(&self) -> String {
        key(&self.site, &self.post_id)
    }

    /// The timer's clock.
    pub fn clock(&self) -> Clock {
        Clock {
            started_at: self.started_at,
            warn_at: self.warn_at,
            deadline: self.deadline,
        }
    }

    /// When it was answered, if it was.
    pub fn answered_at(&self) -> Option<i64> {
        match self.state {
            State::Answered { at, .. } => Some(at),
            State::Open | State::Snoozed { .. } => None,
        }
    }

    /// The first-response time, once answered: never negative, even when
    /// the answer's time is before the start (a clock set back).
    pub fn response_ms(&self) -> Option<i64> {
        response_ms(self.started_at, self.answered_at())
    }

    /// Whether the deadline was missed: answered at or after it, or still
    /// unanswered at `now` at or after it (snoozing does not excuse it).
    pub fn breached(&self, now: i64) -> bool {
        breached(self.deadline, self.answered_at(), now)
    }

    /// The status at `now`: answered, snoozed (before `until`), else what
    /// the clock says.
    pub fn status(&self, now: i64) -> Status {
        match self.state {
            State::Answered { .. } => Status::Answered,
            State::Snoozed { until } if now < until => Status::Snoozed,
            State::Open | State::Snoozed { .. } => self.clock().status(now),
        }
    }

    /// Stops the timer: the post was answered at `now`, `how`. The first
    /// response is what counts, so a timer answered already stays as it was.
    pub fn answer(&mut self, now: i64, how: How) -> Result<(), AlreadyAnswered> {
        self.check_running()?;
        self.state = State::Answered { at: now, how };
        Ok(())
    }

    /// Hides the timer until `until`. Its deadline stays: a post snoozed
    /// past it is still a breach.
    pub fn snooze(&mut self, until: i64) -> Result<(), AlreadyAnswered> {
        self.check_running()?;
        self.state = State::Snoozed { until };
        Ok(())
    }

    /// Raises the tier one step (urgent stays urgent), ends any snooze and
    /// recomputes the deadline from the start under `policy`: a post older
    /// than its new target is breached at once. Keeps the first escalation
    /// time.
    pub fn escalate(&mut self, now: i64, policy: &Policy) -> Result<(), AlreadyAnswered> {
        self.check_running()?;
        self.escalated_at.get_or_insert(now);
        self.state = State::Open;
        self.retime(self.tier.raised(), policy);
        Ok(())
    }

    /// Gives the timer a new tier (the post was classified again), or a new
    /// `policy` (the targets, hours or time zone changed), and recomputes its
    /// warning and deadline from the same start. An answered timer keeps its
    /// deadline: what it was measured against does not change afterwards.
    pub fn reclassify(&mut self, tier: Tier, policy: &Policy) -> Result<(), AlreadyAnswered> {
        self.check_running()?;
        self.retime(tier, policy);
        Ok(())
    }

    /// Checks what the JSON shape cannot: a site and post id, and a clock
    /// whose warning and deadline do not come before its start.
    pub fn validate(&self) -> Result<(), InvalidTimer> {
        let invalid = |field, problem| Err(InvalidTimer { field, problem });
        if self.site.is_empty() {
            return invalid("site", "must not be empty");
        }
        if self.post_id.is_empty() {
            return invalid("post_id", "must not be empty");
        }
        if self.deadline < self.started_at {
            return invalid("deadline", "is before started_at");
        }
        if self.warn_at < self.started_at || self.warn_at > self.deadline {
            return invalid("warn_at", "is not between started_at and deadline");
        }
        Ok(())
    }

    fn check_running(&self) -> Result<(), AlreadyAnswered> {
        match self.answered_at() {
            Some(at) => Err(AlreadyAnswered { at }),
            None => Ok(()),
        }
    }

    fn retime(&mut self, tier: Tier, policy: &Policy) {
        let clock = policy.clock_from(tier, self.started_at);
        self.tier = tier;
        self.warn_at = clock.warn_at;
        self.deadline = clock.deadline;
    }
}

/// [`Timer::response_ms`] of a clock started at `started_at`, answered at
/// `answered_at`: shared with the report's rows, which keep only those.
pub(super) fn response_ms(started_at: i64, answered_at: Option<i64>) -> Option<i64> {
    answered_at.map(|at| at.saturating_sub(started_at).max(0))
}

/// [`Timer::breached`] of a clock due at `deadline`, answered at
/// `answered_at`: shared with the report's rows.
pub(super) fn breached(deadline: i64, answered_at: Option<i64>, now: i64) -> bool {
    answered_at.unwrap_or(now) >= deadline
}

/// The first [`EXCERPT_CHARS`] characters of `text`, with `…` when cut.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{BusinessHours, Weekday};

    const T0: i64 = 1_700_000_000_000;
    const MINUTE_MS: i64 = 60_000;

    fn sighting(tier: Tier, posted_at: Option<i64>, seen_at: i64) -> Sighting {
        Sighting {
            url: None,
            site: "x".into(),
            post_id: "123".into(),
            tier,
            categories: vec![Category::Billing],
            sentiment: Sentiment::Negative,
            author: Some("@anna".into()),
            text: "You charged me twice!".into(),
            posted_at,
            seen_at,
        }
    }

    fn timer(tier: Tier) -> Timer {
        Timer::open(&Policy::default(), sighting(tier, Some(T0), T0))
    }

    #[test]
    fn opens_at_the_post_time_or_when_seen() {
        let p = Policy::default();
        let t = Timer::open(&p, sighting(Tier::Urgent, Some(T0), T0 + MINUTE_MS));
        assert_eq!((t.started_at, t.deadline), (T0, T0 + 15 * MINUTE_MS));
        assert_eq!(t.key(), "x:123");
        // Missing, or in the future: the clock starts when seen.
        let t = Timer::open(&p, sighting(Tier::Urgent, None, T0));
        assert_eq!(t.started_at, T0);
        let t = Timer::open(&p, sighting(Tier::Urgent, Some(T0 + 3_600_000), T0));
        assert_eq!(t.started_at, T0);
        assert_eq!(t.posted_at, Some(T0 + 3_600_000));
    }

    #[test]
    fn counts_down_warns_and_breaches() {
        let t = timer(Tier::Urgent);
        assert_eq!(t.status(T0), Status::Running);
        assert_eq!(t.status(T0 + 12 * MINUTE_MS), Status::Warning);
        assert_eq!(t.status(T0 + 15 * MINUTE_MS), Status::Breached);
        assert!(t.breached(T0 + 15 * MINUTE_MS));
        assert!(!t.breached(T0 + 14 * MINUTE_MS));
    }

    #[test]
    fn answering_stops_the_timer_once() {
        let mut t = timer(Tier::Urgent);
        t.answer(T0 + 10 * MINUTE_MS, How::Replied).unwrap();
        assert_eq!(t.status(T0 + 60 * MINUTE_MS), Status::Answered);
        assert_eq!(t.response_ms(), Some(10 * MINUTE_MS));
        assert!(!t.breached(T0 + 60 * MINUTE_MS));
        let again = t.answer(T0 + 20 * MINUTE_MS, How::Marked);
        assert_eq!(
            again,
            Err(AlreadyAnswered {
                at: T0 + 10 * MINUTE_MS
            })
        );
        assert_eq!(t.response_ms(), Some(10 * MINUTE_MS));
        assert!(t.snooze(T0 + 30 * MINUTE_MS).is_err());
        assert!(t.escalate(T0, &Policy::default()).is_err());
    }

    #[test]
    fn an_answer_before_the_start_takes_no_time() {
        // The computer's clock was set back after the timer opened.
        let mut t = timer(Tier::High);
        t.answer(T0 - 5 * MINUTE_MS, How::Marked).unwrap();
        assert_eq!(t.response_ms(), Some(0));
        assert!(!t.breached(T0));
    }

    #[test]
    fn a_late_answer_is_a_breach() {
        let mut t = timer(Tier::Urgent);
        t.answer(T0 + 16 * MINUTE_MS, How::Replied).unwrap();
        assert!(t.breached(T0 + 16 * MINUTE_MS));
    }

    #[test]
    fn snoozing_hides_but_does_not_excuse() {
        let mut t = timer(Tier::Urgent);
        t.snooze(T0 + 30 * MINUTE_MS).unwrap();
        assert_eq!(t.status(T0 + 20 * MINUTE_MS), Status::Snoozed);
        assert!(t.breached(T0 + 20 * MINUTE_MS));
        assert_eq!(t.status(T0 + 30 * MINUTE_MS), Status::Breached);
        t.answer(T0 + 31 * MINUTE_MS, How::Replied).unwrap();
        assert_eq!(t.status(T0 + 31 * MINUTE_MS), Status::Answered);
    }

    #[test]
    fn escalation_raises_the_tier_and_tightens_the_deadline() {
        let p = Policy::default();
        let mut t = timer(Tier::Normal);
        t.snooze(T0 + 600 * MINUTE_MS).unwrap();
        t.escalate(T0 + 30 * MINUTE_MS, &p).unwrap();
        assert_eq!(t.tier, Tier::High);
        assert_eq!(t.deadline, T0 + 60 * MINUTE_MS);
        assert_eq!(t.state, State::Open);
        assert_eq!(t.escalated_at, Some(T0 + 30 * MINUTE_MS));
        // Again, past the new target: breached at once; the first time stays.
        t.escalate(T0 + 40 * MINUTE_MS, &p).unwrap();
        assert_eq!(t.tier, Tier::Urgent);
        assert_eq!(t.status(T0 + 40 * MINUTE_MS), Status::Breached);
        assert_eq!(t.escalated_at, Some(T0 + 30 * MINUTE_MS));
    }

    #[test]
    fn reclassifying_or_changing_zone_recomputes_from_the_start() {
        let mut t = timer(Tier::Low);
        t.reclassify(Tier::Urgent, &Policy::default()).unwrap();
        assert_eq!((t.tier, t.deadline), (Tier::Urgent, T0 + 15 * MINUTE_MS));
        // T0 is Tuesday 2023-11-14 22:13 UTC: closed in UTC, open in UTC+12.
        let hours = |utc_offset_minutes| Policy {
            hours: Some(BusinessHours {
                days: vec![Weekday::Tue, Weekday::Wed],
                open_minute: 9 * 60,
                close_minute: 18 * 60,
                utc_offset_minutes,
            }),
            ..Policy::default()
        };
        t.reclassify(Tier::Urgent, &hours(0)).unwrap();
        let utc = t.deadline;
        assert!(utc > T0 + 10 * 3_600_000);
        t.reclassify(Tier::Urgent, &hours(12 * 60)).unwrap();
        assert_eq!(t.deadline, T0 + 15 * MINUTE_MS);
        assert_eq!(t.started_at, T0);
    }

    #[test]
    fn a_sighting_opens_a_timer_once_and_retimes_it_for_a_new_tier() {
        let p = Policy::default();
        assert_eq!(
            Timer::sighted(&p, None, sighting(Tier::Low, None, T0)),
            None
        );
        let (timer, changed) = Timer::sighted(&p, None, sighting(Tier::Normal, None, T0)).unwrap();
        assert!(changed);
        let (same, changed) = Timer::sighted(
            &p,
            Some(timer.clone()),
            sighting(Tier::Normal, None, T0 + MINUTE_MS),
        )
        .unwrap();
        assert!(!changed);
        assert_eq!(same, timer, "seen again later: the clock keeps its start");
        let (raised, changed) = Timer::sighted(
            &p,
            Some(timer),
            sighting(Tier::Urgent, None, T0 + MINUTE_MS),
        )
        .unwrap();
        assert!(changed);
        assert_eq!(raised.deadline, T0 + 15 * MINUTE_MS);
        let mut escalated = raised.clone();
        escalated.escalate(T0 + 2 * MINUTE_MS, &p).unwrap();
        let (kept, changed) = Timer::sighted(
            &p,
            Some(escalated.clone()),
            sighting(Tier::Normal, None, T0),
        )
        .unwrap();
        assert!(
            !changed && kept == escalated,
            "an agent's escalation is not undone by a new verdict"
        );
        let mut answered = raised;
        answered.answer(T0 + 3 * MINUTE_MS, How::Replied).unwrap();
        let (kept, changed) =
            Timer::sighted(&p, Some(answered.clone()), sighting(Tier::High, None, T0)).unwrap();
        assert!(!changed && kept == answered);
    }

    #[test]
    fn excerpts_are_short() {
        let long = "é".repeat(500);
        let mut s = sighting(Tier::Low, None, T0);
        s.text = format!("  {long}  ");
        let t = Timer::open(&Policy::default(), s);
        assert_eq!(t.excerpt.chars().count(), EXCERPT_CHARS + 1);
        assert!(t.excerpt.ends_with('…'));
        assert_eq!(excerpt(" short "), "short");
    }

    #[test]
    fn validation_catches_contradictions() {
        let mut t = timer(Tier::High);
        assert_eq!(t.validate(), Ok(()));
        t.deadline = t.started_at - 1;
        assert_eq!(t.validate().unwrap_err().field, "deadline");
        let mut t = timer(Tier::High);
        t.site.clear();
        assert_eq!(t.validate().unwrap_err().field, "site");
    }

    #[test]
    fn json_shape() {
        let mut t = timer(Tier::Urgent);
        t.answer(T0 + MINUTE_MS, How::Replied).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""state":{"kind":"answered","at":1700000060000,"how":"replied"}"#));
        assert_eq!(serde_json::from_str::<Timer>(&json).unwrap(), t);
    }
}
