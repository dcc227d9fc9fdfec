//! One site as data: the [`Descriptor`] format, and its validation.
//!
//! ```json
//! {
//!   "id": "x", "name": "X", "matches": ["https://x.com/*"], "reply_limit": 280,
//!   "feeds": ["/home", "/*/status/*"],
//!   "posts": [{
//!     "kind": "post",
//!     "root": "article[data-testid=\"tweet\"]",
//!     "id": {"sel": "a[href*=\"/status/\"]:has(time)", "attr": "href", "pattern": "/status/(\\d+)"},
//!     "author_name": {"sel": "[data-testid=\"User-Name\"] a span"},
//!     "text": {"sel": "[data-testid=\"tweetText\"]"},
//!     "reply": {"open": "[data-testid=\"reply\"]", "box": "[data-testid=\"tweetTextarea_0\"]",
//!               "scope": "page", "editor": "draft"}
//!   }]
//! }
//! ```
//!
//! * A site has one or more **post shapes** (a Reddit post and a Reddit
//!   comment are built differently); each has a `root` selector that finds
//!   its elements and [`Field`]s that read its values.
//! * A field is an element (`sel`, relative to the post; the post itself
//!   when absent), then an attribute of it (`attr`; its text when absent),
//!   then optionally the first capture group of a regular expression
//!   (`pattern`), for ids inside permalinks.
//! * A selector may step into open shadow roots with ` >>> `
//!   (`shreddit-post >>> [slot=title]`): sites built from web components keep
//!   parts of a post there.
//! * `feeds` lists the URL paths where posts should be found; finding none
//!   there is a health warning in the popup, not a silent failure.
//!
//! CSS selectors and regular expressions are checked where they run, by the
//! browser (the options page compiles them before accepting a descriptor);
//! everything else is checked here.

use serde::{Deserialize, Serialize};

use super::match_pattern;

/// How to read one value of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// CSS selector relative to the post element (the post itself when
    /// absent); ` >>> ` steps into an open shadow root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sel: Option<String>,
    /// Attribute to read instead of the element's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
    /// A regular expression whose first capture group is the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// The kind of editor a reply box is, which decides how text goes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditorKind {
    /// `<textarea>` or `<input>`.
    Textarea,
    /// A plain `contenteditable` element.
    Contenteditable,
    /// Draft.js (X).
    Draft,
    /// Lexical (Facebook, Messenger, Threads).
    Lexical,
    /// Quill (LinkedIn).
    Quill,
    /// ProseMirror or TipTap (Bluesky).
    Prosemirror,
}

/// Where a reply box is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Inside the post (comment boxes under a post).
    #[default]
    Post,
    /// Anywhere in the page (X opens its reply composer in a dialog).
    Page,
}

/// A post's reply box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// The site's own control that opens the box, inside the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<String>,
    /// The reply box (the editable element or an element around it).
    #[serde(rename = "box")]
    pub box_: String,
    /// Whether `box` is inside the post or anywhere in the page.
    #[serde(default)]
    pub scope: Scope,
    /// The editor the box is; absent, the content script tells it by the
    /// editors' own marks (tried in a fixed order, most specific first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<EditorKind>,
}

/// How one kind of post (or comment, or message) of a site is built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostShape {
    /// What this shape is on the site (`post`, `comment`, `message`…).
    pub kind: String,
    /// Matches each element of this shape.
    pub root: String,
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
    /// Present (inside the post) when the author is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    /// The author's follower count, where the site shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Field>,
    /// The post's time: ISO 8601, epoch milliseconds or seconds, or a short
    /// relative time ("5m", "2 hours ago").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Field>,
    /// The post's text.
    pub text: Field,
    /// The reply box, when the post can be answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
    /// The element of the post the badge goes after (the post's start when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge_after: Option<String>,
}

