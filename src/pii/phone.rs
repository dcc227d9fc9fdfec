//! Phone numbers: international (`+` and 8–15 digits, or `00` and the same)
//! and the national formats of the countries the crate serves.
//!
//! A phone number is read as a run of digit groups joined by the punctuation
//! people put in phone numbers: one space, one dash or dot (with a space on
//! either side at most), and brackets around one of the first two groups
//! (`(555) 123-4567`, `8 (916) 123-45-67`, `+44 (0)20 7946 0958`). The
//! punctuation is then forgotten and the digits are checked against the
//! numbering plans, as digit count and leading digits:
//!
//! | Plan | Digits | Examples |
//! |------|--------|----------|
//! | trunk prefix 0 (UK, Ukraine, Belarus, South Africa, Germany, France, Chinese landlines) | 9–12, `0` then not `0` | `07700 900123`, `067 123 45 67`, `082 123 4567`, `030 12345678`, `06 12 34 56 78` |
//! | Russia, trunk prefix 8 | 11, `8` then 3, 4, 8 or 9 | `8 (916) 123-45-67` |
//! | Belarus, trunk prefix 8 | 11, `80` then not `0` | `8 029 123 45 67` |
//! | North America | 10, not starting 0 or 1; or 11 starting `1` | `(555) 123-4567`, `1-800-555-0199` |
//! | China, mobile | 11, `1` then 3–9 | `138 0013 8000` |
//! | Spain, Portugal | 9, starting 2, 6, 7, 8 or 9 | `612 34 56 78`, `912 345 678` |
//! | Brazil | 10 or 11: area code without 0, then 2–5 (landline) or 9 (mobile) | `(11) 91234-5678` |
//!
//! Most 9–12 digit numbers fit some plan, so what decides is what the digits
//! are *not*: not a date (`01.05.2024 1…`), an IP address, a decimal
//! (`0.123…`), an amount in thousands (`2 000 000 000`), and not after an
//! order word, `#`, or next to a currency (see the `pii` module).
//!
//! When a run fails, its last or first group is dropped once and the rest
//! tried again, but only where the run's punctuation changes there: in
//! "555-123-4567 2 times" the space before "2" is not the dashes inside the
//! number, so "555-123-4567" is a phone number. A run of groups all joined
//! the same way is never cut, so a 16-digit card-like number never yields a
//! 12-digit "phone number".

use super::{Group, Joint, MAX_DIGITS, PiiKind, Run, Span, for_each_run, other_number};

/// Phone numbers in `chars`.
pub(super) fn find(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    for_each_run(chars, |run| {
        if let Some((start, end)) = phone_in(chars, run) {
            out.push(Span {
                kind: PiiKind::Phone,
                start,
                end,
            });
        }
    });
    out
}

/// The phone number in `run`: the whole run, or the run without its last or
/// first group where the punctuation shows that group is not part of it.
fn phone_in(chars: &[char], run: &Run) -> Option<(usize, usize)> {
    let last = run.groups.len() - 1;
    let without_last = (last >= 1 && cut_after(run, last - 1)).then(|| (0, last - 1));
    let without_first = (last >= 1 && !run.plus && cut_after(run, 0)).then_some((1, last));
    [Some((0, last)), without_last, without_first]
        .into_iter()
        .flatten()
        .find(|&(first, last)| is_phone(chars, run, first, last))
        .map(|(first, last)| run.span(first, last))
}

/// Whether the run may be cut between group `i` and the next: they are one
/// space apart, and the part that would stay is one group or is joined some
/// other way (dashes, dots, brackets).
fn cut_after(run: &Run, i: usize) -> bool {
    let g = &run.groups;
    if g[i + 1].joint != Joint::Gap || g[i].paren || g[i + 1].paren {
        return false;
    }
    let kept = if i == 0 { &g[1..] } else { &g[..=i] };
    let punctuated = kept[1..]
        .iter()
        .any(|g| g.paren || !matches!(g.joint, Joint::Gap));
    kept.len() == 1 || punctuated
}

/// Whether groups `first..=last` of `run` are a phone number.
fn is_phone(chars: &[char], run: &Run, first: usize, last: usize) -> bool {
    let mut buf = [0; MAX_DIGITS];
    let Some(digits) = run.digits(chars, first, last, &mut buf) else {
        return false;
    };
    let groups = &run.groups[first..=last];
    let plus = run.plus && first == 0;
    let (start, end) = run.span(first, last);
    fits_a_plan(digits, plus)
        && brackets_fit(groups)
        && !not_a_phone_shape(chars, groups)
        && !other_number(chars, start, end, true)
}

