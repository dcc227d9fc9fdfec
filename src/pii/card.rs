//! Payment card numbers: 13–19 digits that pass the Luhn check and start
//! with a known issuer prefix.
//!
//! The digits may be written together (`4111111111111111`) or in groups
//! joined by single spaces or dashes, all the same way (`4111 1111 1111
//! 1111`, `3714-496353-98431`). Two checks make a card number:
//!
//! * **The issuer prefix and length.** Visa `4` (13–19 digits), Mastercard
//!   `51`–`55` and `2221`–`2720` (16), American Express `34`/`37` (15),
//!   Discover `6011`/`65` (16–19), MIR `2200`–`2204` (16–19), UnionPay `62`
//!   (16–19), Maestro `50` and `56`–`69` (13–19).
//! * **The Luhn checksum**: double every second digit from the right (taking
//!   9 off results over 9), add everything up, and the sum must end in 0. It
//!   catches every single mistyped digit, and nine random numbers in ten.
//!
//! A trailing group is dropped once when the rest is grouped like a card
//! (4-4-4-4, 4-6-5, or one block) and a space stands before it: "4111 1111
//! 1111 1111 123" is a card number and a security code.

use super::{Joint, MAX_DIGITS, PiiKind, Run, Span, for_each_run, other_number};

/// Card numbers in `chars`.
pub(super) fn find(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    for_each_run(chars, |run| {
        if let Some((start, end)) = card_in(chars, run) {
            out.push(Span {
                kind: PiiKind::CardNumber,
                start,
                end,
            });
        }
    });
    out
}

/// The card number in `run`: the whole run, or the run without a trailing
/// group.
fn card_in(chars: &[char], run: &Run) -> Option<(usize, usize)> {
    if run.plus || run.groups.iter().any(|g| g.paren) {
        return None;
    }
    let last = run.groups.len() - 1;
    if is_card(chars, run, last) {
        return Some(run.span(0, last));
    }
    let cut = last >= 1 && run.groups[last].joint == Joint::Gap && card_grouping(run, last - 1);
    (cut && is_card(chars, run, last - 1)).then(|| run.span(0, last - 1))
}

/// Whether groups `0..=last` are grouped the way cards are printed.
fn card_grouping(run: &Run, last: usize) -> bool {
    let mut sizes = [0; 5];
    if last >= sizes.len() {
        return false;
    }
    for (size, g) in sizes.iter_mut().zip(&run.groups[..=last]) {
        *size = g.end - g.start;
    }
    matches!(
        &sizes[..=last],
        [_] | [4, 4, 4, 4] | [4, 4, 4, 4, 3] | [4, 6, 5] | [4, 6, 4]
    )
}

/// Whether groups `0..=last` of `run` are a card number.
fn is_card(chars: &[char], run: &Run, last: usize) -> bool {
    let mut buf = [0; MAX_DIGITS];
    let Some(digits) = run.digits(chars, 0, last, &mut buf) else {
        return false;
    };
    let groups = &run.groups[..=last];
    let joint = groups.get(1).map_or(Joint::Gap, |g| g.joint);
    let joined_alike =
        matches!(joint, Joint::Gap | Joint::Dash) && groups[1..].iter().all(|g| g.joint == joint);
    let (start, end) = run.span(0, last);
    joined_alike && issuer_fits(digits) && luhn(digits) && !other_number(chars, start, end, false)
}

/// Whether the number starts with an issuer's prefix and has a length that
/// issuer uses.
fn issuer_fits(d: &[u8]) -> bool {
    let n = d.len();
    if !(13..=19).contains(&n) {
        return false;
    }
    let prefix = |k: usize| d[..k].iter().fold(0u32, |p, &x| p * 10 + u32::from(x));
    let (two, four) = (prefix(2), prefix(4));
    match d[0] {
        4 => true,
        3 => matches!(two, 34 | 37) && n == 15,
        2 => {
            ((2221..=2720).contains(&four) && n == 16) || ((2200..=2204).contains(&four) && n >= 16)
        }
        5 => ((51..=55).contains(&two) && n == 16) || two == 50 || two >= 56,
        6 => n >= 16 || !(four == 6011 || two == 65 || two == 62),
        _ => false,
    }
}

/// The Luhn checksum: true when the number is valid.
pub(super) fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            match (i % 2 == 1, x * 2) {
                (false, _) => x,
                (true, twice) if twice > 9 => twice - 9,
                (true, twice) => twice,
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &str) -> Vec<String> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn brands_and_groupings() {
        for number in [
            "4111 1111 1111 1111",     // Visa
            "4111-1111-1111-1111",     // Visa, dashes
            "4111111111111111",        // Visa, one block
            "4222222222222",           // Visa, 13 digits
            "5555 5555 5555 4444",     // Mastercard
            "2221 0000 0000 0009",     // Mastercard 2-series
            "3782 822463 10005",       // Amex, 4-6-5
            "371449635398431",         // Amex
            "6011 1111 1111 1117",     // Discover
            "6500 0000 0000 0002",     // Discover 65
            "2200 0000 0000 0004",     // MIR
            "6200 0000 0000 0005",     // UnionPay
            "6212 3456 7890 1234 569", // UnionPay, 19 digits
            "6759 6498 2643 8453",     // Maestro
        ] {
            assert_eq!(cards(&format!("card: {number}.")), [number], "{number}");
        }
    }

    #[test]
    fn in_sentences() {
        assert_eq!(
            cards("моя карта 2200 0000 0000 0004, спишите"),
            ["2200 0000 0000 0004"]
        );
        assert_eq!(
            cards("我的卡号是6200000000000005谢谢"),
            ["6200000000000005"]
        );
        assert_eq!(
            cards("mi tarjeta es 4111-1111-1111-1111"),
            ["4111-1111-1111-1111"]
        );
        assert_eq!(cards("4111 1111 1111 1111 123"), ["4111 1111 1111 1111"]);
        assert_eq!(cards("4111 1111 1111 1111 12/25"), ["4111 1111 1111 1111"]);
    }

    #[test]
    fn not_cards() {
        for text in [
            "4111 1111 1111 1112",         // fails Luhn
            "1234 5678 9012 3452",         // passes Luhn, no issuer starts with 1
            "9400 1000 0000 0000 0000 00", // tracking number
            "4111 1111-1111 1111",         // mixed joints
            "4111  1111 1111 1111",        // two spaces
            "+4111111111111111",           // a phone-like plus
            "3782 8224 6310 0003",         // Amex prefix, 16 digits
            "order 4111111111111111",      // an order number
            "4111111111111111.50",         // part of a bigger number
            "$4111111111111111",           // money
            "ID4111111111111111",          // glued to a word
        ] {
            assert_eq!(cards(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn luhn_checksum() {
        let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<u8>>();
        assert!(luhn(&digits("79927398713")));
        assert!(!luhn(&digits("79927398710")));
        assert!(luhn(&digits("4111111111111111")));
        assert!(!luhn(&digits("4111111111111112")));
        assert!(luhn(&digits("0")));
    }
}
