//! Undoes the escaping some datasets inherited upstream, so the classifier
//! sees a post as a page would show it.
//!
//! * literal `\uXXXX` escapes (UMSAB English and TweetEval sentiment:
//!   `\u2019`, `\u002c`), surrogate pairs included;
//! * `\"` and CSV-style doubled quotes left inside the text (`""""`);
//! * the HTML entities `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` of
//!   scraped tweets.

use crate::shared::decode_unicode_escapes;

/// The text with the escapes above decoded.
pub fn clean(text: &str) -> String {
    let text = decode_unicode_escapes(text.trim_start_matches('\u{feff}'));
    let text = collapse_quotes(&text.replace("\\\"", "\""));
    decode_entities(&text)
}

/// Replaces every run of `"` by a single `"`.
fn collapse_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == '"' && out.ends_with('"')) {
            out.push(c);
        }
    }
    out
}

/// Decodes the few HTML entities tweets carry (`&amp;` last, so
/// `&amp;lt;` becomes `&lt;`, not `<`).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Hand-computed cases.
#[cfg(test)]
mod tests {
    use super::*;

    /// `\uXXXX` escapes (and surrogate pairs) decode; broken ones stay.
    #[test]
    fn decodes_escapes_as_in_umsab_english() {
        assert_eq!(
            clean(r"I\u2019m going to Washington\u002c DC"),
            "I\u{2019}m going to Washington, DC"
        );
        assert_eq!(decode_unicode_escapes(r"\ud83d\ude02!"), "😂!");
        assert_eq!(decode_unicode_escapes(r"C:\users \u12"), r"C:\users \u12");
    }

    /// Escaped and doubled quotes collapse; entities decode once.
    #[test]
    fn collapses_inherited_quotes_and_entities() {
        assert_eq!(
            clean(r#""\""@a: hi.\"" ok" &amp; &lt;3"#),
            r#""@a: hi." ok" & <3"#
        );
        assert_eq!(clean("&amp;lt;"), "&lt;");
    }
}
