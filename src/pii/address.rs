//! Street addresses: a street and a house number.
//!
//! Every address starts from a house number: 1–5 digits, optionally with a
//! letter (`221B`, `5а`), a building (`5к2`) or a second number (`12/3`,
//! `12-14`), standing on its own. The street around it is then read in the
//! order each language writes it:
//!
//! | Order | Languages | Examples |
//! |-------|-----------|----------|
//! | number, name, street word | English | `221B Baker Street`, `12 Main St`, `350 5th Avenue` |
//! | number, street word, name | French | `12 rue de la Paix`, `5, avenue des Champs-Élysées` |
//! | street word, name, number | Spanish, Portuguese, Russian, Ukrainian | `Calle Mayor 5`, `Rua Augusta, n.º 27`, `ул. Ленина, д. 5`, `вул. Хрещатик, 22` |
//! | name with street suffix, number | German | `Hauptstraße 12`, `Berliner Str. 5` |
//!
//! The name is one to five words, each capitalised (`Baker`, `Champs-Élysées`,
//! `l'Église`) or a small joining word of the language (`de`, `la`, `da`,
//! `del`…); only after a Russian or Ukrainian street word may it be written
//! in lower case (`ул. ленина 5`), since those street words are rarely
//! anything else. Postcodes, cities and flat numbers are not included.
//!
//! Being precise rather than greedy: "3 Blue Road bikes" is not an address,
//! because "Blue Road" needs capitals that the words don't have; "order 77120"
//! is not one either, because nothing around the number is a street.

use super::{
    PiiKind, Span, at, before, ends_with_ci, eq_ci, is_gap, is_glue, is_word_letter, lower, word_in,
};

/// Street words that come after the name, in English.
#[rustfmt::skip]
const ENGLISH_TYPES: &[&str] = &[
    "street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr",
    "boulevard", "blvd", "way", "court", "ct", "place", "pl", "terrace", "close", "crescent",
    "square", "sq", "highway", "hwy", "parkway", "pkwy", "circle", "trail", "row", "mews",
    "gardens", "grove", "alley", "walk", "loop",
];

/// Street words that come between the number and the name, in French.
#[rustfmt::skip]
const FRENCH_TYPES: &[&str] = &[
    "rue", "avenue", "av", "boulevard", "bd", "bld", "blvd", "place", "pl", "allée", "allee",
    "impasse", "chemin", "quai", "cours", "route", "rte", "square", "passage", "villa",
    "chaussée", "faubourg", "esplanade", "promenade", "sentier",
];

/// Joining words of French street names.
#[rustfmt::skip]
const FRENCH_JOINS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "au", "aux", "à", "sur", "en",
];

/// Street words that come before the name (and the number comes last).
#[rustfmt::skip]
const STREET_FIRST_TYPES: &[&str] = &[
    // es, ca
    "calle", "avenida", "avda", "av", "plaza", "pza", "paseo", "camino", "carretera", "ctra",
    "ronda", "travesía", "travesia", "glorieta", "callejón", "carrer", "rambla", "passeig",
    "avinguda",
    // pt
    "rua", "praça", "praca", "largo", "travessa", "estrada", "alameda", "rodovia", "beco",
    "calçada", "calcada", "ladeira",
    // ru
    "ул", "улица", "пр", "пр-т", "просп", "проспект", "пер", "переулок", "бул", "бульв",
    "бульвар", "шоссе", "наб", "набережная", "пл", "площадь", "проезд", "туп", "тупик",
    // uk
    "вул", "вулиця", "пров", "провулок", "площа", "майдан", "набережна", "шосе", "узвіз",
];

/// Joining words of Spanish and Portuguese street names.
#[rustfmt::skip]
const STREET_FIRST_JOINS: &[&str] = &[
    "de", "del", "la", "las", "los", "el", "y", "da", "do", "das", "dos", "e", "i",
];

