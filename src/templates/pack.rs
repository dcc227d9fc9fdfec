//! Reply packs: the JSON files in which teams share their templates.
//!
//! A pack is read with [`Pack::from_json`], which checks the JSON against
//! the format (unknown fields are rejected, so typos do not go unnoticed)
//! and then [validates](Pack::validate) what the format alone cannot say:
//! non-empty ids, a semver version, unique template ids, known languages and
//! categories, and bodies that parse as Mustache.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Lang;
use crate::text::phrases::PhraseSet;
use crate::triage::{Cue, TeamRule};

use super::parse::Template;
use super::suggest::BodyCheck;

/// The only pack format this version reads.
pub const PACK_FORMAT: u32 = 1;

/// The categories a template may be filed under; the same names the triage
/// step gives posts.
pub const PACK_CATEGORIES: &[&str] = &[
    "billing",
    "outage",
    "delivery",
    "account_security",
    "legal_safety",
    "complaint",
    "question",
    "lead",
    "inflammatory",
    "praise",
    "pii",
];

/// A pack of reply templates.
///
/// ```
/// use firstline::templates::Pack;
///
/// let pack = Pack::from_json(r#"{
///     "format": 1, "id": "acme.replies", "name": "Acme", "version": "1.2.0",
///     "author": "Acme support", "languages": ["en"],
///     "templates": [{"id": "hi", "title": "Hello", "body": {"en": "Hi {{author.first_name}}!"}}]
/// }"#).unwrap();
/// assert_eq!(pack.template("hi").unwrap().title, "Hello");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// The pack format; only [`PACK_FORMAT`] (1) is supported.
    pub format: u32,
    /// A stable, non-empty identifier, such as `acme.billing`.
    pub id: String,
    /// A non-empty name to show to agents.
    pub name: String,
    /// The pack's version, in semver form: `x.y.z`, with an optional
    /// `-prerelease` and `+build`.
    pub version: String,
    /// Who made the pack.
    pub author: String,
    /// The language codes the templates' bodies may use.
    pub languages: Vec<String>,
    /// An optional signature over the pack, checked elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// The templates, with distinct ids.
    pub templates: Vec<PackTemplate>,
    /// Triage rules the team adds or re-weights (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<PackRule>,
}

/// A triage rule in a pack: a lexicon line as JSON, optionally for one
/// language. `{"cue": "billing", "weight": 3, "phrase": "acmepay charg*"}`
/// adds a rule; the cue and phrase of a built-in rule with another weight
/// re-weight it, and weight 0 switches it off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackRule {
    /// A category name, or `positive`, `negative`, `profanity`, `negator`.
    pub cue: String,
    /// 0 to 9 (see [`crate::triage::lexicon`]).
    pub weight: u8,
    /// Words and stems in the lexicon syntax.
    pub phrase: String,
    /// The only language (ISO 639-1) the rule applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// One template of a [`Pack`], in one or more languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackTemplate {
    /// An identifier, unique within its pack.
    pub id: String,
    /// A short title to show to agents.
    pub title: String,
    /// The Mustache source of the reply, by language code. Never empty.
    pub body: BTreeMap<String, String>,
    /// Free-form tags for search.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The post categories the template suits; each one of
    /// [`PACK_CATEGORIES`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// A short word to insert the template by typing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut: Option<String>,
}

