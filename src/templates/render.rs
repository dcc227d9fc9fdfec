//! The interpreter: walks a parsed [`Template`] against JSON data and writes
//! plain text.
//!
//! Rendering recurses once per section and per partial. Both are bounded:
//! a template's sections nest at most 256 deep (the parser's limit), and a
//! partial is entered only while partials are nested at most
//! [`MAX_PARTIAL_DEPTH`] deep and the total of sections and partials on the
//! path stays within [`MAX_RENDER_DEPTH`].

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde_json::Value;

use super::parse::{Node, Position, Template, TemplateError, TemplateErrorKind};

/// How deeply partials may include partials.
pub(crate) const MAX_PARTIAL_DEPTH: usize = 64;

/// How many sections and partials, together, may be open while rendering.
pub(crate) const MAX_RENDER_DEPTH: usize = 512;

/// What to do when a name is not found in the data.
///
/// A name is *not found* when no object on the context stack has its first
/// part as a key, or when a later dotted part is not a key of the value
/// before it. A name whose value is `null` *is* found (and renders as
/// nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Missing {
    /// Render a missing variable as nothing and treat a missing section as
    /// false, as the Mustache spec says.
    #[default]
    Empty,
    /// Fail with [`TemplateErrorKind::MissingVariable`] at the first missing
    /// variable or section name (the implicit iterator `.` never misses),
    /// with [`TemplateErrorKind::MissingPartial`] at a missing partial, and
    /// with [`TemplateErrorKind::NotText`] at a variable holding an object or
    /// a list. For `--strict` rendering and for lint.
    Error,
    /// Render a missing variable as a visible marker, its name in brackets
    /// (`[author.first_name]`), so that an agent sees what to fill in before
    /// posting. Missing sections are treated as false.
    Placeholder,
}

/// Options for [`Template::render`] and [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// What to do with names that are not in the data.
    pub missing: Missing,
}

/// Where `{{>name}}` finds the source of partial `name`.
///
/// Partials are parsed when first used during a render (with the default
/// `{{ }}` delimiters, whatever the including template had set).
pub trait Partials {
    /// The Mustache source of partial `name`, if there is one.
    fn get(&self, name: &str) -> Option<&str>;
}

impl Partials for HashMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        HashMap::get(self, name).map(String::as_str)
    }
}

impl Partials for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        BTreeMap::get(self, name).map(String::as_str)
    }
}

/// A [`Partials`] source with no partials at all.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPartials;

impl Partials for NoPartials {
    fn get(&self, _name: &str) -> Option<&str> {
        None
    }
}

/// Parses `source` and renders it once: a shortcut for [`Template::parse`]
/// followed by [`Template::render`].
///
/// ```
/// use firstline::templates::{render, NoPartials, RenderOptions};
/// use serde_json::json;
///
/// let text = render(
///     "Hi{{#name}} {{name}}{{/name}}!",
///     &json!({"name": "Ann & Bob"}),
///     &NoPartials,
///     &RenderOptions::default(),
/// )
/// .unwrap();
/// assert_eq!(text, "Hi Ann & Bob!");
/// ```
pub fn render(
    source: &str,
    data: &Value,
    partials: &dyn Partials,
    options: &RenderOptions,
) -> Result<String, TemplateError> {
    Template::parse(source)?.render(data, partials, options)
}

impl Template {
    /// Renders the template against `data` as plain text (nothing is
    /// HTML-escaped).
    ///
    /// `data` is the bottom of the context stack; it is usually an object.
    /// Errors come only from `options` ([`Missing::Error`]), from partials
    /// that fail to parse, and from partials nested too deeply; with the
    /// default options a template that parsed renders any data.
    ///
    /// ```
    /// use firstline::templates::{Missing, NoPartials, RenderOptions, Template};
    /// use serde_json::json;
    ///
    /// let t = Template::parse("Hi {{author.first_name}}!").unwrap();
    /// let placeholder = RenderOptions { missing: Missing::Placeholder };
    /// assert_eq!(t.render(&json!({}), &NoPartials, &placeholder).unwrap(), "Hi [author.first_name]!");
    /// ```
    pub fn render(
        &self,
        data: &Value,
        partials: &dyn Partials,
        options: &RenderOptions,
    ) -> Result<String, TemplateError> {
        let mut renderer = Renderer {
            partials,
            missing: options.missing,
            cache: HashMap::new(),
            partial_depth: 0,
            depth: 0,
        };
        let mut out = String::new();
        renderer.nodes(&self.nodes, &mut vec![data], &mut out)?;
        Ok(out)
    }
}

