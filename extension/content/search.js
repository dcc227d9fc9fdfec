// Fuzzy search over reply templates, for the picker: every word typed must
// be found in a template's shortcut, title, tags or text — whole, as a
// prefix of a word, or as letters in order ("ackapol" finds "Acknowledge,
// apologise") — and the closer the match, and the more important the field,
// the higher the template ranks. Ties keep the core's order (the post's
// categories and language first).
//
// Pure and DOM-free: the unit tests run it under Node, and the picker runs it
// on every keystroke, so each template's searchable text is prepared once.

/** Field weights: a shortcut or title hit says more than one in the body. */
const FIELDS = [['shortcut', 8, true], ['title', 4, true], ['tags', 3, false], ['text', 1, false]];

/** Lower-cases and strips accents, so "apologise" finds "Apologisé". */
export function fold(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Prepares templates for repeated searches. */
function prepare(replies) {
  return replies.map((reply, order) => ({
    reply,
    order,
    fields: FIELDS.map(([name, weight, short]) => {
      const value = name === 'tags' ? (reply.tags ?? []).join(' ') : (reply[name] ?? '');
      return [fold(value), weight, short];
    }),
  }));
}

/**
 * How well one query word matches one folded field (0: not at all). Letters
 * in order count only in short fields (shortcut, title): in a reply's text
 * almost any letters appear in order somewhere.
 */
function wordScore(word, field, short) {
  const at = field.indexOf(word);
  if (at === 0 || (at > 0 && isSeparator(field.charCodeAt(at - 1)))) return 3; // a word's start
  if (at > 0) return 2; // inside a word
  if (!short) return 0;
  // Letters in order, not too spread out.
  let from = 0;
  let span = 0;
  for (const ch of word) {
    const found = field.indexOf(ch, from);
    if (found < 0) return 0;
    if (from > 0) span += found - from;
    from = found + 1;
  }
  return span <= word.length * 3 ? 1 : 0;
}

/** Spaces and ASCII punctuation: what a word starts after. */
function isSeparator(code) {
  return code < 0x30 || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7f);
}

/**
 * Searches one list as the agent types: a query that only adds to the last
 * one can only match fewer templates (every word must still be found, and a
 * longer word is found in fewer places), so it searches the last matches
 * instead of the whole list.
 */
export class Searcher {
  constructor(replies) {
    this.all = prepare(replies);
    this.last = { query: '', matches: this.all };
  }

  /**
   * The templates matching `query`, best first; all of them, in the core's
   * order, for an empty query.
   */
  find(query) {
    const folded = fold(query).trim();
    const pool = folded.startsWith(this.last.query) && this.last.query ? this.last.matches : this.all;
    const matches = rank(pool, folded, this.all);
    this.last = { query: folded, matches };
    return matches.map((p) => p.reply);
  }
}

/**
 * `pool` (entries of `all`) matching the folded query, best first. Sorting
 * is by one number per match — score high, then the core's order — in a
 * typed array, which sorts without a comparator call per pair: on 10,000
 * templates the comparator sort was most of a keystroke.
 */
function rank(pool, folded, all) {
  const words = folded.split(/\s+/).filter(Boolean);
  if (words.length === 0) return pool;
  const keys = new Float64Array(pool.length);
  let matched = 0;
  for (const p of pool) {
    let total = 0;
    for (const word of words) {
      let best = 0;
      for (const [field, weight, short] of p.fields) {
        if (weight * 3 <= best) break; // fields are by weight: none can beat it now
        best = Math.max(best, wordScore(word, field, short) * weight);
      }
      if (best === 0) { total = 0; break; }
      total += best;
    }
    if (total > 0) keys[matched++] = -total * ORDERS + p.order;
  }
  const sorted = keys.subarray(0, matched).sort();
  return Array.from(sorted, (key) => all[((key % ORDERS) + ORDERS) % ORDERS]);
}

/** More than any list's length: a key is `-score × ORDERS + order`. */
const ORDERS = 2 ** 24;