/// What may stand between a street name and its house number.
#[rustfmt::skip]
const NUMBER_MARKERS: &[&str] = &[
    "д.", "д", "дом", "буд.", "буд", "будинок", "б.", "nº", "n.º", "n°", "no.", "nr.", "núm.",
    "num.", "número", "numero", "№",
];

/// German street words, on their own ("Berliner Straße") or ending a
/// compound ("Hauptstraße").
#[rustfmt::skip]
const GERMAN_TYPES: &[&str] = &[
    "straße", "strasse", "weg", "gasse", "platz", "allee", "damm", "ufer", "chaussee", "steig",
    "pfad",
];

/// The longest word looked at.
const MAX_WORD: usize = 32;
/// The most words in a street name.
const MAX_NAME_WORDS: usize = 5;

/// A word next to a house number, with the `.` or `/` that may follow it
/// (`ул.`, `C/`).
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    dot: bool,
    slash: bool,
}

impl Word {
    /// The letters of the word.
    fn text(self, chars: &[char]) -> &[char] {
        &chars[self.start..self.end]
    }

    /// After the word and its `.` or `/`.
    fn after(self) -> usize {
        self.end + usize::from(self.dot || self.slash)
    }
}

/// Street addresses in `chars`.
pub(super) fn find(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && !before(chars, i).is_some_and(is_glue);
        if !starts {
            i += 1;
            continue;
        }
        let Some(end) = house_number(chars, i) else {
            while at(chars, i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            continue;
        };
        match street_around(chars, i, end, floor) {
            Some(span) => {
                floor = span.end;
                i = span.end;
                out.push(span);
            }
            None => i = end,
        }
    }
    out
}

