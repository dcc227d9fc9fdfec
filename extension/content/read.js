// Reading a post's values with a site descriptor (src/platforms/sites/*.json).
//
// A descriptor field is {sel, attr, pattern}: the element at `sel` inside
// the post (the post itself without it), its attribute `attr` (its text
// without), and the first capture group of `pattern` when given. A selector
// may step into an open shadow root with ' >>> '. Everything read here is
// treated as plain text.

const MAX_TEXT = 20000; // characters of a post sent for triage

/**
 * The first element matching `selector` inside `root`, where ' >>> ' steps
 * into the open shadow root of the element matched so far.
 */
export function query(root, selector) {
  const steps = stepsOf(selector);
  let here = root;
  for (let i = 0; i < steps.length; i++) {
    const scope = i === 0 ? here : here.shadowRoot;
    if (!scope) return null;
    here = scope.querySelector(steps[i]);
    if (!here) return null;
  }
  return here;
}

const stepCache = new Map(); // selector → its ' >>> ' steps, trimmed

/**
 * A selector's steps, split once: every post reads several fields, so a
 * 1,000-post feed would otherwise split and trim the same few descriptor
 * selectors thousands of times.
 */
function stepsOf(selector) {
  let steps = stepCache.get(selector);
  if (!steps) stepCache.set(selector, (steps = selector.split('>>>').map((step) => step.trim())));
  return steps;
}

/**
 * Every element matching `selector` inside `root`; with ' >>> ', inside the
 * shadow root reached as `query` reaches it.
 */
export function queryAll(root, selector) {
  const steps = selector.split('>>>');
  const last = steps.pop().trim();
  const scope = steps.length ? query(root, steps.join('>>>'))?.shadowRoot : root;
  return scope ? [...scope.querySelectorAll(last)] : [];
}

const patterns = new Map(); // pattern text → RegExp, compiled once

/** Reads one descriptor field of `post`, or null when it is not there. */
export function readField(post, field) {
  if (!field) return null;
  const el = field.sel ? query(post, field.sel) : post;
  if (!el) return null;
  let value = field.attr ? el.getAttribute(field.attr) : el.textContent;
  if (value == null) return null;
  value = value.trim();
  if (field.pattern) {
    let re = patterns.get(field.pattern);
    if (!re) patterns.set(field.pattern, (re = new RegExp(field.pattern)));
    const m = re.exec(value);
    value = m ? m[1] : null; // named groups are numbered too
  }
  return value || null;
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

const UNIT_MS = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, mo: 30 * 86400e3, y: 365 * 86400e3 };
const UNIT_WORDS = [
  [/^(s|sec|secs|second|seconds)$/, 's'], [/^(m|min|mins|minute|minutes)$/, 'm'],
  [/^(h|hr|hrs|hour|hours)$/, 'h'], [/^(d|day|days)$/, 'd'], [/^(w|wk|wks|week|weeks)$/, 'w'],
  [/^(mo|month|months)$/, 'mo'], [/^(y|yr|yrs|year|years)$/, 'y'],
];

/**
 * Parses a post time to epoch ms, or null: ISO 8601, epoch milliseconds or
 * seconds (10 digits), or a short relative time as feeds write it ("5m",
 * "2h", "3 days ago", "1 week ago (edited)"), counted back from `now`.
 */
export function parseTime(text, now = Date.now()) {
  if (!text) return null;
  if (/^\d{12,}$/.test(text)) return Number(text);
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  const relative = /^(\d+)\s*([a-z]+)\.?(\s+ago)?\b/i.exec(text.trim());
  if (relative) {
    const unit = UNIT_WORDS.find(([re]) => re.test(relative[2].toLowerCase()))?.[1];
    if (unit) return now - Number(relative[1]) * UNIT_MS[unit];
  }
  const ms = /\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Reads a post element of a given shape (one of the descriptor's `posts`)
 * into what the core classifies, or null when it has no id or no text yet
 * (an empty shell that will fill in later).
 */
export function readPost(el, shape, descriptor) {
  const s = shape;
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
      verified: Boolean(s.verified && query(el, s.verified)),
      followers: parseCount(readField(el, s.followers)),
    },
    platform: descriptor.id,
    kind: s.kind,
    permalink: readField(el, s.permalink),
    posted_at: parseTime(readField(el, s.time)),
  };
}
