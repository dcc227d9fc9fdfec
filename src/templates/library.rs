//! The agent's library: the packs they imported and the templates they
//! wrote, as the extension stores them.
//!
//! A [`Library`] is a plain value, stored as JSON under one storage key and
//! replaced whole on every change. That makes every change atomic: the
//! extension computes the next library here and writes it in one call, and
//! if the write fails (storage full) the stored library is still the one
//! before. Every method returns a new library and leaves `self` alone.
//!
//! Replies come in three layers, later ones winning:
//!
//! 1. firstline's built-in packs, shipped with the extension (never stored);
//! 2. imported packs, kept as the exact text they were imported as (so they
//!    can be exported and their signature checked again), with the URL they
//!    came from and the key that signed them;
//! 3. the agent's own templates. A template id names one reply across the
//!    library, so an own template with the id of a pack's template replaces
//!    it everywhere. Editing a built-in or team reply makes such a copy:
//!    updating that pack later never overwrites the agent's edit, and
//!    [`Shelf::import`] says so in its [`PackDiff`]. Deleting the copy
//!    brings the pack's version back.
//!
//! # Stored versions
//!
//! The stored JSON carries `version` ([`LIBRARY_VERSION`]).
//! [`Library::from_json`] reads every version up to this one, upgrading
//! older shapes step by step, and refuses a newer one with
//! [`LibraryError::Newer`] rather than guess at it: the extension then
//! leaves the stored value untouched, so a downgrade of firstline loses
//! nothing. Version 1 is the first; a new version adds its upgrade step
//! in `from_json`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::pack::compare_versions;
use super::{PACK_FORMAT, Pack, PackError, PackTemplate};

/// The stored shape this version writes.
pub const LIBRARY_VERSION: u32 = 1;

/// The largest pack text imported, in bytes. The extension's storage holds
/// 10 MiB in all; a pack this size still leaves room for the rest.
pub const MAX_PACK_BYTES: usize = 8 << 20;

/// The most templates one pack may have.
pub const MAX_PACK_TEMPLATES: usize = 20_000;

/// The id of the pack [`Library::local_pack`] makes of the agent's own
/// templates; no imported pack may take it.
pub const LOCAL_PACK_ID: &str = "local";

/// The agent's imported packs and own templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// The stored shape's version ([`LIBRARY_VERSION`] once read).
    pub version: u32,
    /// Imported packs, in the order they were first imported.
    #[serde(default)]
    pub packs: Vec<ImportedPack>,
    /// The agent's own templates, each with a distinct id.
    #[serde(default)]
    pub local: Vec<PackTemplate>,
}

/// A pack as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedPack {
    /// The pack's JSON text, exactly as imported.
    pub text: String,
    /// The HTTPS URL it was imported from, to update it from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The public key (`ed25519:…`) whose signature was verified at import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// When it was imported, in ms since the Unix epoch.
    pub imported_ms: i64,
}

/// Why the library could not be read or changed. Nothing is changed when
/// one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryError {
    /// The stored library is not JSON of a library's shape.
    Corrupt(String),
    /// The stored library was written by a newer firstline.
    Newer(u32),
    /// A pack text larger than [`MAX_PACK_BYTES`].
    TooBig(usize),
    /// A pack with more than [`MAX_PACK_TEMPLATES`] templates.
    TooManyTemplates(usize),
    /// The pack itself is invalid.
    Pack(PackError),
    /// The pack is signed, but not verified by the given key.
    Unverified,
    /// The pack's id belongs to a built-in pack or the agent's own templates.
    ReservedId(String),
    /// An own template breaks a rule.
    Template(PackError),
    /// No pack or own template with this id.
    NotFound(String),
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryError::Corrupt(why) => write!(f, "the stored library cannot be read: {why}"),
            LibraryError::Newer(version) => write!(
                f,
                "the stored library has version {version}, newer than this firstline reads \
                 ({LIBRARY_VERSION}); it is left as it is"
            ),
            LibraryError::TooBig(bytes) => write!(
                f,
                "the pack is {:.1} MB; the limit is {} MB",
                *bytes as f64 / (1 << 20) as f64,
                MAX_PACK_BYTES >> 20
            ),
            LibraryError::TooManyTemplates(count) => write!(
                f,
                "the pack has {count} templates; the limit is {MAX_PACK_TEMPLATES}"
            ),
            LibraryError::Pack(error) => write!(f, "not a valid pack: {error}"),
            LibraryError::Unverified => {
                write!(f, "the pack's signature was not verified: it is refused")
            }
            LibraryError::ReservedId(id) => {
                write!(
                    f,
                    "the pack id `{id}` is firstline's own; give the pack another id"
                )
            }
            LibraryError::Template(error) => write!(f, "{error}"),
            LibraryError::NotFound(id) => write!(f, "there is no `{id}`"),
        }
    }
}

