//! Choosing and filling replies for a post.
//!
//! [`reply_data`] gathers the values a template can use — the post's author
//! and excerpt, the site, the agent's profile — and [`suggest`] renders every
//! template of the agent's packs for the post, in the post's language where a
//! body exists, best match first: templates that answer the post's
//! categories rank above the rest. Templates with the same id in several
//! packs are versions of one reply: only the post's language (else English)
//! is offered. A template's partials (`{{> sign-off}}`) are the other
//! templates of its pack, else of the library, in the same language.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{
    LocalTime, Missing, Pack, PackTemplate, Partials, RenderOptions, Template, TemplateError,
    TemplateErrorKind, local_date_time,
};
use crate::triage::{Category, Post};

/// Characters of the post kept in `{{post.excerpt}}`.
const EXCERPT_CHARS: usize = 80;

/// The agent's profile, as set in the options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// The agent's name.
    #[serde(default)]
    pub name: String,
    /// How the agent signs replies.
    #[serde(default)]
    pub signature: String,
    /// The team's name.
    #[serde(default)]
    pub team: String,
}

/// A template rendered for one post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The pack's id.
    pub pack: String,
    /// The template's id.
    pub id: String,
    /// The template's title.
    pub title: String,
    /// The language of the body used.
    pub lang: String,
    /// The rendered reply.
    pub text: String,
    /// The template's shortcut, if any.
    pub shortcut: Option<String>,
    /// The template's tags.
    pub tags: Vec<String>,
    /// What the agent is asked for at insert time: the names of the
    /// template's `{{ask.*}}` values (`ticket` for `{{ask.ticket}}`), in
    /// order. The suggestion is rendered with what `data.ask` already holds.
    pub asks: Vec<String>,
}

/// The `{{ask.*}}` names of a template, each once.
fn asks(template: &Template) -> Vec<String> {
    template
        .names()
        .into_iter()
        .filter_map(|n| n.strip_prefix("ask.").map(str::to_owned))
        .collect()
}

/// Checks that a pack's bodies only use values a reply has and partials
/// that exist, by rendering each strictly ([`Missing::Error`]) with every
/// value [`reply_data`] and [`suggest`] can give, and every `{{ask.*}}` the
/// pack uses. Rendering also finds partials that include each other
/// without end (the data has no lists to walk down).
pub(crate) struct BodyCheck<'a> {
    own: &'a Pack,
    library: &'a [Pack],
    data: Value,
}

impl<'a> BodyCheck<'a> {
    /// A check for the templates of `own`, whose partials may also come
    /// from `library`.
    pub(crate) fn new(own: &'a Pack, library: &'a [Pack]) -> BodyCheck<'a> {
        let post = Post {
            text: "text".to_owned(),
            author: crate::triage::Author {
                name: Some("Name Surname".to_owned()),
                handle: Some("handle".to_owned()),
                ..Default::default()
            },
            platform: Some("site".to_owned()),
        };
        let agent = Agent {
            name: "agent".to_owned(),
            signature: "signature".to_owned(),
            team: "team".to_owned(),
        };
        let mut data = reply_data(&post, &agent);
        let asks: serde_json::Map<String, Value> = std::iter::once(own)
            .chain(library)
            .flat_map(|pack| &pack.templates)
            .flat_map(|template| template.body.values())
            .filter_map(|body| Template::parse(body).ok())
            .flat_map(|parsed| asks(&parsed))
            .map(|name| (name, Value::from("ask")))
            .collect();
        data["ask"] = Value::Object(asks);
        data["date"] = "date".into();
        data["time"] = "time".into();
        BodyCheck { own, library, data }
    }

    /// The first unknown value or partial of `parsed`, a body in `lang`, as
    /// a message with its line and column.
    pub(crate) fn check(&self, parsed: &Template, lang: &str) -> Result<(), String> {
        let partials = LibraryPartials {
            own: Some(self.own),
            packs: self.library,
            lang,
        };
        let strict = RenderOptions {
            missing: Missing::Error,
        };
        match parsed.render(&self.data, &partials, &strict) {
            Ok(_) => Ok(()),
            Err(error) => Err(match &error.kind {
                TemplateErrorKind::MissingVariable(name) => format!(
                    "line {}, column {}: unknown value `{name}` (a reply has {KNOWN_VALUES})",
                    error.line, error.column
                ),
                _ => error.to_string(),
            }),
        }
    }
}

