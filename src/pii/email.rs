//! Email addresses, written plainly or with the `@` and dots spelled out.
//!
//! An address is a local part, an at sign, and a domain:
//!
//! * the **local part** is letters, digits and `. _ % + - '` (Unicode
//!   letters too: `иван@почта.рф`), not starting with a dot;
//! * the **at sign** is `@`, or one of the obfuscations people use to keep
//!   their address from scrapers: `[at]`, `(at)`, `{at}`, `<at>` (with or
//!   without spaces around), or the bare word ` at `;
//! * the **domain** is two or more labels of letters, digits and hyphens,
//!   joined by `.` or by a spelled-out dot (` dot `, `[dot]`, `(dot)`), and
//!   ending in a top-level domain of 2–24 letters. A full stop after the
//!   address ends the sentence, not the domain.
//!
//! The bare word "at" is everywhere in English ("look at google.com"), so it
//! counts only when the domain also spells out a dot ("jo at example dot
//! com") or is a well-known mail provider ("jo at gmail.com").
//!
//! Each `@` looks back over its local part and ahead over its domain, never
//! past the previous address, so a text of `@` signs and dots is still read
//! in linear time.

use super::{PiiKind, Span, at, before, eq_ci, is_cjk, is_gap, lower, word_in};

/// Mail providers whose domain makes a bare "at" an email: "jo at gmail.com".
#[rustfmt::skip]
const PROVIDERS: &[&str] = &[
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.es", "yahoo.fr", "yahoo.co.uk",
    "hotmail.com", "hotmail.es", "hotmail.fr", "hotmail.co.uk", "outlook.com", "live.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
    "web.de", "t-online.de", "orange.fr", "free.fr", "laposte.net", "sapo.pt", "uol.com.br",
    "bol.com.br", "mail.ru", "bk.ru", "list.ru", "inbox.ru", "yandex.ru", "ya.ru", "rambler.ru",
    "ukr.net", "i.ua", "meta.ua", "tut.by", "qq.com", "163.com", "126.com", "sina.com",
    "foxmail.com",
];

/// Longest local part and domain label (RFC 5321).
const MAX_LOCAL: usize = 64;
/// Longest domain label.
const MAX_LABEL: usize = 63;

/// An at sign: where it starts and ends, and whether it is the bare word.
#[derive(Debug, Clone, Copy)]
struct AtSign {
    start: usize,
    end: usize,
    bare: bool,
}

/// A domain read after an at sign.
#[derive(Debug)]
struct Domain {
    /// The first label.
    start: usize,
    /// After the last label.
    end: usize,
    /// Whether a dot was spelled out.
    spelled: bool,
}

/// Email addresses in `chars`.
pub(super) fn find(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < chars.len() {
        let Some(sign) = at_sign(chars, i) else {
            i += 1;
            continue;
        };
        match address_around(chars, sign, floor) {
            Some(span) => {
                floor = span.end;
                i = span.end;
                out.push(span);
            }
            None => i += 1,
        }
    }
    out
}

/// The at sign that starts at `i`, if one does.
fn at_sign(chars: &[char], i: usize) -> Option<AtSign> {
    let word_at =
        |j: usize| j + 2 <= chars.len() && eq_ci(&chars[j..j + 2], "at") && chars[j].is_ascii();
    match chars[i] {
        '@' | '＠' => Some(AtSign {
            start: i,
            end: i + 1,
            bare: false,
        }),
        '[' | '(' | '{' | '<' if word_at(i + 1) && at(chars, i + 3) == Some(closing(chars[i])) => {
            Some(AtSign {
                start: i,
                end: i + 4,
                bare: false,
            })
        }
        c if is_gap(c) && word_at(i + 1) && at(chars, i + 3).is_some_and(is_gap) => Some(AtSign {
            start: i,
            end: i + 4,
            bare: true,
        }),
        _ => None,
    }
}

