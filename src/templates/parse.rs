//! Turning Mustache source into a tree of [`Node`]s.
//!
//! The parser makes one pass over the source. It never recurses: open
//! sections live on an explicit stack, so a long template cannot exhaust the
//! call stack, and the nesting depth is capped at [`MAX_NESTING`] so that the
//! (recursive) renderer cannot either.
//!
//! "Standalone" lines are handled here, once, rather than at render time: a
//! section, inverted section, closing, comment, partial or set-delimiters tag
//! that is alone on its line (apart from spaces and tabs) removes the whole
//! line, including its newline. For a standalone partial tag, the removed
//! leading whitespace is kept as the partial's indentation.

use std::collections::HashSet;
use std::fmt;

/// How deeply sections may nest inside one template.
pub(crate) const MAX_NESTING: usize = 256;

/// A 1-based line and column (counted in `char`s) in a template's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Literal text, copied to the output as is.
    Text(String),
    /// `{{name}}`, `{{{name}}}` or `{{&name}}`: all three mean the same in
    /// plain-text output.
    Variable { name: String, at: Position },
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
    Section {
        name: String,
        inverted: bool,
        children: Vec<Node>,
        at: Position,
    },
    /// `{{>name}}`. `indent` is the whitespace before a standalone partial
    /// tag, to be put in front of every line of the partial.
    Partial {
        name: String,
        indent: String,
        at: Position,
    },
}

/// A parsed Mustache template, ready to be rendered any number of times.
///
/// Parse it once with [`Template::parse`], then call
/// [`Template::render`](crate::templates::Template::render) with different
/// data. See the [module documentation](crate::templates) for the syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub(crate) nodes: Vec<Node>,
    /// The deepest nesting of sections in this template (0 for none).
    pub(crate) depth: usize,
}

impl Template {
    /// Parses Mustache `source`.
    ///
    /// Fails on malformed tags: an unclosed tag or section, a closing tag that
    /// does not match, an empty tag, a name with spaces or empty dotted parts,
    /// a bad set-delimiters tag, or sections nested more than 256 deep. The
    /// error carries the line and column of the offending tag.
    ///
    /// ```
    /// use firstline::templates::{Template, TemplateErrorKind};
    ///
    /// let err = Template::parse("Hi!\n  {{#items}}{{name}}").unwrap_err();
    /// assert_eq!((err.line, err.column), (2, 3));
    /// assert_eq!(err.kind, TemplateErrorKind::UnclosedSection("items".into()));
    /// ```
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        Parser::new(source).run()
    }

    /// Every variable and section name the template refers to, dotted as
    /// written (`author.first_name`), each once, in order of first use.
    ///
    /// The implicit iterator `.`, comments and partial names are left out;
    /// see [`Template::partial_names`] for the latter.
    ///
    /// ```
    /// use firstline::templates::Template;
    ///
    /// let t = Template::parse("{{#author}}{{name}}{{/author}} {{ author.name }} {{.}}").unwrap();
    /// assert_eq!(t.names(), ["author", "name", "author.name"]);
    /// ```
    pub fn names(&self) -> Vec<String> {
        self.collect(|node| match node {
            Node::Variable { name, .. } | Node::Section { name, .. } if name != "." => Some(name),
            _ => None,
        })
    }

    /// Every partial the template includes with `{{>name}}`, each once, in
    /// order of first use. Partials of partials are not followed.
    pub fn partial_names(&self) -> Vec<String> {
        self.collect(|node| match node {
            Node::Partial { name, .. } => Some(name),
            _ => None,
        })
    }

    /// Walks the tree in document order (without recursion) and keeps the
    /// distinct strings that `pick` returns.
    fn collect(&self, pick: impl Fn(&Node) -> Option<&String>) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        let mut pending = vec![self.nodes.iter()];
        while let Some(iter) = pending.last_mut() {
            let Some(node) = iter.next() else {
                pending.pop();
                continue;
            };
            if let Some(name) = pick(node)
                && seen.insert(name.as_str())
            {
                found.push(name.clone());
            }
            if let Node::Section { children, .. } = node {
                pending.push(children.iter());
            }
        }
        found
    }
}

/// Why a template could not be parsed or rendered, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// 1-based line of the offending tag.
    pub line: usize,
    /// 1-based column of the offending tag's first character, counted in
    /// `char`s.
    pub column: usize,
    /// What went wrong.
    pub kind: TemplateErrorKind,
}

impl TemplateError {
    pub(crate) fn new(at: Position, kind: TemplateErrorKind) -> TemplateError {
        TemplateError {
            line: at.line,
            column: at.column,
            kind,
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.kind
        )
    }
}

