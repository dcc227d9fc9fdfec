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
export function prepare(replies) {
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
  if (at === 0 || (at > 0 && !/\p{L}|\p{N}/u.test(field[at - 1]))) return 3; // a word's start
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

/**
 * The prepared templates matching `query`, best first; all of them, in the
 * core's order, for an empty query.
 */
export function search(prepared, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return prepared.map((p) => p.reply);
  const scored = [];
  for (const p of prepared) {
    let total = 0;
    for (const word of words) {
      let best = 0;
      for (const [field, weight, short] of p.fields) best = Math.max(best, wordScore(word, field, short) * weight);
      if (best === 0) { total = -1; break; }
      total += best;
    }
    if (total > 0) scored.push([total, p.order, p.reply]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.map(([, , reply]) => reply);
}
