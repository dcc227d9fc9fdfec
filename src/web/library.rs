//! The reply library for the service worker and the options page: the
//! built-in packs and the stored [`Library`], offering replies. The
//! options page's changes to it are in `editing.rs`.

use std::collections::BTreeMap;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{Classifier, from_js, read_shipped_packs, to_js};
use crate::templates::{self, Agent, Library, LibraryError, LocalTime, Pack};
use crate::triage::{Category, Post};

/// What a reply is rendered with besides the post (see
/// [`ReplyLibrary::suggest`]).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ReplyContext {
    agent: Agent,
    now_ms: Option<f64>,
    offset_minutes: i32,
    asks: BTreeMap<String, String>,
}

impl ReplyContext {
    /// The values templates are filled with for `post`.
    pub(super) fn data(&self, post: &Post) -> serde_json::Value {
        let mut data = templates::reply_data(post, &self.agent);
        if !self.asks.is_empty() {
            data["ask"] = serde_json::json!(self.asks);
        }
        data
    }

    pub(super) fn now(&self) -> Option<LocalTime> {
        self.now_ms.map(|ms| LocalTime {
            utc_ms: ms as i64,
            offset_minutes: self.offset_minutes,
        })
    }
}

pub(super) fn library_error(error: LibraryError) -> JsError {
    JsError::new(&error.to_string())
}

/// The agent's reply library, parsed once: kept by the service worker to
/// offer replies, and by the options page to edit.
#[wasm_bindgen]
pub struct ReplyLibrary {
    /// The library opened, kept for the options page's lists and changes
    /// (the worker's wasm only offers replies).
    #[cfg(feature = "pages")]
    pub(super) shelf: templates::Shelf,
    /// Every pack replies are offered from (see [`templates::Shelf::offered`]).
    pub(super) packs: Vec<Pack>,
    unreadable: Vec<String>,
}

#[wasm_bindgen]
impl ReplyLibrary {
    /// The library of the built-in packs (JSON texts; one that cannot be
    /// read throws, naming it) and the stored library (JSON text, or nothing
    /// before the first change); `author` signs the agent's own templates.
    /// A stored library that cannot be read throws: the caller must not
    /// store over it.
    #[wasm_bindgen(constructor)]
    pub fn new(
        builtin: Vec<String>,
        stored: Option<String>,
        author: Option<String>,
    ) -> Result<ReplyLibrary, JsError> {
        let builtin = read_shipped_packs(&builtin)?;
        let library = match stored {
            Some(text) => Library::from_json(&text).map_err(library_error)?,
            None => Library::default(),
        };
        let shelf = library.open(builtin);
        Ok(ReplyLibrary {
            packs: shelf.offered(author.as_deref().unwrap_or("")),
            unreadable: shelf.unreadable().to_vec(),
            #[cfg(feature = "pages")]
            shelf,
        })
    }

    /// A classifier with the team rules of this library's packs, without
    /// reading them again.
    pub fn classifier(&self) -> Result<Classifier, JsError> {
        Classifier::with_rules_of(&self.packs)
    }

    /// The stored packs that could not be read (left out, still stored),
    /// as messages.
    pub fn problems(&self) -> Vec<String> {
        self.unreadable.clone()
    }

    /// Every template rendered for `post` (`{text, author, platform}`),
    /// whose verdict gave `lang` and `categories`, best first. `context` is
    /// `{agent: {name, signature, team}, now_ms, offset_minutes, asks}`:
    /// who signs, the moment and time zone for `{{date}}` and `{{time}}`
    /// (minutes east of UTC), and what the agent typed for `{{ask.*}}`
    /// (`{ticket: "T-42"}`); every part is optional.
    pub fn suggest(
        &self,
        post: JsValue,
        lang: &str,
        categories: Vec<String>,
        context: JsValue,
    ) -> Result<JsValue, JsError> {
        let post: Post = from_js(post, "post")?;
        let context = context_of(context)?;
        let categories: Vec<Category> = categories
            .iter()
            .filter_map(|c| Category::from_name(c))
            .collect();
        to_js(&templates::suggest(
            &self.packs,
            lang,
            &categories,
            &context.data(&post),
            context.now(),
        ))
    }
}

pub(super) fn context_of(context: JsValue) -> Result<ReplyContext, JsError> {
    if context.is_undefined() || context.is_null() {
        Ok(ReplyContext::default())
    } else {
        from_js(context, "context")
    }
}