/// At most one bracketed group, and it is one of the first two: the area
/// code or the trunk `(0)`.
fn brackets_fit(groups: &[Group]) -> bool {
    let mut bracketed = groups.iter().enumerate().filter(|(_, g)| g.paren);
    match (bracketed.next(), bracketed.next()) {
        (None, _) => true,
        (Some((i, _)), None) => i <= 1,
        _ => false,
    }
}

/// Digit layouts that are something else: dates, IP addresses, decimals,
/// amounts written in thousands.
fn not_a_phone_shape(chars: &[char], groups: &[Group]) -> bool {
    let len = |g: &Group| g.end - g.start;
    let text = |g: &Group| &chars[g.start..g.end];
    // 01.05.2024, 2024-05-01, 1.5.2024 …
    let date = groups.len() >= 3 && {
        let (a, b, c) = (len(&groups[0]), len(&groups[1]), len(&groups[2]));
        let same = groups[1].joint == groups[2].joint
            && matches!(groups[1].joint, Joint::Dot | Joint::Dash);
        same && (((1..=2).contains(&a) && (1..=2).contains(&b) && c == 4)
            || (a == 4 && (1..=2).contains(&b) && (1..=2).contains(&c)))
    };
    // 192.168.1.254
    let ip = groups.len() == 4
        && groups[1..].iter().all(|g| g.joint == Joint::Dot)
        && groups.iter().all(|g| {
            let t = text(g);
            (1..=3).contains(&t.len())
                && (t.len() == 1 || t[0] != '0')
                && t.iter()
                    .fold(0u32, |n, &c| n * 10 + c.to_digit(10).unwrap_or(0))
                    <= 255
        });
    // 0.123456789
    let decimal = groups.len() >= 2 && text(&groups[0]) == ['0'] && groups[1].joint == Joint::Dot;
    // 2 000 000 000, 1.250.000.000
    let thousands = groups.len() >= 3
        && groups[1..].iter().all(|g| {
            len(g) == 3 && !g.paren && g.joint == groups[1].joint && g.joint != Joint::Dash
        })
        && (len(&groups[0]) < 3 || groups[1..].iter().any(|g| text(g) == ['0', '0', '0']));
    date || ip || decimal || thousands
}

