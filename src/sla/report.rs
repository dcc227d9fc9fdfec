//! Team figures over a period: volume, resolution, first-response times,
//! breaches and sentiment.
//!
//! There is one implementation, over [rows](ReportRow): [`report_rows`]
//! takes them as they are stored (the extension's reports), [`report`]
//! makes them from timers. It makes one pass and allocates only for the
//! response times and one entry per site and day seen; the median and the
//! 90th percentile come from `select_nth_unstable`, not a sort.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

use super::policy::{DAY_MS, MINUTE_MS};
use super::row::ReportRow;
use super::timer::Timer;
use crate::templates::civil_from_days;
use crate::triage::{Category, Sentiment, Tier};

const HOUR_MS: i64 = 60 * MINUTE_MS;

/// The span of time a report covers: the records whose clock started in
/// `[from, to)`, counted by day in a zone `utc_offset_minutes` east of UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first instant covered (ms since the epoch).
    pub from: i64,
    /// The first instant after the period.
    pub to: i64,
    /// The offset of the zone whose calendar days `by_day` counts in.
    pub utc_offset_minutes: i32,
}

/// A calendar day, as a count of days since 1970-01-01; JSON and `Display`
/// write it `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// The day `at` falls on, in a zone `utc_offset_minutes` east of UTC.
    pub fn of(at: i64, utc_offset_minutes: i32) -> Day {
        let local = at.saturating_add(i64::from(utc_offset_minutes) * MINUTE_MS);
        Day(local.div_euclid(DAY_MS))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.0);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How many first responses took how long.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Distribution {
    /// Under 15 minutes.
    pub under_15m: usize,
    /// 15 minutes to under an hour.
    pub from_15m_to_1h: usize,
    /// An hour to under 4 hours.
    pub from_1h_to_4h: usize,
    /// 4 hours to under 24 hours.
    pub from_4h_to_24h: usize,
    /// 24 hours or more.
    pub over_24h: usize,
}

impl Distribution {
    fn add(&mut self, response_ms: i64) {
        let bucket = match response_ms {
            ms if ms < 15 * MINUTE_MS => &mut self.under_15m,
            ms if ms < HOUR_MS => &mut self.from_15m_to_1h,
            ms if ms < 4 * HOUR_MS => &mut self.from_1h_to_4h,
            ms if ms < 24 * HOUR_MS => &mut self.from_4h_to_24h,
            _ => &mut self.over_24h,
        };
        *bucket += 1;
    }
}

/// First-response times of the answered records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FirstResponse {
    /// The median, in ms (nearest rank); `None` with no answers.
    pub median_ms: Option<i64>,
    /// The 90th percentile, in ms (nearest rank); `None` with no answers.
    pub p90_ms: Option<i64>,
    /// How many fall in each bucket.
    pub distribution: Distribution,
}

/// How many posts felt which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SentimentSplit {
    /// Negative posts.
    pub negative: usize,
    /// Neutral posts.
    pub neutral: usize,
    /// Positive posts.
    pub positive: usize,
}

/// The figures of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The period covered.
    pub period: Period,
    /// Records whose clock started in the period.
    pub total: usize,
    /// Records per tier (every tier, zeros included).
    pub by_tier: BTreeMap<Tier, usize>,
    /// Records per category (every category, zeros included); a record in
    /// several categories counts in each.
    pub by_category: BTreeMap<Category, usize>,
    /// Records per site seen.
    pub by_site: BTreeMap<String, usize>,
    /// Records per local day seen.
    pub by_day: BTreeMap<Day, usize>,
    /// Records answered.
    pub resolved: usize,
    /// How long the first responses took.
    pub first_response: FirstResponse,
    /// Records that missed their deadline: answered late, or unanswered at
    /// `now` past it ([`Timer::breached`]).
    pub breaches: usize,
    /// Records per sentiment.
    pub sentiment: SentimentSplit,
}

/// The report over `records` for `period`, with breaches judged at `now`:
/// [`report_rows`] over their [rows](ReportRow::of).
pub fn report(records: &[Timer], period: Period, now: i64) -> Report {
    report_rows(records.iter().map(ReportRow::of), period, now)
}

