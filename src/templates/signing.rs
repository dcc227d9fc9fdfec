//! Pack signatures: who made a pack, and that nobody changed it since.
//!
//! A team signs its pack with an Ed25519 key (`firstline pack sign`); the
//! signature goes into the pack's own `signature` field as
//! `ed25519:<public key>:<signature>` (both base64), so the pack stays one
//! plain, diffable file. What is signed is the pack's **content**, not its
//! formatting: the JSON value without `signature`, written compactly with
//! object keys sorted ([`signing_bytes`]). Re-indenting a pack keeps its
//! signature; changing a word breaks it.
//!
//! A valid signature says the pack is unchanged since the holder of that key
//! signed it; whether to trust the key is the reader's decision (the
//! extension shows the key, `firstline pack verify --key` insists on one).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use super::locate;

/// How every signature and public key starts.
pub const PREFIX: &str = "ed25519:";

/// How a secret key file starts.
const SECRET_PREFIX: &str = "ed25519-secret:";

/// Why a pack's signature could not be made or checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The pack is not a JSON object.
    NotAPack(String),
    /// The pack has no `signature`.
    Unsigned,
    /// The signature, a key or a key file is not in the expected form.
    Malformed(String),
    /// The signature does not match the pack: it was changed after signing,
    /// or signed with another key.
    Mismatch,
    /// The pack is validly signed, but not by the key that was required.
    OtherKey(String),
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::NotAPack(why) => write!(f, "not a pack: {why}"),
            SignError::Unsigned => write!(f, "the pack is not signed"),
            SignError::Malformed(why) => write!(f, "malformed signature or key: {why}"),
            SignError::Mismatch => write!(
                f,
                "the signature does not match: the pack was changed after it was signed"
            ),
            SignError::OtherKey(key) => write!(f, "signed by another key ({key})"),
        }
    }
}

impl std::error::Error for SignError {}

/// The bytes a signature covers: the pack's JSON value without its
/// `signature` member, compact, with object keys sorted.
pub fn signing_bytes(text: &str) -> Result<Vec<u8>, SignError> {
    canonical(parse(text)?)
}

fn parse(text: &str) -> Result<serde_json::Value, SignError> {
    serde_json::from_str(text).map_err(|e| SignError::NotAPack(e.to_string()))
}

/// [`signing_bytes`] of a pack already parsed.
fn canonical(mut value: serde_json::Value) -> Result<Vec<u8>, SignError> {
    let object = value
        .as_object_mut()
        .ok_or_else(|| SignError::NotAPack("a pack is a JSON object".to_owned()))?;
    object.remove("signature");
    // serde_json's maps are ordered by key (no `preserve_order`), so this
    // writes keys sorted at every level.
    serde_json::to_vec(&value).map_err(|e| SignError::NotAPack(e.to_string()))
}

/// A new secret key from 32 random bytes, written as a key file's text.
pub fn secret_key_text(seed: [u8; 32]) -> String {
    format!("{SECRET_PREFIX}{}\n", BASE64.encode(seed))
}

/// The public key (`ed25519:…`) of a key file's text.
pub fn public_key_of(secret: &str) -> Result<String, SignError> {
    Ok(public_key_text(&signing_key(secret)?.verifying_key()))
}

/// `text` with its `signature` set for the secret key `secret` (a key file's
/// text). Only the signature's value changes in the text (or one member is
/// added after the opening brace): the rest stays as the team wrote it.
pub fn sign(text: &str, secret: &str) -> Result<String, SignError> {
    let key = signing_key(secret)?;
    let signature = key.sign(&signing_bytes(text)?);
    let value = format!(
        "\"{}:{}\"",
        public_key_text(&key.verifying_key()),
        BASE64.encode(signature.to_bytes())
    );
    Ok(match locate::position_offset(text, "signature") {
        Some(start) => {
            let end = start + string_length(&text[start..])?;
            format!("{}{value}{}", &text[..start], &text[end..])
        }
        None => {
            let open = text
                .find('{')
                .ok_or_else(|| SignError::NotAPack("no object".to_owned()))?;
            let rest = &text[open + 1..];
            let indent = &rest[..rest.len() - rest.trim_start().len()];
            format!("{}{indent}\"signature\": {value},{rest}", &text[..=open])
        }
    })
}

/// Checks the signature of the pack `text`; returns the public key that
/// signed it (`ed25519:…`). With `required`, a valid signature by another
/// key is [`SignError::OtherKey`].
pub fn verify(text: &str, required: Option<&str>) -> Result<String, SignError> {
    let value = parse(text)?;
    let (key, signature) = match value.get("signature") {
        Some(serde_json::Value::String(s)) => parse_signature(s)?,
        Some(_) => {
            return Err(SignError::Malformed(
                "`signature` is not a string".to_owned(),
            ));
        }
        None => return Err(SignError::Unsigned),
    };
    key.verify(&canonical(value)?, &signature)
        .map_err(|_| SignError::Mismatch)?;
    let signer = public_key_text(&key);
    match required {
        Some(required) if required.trim() != signer => Err(SignError::OtherKey(signer)),
        _ => Ok(signer),
    }
}

/// What a signature check needs, taken apart without checking anything:
/// for hosts that verify with their own Ed25519 (the extension uses
/// WebCrypto, so the wasm carries no curve arithmetic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedParts {
    /// The signer's public key as written in the pack (`ed25519:…`).
    pub key_text: String,
    /// The raw 32-byte public key.
    pub key: [u8; 32],
    /// The raw 64-byte signature.
    pub signature: [u8; 64],
    /// The bytes the signature covers ([`signing_bytes`]).
    pub message: Vec<u8>,
}