impl std::error::Error for TemplateError {}

/// The kinds of [`TemplateError`].
///
/// The first group comes from [`Template::parse`]; the second from rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateErrorKind {
    /// An opening delimiter (`{{`) with no matching closing one (`}}`, or
    /// `}}}` for a triple mustache).
    UnclosedTag,
    /// A section opened with `{{#name}}` or `{{^name}}` that is never
    /// closed. The error points at the opening tag.
    UnclosedSection(String),
    /// A `{{/found}}` tag that closes nothing (`expected` is `None`) or does
    /// not match the innermost open section (`expected`).
    UnexpectedClose {
        /// The name of the innermost open section, if any.
        expected: Option<String>,
        /// The name in the closing tag.
        found: String,
    },
    /// A set-delimiters tag that is not `{{=open close=}}` with two
    /// delimiters free of whitespace and `=`.
    BadDelimiters,
    /// A tag with no name, such as `{{ }}` or `{{#}}`.
    EmptyTag,
    /// A tag name with whitespace inside, or with an empty dotted part
    /// (`a..b`, `.a`, `a.`).
    InvalidName(String),
    /// Sections nested deeper than the limit (256).
    NestingTooDeep(usize),
    /// With [`Missing::Error`](crate::templates::Missing::Error): a variable
    /// or section name that is not found in the data.
    MissingVariable(String),
    /// With [`Missing::Error`](crate::templates::Missing::Error): a variable
    /// whose value is an object or a list, which has no text form.
    NotText(String),
    /// With [`Missing::Error`](crate::templates::Missing::Error): a
    /// `{{>name}}` partial that the [`Partials`](crate::templates::Partials)
    /// source does not have.
    MissingPartial(String),
    /// Partials nested too deeply (64 levels), usually a partial that
    /// includes itself without walking down the data. The error points at
    /// the outermost partial tag of the chain and names the partial that
    /// could not be entered.
    PartialRecursion(String),
    /// An error inside partial `name`; the error's position is that of the
    /// `{{>name}}` tag, and `error` has the position inside the partial.
    InPartial {
        /// The partial's name.
        name: String,
        /// What went wrong inside it.
        error: Box<TemplateError>,
    },
}

impl fmt::Display for TemplateErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use TemplateErrorKind::*;
        match self {
            UnclosedTag => f.write_str("unclosed tag: the closing delimiter is missing"),
            UnclosedSection(name) => write!(f, "unclosed section `{name}`"),
            UnexpectedClose {
                expected: Some(expected),
                found,
            } => write!(
                f,
                "closing tag `{found}` does not match the open section `{expected}`"
            ),
            UnexpectedClose {
                expected: None,
                found,
            } => write!(f, "closing tag `{found}` closes no open section"),
            BadDelimiters => f.write_str(
                "bad set-delimiters tag: expected `{{=open close=}}` with two delimiters \
                 free of whitespace and `=`",
            ),
            EmptyTag => f.write_str("empty tag: a name is required"),
            InvalidName(name) => write!(f, "invalid name `{name}`"),
            NestingTooDeep(limit) => write!(f, "sections nested more than {limit} levels deep"),
            MissingVariable(name) => write!(f, "missing variable `{name}`"),
            NotText(name) => write!(f, "`{name}` is an object or a list, not text"),
            MissingPartial(name) => write!(f, "missing partial `{name}`"),
            PartialRecursion(name) => write!(
                f,
                "partial `{name}` nested too deeply (does it include itself without \
                 walking down the data?)"
            ),
            InPartial { name, error } => write!(f, "in partial `{name}`: {error}"),
        }
    }
}

/// What a tag does, decided by the character after the opening delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
    Variable,
    /// `{{#name}}`.
    Section,
    /// `{{^name}}`.
    Inverted,
    /// `{{/name}}`.
    Close,
    /// `{{!…}}`.
    Comment,
    /// `{{>name}}`.
    Partial,
    /// `{{=open close=}}`.
    SetDelimiters,
}

impl TagKind {
    /// The tag kind for a sigil, and whether the sigil is part of the tag
    /// syntax (rather than the first character of a name).
    fn from_sigil(sigil: Option<char>) -> (TagKind, bool) {
        match sigil {
            Some('{' | '&') => (TagKind::Variable, true),
            Some('#') => (TagKind::Section, true),
            Some('^') => (TagKind::Inverted, true),
            Some('/') => (TagKind::Close, true),
            Some('!') => (TagKind::Comment, true),
            Some('>') => (TagKind::Partial, true),
            Some('=') => (TagKind::SetDelimiters, true),
            _ => (TagKind::Variable, false),
        }
    }