/// The state of one render.
struct Renderer<'p> {
    partials: &'p dyn Partials,
    missing: Missing,
    /// Parsed partials by name and indentation.
    cache: HashMap<(String, String), Rc<Template>>,
    /// Partials open on the current path.
    partial_depth: usize,
    /// Sections and partials open on the current path.
    depth: usize,
}

impl Renderer<'_> {
    fn nodes(
        &mut self,
        nodes: &[Node],
        stack: &mut Vec<&Value>,
        out: &mut String,
    ) -> Result<(), TemplateError> {
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Variable { name, at } => self.variable(name, *at, stack, out)?,
                Node::Section {
                    name,
                    inverted,
                    children,
                    at,
                } => self.section(name, *inverted, children, *at, stack, out)?,
                Node::Partial { name, indent, at } => {
                    self.partial(name, indent, *at, stack, out)?;
                }
            }
        }
        Ok(())
    }

    fn variable(
        &self,
        name: &str,
        at: Position,
        stack: &[&Value],
        out: &mut String,
    ) -> Result<(), TemplateError> {
        let Some(value) = lookup(stack, name) else {
            return match self.missing {
                Missing::Empty => Ok(()),
                Missing::Placeholder => {
                    out.push('[');
                    out.push_str(name);
                    out.push(']');
                    Ok(())
                }
                Missing::Error => Err(missing_variable(name, at)),
            };
        };
        if !write_text(value, out) {
            if self.missing == Missing::Error {
                return Err(TemplateError::new(
                    at,
                    TemplateErrorKind::NotText(name.to_string()),
                ));
            }
            out.push_str(&value.to_string());
        }
        Ok(())
    }

    fn section(
        &mut self,
        name: &str,
        inverted: bool,
        children: &[Node],
        at: Position,
        stack: &mut Vec<&Value>,
        out: &mut String,
    ) -> Result<(), TemplateError> {
        let value = lookup(stack, name);
        if value.is_none() && self.missing == Missing::Error {
            return Err(missing_variable(name, at));
        }
        let truthy = value.is_some_and(is_truthy);
        if inverted {
            return if truthy {
                Ok(())
            } else {
                self.nested(children, stack, out)
            };
        }
        match value {
            Some(Value::Array(items)) => {
                for item in items {
                    self.with_context(item, children, stack, out)?;
                }
                Ok(())
            }
            Some(value) if truthy => self.with_context(value, children, stack, out),
            _ => Ok(()),
        }
    }

    /// Renders `children` with `value` pushed on the context stack.
    fn with_context<'d>(
        &mut self,
        value: &'d Value,
        children: &[Node],
        stack: &mut Vec<&'d Value>,
        out: &mut String,
    ) -> Result<(), TemplateError> {
        stack.push(value);
        let result = self.nested(children, stack, out);
        stack.pop();
        result
    }

    /// Renders `nodes` one level deeper.
    fn nested(
        &mut self,
        nodes: &[Node],
        stack: &mut Vec<&Value>,
        out: &mut String,
    ) -> Result<(), TemplateError> {
        self.depth += 1;
        let result = self.nodes(nodes, stack, out);
        self.depth -= 1;
        result
    }

    fn partial(
        &mut self,
        name: &str,
        indent: &str,
        at: Position,
        stack: &mut Vec<&Value>,
        out: &mut String,
    ) -> Result<(), TemplateError> {
        let Some(source) = self.partials.get(name) else {
            return match self.missing {
                Missing::Error => Err(TemplateError::new(
                    at,
                    TemplateErrorKind::MissingPartial(name.to_string()),
                )),
                Missing::Empty | Missing::Placeholder => Ok(()),
            };
        };
        let template = self
            .load(name, indent, source)
            .map_err(|e| from_partial(e, name, at))?;
        if self.partial_depth >= MAX_PARTIAL_DEPTH
            || self.depth + 1 + template.depth > MAX_RENDER_DEPTH
        {
            return Err(TemplateError::new(
                at,
                TemplateErrorKind::PartialRecursion(name.to_string()),
            ));
        }
        self.partial_depth += 1;
        let result = self.nested(&template.nodes, stack, out);
        self.partial_depth -= 1;
        result.map_err(|e| from_partial(e, name, at))
    }

    /// The parsed partial `name`, indented by `indent`, parsed once per
    /// render.
    fn load(
        &mut self,
        name: &str,
        indent: &str,
        source: &str,
    ) -> Result<Rc<Template>, TemplateError> {
        let key = (name.to_string(), indent.to_string());
        if let Some(template) = self.cache.get(&key) {
            return Ok(Rc::clone(template));
        }
        let template = if indent.is_empty() {
            Template::parse(source)?
        } else {
            Template::parse(&indent_lines(source, indent))?
        };
        let template = Rc::new(template);
        self.cache.insert(key, Rc::clone(&template));
        Ok(template)
    }
}

