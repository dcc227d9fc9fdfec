//! The WebAssembly face of the core, for the extension (wasm32 only).
//!
//! Thin by design: every function here converts JavaScript values to core
//! types, calls the core, and converts back. Two conversions matter:
//!
//! * **Batches.** Crossing the boundary costs microseconds per call, so posts
//!   are classified in batches: one call, one array in, one array out.
//! * **Offsets.** The core counts `char`s; the DOM counts UTF-16 code units.
//!   Every span that leaves here is in UTF-16 units, ready for `Range`s and
//!   the CSS Custom Highlight API.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[cfg(feature = "pages")]
mod editing;
mod library;
#[cfg(feature = "pages")]
mod reports;
mod timers;

#[cfg(feature = "pages")]
pub use editing::{pack_categories, signed_parts};
pub use library::ReplyLibrary;
#[cfg(feature = "pages")]
pub use reports::{export_history, history_report_rows, import_history, merge_history};
#[cfg(feature = "pages")]
pub use timers::check_policy;
pub use timers::{
    answer_timer, escalate_timer, report_row, retime_timers, sight_timers, snooze_timer,
};

use crate::platforms::{self, Descriptor};
use crate::sla::{Clock, Policy};
use crate::templates::Pack;
use crate::tone::{self, Draft};
use crate::triage::{self, Author, Lexicon, Post};

/// A post as the content script reads it from the page.
#[derive(Deserialize)]
struct PagePost {
    /// The content script's key for the post (site + post id).
    key: String,
    text: String,
    #[serde(default)]
    author: Author,
    #[serde(default)]
    platform: Option<String>,
    /// The post's own time, ms since the epoch, when the page shows it.
    #[serde(default)]
    posted_at: Option<f64>,
    /// When the post was first seen, ms since the epoch.
    seen_at: f64,
}

/// A span in UTF-16 units.
#[derive(Serialize)]
struct Span {
    category: &'static str,
    start: usize,
    end: usize,
    text: String,
}

/// A verdict with its first-response clock, for the page.
#[derive(Serialize)]
struct PageVerdict {
    key: String,
    tier: &'static str,
    categories: Vec<&'static str>,
    sentiment: triage::Sentiment,
    offensive: bool,
    lang: &'static str,
    reasons: Vec<Span>,
    signals: Vec<String>,
    clock: Clock,
}

/// Converts `char` offsets of one text to UTF-16 offsets.
struct Utf16Offsets(Vec<usize>);

impl Utf16Offsets {
    fn new(text: &str) -> Utf16Offsets {
        let mut offsets = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        for c in text.chars() {
            offsets.push(at);
            at += c.len_utf16();
        }
        offsets.push(at);
        Utf16Offsets(offsets)
    }

    fn at(&self, char_index: usize) -> usize {
        self.0[char_index.min(self.0.len() - 1)]
    }
}

