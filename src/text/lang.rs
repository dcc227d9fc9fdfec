//! A cheap language guess: scripts first, then telling letters and function
//! words.
//!
//! A general-purpose detector such as `whatlang` costs tens of microseconds a
//! post; triage needs the language in about one. The guess here goes in two
//! steps over the normalised text:
//!
//! 1. **Script.** Count letters per script. Han → Chinese, Arabic → Arabic,
//!    Devanagari → Hindi. Cyrillic is split by the letters only one language
//!    uses: `ў` is Belarusian, `ї є ґ` Ukrainian, `і` without `ы э` Ukrainian,
//!    with them Belarusian, otherwise Russian.
//! 2. **Latin.** Three English function words make a text English at once
//!    (the commonest case, and the cheapest). Afrikaans is recognised by its
//!    own function words ("nie", "julle", "dankie"; two different ones are
//!    needed) — no public labelled
//!    Afrikaans corpus exists to learn it from. Every other Latin-script text
//!    goes to a small learned model over character n-grams ([`super::langid`])
//!    that tells English, Spanish, Portuguese, French, German, Italian and
//!    romanised Hindi apart.

use super::langid::LangModel;
use super::simple_lower;
use super::tokens::Token;

/// A language firstline knows by name, with its ISO 639-1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Ukrainian.
    Uk,
    /// Belarusian.
    Be,
    /// Chinese.
    Zh,
    /// Afrikaans.
    Af,
    /// Spanish.
    Es,
    /// German.
    De,
    /// French.
    Fr,
    /// Portuguese.
    Pt,
    /// Italian.
    It,
    /// Arabic.
    Ar,
    /// Hindi.
    Hi,
    /// Undetermined: no letters to go by.
    Und,
}

impl Lang {
    /// Every language, in declaration order (see [`Lang::index`]).
    pub const ALL: [Lang; 14] = [
        Lang::En,
        Lang::Ru,
        Lang::Uk,
        Lang::Be,
        Lang::Zh,
        Lang::Af,
        Lang::Es,
        Lang::De,
        Lang::Fr,
        Lang::Pt,
        Lang::It,
        Lang::Ar,
        Lang::Hi,
        Lang::Und,
    ];

    /// The position of this language in [`Lang::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The ISO 639-1 code ("und" for undetermined).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Be => "be",
            Lang::Zh => "zh",
            Lang::Af => "af",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
            Lang::It => "it",
            Lang::Ar => "ar",
            Lang::Hi => "hi",
            Lang::Und => "und",
        }
    }

    /// The language of an ISO 639-1 code, if firstline knows it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Letter counts per script, and the telling letters seen: what the
/// language guess needs of the raw text, counted one character at a time
/// ([`Letters::count`]) by whichever pass reads it.
#[derive(Debug, Clone, Default)]
pub struct Letters {
    latin: u32,
    cyrillic: u32,
    han: u32,
    arabic: u32,
    devanagari: u32,
    be_only: bool,
    uk_only: bool,
    i_dotted: bool,
    ru_be_vowels: bool,
    hard_sign: bool,
}

/// Guesses the language of a text: `raw` as written (its letters and
/// diacritics), and its normalised form `normalized` whose words are
/// `tokens` (function words, which are written folded: "nao", "fur").
pub fn detect(raw: &str, normalized: &str, tokens: &[Token]) -> Lang {
    let mut letters = Letters::default();
    raw.chars().for_each(|c| letters.count(c));
    detect_counted(&letters, raw, normalized, tokens)
}

/// [`detect`] with the letters of `raw` already counted.
pub fn detect_counted(letters: &Letters, raw: &str, normalized: &str, tokens: &[Token]) -> Lang {
    let most = letters
        .latin
        .max(letters.cyrillic)
        .max(letters.han)
        .max(letters.arabic)
        .max(letters.devanagari);
    if most == 0 {
        Lang::Und
    } else if most == letters.han {
        Lang::Zh
    } else if most == letters.cyrillic {
        cyrillic_language(letters)
    } else if most == letters.arabic {
        Lang::Ar
    } else if most == letters.devanagari {
        Lang::Hi
    } else {
        latin_language(raw, normalized, tokens)
    }
}

impl Letters {
    /// Counts one character of the raw text (case-insensitively).
    #[inline]
    pub fn count(&mut self, c: char) {
        if c.is_ascii() {
            // Most characters: a letter or not, without the match below.
            self.latin += u32::from(c.is_ascii_alphabetic());
            return;
        }
        let l = self;
        let c = lower(c);
        match c {
            'a'..='z' | '\u{00C0}'..='\u{024F}' => l.latin += 1,
            '\u{0400}'..='\u{04FF}' => {
                l.cyrillic += 1;
                match c {
                    'ў' => l.be_only = true,
                    'ї' | 'є' | 'ґ' => l.uk_only = true,
                    'і' => l.i_dotted = true,
                    'ы' | 'э' => l.ru_be_vowels = true,
                    'ъ' => l.hard_sign = true,
                    _ => {}
                }
            }
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => l.han += 1,
            '\u{0600}'..='\u{06FF}' => l.arabic += 1,
            '\u{0900}'..='\u{097F}' => l.devanagari += 1,
            _ => {}
        }
    }
}

