//! Response timers for the service worker: posts seen on pages open or
//! re-time their timers, and the agent's moves (answer, snooze, escalate)
//! change them.
//!
//! A timer crosses the boundary as its stored record, one line of JSON
//! (`sla::to_record`): the worker keeps it as that text in
//! `chrome.storage.local` and in the IndexedDB history, and never needs to
//! take it apart except to read the numbers it paints.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::sla::{self, How, Policy, Sighting, Timer};

/// What a sighting did to a post's timer.
#[derive(Serialize)]
struct Sighted {
    /// The timer's record, or `None` for a post without one.
    record: Option<String>,
    /// Whether it is new or changed, and must be stored.
    changed: bool,
}

fn policy_of(text: &str) -> Result<Policy, JsError> {
    if text.is_empty() {
        return Ok(Policy::default());
    }
    Policy::from_json(text).map_err(|e| JsError::new(&format!("policy: {e}")))
}

fn timer_of(record: &str) -> Result<Timer, JsError> {
    sla::parse_record(record).map_err(|e| JsError::new(&format!("timer: {e}")))
}

/// The timers of posts seen on a page, under `policy` (JSON, or empty for
/// the defaults): `sightings` is a JSON array of `{site, post_id, tier,
/// categories, sentiment, author, text, posted_at, seen_at, url}` and
/// `existing` the stored record of each, or `""` when it has none. Returns a
/// JSON array, in order, of `{record, changed}`: the timer's record (null
/// for a low-tier post seen for the first time) and whether to store it.
/// A stored record that cannot be read is replaced by a new timer.
#[wasm_bindgen(js_name = sightTimers)]
pub fn sight_timers(
    policy: &str,
    sightings: &str,
    existing: Vec<String>,
) -> Result<String, JsError> {
    let policy = policy_of(policy)?;
    let sightings: Vec<Sighting> =
        serde_json::from_str(sightings).map_err(|e| JsError::new(&format!("sightings: {e}")))?;
    let sighted: Vec<Sighted> = sightings
        .into_iter()
        .zip(
            existing
                .iter()
                .map(String::as_str)
                .chain(std::iter::repeat("")),
        )
        .map(|(post, stored)| {
            let existing = (!stored.is_empty())
                .then(|| sla::parse_record(stored).ok())
                .flatten();
            match Timer::sighted(&policy, existing, post) {
                Some((timer, changed)) => Sighted {
                    record: Some(sla::to_record(&timer)),
                    changed,
                },
                None => Sighted {
                    record: None,
                    changed: false,
                },
            }
        })
        .collect();
    serde_json::to_string(&sighted).map_err(|e| JsError::new(&e.to_string()))
}

/// The timer `record` answered at `now`, `how` (`"replied"` or
/// `"marked"`): the new record. A timer answered already throws, saying
/// when.
#[wasm_bindgen(js_name = answerTimer)]
pub fn answer_timer(record: &str, how: &str, now: f64) -> Result<String, JsError> {
    let how = match how {
        "replied" => How::Replied,
        "marked" => How::Marked,
        other => return Err(JsError::new(&format!("unknown way of answering `{other}`"))),
    };
    moved(record, |timer| timer.answer(now as i64, how))
}

/// The timer `record` snoozed until `until` (ms): the new record.
#[wasm_bindgen(js_name = snoozeTimer)]
pub fn snooze_timer(record: &str, until: f64) -> Result<String, JsError> {
    moved(record, |timer| timer.snooze(until as i64))
}

/// The timer `record` escalated at `now` under `policy` (JSON or empty):
/// the new record.
#[wasm_bindgen(js_name = escalateTimer)]
pub fn escalate_timer(policy: &str, record: &str, now: f64) -> Result<String, JsError> {
    let policy = policy_of(policy)?;
    moved(record, |timer| timer.escalate(now as i64, &policy))
}

/// `record` after `change`, as a record; the change's refusal as an error.
/// (Three functions rather than one taking a tagged move: serde's tagged
/// enums cost the worker's wasm several kilobytes.)
fn moved(
    record: &str,
    change: impl FnOnce(&mut Timer) -> Result<(), sla::AlreadyAnswered>,
) -> Result<String, JsError> {
    let mut timer = timer_of(record)?;
    change(&mut timer).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(sla::to_record(&timer))
}

/// Every running timer of `records` re-timed under a changed `policy`
/// (JSON): a JSON array of the records, in order, each changed or not.
#[wasm_bindgen(js_name = retimeTimers)]
pub fn retime_timers(policy: &str, records: Vec<String>) -> Result<String, JsError> {
    let policy = policy_of(policy)?;
    let retimed: Vec<String> = records
        .iter()
        .map(|record| {
            let mut timer = timer_of(record)?;
            let tier = timer.tier;
            // An answered timer keeps what it was measured against.
            let _ = timer.reclassify(tier, &policy);
            Ok(sla::to_record(&timer))
        })
        .collect::<Result<_, JsError>>()?;
    serde_json::to_string(&retimed).map_err(|e| JsError::new(&e.to_string()))
}

/// The report row of the timer `record` (`sla::ReportRow`, one line of
/// JSON), which the history keeps beside the record for reports to read
/// instead of it; a record the core cannot read throws why.
#[wasm_bindgen(js_name = reportRow)]
pub fn report_row(record: &str) -> Result<String, JsError> {
    Ok(sla::ReportRow::of(&timer_of(record)?).to_text())
}

/// Checks a first-response policy written in the options page: the
/// policy as the core reads it (JSON text), or a thrown error saying what
/// is wrong. (Options page only.)
#[cfg(feature = "pages")]
#[wasm_bindgen(js_name = checkPolicy)]
pub fn check_policy(policy: &str) -> Result<String, JsError> {
    let policy = policy_of(policy)?;
    serde_json::to_string(&policy).map_err(|e| JsError::new(&e.to_string()))
}