/// Resolves `name` against the context stack, as the spec says: `.` is the
/// top of the stack; otherwise the first dotted part is looked up in each
/// object from the top of the stack down, and every later part only in the
/// value found for the part before it.
fn lookup<'d>(stack: &[&'d Value], name: &str) -> Option<&'d Value> {
    if name == "." {
        return stack.last().copied();
    }
    let mut parts = name.split('.');
    let first = parts.next()?;
    let mut value = stack
        .iter()
        .rev()
        .find_map(|context| context.as_object()?.get(first))?;
    for part in parts {
        value = value.as_object()?.get(part)?;
    }
    Some(value)
}

/// Whether a section shows for `value`: `false`, `null`, `""` and `[]` are
/// false; everything else (including `0` and `{}`) is true.
fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Number(_) | Value::Object(_) => true,
    }
}

/// Writes the text form of a scalar and returns `true`, or returns `false`
/// for an object or a list.
///
/// Integers print without a fraction; other numbers print in the shortest
/// form that reads back as the same `f64` (`1.21`, `0.1`, and `2` for
/// `2.0`).
fn write_text(value: &Value, out: &mut String) -> bool {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::String(s) => out.push_str(s),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (None, Some(u), _) => out.push_str(&u.to_string()),
            (None, None, Some(f)) => out.push_str(&f.to_string()),
            (None, None, None) => out.push_str(&n.to_string()),
        },
        Value::Array(_) | Value::Object(_) => return false,
    }
    true
}

/// Puts `indent` in front of every line of `source` (a trailing newline does
/// not start a new line).
fn indent_lines(source: &str, indent: &str) -> String {
    let lines = source.split_inclusive('\n');
    let mut out = String::with_capacity(source.len() + indent.len() * 4);
    for line in lines {
        out.push_str(indent);
        out.push_str(line);
    }
    out
}

fn missing_variable(name: &str, at: Position) -> TemplateError {
    TemplateError::new(at, TemplateErrorKind::MissingVariable(name.to_string()))
}