/// The end of the house number that starts at `start`, if one does.
fn house_number(chars: &[char], start: usize) -> Option<usize> {
    let digits_from = |i: usize, max: usize| {
        let mut j = i;
        while j - i < max + 1 && at(chars, j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        (j > i && j - i <= max).then_some(j)
    };
    let joined_to_number = matches!(before(chars, start), Some('.' | ','))
        && start >= 2
        && chars[start - 2].is_ascii_digit();
    if chars[start] == '0' || joined_to_number {
        return None;
    }
    let mut end = digits_from(start, 5)?;
    let letter = at(chars, end).is_some_and(is_word_letter)
        && !at(chars, end + 1).is_some_and(is_word_letter);
    if letter {
        end += 1;
        // "5к2": a building number after the letter.
        end = digits_from(end, 3).unwrap_or(end);
    } else if matches!(at(chars, end), Some('/' | '-')) {
        end = digits_from(end + 1, 4).unwrap_or(end);
    }
    let next = at(chars, end);
    let continues = next.is_some_and(|c| is_glue(c) || c == '%')
        || (matches!(next, Some('.' | ',' | ':' | '/'))
            && at(chars, end + 1).is_some_and(|c| c.is_ascii_digit()));
    (!continues).then_some(end)
}

/// The address whose house number is `number..number_end`, starting no
/// earlier than `floor`.
fn street_around(chars: &[char], number: usize, number_end: usize, floor: usize) -> Option<Span> {
    let after = at(chars, skip_gaps(chars, number_end));
    let word_follows = after.is_some_and(|c| is_word_letter(c) || c.is_ascii_digit() || c == ',');
    if !word_may_end(before(chars, skip_gaps_back(chars, number))) && !word_follows {
        return None;
    }
    let left = street_first(chars, number).or_else(|| german(chars, number));
    let span = match left {
        Some(start) => (start, number_end),
        None => {
            let end = french(chars, number_end).or_else(|| english(chars, number_end))?;
            (number, end)
        }
    };
    (span.0 >= floor).then_some(Span {
        kind: PiiKind::Address,
        start: span.0,
        end: span.1,
    })
}

/// "Calle Mayor 5", "Rua Augusta, n.º 27", "ул. Ленина, д. 5": where the
/// street word before the number starts.
fn street_first(chars: &[char], number: usize) -> Option<usize> {
    let mut end = skip_gaps_back(chars, number);
    if !word_may_end(before(chars, end)) {
        return None;
    }
    if let Some(marker) = marker_before(chars, end) {
        end = skip_gaps_back(chars, marker);
    }
    if before(chars, end) == Some(',') {
        end -= 1;
    }
    let (mut capitalised, mut lower_case) = (0, 0);
    for _ in 0..=MAX_NAME_WORDS {
        let word = word_before(chars, end)?;
        let text = word.text(chars);
        let street_word = if word.slash {
            eq_ci(text, "c")
        } else {
            word_in(text, STREET_FIRST_TYPES)
        };
        if street_word {
            // A lower-case name only after a Cyrillic street word, and only
            // when nothing in it is capitalised ("ул. ленина 5", but not
            // "ул. Ленина я купил 5").
            let fits = match (capitalised, lower_case) {
                (0, 0) => false,
                (_, 0) => true,
                (0, 1..=2) => is_cyrillic(text[0]),
                _ => false,
            };
            return fits.then_some(word.start);
        }
        if word.dot || word.slash {
            return None;
        }
        if is_name(text) {
            capitalised += 1;
        } else if word_in(text, STREET_FIRST_JOINS) && capitalised > 0 {
            // "Calle de Alcalá": joins only between the street word and a name.
        } else if is_cyrillic(text[0]) {
            lower_case += 1;
        } else {
            return None;
        }
        end = word.start;
    }
    None
}

/// "Hauptstraße 12", "Hauptstr. 12", "Berliner Straße 5": where the street
/// starts.
fn german(chars: &[char], number: usize) -> Option<usize> {
    let end = skip_gaps_back(chars, number);
    if end == number || !word_may_end(before(chars, end)) {
        return None;
    }
    let word = word_before(chars, end)?;
    let text = word.text(chars);
    if word.slash {
        return None;
    }
    let standalone = if word.dot {
        eq_ci(text, "str")
    } else {
        word_in(text, GERMAN_TYPES)
    };
    if standalone {
        let adjective = word_before(chars, word.start)?;
        let fits = !adjective.dot && !adjective.slash && is_name(adjective.text(chars));
        return fits.then_some(adjective.start);
    }
    let suffixes: &[&str] = if word.dot { &["str"] } else { GERMAN_TYPES };
    let last = lower(text[text.len() - 1]);
    let compound = suffixes.iter().any(|s| {
        s.ends_with(last)
            && ends_with_ci(text, text.len(), s)
            && text.len() > s.chars().count() + 1
            && (text[0].is_uppercase() || s.starts_with("stra"))
    });
    compound.then_some(word.start)
}

/// "12 rue de la Paix", "5, avenue des Champs-Élysées": where the street
/// after the number ends.
fn french(chars: &[char], number_end: usize) -> Option<usize> {
    let mut pos = number_end;
    if let Some(word) = word_after(chars, pos) {
        if !word.dot && word_in(word.text(chars), &["bis", "ter", "quater"]) {
            pos = word.end;
        }
    }
    if at(chars, pos) == Some(',') {
        pos += 1;
    }
    let street = word_after(chars, pos)?;
    if !word_in(street.text(chars), FRENCH_TYPES) {
        return None;
    }
    pos = street.after();
    let mut end = None;
    for _ in 0..=MAX_NAME_WORDS {
        let Some(word) = word_after(chars, pos) else {
            break;
        };
        let text = word.text(chars);
        if is_name(text) {
            end = Some(word.end);
        } else if !word_in(text, FRENCH_JOINS) {
            break;
        }
        if word.dot {
            break;
        }
        pos = word.end;
    }
    end
}

/// "221B Baker Street", "12 Main St", "350 5th Avenue": where the street
/// after the number ends.
fn english(chars: &[char], number_end: usize) -> Option<usize> {
    let mut pos = number_end;
    let mut names = 0;
    for _ in 0..=MAX_NAME_WORDS {
        if let Some(end) = ordinal_after(chars, pos) {
            names += 1;
            pos = end;
            continue;
        }
        let word = word_after(chars, pos)?;
        let text = word.text(chars);
        if names > 0 && word_in(text, ENGLISH_TYPES) {
            return Some(word.end);
        }
        let saint = word.dot && eq_ci(text, "st");
        if !is_name(text) || (word.dot && !saint) {
            return None;
        }
        names += 1;
        pos = word.after();
    }
    None
}

/// The end of an ordinal like "5th" or "42nd" after a space at `pos`.
fn ordinal_after(chars: &[char], pos: usize) -> Option<usize> {
    let start = skip_gaps(chars, pos);
    if start == pos {
        return None;
    }
    let mut i = start;
    while i - start < 3 && at(chars, i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    let suffix = chars.get(i..i + 2)?;
    let ordinal = i > start
        && suffix[0].is_ascii_alphabetic()
        && ["st", "nd", "rd", "th"].iter().any(|s| eq_ci(suffix, s))
        && !at(chars, i + 2).is_some_and(is_glue);
    ordinal.then_some(i + 2)
}

/// The marker ("д.", "nº", …) that ends at `end`: where it starts.
fn marker_before(chars: &[char], end: usize) -> Option<usize> {
    let last = lower(before(chars, end)?);
    NUMBER_MARKERS.iter().find_map(|m| {
        if !m.ends_with(last) || !ends_with_ci(chars, end, m) {
            return None;
        }
        let start = end - m.chars().count();
        (!before(chars, start).is_some_and(is_word_letter)).then_some(start)
    })
}

/// Whether `c`, before a house number, may end a street name or a marker:
/// a letter, or the `.`, `/`, `,`, `№`, `º` or `°` of abbreviations.
fn word_may_end(c: Option<char>) -> bool {
    c.is_some_and(|c| is_word_letter(c) || matches!(c, '.' | '/' | ',' | '№' | 'º' | '°'))
}

/// Capitalised, or a French elided article before a capital (`l'Église`).
fn is_name(text: &[char]) -> bool {
    text[0].is_uppercase()
        || (text.len() > 2
            && matches!(lower(text[0]), 'l' | 'd')
            && is_apostrophe(text[1])
            && text[2].is_uppercase())
}

/// Whether `c` is a Cyrillic letter.
fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// The apostrophes that join elisions.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Hyphens and apostrophes inside a word: `Champs-Élysées`, `O'Connell`.
fn is_inner(c: char) -> bool {
    c == '-' || is_apostrophe(c)
}

/// Back over up to two spaces from `end`.
fn skip_gaps_back(chars: &[char], end: usize) -> usize {
    let mut p = end;
    while end - p < 2 && before(chars, p).is_some_and(is_gap) {
        p -= 1;
    }
    p
}

/// Forward over up to two spaces from `pos`.
fn skip_gaps(chars: &[char], pos: usize) -> usize {
    let mut p = pos;
    while p - pos < 2 && at(chars, p).is_some_and(is_gap) {
        p += 1;
    }
    p
}

/// The word that ends at `end` (spaces, then `.` or `/`, may come between).
fn word_before(chars: &[char], end: usize) -> Option<Word> {
    let mut e = skip_gaps_back(chars, end);
    let dot = before(chars, e) == Some('.');
    let slash = before(chars, e) == Some('/');
    if dot || slash {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && e - s <= MAX_WORD {
        let c = chars[s - 1];
        let inner = is_inner(c) && s < e && s >= 2 && is_word_letter(chars[s - 2]);
        if !(is_word_letter(c) || inner) {
            break;
        }
        s -= 1;
    }
    let whole = s < e && e - s <= MAX_WORD && !before(chars, s).is_some_and(is_glue);
    whole.then_some(Word {
        start: s,
        end: e,
        dot,
        slash,
    })
}

/// The word after one or two spaces at `pos`, with a `.` that follows it.
fn word_after(chars: &[char], pos: usize) -> Option<Word> {
    let s = skip_gaps(chars, pos);
    if s == pos {
        return None;
    }
    let mut e = s;
    while e - s <= MAX_WORD {
        let Some(c) = at(chars, e) else { break };
        let inner = is_inner(c) && e > s && at(chars, e + 1).is_some_and(is_word_letter);
        if !(is_word_letter(c) || inner) {
            break;
        }
        e += 1;
    }
    let whole = e > s && e - s <= MAX_WORD && !at(chars, e).is_some_and(|c| c.is_ascii_digit());
    whole.then_some(Word {
        start: s,
        end: e,
        dot: at(chars, e) == Some('.'),
        slash: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(text: &str) -> Vec<String> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn english() {
        for address in [
            "221B Baker Street",
            "12 Main St",
            "10 Downing Street",
            "1600 Pennsylvania Avenue",
            "350 5th Avenue",
            "42 St. Mary Road",
            "7 O'Connell Street",
            "12-14 High Rd",
            "1 Infinite Loop",
        ] {
            assert_eq!(
                addresses(&format!("I live at {address}, London.")),
                [address],
                "{address}"
            );
        }
        assert_eq!(addresses("ship it to 12 Main St. thanks"), ["12 Main St"]);
    }

    #[test]
    fn french() {
        for address in [
            "12 rue de la Paix",
            "5 avenue des Champs-Élysées",
            "3 bd Saint-Michel",
            "8 place Vendôme",
            "10 bis rue de l'Église",
            "7, Rue de Rivoli",
        ] {
            assert_eq!(
                addresses(&format!("j'habite au {address}, Paris")),
                [address],
                "{address}"
            );
        }
    }

    #[test]
    fn street_word_first() {
        for address in [
            "Calle Mayor 5",
            "Calle de Alcalá, 42",
            "C/ Mayor 5",
            "Avda. de la Constitución 12",
            "Calle Mayor nº 5",
            "Rua Augusta 27",
            "Rua Augusta, n.º 27",
            "Avenida da Liberdade, 110",
            "Av. Paulista, 1000",
            "Praça do Comércio 1",
            "ул. Ленина, д. 5",
            "улица Льва Толстого 16",
            "ул ленина 5",
            "пр-т Мира, 10",
            "ул. Тверская, д. 5к2",
            "вул. Хрещатик, 22",
            "вулиця Шевченка, буд. 3",
        ] {
            assert_eq!(
                addresses(&format!("Адрес: {address}, 3 этаж")),
                [address],
                "{address}"
            );
        }
    }

    #[test]
    fn german() {
        for address in [
            "Hauptstraße 12",
            "Hauptstr. 12",
            "Berliner Straße 5",
            "Berliner Str. 5a",
            "Lindenweg 3",
            "Alexanderplatz 1",
            "schillerstrasse 7",
        ] {
            assert_eq!(
                addresses(&format!("Ich wohne {address}, Berlin")),
                [address],
                "{address}"
            );
        }
    }

    #[test]
    fn not_addresses() {
        for text in [
            "order #48213",
            "3 blue road bikes",
            "I bought 12 new street lamps",
            "Calle 5",
            "Baker Street",
            "12 Street",
            "rue de la Paix",
            "5 rue",
            "Straße 5",
            "wait 5 minutes on the Main Street",
            "Spring 2024",
            "price 12.50 Main St",
            "ticket 1234567",
            "заказ 55102 на улице",
            "на ул. Ленина я купил 5 яблок",
            "12 rue",
        ] {
            assert_eq!(addresses(text), Vec::<String>::new(), "{text}");
        }
    }
}
