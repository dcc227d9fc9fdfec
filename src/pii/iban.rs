//! International bank account numbers (ISO 13616).
//!
//! An IBAN is a two-letter country code, two check digits, and 11–30 letters
//! and digits of national account number, 15–34 characters in all. It is
//! written either in one block (`DE89370400440532013000`) or, as printed on
//! statements, in groups of four separated by spaces (`DE89 3704 0044 0532
//! 0130 00`); lower case is accepted when the whole IBAN is in lower case.
//!
//! Two checks make an IBAN:
//!
//! * **Length.** Each country has one length: Germany 22, France 27, and so
//!   on ([`LENGTHS`] lists the countries the crate serves and their
//!   neighbours). For those, exactly that many characters are taken, which
//!   also tells where an IBAN written in groups ends. Other country codes
//!   are accepted at any length from 15 to 34. South Africa and China have no
//!   IBANs, so they are not in the table.
//! * **Mod 97.** Move the first four characters to the end, replace each
//!   letter by two digits (A = 10 … Z = 35), and the resulting number leaves
//!   remainder 1 when divided by 97. Only one random string in 97 passes, and
//!   every single mistyped character or swapped pair fails.

use super::{PiiKind, Span, at, before, is_gap, is_glue};

/// IBAN lengths by country.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IT", 27),
    ("KZ", 20),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MD", 24),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("RU", 33),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("UA", 29),
];

/// The longest IBAN.
const MAX_LEN: usize = 34;
/// The shortest IBAN.
const MIN_LEN: usize = 15;