/// The report over the records whose `rows` are given, for `period`, with
/// breaches judged at `now`: rows outside the period are passed over. A
/// period whose `to` is not after `from` covers nothing.
pub fn report_rows<'a>(
    rows: impl IntoIterator<Item = ReportRow<'a>>,
    period: Period,
    now: i64,
) -> Report {
    let mut tiers = [0; Tier::ALL.len()];
    let mut categories = [0; Category::ALL.len()];
    let mut sites: HashMap<Cow<'a, str>, usize> = HashMap::new();
    let mut days: HashMap<Day, usize> = HashMap::new();
    let mut times = Vec::new();
    let (mut total, mut breaches) = (0, 0);
    let mut distribution = Distribution::default();
    let mut sentiment = SentimentSplit::default();
    for row in rows {
        if row.started_at < period.from || row.started_at >= period.to {
            continue;
        }
        total += 1;
        tiers[row.tier as usize] += 1;
        for c in row.categories() {
            categories[c as usize] += 1;
        }
        *days
            .entry(Day::of(row.started_at, period.utc_offset_minutes))
            .or_default() += 1;
        if let Some(ms) = row.response_ms() {
            times.push(ms);
            distribution.add(ms);
        }
        breaches += usize::from(row.breached(now));
        *match row.sentiment {
            Sentiment::Negative => &mut sentiment.negative,
            Sentiment::Neutral => &mut sentiment.neutral,
            Sentiment::Positive => &mut sentiment.positive,
        } += 1;
        *sites.entry(row.site).or_default() += 1;
    }
    let (median_ms, p90_ms) = median_and_p90(&mut times);
    Report {
        period,
        total,
        by_tier: Tier::ALL.map(|t| (t, tiers[t as usize])).into(),
        by_category: Category::ALL.map(|c| (c, categories[c as usize])).into(),
        by_site: sites
            .into_iter()
            .map(|(site, n)| (site.into_owned(), n))
            .collect(),
        by_day: days.into_iter().collect(),
        resolved: times.len(),
        first_response: FirstResponse {
            median_ms,
            p90_ms,
            distribution,
        },
        breaches,
        sentiment,
    }
}

