//! Normalisation with a map back to the original text.
//!
//! Rules are written plainly ("charged twice", "дебилы"). Posts are not: they
//! shout ("CHARGED TWICE"), stretch ("sooooo slow"), drop accents ("nao
//! chegou"), hide zero-width characters inside words, and disguise insults on
//! purpose: Latin letters that look Cyrillic ("дeбил" with a Latin `e`),
//! digits for letters ("h4te", "3бать"), fancy Unicode letters ("𝐢𝐝𝐢𝐨𝐭"),
//! letters spaced out ("с у к а"). [`Normalized`] folds all of that into one
//! canonical string that rules can match byte for byte, and remembers, for
//! every byte of it, which character of the original it came from: a match
//! is always reported as a span of the text the user sees.
//!
//! The steps, in order:
//!
//! 1. **Characters.** Invisible characters (zero-width spaces and joiners,
//!    soft hyphens, bidirectional controls) and combining marks (accents
//!    typed separately, "zalgo" stacks) are dropped. Compatibility forms
//!    become plain letters: fullwidth `ｆｕｃｋ`, mathematical bold and italic
//!    letters, circled letters, ligatures.
//! 2. **Words** (runs between white space) are repaired as a whole. A word
//!    that mixes Latin and Cyrillic letters is written in the script most of
//!    its letters use, look-alikes mapped across (`a`↔`а`, `o`↔`о`, `x`↔`х`…).
//!    Digits and `@ $` standing between letters are read as the letters they
//!    imitate (`0`→`o`, `3`→`e` or `з`, `4`→`a` or `ч`…).
//! 3. **Letters** are lower-cased; Latin letters lose their accents (`ã`→`a`,
//!    `ß`→`ss`), `ё` becomes `е`, apostrophes inside words go (`don't` and
//!    `dont` are the same word to people who type fast), and a
//!    letter repeated is written once (`sooo`→`so`, `good`→`god`: rules are
//!    normalised the same way, so both sides agree).
//! 4. **Spaced-out words**: four or more single letters in a row, separated
//!    by single spaces, are joined (`f u c k`→`fuck`).
//!
//! Everything else (digits, punctuation, emoji, Chinese) passes through.

use super::{is_letter, is_letter_or_digit, simple_lower};

/// A normalised copy of a text with a map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    /// For every byte of `text`: the index (in `char`s) of the original
    /// character it came from.
    origin: Vec<u32>,
    /// Where repeated letters were squeezed: (byte offset in `text` just
    /// after the letter kept, index just after the last original repeat), in
    /// order. Rare, so kept aside rather than as an end for every byte; it
    /// lets a span that ends on a squeezed letter ("useless" read as
    /// "useles") end after all of it in the original.
    squeezed: Vec<(u32, u32)>,
    /// The word being repaired (kept only to reuse its allocation).
    word: Vec<(u32, char)>,
}

/// How many single letters in a row are read as one spaced-out word.
const SPACED_LETTERS: usize = 4;

impl Normalized {
    /// Normalises `input` (see the module documentation for the steps).
    pub fn new(input: &str) -> Normalized {
        let mut out = Normalized::default();
        out.renormalize(input);
        out
    }

    /// Normalises `input` in place of the current text, reusing the
    /// buffers (for hot loops: no allocation once they are large enough).
    pub fn renormalize(&mut self, input: &str) {
        self.renormalize_visiting(input, |_| {});
    }