/// IBANs in `chars`.
pub(super) fn find(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        if !chars[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        match iban_at(chars, i) {
            Some(end) => {
                out.push(Span {
                    kind: PiiKind::Iban,
                    start: i,
                    end,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end of the IBAN that starts at `start`, if one does.
fn iban_at(chars: &[char], start: usize) -> Option<usize> {
    let upper = chars[start].is_ascii_uppercase();
    let letter = |c: char| c.is_ascii_alphabetic() && c.is_ascii_uppercase() == upper;
    let starts = letter(chars[start])
        && letter(chars[start + 1])
        && chars[start + 2].is_ascii_digit()
        && chars[start + 3].is_ascii_digit()
        && !before(chars, start).is_some_and(is_glue);
    if !starts {
        return None;
    }
    let written = Written::read(chars, start, upper);
    let country = [
        lower_to_upper(chars[start]),
        lower_to_upper(chars[start + 1]),
    ];
    let known = LENGTHS
        .iter()
        .find(|(code, _)| code.chars().eq(country.iter().copied()))
        .map(|&(_, len)| len);
    let fits = |len: usize| {
        known.is_none_or(|k| k == len)
            && !at(chars, written.positions[len - 1] + 1).is_some_and(is_glue)
            && mod97(written.positions[..len].iter().map(|&p| chars[p]))
    };
    (MIN_LEN..=MAX_LEN.min(written.len))
        .rev()
        .filter(|&len| written.ends & (1 << len) != 0)
        .find(|&len| fits(len))
        .map(|len| written.positions[len - 1] + 1)
}

/// The characters of a possible IBAN as written: one block, or groups joined
/// by single spaces.
struct Written {
    /// Where each character is, for the first `len`.
    positions: [usize; MAX_LEN + 1],
    /// How many characters were read (at most [`MAX_LEN`] + 1).
    len: usize,
    /// Bit `k` is set when a group ends after `k` characters: where the
    /// IBAN may end.
    ends: u64,
}

impl Written {
    /// Reads from `start`, letters in the case `upper` says.
    fn read(chars: &[char], start: usize, upper: bool) -> Written {
        let fits = |c: char| {
            c.is_ascii_digit() || (c.is_ascii_alphabetic() && c.is_ascii_uppercase() == upper)
        };
        let mut written = Written {
            positions: [0; MAX_LEN + 1],
            len: 0,
            ends: 0,
        };
        let mut i = start;
        loop {
            while written.len <= MAX_LEN && at(chars, i).is_some_and(fits) {
                written.positions[written.len] = i;
                written.len += 1;
                i += 1;
            }
            written.ends |= 1 << written.len;
            let more = at(chars, i).is_some_and(is_gap) && at(chars, i + 1).is_some_and(fits);
            if !more || written.len >= MAX_LEN {
                return written;
            }
            i += 1;
        }
    }
}

/// `c` in upper case (ASCII).
fn lower_to_upper(c: char) -> char {
    c.to_ascii_uppercase()
}

/// The ISO 13616 check: the rearranged number mod 97 is 1.
pub(super) fn mod97(iban: impl Iterator<Item = char> + Clone) -> bool {
    let rearranged = iban.clone().skip(4).chain(iban.take(4));
    let mut remainder = 0u32;
    for c in rearranged {
        let Some(value) = c.to_digit(36) else {
            return false;
        };
        remainder = if value < 10 {
            (remainder * 10 + value) % 97
        } else {
            (remainder * 100 + value) % 97
        };
    }
    remainder == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ibans(text: &str) -> Vec<String> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn countries_in_groups_and_in_one_block() {
        for iban in [
            "DE89 3704 0044 0532 0130 00",
            "DE89370400440532013000",
            "FR14 2004 1010 0505 0001 3M02 606",
            "ES91 2100 0418 4502 0005 1332",
            "PT50 0002 0123 1234 5678 9015 4",
            "GB29 NWBK 6016 1331 9268 19",
            "GB82 WEST 1234 5698 7654 32",
            "NL91 ABNA 0417 1643 00",
            "BE68 5390 0754 7034",
            "IT60 X054 2811 1010 0000 0123 456",
            "UA21 3223 1300 0002 6007 2335 6600 1",
            "BY13 NBRB 3600 9000 0000 2Z00 AB00",
            "CH93 0076 2011 6238 5295 7",
            "gb29 nwbk 6016 1331 9268 19",
        ] {
            assert_eq!(ibans(&format!("IBAN: {iban}, thanks")), [iban], "{iban}");
        }
    }

    #[test]
    fn in_sentences() {
        assert_eq!(
            ibans("мой IBAN UA213223130000026007233566001 для возврата"),
            ["UA213223130000026007233566001"]
        );
        assert_eq!(
            ibans("Bitte auf DE89 3704 0044 0532 0130 00 überweisen"),
            ["DE89 3704 0044 0532 0130 00"]
        );
        // A known country's length says where a grouped IBAN ends.
        assert_eq!(
            ibans("BE68 5390 0754 7034 1234 now"),
            ["BE68 5390 0754 7034"]
        );
        assert_eq!(ibans("BE68 5390 0754 7034 OK?"), ["BE68 5390 0754 7034"]);
    }

    #[test]
    fn unknown_countries_need_only_the_checksum() {
        // Mauritius, 30 characters, not in the table.
        assert_eq!(
            ibans("MU17 BOMM 0101 1010 3030 0200 000M UR"),
            ["MU17 BOMM 0101 1010 3030 0200 000M UR"]
        );
    }

    #[test]
    fn not_ibans() {
        for text in [
            "DE89 3704 0044 0532 0130 01", // checksum
            "DE88 3704 0044 0532 0130 00", // check digits
            "DE89 3704 0044 0532 0130",    // too short for Germany
            "XDE89370400440532013000",     // glued
            "DE89370400440532013000X",     // glued
            "De89370400440532013000",      // mixed case
            "AB12",
            "RA123456789CN",      // a postal tracking number
            "1Z999AA10123456784", // a UPS tracking number
        ] {
            assert_eq!(ibans(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn check_digits() {
        assert!(mod97("GB82WEST12345698765432".chars()));
        assert!(!mod97("GB82WEST12345698765433".chars()));
        assert!(!mod97("GB82-WEST".chars()));
    }
}