impl std::error::Error for LibraryError {}

/// What importing a pack would change, for the agent to accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackDiff {
    /// The pack's id.
    pub id: String,
    /// The pack's name.
    pub name: String,
    /// Who made it.
    pub author: String,
    /// The version in the library now, if the pack is already there.
    pub from_version: Option<String>,
    /// The version being imported.
    pub to_version: String,
    /// Whether `to_version` is older than `from_version`.
    pub older: bool,
    /// The key that signed the library's copy, if any.
    pub from_signer: Option<String>,
    /// The key that signed the pack being imported, if any.
    pub to_signer: Option<String>,
    /// Ids of templates the pack adds.
    pub added: Vec<String>,
    /// Ids of templates the pack no longer has.
    pub removed: Vec<String>,
    /// Ids of templates whose title, bodies, tags, categories or shortcut
    /// changed.
    pub changed: Vec<String>,
    /// Of `added` and `changed`, the ids the agent's own templates replace:
    /// the agent's version stays in use.
    pub kept_local: Vec<String>,
    /// Whether the pack's triage rules changed.
    pub rules_changed: bool,
}

/// A pack import computed but not yet stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The library with the pack imported.
    pub library: Library,
    /// What changes.
    pub diff: PackDiff,
}

/// A pack of the library, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackSummary {
    /// The pack's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Who made it.
    pub author: String,
    /// How many templates it has.
    pub templates: usize,
    /// Whether it ships with firstline.
    pub builtin: bool,
    /// The URL it was imported from.
    pub source: Option<String>,
    /// The key that signed it, verified at import.
    pub signer: Option<String>,
}

/// One reply of the library as the agent edits it: every language of a
/// template id, gathered from all packs (the built-in packs are one per
/// language with the same ids), or the agent's own template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The template, with the bodies of every language found.
    pub template: PackTemplate,
    /// The ids of the packs that have a template with this id.
    pub packs: Vec<String>,
    /// Whether this is the agent's own template (replacing the packs' ones,
    /// if `packs` is not empty).
    pub local: bool,
}

impl Default for Library {
    fn default() -> Library {
        Library {
            version: LIBRARY_VERSION,
            packs: Vec::new(),
            local: Vec::new(),
        }
    }
}

impl Library {
    /// Reads a stored library, upgrading an older stored shape.
    pub fn from_json(text: &str) -> Result<Library, LibraryError> {
        /// The version alone, read first: a newer shape may not parse.
        #[derive(Deserialize)]
        struct Head {
            version: u32,
        }
        let corrupt = |e: serde_json::Error| LibraryError::Corrupt(e.to_string());
        let Head { version } = serde_json::from_str(text).map_err(corrupt)?;
        if version > LIBRARY_VERSION {
            return Err(LibraryError::Newer(version));
        }
        // Version 1 is the first shape, so nothing needs upgrading yet; each
        // later version adds its step from the one before here.
        let library: Library = serde_json::from_str(text).map_err(corrupt)?;
        Ok(Library {
            version: LIBRARY_VERSION,
            ..library
        })
    }

