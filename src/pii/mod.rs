//! Personal data in posts and reply drafts: emails, phone numbers, card
//! numbers, IBANs and street addresses.
//!
//! Support happens in public. A customer answers a brand's post with "my
//! card 4111 1111 1111 1111 was charged twice, call me on 07700 900123", or
//! an agent drafts a reply that quotes it back. Either way the data belongs in
//! a direct message, and the extension should say so before the post goes
//! out. [`find`] is the detector behind that warning: give it a text, get back
//! every piece of personal data in it, in text order, each as a [`PiiMatch`]
//! with its [`PiiKind`], its span and the text it covers.
//!
//! ```
//! use firstline::pii::{find, PiiKind};
//!
//! let found = find("Order #48213 never came. Call me: +44 7700 900123, or jo@example.com");
//! let kinds: Vec<PiiKind> = found.iter().map(|m| m.kind).collect();
//! assert_eq!(kinds, [PiiKind::Phone, PiiKind::Email]);
//! assert_eq!(found[0].text, "+44 7700 900123");
//! assert_eq!((found[1].start, found[1].end), (54, 68));
//! ```
//!
//! Spans count `char`s (Unicode scalar values), like every span in this
//! crate, so they stay right in Cyrillic, Chinese or emoji-laden text.
//!
//! # What is found
//!
//! | Kind | Looks like | Checked by |
//! |------|------------|------------|
//! | [`PiiKind::Email`] | `jo@example.com`, `jo at example dot com`, `jo(at)example.com` | shape: a local part, then labels with a letter-only top-level domain |
//! | [`PiiKind::Phone`] | `+7 916 123-45-67`, `(555) 123-4567`, `06 12 34 56 78`, `138 0013 8000` | digit count, then the numbering plans of the countries the crate serves |
//! | [`PiiKind::CardNumber`] | `4111 1111 1111 1111`, `3714-496353-98431` | the Luhn checksum and the issuer prefix |
//! | [`PiiKind::Iban`] | `DE89 3704 0044 0532 0130 00` | the ISO 13616 mod-97 checksum and the country's length |
//! | [`PiiKind::Address`] | `221B Baker Street`, `Calle Mayor 5`, `ул. Ленина, д. 5` | a house number next to a street word |
//!
//! # How it works
//!
//! There are no regular expressions here: the `regex` crate would add more to
//! the extension's WebAssembly than all of this module's logic. Each detector
//! is instead a small scanner over the text's `char`s that only moves forward
//! (looking back or ahead a bounded distance at most), so the time is linear
//! in the length of the text, whatever the text: a megabyte of digits or of
//! `@` signs costs no more than a megabyte of prose.
//!
//! The hard part is not finding numbers, it is finding the *right* numbers.
//! Support threads are full of digits that are not personal: order and ticket
//! numbers, dates, times, prices, tracking numbers, versions, IP addresses.
//! Three things keep those out:
//!
//! * **Checksums** where a format has one. A card number must pass the Luhn
//!   check and start with an issuer's prefix; an IBAN must pass mod 97. A
//!   random 16-digit number passes both card checks about one time in thirty.
//! * **Structure** where it does not. A phone number is 9–12 digits laid out
//!   the way one of the supported national plans lays them out (or `+` and
//!   8–15 digits), with only the punctuation phone numbers use between the
//!   groups. A date (`01.05.2024`), an IP address (`192.168.1.254`), a
//!   thousands-separated amount (`2 000 000 000`) or a decimal is not.
//! * **Context** around numbers. A number right after an order word
//!   ("order", "ticket", "tracking number", "заказ", "pedido",
//!   "Bestellnummer", "订单号", …), after `#` or `№`, next to a currency sign
//!   or word, glued to letters (`v2`, `4990р`), or part of a larger number is
//!   not a phone number, whatever its digits.
//!
//! Detectors run in order of how sure they are: email, IBAN, card, phone,
//! address. A finding that overlaps an earlier one is dropped, so the digits
//! of a card number are never also reported as a phone number, and the
//! digits of an email address never as anything else.
//!
//! # What is not found
//!
//! The detectors aim to be precise rather than greedy: a warning that fires on
//! every order number would soon be ignored. So some real personal data is
//! let through on purpose:
//!
//! * phone numbers written without the digits the plans above require (a
//!   seven-digit local number such as `123-4567`), or with words inside
//!   ("five five five …");
//! * any number right after an order, ticket or tracking word, even when it
//!   happens to look like a phone number;
//! * addresses without a house number ("Baker Street"), with lower-case
//!   street names outside Cyrillic ("12 main street"), or in forms other than
//!   the ones listed on each detector (postcodes and cities are not matched);
//! * emails obfuscated in other ways than `at`/`dot` words and brackets
//!   ("name собака domain").

