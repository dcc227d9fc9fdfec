// Reading a post's values with a site descriptor (src/platforms/*.json).
//
// A descriptor field is {sel, attr}: the element at `sel` inside the post
// (the post itself without it), and its attribute `attr` (its text without).
// Everything read here is treated as plain text.

const MAX_TEXT = 20000; // characters of a post sent for triage

/** Reads one descriptor field of `post`, or null when it is not there. */
export function readField(post, field) {
  if (!field) return null;
  const el = field.sel ? post.querySelector(field.sel) : post;
  if (!el) return null;
  const value = field.attr ? el.getAttribute(field.attr) : el.textContent;
  return value == null ? null : value.trim();
}

/** Parses follower counts written as "1200", "1.2K", "3,4 M". */
export function parseCount(text) {
  if (!text) return null;
  const m = /([\d.,]+)\s*([kKmMкКмМ]?)/.exec(text.replace(/\s+/g, ' '));
  if (!m) return null;
  const number = parseFloat(m[1].replace(/,(?=\d{3}\b)/g, '').replace(',', '.'));
  if (!Number.isFinite(number)) return null;
  const scale = { k: 1e3, K: 1e3, к: 1e3, К: 1e3, m: 1e6, M: 1e6, м: 1e6, М: 1e6 }[m[2]] ?? 1;
  return Math.round(number * scale);
}

/** Parses a post time (ISO 8601 or epoch ms) to epoch ms, or null. */
export function parseTime(text) {
  if (!text) return null;
  const ms = /^\d{12,}$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Reads a post element into the shape the core classifies, or null when it
 * has no id or no text yet (an empty shell that will fill in later).
 */
export function readPost(el, descriptor) {
  const s = descriptor.selectors;
  const id = readField(el, s.id);
  const text = readField(el, s.text);
  if (!id || !text) return null;
  const handle = readField(el, s.author_handle);
  return {
    key: `${descriptor.id}:${id}`,
    id,
    text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text,
    author: {
      name: readField(el, s.author_name),
      handle: handle ? handle.replace(/^@/, '') : null,
      verified: Boolean(s.verified && el.querySelector(s.verified)),
      followers: parseCount(readField(el, s.followers)),
    },
    platform: descriptor.id,
    posted_at: parseTime(readField(el, s.time)),
  };
}