    /// The library as stored (compact JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a library always serializes")
    }

    /// The library with `template` saved among the agent's own templates:
    /// replacing the own template `replacing` (its id before an edit, which
    /// may rename it), else added. The template must be valid as it would
    /// be in a pack, with the templates of `partials_from` (the library's
    /// packs) as partials, and its id must not be another own template's.
    pub fn save_template(
        &self,
        template: PackTemplate,
        replacing: Option<&str>,
        partials_from: &[Pack],
    ) -> Result<Library, LibraryError> {
        let mut library = self.clone();
        if let Some(old) = replacing {
            let at = library
                .local
                .iter()
                .position(|t| t.id == old)
                .ok_or_else(|| LibraryError::NotFound(old.to_owned()))?;
            library.local.remove(at);
        }
        if library.local.iter().any(|t| t.id == template.id) {
            return Err(LibraryError::Template(PackError::Invalid {
                path: "id".to_owned(),
                message: format!("you already have a template `{}`", template.id),
            }));
        }
        let alone = Library::pack_of(std::slice::from_ref(&template), "");
        if let Some(problem) = alone.problems_with(partials_from).into_iter().next() {
            return Err(LibraryError::Template(without_prefix(problem)));
        }
        library.local.push(template);
        Ok(library)
    }

    /// The library without the own template `id` (a pack's template with
    /// that id, if any, is offered again).
    pub fn delete_template(&self, id: &str) -> Result<Library, LibraryError> {
        let at = self
            .local
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| LibraryError::NotFound(id.to_owned()))?;
        let mut library = self.clone();
        library.local.remove(at);
        Ok(library)
    }

    /// The agent's own templates as a pack with id [`LOCAL_PACK_ID`], made
    /// by `author`: what the extension offers, and what "export" writes
    /// (under the id, name and version the agent gives it).
    pub fn local_pack(&self, author: &str) -> Pack {
        Library::pack_of(&self.local, author)
    }

    fn pack_of(templates: &[PackTemplate], author: &str) -> Pack {
        let languages: BTreeSet<&String> = templates.iter().flat_map(|t| t.body.keys()).collect();
        Pack {
            format: PACK_FORMAT,
            id: LOCAL_PACK_ID.to_owned(),
            name: "My templates".to_owned(),
            version: "1.0.0".to_owned(),
            author: author.to_owned(),
            languages: if languages.is_empty() {
                vec!["en".to_owned()]
            } else {
                languages.into_iter().cloned().collect()
            },
            signature: None,
            templates: templates.to_vec(),
            rules: Vec::new(),
        }
    }
}

/// A library opened for use: firstline's built-in packs and every stored
/// pack read once. Offering replies, the lists, the editor and imports read
/// from it; a change makes a new [`Library`], stored and opened again.
#[derive(Debug, Clone)]
pub struct Shelf {
    library: Library,
    builtin: Vec<Pack>,
    /// The stored packs as read, in the order of `library.packs`: `None` for
    /// one that could not be read.
    imported: Vec<Option<Pack>>,
    unreadable: Vec<String>,
}

impl Library {
    /// Opens the library with firstline's `builtin` packs, reading each
    /// stored pack once. Stored packs were checked whole when imported, so
    /// here only their shape is read ([`Pack::from_stored_json`]); one that
    /// cannot be read is left out and named in [`Shelf::unreadable`], and
    /// stays stored.
    pub fn open(self, builtin: Vec<Pack>) -> Shelf {
        let mut unreadable = Vec::new();
        let imported = self
            .packs
            .iter()
            .enumerate()
            .map(
                |(index, stored)| match Pack::from_stored_json(&stored.text) {
                    Ok(pack) => Some(pack),
                    Err(error) => {
                        unreadable.push(format!("stored pack {}: {error}", index + 1));
                        None
                    }
                },
            )
            .collect();
        Shelf {
            library: self,
            builtin,
            imported,
            unreadable,
        }
    }
}

impl Shelf {
    /// The library as stored.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The stored packs that could not be read, as messages.
    pub fn unreadable(&self) -> &[String] {
        &self.unreadable
    }

    /// The packs replies are offered from: the built-in packs, then the
    /// imported ones, then the agent's own templates as a pack made by
    /// `author`, with every pack's template that an own template replaces
    /// left out.
    pub fn offered(&self, author: &str) -> Vec<Pack> {
        let own: HashSet<&str> = self.library.local.iter().map(|t| t.id.as_str()).collect();
        let mut packs: Vec<Pack> = self.packs().cloned().collect();
        for pack in &mut packs {
            pack.templates.retain(|t| !own.contains(t.id.as_str()));
        }
        if !self.library.local.is_empty() {
            packs.push(self.library.local_pack(author));
        }
        packs
    }

    /// The built-in packs, then the imported packs that could be read.
    fn packs(&self) -> impl Iterator<Item = &Pack> {
        self.builtin.iter().chain(self.imported.iter().flatten())
    }