mod address;
mod card;
mod email;
mod iban;
mod phone;

use serde::Serialize;

use crate::text::is_letter;

/// What kind of personal data a [`PiiMatch`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PiiKind {
    /// An email address, plain or with the `at`/`dot` spelled out.
    Email,
    /// A phone number, international or in a supported national format.
    Phone,
    /// A payment card number that passes the Luhn check.
    CardNumber,
    /// An international bank account number that passes mod 97.
    Iban,
    /// A street address: a street with a house number.
    Address,
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PiiMatch {
    /// What kind of data it is.
    pub kind: PiiKind,
    /// Start of the span, in `char`s of the text.
    pub start: usize,
    /// End of the span (exclusive), in `char`s.
    pub end: usize,
    /// The text of the span, as written.
    pub text: String,
}

/// A cheap first look, at the bytes: which detectors can find anything.
/// Every email has an at sign: `@`, `＠`, or "at" as a word in any case
/// (the spelled-out emails: `name at domain dot com`, `[at]`, `(AT)`).
/// Every phone, card, IBAN and house number has an ASCII digit. Most posts
/// have neither and skip the detectors; most of the rest skip some.
#[derive(Debug, Clone, Copy, Default)]
struct Clues {
    at_sign: bool,
    digit: bool,
}

impl Clues {
    fn of(text: &str) -> Clues {
        let bytes = text.as_bytes();
        let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
        let mut clues = Clues::default();
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_digit() {
                clues.digit = true;
            } else if b == b'@'
                || (b.eq_ignore_ascii_case(&b'a')
                    && bytes
                        .get(i + 1)
                        .is_some_and(|t| t.eq_ignore_ascii_case(&b't'))
                    && !(i > 0 && letter(i - 1))
                    && !letter(i + 2))
                // `＠` is EF BC A0 in UTF-8.
                || (b == 0xEF && bytes.get(i + 1..i + 3) == Some(&[0xBC, 0xA0]))
            {
                clues.at_sign = true;
            }
            if clues.digit && clues.at_sign {
                break;
            }
        }
        clues
    }
}

