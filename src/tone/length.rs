//! Too long for the site.
//!
//! Each site's limit is in its descriptor ([`crate::platforms`],
//! `reply_limit`: X 280, Mastodon, Threads and Pinterest 500, Instagram
//! 2,200, VK 4,096, Facebook 8,000, Reddit 10,000…). X counts characters its
//! own way: a Chinese, Japanese or Korean character counts twice; other
//! sites count characters.

use super::{Context, Issue, IssueKind};
use crate::platforms;
use crate::text::tokens::is_unspaced_script;

/// Adds an issue when the draft is longer than its site allows.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    let Some(site) = ctx.draft.platform.and_then(platforms::by_id) else {
        return;
    };
    let limit = site.reply_limit as usize;
    let weight = |c: char| {
        if site.id == "x" && is_unspaced_script(c) {
            2
        } else {
            1
        }
    };
    let mut used = 0;
    let mut over_at = None;
    let mut chars = 0;
    for (index, c) in ctx.draft.text.chars().enumerate() {
        used += weight(c);
        chars = index + 1;
        if used > limit && over_at.is_none() {
            over_at = Some(index);
        }
    }
    if let Some(start) = over_at {
        out.push(Issue {
            kind: IssueKind::TooLong,
            start,
            end: chars,
            message: format!("{used} characters; {} allows {limit}.", site.name),
            suggestion: "Cut it down, or move the details to a direct message.".to_owned(),
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::{Draft, testing};

    fn issue(text: &str, platform: &str) -> Option<(usize, usize, String)> {
        let draft = Draft {
            text,
            platform: Some(platform),
            ..Draft::default()
        };
        let (i, _) = testing::run(check, draft).pop()?;
        Some((i.start, i.end, i.message))
    }

    #[test]
    fn over_the_limit_marks_the_excess() {
        let text = "a".repeat(290);
        assert_eq!(
            issue(&text, "x"),
            Some((280, 290, "290 characters; X allows 280.".into()))
        );
        assert_eq!(issue(&"a".repeat(280), "x"), None);
        assert_eq!(issue(&text, "mastodon"), None);
        assert!(issue(&"a".repeat(501), "mastodon").is_some());
        assert!(issue(&"a".repeat(2201), "instagram").is_some());
    }

    #[test]
    fn x_counts_chinese_twice() {
        assert!(issue(&"好".repeat(141), "x").is_some());
        assert!(issue(&"好".repeat(140), "x").is_none());
        assert!(issue(&"好".repeat(141), "threads").is_none());
    }

    #[test]
    fn unknown_or_missing_site_has_no_limit() {
        assert_eq!(issue(&"a".repeat(10_000), "nowhere"), None);
    }
}