/// What [`reply_data`] and [`suggest`] give templates, for messages.
const KNOWN_VALUES: &str = "author.name, author.first_name, author.handle, platform, \
    post.excerpt, agent.name, agent.signature, agent.team, date, time and ask.*";

/// The values templates can use for `post` answered by `agent`:
/// `author.{name, first_name, handle}`, `platform`, `post.excerpt`,
/// `agent.{name, signature, team}`. Unknown values are left out, so a
/// template's sections can skip them. [`suggest`] adds `date` and `time`;
/// the caller may add `ask` (the values an agent typed for `{{ask.*}}`).
pub fn reply_data(post: &Post, agent: &Agent) -> Value {
    let name = post
        .author
        .name
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let first_name = name.split_whitespace().next().unwrap_or_default();
    let mut excerpt: String = post.text.chars().take(EXCERPT_CHARS).collect();
    if post.text.chars().nth(EXCERPT_CHARS).is_some() {
        excerpt.push('…');
    }
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    json!({
        "author": {
            "name": non_empty(name),
            "first_name": non_empty(first_name),
            "handle": post.author.handle.as_deref().and_then(non_empty),
        },
        "platform": post.platform,
        "post": { "excerpt": excerpt },
        "agent": {
            "name": non_empty(&agent.name),
            "signature": non_empty(&agent.signature),
            "team": non_empty(&agent.team),
        },
    })
}

/// Partials in one language: the other templates of a pack, else the
/// template with that id in the rest of the library, in that language if
/// any version has it. A template id names
/// one reply across the library, so a partial the agent has edited (their
/// own `sign-off`, kept in their local templates) is the one every pack's
/// templates include.
struct LibraryPartials<'a> {
    /// Where the template being rendered comes from, if from a pack.
    own: Option<&'a Pack>,
    /// Every pack of the library.
    packs: &'a [Pack],
    /// The language of the body being rendered.
    lang: &'a str,
}

impl Partials for LibraryPartials<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        // The library's versions of one id are often one pack per language:
        // a version in the language being rendered wins, else the first
        // version's fallback.
        let versions = || {
            self.own
                .into_iter()
                .chain(self.packs)
                .filter_map(|pack| pack.template(name))
        };
        versions()
            .find_map(|t| t.body.get(self.lang))
            .map(String::as_str)
            .or_else(|| versions().next()?.body_for(self.lang, "en").map(|(_, b)| b))
    }
}

/// `body`, in language `used`, rendered as a reply: missing values as
/// `[name]`, `{{date}}` and `{{time}}` of `now` in that language, partials
/// from `own` then `packs`. Returns the parsed template (for its
/// `{{ask.*}}` names) with the text.
fn render_body(
    body: &str,
    used: &str,
    own: Option<&Pack>,
    packs: &[Pack],
    data: &mut Value,
    now: Option<LocalTime>,
) -> Result<(Template, String), TemplateError> {
    if let (Some(now), Some(fields)) = (now, data.as_object_mut()) {
        let (date, time) = local_date_time(now, used);
        fields.insert("date".into(), date.into());
        fields.insert("time".into(), time.into());
    }
    let partials = LibraryPartials {
        own,
        packs,
        lang: used,
    };
    let options = RenderOptions {
        missing: Missing::Placeholder,
    };
    let parsed = Template::parse(body)?;
    let text = parsed.render(data, &partials, &options)?;
    Ok((parsed, text))
}

/// One template, saved or not, rendered for a post in `lang` as [`suggest`]
/// would render it (with partials from `packs`); for previews while the
/// template is edited. Returns the language of the body used and the text,
/// or where the template is broken.
pub fn preview(
    template: &PackTemplate,
    lang: &str,
    packs: &[Pack],
    data: &Value,
    now: Option<LocalTime>,
) -> Result<(String, String), TemplateError> {
    let Some((used, body)) = template.body_for(lang, "en") else {
        return Ok((lang.to_owned(), String::new()));
    };
    let (_, text) = render_body(body, used, None, packs, &mut data.clone(), now)?;
    Ok((used.to_owned(), text))
}

