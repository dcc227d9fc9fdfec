//! Reply templates: Mustache rendered to plain text, and the packs that
//! carry them.
//!
//! Agents insert canned replies into a site's reply box. A reply is a
//! [Mustache](https://mustache.github.io/mustache.5.html) template filled
//! from JSON data about the post and the agent. Output is **plain text**,
//! never HTML: nothing is escaped, so `{{x}}`, `{{{x}}}` and `{{&x}}` all
//! insert the value exactly as it is.
//!
//! The renderer passes every test of the core modules of the Mustache spec
//! (comments, delimiters, interpolation, inverted sections, partials,
//! sections), with escaping tests read as plain text. Lambdas, dynamic names
//! and inheritance are not supported.
//!
//! # A first example
//!
//! ```
//! use firstline::templates::{render, NoPartials, RenderOptions};
//! use serde_json::json;
//!
//! let data = json!({
//!     "author": {"first_name": "Ann"},
//!     "agent": {"signature": "^KM"},
//! });
//! let text = render(
//!     "Hi {{author.first_name}}, sorry about that! {{agent.signature}}",
//!     &data,
//!     &NoPartials,
//!     &RenderOptions::default(),
//! )
//! .unwrap();
//! assert_eq!(text, "Hi Ann, sorry about that! ^KM");
//! ```
//!
//! To render the same template many times, parse it once with
//! [`Template::parse`] and call [`Template::render`].
//!
//! # The syntax
//!
//! | Tag | Meaning |
//! | --- | --- |
//! | `{{name}}` | The value of `name`. `{{{name}}}` and `{{&name}}` mean the same. |
//! | `{{author.first_name}}` | A dotted name: `first_name` inside `author`. |
//! | `{{#name}}…{{/name}}` | A section: shown if `name` is true, once per item if it is a list. |
//! | `{{^name}}…{{/name}}` | An inverted section: shown if `name` is false, empty or missing. |
//! | `{{.}}` | The current value, such as the item of a list being iterated. |
//! | `{{! any text }}` | A comment; it may span lines. |
//! | `{{>name}}` | A partial: another template, included here. |
//! | `{{=<% %>=}}` | Changes the delimiters from `{{ }}` to `<% %>` for the rest of the template. |
//!
//! Whitespace inside a tag is ignored: `{{ name }}` is `{{name}}`.
//!
//! ## Names and the context stack
//!
//! A name is looked up in the *context stack*. At first the stack holds only
//! the data. Each section that shows pushes its value (or the current list
//! item) on the stack while its content renders, and a name is looked up
//! from the top of the stack down, in the first object that has it as a
//! key. For a dotted name `a.b.c` only `a` is looked up this way; `b` must
//! then be a key of `a`'s value and `c` of `b`'s.
//!
//! ```
//! # use firstline::templates::{render, NoPartials, RenderOptions};
//! # use serde_json::json;
//! let data = json!({"team": "Acme", "orders": [{"id": 7}, {"id": 9}]});
//! let source = "{{#orders}}#{{id}} ({{team}}) {{/orders}}";
//! let text = render(source, &data, &NoPartials, &RenderOptions::default()).unwrap();
//! assert_eq!(text, "#7 (Acme) #9 (Acme) ");
//! ```
//!
//! ## True and false
//!
//! `false`, `null`, the empty string `""` and the empty list `[]` are false;
//! every other value, including `0` and `{}`, is true, and so is any list
//! with items. (The spec leaves the empty string to the host language; it
//! is false here so that optional values degrade well.) That is the idiom
//! for optional values:
//!
//! ```
//! # use firstline::templates::{render, NoPartials, RenderOptions};
//! # use serde_json::json;
//! let source = "Hi{{#author.first_name}} {{author.first_name}}{{/author.first_name}},";
//! let opts = RenderOptions::default();
//! assert_eq!(render(source, &json!({"author": {"first_name": "Ann"}}), &NoPartials, &opts).unwrap(), "Hi Ann,");
//! assert_eq!(render(source, &json!({"author": {"first_name": ""}}), &NoPartials, &opts).unwrap(), "Hi,");
//! assert_eq!(render(source, &json!({}), &NoPartials, &opts).unwrap(), "Hi,");
//! ```
//!
//! ## What values look like
//!
//! Strings are inserted as they are; `null` is nothing; `true` and `false`
//! are `true` and `false`. Integers have no fraction and other numbers take
//! their shortest exact form (`1.21`, and `2` for `2.0`). An object or a list
//! is written as compact JSON (`{"a":1}`), or, with [`Missing::Error`], is an
//! error ([`TemplateErrorKind::NotText`]): it is almost always a mistake in
//! the template.
//!
//! ## Standalone lines
//!
//! A section, inverted section, closing, comment, partial or set-delimiters
//! tag that is alone on its line (with only spaces or tabs around it) takes
//! the whole line with it, newline included, so that block tags can sit on
//! lines of their own:
//!
//! ```
//! # use firstline::templates::{render, NoPartials, RenderOptions};
//! # use serde_json::json;
//! let source = "Steps:\n{{#steps}}\n  - {{.}}\n{{/steps}}\nThanks!";
//! let data = json!({"steps": ["restart", "update"]});
//! let text = render(source, &data, &NoPartials, &RenderOptions::default()).unwrap();
//! assert_eq!(text, "Steps:\n  - restart\n  - update\nThanks!");
//! ```
//!
//! ## Partials
//!
//! `{{>name}}` renders the template that a [`Partials`] source (such as a
//! `HashMap<String, String>`) gives for `name`, with the current context
//! stack. A standalone partial tag's indentation is put in front of every
//! line of the partial. A missing partial renders as nothing (or is an
//! error with [`Missing::Error`]). A partial may include itself to walk
//! recursive data, but partials nest at most 64 deep: past that rendering
//! fails with [`TemplateErrorKind::PartialRecursion`] instead of running out
//! of stack.
//!
//! ```
//! # use std::collections::HashMap;
//! # use firstline::templates::{render, RenderOptions};
//! # use serde_json::json;
//! let partials = HashMap::from([("sig".to_string(), "-- {{agent.name}}".to_string())]);
//! let data = json!({"agent": {"name": "Kim"}});
//! let text = render("Thanks!\n{{>sig}}", &data, &partials, &RenderOptions::default()).unwrap();
//! assert_eq!(text, "Thanks!\n-- Kim");
//! ```
//!
//! # Missing values
//!
//! [`RenderOptions::missing`] decides what a name that is not in the data
//! does:
//!
//! * [`Missing::Empty`] (the default, as in the spec): a variable renders as
//!   nothing, a section as false.
//! * [`Missing::Placeholder`]: a variable renders as its name in brackets,
//!   `[author.first_name]`, for the agent to fill in before posting; a
//!   section is false.
//! * [`Missing::Error`]: rendering stops with
//!   [`TemplateErrorKind::MissingVariable`]. For strict rendering and lint.
//!
//! ```
//! # use firstline::templates::{render, Missing, NoPartials, RenderOptions, TemplateErrorKind};
//! # use serde_json::json;
//! let strict = RenderOptions { missing: Missing::Error };
//! let err = render("Hi\n  {{author.first_name}}", &json!({}), &NoPartials, &strict).unwrap_err();
//! assert_eq!(err.kind, TemplateErrorKind::MissingVariable("author.first_name".into()));
//! assert_eq!(err.to_string(), "line 2, column 3: missing variable `author.first_name`");
//! ```
//!
//! # Errors and limits
//!
//! Every [`TemplateError`] gives the 1-based line and column (in `char`s) of
//! the tag at fault; for an unclosed section that is its opening tag.
//! Parsing takes time linear in the template's length and never recurses;
//! sections may nest at most 256 deep. [`Template::names`] lists the names a
//! template uses, for lint.
//!
//! # Packs
//!
//! Teams share templates as reply packs: JSON files read by
//! [`Pack::from_json`], which rejects unknown fields and checks ids,
//! versions, languages, categories and that every body parses. A
//! [`PackTemplate`] holds one body per language; [`PackTemplate::body_for`]
//! picks one with a fallback. `packs/sample.json` in the repository is a
//! small example.

mod dates;
mod library;
mod lint;
mod locate;
mod pack;
mod parse;
mod render;
pub mod signing;
mod suggest;

pub(crate) use dates::civil_from_days;
pub use dates::{LocalTime, local_date_time};
pub use library::{
    Entry, ImportPlan, ImportedPack, LIBRARY_VERSION, LOCAL_PACK_ID, Library, LibraryError,
    MAX_PACK_BYTES, MAX_PACK_TEMPLATES, PackDiff, PackSummary, Shelf,
};
pub use lint::{Lint, lint};
pub use pack::{PACK_CATEGORIES, PACK_FORMAT, Pack, PackError, PackTemplate};
pub use parse::{Template, TemplateError, TemplateErrorKind};
pub use render::{Missing, NoPartials, Partials, RenderOptions, render};
pub use suggest::{Agent, Suggestion, preview, reply_data, suggest};