    /// Where the imported pack `id` is in the library's `packs`.
    fn position(&self, id: &str) -> Option<usize> {
        self.imported
            .iter()
            .position(|pack| pack.as_ref().is_some_and(|p| p.id == id))
    }

    /// Every pack, built-in and imported, for lists.
    pub fn summaries(&self) -> Vec<PackSummary> {
        let summary = |pack: &Pack, stored: Option<&ImportedPack>| PackSummary {
            id: pack.id.clone(),
            name: pack.name.clone(),
            version: pack.version.clone(),
            author: pack.author.clone(),
            templates: pack.templates.len(),
            builtin: stored.is_none(),
            source: stored.and_then(|s| s.source.clone()),
            signer: stored.and_then(|s| s.signer.clone()),
        };
        let builtin = self.builtin.iter().map(|pack| summary(pack, None));
        let imported = self
            .imported
            .iter()
            .zip(&self.library.packs)
            .filter_map(|(pack, stored)| Some(summary(pack.as_ref()?, Some(stored))));
        builtin.chain(imported).collect()
    }

    /// Every reply of the library, by template id in order of first
    /// appearance: the packs' templates with their languages gathered (the
    /// first pack to have a language wins it), and the agent's own
    /// templates in their place.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for pack in self.packs() {
            for template in &pack.templates {
                let index = *at.entry(template.id.as_str()).or_insert_with(|| {
                    entries.push(Entry {
                        template: PackTemplate {
                            body: BTreeMap::new(),
                            ..template.clone()
                        },
                        packs: Vec::new(),
                        local: false,
                    });
                    entries.len() - 1
                });
                let entry = &mut entries[index];
                for (lang, body) in &template.body {
                    entry
                        .template
                        .body
                        .entry(lang.clone())
                        .or_insert_with(|| body.clone());
                }
                if !entry.packs.contains(&pack.id) {
                    entry.packs.push(pack.id.clone());
                }
            }
        }
        for template in &self.library.local {
            let own = Entry {
                template: template.clone(),
                packs: Vec::new(),
                local: true,
            };
            match at.get(template.id.as_str()) {
                Some(&index) => {
                    let entry = &mut entries[index];
                    entry.template = own.template;
                    entry.local = true;
                }
                None => entries.push(own),
            }
        }
        entries
    }

    /// What importing the pack `text` would change, without building the
    /// next library: for the agent to review. Refuses what
    /// [`Shelf::import`] refuses.
    pub fn review(&self, text: &str, signer: Option<&str>) -> Result<PackDiff, LibraryError> {
        self.check(text, signer).map(|(_, _, diff)| diff)
    }

    /// The library with the pack `text` imported from `source` (its URL, if
    /// any): added, or replacing the library's copy of a pack with the same
    /// id. `signer` is the key the caller verified the pack's signature
    /// with; a signed pack without it, or with another key, is refused, as
    /// are packs too big, with too many templates, invalid, or with the id
    /// of a built-in pack.
    pub fn import(
        &self,
        text: &str,
        source: Option<&str>,
        signer: Option<&str>,
        now_ms: i64,
    ) -> Result<ImportPlan, LibraryError> {
        let (_, existing, diff) = self.check(text, signer)?;
        let packs = &self.library.packs;
        let imported = ImportedPack {
            text: text.to_owned(),
            source: source
                .map(str::to_owned)
                .or_else(|| existing.and_then(|at| packs[at].source.clone())),
            signer: signer.map(str::to_owned),
            imported_ms: now_ms,
        };
        let mut library = self.library.clone();
        match existing {
            Some(at) => library.packs[at] = imported,
            None => library.packs.push(imported),
        }
        Ok(ImportPlan { library, diff })
    }

    /// The pack `text` read and checked, where the library has it, and the
    /// diff of importing it.
    fn check(
        &self,
        text: &str,
        signer: Option<&str>,
    ) -> Result<(Pack, Option<usize>, PackDiff), LibraryError> {
        if text.len() > MAX_PACK_BYTES {
            return Err(LibraryError::TooBig(text.len()));
        }
        let pack = Pack::from_json(text).map_err(LibraryError::Pack)?;
        if pack.templates.len() > MAX_PACK_TEMPLATES {
            return Err(LibraryError::TooManyTemplates(pack.templates.len()));
        }
        if pack.id == LOCAL_PACK_ID || self.builtin.iter().any(|b| b.id == pack.id) {
            return Err(LibraryError::ReservedId(pack.id));
        }
        let verified = match (&pack.signature, signer) {
            (None, None) => true,
            (Some(signature), Some(key)) => signature
                .strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':')),
            _ => false,
        };
        if !verified {
            return Err(LibraryError::Unverified);
        }
        let existing = self.position(&pack.id);
        let diff = self.diff(existing, &pack, signer);
        Ok((pack, existing, diff))
    }

    /// The library without the imported pack `id`.
    pub fn remove_pack(&self, id: &str) -> Result<Library, LibraryError> {
        let at = self
            .position(id)
            .ok_or_else(|| LibraryError::NotFound(id.to_owned()))?;
        let mut library = self.library.clone();
        library.packs.remove(at);
        Ok(library)
    }

    /// The text of the imported pack `id`, exactly as imported.
    pub fn pack_text(&self, id: &str) -> Result<&str, LibraryError> {
        let at = self
            .position(id)
            .ok_or_else(|| LibraryError::NotFound(id.to_owned()))?;
        Ok(&self.library.packs[at].text)
    }

    fn diff(&self, existing: Option<usize>, new: &Pack, signer: Option<&str>) -> PackDiff {
        let old = existing.and_then(|at| self.imported[at].as_ref());
        let empty = Vec::new();
        let old_templates = old.map_or(&empty, |p| &p.templates);
        let mut added = Vec::new();
        let mut changed = Vec::new();
        for template in &new.templates {
            match old_templates.iter().find(|t| t.id == template.id) {
                None => added.push(template.id.clone()),
                Some(before) if before != template => changed.push(template.id.clone()),
                Some(_) => {}
            }
        }
        let removed = old_templates
            .iter()
            .filter(|t| new.template(&t.id).is_none())
            .map(|t| t.id.clone())
            .collect();
        let kept_local = added
            .iter()
            .chain(&changed)
            .filter(|id| self.library.local.iter().any(|t| &&t.id == id))
            .cloned()
            .collect();
        PackDiff {
            id: new.id.clone(),
            name: new.name.clone(),
            author: new.author.clone(),
            from_version: old.map(|p| p.version.clone()),
            to_version: new.version.clone(),
            older: old
                .is_some_and(|p| compare_versions(&new.version, &p.version) == Ordering::Less),
            from_signer: existing.and_then(|at| self.library.packs[at].signer.clone()),
            to_signer: signer.map(str::to_owned),
            added,
            removed,
            changed,
            kept_local,
            rules_changed: old.is_some_and(|p| p.rules != new.rules),
        }
    }
}