/// One site, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    /// Short id (`"x"`, `"reddit"`): lower-case letters, digits and `-`.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Chrome match patterns of the pages it applies to.
    pub matches: Vec<String>,
    /// Longest reply the site accepts, in characters as the site counts.
    pub reply_limit: u32,
    /// URL paths (with `*` wildcards) where posts are expected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feeds: Vec<String>,
    /// The shapes of the site's posts, tried in order.
    pub posts: Vec<PostShape>,
}

/// Why a descriptor was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DescriptorError {
    /// Not JSON, or not the descriptor's shape: serde's message with the line
    /// and column.
    Syntax {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Well-formed, but a value is not allowed.
    Invalid {
        /// Where, as a path (`posts[0].reply.box`).
        at: String,
        /// What is wrong.
        message: String,
    },
}

impl std::fmt::Display for DescriptorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DescriptorError::Syntax {
                message,
                line,
                column,
            } => write!(f, "line {line}, column {column}: {message}"),
            DescriptorError::Invalid { at, message } => write!(f, "{at}: {message}"),
        }
    }
}

impl std::error::Error for DescriptorError {}

impl Descriptor {
    /// Parses and validates a descriptor written as JSON.
    pub fn parse(json: &str) -> Result<Descriptor, DescriptorError> {
        let descriptor: Descriptor =
            serde_json::from_str(json).map_err(|e| DescriptorError::Syntax {
                message: e.to_string(),
                line: e.line(),
                column: e.column(),
            })?;
        descriptor.validate()?;
        Ok(descriptor)
    }

    /// Checks what serde cannot: non-empty selectors, valid match patterns,
    /// a usable id.
    pub fn validate(&self) -> Result<(), DescriptorError> {
        let invalid = |at: &str, message: &str| DescriptorError::Invalid {
            at: at.to_owned(),
            message: message.to_owned(),
        };
        if self.id.is_empty()
            || !self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(invalid(
                "id",
                "use lower-case letters, digits and '-' (e.g. \"my-forum\")",
            ));
        }
        if self.name.trim().is_empty() {
            return Err(invalid("name", "must not be empty"));
        }
        if self.matches.is_empty() {
            return Err(invalid("matches", "list at least one match pattern"));
        }
        for (i, pattern) in self.matches.iter().enumerate() {
            match_pattern::validate(pattern).map_err(|m| invalid(&format!("matches[{i}]"), &m))?;
        }
        if self.reply_limit == 0 {
            return Err(invalid("reply_limit", "must be at least 1"));
        }
        for (i, feed) in self.feeds.iter().enumerate() {
            if !feed.starts_with('/') {
                return Err(invalid(&format!("feeds[{i}]"), "a path starts with '/'"));
            }
        }
        if self.posts.is_empty() {
            return Err(invalid("posts", "describe at least one kind of post"));
        }
        for (i, shape) in self.posts.iter().enumerate() {
            shape.validate(&format!("posts[{i}]"))?;
        }
        Ok(())
    }
}

impl PostShape {
    fn validate(&self, at: &str) -> Result<(), DescriptorError> {
        let invalid = |field: &str, message: &str| DescriptorError::Invalid {
            at: format!("{at}.{field}"),
            message: message.to_owned(),
        };
        if self.kind.trim().is_empty() {
            return Err(invalid("kind", "must not be empty"));
        }
        check_selector(&self.root).map_err(|m| invalid("root", m))?;
        let fields = [
            ("id", Some(&self.id)),
            ("permalink", self.permalink.as_ref()),
            ("author_name", Some(&self.author_name)),
            ("author_handle", self.author_handle.as_ref()),
            ("followers", self.followers.as_ref()),
            ("time", self.time.as_ref()),
            ("text", Some(&self.text)),
        ];
        for (name, field) in fields {
            if let Some(field) = field {
                field.validate().map_err(|m| invalid(name, m))?;
            }
        }
        for (name, selector) in [
            ("verified", self.verified.as_ref()),
            ("badge_after", self.badge_after.as_ref()),
        ] {
            if let Some(selector) = selector {
                check_selector(selector).map_err(|m| invalid(name, m))?;
            }
        }
        if let Some(reply) = &self.reply {
            check_selector(&reply.box_).map_err(|m| invalid("reply.box", m))?;
            if let Some(open) = &reply.open {
                check_selector(open).map_err(|m| invalid("reply.open", m))?;
            }
        }
        Ok(())
    }
}

