//! The reply library for the service worker and the options page: the
//! built-in packs, the stored [`Library`], and every change to it.
//!
//! A change never writes anything: it returns the next stored library as
//! JSON text, and the caller stores it in one `chrome.storage.local.set`.
//! If that write fails, nothing changed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{Classifier, from_js, parse_packs, to_js};
use crate::templates::{
    self, Agent, Library, LibraryError, LocalTime, Pack, PackTemplate, signing,
};
use crate::triage::{Category, Post};

/// What a reply is rendered with besides the post (see
/// [`ReplyLibrary::suggest`]).
#[derive(Deserialize, Default)]
#[serde(default)]
struct ReplyContext {
    agent: Agent,
    now_ms: Option<f64>,
    offset_minutes: i32,
    asks: BTreeMap<String, String>,
}

impl ReplyContext {
    /// The values templates are filled with for `post`.
    fn data(&self, post: &Post) -> serde_json::Value {
        let mut data = templates::reply_data(post, &self.agent);
        if !self.asks.is_empty() {
            data["ask"] = serde_json::json!(self.asks);
        }
        data
    }

    fn now(&self) -> Option<LocalTime> {
        self.now_ms.map(|ms| LocalTime {
            utc_ms: ms as i64,
            offset_minutes: self.offset_minutes,
        })
    }
}

fn library_error(error: LibraryError) -> JsError {
    JsError::new(&error.to_string())
}

/// An import computed, for the agent to accept.
#[derive(Serialize)]
struct ImportResult<'a> {
    /// The next stored library, as JSON text.
    library: String,
    diff: &'a templates::PackDiff,
}

/// A preview of a template being edited.
#[derive(Serialize)]
struct Preview {
    lang: String,
    text: String,
}

/// A pack's signature taken apart, for WebCrypto. The bytes cross as
/// `Uint8Array`s (serde_wasm_bindgen's form of serialized bytes), not as
/// arrays of numbers: the message is the whole pack.
#[derive(Serialize)]
struct SignedParts {
    key_text: String,
    #[serde(serialize_with = "as_bytes")]
    key: Vec<u8>,
    #[serde(serialize_with = "as_bytes")]
    signature: Vec<u8>,
    #[serde(serialize_with = "as_bytes")]
    message: Vec<u8>,
}

fn as_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

/// The parts of the pack `text`'s signature for the caller to verify with
/// its own Ed25519 (WebCrypto): `{key_text, key, signature, message}`, or
/// `null` when the pack is not signed. A malformed signature throws.
#[wasm_bindgen(js_name = signedParts)]
pub fn signed_parts(text: &str) -> Result<JsValue, JsError> {
    match signing::signed_parts(text) {
        Ok(parts) => to_js(&SignedParts {
            key_text: parts.key_text,
            key: parts.key.to_vec(),
            signature: parts.signature.to_vec(),
            message: parts.message,
        }),
        Err(signing::SignError::Unsigned) => Ok(JsValue::NULL),
        Err(error) => Err(JsError::new(&error.to_string())),
    }
}

/// The agent's reply library, parsed once: kept by the service worker to
/// offer replies, and by the options page to edit.
#[wasm_bindgen]
pub struct ReplyLibrary {
    builtin: Vec<Pack>,
    library: Library,
    /// Every pack replies are offered from (see [`Library::packs`]).
    packs: Vec<Pack>,
    unreadable: Vec<String>,
}

