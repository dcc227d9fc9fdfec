//! # firstline
//!
//! The core of a browser extension for people who do customer support on
//! social sites. Everything here is pure: text comes in, decisions come out,
//! and time is always passed in, never read. The same code runs natively (the
//! `firstline` command line, the tests, the benchmarks) and as WebAssembly
//! inside the extension.
//!
//! ## The pipeline
//!
//! ```text
//! page ──(platforms: where posts are)──▶ triage::Post
//! triage::classify(post)  ──▶ Verdict { tier, categories, sentiment, offensive, lang, reasons }
//! sla::Timer::open(policy, sighting)  ──▶ first-response timer ──▶ history ──▶ sla::report
//! templates::render(reply template, post + agent values)  ──▶ plain text for the reply box
//! tone::check(draft)  ──▶ ToneReport { score, verdict, issues }
//! ```
//!
//! * [`text`] turns raw page text into a normalised form that rules can match
//!   (case folding, look-alikes, stretched letters), keeping a map back to the
//!   original so every finding points at the words the user actually sees. It
//!   also guesses the language cheaply from scripts and function words.
//! * [`triage`] decides how urgent a post is and why: each category comes from
//!   lexicon rules whose matches are returned as reasons with spans.
//! * [`sla`] turns a tier and a post time into a first-response deadline
//!   (counting only business hours when the policy has them), runs one
//!   timer per post (warning, breach, answer, snooze, escalation), keeps
//!   timers as versioned history records, and sums a period of history into
//!   a report; history exports to CSV and JSON, and a colleague's JSON export
//!   merges in, one record per post.
//! * [`tone`] checks a reply draft before it is posted: insults, swearing,
//!   shouting, sarcasm, defensiveness, blame, a missing apology or name,
//!   length, long sentences, personal data and risky promises, one small
//!   module each, in ten languages; a score and a one-word verdict.
//! * [`templates`] parses reply packs and renders Mustache templates to plain
//!   text.
//! * [`platforms`] describes, as data, how each site marks up its posts.
//! * [`pii`] finds personal data (emails, phones, card numbers, IBANs,
//!   street addresses) in posts and drafts, so it can be moved to a DM.
//!
//! ```
//! use firstline::triage::{classify, Post, Tier};
//!
//! let verdict = classify(&Post::text("You charged me twice and nobody answers!"));
//! assert_eq!(verdict.tier, Tier::Urgent);
//! assert!(verdict.reasons.iter().any(|r| r.text == "charged me twice"));
//! ```
//!
//! Offsets in every span count Unicode scalar values (`char`s) of the text
//! that was passed in.

#![deny(missing_docs)]

pub mod pii;
pub mod platforms;
pub mod sla;
pub mod templates;
pub mod text;
pub mod tone;
pub mod triage;

#[cfg(target_arch = "wasm32")]
pub mod web;
