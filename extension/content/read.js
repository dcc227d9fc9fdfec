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

/** Words and letters that scale a count, as sites write them in several languages. */
const SCALES = [
  [/^(млрд|bn|b)/i, 1e9],
  [/^(тыс|mil(?![a-zñ])|k|к)/i, 1e3], // before millions: Spanish "mil" is a thousand
  [/^(млн|mio|mln|mi|m|м)/i, 1e6],
];

/**
 * Parses follower counts as sites write them: "1200", "12,345", "12 345",
 * "1.2K", "3,4 М", "1,5 тыс.", "2 mil". With a scale word the separator is a
 * decimal point; without one, a separator before exactly three digits groups
 * thousands.
 */
export function parseCount(text) {
  if (!text) return null;
  const m = /(\d+(?:[.,\u00a0\u202f ]\d+)*)\s*([^\d\s.,]*)/.exec(text);
  if (!m) return null;
  const scale = SCALES.find(([re]) => re.test(m[2]))?.[1] ?? 1;
  const grouped = scale === 1 && /^\d{1,3}([.,\u00a0\u202f ]\d{3})+$/.test(m[1]);
  const digits = grouped ? m[1].replace(/[.,\u00a0\u202f ]/g, '') : m[1].replace(/[\u00a0\u202f ]/g, '').replace(',', '.');
  const number = parseFloat(digits);
  return Number.isFinite(number) ? Math.round(number * scale) : null;
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
