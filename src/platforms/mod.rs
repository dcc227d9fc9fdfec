//! Sites as data: where each site puts its posts, authors, times and reply
//! boxes.
//!
//! Every site is a [`Descriptor`], one JSON file in `src/platforms/sites/`.
//! The content script reads posts with the descriptor's selectors — the most
//! stable hooks a site offers (`data-testid`, ARIA roles, custom elements,
//! `<time datetime>`, permalinks) — so a site redesign is a change to one
//! line of data, not to code. [`for_url`] picks a page's descriptor by the
//! same match patterns as `manifest.json`; descriptors people add for other
//! sites go through [`Descriptor::parse`] and the same lookup.
//!
//! The reply limit of every site lives here too: the tone check warns when a
//! reply is too long for the site it is written on.

pub mod descriptor;
pub mod match_pattern;

use std::sync::OnceLock;

pub use descriptor::{Descriptor, DescriptorError, EditorKind, Field, PostShape, Reply, Scope};

/// The built-in descriptors' files, as `(file name, JSON)`.
const BUILTIN: &[(&str, &str)] = &[
    ("demo.json", include_str!("sites/demo.json")),
    ("x.json", include_str!("sites/x.json")),
    // Before Facebook: it claims facebook.com/messages/*, inside Facebook's pages.
    ("messenger.json", include_str!("sites/messenger.json")),
    ("facebook.json", include_str!("sites/facebook.json")),
    ("instagram.json", include_str!("sites/instagram.json")),
    ("linkedin.json", include_str!("sites/linkedin.json")),
    ("reddit.json", include_str!("sites/reddit.json")),
    ("youtube.json", include_str!("sites/youtube.json")),
    ("vk.json", include_str!("sites/vk.json")),
    ("pinterest.json", include_str!("sites/pinterest.json")),
    ("mastodon.json", include_str!("sites/mastodon.json")),
    ("bluesky.json", include_str!("sites/bluesky.json")),
    ("threads.json", include_str!("sites/threads.json")),
];

/// Every built-in descriptor.
pub fn all() -> &'static [Descriptor] {
    static ALL: OnceLock<Vec<Descriptor>> = OnceLock::new();
    ALL.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(file, json)| {
                Descriptor::parse(json).unwrap_or_else(|e| panic!("{file}: {e} (tested)"))
            })
            .collect()
    })
}

/// The built-in descriptor with this id.
pub fn by_id(id: &str) -> Option<&'static Descriptor> {
    all().iter().find(|d| d.id == id)
}

/// The descriptor whose match patterns cover `url`: the first of `extra`
/// (people's own descriptors) that does, else a built-in one.
pub fn for_url<'a>(url: &str, extra: &'a [Descriptor]) -> Option<&'a Descriptor> {
    let covers = |d: &&Descriptor| d.matches.iter().any(|p| match_pattern::matches(p, url));
    extra
        .iter()
        .find(covers)
        .or_else(|| all().iter().find(covers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_site_file_is_built_in_once_and_valid() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/platforms/sites");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let mut listed: Vec<String> = BUILTIN.iter().map(|(f, _)| f.to_string()).collect();
        listed.sort();
        assert_eq!(files, listed);
        let ids: std::collections::BTreeSet<_> = all().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), BUILTIN.len(), "ids are unique");
        for (file, _) in BUILTIN {
            assert!(
                ids.contains(file.trim_end_matches(".json")),
                "{file} names its id"
            );
        }
    }

    #[test]
    fn finds_the_descriptor_of_a_page() {
        let demo = for_url("http://127.0.0.1:4321/firstline-demo/feed.html", &[]).unwrap();
        assert_eq!(demo.id, "demo");
        assert_eq!(
            for_url("https://x.com/home", &[]).map(|d| d.id.as_str()),
            Some("x")
        );
        assert_eq!(
            for_url("https://old.reddit.com/r/rust/", &[]).map(|d| d.id.as_str()),
            Some("reddit")
        );
        assert_eq!(
            for_url("https://www.facebook.com/messages/t/1", &[]).map(|d| d.id.as_str()),
            Some("messenger")
        );
        assert!(for_url("https://example.org/", &[]).is_none());
    }

    #[test]
    fn the_manifest_injects_the_content_script_on_every_site() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../../manifest.json")).unwrap();
        let injected: std::collections::BTreeSet<&str> = manifest["content_scripts"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["matches"].as_array().unwrap())
            .map(|m| m.as_str().unwrap())
            .collect();
        let described: std::collections::BTreeSet<&str> = all()
            .iter()
            .flat_map(|d| d.matches.iter().map(String::as_str))
            .collect();
        assert_eq!(injected, described);
    }

    #[test]
    fn peoples_own_descriptors_come_first() {
        let mut own = by_id("x").unwrap().clone();
        own.id = "my-x".into();
        assert_eq!(
            for_url("https://x.com/home", std::slice::from_ref(&own)).map(|d| d.id.as_str()),
            Some("my-x")
        );
    }

    #[test]
    fn x_allows_280() {
        assert_eq!(by_id("x").map(|d| d.reply_limit), Some(280));
    }
}