/// Finds every piece of personal data in `text`, in text order, with no two
/// findings overlapping.
///
/// ```
/// use firstline::pii::{find, PiiKind};
///
/// let found = find("Моя карта 5555 5555 5555 4444, заказ 55102");
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].kind, PiiKind::CardNumber);
/// assert_eq!(found[0].text, "5555 5555 5555 4444");
/// ```
pub fn find(text: &str) -> Vec<PiiMatch> {
    let clues = Clues::of(text);
    if !clues.at_sign && !clues.digit {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    // In order of how sure they are, each with what it needs to find anything.
    let detectors: [(Detector, bool); 5] = [
        (email::find, clues.at_sign),
        (iban::find, clues.digit),
        (card::find, clues.digit),
        (phone::find, clues.digit),
        (address::find, clues.digit),
    ];
    let mut taken = vec![false; chars.len()];
    let mut spans = Vec::new();
    for (detect, _) in detectors.into_iter().filter(|&(_, may_find)| may_find) {
        for span in detect(&chars) {
            let covered = &mut taken[span.start..span.end];
            if covered.iter().any(|&t| t) {
                continue;
            }
            covered.fill(true);
            spans.push(span);
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
        .into_iter()
        .map(|s| PiiMatch {
            kind: s.kind,
            start: s.start,
            end: s.end,
            text: chars[s.start..s.end].iter().collect(),
        })
        .collect()
}

/// A detector: the findings of one kind in a text's chars, in text order.
type Detector = fn(&[char]) -> Vec<Span>;

/// For the detectors' tests: the texts `detector` finds in `text`.
#[cfg(test)]
fn texts_found(detector: Detector, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    detector(&chars)
        .into_iter()
        .map(|s| chars[s.start..s.end].iter().collect())
        .collect()
}

/// A finding before its text is copied out: a kind and a `char` span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    kind: PiiKind,
    start: usize,
    end: usize,
}

// ---------------------------------------------------------------------------
// Characters

/// The char at `i`, if any.
fn at(chars: &[char], i: usize) -> Option<char> {
    chars.get(i).copied()
}

/// The char just before `i`, if any.
fn before(chars: &[char], i: usize) -> Option<char> {
    i.checked_sub(1).map(|j| chars[j])
}

/// Chinese, Japanese and Korean characters. Those scripts write numbers and
/// addresses without spaces around them ("电话13800138000"), so they never
/// glue to a number the way Latin or Cyrillic letters do.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A letter of a space-separated script: part of a word that a number
/// written right next to it belongs to ("v2", "4990р", "A12").
fn is_word_letter(c: char) -> bool {
    is_letter(c) && !is_cjk(c)
}

/// A char that makes a number next to it part of a bigger token.
fn is_glue(c: char) -> bool {
    c.is_ascii_digit() || is_word_letter(c)
}

/// Spaces allowed inside a number or between words of a name: the ordinary
/// space and the no-break and thin spaces that editors and keyboards insert.
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// The hyphen and the dashes people type between digit groups.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}')
}

/// The lower-case form of `c` (one char; good enough for word lists). ASCII,
/// Latin-1 and Cyrillic capitals, nearly every letter in posts, are folded
/// without the standard library's table search.
fn lower(c: char) -> char {
    let offset = match c {
        'A'..='Z' | 'À'..='Þ' | 'А'..='Я' if c != '×' => 0x20,
        'Ѐ'..='Џ' => 0x50,
        _ if c.is_ascii() || ('а'..='џ').contains(&c) => return c,
        _ => return c.to_lowercase().next().unwrap_or(c),
    };
    char::from_u32(c as u32 + offset).unwrap_or(c)
}

/// Whether `word` spells `expected` (lower case) ignoring case.
fn eq_ci(word: &[char], expected: &str) -> bool {
    let mut want = expected.chars();
    for &c in word {
        if want.next() != Some(lower(c)) {
            return false;
        }
    }
    want.next().is_none()
}

/// Whether `word` is one of `list` (lower case), ignoring case. Folds the
/// word once, then rules most of the list out by UTF-8 length alone.
fn word_in(word: &[char], list: &[&str]) -> bool {
    const MAX: usize = 32;
    if word.is_empty() || word.len() > MAX {
        return false;
    }
    let mut folded = ['\0'; MAX];
    let mut bytes = 0;
    for (f, &c) in folded.iter_mut().zip(word) {
        *f = lower(c);
        bytes += f.len_utf8();
    }
    let folded = &folded[..word.len()];
    list.iter()
        .any(|w| w.len() == bytes && w.chars().eq(folded.iter().copied()))
}

/// Whether `chars[..end]` ends with `suffix` (lower case), ignoring case.
fn ends_with_ci(chars: &[char], end: usize, suffix: &str) -> bool {
    let mut at = end;
    for want in suffix.chars().rev() {
        if at == 0 || lower(chars[at - 1]) != want {
            return false;
        }
        at -= 1;
    }
    true
}

// ---------------------------------------------------------------------------
// Runs of digit groups, shared by the card and phone detectors

/// What separates one digit group from the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// Nothing: the first group, or a group right after `)` or before `(`.
    None,
    /// One space.
    Gap,
    /// One hyphen or dash.
    Dash,
    /// One full stop.
    Dot,
    /// Anything else: spaces around a dash or dot, or space and a bracket.
    Mixed,
}

/// One group of digits in a [`Run`].
#[derive(Debug, Clone, Copy)]
struct Group {
    /// First digit.
    start: usize,
    /// After the last digit.
    end: usize,
    /// Whether the group is in brackets: `(916)`.
    paren: bool,
    /// What comes between this group and the previous one.
    joint: Joint,
}

/// Digit groups joined by the punctuation of phone and card numbers:
/// `+7 (916) 123-45-67`, `4111 1111 1111 1111`, `06.12.34.56.78`. Also
/// catches dates, decimals and amounts; the detectors sort those out.
#[derive(Debug, Clone)]
struct Run {
    /// Whether the run starts with `+`.
    plus: bool,
    /// The `+`, if any.
    start: usize,
    /// The groups, at least one.
    groups: Vec<Group>,
}