impl Field {
    fn validate(&self) -> Result<(), &'static str> {
        if let Some(sel) = &self.sel {
            check_selector(sel)?;
        }
        if self.attr.as_ref().is_some_and(|a| a.trim().is_empty()) {
            return Err("attr must not be empty");
        }
        if let Some(pattern) = &self.pattern {
            if !has_capture_group(pattern) {
                return Err("pattern needs a capture group: (…) around the value");
            }
        }
        Ok(())
    }
}

/// What can be checked of a CSS selector without a browser.
fn check_selector(selector: &str) -> Result<(), &'static str> {
    if selector.trim().is_empty() {
        return Err("selector must not be empty");
    }
    if selector.split(">>>").any(|part| part.trim().is_empty()) {
        return Err("'>>>' needs a selector on each side");
    }
    Ok(())
}

/// Whether a regular expression has a capturing group: an unescaped `(` not
/// followed by `?` (or followed by `?<name>`).
fn has_capture_group(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'(' => {
                let rest = &bytes[i + 1..];
                let named = rest.starts_with(b"?<")
                    && !rest[2..].starts_with(b"=")
                    && !rest[2..].starts_with(b"!");
                if rest.first() != Some(&b'?') || named {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
        "id": "forum", "name": "Forum", "matches": ["https://forum.example/*"], "reply_limit": 500,
        "posts": [{"kind": "post", "root": ".post", "id": {"attr": "data-id"},
                   "author_name": {"sel": ".author"}, "text": {"sel": ".body"}}]
    }"#;

    fn invalid_at(json: &str) -> String {
        match Descriptor::parse(json) {
            Err(DescriptorError::Invalid { at, .. }) => at,
            other => panic!("expected an invalid value, got {other:?}"),
        }
    }

    #[test]
    fn a_minimal_descriptor_parses() {
        let d = Descriptor::parse(MINIMAL).unwrap();
        assert_eq!(d.posts[0].root, ".post");
        assert!(d.posts[0].reply.is_none());
    }

    #[test]
    fn syntax_errors_name_the_line_and_column() {
        let err = Descriptor::parse("{\n  \"id\": \"x\",\n  \"nmae\": 1\n}").unwrap_err();
        let DescriptorError::Syntax { line, message, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*line, 3);
        assert!(message.contains("nmae"), "{message}");
        assert!(err.to_string().starts_with("line 3, column"));
    }

    #[test]
    fn values_are_checked_with_their_path() {
        assert_eq!(
            invalid_at(&MINIMAL.replace("\"forum\"", "\"My Forum\"")),
            "id"
        );
        assert_eq!(
            invalid_at(&MINIMAL.replace("https://forum.example/*", "forum.example")),
            "matches[0]"
        );
        assert_eq!(
            invalid_at(&MINIMAL.replace("\".body\"", "\"  \"")),
            "posts[0].text"
        );
        assert_eq!(
            invalid_at(&MINIMAL.replace(
                "{\"attr\": \"data-id\"}",
                "{\"attr\": \"href\", \"pattern\": \"/p/\\\\d+\"}"
            )),
            "posts[0].id"
        );
        assert_eq!(
            invalid_at(&MINIMAL.replace("\".post\"", "\"x-post >>> \"")),
            "posts[0].root"
        );
        assert_eq!(
            invalid_at(&MINIMAL.replace("\"posts\": [", "\"feeds\": [\"home\"], \"posts\": [")),
            "feeds[0]"
        );
    }

    #[test]
    fn capture_groups_are_told_from_other_groups() {
        assert!(has_capture_group(r"/status/(\d+)"));
        assert!(has_capture_group(r"(?<id>\d+)"));
        assert!(!has_capture_group(r"(?:ab)+\(x\)"));
        assert!(!has_capture_group(r"(?<=a)b"));
    }
}