/// Why a pack was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// The text is not JSON, or does not have the shape of a pack.
    Json {
        /// 1-based line of the problem, as serde_json reports it.
        line: usize,
        /// 1-based column of the problem, as serde_json reports it.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The pack declares a format this version cannot read.
    UnsupportedFormat(u32),
    /// The pack has the right shape but breaks a rule.
    Invalid {
        /// Where, as a path into the JSON: `version`, `templates[2].id`,
        /// `templates[0].body.ru`.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::Json {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            PackError::UnsupportedFormat(format) => write!(
                f,
                "unsupported pack format {format} (this version reads format {PACK_FORMAT})"
            ),
            PackError::Invalid { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for PackError {}

impl Pack {
    /// Reads and validates a pack from JSON text.
    ///
    /// A pack whose `format` is not 1 is rejected with
    /// [`PackError::UnsupportedFormat`] even when the rest of it has a shape
    /// this version does not know.
    pub fn from_json(text: &str) -> Result<Pack, PackError> {
        let pack: Pack = match serde_json::from_str(text) {
            Ok(pack) => pack,
            Err(error) => {
                return Err(unsupported_format(text).unwrap_or_else(|| json_error(&error)));
            }
        };
        if pack.format != PACK_FORMAT {
            return Err(PackError::UnsupportedFormat(pack.format));
        }
        pack.validate()?;
        Ok(pack)
    }

    /// Reads a pack that was validated when it was stored (a library's
    /// imported pack): its shape and format only, without the rules of
    /// [`Pack::validate`], which render every body. Not for packs from
    /// outside.
    pub fn from_stored_json(text: &str) -> Result<Pack, PackError> {
        let pack: Pack = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        if pack.format != PACK_FORMAT {
            return Err(PackError::UnsupportedFormat(pack.format));
        }
        Ok(pack)
    }

    /// Checks the rules that the JSON shape alone does not, and stops at the
    /// first one broken: the format is 1; `id` and `name` are not empty;
    /// `version` is semver; `languages` is not empty; template ids are not
    /// empty and are distinct; every template has at least one body, in a
    /// language from `languages`, that parses as a [`Template`]; every
    /// category is one of [`PACK_CATEGORIES`].
    pub fn validate(&self) -> Result<(), PackError> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Every rule [`Pack::validate`] checks that this pack breaks, in the
    /// order of the file (the first problem of each template and rule).
    pub fn problems(&self) -> Vec<PackError> {
        self.problems_with(&[])
    }

    /// [`Pack::problems`], with the templates of `library` also counted as
    /// partials (as they are when replies are offered): for the agent's own
    /// templates, which may include a built-in one.
    pub fn problems_with(&self, library: &[Pack]) -> Vec<PackError> {
        if self.format != PACK_FORMAT {
            return vec![PackError::UnsupportedFormat(self.format)];
        }
        let mut problems = Vec::new();
        problems.extend(require_non_empty("id", &self.id).err());
        problems.extend(require_non_empty("name", &self.name).err());
        if !is_semver(&self.version) {
            problems.push(invalid(
                "version",
                format!("`{}` is not a semver version such as 1.0.0", self.version),
            ));
        }
        if self.languages.is_empty() {
            problems.push(invalid("languages", "at least one language is required"));
        }
        let mut first_use = HashMap::new();
        let check = BodyCheck::new(self, library);
        for (index, template) in self.templates.iter().enumerate() {
            let path = format!("templates[{index}]");
            if let Some(first) = first_use.insert(template.id.as_str(), index) {
                problems.push(invalid(
                    format!("{path}.id"),
                    format!(
                        "duplicate template id `{}` (also templates[{first}])",
                        template.id
                    ),
                ));
            } else if let Err(problem) = template.validate(&path, &self.languages, &check) {
                problems.push(problem);
            }
        }
        for (index, rule) in self.rules.iter().enumerate() {
            problems.extend(rule.validate(&format!("rules[{index}]")).err());
        }
        problems
    }

    /// The pack's triage rules, ready for
    /// [`Lexicon::with_team_rules`](crate::triage::Lexicon::with_team_rules)
    /// (the pack must be valid).
    pub fn team_rules(&self) -> Vec<TeamRule> {
        self.rules
            .iter()
            .enumerate()
            .filter_map(|(index, rule)| {
                Some(TeamRule {
                    cue: Cue::from_name(&rule.cue)?,
                    weight: rule.weight,
                    phrase: rule.phrase.clone(),
                    lang: rule.lang.as_deref().and_then(Lang::from_code),
                    source: format!("{} rules[{index}]", self.id),
                })
            })
            .collect()
    }

    /// The template with id `id`, if the pack has one.
    pub fn template(&self, id: &str) -> Option<&PackTemplate> {
        self.templates.iter().find(|t| t.id == id)
    }
}

impl PackRule {
    /// Checks one rule; `path` is its place in the pack, for errors.
    fn validate(&self, path: &str) -> Result<(), PackError> {
        let cue = Cue::from_name(&self.cue).ok_or_else(|| {
            invalid(
                format!("{path}.cue"),
                format!(
                    "unknown cue `{}` (a category, positive, negative, profanity or negator)",
                    self.cue
                ),
            )
        })?;
        if self.weight > 9 {
            return Err(invalid(
                format!("{path}.weight"),
                format!("must be 0 to 9, not {}", self.weight),
            ));
        }
        if let Some(lang) = &self.lang {
            if Lang::from_code(lang).is_none() {
                return Err(invalid(
                    format!("{path}.lang"),
                    format!("unknown language `{lang}`"),
                ));
            }
        }
        PhraseSet::new([(cue, self.weight.max(1), self.phrase.as_str())])
            .map_err(|(_, error)| invalid(format!("{path}.phrase"), error.to_string()))?;
        Ok(())
    }
}

impl PackTemplate {
    /// The body to use for language `lang`: that language's body, else the
    /// `fallback` language's, else the first body (by language code).
    /// Returns the language used with the body; `None` only if there are no
    /// bodies.
    ///
    /// ```
    /// # use firstline::templates::PackTemplate;
    /// # let template = PackTemplate {
    /// #     id: "hi".into(), title: "Hi".into(),
    /// #     body: [("en".to_string(), "Hi!".to_string()), ("ru".to_string(), "Привет!".to_string())].into(),
    /// #     tags: vec![], categories: vec![], shortcut: None,
    /// # };
    /// assert_eq!(template.body_for("ru", "en"), Some(("ru", "Привет!")));
    /// assert_eq!(template.body_for("de", "en"), Some(("en", "Hi!")));
    /// ```
    pub fn body_for(&self, lang: &str, fallback: &str) -> Option<(&str, &str)> {
        self.body
            .get_key_value(lang)
            .or_else(|| self.body.get_key_value(fallback))
            .or_else(|| self.body.iter().next())
            .map(|(lang, body)| (lang.as_str(), body.as_str()))
    }

    /// Checks one template; `path` is its place in the pack, for errors.
    fn validate(
        &self,
        path: &str,
        languages: &[String],
        check: &BodyCheck,
    ) -> Result<(), PackError> {
        require_non_empty(&format!("{path}.id"), &self.id)?;
        if self.body.is_empty() {
            return Err(invalid(
                format!("{path}.body"),
                "at least one language is required",
            ));
        }
        for (lang, source) in &self.body {
            let body_path = format!("{path}.body.{lang}");
            if !languages.contains(lang) {
                return Err(invalid(
                    body_path,
                    format!("language `{lang}` is not in the pack's `languages`"),
                ));
            }
            let parsed = Template::parse(source)
                .map_err(|error| invalid(&body_path, format!("bad template: {error}")))?;
            check
                .check(&parsed, lang)
                .map_err(|error| invalid(&body_path, error))?;
        }
        for (index, category) in self.categories.iter().enumerate() {
            if !PACK_CATEGORIES.contains(&category.as_str()) {
                return Err(invalid(
                    format!("{path}.categories[{index}]"),
                    format!(
                        "unknown category `{category}` (known: {})",
                        PACK_CATEGORIES.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> PackError {
    PackError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

fn require_non_empty(path: &str, value: &str) -> Result<(), PackError> {
    if value.trim().is_empty() {
        return Err(invalid(path, "must not be empty"));
    }
    Ok(())
}

/// A [`PackError::Json`] from a serde_json error, without the
/// " at line L column C" that serde_json appends to its message.
fn json_error(error: &serde_json::Error) -> PackError {
    let (line, column) = (error.line(), error.column());
    let message = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = message
        .strip_suffix(&suffix)
        .unwrap_or(&message)
        .to_string();
    PackError::Json {
        line,
        column,
        message,
    }
}

/// For text that failed to read as a pack: `UnsupportedFormat` if it is a
/// JSON object whose `format` is a number other than 1.
fn unsupported_format(text: &str) -> Option<PackError> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let format = value.get("format")?.as_u64()?;
    (format != u64::from(PACK_FORMAT))
        .then(|| PackError::UnsupportedFormat(u32::try_from(format).unwrap_or(u32::MAX)))
}

/// Whether `version` is a semantic version: `MAJOR.MINOR.PATCH` numbers
/// without leading zeros, then optionally `-` and dot-separated prerelease
/// identifiers (numeric ones without leading zeros), then optionally `+` and
/// dot-separated build identifiers; identifiers are non-empty
/// `[0-9A-Za-z-]`.
fn is_semver(version: &str) -> bool {
    let (rest, build) = match version.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (version, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let core_ok = {
        let parts: Vec<&str> = core.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| is_number(p))
    };
    let pre_ok = pre.is_none_or(|pre| {
        pre.split('.')
            .all(|id| is_identifier(id) && (!is_digits(id) || is_number(id)))
    });
    let build_ok = build.is_none_or(|build| build.split('.').all(is_identifier));
    core_ok && pre_ok && build_ok
}

/// Orders two semver versions by precedence: `MAJOR.MINOR.PATCH`
/// numerically, then a version with a prerelease before the same one
/// without, then prereleases identifier by identifier (numbers numerically
/// and before words). Build metadata is ignored. Both must be
/// [semver](is_semver).
pub(crate) fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    fn split(v: &str) -> (Vec<u64>, Option<&str>) {
        let v = v.split_once('+').map_or(v, |(v, _)| v);
        let (core, pre) = v.split_once('-').map_or((v, None), |(c, p)| (c, Some(p)));
        (
            core.split('.').map(|n| n.parse().unwrap_or(0)).collect(),
            pre,
        )
    }
    let ((a_core, a_pre), (b_core, b_pre)) = (split(a), split(b));
    a_core.cmp(&b_core).then_with(|| match (a_pre, b_pre) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let key = |id: &str| match id.parse::<u64>() {
                Ok(n) => (0, n, String::new()),
                Err(_) => (1, 0, id.to_owned()),
            };
            a.split('.').map(key).cmp(b.split('.').map(key))
        }
    })
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits without a leading zero (except `0` itself).
fn is_number(s: &str) -> bool {
    is_digits(s) && (s == "0" || !s.starts_with('0'))
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{Missing, NoPartials, RenderOptions, render};
    use serde_json::{Value, json};

    #[test]
    fn bodies_use_known_values_and_partials_that_end() {
        let mut value = base();
        value["templates"][0]["body"]["en"] = json!("Hi\n {{autor.name}} {{ask.coupon}}");
        let error = read(&value).unwrap_err();
        assert_eq!(
            error.to_string(),
            "templates[0].body.en: line 2, column 2: unknown value `autor.name` (a reply has \
             author.name, author.first_name, author.handle, platform, post.excerpt, agent.name, \
             agent.signature, agent.team, date, time and ask.*)"
        );
        value["templates"][0]["body"]["en"] =
            json!("{{#author}}{{first_name}}{{/author}} {{ask.coupon}} {{> b}}");
        assert!(
            read(&value).is_ok(),
            "names inside sections, asks and partials"
        );
        value["templates"][0]["body"]["en"] = json!("{{> nowhere}}");
        assert!(read(&value).unwrap_err().to_string().contains("nowhere"));
        value["templates"][0]["body"]["en"] = json!("A {{> b}}");
        value["templates"][1]["body"]["en"] = json!("B {{#author}}{{> a}}{{/author}}");
        let error = read(&value).unwrap_err().to_string();
        assert!(error.starts_with("templates[0].body.en: "), "{error}");
        assert!(error.contains("nested too deeply"), "{error}");
    }

    #[test]
    fn versions_order_by_semver_precedence() {
        use std::cmp::Ordering::*;
        for (a, b, order) in [
            ("1.0.0", "1.0.0", Equal),
            ("1.10.0", "1.9.0", Greater),
            ("1.0.0-rc.1", "1.0.0", Less),
            ("1.0.0-alpha", "1.0.0-alpha.1", Less),
            ("1.0.0-alpha.2", "1.0.0-alpha.10", Less),
            ("1.0.0-2", "1.0.0-beta", Less),
            ("2.0.0+build.5", "2.0.0", Equal),
        ] {
            assert_eq!(compare_versions(a, b), order, "{a} vs {b}");
        }
    }

    const SAMPLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/packs/sample.json"));

    fn base() -> Value {
        json!({
            "format": 1,
            "id": "t.pack",
            "name": "Test",
            "version": "1.0.0",
            "author": "me",
            "languages": ["en", "ru"],
            "templates": [
                {"id": "a", "title": "A", "body": {"en": "Hi {{author.name}}"}, "categories": ["billing"]},
                {"id": "b", "title": "B", "body": {"en": "Bye", "ru": "Пока"}}
            ]
        })
    }

    fn read(value: &Value) -> Result<Pack, PackError> {
        Pack::from_json(&value.to_string())
    }

    #[test]
    fn rules_become_team_rules() {
        let mut pack = base();
        pack["rules"] = json!([
            {"cue": "billing", "weight": 3, "phrase": "acmepay charg*"},
            {"cue": "praise", "weight": 0, "phrase": "love", "lang": "en"}
        ]);
        let rules = read(&pack).unwrap().team_rules();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].source, "t.pack rules[0]");
        assert_eq!(rules[1].lang, Some(crate::text::Lang::En));
        assert_eq!(rules[1].weight, 0);
    }

    #[test]
    fn bad_rules_say_where_and_why() {
        let cases = [
            (
                json!({"cue": "urgentish", "weight": 3, "phrase": "x"}),
                "rules[0].cue",
            ),
            (
                json!({"cue": "billing", "weight": 12, "phrase": "x"}),
                "rules[0].weight",
            ),
            (
                json!({"cue": "billing", "weight": 3, "phrase": "x", "lang": "xx"}),
                "rules[0].lang",
            ),
            (
                json!({"cue": "billing", "weight": 3, "phrase": "re*und"}),
                "rules[0].phrase",
            ),
        ];
        for (rule, path) in cases {
            let mut pack = base();
            pack["rules"] = json!([rule]);
            assert_eq!(invalid_at(&pack).0, path);
        }
    }

    fn invalid_at(value: &Value) -> (String, String) {
        match read(value) {
            Err(PackError::Invalid { path, message }) => (path, message),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_pack_reads() {
        let pack = read(&base()).unwrap();
        assert_eq!(pack.templates.len(), 2);
        assert_eq!(pack.template("b").unwrap().title, "B");
        assert!(pack.template("c").is_none());
        assert_eq!(pack.templates[1].tags, Vec::<String>::new());
        assert_eq!(pack.signature, None);
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let err = Pack::from_json("{\n  \"format\": 1,\n  \"id\": }").unwrap_err();
        let PackError::Json {
            line,
            column,
            message,
        } = err
        else {
            panic!("expected a JSON error, got {err:?}");
        };
        assert_eq!((line, column), (3, 9));
        assert!(!message.contains("at line"), "{message}");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let mut value = base();
        value["templates"][0]["shortcut_key"] = json!("x");
        let err = read(&value).unwrap_err();
        assert!(
            matches!(&err, PackError::Json { message, .. } if message.contains("shortcut_key")),
            "{err:?}"
        );
        let mut value = base();
        value["homepage"] = json!("x");
        assert!(matches!(read(&value), Err(PackError::Json { .. })));
    }

    #[test]
    fn other_formats_are_unsupported_even_with_other_fields() {
        let mut value = base();
        value["format"] = json!(2);
        assert_eq!(read(&value), Err(PackError::UnsupportedFormat(2)));
        assert_eq!(
            Pack::from_json(r#"{"format": 3, "entries": []}"#),
            Err(PackError::UnsupportedFormat(3))
        );
    }

    #[test]
    fn empty_id_and_name() {
        let mut value = base();
        value["id"] = json!(" ");
        assert_eq!(invalid_at(&value).0, "id");
        let mut value = base();
        value["name"] = json!("");
        assert_eq!(invalid_at(&value).0, "name");
        let mut value = base();
        value["templates"][1]["id"] = json!("");
        assert_eq!(invalid_at(&value).0, "templates[1].id");
    }

    #[test]
    fn versions_must_be_semver() {
        for good in [
            "0.0.0",
            "1.2.3",
            "10.20.30",
            "1.0.0-rc.1",
            "1.0.0-alpha-1+build.5",
            "1.0.0+20240101",
        ] {
            assert!(is_semver(good), "{good}");
        }
        for bad in [
            "1.0",
            "1.0.0.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0-01",
            "1.0.0+",
            "1.0.0-a..b",
            "v1.0.0",
            "1.x.0",
            "",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
        let mut value = base();
        value["version"] = json!("1.0");
        assert_eq!(invalid_at(&value).0, "version");
    }

    #[test]
    fn duplicate_template_ids() {
        let mut value = base();
        value["templates"][1]["id"] = json!("a");
        let (path, message) = invalid_at(&value);
        assert_eq!(path, "templates[1].id");
        assert!(message.contains("templates[0]"), "{message}");
    }

    #[test]
    fn body_languages_must_be_declared() {
        let mut value = base();
        value["templates"][1]["body"]["de"] = json!("Tschüss");
        let (path, message) = invalid_at(&value);
        assert_eq!(path, "templates[1].body.de");
        assert!(message.contains("`de`"), "{message}");
        let mut value = base();
        value["languages"] = json!([]);
        assert_eq!(invalid_at(&value).0, "languages");
    }

    #[test]
    fn bodies_must_not_be_empty() {
        let mut value = base();
        value["templates"][0]["body"] = json!({});
        assert_eq!(invalid_at(&value).0, "templates[0].body");
    }

    #[test]
    fn bodies_must_parse() {
        let mut value = base();
        value["templates"][1]["body"]["ru"] = json!("Пока\n{{#x}}");
        let (path, message) = invalid_at(&value);
        assert_eq!(path, "templates[1].body.ru");
        assert!(
            message.contains("line 2, column 1: unclosed section `x`"),
            "{message}"
        );
    }

    #[test]
    fn categories_must_be_known() {
        let mut value = base();
        value["templates"][0]["categories"] = json!(["billing", "refunds"]);
        let (path, message) = invalid_at(&value);
        assert_eq!(path, "templates[0].categories[1]");
        assert!(message.contains("`refunds`"), "{message}");
    }

    #[test]
    fn errors_display_their_place() {
        let mut value = base();
        value["version"] = json!("one");
        let text = read(&value).unwrap_err().to_string();
        assert_eq!(text, "version: `one` is not a semver version such as 1.0.0");
        assert_eq!(
            PackError::UnsupportedFormat(2).to_string(),
            "unsupported pack format 2 (this version reads format 1)"
        );
    }

    #[test]
    fn body_for_falls_back() {
        let pack = read(&base()).unwrap();
        let b = pack.template("b").unwrap();
        assert_eq!(b.body_for("ru", "en"), Some(("ru", "Пока")));
        assert_eq!(b.body_for("de", "ru"), Some(("ru", "Пока")));
        assert_eq!(b.body_for("de", "fr"), Some(("en", "Bye")));
        let a = pack.template("a").unwrap();
        assert_eq!(a.body_for("ru", "ru"), Some(("en", "Hi {{author.name}}")));
        let empty = PackTemplate {
            body: BTreeMap::new(),
            ..a.clone()
        };
        assert_eq!(empty.body_for("en", "en"), None);
    }

    #[test]
    fn packs_round_trip_through_json() {
        let pack = read(&base()).unwrap();
        let text = serde_json::to_string(&pack).unwrap();
        assert_eq!(Pack::from_json(&text).unwrap(), pack);
    }

    #[test]
    fn the_sample_pack_reads_and_renders() {
        let pack = Pack::from_json(SAMPLE).unwrap();
        let ids: Vec<&str> = pack.templates.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["ack-apologise-solve", "move-to-dm", "thanks-praise"]);
        let full = json!({
            "author": {"first_name": "Alexandra"},
            "agent": {"name": "Konstantin", "signature": "^KM"}
        });
        let strict = RenderOptions {
            missing: Missing::Error,
        };
        for template in &pack.templates {
            assert_eq!(template.body.len(), 2, "{}", template.id);
            for (lang, source) in &template.body {
                let text = render(source, &full, &NoPartials, &strict).unwrap();
                assert!(text.contains("Alexandra"), "{lang}: {text}");
                assert!(
                    text.chars().count() <= 280,
                    "{lang}: {} chars",
                    text.chars().count()
                );
                let bare = render(source, &json!({}), &NoPartials, &strict);
                assert!(bare.is_err(), "strict mode should notice missing names");
                let bare =
                    render(source, &json!({}), &NoPartials, &RenderOptions::default()).unwrap();
                assert!(
                    !bare.contains(" ,") && !bare.contains(" !") && !bare.contains("  "),
                    "{lang}: {bare}"
                );
                assert!(!bare.ends_with(' '), "{lang}: {bare:?}");
            }
        }
    }

    /// The JSON Schema in `packs/schema/pack-1.json` (for editors and other
    /// tools) names exactly the fields this format reads, requires exactly
    /// the ones it cannot do without, and lists the same categories.
    #[test]
    fn the_json_schema_matches_the_format() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../packs/schema/pack-1.json")).unwrap();
        let names = |v: &serde_json::Value| -> Vec<String> {
            let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        let strings = |v: &serde_json::Value| -> Vec<String> {
            let mut items: Vec<String> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect();
            items.sort();
            items
        };
        let full = Pack {
            signature: Some("ed25519:a:b".into()),
            rules: vec![PackRule {
                cue: "billing".into(),
                weight: 3,
                phrase: "acmepay".into(),
                lang: Some("en".into()),
            }],
            templates: vec![PackTemplate {
                tags: vec!["t".into()],
                categories: vec!["billing".into()],
                shortcut: Some("s".into()),
                ..Pack::from_json(include_str!("../../packs/sample.json"))
                    .unwrap()
                    .templates[0]
                    .clone()
            }],
            ..Pack::from_json(include_str!("../../packs/sample.json")).unwrap()
        };
        let written = serde_json::to_value(&full).unwrap();
        let defs = &schema["$defs"];
        for (value, schema) in [
            (&written, &schema),
            (&written["templates"][0], &defs["template"]),
            (&written["rules"][0], &defs["rule"]),
        ] {
            assert_eq!(names(value), names(&schema["properties"]));
        }
        let minimal = serde_json::json!({"format": 1, "id": "i", "name": "n", "version": "1.0.0",
            "author": "a", "languages": ["en"], "templates": []});
        assert_eq!(names(&minimal), strings(&schema["required"]));
        assert_eq!(
            strings(&defs["template"]["required"]),
            ["body", "id", "title"]
        );
        assert_eq!(
            strings(&defs["rule"]["required"]),
            ["cue", "phrase", "weight"]
        );
        let mut categories: Vec<String> = PACK_CATEGORIES.iter().map(|c| c.to_string()).collect();
        categories.sort();
        assert_eq!(
            strings(&defs["template"]["properties"]["categories"]["items"]["enum"]),
            categories
        );
    }
}
