//! One post's countdown: when it started, when it warns, when it is due.

use serde::Serialize;

/// Where a timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Within target, before the warning threshold.
    Running,
    /// Past the warning threshold, not yet breached.
    Warning,
    /// Past the deadline.
    Breached,
    /// Stopped: the post was answered. A bare [`Clock`] never says this.
    Answered,
    /// Hidden until a later time. A bare [`Clock`] never says this.
    Snoozed,
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

impl Clock {
    /// The status at `now`: running, warning or breached.
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
    use crate::sla::Policy;
    use crate::triage::Tier;

    const T0: i64 = 1_700_000_000_000;
    const MINUTE_MS: i64 = 60_000;

    #[test]
    fn status_moves_through_warning_to_breach() {
        let clock = Policy::default().clock(Tier::High, Some(T0), T0);
        assert_eq!(clock.status(T0 + 44 * MINUTE_MS), Status::Running);
        assert_eq!(clock.status(T0 + 45 * MINUTE_MS), Status::Warning);
        assert_eq!(clock.status(T0 + 60 * MINUTE_MS), Status::Breached);
        assert!(clock.remaining_ms(T0 + 61 * MINUTE_MS) < 0);
    }

    #[test]
    fn a_clock_set_back_before_the_start_is_running() {
        let clock = Policy::default().clock(Tier::Urgent, None, T0);
        assert_eq!(clock.status(T0 - 3_600_000), Status::Running);
        assert_eq!(clock.remaining_ms(T0 - 3_600_000), 75 * MINUTE_MS);
    }
}