    /// [`Normalized::renormalize`], showing `visit` every character of
    /// `input` on the way: other counts over the raw text (the language
    /// guess's letters) come without a pass of their own.
    #[inline]
    pub fn renormalize_visiting(&mut self, input: &str, mut visit: impl FnMut(char)) {
        self.text.clear();
        self.origin.clear();
        self.squeezed.clear();
        let mut word = std::mem::take(&mut self.word);
        word.clear();
        let mut writer = Writer::default();
        for (index, c) in input.chars().enumerate() {
            let index = index as u32;
            visit(c);
            if c.is_ascii() {
                // No ASCII character is invisible, combining or a
                // compatibility form: only white space needs a look.
                if matches!(c, ' ' | '\t'..='\r') {
                    writer.word(self, &mut word);
                    writer.space(index);
                } else {
                    word.push((index, c));
                }
            } else if c.is_whitespace() {
                writer.word(self, &mut word);
                writer.space(index);
            } else if !is_invisible(c) && !is_combining(c) {
                word.push((index, compatibility(c)));
            }
        }
        writer.word(self, &mut word);
        writer.flush_spaced(self);
        self.word = word;
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original character span `(start, end)` (end exclusive, in
    /// `char`s) of the normalised byte range `start..end`.
    ///
    /// # Panics
    ///
    /// When the range is empty or outside the normalised text.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        assert!(
            start < end && end <= self.text.len(),
            "bad normalised range"
        );
        let mut original_end = self.origin[end - 1] as usize + 1;
        if let Ok(i) = self
            .squeezed
            .binary_search_by_key(&(end as u32), |&(at, _)| at)
        {
            original_end = original_end.max(self.squeezed[i].1 as usize);
        }
        (self.origin[start] as usize, original_end)
    }

    fn push(&mut self, origin: u32, c: char) {
        let before = self.text.len();
        self.text.push(c);
        self.origin
            .extend(std::iter::repeat_n(origin, self.text.len() - before));
    }
}

/// Writes repaired words, with single spaces between them, holding back runs
/// of single letters in case they spell a word.
#[derive(Default)]
struct Writer {
    /// Origin of the white space owed before the next word, if any.
    space: Option<u32>,
    /// Single-letter words not yet written: (origin of the space before,
    /// origin of the letter, letter).
    singles: Vec<(Option<u32>, u32, char)>,
    /// The last letter written, to squeeze repeats.
    last: Option<char>,
}

impl Writer {
    fn space(&mut self, origin: u32) {
        self.space.get_or_insert(origin);
    }

    /// Repairs and writes one word (emptying `word`).
    fn word(&mut self, out: &mut Normalized, word: &mut Vec<(u32, char)>) {
        if word.is_empty() {
            return;
        }
        repair_script(word);
        let space = self.space.take();
        let mut letters = word.iter().filter(|&&(_, c)| is_letter(c));
        if let (Some(&(origin, c)), None, 1) = (letters.next(), letters.next(), word.len()) {
            let lower = c.to_lowercase().next().unwrap_or(c);
            self.singles.push((space, origin, lower));
            word.clear();
            return;
        }
        self.flush_spaced(out);
        if let Some(origin) = space.filter(|_| !out.text.is_empty()) {
            self.emit_raw(out, origin, ' ');
        }
        for i in 0..word.len() {
            let (origin, c) = word[i];
            if is_apostrophe(c)
                && i > 0
                && is_letter(word[i - 1].1)
                && word.get(i + 1).is_some_and(|&(_, n)| is_letter(n))
            {
                continue; // "don't" and "dont" are one word: people drop it
            }
            self.emit(out, origin, c);
        }
        word.clear();
    }

    /// Writes held-back single letters: joined when there are enough of
    /// them, else as separate words.
    fn flush_spaced(&mut self, out: &mut Normalized) {
        let singles = std::mem::take(&mut self.singles);
        let joined = singles.len() >= SPACED_LETTERS;
        for (i, (space, origin, c)) in singles.into_iter().enumerate() {
            if let Some(at) = space.filter(|_| !out.text.is_empty() && (!joined || i == 0)) {
                self.emit_raw(out, at, ' ');
            }
            self.emit(out, origin, c);
        }
    }

    fn emit_raw(&mut self, out: &mut Normalized, origin: u32, c: char) {
        self.last = None;
        out.push(origin, c);
    }