/// The bracket that closes `open`.
fn closing(open: char) -> char {
    match open {
        '[' => ']',
        '(' => ')',
        '{' => '}',
        _ => '>',
    }
}

/// The address around `sign`, its local part starting no earlier than
/// `floor`.
fn address_around(chars: &[char], sign: AtSign, floor: usize) -> Option<Span> {
    let mut local_end = sign.start;
    let mut domain_start = sign.end;
    if !sign.bare && chars[sign.start] != '@' && chars[sign.start] != '＠' {
        // "name [at] domain": one space either side of a bracketed at.
        if local_end > floor && is_gap(chars[local_end - 1]) {
            local_end -= 1;
        }
        if at(chars, domain_start).is_some_and(is_gap) {
            domain_start += 1;
        }
    }
    let start = local_start(chars, local_end, floor)?;
    let domain = domain_at(chars, domain_start)?;
    if sign.bare && (!domain.spelled && !is_provider(chars, &domain) || not_a_name(chars, start)) {
        return None;
    }
    Some(Span {
        kind: PiiKind::Email,
        start,
        end: domain.end,
    })
}

/// Words that stand before a bare "at" in prose: "I'm at home dot com" is
/// not an address.
#[rustfmt::skip]
const PROSE_BEFORE_AT: &[&str] = &[
    "i", "i'm", "im", "me", "you", "we", "us", "they", "them", "he", "him", "she", "her", "it",
    "is", "are", "am", "was", "were", "be", "been", "look", "looking", "stay", "staying",
    "live", "living", "work", "working", "meet", "arrive", "arrived", "here", "there", "just",
    "all", "not", "only", "back", "home", "out", "up", "down", "off", "open", "closed",
];

/// Whether the local part of a bare-"at" address starting at `start` is a
/// word of prose rather than a name.
fn not_a_name(chars: &[char], start: usize) -> bool {
    let mut end = start;
    while end < chars.len() && is_local_char(chars[end]) {
        end += 1;
    }
    word_in(&chars[start..end], PROSE_BEFORE_AT)
}

/// Letters, digits and the punctuation allowed in a local part.
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
        || (!c.is_ascii() && c.is_alphanumeric() && !is_cjk(c))
}

/// Letters, digits and hyphens: what domain labels are made of.
fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric() && !is_cjk(c))
}

/// Where the local part that ends at `end` starts, if there is one.
fn local_start(chars: &[char], end: usize, floor: usize) -> Option<usize> {
    let mut start = end;
    while start > floor && end - start < MAX_LOCAL && is_local_char(chars[start - 1]) {
        start -= 1;
    }
    if start > floor && end - start == MAX_LOCAL && is_local_char(chars[start - 1]) {
        return None;
    }
    // Punctuation that opens a local part is the sentence's, not the address's.
    while start < end && matches!(chars[start], '.' | '\'' | '-' | '+') {
        start += 1;
    }
    let has_alnum = chars[start..end].iter().any(|c| c.is_alphanumeric());
    (has_alnum && before(chars, end) != Some('.')).then_some(start)
}

/// The domain that starts at `start`: labels joined by dots, plain or
/// spelled out, ending in a top-level domain of letters.
fn domain_at(chars: &[char], start: usize) -> Option<Domain> {
    let mut domain = Domain {
        start,
        end: start,
        spelled: false,
    };
    let mut labels = 0;
    let mut last_label;
    let mut i = start;
    loop {
        let label_start = i;
        while i < chars.len() && i - label_start <= MAX_LABEL && is_label_char(chars[i]) {
            i += 1;
        }
        if i == label_start || i - label_start > MAX_LABEL {
            return None;
        }
        if chars[label_start] == '-' || chars[i - 1] == '-' {
            return None;
        }
        labels += 1;
        last_label = label_start;
        domain.end = i;
        match dot_at(chars, i) {
            Some((next, spelled)) => {
                domain.spelled |= spelled;
                i = next;
            }
            None => break,
        }
    }
    let tld = &chars[last_label..domain.end];
    let tld_ok = (2..=24).contains(&tld.len()) && tld.iter().all(|c| c.is_alphabetic());
    (labels >= 2 && tld_ok).then_some(domain)
}