    /// Whether a tag of this kind removes its line when alone on it.
    fn can_stand_alone(self) -> bool {
        self != TagKind::Variable
    }
}

/// One tag as found in the source.
struct Tag<'s> {
    kind: TagKind,
    /// What is between the sigil and the closing delimiter, untrimmed.
    content: &'s str,
    /// Byte offset just past the closing delimiter.
    end: usize,
}

/// Turns byte offsets into lines and columns, moving forward only, so that
/// the whole parse stays linear in the source length.
struct Cursor<'s> {
    source: &'s str,
    offset: usize,
    at: Position,
}

impl<'s> Cursor<'s> {
    fn new(source: &'s str) -> Cursor<'s> {
        Cursor {
            source,
            offset: 0,
            at: Position { line: 1, column: 1 },
        }
    }

    /// The position of byte `offset`, which must not be before the last one
    /// asked for.
    fn position_of(&mut self, offset: usize) -> Position {
        for c in self.source[self.offset..offset].chars() {
            if c == '\n' {
                self.at.line += 1;
                self.at.column = 1;
            } else {
                self.at.column += 1;
            }
        }
        self.offset = offset;
        self.at
    }
}

/// A section whose closing tag has not been seen yet.
struct OpenSection {
    name: String,
    inverted: bool,
    at: Position,
    /// The nodes before the section at its own level.
    siblings: Vec<Node>,
}

struct Parser<'s> {
    source: &'s str,
    /// Byte offset of the first character not yet consumed.
    pos: usize,
    cursor: Cursor<'s>,
    open: String,
    close: String,
    /// Text seen since the last node was pushed.
    text: String,
    /// Nodes of the innermost open section (or the top level).
    nodes: Vec<Node>,
    open_sections: Vec<OpenSection>,
    depth: usize,
}

impl<'s> Parser<'s> {
    fn new(source: &'s str) -> Parser<'s> {
        Parser {
            source,
            pos: 0,
            cursor: Cursor::new(source),
            open: "{{".to_string(),
            close: "}}".to_string(),
            text: String::new(),
            nodes: Vec::new(),
            open_sections: Vec::new(),
            depth: 0,
        }
    }

    fn run(mut self) -> Result<Template, TemplateError> {
        while let Some(found) = self.source[self.pos..].find(self.open.as_str()) {
            let start = self.pos + found;
            self.text.push_str(&self.source[self.pos..start]);
            let at = self.cursor.position_of(start);
            let tag = self.read_tag(start, at)?;
            let indent = self.consume(&tag, start);
            self.apply(tag, indent, at)?;
        }
        self.text.push_str(&self.source[self.pos..]);
        if let Some(open) = self.open_sections.pop() {
            return Err(TemplateError::new(
                open.at,
                TemplateErrorKind::UnclosedSection(open.name),
            ));
        }
        self.flush_text();
        Ok(Template {
            nodes: self.nodes,
            depth: self.depth,
        })
    }

    /// Reads the tag whose opening delimiter starts at byte `start`.
    fn read_tag(&self, start: usize, at: Position) -> Result<Tag<'s>, TemplateError> {
        let after_open = start + self.open.len();
        let sigil = self.source[after_open..].chars().next();
        let (kind, has_sigil) = TagKind::from_sigil(sigil);
        let content_start = after_open + if has_sigil { 1 } else { 0 };
        let terminator = match sigil {
            Some('{') => format!("}}{}", self.close),
            Some('=') => format!("={}", self.close),
            _ => self.close.clone(),
        };
        let Some(length) = self.source[content_start..].find(&terminator) else {
            return Err(TemplateError::new(at, TemplateErrorKind::UnclosedTag));
        };
        Ok(Tag {
            kind,
            content: &self.source[content_start..content_start + length],
            end: content_start + length + terminator.len(),
        })
    }

    /// Moves past `tag`, and past the rest of its line too if it stands
    /// alone. Returns the whitespace that preceded a standalone tag on its
    /// line (removed from the pending text), or `""`.
    fn consume(&mut self, tag: &Tag<'_>, start: usize) -> String {
        let standalone = if tag.kind.can_stand_alone() {
            standalone_line(self.source, start, tag.end)
        } else {
            None
        };
        let Some((indent_len, line_end)) = standalone else {
            self.pos = tag.end;
            return String::new();
        };
        self.pos = line_end;
        let indent_start = self.text.len() - indent_len;
        self.text.split_off(indent_start)
    }