    /// Lower-cases, folds and squeezes one character.
    fn emit(&mut self, out: &mut Normalized, origin: u32, c: char) {
        let mut emit_one = |this: &mut Writer, c: char| {
            if this.last == Some(c) && is_cased_lower(c) {
                let at = out.text.len() as u32;
                match out.squeezed.last_mut() {
                    Some(last) if last.0 == at => last.1 = origin + 1,
                    _ => out.squeezed.push((at, origin + 1)),
                }
                return;
            }
            this.last = Some(c);
            out.push(origin, c);
        };
        if let Some(lower) = simple_lower(c) {
            // ASCII, basic Cyrillic or CJK: one character, and `ё` is the
            // only one of them that folds.
            emit_one(self, if lower == 'ё' { 'е' } else { lower });
            return;
        }
        for lower in c.to_lowercase() {
            match fold(lower) {
                Folded::One(f) => emit_one(self, f),
                Folded::Two(a, b) => {
                    emit_one(self, a);
                    emit_one(self, b);
                }
            }
        }
    }
}

/// Lower-case letters of cased scripts (squeezing repeats is for those only:
/// `哈哈` is two characters of meaning, `!!` is punctuation).
fn is_cased_lower(c: char) -> bool {
    match c as u32 {
        0x61..=0x7A => true,
        0..=0x7F => false,
        0x430..=0x45F => true,
        _ => c.is_lowercase(),
    }
}

/// Apostrophes, straight and typographic.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Characters that render as nothing and are used to split words unseen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Combining marks: accents typed separately, and zalgo stacks.
fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Compatibility letters to plain ones: fullwidth forms, mathematical
/// alphanumerics, circled and parenthesised letters, ligatures (the single
/// character ones; `ﬀ ﬁ ﬂ` keep their first letter, enough to break no rule).
fn compatibility(c: char) -> char {
    let code = c as u32;
    let shifted = |base: u32, first: char| char::from_u32(first as u32 + (code - base));
    let mapped = match code {
        0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0),
        0x1D400..=0x1D6A3 => {
            // 13 styles × 52 letters (A–Z, a–z), in order.
            let i = (code - 0x1D400) % 52;
            char::from_u32(if i < 26 {
                'A' as u32 + i
            } else {
                'a' as u32 + i - 26
            })
        }
        0x1D7CE..=0x1D7FF => char::from_u32('0' as u32 + (code - 0x1D7CE) % 10),
        0x24B6..=0x24CF => shifted(0x24B6, 'A'),
        0x24D0..=0x24E9 => shifted(0x24D0, 'a'),
        0x249C..=0x24B5 => shifted(0x249C, 'a'),
        0x1F130..=0x1F149 => shifted(0x1F130, 'A'),
        0x1F150..=0x1F169 => shifted(0x1F150, 'A'),
        0x1F170..=0x1F189 => shifted(0x1F170, 'A'),
        0xFB00..=0xFB06 => Some('f'),
        _ => None,
    };
    mapped.unwrap_or(c)
}

/// Writes a word that mixes scripts, or hides letters behind digits, in the
/// script most of its letters use. Linear in the word's length.
fn repair_script(word: &mut [(u32, char)]) {
    let (mut latin, mut cyrillic, mut leet) = (0usize, 0usize, false);
    for &(_, c) in word.iter() {
        if is_cyrillic(c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        } else {
            leet |= is_leet(c);
        }
    }
    // Nothing to repair in a word of one script without digits or symbols
    // for letters: nearly every word, spared the passes below.
    if latin + cyrillic < 2 || (!leet && (latin == 0 || cyrillic == 0)) {
        return;
    }
    let letters = word.iter().filter(|&&(_, c)| is_letter(c)).count();
    let last_alphanumeric = word.iter().rposition(|&(_, c)| is_letter_or_digit(c));
    let to_cyrillic = cyrillic > 0 && cyrillic >= latin;
    for i in 0..word.len() {
        let c = word[i].1;
        let mapped = if c.is_ascii_alphabetic() && to_cyrillic {
            latin_to_cyrillic(c)
        } else if is_cyrillic(c) && !to_cyrillic && latin > 0 {
            cyrillic_to_latin(c)
        } else if is_leet(c) && stands_for_a_letter(word, i, letters, last_alphanumeric == Some(i))
        {
            if to_cyrillic {
                leet_cyrillic(c)
            } else {
                leet_latin(c)
            }
        } else {
            None
        };
        if let Some(m) = mapped {
            word[i].1 = m;
        }
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

fn is_leet(c: char) -> bool {
    matches!(c, '0' | '1' | '3' | '4' | '5' | '6' | '7' | '@' | '$')
}

/// A digit or symbol stands for a letter when letters surround it: between
/// two letters, or ending a word of at least three letters, or starting a
/// word before two letters (not `@` or `$`: mentions and prices). `letters`
/// is the word's letter count; `is_last` says no letter or digit follows.
fn stands_for_a_letter(word: &[(u32, char)], i: usize, letters: usize, is_last: bool) -> bool {
    let letter = |j: usize| {
        word.get(j)
            .is_some_and(|&(_, c)| is_letter(c) || is_leet(c) && j != i)
    };
    let before = i > 0 && letter(i - 1);
    let after = letter(i + 1);
    (before && after)
        || (before && is_last && letters >= 3)
        || (i == 0 && after && letter(i + 2) && !matches!(word[i].1, '@' | '$'))
}

fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'A' => 'А',
        'B' => 'В',
        'b' => 'ь',
        'c' => 'с',
        'C' => 'С',
        'e' => 'е',
        'E' => 'Е',
        'H' => 'Н',
        'k' => 'к',
        'K' => 'К',
        'm' => 'м',
        'M' => 'М',
        'n' => 'п',
        'o' => 'о',
        'O' => 'О',
        'p' => 'р',
        'P' => 'Р',
        'r' => 'г',
        'T' => 'Т',
        'u' => 'и',
        'x' => 'х',
        'X' => 'Х',
        'y' => 'у',
        'Y' => 'У',
        'z' | 'Z' => 'з',
        _ => return None,
    })
}

fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'А' => 'A',
        'В' => 'B',
        'е' => 'e',
        'Е' => 'E',
        'к' => 'k',
        'К' => 'K',
        'м' => 'm',
        'М' => 'M',
        'Н' => 'H',
        'о' => 'o',
        'О' => 'O',
        'р' => 'p',
        'Р' => 'P',
        'с' => 'c',
        'С' => 'C',
        'Т' => 'T',
        'у' => 'y',
        'х' => 'x',
        'Х' => 'X',
        'і' => 'i',
        'І' => 'I',
        'ѕ' => 's',
        'ј' => 'j',
        _ => return None,
    })
}

fn leet_latin(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '6' => 'g',
        '7' => 't',
        _ => return None,
    })
}

fn leet_cyrillic(c: char) -> Option<char> {
    Some(match c {
        '0' => 'о',
        '3' => 'з',
        '4' => 'ч',
        '6' => 'б',
        '@' => 'а',
        _ => return None,
    })
}

/// One character folded to one or two.
enum Folded {
    One(char),
    Two(char, char),
}

/// Folds a lower-case letter: Latin accents off, `ё` to `е`, typographic
/// apostrophes to `'`. Cyrillic letters other than `ё` keep their marks:
/// `й ї є ў` are letters of their own.
fn fold(c: char) -> Folded {
    use Folded::{One, Two};
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => One('a'),
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => One('c'),
        'ď' | 'đ' => One('d'),
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => One('e'),
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => One('g'),
        'ì'..='ï' | 'ī' | 'ĭ' | 'į' | 'ı' => One('i'),
        'ĺ' | 'ļ' | 'ľ' | 'ł' => One('l'),
        'ñ' | 'ń' | 'ņ' | 'ň' => One('n'),
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => One('o'),
        'ŕ' | 'ř' => One('r'),
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => One('s'),
        'ţ' | 'ť' | 'ț' => One('t'),
        'ù'..='ü' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => One('u'),
        'ý' | 'ÿ' => One('y'),
        'ź' | 'ż' | 'ž' => One('z'),
        'ß' => Two('s', 's'),
        'æ' => Two('a', 'e'),
        'œ' => Two('o', 'e'),
        'ё' => One('е'),
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => One('\''),
        other => One(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        Normalized::new(text).as_str().to_owned()
    }

    fn span_text(original: &str, n: &Normalized, needle: &str) -> String {
        let at = n.as_str().find(needle).expect("needle in normalised text");
        let (s, e) = n.original_span(at, at + needle.len());
        original.chars().skip(s).take(e - s).collect()
    }

    #[test]
    fn lower_cases_and_collapses_space() {
        assert_eq!(norm("  CHARGED \t\n TWICE "), "charged twice");
    }

    #[test]
    fn spans_ending_on_a_squeezed_letter_cover_all_of_it() {
        let original = "so useless, I want less and fee refunds, soooo bad";
        let n = Normalized::new(original);
        assert_eq!(span_text(original, &n, "useles"), "useless");
        assert_eq!(span_text(original, &n, "les and"), "less and");
        assert_eq!(span_text(original, &n, "fe"), "fee");
        assert_eq!(span_text(original, &n, "so bad"), "soooo bad");
        assert_eq!(span_text(original, &n, "so us"), "so us");
    }

    #[test]
    fn maps_back_to_the_original_words() {
        let original = "Hey, you CHARGED me twice!!";
        let n = Normalized::new(original);
        assert_eq!(
            span_text(original, &n, "charged me twice"),
            "CHARGED me twice"
        );
    }

    #[test]
    fn drops_zero_width_bidi_and_combining_marks() {
        let original = "ref\u{200B}und\u{202E} now";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "refund now");
        assert_eq!(span_text(original, &n, "refund"), "ref\u{200B}und");
        assert_eq!(norm("i\u{0336}d\u{0336}i\u{0301}\u{0302}ot"), "idiot");
    }

    #[test]
    fn squeezes_repeated_letters_on_both_sides() {
        assert_eq!(norm("sooooo goooood"), "so god");
        assert_eq!(norm("good"), "god");
        assert_eq!(norm("!!!! 1111"), "!!!! 1111");
        assert_eq!(norm("哈哈哈"), "哈哈哈");
    }

    #[test]
    fn folds_accents_yo_and_apostrophes() {
        assert_eq!(
            norm("ЕЩЁ can’t, don't, 'quoted'"),
            "еще cant, dont, 'quoted'"
        );
        assert_eq!(
            norm("Não chegou, Straße, cœur"),
            "nao chegou, strase, coeur"
        );
        assert_eq!(norm("йогурт їжа євро ўсё"), "йогурт їжа євро ўсе");
    }

    #[test]
    fn compatibility_letters_become_plain() {
        assert_eq!(norm("ｆｕｃｋ"), "fuck");
        assert_eq!(norm("𝐢𝐝𝐢𝐨𝐭 𝘀𝗵𝗶𝘁"), "idiot shit");
        assert_eq!(norm("ⓘⓓⓘⓞⓣ"), "idiot");
    }

    #[test]
    fn mixed_scripts_take_the_majority_script() {
        // Latin e, o, a inside Cyrillic words, and the other way round.
        assert_eq!(norm("дeбилы"), "дебилы");
        assert_eq!(norm("xуйня"), "хуйня");
        assert_eq!(norm("іdiоt"), "idiot");
        // Honest text in one script is left alone.
        assert_eq!(norm("Київ"), "київ");
    }

    #[test]
    fn digits_between_letters_read_as_letters() {
        assert_eq!(norm("h4te y0u, 1d10t"), "hate you, idiot");
        assert_eq!(norm("4то 3десь"), "что здесь");
        // Numbers stay numbers.
        assert_eq!(
            norm("order 48213, 2x, covid19, mp3, @user $5"),
            "order 48213, 2x, covid19, mp3, @user $5"
        );
    }

    #[test]
    fn spaced_out_letters_join() {
        let original = "you f u c k i n g clowns";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "you fucking clowns");
        assert_eq!(span_text(original, &n, "fucking"), "f u c k i n g");
        assert_eq!(norm("с у к а"), "сука");
        // Three or fewer stay apart: "a b c", "и в с".
        assert_eq!(norm("a b c"), "a b c");
    }

    #[test]
    fn expanding_lowercase_keeps_the_map_consistent() {
        let n = Normalized::new("İx");
        let (s, e) = n.original_span(0, n.as_str().len());
        assert_eq!((s, e), (0, 2));
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert_eq!(norm(""), "");
        assert_eq!(norm(" \u{200B} "), "");
    }
}