/// The nearest-rank median and 90th percentile of `times`, which it
/// reorders.
fn median_and_p90(times: &mut [i64]) -> (Option<i64>, Option<i64>) {
    let n = times.len();
    if n == 0 {
        return (None, None);
    }
    let mid = n.div_ceil(2) - 1;
    let p90 = (9 * n).div_ceil(10) - 1;
    let (_, &mut median, above) = times.select_nth_unstable(mid);
    let p90 = match p90 - mid {
        0 => median,
        k => *above.select_nth_unstable(k - 1).1,
    };
    (Some(median), Some(p90))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{How, Policy, Sighting};

    /// 2024-03-01 00:00 UTC.
    const MARCH_1: i64 = 19_783 * DAY_MS;
    const ALL_TIME: Period = Period {
        from: i64::MIN,
        to: i64::MAX,
        utc_offset_minutes: 0,
    };

    fn record(site: &str, tier: Tier, seen_at: i64, answer_after: Option<i64>) -> Timer {
        let mut t = Timer::open(
            &Policy::default(),
            Sighting {
                url: None,
                site: site.into(),
                post_id: format!("{seen_at}"),
                tier,
                categories: vec![Category::Billing, Category::Complaint],
                sentiment: Sentiment::Negative,
                author: None,
                text: String::new(),
                posted_at: None,
                seen_at,
            },
        );
        if let Some(ms) = answer_after {
            t.answer(seen_at + ms, How::Replied).unwrap();
        }
        t
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut times: Vec<i64> = (1..=10).rev().collect();
        assert_eq!(median_and_p90(&mut times), (Some(5), Some(9)));
        assert_eq!(median_and_p90(&mut [7]), (Some(7), Some(7)));
        assert_eq!(median_and_p90(&mut [3, 1]), (Some(1), Some(3)));
        assert_eq!(median_and_p90(&mut []), (None, None));
        let mut times: Vec<i64> = (0..101).collect();
        assert_eq!(median_and_p90(&mut times), (Some(50), Some(90)));
    }

    #[test]
    fn an_empty_history_reports_zeros() {
        let r = report(&[], ALL_TIME, MARCH_1);
        assert_eq!(r.total, 0);
        assert_eq!(r.by_tier[&Tier::Urgent], 0);
        assert_eq!(r.by_category.len(), Category::ALL.len());
        assert_eq!(r.first_response.median_ms, None);
    }

    #[test]
    fn figures_of_a_period() {
        let minute = MINUTE_MS;
        let records = [
            record("x", Tier::Urgent, MARCH_1 + HOUR_MS, Some(10 * minute)),
            record("x", Tier::Urgent, MARCH_1 + 2 * HOUR_MS, Some(20 * minute)),
            record("bluesky", Tier::High, MARCH_1 + DAY_MS, Some(5 * HOUR_MS)),
            record("x", Tier::Low, MARCH_1 + DAY_MS + HOUR_MS, None),
            // Outside the period.
            record("x", Tier::Low, MARCH_1 + 3 * DAY_MS, None),
            record("x", Tier::Low, MARCH_1 - 1, None),
        ];
        let period = Period {
            from: MARCH_1,
            to: MARCH_1 + 2 * DAY_MS,
            utc_offset_minutes: -120,
        };
        let r = report(&records, period, MARCH_1 + 3 * DAY_MS);
        assert_eq!(r.total, 4);
        assert_eq!(r.by_tier[&Tier::Urgent], 2);
        assert_eq!(r.by_tier[&Tier::Normal], 0);
        assert_eq!(r.by_category[&Category::Billing], 4);
        assert_eq!(r.by_category[&Category::Praise], 0);
        assert_eq!(r.by_site["x"], 3);
        assert_eq!(r.by_site["bluesky"], 1);
        // In UTC-2, 01:00 UTC on March 1 is still February 29.
        let days: Vec<String> = r.by_day.keys().map(Day::to_string).collect();
        assert_eq!(days, ["2024-02-29", "2024-03-01"]);
        assert_eq!(r.by_day.values().copied().collect::<Vec<_>>(), [1, 3]);
        assert_eq!(r.resolved, 3);
        assert_eq!(r.first_response.median_ms, Some(20 * minute));
        assert_eq!(r.first_response.p90_ms, Some(5 * HOUR_MS));
        let d = r.first_response.distribution;
        assert_eq!(
            (d.under_15m, d.from_15m_to_1h, d.from_4h_to_24h, d.over_24h),
            (1, 1, 1, 0)
        );
        // Answered 20 min into a 15-min target, 5 h into 1 h, and a low
        // post open past its 24 h: three breaches.
        assert_eq!(r.breaches, 3);
        assert_eq!(r.sentiment.negative, 4);
    }

    #[test]
    fn a_backwards_period_covers_nothing() {
        let records = [record("x", Tier::Low, MARCH_1, None)];
        let period = Period {
            from: MARCH_1 + DAY_MS,
            to: MARCH_1 - DAY_MS,
            utc_offset_minutes: 0,
        };
        assert_eq!(report(&records, period, MARCH_1).total, 0);
    }

    /// `n` varied timers over ten days from `MARCH_1`, the same for the
    /// same `seed`: every tier, sentiment and state, several categories,
    /// sites that JSON must escape, answers before the start.
    fn generated(n: usize, seed: u64) -> Vec<Timer> {
        let mut state = seed | 1;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let sites = ["x", "bluesky", "a \"forum\" \\ ✓", "<i>markup</i>"];
        let sentiments = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];
        (0..n)
            .map(|i| {
                let seen_at = MARCH_1 + (next(10 * DAY_MS as u64) as i64);
                let mut t = Timer::open(
                    &Policy::default(),
                    Sighting {
                        url: None,
                        site: sites[next(4) as usize].into(),
                        post_id: i.to_string(),
                        tier: Tier::ALL[next(4) as usize],
                        categories: Category::ALL.into_iter().filter(|_| next(4) == 0).collect(),
                        sentiment: sentiments[next(3) as usize],
                        author: None,
                        text: String::new(),
                        posted_at: None,
                        seen_at,
                    },
                );
                let at = seen_at + next(2 * DAY_MS as u64) as i64 - HOUR_MS;
                match next(4) {
                    0 => {}
                    1 => t.snooze(at).unwrap(),
                    _ => t.answer(at, How::Replied).unwrap(),
                }
                t
            })
            .collect()
    }

    #[test]
    fn stored_rows_report_what_the_timers_do() {
        for seed in [1, 7, 2024] {
            let records = generated(2_000, seed);
            let text: Vec<String> = records.iter().map(|t| ReportRow::of(t).to_text()).collect();
            let text = text.join("\n");
            let periods = [
                ALL_TIME,
                Period {
                    from: MARCH_1 + 2 * DAY_MS,
                    to: MARCH_1 + 9 * DAY_MS,
                    utc_offset_minutes: 0,
                },
                Period {
                    from: MARCH_1 + 3 * DAY_MS - 5 * HOUR_MS,
                    to: MARCH_1 + 6 * DAY_MS - 5 * HOUR_MS,
                    utc_offset_minutes: 300,
                },
                Period {
                    from: MARCH_1 + DAY_MS + 90 * MINUTE_MS,
                    to: MARCH_1 + 4 * DAY_MS + 90 * MINUTE_MS,
                    utc_offset_minutes: -90,
                },
            ];
            for period in periods {
                for now in [MARCH_1 + 5 * DAY_MS, MARCH_1 + 20 * DAY_MS] {
                    let rows = crate::sla::read_rows(&text).map(Result::unwrap);
                    let from_rows = report_rows(rows, period, now);
                    let from_timers = report(&records, period, now);
                    assert!(from_timers.total > 0 && from_timers.breaches > 0);
                    assert!(from_timers.by_site.len() == 4 && from_timers.resolved > 0);
                    assert_eq!(from_rows, from_timers, "seed {seed}, {period:?}, now {now}");
                }
            }
        }
    }

    #[test]
    fn json_shape() {
        let records = [record("x", Tier::Urgent, MARCH_1, Some(MINUTE_MS))];
        let json = serde_json::to_value(report(&records, ALL_TIME, MARCH_1)).unwrap();
        assert_eq!(json["by_tier"]["urgent"], 1);
        assert_eq!(json["by_category"]["account_security"], 0);
        assert_eq!(json["by_day"]["2024-03-01"], 1);
        assert_eq!(json["first_response"]["distribution"]["under_15m"], 1);
        assert_eq!(json["sentiment"]["negative"], 1);
    }
}