    fn apply(&mut self, tag: Tag<'s>, indent: String, at: Position) -> Result<(), TemplateError> {
        match tag.kind {
            TagKind::Comment => {}
            TagKind::SetDelimiters => {
                let (open, close) = parse_delimiters(tag.content)
                    .ok_or_else(|| TemplateError::new(at, TemplateErrorKind::BadDelimiters))?;
                self.open = open;
                self.close = close;
            }
            TagKind::Variable => {
                let name = parse_name(tag.content, at)?;
                self.push(Node::Variable { name, at });
            }
            TagKind::Section | TagKind::Inverted => {
                let name = parse_name(tag.content, at)?;
                self.open_section(name, tag.kind == TagKind::Inverted, at)?;
            }
            TagKind::Close => {
                let name = parse_name(tag.content, at)?;
                self.close_section(name, at)?;
            }
            TagKind::Partial => {
                let name = parse_partial_name(tag.content, at)?;
                self.push(Node::Partial { name, indent, at });
            }
        }
        Ok(())
    }

    fn open_section(
        &mut self,
        name: String,
        inverted: bool,
        at: Position,
    ) -> Result<(), TemplateError> {
        if self.open_sections.len() >= MAX_NESTING {
            return Err(TemplateError::new(
                at,
                TemplateErrorKind::NestingTooDeep(MAX_NESTING),
            ));
        }
        self.flush_text();
        let siblings = std::mem::take(&mut self.nodes);
        self.open_sections.push(OpenSection {
            name,
            inverted,
            at,
            siblings,
        });
        self.depth = self.depth.max(self.open_sections.len());
        Ok(())
    }

    fn close_section(&mut self, found: String, at: Position) -> Result<(), TemplateError> {
        let expected = self.open_sections.last().map(|open| &open.name);
        if expected != Some(&found) {
            let kind = TemplateErrorKind::UnexpectedClose {
                expected: expected.cloned(),
                found,
            };
            return Err(TemplateError::new(at, kind));
        }
        self.flush_text();
        let Some(open) = self.open_sections.pop() else {
            unreachable!("the innermost open section was just compared");
        };
        let children = std::mem::replace(&mut self.nodes, open.siblings);
        self.nodes.push(Node::Section {
            name: open.name,
            inverted: open.inverted,
            children,
            at: open.at,
        });
        Ok(())
    }

    fn push(&mut self, node: Node) {
        self.flush_text();
        self.nodes.push(node);
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.nodes.push(Node::Text(std::mem::take(&mut self.text)));
        }
    }
}

/// If the tag spanning `start..end` is alone on its line (apart from spaces
/// and tabs), returns the length of the whitespace before it and the byte
/// offset just past the end of its line (after `\n` or `\r\n`, or the end of
/// the source).
///
/// Every tag contains non-whitespace delimiters, so checking the raw source
/// around the tag also rules out other tags on the same line.
fn standalone_line(source: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = &source[..start];
    let indent_start = before.trim_end_matches([' ', '\t']).len();
    if indent_start > 0 && !before[..indent_start].ends_with('\n') {
        return None;
    }
    let after = &source[end..];
    let rest = after.trim_start_matches([' ', '\t']);
    let line_end = if rest.is_empty() {
        source.len()
    } else if rest.starts_with("\r\n") {
        source.len() - rest.len() + 2
    } else if rest.starts_with('\n') {
        source.len() - rest.len() + 1
    } else {
        return None;
    };
    Some((start - indent_start, line_end))
}

/// Checks and trims a variable or section name: `.` or dotted parts that are
/// neither empty nor contain whitespace.
fn parse_name(content: &str, at: Position) -> Result<String, TemplateError> {
    let name = content.trim();
    if name.is_empty() {
        return Err(TemplateError::new(at, TemplateErrorKind::EmptyTag));
    }
    let bad_parts = name != "." && name.split('.').any(str::is_empty);
    if bad_parts || name.contains(char::is_whitespace) {
        return Err(TemplateError::new(
            at,
            TemplateErrorKind::InvalidName(name.to_string()),
        ));
    }
    Ok(name.to_string())
}

/// Checks and trims a partial's name: anything without whitespace.
fn parse_partial_name(content: &str, at: Position) -> Result<String, TemplateError> {
    let name = content.trim();
    if name.is_empty() {
        return Err(TemplateError::new(at, TemplateErrorKind::EmptyTag));
    }
    if name.contains(char::is_whitespace) {
        return Err(TemplateError::new(
            at,
            TemplateErrorKind::InvalidName(name.to_string()),
        ));
    }
    Ok(name.to_string())
}

