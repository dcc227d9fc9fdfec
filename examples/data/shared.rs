//! What training (`train.rs`) and evaluation (`eval.rs`) must read the same
//! way, so a model is scored on text prepared as it was trained on: UMSAB's
//! folders and language codes, and the decoding of the literal `\uXXXX`
//! escapes some datasets carry.

/// UMSAB's folders and their ISO 639-1 codes.
pub const UMSAB: [(&str, &str); 8] = [
    ("arabic", "ar"),
    ("english", "en"),
    ("french", "fr"),
    ("german", "de"),
    ("hindi", "hi"),
    ("italian", "it"),
    ("portuguese", "pt"),
    ("spanish", "es"),
];

/// Decodes literal `\uXXXX` escapes; anything that is not a valid escape is
/// kept as written.
pub fn decode_unicode_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\\u") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match escaped_char(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of the `\uXXXX` escape (or surrogate pair of two) that
/// `text` starts with, and how many bytes it took.
fn escaped_char(text: &str) -> Option<(char, usize)> {
    let unit = |at: usize| {
        let hex = text.get(at..at + 6)?.strip_prefix("\\u")?;
        u32::from_str_radix(hex, 16).ok()
    };
    let high = unit(0)?;
    if (0xD800..0xDC00).contains(&high) {
        let low = unit(6).filter(|low| (0xDC00..0xE000).contains(low))?;
        let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
        return Some((c, 12));
    }
    char::from_u32(high).map(|c| (c, 6))
}
