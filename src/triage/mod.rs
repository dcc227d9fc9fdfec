//! Severity triage: how urgent a post is, what it is about, and why.
//!
//! [`classify`] reads one [`Post`] and returns a [`Verdict`]:
//!
//! * **categories** — any of [`Category`]'s values, from lexicon rules (see
//!   [`lexicon`]) whose weights add up to at least [`CATEGORY_THRESHOLD`];
//!   `pii` when the post exposes personal data ([`crate::pii`]);
//! * **tier** — [`Tier::Urgent`] when money, access, safety or an
//!   undelivered or broken product is at stake (a card number or IBAN posted
//!   in public counts), [`Tier::High`] for complaints
//!   and leads, [`Tier::Normal`] for questions, [`Tier::Low`] otherwise —
//!   including insults and trolling with no concrete problem behind them; a
//!   verified author or one with many followers raises it one step;
//! * **sentiment**, **offensive** and the **language**;
//! * **reasons** — the words that made each category hold, as spans of the
//!   original text, so the badge can show them.
//!
//! The rules are plain-text lexicons, one per language, compiled once into a
//! single automaton ([`crate::text::phrases`]); a post costs one pass over its
//! normalised text whatever the number of rules.

pub mod lexicon;
pub mod model;
mod score;

use serde::{Deserialize, Serialize};

use crate::text::Lang;
pub use lexicon::{Cue, Lexicon, LexiconError, RuleTag, TeamRule};
pub use score::{CATEGORY_THRESHOLD, CueMatch, is_offensive};

/// Followers from which an author's post is raised one tier.
pub const INFLUENTIAL_FOLLOWERS: u64 = 10_000;

/// A post as the page shows it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Post {
    /// The post's text.
    pub text: String,
    /// What the page shows of its author.
    #[serde(default)]
    pub author: Author,
    /// The site it was found on (`"x"`, `"reddit"`, …), when known.
    #[serde(default)]
    pub platform: Option<String>,
}

impl Post {
    /// A post with only text.
    pub fn text(text: impl Into<String>) -> Post {
        Post {
            text: text.into(),
            ..Post::default()
        }
    }
}

/// What the page shows about a post's author.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Author {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Handle, without `@`.
    #[serde(default)]
    pub handle: Option<String>,
    /// The site's verified badge is shown.
    #[serde(default)]
    pub verified: bool,
    /// Follower count, where the page shows it.
    #[serde(default)]
    pub followers: Option<u64>,
}

/// How soon a post needs a first response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Anything else: praise, chit-chat, trolling.
    Low,
    /// A question a saved reply can answer.
    Normal,
    /// A complaint needing a personal answer, or a lead.
    High,
    /// Money, access, safety, or a lost or broken product is at stake.
    Urgent,
}

impl Tier {
    /// All tiers, most urgent first.
    pub const ALL: [Tier; 4] = [Tier::Urgent, Tier::High, Tier::Normal, Tier::Low];

    /// The next tier up (urgent stays urgent).
    pub fn raised(self) -> Tier {
        match self {
            Tier::Low => Tier::Normal,
            Tier::Normal => Tier::High,
            Tier::High | Tier::Urgent => Tier::Urgent,
        }
    }

    /// The lower-case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Urgent => "urgent",
            Tier::High => "high",
            Tier::Normal => "normal",
            Tier::Low => "low",
        }
    }
}

/// What a post is about. A post may be in several categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Unexpected or double charges, refunds, fees.
    Billing,
    /// Down, can't log in, errors, broken links.
    Outage,
    /// Not delivered, late, damaged, lost.
    Delivery,
    /// Hacked, fraud, stolen card, unrecognised payment.
    AccountSecurity,
    /// Lawyers, regulators, threats, danger.
    LegalSafety,
    /// A grievance needing a personal answer.
    Complaint,
    /// Answerable by a saved reply: how-to, contact info.
    Question,
    /// Someone ready to buy: price, demo, availability.
    Lead,
    /// Insults, trolling, profanity aimed at someone.
    Inflammatory,
    /// Thanks and compliments.
    Praise,
    /// The post exposes personal data.
    Pii,
}

impl Category {
    /// Every category, in the order verdicts list them.
    pub const ALL: [Category; 11] = [
        Category::Billing,
        Category::Outage,
        Category::Delivery,
        Category::AccountSecurity,
        Category::LegalSafety,
        Category::Complaint,
        Category::Question,
        Category::Lead,
        Category::Inflammatory,
        Category::Praise,
        Category::Pii,
    ];

    /// The snake-case name used in JSON and lexicons.
    pub fn name(self) -> &'static str {
        match self {
            Category::Billing => "billing",
            Category::Outage => "outage",
            Category::Delivery => "delivery",
            Category::AccountSecurity => "account_security",
            Category::LegalSafety => "legal_safety",
            Category::Complaint => "complaint",
            Category::Question => "question",
            Category::Lead => "lead",
            Category::Inflammatory => "inflammatory",
            Category::Praise => "praise",
            Category::Pii => "pii",
        }
    }

    /// The category of a snake-case name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    /// True for grievances: the urgent categories and complaints — what
    /// needs a personal answer.
    pub fn is_grievance(self) -> bool {
        self.is_urgent() || self == Category::Complaint
    }

    /// True for the categories that make a post urgent.
    pub fn is_urgent(self) -> bool {
        matches!(
            self,
            Category::Billing
                | Category::Outage
                | Category::Delivery
                | Category::AccountSecurity
                | Category::LegalSafety
        )
    }
}

/// The overall feeling of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    /// Unhappy, angry, disappointed.
    Negative,
    /// Neither.
    Neutral,
    /// Happy, grateful.
    Positive,
}

/// Why a category holds: the words that matched, as a span of the post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The category these words count toward.
    pub category: Category,
    /// Start of the span, in `char`s of the post text.
    pub start: usize,
    /// End of the span (exclusive), in `char`s.
    pub end: usize,
    /// The words as written in the post.
    pub text: String,
}

/// Everything triage decided about a post.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// How soon it needs a first response.
    pub tier: Tier,
    /// What it is about, in [`Category::ALL`] order.
    pub categories: Vec<Category>,
    /// Its overall feeling.
    pub sentiment: Sentiment,
    /// It contains profanity or insults.
    pub offensive: bool,
    /// Its language.
    pub lang: Lang,
    /// The words behind each category, in text order.
    pub reasons: Vec<Reason>,
    /// What raised the tier beyond the text (the author's reach), if
    /// anything; omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<String>,
}

impl Verdict {
    /// True when the post is in `category`.
    pub fn has(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// True when the post is in a grievance category
    /// ([`Category::is_grievance`]).
    pub fn is_grievance(&self) -> bool {
        self.categories.iter().any(|c| c.is_grievance())
    }
}

/// Classifies `post` with the built-in lexicons.
pub fn classify(post: &Post) -> Verdict {
    Lexicon::builtin().classify(post)
}
