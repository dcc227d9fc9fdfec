//! Where a value is in a JSON text: turns a path such as
//! `templates[2].body.ru` back into the line and column a person can jump
//! to, so that `firstline pack lint` reports `file:line:col` for problems
//! found after parsing (a duplicate id, a bad template body), not only for
//! syntax errors.
//!
//! The scanner reads just enough JSON to follow a path: strings with their
//! escapes, objects, arrays and scalars. It expects text that serde_json has
//! already accepted and returns `None` for anything it cannot follow.

/// The 1-based line and column (in characters) where the value at `path`
/// starts in the JSON `text`, or `None` when there is no such value.
pub fn position(text: &str, path: &str) -> Option<(usize, usize)> {
    position_offset(text, path).map(|at| line_and_column(text, at))
}

/// The byte offset where the value at `path` starts in the JSON `text`.
pub fn position_offset(text: &str, path: &str) -> Option<usize> {
    let mut scanner = Scanner {
        text: text.as_bytes(),
        at: 0,
    };
    scanner.skip_space();
    for step in steps(path)? {
        match step {
            Step::Key(key) => scanner.enter_key(&key)?,
            Step::Index(index) => scanner.enter_index(index)?,
        }
    }
    Some(scanner.at)
}

enum Step {
    Key(String),
    Index(usize),
}

/// `a.b[2].c` → `a`, `b`, `2`, `c`. An empty path is the whole document.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Step::Key(key.to_owned()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Step::Index(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Reads a string at the cursor and returns it unescaped enough to
    /// compare keys (`\"` and `\\`; other escapes are kept as written).
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return String::from_utf8(out).ok();
                }
                b'\\' => {
                    let escaped = *self.text.get(self.at + 1)?;
                    if !matches!(escaped, b'"' | b'\\') {
                        out.push(b'\\');
                    }
                    out.push(escaped);
                    self.at += 2;
                }
                byte => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
    }

    /// Skips the value at the cursor.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'"' => self.string().map(drop),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                self.skip_space();
                if self.peek()? == close {
                    self.at += 1;
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.string()?;
                        self.expect(b':')?;
                    }
                    self.skip_value()?;
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b if b == close => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                while !matches!(
                    self.peek()?,
                    b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// Moves the cursor to the value of `key` in the object at the cursor.
    fn enter_key(&mut self, key: &str) -> Option<()> {
        self.expect(b'{')?;
        loop {
            self.skip_space();
            if self.peek()? == b'}' {
                return None;
            }
            let name = self.string()?;
            self.expect(b':')?;
            self.skip_space();
            if name == key {
                return Some(());
            }
            self.skip_value()?;
            self.expect(b',')?;
        }
    }

    /// Moves the cursor to element `index` of the array at the cursor.
    fn enter_index(&mut self, index: usize) -> Option<()> {
        self.expect(b'[')?;
        for _ in 0..index {
            self.skip_value()?;
            self.expect(b',')?;
        }
        self.skip_space();
        (self.peek()? != b']').then_some(())
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::position;

    const PACK: &str = "{\n  \"id\": \"a\",\n  \"templates\": [\n    {\"id\": \"x\", \"body\": {\"en\": \"hi\"}},\n    {\"id\": \"x\", \"body\": {\"en\": \"{{#a}}\", \"ru\": \"прив\\\"ет\"}}\n  ]\n}";

    #[test]
    fn finds_values_by_path() {
        assert_eq!(position(PACK, ""), Some((1, 1)));
        assert_eq!(position(PACK, "id"), Some((2, 9)));
        assert_eq!(position(PACK, "templates[0].id"), Some((4, 12)));
        assert_eq!(position(PACK, "templates[1].id"), Some((5, 12)));
        assert_eq!(position(PACK, "templates[1].body.en"), Some((5, 32)));
        assert_eq!(position(PACK, "templates[1].body.ru"), Some((5, 48)));
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(position(PACK, "templates[2]"), None);
        assert_eq!(position(PACK, "nothing"), None);
        assert_eq!(position(PACK, "id[0]"), None);
        assert_eq!(position(PACK, "templates[x]"), None);
        assert_eq!(position("not json", "id"), None);
    }
}