/// The first character of `c`'s lower case (`c` itself when it is not
/// upper case), without the standard library's table searches for nearly
/// every character of a post ([`simple_lower`]): they cost more than the
/// rest of the language guess.
#[inline]
fn lower(c: char) -> char {
    match simple_lower(c) {
        Some(lower) => lower,
        None if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        None => c,
    }
}

fn cyrillic_language(l: &Letters) -> Lang {
    if l.be_only {
        Lang::Be
    } else if l.uk_only {
        Lang::Uk
    } else if l.i_dotted && !l.hard_sign {
        if l.ru_be_vowels { Lang::Be } else { Lang::Uk }
    } else {
        Lang::Ru
    }
}

/// Two different Afrikaans function words make a text Afrikaans; anything
/// else in the Latin script is for the learned model.
fn latin_language(raw: &str, normalized: &str, tokens: &[Token]) -> Lang {
    let mut seen: [Option<&str>; 2] = [None, None];
    let mut english = 0;
    for t in tokens {
        let word = &normalized[t.range()];
        if is_english_function_word(word) {
            english += 1;
        }
        if is_afrikaans_function_word(word) && seen[0] != Some(word) {
            if seen[0].is_none() {
                seen[0] = Some(word);
            } else {
                return Lang::Af;
            }
        }
    }
    // Three English function words settle it without the model: the
    // commonest case, and the cheapest.
    if english >= 3 {
        return Lang::En;
    }
    LangModel::builtin().classify(raw)
}

/// English function words that the other Latin-script languages firstline
/// knows do not use (as normalisation writes them).
fn is_english_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "and"
            | "you"
            | "your"
            | "are"
            | "have"
            | "this"
            | "that"
            | "with"
            | "for"
            | "not"
            | "it"
            | "we"
            | "what"
            | "why"
            | "how"
            | "cant"
            | "dont"
            | "just"
            | "they"
            | "from"
            | "please"
            | "thanks"
    )
}

/// Afrikaans function words that other languages firstline knows do not use
/// (as normalisation writes them: "aseblief" for "asseblief").
fn is_afrikaans_function_word(word: &str) -> bool {
    matches!(
        word,
        "nie"
            | "ek"
            | "jy"
            | "jou"
            | "jule"
            | "hule"
            | "het"
            | "nog"
            | "aseblief"
            | "baie"
            | "dankie"
            | "hoe"
            | "ons"
            | "vir"
            | "nou"
            | "moet"
            | "gister"
            | "kry"
            | "niks"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Normalized, tokens::tokenize};

    fn guess(text: &str) -> &'static str {
        let n = Normalized::new(text);
        detect(text, n.as_str(), &tokenize(n.as_str())).code()
    }

    #[test]
    fn scripts() {
        assert_eq!(guess("我的包裹还没到"), "zh");
        assert_eq!(guess("الطلب لم يصل"), "ar");
        assert_eq!(guess("मेरा ऑर्डर नहीं आया"), "hi");
        assert_eq!(guess("🙂🙂 !!!"), "und");
    }

    #[test]
    fn cyrillic_languages() {
        assert_eq!(guess("Где моя посылка? Уже неделю жду"), "ru");
        assert_eq!(guess("Де моя посилка? Вже тиждень чекаю її"), "uk");
        assert_eq!(guess("Дзе мая пасылка? Ужо тыдзень чакаю, і нічога"), "be");
        assert_eq!(guess("Чаму вы не адказваеце? Ўжо тыдзень"), "be");
    }

    #[test]
    fn latin_languages() {
        assert_eq!(
            guess("My order still hasn't arrived and nobody answers"),
            "en"
        );
        assert_eq!(
            guess("Mi pedido todavía no ha llegado y nadie contesta"),
            "es"
        );
        assert_eq!(guess("Meine Bestellung ist immer noch nicht da"), "de");
        assert_eq!(
            guess("Ma commande n'est toujours pas arrivée, merci de répondre"),
            "fr"
        );
        assert_eq!(
            guess("Meu pedido ainda não chegou, vocês podem ajudar?"),
            "pt"
        );
        assert_eq!(
            guess("My bestelling het nog nie aangekom nie, baie sleg"),
            "af"
        );
    }

    #[test]
    fn english_function_words_settle_it_even_without_apostrophes() {
        assert_eq!(guess("i dont know why you cant just help"), "en");
        assert_eq!(guess("I don't know why you can't just help"), "en");
    }

    #[test]
    fn fast_lower_case_agrees_with_the_standard_library() {
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            let expected = if c.is_uppercase() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            };
            assert_eq!(lower(c), expected, "{c:?}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for code in [
            "en", "ru", "uk", "be", "zh", "af", "es", "de", "fr", "pt", "und",
        ] {
            assert_eq!(Lang::from_code(code).map(Lang::code), Some(code));
        }
        assert_eq!(Lang::from_code("xx"), None);
    }
}
