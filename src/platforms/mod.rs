//! Sites as data: where each site puts its posts, authors, times and reply
//! boxes.
//!
//! A [`Descriptor`] is a JSON file per site in this folder. The content
//! script reads posts with the descriptor's CSS selectors (the most stable
//! hooks a site offers: `data-testid`, ARIA roles, `<time datetime>`,
//! permalinks), so a site redesign is a change to one line of data, not to
//! code. [`for_url`] picks the descriptor of a page by the same match
//! patterns as `manifest.json`.
//!
//! The reply limit of every site lives here too: the tone check warns when a
//! reply is too long for the site it is written on.

pub mod match_pattern;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// How to read one value of a post: an element (by CSS selector, relative to
/// the post; the post itself when absent) and, optionally, an attribute of
/// it (its text when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// CSS selector relative to the post element.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sel: Option<String>,
    /// Attribute to read instead of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
}

/// Where a site's posts and their parts are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selectors {
    /// Matches each post element.
    pub post: String,
    /// The post's stable id.
    pub id: Field,
    /// The post's permalink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<Field>,
    /// The author's display name.
    pub author_name: Field,
    /// The author's handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_handle: Option<Field>,
    /// Present when the author is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    /// The author's follower count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Field>,
    /// The post's time (ISO 8601 or milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Field>,
    /// The post's text.
    pub text: Field,
    /// The reply box, relative to the post.
    pub reply_box: String,
    /// The site's own control that opens the reply box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_open: Option<String>,
    /// The element of the post the badge goes after (the post's start when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge_after: Option<String>,
}

/// One site, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    /// Short id (`"x"`, `"reddit"`).
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Chrome match patterns of the pages it applies to.
    pub matches: Vec<String>,
    /// Longest reply the site accepts, in characters as the site counts.
    pub reply_limit: u32,
    /// Where posts are; absent for sites known only by their limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selectors: Option<Selectors>,
}

const BUILTIN: [&str; 2] = [include_str!("demo.json"), include_str!("sites.json")];

/// Every built-in descriptor.
pub fn all() -> &'static [Descriptor] {
    static ALL: OnceLock<Vec<Descriptor>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Descriptor> = serde_json::from_str(BUILTIN[0])
            .map(|d| vec![d])
            .expect("demo.json is valid (tested)");
        all.extend(
            serde_json::from_str::<Vec<Descriptor>>(BUILTIN[1])
                .expect("sites.json is valid (tested)"),
        );
        all
    })
}

/// The descriptor with this id.
pub fn by_id(id: &str) -> Option<&'static Descriptor> {
    all().iter().find(|d| d.id == id)
}

/// The descriptor whose match patterns cover `url`.
pub fn for_url(url: &str) -> Option<&'static Descriptor> {
    all()
        .iter()
        .find(|d| d.matches.iter().any(|p| match_pattern::matches(p, url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_descriptors_parse_with_unique_ids() {
        let ids: std::collections::BTreeSet<_> = all().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), all().len());
        assert!(ids.contains("demo") && ids.contains("x"));
    }

    #[test]
    fn finds_the_descriptor_of_a_page() {
        let demo = for_url("http://127.0.0.1:4321/firstline-demo/feed.html").unwrap();
        assert_eq!(demo.id, "demo");
        assert!(demo.selectors.is_some());
        assert_eq!(
            for_url("https://x.com/home").map(|d| d.id.as_str()),
            Some("x")
        );
        assert!(for_url("https://example.org/").is_none());
    }

    #[test]
    fn x_allows_280() {
        assert_eq!(by_id("x").map(|d| d.reply_limit), Some(280));
    }
}