impl Run {
    /// The char span of groups `range` (with the `+` and brackets).
    fn span(&self, first: usize, last: usize) -> (usize, usize) {
        let g = &self.groups;
        let start = if first == 0 {
            self.start
        } else {
            g[first].start - usize::from(g[first].paren)
        };
        (start, g[last].end + usize::from(g[last].paren))
    }

    /// The digits of groups `first..=last`, as numbers 0–9, written into
    /// `buf`; `None` when there are more than [`MAX_DIGITS`].
    fn digits<'b>(
        &self,
        chars: &[char],
        first: usize,
        last: usize,
        buf: &'b mut [u8; MAX_DIGITS],
    ) -> Option<&'b [u8]> {
        let mut n = 0;
        for g in &self.groups[first..=last] {
            for &c in &chars[g.start..g.end] {
                *buf.get_mut(n)? = c as u8 - b'0';
                n += 1;
            }
        }
        Some(&buf[..n])
    }
}

/// The most digits a card or phone number has (19, a long card number).
const MAX_DIGITS: usize = 19;

/// Calls `each` with every run of digit groups in `chars`, left to right.
fn for_each_run(chars: &[char], mut each: impl FnMut(&Run)) {
    // One buffer for every run: no allocation per number.
    let mut run = Run {
        plus: false,
        start: 0,
        groups: Vec::new(),
    };
    let mut i = 0;
    while i < chars.len() {
        let starts = match chars[i] {
            '0'..='9' => true,
            '+' | '(' => at(chars, i + 1).is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        if starts && read_run(chars, i, &mut run) {
            each(&run);
            i = run.span(0, run.groups.len() - 1).1.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Reads into `run` the run that starts at `i` (a digit, `+` or `(`); false
/// when there is none.
fn read_run(chars: &[char], i: usize, run: &mut Run) -> bool {
    let plus = chars[i] == '+';
    run.plus = plus;
    run.start = i;
    run.groups.clear();
    let mut pos = i + usize::from(plus);
    let mut joint = Joint::None;
    loop {
        let open = at(chars, pos) == Some('(');
        let first = pos + usize::from(open);
        let mut end = first;
        while at(chars, end).is_some_and(|c| c.is_ascii_digit()) {
            end += 1;
        }
        let close = open && at(chars, end) == Some(')');
        if end == first || open != close {
            break;
        }
        // "12:30", "12/25": the group starts a time or a date, not a digit
        // group of this run.
        if !run.groups.is_empty() && starts_time_or_date(chars, end) {
            break;
        }
        run.groups.push(Group {
            start: first,
            end,
            paren: open,
            joint,
        });
        pos = end + usize::from(close);
        match joint_at(chars, pos) {
            Some((next, j)) => {
                joint = j;
                pos = next;
            }
            None => break,
        }
    }
    !run.groups.is_empty()
}

/// Whether `:` or `/` and a digit follow `i`.
fn starts_time_or_date(chars: &[char], i: usize) -> bool {
    matches!(at(chars, i), Some(':' | '/')) && at(chars, i + 1).is_some_and(|c| c.is_ascii_digit())
}

/// The joint that starts at `pos` and leads to another digit group: where
/// that group starts and what the joint is. At most a space, a dash or dot,
/// and a space; or nothing when a bracket is involved.
fn joint_at(chars: &[char], pos: usize) -> Option<(usize, Joint)> {
    let mut next = pos;
    let mut gaps = 0;
    let mut mark = None;
    if at(chars, next).is_some_and(is_gap) {
        next += 1;
        gaps += 1;
    }
    if let Some(c) = at(chars, next).filter(|&c| is_dash(c) || c == '.') {
        mark = Some(if c == '.' { Joint::Dot } else { Joint::Dash });
        next += 1;
        if at(chars, next).is_some_and(is_gap) {
            next += 1;
            gaps += 1;
        }
    }
    let group_follows = match at(chars, next) {
        Some(c) if c.is_ascii_digit() => true,
        Some('(') => at(chars, next + 1).is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    let bracketed = before(chars, pos) == Some(')') || at(chars, next) == Some('(');
    if !group_follows || (next == pos && !bracketed) {
        return None;
    }
    let joint = match (gaps, mark) {
        (0, None) => Joint::None,
        (1, None) => Joint::Gap,
        (0, Some(m)) => m,
        _ => Joint::Mixed,
    };
    Some((next, joint))
}

// ---------------------------------------------------------------------------
// Context of a number

/// Words after which a number is an order, ticket or tracking number.
#[rustfmt::skip]
const ORDER_WORDS: &[&str] = &[
    // en
    "order", "orders", "ticket", "case", "invoice", "tracking", "track", "ref", "reference",
    "id", "sku", "item", "parcel", "shipment", "package", "awb", "waybill", "confirmation",
    "booking", "reservation", "receipt", "transaction", "txn", "claim", "return", "rma",
    "account", "customer", "member", "model", "serial", "part", "article", "version",
    // es / pt
    "pedido", "factura", "referencia", "seguimiento", "envío", "envio", "encomenda", "fatura",
    "rastreio", "rastreamento", "reserva", "cliente", "protocolo", "cuenta", "conta",
    // de
    "bestellung", "bestellnummer", "auftrag", "auftragsnummer", "rechnung", "rechnungsnummer",
    "sendung", "sendungsnummer", "kundennummer", "ticketnummer", "vorgang", "vorgangsnummer",
    "buchung", "buchungsnummer", "kunde", "konto",
    // fr
    "commande", "facture", "suivi", "colis", "dossier", "réservation", "compte",
    // ru / uk / be
    "заказ", "заказа", "заказу", "заказе", "заказом", "тикет", "тикета", "обращение",
    "обращения", "заявка", "заявки", "накладная", "накладной", "трек", "трека", "счет",
    "счёт", "счета", "квитанция", "квитанции", "посылка", "посылки", "отправление",
    "отправления", "договор", "договора", "замовлення", "звернення", "заявка", "рахунок",
    "рахунку", "накладна", "накладної", "ттн", "посилка", "посилки", "відправлення",
    "договір", "договору", "клиента", "клієнта", "артикул", "замова", "замовы", "заяўка",
    "заяўкі", "рахунак", "пасылка", "пасылкі",
    // af
    "bestelling", "bestelnommer", "faktuur", "verwysing", "pakkie", "naspoor", "naspoornommer",
    "bespreking", "kwitansie",
];

/// Words that mean "number" and can stand between an order word and the
/// number: "order number 123456789", "номер заказа" is handled the other
/// way round (the order word comes last).
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "number", "no", "nr", "num", "nº", "n", "numer", "номер", "номера", "номеру", "número",
    "numero", "nummer", "numéro", "code", "código", "codigo", "код", "id", "#",
];

/// Chinese order words; Chinese text puts no space before the number.
const CJK_ORDER_WORDS: &[&str] = &[
    "订单", "单号", "编号", "工单", "快递", "运单", "账号", "会员",
];

/// Currency signs.
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₽', '₴', '₸', '₹', '₩', '元', '¢'];

/// Currency words and codes, written before or after an amount.
#[rustfmt::skip]
const CURRENCY_WORDS: &[&str] = &[
    "usd", "eur", "rub", "uah", "gbp", "byn", "byr", "cny", "rmb", "zar", "brl", "chf", "pln",
    "kzt", "r", "р", "руб", "рублей", "рубля", "рубль", "грн", "гривен", "гривень", "гривні",
    "гривня", "коп", "dollars", "dollar", "euros", "euro", "pounds", "rand", "reais", "real",
    "yuan", "bucks", "cents", "eur", "dólares", "euros", "francs",
];

/// Whether the number at `start..end` is, by what surrounds it, something
/// other than personal data: glued to letters or to a larger number, a time,
/// a fraction, a percentage, an amount of money, an order number. `#`/`№`
/// before it counts as an order number only when `hash_is_order`.
fn other_number(chars: &[char], start: usize, end: usize, hash_is_order: bool) -> bool {
    glued(chars, start, end)
        || money(chars, start, end)
        || (hash_is_order && after_hash(chars, start))
        || after_order_word(chars, start)
}

/// Whether the number at `start..end` continues a word or a larger number,
/// or is a percentage: "v2", "4990р", "1,299", "12:30", "50%".
fn glued(chars: &[char], start: usize, end: usize) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let joins = |c: Option<char>| matches!(c, Some('.' | ',' | ':' | '/'));
    before(chars, start).is_some_and(is_glue)
        || at(chars, end).is_some_and(|c| is_glue(c) || c == '%' || c == '‰')
        || (joins(before(chars, start)) && start >= 2 && digit(Some(chars[start - 2])))
        || (joins(at(chars, end)) && digit(at(chars, end + 1)))
}

/// Whether a currency sign or word stands next to `start..end`, a space
/// apart at most.
fn money(chars: &[char], start: usize, end: usize) -> bool {
    let mut b = start;
    if before(chars, b).is_some_and(is_gap) {
        b -= 1;
    }
    let mut a = end;
    if at(chars, a).is_some_and(is_gap) {
        a += 1;
    }
    if before(chars, b).is_some_and(|c| CURRENCY_SIGNS.contains(&c))
        || at(chars, a).is_some_and(|c| CURRENCY_SIGNS.contains(&c))
    {
        return true;
    }
    let word_before = letters_before(chars, b, 12);
    let mut word_end = a;
    while word_end < chars.len() && word_end - a < 12 && is_word_letter(chars[word_end]) {
        word_end += 1;
    }
    word_in(&chars[word_before..b], CURRENCY_WORDS) || word_in(&chars[a..word_end], CURRENCY_WORDS)
}

/// Where the letters that end at `end` start (at most `max` of them back).
fn letters_before(chars: &[char], end: usize, max: usize) -> usize {
    let mut s = end;
    while s > 0 && end - s < max && is_letter(chars[s - 1]) {
        s -= 1;
    }
    s
}

/// Whether `#` or `№` stands right before `start`, a space apart at most.
fn after_hash(chars: &[char], start: usize) -> bool {
    let mut b = start;
    if before(chars, b).is_some_and(is_gap) {
        b -= 1;
    }
    matches!(before(chars, b), Some('#' | '№'))
}

/// Skips, backwards from `end`, a few chars of the punctuation that comes
/// between a label and its number: spaces, `#`, `№`, `:`, `.`, `-`, `°`.
fn skip_label_punctuation(chars: &[char], end: usize) -> usize {
    let mut p = end;
    while p > 0
        && end - p < 4
        && (is_gap(chars[p - 1])
            || matches!(chars[p - 1], '#' | '№' | ':' | '：' | '.' | '-' | '°' | 'º'))
    {
        p -= 1;
    }
    p
}

/// Whether an order, ticket or tracking word comes right before `start`:
/// "order 123456789", "order no. 123456789", "заказ №123456789",
/// "订单号1234567890".
fn after_order_word(chars: &[char], start: usize) -> bool {
    let end = skip_label_punctuation(chars, start);
    let begin = letters_before(chars, end, 24);
    let word = &chars[begin..end];
    if word.is_empty() {
        return false;
    }
    if word.iter().all(|&c| is_cjk(c)) {
        let tail: String = word[word.len().saturating_sub(6)..].iter().collect();
        return CJK_ORDER_WORDS.iter().any(|k| tail.contains(k));
    }
    if word_in(word, ORDER_WORDS) {
        return true;
    }
    if word_in(word, NUMBER_WORDS) {
        let end = skip_label_punctuation(chars, begin);
        let begin = letters_before(chars, end, 24);
        return word_in(&chars[begin..end], ORDER_WORDS);
    }
    false
}

#[cfg(test)]
mod prefilter_tests {
    use super::Clues;

    #[test]
    fn the_first_look_lets_through_everything_a_detector_needs() {
        for text in ["call 555", "１２３ 4"] {
            assert!(Clues::of(text).digit, "{text}");
        }
        for text in [
            "a@b",
            "jo at gmail dot com",
            "jo [AT] x",
            "jo(at)x",
            "x ＠ y",
        ] {
            assert!(Clues::of(text).at_sign, "{text}");
        }
        // Fullwidth digits alone: no detector reads them as a number.
        for text in [
            "what a great day",
            "that is all",
            "Привет, как дела?",
            "",
            "１２３",
        ] {
            let clues = Clues::of(text);
            assert!(!clues.digit && !clues.at_sign, "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, String)> {
        find(text).into_iter().map(|m| (m.kind, m.text)).collect()
    }

    #[test]
    fn finds_every_kind_in_text_order() {
        let text = "Hi, I'm at 221B Baker Street, card 4111 1111 1111 1111, \
                    IBAN GB82 WEST 1234 5698 7654 32, phone +44 7700 900123, mail jo@example.com";
        let found: Vec<PiiKind> = find(text).iter().map(|m| m.kind).collect();
        assert_eq!(
            found,
            [
                PiiKind::Address,
                PiiKind::CardNumber,
                PiiKind::Iban,
                PiiKind::Phone,
                PiiKind::Email
            ]
        );
    }

    #[test]
    fn spans_count_chars_not_bytes() {
        let text = "📞 Мой номер: +7 916 123-45-67 🙏";
        let found = find(text);
        assert_eq!(found.len(), 1);
        let m = &found[0];
        assert_eq!(m.text, "+7 916 123-45-67");
        let by_chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(by_chars, m.text);
        assert_eq!(m.start, 13);
    }

    #[test]
    fn chinese_text_has_no_spaces_around_numbers() {
        assert_eq!(
            kinds("我的电话是13800138000，谢谢"),
            [(PiiKind::Phone, "13800138000".to_owned())]
        );
        assert_eq!(kinds("我的订单号1380013800有问题"), []);
    }

    #[test]
    fn a_card_is_never_also_a_phone() {
        for text in [
            "4111111111111111",
            "+4111 1111 1111 1111",
            "call 5555-5555-5555-4444",
        ] {
            let found = find(text);
            assert!(
                found.iter().all(|m| m.kind != PiiKind::Phone),
                "{text}: {found:?}"
            );
        }
        assert_eq!(kinds("4111111111111111")[0].0, PiiKind::CardNumber);
    }

    #[test]
    fn findings_never_overlap() {
        let text = "jo.4111111111111111@example.com DE89370400440532013000 +49 30 1234567";
        let found = find(text);
        assert_eq!(found.len(), 3, "{found:?}");
        for pair in found.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
    }

    #[test]
    fn serializes_kinds_in_snake_case() {
        let m = &find("4111 1111 1111 1111")[0];
        let json = serde_json::to_string(m).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"card_number","start":0,"end":19,"text":"4111 1111 1111 1111"}"#
        );
    }

    #[test]
    fn not_personal_data() {
        for text in [
            "order #48213",
            "order 77120",
            "заказ 55102",
            "ticket 1234567",
            "order number 4829103756",
            "номер заказа 916123456",
            "Bestellnummer 0301234567",
            "pedido 612345678",
            "commande n° 0612345678",
            "on 2024-05-01 at 10:30",
            "01.05.2024",
            "5/1/24",
            "2024-05-01 12:30:45",
            "it costs $1,299.00",
            "4990р",
            "2 000 000 000 users",
            "912 345 678 €",
            "1 299 000 руб",
            "in 2023 and 2024",
            "tracking 9400 1000 0000 0000 0000 00",
            "4111 1111 1111 1112",
            "v2.3.1",
            "version 10.15.7",
            "server 192.168.100.254",
            "pi is 3.14159265358",
            "0.123456789",
            "50%",
            "USD 5551234567",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn empty_and_tiny_inputs() {
        for text in ["", "@", "+", "(", "1", "a@", "@b.c", "DE", "ул."] {
            assert_eq!(kinds(text), [], "{text:?}");
        }
    }

    /// 100 KB of the inputs that make naive scanners quadratic.
    #[test]
    fn adversarial_inputs_finish_fast() {
        let inputs = [
            "1".repeat(100_000),
            "@".repeat(50_000) + &"a".repeat(50_000),
            "a@".repeat(50_000),
            "a.".repeat(50_000) + "@",
            "1 ".repeat(50_000),
            "(1".repeat(50_000),
            "+1".repeat(50_000),
            "DE89 ".repeat(20_000),
            "a [at] b ".repeat(10_000),
            "a at b dot ".repeat(10_000),
            "Calle ".repeat(16_000) + "5",
            "12 Main ".repeat(12_000),
            "ул. ".repeat(25_000),
            "4".repeat(99_999) + " 1",
        ];
        for input in &inputs {
            let started = std::time::Instant::now();
            let found = find(input);
            let took = started.elapsed();
            // Generous for unoptimised test builds; release is ~50x faster.
            let head: String = input.chars().take(12).collect();
            assert!(took.as_millis() < 1_000, "{head}… took {took:?}");
            assert!(found.len() <= input.len());
        }
    }
}
