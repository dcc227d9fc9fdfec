//! Service levels: when a post must have its first response.
//!
//! A [`Policy`] gives a first-response target per [`Tier`]. A post's clock
//! starts at the post's own time when the page shows one, else when the post
//! was first seen; a post time in the future (a wrong clock somewhere) starts
//! the clock when seen instead. Time is always passed in, as milliseconds
//! since the Unix epoch: nothing here reads a clock.

use serde::{Deserialize, Serialize};

use crate::triage::Tier;

const MINUTE_MS: i64 = 60_000;

/// First-response targets per tier, and when to warn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

impl Default for Policy {
    /// Urgent 15 min, high 1 h, normal 4 h, low 24 h; warn at 75 %.
    fn default() -> Policy {
        Policy {
            urgent_minutes: 15,
            high_minutes: 60,
            normal_minutes: 240,
            low_minutes: 1440,
            warn_at: 0.75,
        }
    }
}

/// Where a running timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Within target, before the warning threshold.
    Running,
    /// Past the warning threshold, not yet breached.
    Warning,
    /// Past the deadline.
    Breached,
}

/// A post's first-response clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// When the clock started (ms since the epoch).
    pub started_at: i64,
    /// When the warning starts.
    pub warn_at: i64,
    /// The first-response deadline.
    pub deadline: i64,
}

impl Policy {
    /// The first-response target of `tier`, in milliseconds.
    pub fn target_ms(&self, tier: Tier) -> i64 {
        let minutes = match tier {
            Tier::Urgent => self.urgent_minutes,
            Tier::High => self.high_minutes,
            Tier::Normal => self.normal_minutes,
            Tier::Low => self.low_minutes,
        };
        i64::from(minutes) * MINUTE_MS
    }

    /// The clock of a post of `tier`, posted at `posted_at` (if the page
    /// shows it) and first seen at `seen_at`.
    pub fn clock(&self, tier: Tier, posted_at: Option<i64>, seen_at: i64) -> Clock {
        let started_at = posted_at.filter(|&p| p <= seen_at).unwrap_or(seen_at);
        let target = self.target_ms(tier);
        let warn_after = (target as f64 * self.warn_at.clamp(0.0, 1.0)) as i64;
        Clock {
            started_at,
            warn_at: started_at.saturating_add(warn_after),
            deadline: started_at.saturating_add(target),
        }
    }
}

impl Clock {
    /// The status at `now`.
    pub fn status(&self, now: i64) -> Status {
        if now >= self.deadline {
            Status::Breached
        } else if now >= self.warn_at {
            Status::Warning
        } else {
            Status::Running
        }
    }

    /// Milliseconds left until the deadline at `now` (negative once breached).
    pub fn remaining_ms(&self, now: i64) -> i64 {
        self.deadline.saturating_sub(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_700_000_000_000;

    #[test]
    fn default_targets_by_tier() {
        let p = Policy::default();
        assert_eq!(p.target_ms(Tier::Urgent), 15 * MINUTE_MS);
        assert_eq!(p.target_ms(Tier::High), 60 * MINUTE_MS);
        assert_eq!(p.target_ms(Tier::Normal), 240 * MINUTE_MS);
        assert_eq!(p.target_ms(Tier::Low), 1440 * MINUTE_MS);
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
    fn status_moves_through_warning_to_breach() {
        let clock = Policy::default().clock(Tier::High, Some(T0), T0);
        assert_eq!(clock.status(T0 + 44 * MINUTE_MS), Status::Running);
        assert_eq!(clock.status(T0 + 45 * MINUTE_MS), Status::Warning);
        assert_eq!(clock.status(T0 + 60 * MINUTE_MS), Status::Breached);
        assert!(clock.remaining_ms(T0 + 61 * MINUTE_MS) < 0);
    }
}
