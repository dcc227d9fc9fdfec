// The reply library, as the service worker and the options page share it.
//
// The built-in packs ship in packs/ and are never stored. Everything the
// agent adds — imported packs, their own templates — is one value under the
// `library` key of chrome.storage.local, computed by the core
// (templates/library.rs) and written in one `set`. A write either happens
// whole or not at all, so a failed import or a full storage leaves the
// library exactly as it was; there is no half-imported pack to clean up.
//
// It is stored as an object rather than as JSON text: storage serializes
// values to JSON itself, and a string would escape every quote of every
// pack a second time, nearly doubling what counts against the 10 MB quota.

/** firstline's reply packs, one per language with the same template ids. */
export const BUILTIN_PACKS = ['en', 'ru', 'be', 'uk', 'zh', 'af', 'es', 'de', 'fr', 'pt']
  .map((lang) => `packs/default-${lang}.json`);

/** The largest pack fetched or read, as the core's MAX_PACK_BYTES. */
export const MAX_PACK_BYTES = 8 << 20;

async function builtinTexts() {
  return Promise.all(BUILTIN_PACKS.map(async (path) => {
    const response = await fetch(chrome.runtime.getURL(path));
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.text();
  }));
}

/**
 * The agent's library, ready to offer replies and to be changed:
 * `{library, writable, problem}`; `justStored` (optional) is the library
 * as JSON text the caller has just stored. A stored library the core cannot read
 * (written by a newer firstline, or damaged) is never stored over:
 * `writable` is false, the built-in packs are offered, and `problem` says
 * why.
 */
export async function openLibrary(core, { justStored } = {}) {
  // `justStored` is the library JSON the caller has just written: reading
  // several megabytes back from storage would only return it again.
  const [texts, { library: stored, profile }] = await Promise.all([
    builtinTexts(), chrome.storage.local.get(justStored === undefined ? ['library', 'profile'] : ['profile']),
  ]);
  const author = profile?.name ?? '';
  const json = justStored ?? (stored === undefined ? undefined : JSON.stringify(stored));
  try {
    const library = new core.ReplyLibrary(texts, json, author);
    const unreadable = library.problems();
    return { library, writable: true, problem: unreadable.length ? unreadable.join('; ') : null };
  } catch (error) {
    return { library: new core.ReplyLibrary(texts, undefined, author), writable: false, problem: messageOf(error) };
  }
}

/**
 * Stores the next library (from a ReplyLibrary change: JSON text, or that
 * text parsed). Throws a readable error when the storage is full; the
 * stored library is then unchanged.
 */
export async function storeLibrary(next) {
  try {
    await chrome.storage.local.set({ library: typeof next === 'string' ? JSON.parse(next) : next });
  } catch (error) {
    const message = messageOf(error);
    throw new Error(/quota/i.test(message)
      ? `${chrome.i18n.getMessage('storageFull')} (${message})`
      : message);
  }
}

/**
 * The key that signed the pack `text` (`ed25519:…`), verified with
 * WebCrypto, or null for an unsigned pack. A signature that does not match
 * throws: the pack was changed after it was signed, and is refused.
 */
export async function verifiedSigner(core, text) {
  // Most packs are unsigned: say so without copying megabytes into the core.
  // A key spelled with escapes is missed here, and the core's import then
  // refuses the pack as signed but not verified.
  if (!text.includes('"signature"')) return null;
  const parts = core.signedParts(text);
  if (!parts) return null;
  const key = await crypto.subtle.importKey('raw', parts.key, { name: 'Ed25519' }, false, ['verify']);
  if (!await crypto.subtle.verify({ name: 'Ed25519' }, key, parts.signature, parts.message)) {
    throw new Error(chrome.i18n.getMessage('packTampered'));
  }
  return parts.key_text;
}

/**
 * The text of the pack at the HTTPS `url`: read without cookies, at most
 * MAX_PACK_BYTES, as UTF-8. Servers must let browsers read it (CORS), as
 * GitHub's raw files and most static hosts do; firstline asks for no
 * permission to read other sites.
 */
export async function fetchPack(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(chrome.i18n.getMessage('packBadUrl'));
  }
  if (parsed.protocol !== 'https:') throw new Error(chrome.i18n.getMessage('packBadUrl'));
  let response;
  try {
    response = await fetch(parsed, { credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    throw new Error(`${chrome.i18n.getMessage('packUnreachable')} (${messageOf(error)})`);
  }
  if (!response.ok) throw new Error(`${chrome.i18n.getMessage('packUnreachable')} (HTTP ${response.status})`);
  const bytes = await readAtMost(response.body, MAX_PACK_BYTES);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(chrome.i18n.getMessage('packNotText'));
  }
}

/** The whole stream, or an error as soon as it passes `limit` bytes. */
async function readAtMost(stream, limit) {
  const chunks = [];
  let length = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    length += next.value.length;
    if (length > limit) {
      reader.cancel();
      throw new Error(chrome.i18n.getMessage('packTooBig', [String(limit >> 20)]));
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** An error's message, for errors thrown by the core, the browser or us. */
export function messageOf(error) {
  return String(error?.message ?? error);
}