/// Every template of `packs` rendered for a post in `lang` with
/// `categories`, best first. Missing values show as `[name]` so the agent
/// sees what to fill in; a template that fails to render is left out.
pub fn suggest(
    packs: &[Pack],
    lang: &str,
    categories: &[Category],
    data: &Value,
    now: Option<LocalTime>,
) -> Vec<Suggestion> {
    let mut data = data.clone();
    let mut ranked: Vec<(u32, Suggestion)> = Vec::new();
    for pack in packs {
        for template in &pack.templates {
            let Some((used, body)) = template.body_for(lang, "en") else {
                continue;
            };
            let Ok((parsed, text)) = render_body(body, used, Some(pack), packs, &mut data, now)
            else {
                continue;
            };
            let answers = categories
                .iter()
                .filter(|c| template.categories.iter().any(|t| t == c.name()))
                .count() as u32;
            let score = answers * 10 + u32::from(used == lang) * 5;
            ranked.push((
                score,
                Suggestion {
                    pack: pack.id.clone(),
                    id: template.id.clone(),
                    title: template.title.clone(),
                    lang: used.to_owned(),
                    text,
                    shortcut: template.shortcut.clone(),
                    tags: template.tags.clone(),
                    asks: asks(&parsed),
                },
            ));
        }
    }
    // Packs share template ids across languages (firstline's default packs
    // are one per language, with the same ids): of the versions of one id,
    // only those in the best language on offer are shown — the post's, else
    // English, else any — so an English post is not offered ten translations.
    let language_rank = |used: &str| u8::from(used == lang) * 2 + u8::from(used == "en");
    let mut best: HashMap<&str, u8> = HashMap::new();
    for (_, s) in &ranked {
        let rank = best.entry(s.id.as_str()).or_default();
        *rank = (*rank).max(language_rank(&s.lang));
    }
    let keep: Vec<bool> = ranked
        .iter()
        .map(|(_, s)| language_rank(&s.lang) == best[s.id.as_str()])
        .collect();
    let mut keep = keep.into_iter();
    ranked.retain(|_| keep.next().unwrap_or(false));
    ranked.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    ranked.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Author;

    /// firstline's default packs, one per language, as the extension loads them.
    fn default_packs() -> Vec<Pack> {
        [
            include_str!("../../packs/default-en.json"),
            include_str!("../../packs/default-ru.json"),
            include_str!("../../packs/default-be.json"),
            include_str!("../../packs/default-uk.json"),
            include_str!("../../packs/default-zh.json"),
            include_str!("../../packs/default-af.json"),
            include_str!("../../packs/default-es.json"),
            include_str!("../../packs/default-de.json"),
            include_str!("../../packs/default-fr.json"),
            include_str!("../../packs/default-pt.json"),
        ]
        .iter()
        .map(|json| Pack::from_json(json).unwrap())
        .collect()
    }

    #[test]
    fn dates_in_the_replys_language_and_asks_for_what_the_agent_must_type() {
        let pack = Pack::from_json(
            r#"{"format": 1, "id": "p", "name": "P", "version": "1.0.0", "author": "a",
                "languages": ["en", "ru"], "templates": [{"id": "t", "title": "T", "body": {
                "en": "Logged on {{date}} at {{time}} as ticket {{ask.ticket}}{{#ask.coupon}}, coupon {{ask.coupon}}{{/ask.coupon}}.",
                "ru": "Обращение от {{date}}, {{time}}: заявка {{ask.ticket}}."}}]}"#,
        )
        .unwrap();
        let now = LocalTime {
            utc_ms: 1_795_469_400_000, // 2026-11-23T21:30Z
            offset_minutes: 180,
        };
        let mut data = reply_data(&Post::text("x"), &Agent::default());
        let [en] = suggest(std::slice::from_ref(&pack), "en", &[], &data, Some(now))
            .try_into()
            .unwrap();
        assert_eq!(en.asks, ["ticket", "coupon"]);
        assert_eq!(
            en.text,
            "Logged on 24 November 2026 at 12:30 AM as ticket [ask.ticket]."
        );
        data["ask"] = json!({"ticket": "T-42", "coupon": "SORRY10"});
        let [ru] = suggest(&[pack], "ru", &[], &data, Some(now))
            .try_into()
            .unwrap();
        assert_eq!(
            ru.text,
            "Обращение от 24 ноября 2026 г., 00:30: заявка T-42."
        );
    }

    #[test]
    fn one_version_of_each_reply_in_the_posts_language_else_english() {
        let packs = default_packs();
        let data = reply_data(&Post::text("x"), &Agent::default());
        for (lang, shown) in [
            ("ru", "ru"),
            ("zh", "zh"),
            ("af", "af"),
            ("it", "en"),
            ("en", "en"),
        ] {
            let suggestions = suggest(&packs, lang, &[], &data, None);
            assert_eq!(suggestions.len(), 10, "{lang}");
            assert!(suggestions.iter().all(|s| s.lang == shown), "{lang}");
        }
        let billing = suggest(&packs, "de", &[Category::Billing], &data, None);
        let mut top: Vec<&str> = billing[..2].iter().map(|s| s.id.as_str()).collect();
        top.sort_unstable();
        assert_eq!(
            top,
            ["double-charge", "move-to-dm"],
            "the two that answer billing"
        );
        assert!(billing.iter().all(|s| s.lang == "de"));
    }

    fn sample() -> Pack {
        Pack::from_json(include_str!("../../packs/sample.json")).unwrap()
    }

    fn post(name: &str, text: &str) -> Post {
        Post {
            text: text.to_owned(),
            author: Author {
                name: Some(name.to_owned()),
                ..Author::default()
            },
            platform: Some("x".to_owned()),
        }
    }

    #[test]
    fn data_has_first_name_and_excerpt() {
        let data = reply_data(
            &post("  Anna  Petrova ", &"x".repeat(100)),
            &Agent::default(),
        );
        assert_eq!(data["author"]["first_name"], "Anna");
        assert_eq!(data["author"]["name"], "Anna  Petrova");
        assert_eq!(
            data["post"]["excerpt"].as_str().unwrap().chars().count(),
            81
        );
        assert!(data["agent"]["name"].is_null());
    }

    #[test]
    fn templates_answering_the_categories_come_first_in_the_post_language() {
        let agent = Agent {
            name: "Sam".into(),
            signature: "Sam, Acme".into(),
            team: String::new(),
        };
        let data = reply_data(&post("Анна", "…"), &agent);
        let found = suggest(&[sample()], "ru", &[Category::Praise], &data, None);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].id, "thanks-praise");
        assert!(found.iter().all(|s| s.lang == "ru"));
        assert!(found[0].text.contains("Анна"), "{}", found[0].text);
    }

    #[test]
    fn previews_render_unsaved_templates_with_the_librarys_partials() {
        let packs = default_packs();
        let mut draft = packs[0].templates[0].clone();
        draft.body = [(
            "ru".to_owned(),
            "{{author.first_name}}, {{> move-to-dm}}".to_owned(),
        )]
        .into();
        let data = reply_data(&post("Анна Петрова", "…"), &Agent::default());
        let (used, text) = preview(&draft, "ru", &packs, &data, None).unwrap();
        assert_eq!(used, "ru");
        let dm = packs[1].template("move-to-dm").unwrap();
        let (_, dm_text) = preview(dm, "ru", &packs, &data, None).unwrap();
        assert_eq!(
            text,
            format!("Анна, {dm_text}"),
            "the Russian version of the partial"
        );
        draft.body = [("en".to_owned(), "Hi {{#x}}".to_owned())].into();
        let error = preview(&draft, "ru", &packs, &data, None).unwrap_err();
        assert_eq!((error.line, error.column), (1, 4));
    }

    #[test]
    fn falls_back_to_english() {
        let data = reply_data(&post("Jo", "…"), &Agent::default());
        let found = suggest(&[sample()], "zh", &[], &data, None);
        assert!(found.iter().all(|s| s.lang == "en"));
    }
}