/// A problem of a one-template pack, with the path starting at the
/// template (`body.en`, not `templates[0].body.en`).
fn without_prefix(problem: PackError) -> PackError {
    match problem {
        PackError::Invalid { path, message } => PackError::Invalid {
            path: path
                .strip_prefix("templates[0].")
                .unwrap_or(&path)
                .to_owned(),
            message,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Vec<Pack> {
        [
            include_str!("../../packs/default-en.json"),
            include_str!("../../packs/default-ru.json"),
        ]
        .iter()
        .map(|text| Pack::from_json(text).unwrap())
        .collect()
    }

    fn team_pack(version: &str, templates: &str) -> String {
        format!(
            r#"{{"format": 1, "id": "acme.replies", "name": "Acme", "version": "{version}",
                "author": "Acme support", "languages": ["en"], "templates": [{templates}]}}"#
        )
    }

    fn template(id: &str, body: &str) -> PackTemplate {
        PackTemplate {
            id: id.to_owned(),
            title: id.to_owned(),
            body: BTreeMap::from([("en".to_owned(), body.to_owned())]),
            tags: vec![],
            categories: vec![],
            shortcut: None,
        }
    }

    const HELLO: &str = r#"{"id": "hello", "title": "Hello", "body": {"en": "Hi!"}}"#;
    const BYE: &str = r#"{"id": "bye", "title": "Bye", "body": {"en": "Bye!"}}"#;

    #[test]
    fn import_adds_then_updates_with_a_diff() {
        let first = Library::default()
            .clone()
            .open(builtin())
            .import(
                &team_pack("1.0.0", HELLO),
                Some("https://acme.example/p.json"),
                None,
                1,
            )
            .unwrap();
        assert_eq!(first.diff.added, ["hello"]);
        assert_eq!(first.diff.from_version, None);
        let changed = HELLO.replace("Hi!", "Hello there!");
        let second = first
            .library
            .clone()
            .open(builtin())
            .import(
                &team_pack("1.1.0", &format!("{changed}, {BYE}")),
                None,
                None,
                2,
            )
            .unwrap();
        assert_eq!(second.diff.from_version.as_deref(), Some("1.0.0"));
        assert_eq!(second.diff.changed, ["hello"]);
        assert_eq!(second.diff.added, ["bye"]);
        assert!(!second.diff.older);
        assert_eq!(second.library.packs.len(), 1, "replaced, not added");
        assert_eq!(
            second.library.packs[0].source.as_deref(),
            Some("https://acme.example/p.json"),
            "the source is kept for the next update"
        );
        let back = second
            .library
            .clone()
            .open(builtin())
            .import(&team_pack("1.0.0", HELLO), None, None, 3)
            .unwrap();
        assert!(back.diff.older);
        assert_eq!(back.diff.removed, ["bye"]);
    }

    #[test]
    fn an_update_never_overwrites_the_agents_own_version() {
        let library = Library::default()
            .clone()
            .open(builtin())
            .import(&team_pack("1.0.0", HELLO), None, None, 1)
            .unwrap()
            .library
            .save_template(template("hello", "Hi from me!"), None, &[])
            .unwrap();
        let update = library
            .clone()
            .open(builtin())
            .import(
                &team_pack("2.0.0", &HELLO.replace("Hi!", "New hi!")),
                None,
                None,
                2,
            )
            .unwrap();
        assert_eq!(update.diff.kept_local, ["hello"]);
        let shelf = update.library.clone().open(builtin());
        assert!(shelf.unreadable().is_empty());
        let packs = shelf.offered("Sam");
        let hellos: Vec<&str> = packs
            .iter()
            .filter_map(|p| p.template("hello"))
            .map(|t| t.body["en"].as_str())
            .collect();
        assert_eq!(hellos, ["Hi from me!"]);
        // Deleting the own version brings the pack's back.
        let reverted = update.library.delete_template("hello").unwrap();
        let packs = reverted.open(builtin()).offered("Sam");
        let hellos: Vec<&str> = packs
            .iter()
            .filter_map(|p| p.template("hello"))
            .map(|t| t.body["en"].as_str())
            .collect();
        assert_eq!(hellos, ["New hi!"]);
    }

    #[test]
    fn bad_imports_leave_the_library_as_it_was() {
        let library = Library::default()
            .clone()
            .open(builtin())
            .import(&team_pack("1.0.0", HELLO), None, None, 1)
            .unwrap()
            .library;
        let before = library.clone();
        let big = format!("{{\"x\": \"{}\"}}", "a".repeat(MAX_PACK_BYTES));
        assert!(matches!(
            library.clone().open(builtin()).import(&big, None, None, 2),
            Err(LibraryError::TooBig(_))
        ));
        let many: Vec<String> = (0..=MAX_PACK_TEMPLATES)
            .map(|i| format!(r#"{{"id": "t{i}", "title": "T", "body": {{"en": "x"}}}}"#))
            .collect();
        assert_eq!(
            library.clone().open(builtin()).import(
                &team_pack("1.0.0", &many.join(",")),
                None,
                None,
                2
            ),
            Err(LibraryError::TooManyTemplates(MAX_PACK_TEMPLATES + 1))
        );
        let broken =
            library
                .clone()
                .open(builtin())
                .import("{\"format\": 1,\n  \"id\": }", None, None, 2);
        assert!(
            matches!(
                &broken,
                Err(LibraryError::Pack(PackError::Json { line: 2, .. }))
            ),
            "{broken:?}"
        );
        let builtin_id = team_pack("1.0.0", HELLO).replace("acme.replies", "firstline.default.en");
        assert_eq!(
            library
                .clone()
                .open(builtin())
                .import(&builtin_id, None, None, 2),
            Err(LibraryError::ReservedId("firstline.default.en".into()))
        );
        assert_eq!(library, before);
    }

    #[test]
    fn a_signed_pack_needs_its_verified_key() {
        let signed =
            team_pack("1.0.0", HELLO).replacen('{', r#"{"signature": "ed25519:KEY:SIG","#, 1);
        let library = Library::default();
        assert_eq!(
            library
                .clone()
                .open(builtin())
                .import(&signed, None, None, 1),
            Err(LibraryError::Unverified)
        );
        assert_eq!(
            library
                .clone()
                .open(builtin())
                .import(&signed, None, Some("ed25519:OTHER"), 1),
            Err(LibraryError::Unverified)
        );
        assert_eq!(
            library.clone().open(builtin()).import(
                &team_pack("1.0.0", HELLO),
                None,
                Some("ed25519:KEY"),
                1
            ),
            Err(LibraryError::Unverified),
            "an unsigned pack has no signer"
        );
        let plan = library
            .clone()
            .open(builtin())
            .import(&signed, None, Some("ed25519:KEY"), 1)
            .unwrap();
        assert_eq!(plan.library.packs[0].signer.as_deref(), Some("ed25519:KEY"));
        assert_eq!(plan.diff.to_signer.as_deref(), Some("ed25519:KEY"));
    }

    #[test]
    fn own_templates_are_checked_like_a_packs() {
        let library = Library::default();
        let broken = library.save_template(template("t", "Hi {{#x}}"), None, &[]);
        assert!(
            matches!(&broken, Err(LibraryError::Template(PackError::Invalid { path, .. })) if path == "body.en"),
            "{broken:?}"
        );
        let saved = library
            .save_template(template("t", "Hi"), None, &[])
            .unwrap();
        assert!(
            saved
                .save_template(template("t", "Again"), None, &[])
                .is_err(),
            "duplicate id"
        );
        let renamed = saved
            .save_template(template("u", "Hi"), Some("t"), &[])
            .unwrap();
        assert_eq!(
            renamed
                .local
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["u"]
        );
        assert_eq!(
            renamed.delete_template("t"),
            Err(LibraryError::NotFound("t".into()))
        );
    }

    #[test]
    fn entries_gather_the_languages_of_one_reply() {
        let library = Library::default()
            .save_template(template("contact-support", "Mine"), None, &[])
            .unwrap();
        let entries = library.open(builtin()).entries();
        let dm = entries
            .iter()
            .find(|e| e.template.id == "move-to-dm")
            .unwrap();
        assert_eq!(dm.template.body.keys().collect::<Vec<_>>(), ["en", "ru"]);
        assert_eq!(dm.packs, ["firstline.default.en", "firstline.default.ru"]);
        assert!(!dm.local);
        let mine = entries
            .iter()
            .find(|e| e.template.id == "contact-support")
            .unwrap();
        assert!(mine.local);
        assert_eq!(mine.template.body["en"], "Mine");
        assert_eq!(mine.packs.len(), 2, "it replaces the built-in one");
    }

    #[test]
    fn stored_versions() {
        let library = Library::default()
            .save_template(template("t", "Hi"), None, &[])
            .unwrap();
        assert_eq!(Library::from_json(&library.to_json()), Ok(library));
        assert_eq!(
            Library::from_json(r#"{"version": 2, "whatever": []}"#),
            Err(LibraryError::Newer(2))
        );
        assert!(matches!(
            Library::from_json("[1"),
            Err(LibraryError::Corrupt(_))
        ));
        assert!(matches!(
            Library::from_json(r#"{"version": 1, "packs": 3}"#),
            Err(LibraryError::Corrupt(_))
        ));
    }

    #[test]
    fn an_unreadable_stored_pack_is_named_and_the_rest_is_offered() {
        let mut library = Library::default()
            .clone()
            .open(builtin())
            .import(&team_pack("1.0.0", HELLO), None, None, 1)
            .unwrap()
            .library;
        library.packs.insert(
            0,
            ImportedPack {
                text: "{oops".to_owned(),
                source: None,
                signer: None,
                imported_ms: 0,
            },
        );
        let shelf = library.open(builtin());
        let (packs, unreadable) = (shelf.offered(""), shelf.unreadable());
        assert_eq!(packs.len(), 3);
        assert_eq!(unreadable.len(), 1);
        assert!(
            unreadable[0].starts_with("stored pack 1: "),
            "{unreadable:?}"
        );
    }
}