/// Parses the inside of `{{=open close=}}` into the two new delimiters.
fn parse_delimiters(content: &str) -> Option<(String, String)> {
    let mut parts = content.split_whitespace();
    let (open, close) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || open.contains('=') || close.contains('=') {
        return None;
    }
    Some((open.to_string(), close.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TemplateErrorKind::*;

    fn error(source: &str) -> (usize, usize, TemplateErrorKind) {
        let e = Template::parse(source).expect_err("should not parse");
        (e.line, e.column, e.kind)
    }

    #[test]
    fn unclosed_tag_points_at_its_opening() {
        assert_eq!(error("ab\ncd {{name"), (2, 4, UnclosedTag));
        assert_eq!(error("{{{name}}"), (1, 1, UnclosedTag));
        assert_eq!(error("{{=<% %>=}}\n x <%name}}"), (2, 4, UnclosedTag));
    }

    #[test]
    fn unclosed_section_points_at_its_opening_tag() {
        assert_eq!(
            error("one\ntwo {{#items}}\n{{name}}\n"),
            (2, 5, UnclosedSection("items".into()))
        );
        assert_eq!(
            error("{{#a}}{{^b}}{{/b}}"),
            (1, 1, UnclosedSection("a".into()))
        );
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        assert_eq!(
            error("Привет, {{#имя}}"),
            (1, 9, UnclosedSection("имя".into()))
        );
    }

    #[test]
    fn mismatched_and_stray_closing_tags() {
        assert_eq!(
            error("{{#a}}\n  {{/b}}"),
            (
                2,
                3,
                UnexpectedClose {
                    expected: Some("a".into()),
                    found: "b".into()
                }
            )
        );
        assert_eq!(
            error("x {{/a}}"),
            (
                1,
                3,
                UnexpectedClose {
                    expected: None,
                    found: "a".into()
                }
            )
        );
    }

    #[test]
    fn empty_and_invalid_names() {
        assert_eq!(error("a {{ }}"), (1, 3, EmptyTag));
        assert_eq!(error("{{#}}{{/}}"), (1, 1, EmptyTag));
        assert_eq!(error("{{>}}"), (1, 1, EmptyTag));
        assert_eq!(
            error("{{first name}}"),
            (1, 1, InvalidName("first name".into()))
        );
        assert_eq!(error("{{a..b}}"), (1, 1, InvalidName("a..b".into())));
        assert_eq!(error("{{.a}}"), (1, 1, InvalidName(".a".into())));
        assert_eq!(error("{{> a b}}"), (1, 1, InvalidName("a b".into())));
    }

    #[test]
    fn bad_delimiters() {
        assert_eq!(error("\n{{=<%=}}"), (2, 1, BadDelimiters));
        assert_eq!(error("{{=a b c=}}"), (1, 1, BadDelimiters));
        assert_eq!(error("{{=a= b=}}"), (1, 1, BadDelimiters));
    }

    #[test]
    fn nesting_is_capped() {
        let ok = "{{#a}}".repeat(MAX_NESTING) + &"{{/a}}".repeat(MAX_NESTING);
        assert_eq!(Template::parse(&ok).unwrap().depth, MAX_NESTING);
        let deep = "{{#a}}".repeat(MAX_NESTING + 1);
        assert_eq!(
            error(&deep),
            (1, 6 * MAX_NESTING + 1, NestingTooDeep(MAX_NESTING))
        );
    }

    #[test]
    fn standalone_partial_keeps_its_indentation() {
        let t = Template::parse("a\n  {{> p }}\nb").unwrap();
        assert_eq!(
            t.nodes,
            [
                Node::Text("a\n".into()),
                Node::Partial {
                    name: "p".into(),
                    indent: "  ".into(),
                    at: Position { line: 2, column: 3 }
                },
                Node::Text("b".into()),
            ]
        );
    }

    #[test]
    fn inline_section_tags_keep_their_line() {
        let t = Template::parse(" {{#a}}x{{/a}}\n").unwrap();
        assert_eq!(t.nodes.first(), Some(&Node::Text(" ".into())));
        assert_eq!(t.nodes.last(), Some(&Node::Text("\n".into())));
    }

    #[test]
    fn names_are_distinct_in_document_order() {
        let t = Template::parse(
            "{{! note }}{{#a}}{{b.c}}{{^d}}{{.}}{{/d}}{{/a}}{{b.c}}{{>p}}{{>p}}{{&e}}",
        )
        .unwrap();
        assert_eq!(t.names(), ["a", "b.c", "d", "e"]);
        assert_eq!(t.partial_names(), ["p"]);
    }

    #[test]
    fn error_display_names_line_and_column() {
        let e = Template::parse("\n\n      {{#items}}").unwrap_err();
        assert_eq!(e.to_string(), "line 3, column 7: unclosed section `items`");
    }
}