/// The dot at `i` that leads to another label: where the label starts and
/// whether the dot was spelled out.
fn dot_at(chars: &[char], i: usize) -> Option<(usize, bool)> {
    let label_at = |j: usize| at(chars, j).is_some_and(is_label_char);
    if at(chars, i) == Some('.') && label_at(i + 1) {
        return Some((i + 1, false));
    }
    // " dot ", "[dot]", " [dot] ", "(dot)" …
    let mut j = i;
    let spaced = at(chars, j).is_some_and(is_gap);
    if spaced {
        j += 1;
    }
    let bracket = at(chars, j).filter(|&c| matches!(c, '[' | '(' | '{' | '<'));
    if bracket.is_some() {
        j += 1;
    } else if !spaced {
        return None;
    }
    if !(j + 3 <= chars.len() && eq_ci(&chars[j..j + 3], "dot")) {
        return None;
    }
    j += 3;
    if let Some(open) = bracket {
        if at(chars, j) != Some(closing(open)) {
            return None;
        }
        j += 1;
        if spaced && at(chars, j).is_some_and(is_gap) {
            j += 1;
        }
    } else if at(chars, j).is_some_and(is_gap) {
        j += 1;
    } else {
        return None;
    }
    label_at(j).then_some((j, true))
}

/// Whether the domain, written with plain dots, is one of [`PROVIDERS`].
fn is_provider(chars: &[char], domain: &Domain) -> bool {
    let name: String = chars[domain.start..domain.end]
        .iter()
        .map(|&c| lower(c))
        .collect();
    PROVIDERS.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<String> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn plain_addresses() {
        for address in [
            "jo@example.com",
            "john.smith+tickets@mail.example.co.uk",
            "o'brien@example.ie",
            "first_last-1@sub-domain.example.org",
            "JOHN@EXAMPLE.COM",
            "иван@почта.рф",
            "ivan.petrov@yandex.ru",
            "zhang.wei@qq.com",
        ] {
            assert_eq!(
                emails(&format!("write to {address}.")),
                [address],
                "{address}"
            );
        }
    }

    #[test]
    fn obfuscated_addresses() {
        for address in [
            "name at domain dot com",
            "name AT domain DOT com",
            "name [at] domain [dot] com",
            "name[at]domain[dot]com",
            "name (at) domain (dot) com",
            "name(at)domain.com",
            "name{at}domain.co.uk",
            "name at gmail.com",
            "name@domain dot com",
            "ivan at mail dot ru",
        ] {
            assert_eq!(
                emails(&format!("email: {address} thanks")),
                [address],
                "{address}"
            );
        }
    }

    #[test]
    fn in_sentences() {
        assert_eq!(emails("пишите на ivan@mail.ru, отвечу"), ["ivan@mail.ru"]);
        assert_eq!(emails("我的邮箱是zhang@qq.com谢谢"), ["zhang@qq.com"]);
        assert_eq!(emails("email me at jo@x.com."), ["jo@x.com"]);
        assert_eq!(emails("(jo@example.com)"), ["jo@example.com"]);
        assert_eq!(emails("a@b.com c@d.com"), ["a@b.com", "c@d.com"]);
    }

    #[test]
    fn not_addresses() {
        for text in [
            "@brand_support hi",
            "user@localhost",
            "a@b.c",
            "jo@example.123",
            "look at google.com",
            "I'm at home dot com",
            "she is at work dot com now",
            "meet me at the mall",
            "50 @ 3.99",
            "jo@-example.com",
            "jo.@example.com",
            "email@",
        ] {
            assert_eq!(emails(text), Vec::<String>::new(), "{text}");
        }
    }
}