/// Whether `digits` fit the international format (`plus`) or a national plan.
fn fits_a_plan(d: &[u8], plus: bool) -> bool {
    let n = d.len();
    if plus {
        return (8..=15).contains(&n) && d[0] != 0;
    }
    if n >= 10 && d[0] == 0 && d[1] == 0 {
        // 00 44 7700 900123: the international prefix written out.
        return (8..=15).contains(&(n - 2)) && d[2] != 0;
    }
    if !(9..=12).contains(&n) {
        return false;
    }
    let (a, b, c) = (d[0], d[1], d[2]);
    let trunk_zero = a == 0 && b != 0;
    let russia = n == 11 && a == 8 && matches!(b, 3 | 4 | 8 | 9);
    let belarus = n == 11 && a == 8 && b == 0 && c != 0;
    let north_america = (n == 10 && a >= 2) || (n == 11 && a == 1 && b >= 2);
    let china_mobile = n == 11 && a == 1 && b >= 3;
    let iberia = n == 9 && matches!(a, 2 | 6 | 7 | 8 | 9);
    let brazil = a != 0 && b != 0 && ((n == 11 && c == 9) || (n == 10 && (2..=5).contains(&c)));
    trunk_zero || russia || belarus || north_america || china_mobile || iberia || brazil
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(text: &str) -> Vec<String> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn international() {
        for number in [
            "+7 916 123 45 67",
            "+7 (916) 123-45-67",
            "+44 7700 900123",
            "+44 (0)20 7946 0958",
            "+1 (555) 123-4567",
            "+86 138 0013 8000",
            "+27 82 123 4567",
            "+34 612 34 56 78",
            "+49 30 12345678",
            "+33 6 12 34 56 78",
            "+33.6.12.34.56.78",
            "+351 912 345 678",
            "+55 11 91234-5678",
            "+380 67 123 4567",
            "+375 29 123-45-67",
            "+4915112345678",
            "0044 7700 900123",
        ] {
            assert_eq!(
                phones(&format!("call {number} please")),
                [number],
                "{number}"
            );
        }
    }

    #[test]
    fn national() {
        for number in [
            "(555) 123-4567",
            "555-123-4567",
            "555.123.4567",
            "1-800-555-0199",
            "07700 900123",
            "020 7946 0958",
            "8 (916) 123-45-67",
            "8-916-123-45-67",
            "89161234567",
            "8 029 123 45 67",
            "029 123-45-67",
            "067 123 45 67",
            "0671234567",
            "138 0013 8000",
            "13800138000",
            "010-12345678",
            "082 123 4567",
            "021 123 4567",
            "612 34 56 78",
            "612345678",
            "91 123 45 67",
            "030 12345678",
            "0151 12345678",
            "06 12 34 56 78",
            "06.12.34.56.78",
            "912 345 678",
            "21 123 4567",
            "(11) 91234-5678",
            "(21) 3123-4567",
        ] {
            assert_eq!(phones(&format!("Номер: {number}.")), [number], "{number}");
        }
    }

    #[test]
    fn several_languages() {
        assert_eq!(
            phones("мой номер 8 (916) 123-45-67, звоните"),
            ["8 (916) 123-45-67"]
        );
        assert_eq!(phones("мій номер 067 123 45 67"), ["067 123 45 67"]);
        assert_eq!(phones("mi número es 612 34 56 78"), ["612 34 56 78"]);
        assert_eq!(phones("meine Nummer: 030 12345678"), ["030 12345678"]);
        assert_eq!(
            phones("mon numéro est le 06 12 34 56 78"),
            ["06 12 34 56 78"]
        );
        assert_eq!(phones("meu número é (11) 91234-5678"), ["(11) 91234-5678"]);
        assert_eq!(phones("我的手机号是138 0013 8000"), ["138 0013 8000"]);
    }

    #[test]
    fn a_trailing_number_is_cut_off_where_the_punctuation_changes() {
        assert_eq!(phones("call 555-123-4567 2 times"), ["555-123-4567"]);
        assert_eq!(phones("at 10:30 555-123-4567"), ["555-123-4567"]);
        assert_eq!(phones("ring 89161234567 3 times"), ["89161234567"]);
        // All joined alike: one number, not a phone followed by a group.
        assert_eq!(phones("0123 4567 8901 2345"), Vec::<String>::new());
    }

    #[test]
    fn too_few_or_too_many_digits() {
        for text in [
            "123-4567",
            "555 1234",
            "+7 916 12",
            "+1234567890123456",
            "0123 4567 8901 2345",
            "4111 1111 1111 1112",
        ] {
            assert_eq!(phones(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn numbers_that_are_something_else() {
        for text in [
            "order #5551234567",
            "order 5551234567",
            "order no. 5551234567",
            "order number: 5551234567",
            "ticket 0612345678",
            "заказ №89161234567",
            "номер заказа 89161234567",
            "трек-номер 0671234567",
            "Sendungsnummer 0301234567",
            "número de pedido 612345678",
            "commande n° 0612345678",
            "encomenda 912345678",
            "订单号13800138000",
            "#0612345678",
            "№ 0671234567",
            "2024-05-01 10:30",
            "01.05.2024 10:30",
            "01.05.2024 0301",
            "10.0.0.1 and 192.168.100.254",
            "0.123456789",
            "3.14159265358",
            "2 000 000 000",
            "1.250.000.000",
            "912 345 678 €",
            "$ 5551234567",
            "R$ 1.234.567.890",
            "5551234567 руб",
            "5551234567 USD",
            "5551234567%",
            "ID5551234567",
            "5551234567abc",
            "1,5551234567",
            "v5.551.234.567",
        ] {
            assert_eq!(phones(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn plans() {
        let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<u8>>();
        assert!(fits_a_plan(&digits("79161234567"), true));
        assert!(!fits_a_plan(&digits("0916123456"), true));
        assert!(!fits_a_plan(&digits("1234567"), true));
        assert!(fits_a_plan(&digits("89161234567"), false));
        assert!(!fits_a_plan(&digits("81161234567"), false));
        assert!(!fits_a_plan(&digits("123456789"), false));
        assert!(!fits_a_plan(&digits("0012345"), false));
        assert!(!fits_a_plan(&digits("1023456789"), false));
    }
}