/// Reads firstline's own packs, shipped with the extension, naming the first
/// that cannot be read. They are read, not validated: `cargo test` validates
/// every shipped pack, and the worker's wasm then carries no validation code
/// (packs from outside are validated by the options page's wasm on import).
fn read_shipped_packs(packs: &[String]) -> Result<Vec<Pack>, JsError> {
    packs
        .iter()
        .enumerate()
        .map(|(i, json)| {
            Pack::from_stored_json(json).map_err(|e| JsError::new(&format!("pack {}: {e}", i + 1)))
        })
        .collect()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Triage with the built-in lexicons and the team rules of the agent's
/// packs, compiled once and kept by the service worker.
#[wasm_bindgen]
pub struct Classifier {
    lexicon: Lexicon,
}

#[wasm_bindgen]
impl Classifier {
    /// A classifier with the team rules of firstline's shipped `packs`
    /// (JSON texts; one that cannot be read throws, naming it).
    #[wasm_bindgen(constructor)]
    pub fn new(packs: Vec<String>) -> Result<Classifier, JsError> {
        Classifier::with_rules_of(&read_shipped_packs(&packs)?)
    }

    /// Classifies a batch of posts, given and returned as JSON text:
    /// `[{key, text, author, platform, posted_at, seen_at}]` →
    /// `[{key, tier, categories, sentiment, offensive, lang, reasons,
    /// signals, clock}]`, in order. `policy` is the first-response policy as
    /// JSON, or empty for the defaults.
    ///
    /// JSON text crosses the boundary in one copy each way; building the
    /// same values as JavaScript objects field by field measured slower.
    #[wasm_bindgen(js_name = classifyBatch)]
    pub fn classify_batch(&self, posts: &str, policy: &str) -> Result<String, JsError> {
        let posts: Vec<PagePost> =
            serde_json::from_str(posts).map_err(|e| JsError::new(&format!("posts: {e}")))?;
        let policy: Policy = if policy.is_empty() {
            Policy::default()
        } else {
            serde_json::from_str(policy).map_err(|e| JsError::new(&format!("policy: {e}")))?
        };
        let verdicts: Vec<PageVerdict> = posts
            .into_iter()
            .map(|page| page_verdict(&self.lexicon, page, &policy))
            .collect();
        serde_json::to_string(&verdicts).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// Classifies one page post and starts its clock.
fn page_verdict(lexicon: &Lexicon, page: PagePost, policy: &Policy) -> PageVerdict {
    let post = Post {
        text: page.text,
        author: page.author,
        platform: page.platform,
    };
    let verdict = lexicon.classify(&post);
    let offsets = Utf16Offsets::new(&post.text);
    let clock = policy.clock(
        verdict.tier,
        page.posted_at.map(|t| t as i64),
        page.seen_at as i64,
    );
    PageVerdict {
        key: page.key,
        tier: verdict.tier.name(),
        categories: verdict.categories.iter().map(|c| c.name()).collect(),
        sentiment: verdict.sentiment,
        offensive: verdict.offensive,
        lang: verdict.lang.code(),
        reasons: verdict
            .reasons
            .into_iter()
            .map(|r| Span {
                category: r.category.name(),
                start: offsets.at(r.start),
                end: offsets.at(r.end),
                text: r.text,
            })
            .collect(),
        signals: verdict.signals,
        clock,
    }
}

/// Checks the tone of a draft: `{score, verdict, issues: [{kind, start, end,
/// message, suggestion, fix?}]}` with spans in UTF-16 units. `author_name`
/// (of the post answered) may be left out.
#[wasm_bindgen(js_name = checkTone)]
pub fn check_tone(
    text: &str,
    platform: Option<String>,
    replying_to: Option<String>,
    author_name: Option<String>,
) -> Result<JsValue, JsError> {
    let mut report = tone::check(&Draft {
        text,
        platform: platform.as_deref(),
        replying_to: replying_to.as_deref(),
        author_name: author_name.as_deref(),
    });
    let offsets = Utf16Offsets::new(text);
    for issue in &mut report.issues {
        issue.start = offsets.at(issue.start);
        issue.end = offsets.at(issue.end);
    }
    to_js(&report)
}

/// The site descriptor whose match patterns cover `url`, or `null`: one of
/// `own` (people's descriptors for other sites, as JSON texts) first, then a
/// built-in one. An invalid own descriptor throws, naming it.
#[wasm_bindgen(js_name = descriptorFor)]
pub fn descriptor_for(url: &str, own: Vec<String>) -> Result<JsValue, JsError> {
    let own = own
        .iter()
        .enumerate()
        .map(|(i, json)| {
            Descriptor::parse(json).map_err(|e| JsError::new(&format!("site {}: {e}", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    match platforms::for_url(url, &own) {
        Some(descriptor) => to_js(descriptor),
        None => Ok(JsValue::NULL),
    }
}

/// Parses and checks a descriptor written by a person: the descriptor, or a
/// thrown error with the line and column or the path of the bad value.
/// (Options page only.)
#[cfg(feature = "pages")]
#[wasm_bindgen(js_name = parseDescriptor)]
pub fn parse_descriptor(json: &str) -> Result<JsValue, JsError> {
    let descriptor = Descriptor::parse(json).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&descriptor)
}

impl Classifier {
    fn with_rules_of(packs: &[Pack]) -> Result<Classifier, JsError> {
        let rules: Vec<_> = packs.iter().flat_map(Pack::team_rules).collect();
        let lexicon = Lexicon::with_team_rules(&rules).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Classifier { lexicon })
    }
}
