//! Normalisation with a map back to the original text.
//!
//! Rules are written in a plain, lower-case form ("charged twice"). Posts are
//! not: they shout ("CHARGED TWICE"), stretch letters ("sooooo slow"), hide
//! zero-width characters inside words and write `ё` as `е` or the other way
//! round. [`Normalized`] folds all of that into one canonical string that
//! rules can match byte for byte, and remembers, for every byte of that string,
//! which characters of the original it came from. A match in the normalised
//! text can therefore always be reported as a span of the text the user sees.
//!
//! What normalisation does, in order, per character:
//!
//! 1. drops invisible characters: zero-width spaces and joiners, the soft
//!    hyphen, the byte-order mark and bidirectional controls;
//! 2. turns every run of white space into one ASCII space;
//! 3. lower-cases (full Unicode lower-casing, which may expand a character);
//! 4. folds a few equivalent letters: `ё` → `е`, typographic apostrophes →
//!    `'`;
//! 5. shortens a letter repeated three or more times to two (`sooo` → `soo`),
//!    so rules need at most the doubled spelling.

/// A normalised copy of a text with a map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    /// For every byte of `text`: the index (in `char`s) of the original
    /// character it came from.
    origin: Vec<u32>,
}

impl Normalized {
    /// Normalises `input` (see the module documentation for the steps).
    pub fn new(input: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(input.len()),
            origin: Vec::with_capacity(input.len() + 1),
        };
        let mut builder = Builder::default();
        for (index, c) in input.chars().enumerate() {
            builder.push(&mut out, index as u32, c);
        }
        out
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
        (
            self.origin[start] as usize,
            self.origin[end - 1] as usize + 1,
        )
    }

    fn push_char(&mut self, origin: u32, c: char) {
        let before = self.text.len();
        self.text.push(c);
        self.origin
            .extend(std::iter::repeat_n(origin, self.text.len() - before));
    }
}

/// The state carried from one character to the next.
#[derive(Default)]
struct Builder {
    /// The last character written, and how many times in a row.
    last: Option<char>,
    run: u8,
    /// A space is owed before the next visible character.
    pending_space: bool,
}

impl Builder {
    fn push(&mut self, out: &mut Normalized, index: u32, c: char) {
        if is_invisible(c) {
            return;
        }
        if c.is_whitespace() {
            self.pending_space = !out.text.is_empty();
            return;
        }
        if self.pending_space {
            self.pending_space = false;
            self.emit(out, index.saturating_sub(1), ' ');
        }
        if c.is_ascii() {
            self.emit(out, index, c.to_ascii_lowercase());
        } else {
            for lower in c.to_lowercase() {
                self.emit(out, index, fold(lower));
            }
        }
    }

    fn emit(&mut self, out: &mut Normalized, index: u32, c: char) {
        if self.last == Some(c) {
            if self.run >= 2 && c.is_alphabetic() {
                return;
            }
            self.run = self.run.saturating_add(1);
        } else {
            self.last = Some(c);
            self.run = 1;
        }
        out.push_char(index, c);
    }
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

/// Letters that mean the same to a reader and should match the same rules.
fn fold(c: char) -> char {
    match c {
        'ё' => 'е',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_text(original: &str, n: &Normalized, needle: &str) -> String {
        let at = n.as_str().find(needle).expect("needle in normalised text");
        let (s, e) = n.original_span(at, at + needle.len());
        original.chars().skip(s).take(e - s).collect()
    }

    #[test]
    fn lower_cases_and_collapses_space() {
        let n = Normalized::new("  CHARGED \t\n TWICE ");
        assert_eq!(n.as_str(), "charged twice");
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
    fn drops_zero_width_and_bidi_controls() {
        let original = "ref\u{200B}und\u{202E} now";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "refund now");
        assert_eq!(span_text(original, &n, "refund"), "ref\u{200B}und");
    }

    #[test]
    fn shortens_stretched_letters_to_two() {
        assert_eq!(Normalized::new("sooooo goooood").as_str(), "soo good");
        assert_eq!(Normalized::new("!!!!").as_str(), "!!!!");
    }

    #[test]
    fn folds_yo_and_apostrophes() {
        assert_eq!(Normalized::new("ЕЩЁ can’t").as_str(), "еще can't");
    }

    #[test]
    fn expanding_lowercase_keeps_the_map_consistent() {
        // 'İ' lower-cases to two chars; both must map to the same original.
        let original = "İx";
        let n = Normalized::new(original);
        let (s, e) = n.original_span(0, n.as_str().len());
        assert_eq!((s, e), (0, 2));
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert_eq!(Normalized::new("").as_str(), "");
        assert_eq!(Normalized::new(" \u{200B} ").as_str(), "");
    }
}