/// Places an error raised inside partial `name` at its `{{>name}}` tag.
///
/// A recursion error is moved to the outer tag rather than wrapped, so that
/// it points at the tag in the template the caller wrote, without 64 layers
/// of "in partial".
fn from_partial(error: TemplateError, name: &str, at: Position) -> TemplateError {
    match error.kind {
        TemplateErrorKind::PartialRecursion(_) => TemplateError::new(at, error.kind),
        _ => TemplateError::new(
            at,
            TemplateErrorKind::InPartial {
                name: name.to_string(),
                error: Box::new(error),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::parse::MAX_NESTING;
    use serde_json::json;

    fn options(missing: Missing) -> RenderOptions {
        RenderOptions { missing }
    }

    fn run(source: &str, data: Value, missing: Missing) -> Result<String, TemplateError> {
        render(source, &data, &NoPartials, &options(missing))
    }

    fn partials(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn nothing_is_html_escaped() {
        let data = json!({"x": "<b>&\"'</b>"});
        let out = run("{{x}}|{{{x}}}|{{&x}}", data, Missing::Empty).unwrap();
        assert_eq!(out, "<b>&\"'</b>|<b>&\"'</b>|<b>&\"'</b>");
    }

    #[test]
    fn missing_empty_renders_nothing() {
        let out = run(
            "Hi {{a.b}}{{#c}}x{{/c}}{{^c}}y{{/c}}!",
            json!({"a": {}}),
            Missing::Empty,
        );
        assert_eq!(out.unwrap(), "Hi y!");
    }

    #[test]
    fn missing_placeholder_marks_variables_and_hides_sections() {
        let source = "Hi {{author.first_name}}{{#vip}} (VIP){{/vip}}{{^vip}}.{{/vip}}";
        let out = run(source, json!({"author": {}}), Missing::Placeholder).unwrap();
        assert_eq!(out, "Hi [author.first_name].");
    }

    #[test]
    fn missing_placeholder_leaves_found_values_alone() {
        let data = json!({"author": {"first_name": "Ann"}, "n": null});
        let out = run("{{author.first_name}}{{n}}", data, Missing::Placeholder).unwrap();
        assert_eq!(out, "Ann");
    }

    #[test]
    fn missing_error_names_the_variable_and_its_tag() {
        let e = run(
            "Hi\n  {{author.first_name}}",
            json!({"author": {}}),
            Missing::Error,
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert_eq!(
            e.kind,
            TemplateErrorKind::MissingVariable("author.first_name".into())
        );
        assert_eq!(
            e.to_string(),
            "line 2, column 3: missing variable `author.first_name`"
        );
    }

    #[test]
    fn missing_error_covers_sections_but_not_the_implicit_iterator() {
        let e = run("{{^vip}}x{{/vip}}", json!({}), Missing::Error).unwrap_err();
        assert_eq!(e.kind, TemplateErrorKind::MissingVariable("vip".into()));
        let ok = run(
            "{{#list}}{{.}}{{/list}}{{n}}",
            json!({"list": [1, 2], "n": null}),
            Missing::Error,
        );
        assert_eq!(ok.unwrap(), "12");
    }

    #[test]
    fn missing_error_reports_missing_partials() {
        let e = run("a {{>footer}}", json!({}), Missing::Error).unwrap_err();
        assert_eq!((e.line, e.column), (1, 3));
        assert_eq!(e.kind, TemplateErrorKind::MissingPartial("footer".into()));
        assert_eq!(
            run("a {{>footer}}", json!({}), Missing::Empty).unwrap(),
            "a "
        );
    }

    #[test]
    fn maps_and_lists_interpolate_as_json() {
        let data = json!({"m": {"a": 1, "b": [true, null]}, "l": ["x", 2]});
        let out = run("{{m}} {{l}}", data, Missing::Empty).unwrap();
        assert_eq!(out, r#"{"a":1,"b":[true,null]} ["x",2]"#);
    }

    #[test]
    fn maps_are_not_text_in_strict_mode() {
        let e = run("{{#a}}{{.}}{{/a}}", json!({"a": {"b": 1}}), Missing::Error).unwrap_err();
        assert_eq!((e.line, e.column), (1, 7));
        assert_eq!(e.kind, TemplateErrorKind::NotText(".".into()));
    }

    #[test]
    fn numbers_render_like_the_spec_wants() {
        let data = json!({"a": 1.21, "b": 2.0, "c": -7, "d": 18446744073709551615u64, "e": 0.1});
        let out = run("{{a}} {{b}} {{c}} {{d}} {{e}}", data, Missing::Empty).unwrap();
        assert_eq!(out, "1.21 2 -7 18446744073709551615 0.1");
    }

    #[test]
    fn empty_strings_and_zero() {
        let data = json!({"s": "", "z": 0, "o": {}});
        let out = run(
            "{{#s}}s{{/s}}{{^s}}!s{{/s}}{{#z}}z{{/z}}{{#o}}o{{/o}}",
            data,
            Missing::Empty,
        );
        assert_eq!(out.unwrap(), "!szo");
    }

    #[test]
    fn recursive_partials_that_consume_data_work() {
        let p = partials(&[("node", "{{name}}({{#kids}}{{>node}}{{/kids}})")]);
        // Every node needs its own `kids`: a node without one would find its
        // parent's on the context stack and recurse until the cap.
        let data =
            json!({"name": "a", "kids": [{"name": "b", "kids": []}, {"name": "c", "kids": []}]});
        let out = render("{{>node}}", &data, &p, &RenderOptions::default()).unwrap();
        assert_eq!(out, "a(b()c())");
    }

    #[test]
    fn partial_recursion_is_capped() {
        let p = partials(&[("loop", "x{{>loop}}")]);
        let e = render("\n {{>loop}}", &json!({}), &p, &RenderOptions::default()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 2));
        assert_eq!(e.kind, TemplateErrorKind::PartialRecursion("loop".into()));
    }

    #[test]
    fn sections_inside_recursive_partials_count_towards_the_cap() {
        // Each level opens 200 sections; without a total cap this would
        // reach 64 * 200 frames.
        let body = "{{#a}}".repeat(200) + "{{>deep}}" + &"{{/a}}".repeat(200);
        let p = partials(&[("deep", body.as_str())]);
        let e = render(
            "{{>deep}}",
            &json!({"a": true}),
            &p,
            &RenderOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.kind, TemplateErrorKind::PartialRecursion("deep".into()));
        assert_eq!((e.line, e.column), (1, 1));
    }

    #[test]
    fn the_deepest_allowed_render_fits_on_a_test_thread_stack() {
        // Two levels of a partial with 255 nested sections reach exactly
        // MAX_RENDER_DEPTH (1 + 255 + 1 + 255); the third level is refused.
        let n = MAX_RENDER_DEPTH / 2 - 1;
        let body = "{{#a}}".repeat(n) + "{{x}}{{>p}}" + &"{{/a}}".repeat(n);
        let p = partials(&[("p", body.as_str())]);
        let e = render("{{>p}}", &json!({"a": true}), &p, &RenderOptions::default()).unwrap_err();
        assert_eq!(e.kind, TemplateErrorKind::PartialRecursion("p".into()));
        // Data that runs out one section before the cap: the render goes
        // 511 levels deep and succeeds.
        let body = "{{#a}}".repeat(n) + "+{{>p}}" + &"{{/a}}".repeat(n);
        let p = partials(&[("p", body.as_str())]);
        let mut data = json!(false);
        for _ in 0..2 * n {
            data = json!({ "a": data });
        }
        let out = render("{{>p}}", &data, &p, &RenderOptions::default()).unwrap();
        assert_eq!(out, "+");
    }

    #[test]
    fn deepest_allowed_nesting_renders() {
        let n = MAX_NESTING;
        let source = "{{#a}}".repeat(n) + "{{x}}" + &"{{/a}}".repeat(n);
        let out = run(&source, json!({"a": true, "x": "deep"}), Missing::Empty).unwrap();
        assert_eq!(out, "deep");
    }

    #[test]
    fn errors_inside_partials_say_where() {
        let p = partials(&[("outer", "a\n{{>inner}}"), ("inner", "b {{#x}}")]);
        let e = render("{{>outer}}", &json!({}), &p, &RenderOptions::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 1, column 1: in partial `outer`: line 2, column 1: in partial `inner`: \
             line 1, column 3: unclosed section `x`"
        );
    }

    #[test]
    fn partials_use_default_delimiters_and_the_local_context() {
        let p = partials(&[("p", "{{name}}")]);
        let data = json!({"user": {"name": "Ann"}});
        let out = render(
            "{{=<% %>=}}<%#user%><%>p%><%/user%>",
            &data,
            &p,
            &RenderOptions::default(),
        );
        assert_eq!(out.unwrap(), "Ann");
    }

    #[test]
    fn a_template_renders_many_times() {
        let t = Template::parse("{{#items}}{{.}},{{/items}}").unwrap();
        let opts = RenderOptions::default();
        assert_eq!(
            t.render(&json!({"items": [1, 2]}), &NoPartials, &opts)
                .unwrap(),
            "1,2,"
        );
        assert_eq!(
            t.render(&json!({"items": []}), &NoPartials, &opts).unwrap(),
            ""
        );
    }

    #[test]
    fn indent_lines_skips_the_trailing_newline() {
        assert_eq!(indent_lines("a\nb\n", "  "), "  a\n  b\n");
        assert_eq!(indent_lines("a\r\nb", "\t"), "\ta\r\n\tb");
        assert_eq!(indent_lines("", "  "), "");
    }
}