/// The parts of the pack `text`'s signature; [`SignError::Unsigned`] when it
/// has none. A [`SignedParts`] is not a valid signature until its host has
/// verified `signature` over `message` with `key`.
pub fn signed_parts(text: &str) -> Result<SignedParts, SignError> {
    let value = parse(text)?;
    let written = match value.get("signature") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => {
            return Err(SignError::Malformed(
                "`signature` is not a string".to_owned(),
            ));
        }
        None => return Err(SignError::Unsigned),
    };
    let (key, signature) = split_signature(&written)?;
    let key: [u8; 32] = decode(key, "public key")?;
    Ok(SignedParts {
        key_text: format!("{PREFIX}{}", BASE64.encode(key)),
        key,
        signature: decode(signature, "signature")?,
        message: canonical(value)?,
    })
}

fn public_key_text(key: &VerifyingKey) -> String {
    format!("{PREFIX}{}", BASE64.encode(key.as_bytes()))
}

fn signing_key(secret: &str) -> Result<SigningKey, SignError> {
    let encoded = secret
        .trim()
        .strip_prefix(SECRET_PREFIX)
        .ok_or_else(|| SignError::Malformed(format!("a key file starts with `{SECRET_PREFIX}`")))?;
    let seed: [u8; 32] = decode(encoded, "secret key")?;
    Ok(SigningKey::from_bytes(&seed))
}

/// `ed25519:<key>:<signature>` → the key and the signature.
fn parse_signature(text: &str) -> Result<(VerifyingKey, Signature), SignError> {
    let (key, signature) = split_signature(text)?;
    let key = VerifyingKey::from_bytes(&decode(key, "public key")?)
        .map_err(|_| SignError::Malformed("not an Ed25519 public key".to_owned()))?;
    let signature: [u8; 64] = decode(signature, "signature")?;
    Ok((key, Signature::from_bytes(&signature)))
}

/// `ed25519:<key>:<signature>` → the key's and the signature's base64.
fn split_signature(text: &str) -> Result<(&str, &str), SignError> {
    text.strip_prefix(PREFIX)
        .ok_or_else(|| SignError::Malformed(format!("a signature starts with `{PREFIX}`")))?
        .split_once(':')
        .ok_or_else(|| SignError::Malformed("expected `ed25519:<key>:<signature>`".to_owned()))
}

fn decode<const N: usize>(encoded: &str, what: &str) -> Result<[u8; N], SignError> {
    BASE64
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| SignError::Malformed(format!("the {what} is not {N} bytes of base64")))
}

/// The length in bytes of the JSON string literal at the start of `text`.
fn string_length(text: &str) -> Result<usize, SignError> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'"') {
        return Err(SignError::Malformed(
            "`signature` is not a string".to_owned(),
        ));
    }
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(SignError::NotAPack("unterminated string".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = include_str!("../../packs/sample.json");

    fn key(byte: u8) -> String {
        secret_key_text([byte; 32])
    }

    #[test]
    fn signed_parts_are_what_verify_checks() {
        let signed = sign(PACK, &key(3)).unwrap();
        let parts = signed_parts(&signed).unwrap();
        assert_eq!(Ok(parts.key_text.clone()), public_key_of(&key(3)));
        let key = VerifyingKey::from_bytes(&parts.key).unwrap();
        let signature = Signature::from_bytes(&parts.signature);
        assert!(key.verify(&parts.message, &signature).is_ok());
        assert_eq!(parts.message, signing_bytes(PACK).unwrap());
        assert_eq!(signed_parts(PACK), Err(SignError::Unsigned));
    }

    #[test]
    fn a_signed_pack_verifies_and_names_its_key() {
        let signed = sign(PACK, &key(1)).unwrap();
        assert_eq!(verify(&signed, None), public_key_of(&key(1)));
        assert!(
            super::super::Pack::from_json(&signed).is_ok(),
            "still a valid pack"
        );
        // Only the signature was added: everything else is as written.
        assert_eq!(signed.lines().count(), PACK.lines().count() + 1);
        assert!(signed.contains("\n  \"signature\": \"ed25519:"));
    }

    #[test]
    fn re_signing_replaces_the_signature_and_formatting_does_not_matter() {
        let once = sign(PACK, &key(1)).unwrap();
        let twice = sign(&once, &key(2)).unwrap();
        assert_eq!(twice.matches("\"signature\"").count(), 1);
        assert_eq!(verify(&twice, None), public_key_of(&key(2)));
        let compact =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&twice).unwrap())
                .unwrap();
        assert!(
            verify(&compact, None).is_ok(),
            "re-indented, the content is the same"
        );
    }

    #[test]
    fn a_changed_pack_or_another_key_is_refused() {
        let signed = sign(PACK, &key(1)).unwrap();
        let tampered = signed.replacen("Sample replies", "Sample replies!", 1);
        assert_eq!(verify(&tampered, None), Err(SignError::Mismatch));
        let mine = public_key_of(&key(1)).unwrap();
        assert_eq!(verify(&signed, Some(&mine)), Ok(mine.clone()));
        let theirs = public_key_of(&key(2)).unwrap();
        assert_eq!(
            verify(&signed, Some(&theirs)),
            Err(SignError::OtherKey(mine))
        );
    }

    #[test]
    fn bad_inputs_are_clear_errors() {
        assert_eq!(verify(PACK, None), Err(SignError::Unsigned));
        assert!(matches!(
            verify(r#"{"signature": "rsa:abc"}"#, None),
            Err(SignError::Malformed(_))
        ));
        assert!(matches!(verify("[1]", None), Err(SignError::Unsigned)));
        assert!(matches!(
            sign(PACK, "not a key"),
            Err(SignError::Malformed(_))
        ));
        assert!(matches!(signing_bytes("nope"), Err(SignError::NotAPack(_))));
    }
}