#[wasm_bindgen]
impl ReplyLibrary {
    /// The library of the built-in packs (JSON texts; an invalid one
    /// throws, naming it) and the stored library (JSON text, or nothing
    /// before the first change); `author` signs the agent's own templates.
    /// A stored library that cannot be read throws: the caller must not
    /// store over it.
    #[wasm_bindgen(constructor)]
    pub fn new(
        builtin: Vec<String>,
        stored: Option<String>,
        author: Option<String>,
    ) -> Result<ReplyLibrary, JsError> {
        let builtin = parse_packs(&builtin)?;
        let library = match stored {
            Some(text) => Library::from_json(&text).map_err(library_error)?,
            None => Library::default(),
        };
        let (packs, unreadable) = library.packs(&builtin, author.as_deref().unwrap_or(""));
        Ok(ReplyLibrary {
            builtin,
            library,
            packs,
            unreadable,
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

    /// `template` (a pack template, saved or not) rendered for `post` in
    /// `lang` as [`suggest`](ReplyLibrary::suggest) would: `{lang, text}`,
    /// or a thrown error naming the line and column of the broken tag.
    pub fn preview(
        &self,
        template: JsValue,
        lang: &str,
        post: JsValue,
        context: JsValue,
    ) -> Result<JsValue, JsError> {
        let template: PackTemplate = from_js(template, "template")?;
        let post: Post = from_js(post, "post")?;
        let context = context_of(context)?;
        let (lang, text) = templates::preview(
            &template,
            lang,
            &self.packs,
            &context.data(&post),
            context.now(),
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&Preview { lang, text })
    }

    /// Every reply, gathered by template id, for the editor:
    /// `[{template, packs, local}]`.
    pub fn entries(&self) -> Result<JsValue, JsError> {
        to_js(&self.library.entries(&self.builtin))
    }

    /// Every pack, built-in and imported: `[{id, name, version, author,
    /// templates, builtin, source, signer}]`.
    pub fn summaries(&self) -> Result<JsValue, JsError> {
        to_js(&self.library.summaries(&self.builtin))
    }

    /// Imports the pack `text` from `source` (its URL, if any), whose
    /// signature the caller verified with the key `signer`: `{library,
    /// diff}`, the next stored library as JSON and what changes, for the
    /// agent to accept. Throws a clear message for a bad pack.
    pub fn import(
        &self,
        text: &str,
        source: Option<String>,
        signer: Option<String>,
        now_ms: f64,
    ) -> Result<JsValue, JsError> {
        let plan = self
            .library
            .import(
                text,
                source.as_deref(),
                signer.as_deref(),
                &self.builtin,
                now_ms as i64,
            )
            .map_err(library_error)?;
        to_js(&ImportResult {
            library: plan.library.to_json(),
            diff: &plan.diff,
        })
    }

    /// The next stored library with `template` saved as the agent's own,
    /// replacing their template `replacing` (its id before the edit).
    #[wasm_bindgen(js_name = saveTemplate)]
    pub fn save_template(
        &self,
        template: JsValue,
        replacing: Option<String>,
    ) -> Result<String, JsError> {
        let template: PackTemplate = from_js(template, "template")?;
        self.library
            .save_template(template, replacing.as_deref(), &self.packs)
            .map(|l| l.to_json())
            .map_err(library_error)
    }

    /// The next stored library without the agent's template `id`.
    #[wasm_bindgen(js_name = deleteTemplate)]
    pub fn delete_template(&self, id: &str) -> Result<String, JsError> {
        self.library
            .delete_template(id)
            .map(|l| l.to_json())
            .map_err(library_error)
    }

    /// The next stored library without the imported pack `id`.
    #[wasm_bindgen(js_name = removePack)]
    pub fn remove_pack(&self, id: &str) -> Result<String, JsError> {
        self.library
            .remove_pack(id)
            .map(|l| l.to_json())
            .map_err(library_error)
    }

    /// The imported pack `id`'s text, exactly as imported, to export it.
    #[wasm_bindgen(js_name = packText)]
    pub fn pack_text(&self, id: &str) -> Result<String, JsError> {
        self.library
            .pack_text(id)
            .map(str::to_owned)
            .map_err(library_error)
    }

    /// The agent's own templates as a pack file (pretty JSON) with the
    /// manifest they give it; throws if the result would not be a valid
    /// pack (an empty name, a version that is not semver).
    #[wasm_bindgen(js_name = exportLocal)]
    pub fn export_local(
        &self,
        id: &str,
        name: &str,
        version: &str,
        author: &str,
    ) -> Result<String, JsError> {
        let pack = Pack {
            id: id.to_owned(),
            name: name.to_owned(),
            version: version.to_owned(),
            ..self.library.local_pack(author)
        };
        pack.validate().map_err(|e| JsError::new(&e.to_string()))?;
        serde_json::to_string_pretty(&pack).map_err(|e| JsError::new(&e.to_string()))
    }
}

fn context_of(context: JsValue) -> Result<ReplyContext, JsError> {
    if context.is_undefined() || context.is_null() {
        Ok(ReplyContext::default())
    } else {
        from_js(context, "context")
    }
}
