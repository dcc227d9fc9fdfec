//! The options page's side of the reply library: previews, lists, and
//! every change (import, own templates, removal, export), and pack
//! signatures taken apart for WebCrypto.
//!
//! Built only into the options page's wasm (feature `pages`): the service
//! worker's wasm, loaded for every page with posts, offers replies and
//! never edits, so it does not carry this code (about 40 KB gzipped).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::library::{ReplyLibrary, context_of, library_error};
use super::{from_js, to_js};
use crate::templates::{self, Library, Pack, PackTemplate, signing};
use crate::triage::Post;

/// An import computed, for the agent to accept.
#[derive(Serialize)]
struct ImportResult<'a> {
    /// The next stored library.
    library: &'a Library,
    diff: &'a templates::PackDiff,
}

/// JSON text of a value from the core. The library's values cross the
/// boundary as text: one serializer (serde_json, which the core needs
/// anyway) keeps the wasm smaller than a second, per-type set of
/// conversions to JavaScript objects.
pub(super) fn json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the core's values always serialize")
}

/// A pack template from JSON text.
fn template_of(text: &str) -> Result<PackTemplate, JsError> {
    serde_json::from_str(text).map_err(|e| JsError::new(&format!("template: {e}")))
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
/// its own Ed25519 (WebCrypto): `{key_text, key, signature, message}`, the
/// bytes as `Uint8Array`s; `null` when the pack is not signed, or is not
/// JSON at all (importing it then says where it breaks). A malformed
/// signature throws.
#[wasm_bindgen(js_name = signedParts)]
pub fn signed_parts(text: &str) -> Result<JsValue, JsError> {
    match signing::signed_parts(text) {
        Ok(parts) => SignedParts {
            key_text: parts.key_text,
            key: parts.key.to_vec(),
            signature: parts.signature.to_vec(),
            message: parts.message,
        }
        // The default serializer, not the JSON-compatible one: it writes
        // bytes as a Uint8Array in one copy.
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .map_err(|e| JsError::new(&e.to_string())),
        Err(signing::SignError::Unsigned | signing::SignError::NotAPack(_)) => Ok(JsValue::NULL),
        Err(error) => Err(JsError::new(&error.to_string())),
    }
}

/// The categories a template may answer, in the pack format's order.
#[wasm_bindgen(js_name = packCategories)]
pub fn pack_categories() -> Vec<String> {
    templates::PACK_CATEGORIES
        .iter()
        .map(|c| (*c).to_owned())
        .collect()
}

#[wasm_bindgen]
impl ReplyLibrary {
    /// `template` (a pack template as JSON text, saved or not) rendered for
    /// `post` in `lang` as [`suggest`](ReplyLibrary::suggest) would:
    /// `{lang, text}`, or a thrown error naming the line and column of the
    /// broken tag.
    pub fn preview(
        &self,
        template: &str,
        lang: &str,
        post: JsValue,
        context: JsValue,
    ) -> Result<JsValue, JsError> {
        let template = template_of(template)?;
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

    /// Every reply, gathered by template id, for the editor, as JSON text:
    /// `[{template, packs, local}]`.
    pub fn entries(&self) -> String {
        json_text(&self.shelf.entries())
    }

    /// Every pack, built-in and imported, as JSON text: `[{id, name,
    /// version, author, templates, builtin, source, signer}]`.
    pub fn summaries(&self) -> String {
        json_text(&self.shelf.summaries())
    }

    /// What importing the pack `text`, whose signature the caller verified
    /// with the key `signer`, would change, as JSON text (a diff), for the
    /// agent to review; throws a clear message for a bad pack. Cheaper than
    /// [`import`](ReplyLibrary::import): the next library is not built.
    pub fn review(&self, text: &str, signer: Option<String>) -> Result<String, JsError> {
        self.shelf
            .review(text, signer.as_deref())
            .map(|diff| json_text(&diff))
            .map_err(library_error)
    }

    /// Imports the pack `text` from `source` (its URL, if any), whose
    /// signature the caller verified with the key `signer`, as JSON text:
    /// `{library, diff}`, the next stored library and what changes, for the
    /// agent to accept. Throws a clear message for a bad pack.
    pub fn import(
        &self,
        text: &str,
        source: Option<String>,
        signer: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsError> {
        let plan = self
            .shelf
            .import(text, source.as_deref(), signer.as_deref(), now_ms as i64)
            .map_err(library_error)?;
        Ok(json_text(&ImportResult {
            library: &plan.library,
            diff: &plan.diff,
        }))
    }

    /// The next stored library with `template` (JSON text) saved as the
    /// agent's own, replacing their template `replacing` (its id before the
    /// edit).
    #[wasm_bindgen(js_name = saveTemplate)]
    pub fn save_template(
        &self,
        template: &str,
        replacing: Option<String>,
    ) -> Result<String, JsError> {
        let template = template_of(template)?;
        self.shelf
            .library()
            .save_template(template, replacing.as_deref(), &self.packs)
            .map(|l| l.to_json())
            .map_err(library_error)
    }

    /// The next stored library without the agent's template `id`.
    #[wasm_bindgen(js_name = deleteTemplate)]
    pub fn delete_template(&self, id: &str) -> Result<String, JsError> {
        self.shelf
            .library()
            .delete_template(id)
            .map(|l| l.to_json())
            .map_err(library_error)
    }

    /// The next stored library without the imported pack `id`.
    #[wasm_bindgen(js_name = removePack)]
    pub fn remove_pack(&self, id: &str) -> Result<String, JsError> {
        self.shelf
            .remove_pack(id)
            .map(|l| l.to_json())
            .map_err(library_error)
    }

    /// The imported pack `id`'s text, exactly as imported, to export it.
    #[wasm_bindgen(js_name = packText)]
    pub fn pack_text(&self, id: &str) -> Result<String, JsError> {
        self.shelf
            .pack_text(id)
            .map(str::to_owned)
            .map_err(library_error)
    }

    /// The agent's own templates as a pack (compact JSON: the page indents
    /// it) with the manifest they give it; throws if the result would not
    /// be a valid pack (an empty name, a version that is not semver).
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
            ..self.shelf.library().local_pack(author)
        };
        pack.validate().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(json_text(&pack))
    }
}
