//! Splitting normalised text into words.
//!
//! A word is a run of letters and digits; an apostrophe between two letters
//! stays inside the word (`can't`, `l'app`). Scripts written without spaces
//! (Chinese, Japanese) have no word boundaries a cheap tokenizer can find, so
//! each of their characters is a word of its own and phrases match them as
//! character sequences.

use std::ops::Range;

/// A word: a byte range of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: u32,
    /// Byte offset just past the last character.
    pub end: u32,
}

impl Token {
    /// The token as a byte range.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Appends the words of `text` to `out` (cleared first), in order.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_ascii() {
            // The commonest case first, with ASCII's own tests: no ASCII
            // character is of an unspaced script, and its letters and
            // digits are exactly the alphanumerics.
            if c.is_ascii_alphanumeric() {
                start.get_or_insert(at);
            } else if c == '\'' && start.is_some() && next_is_letter(&mut chars) {
                // An apostrophe inside a word: keep going.
            } else if let Some(s) = start.take() {
                out.push(token(s, at));
            }
        } else if is_unspaced_script(c) {
            if let Some(s) = start.take() {
                out.push(token(s, at));
            }
            out.push(token(at, at + c.len_utf8()));
        } else if super::is_letter_or_digit(c) {
            start.get_or_insert(at);
        } else if c == '\'' && start.is_some() && next_is_letter(&mut chars) {
            // An apostrophe inside a word: keep going.
        } else if let Some(s) = start.take() {
            out.push(token(s, at));
        }
    }
    if let Some(s) = start {
        out.push(token(s, text.len()));
    }
}

/// The words of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// True for characters of scripts written without spaces between words.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

fn next_is_letter(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> bool {
    chars.peek().is_some_and(|&(_, c)| super::is_letter(c))
}

fn token(start: usize, end: usize) -> Token {
    Token {
        start: start as u32,
        end: end as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .map(|t| &text[t.range()])
            .collect()
    }

    #[test]
    fn splits_on_punctuation_and_space() {
        assert_eq!(
            words("hi, you charged me 2x!"),
            ["hi", "you", "charged", "me", "2x"]
        );
    }

    #[test]
    fn keeps_apostrophes_inside_words() {
        assert_eq!(words("can't 'quoted' l'app"), ["can't", "quoted", "l'app"]);
    }

    #[test]
    fn cyrillic_words() {
        assert_eq!(
            words("деньги списали дважды"),
            ["деньги", "списали", "дважды"]
        );
    }

    #[test]
    fn han_characters_are_single_words() {
        assert_eq!(words("我要退款abc"), ["我", "要", "退", "款", "abc"]);
    }

    #[test]
    fn nothing_in_empty_or_symbols() {
        assert!(words("").is_empty());
        assert!(words("!!! ??? 🙂").is_empty());
    }
}
