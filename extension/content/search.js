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

/**
 * Prepares templates for repeated searches: each field folded once, in one
 * list per field indexed by the template's place in the core's order — a
 * search then walks plain arrays of strings, with no object per template.
 * The text, the one long field, also gets a sketch (see Sketch). Folding the
 * texts is most of the preparing, but it is not left to the first search
 * that needs them: a rare first letter ("x") needs them all at once.
 */
function prepare(replies) {
  return FIELDS.map(([name, weight, short]) => {
    const values = replies.map((reply) => fold(name === 'tags' ? (reply.tags ?? []).join(' ') : (reply[name] ?? '')));
    return { weight, short, values, sketch: name === 'text' ? new Sketch(values) : null };
  });
}

/** Bits per text in a Sketch: a 400-letter text sets about a sixth of them. */
const SKETCH_INTS = 32; // × 32 bits: 1,024 bits, 1.3 MB for 10,000 texts

/**
 * The letters and letter pairs of each of a list of texts, as a Bloom
 * filter of 1,024 bits per text: a word one of whose letters or pairs is
 * missing is not in the text, and then the text need not be scanned. Texts
 * are long, and scanning 10,000 of them for a word most of them lack (an
 * "x", a "ti") took most of a keystroke. A set bit may be another pair's, so
 * a text the sketch lets through is still scanned.
 */
class Sketch {
  constructor(texts) {
    this.bits = new Int32Array(texts.length * SKETCH_INTS);
    texts.forEach((text, order) => this.add(order * SKETCH_INTS, text));
  }

  /**
   * Sets the bits of one text's letters and pairs. A function of its own:
   * V8 optimizes a nested loop's inner loop on its own and leaves it at
   * every exit, which made the sketches several times slower to make.
   */
  add(base, text) {
    const bits = this.bits;
    let before = NONE;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let bit = slot(NONE, code);
      bits[base + (bit >>> 5)] |= 1 << (bit & 31);
      bit = slot(before, code);
      bits[base + (bit >>> 5)] |= 1 << (bit & 31);
      before = code;
    }
  }

  /** Whether the text at `order` may hold the word whose `slots` are given. */
  mayHold(order, slots) {
    const base = order * SKETCH_INTS;
    for (let i = 0; i < slots.length; i++) {
      if ((this.bits[base + (slots[i] >>> 5)] & (1 << (slots[i] & 31))) === 0) return false;
    }
    return true;
  }

  /** The bits a word needs: its one letter, or its pairs of letters. */
  static slots(word) {
    if (word.length === 1) return [slot(NONE, word.charCodeAt(0))];
    return Array.from({ length: word.length - 1 }, (_, i) => slot(word.charCodeAt(i), word.charCodeAt(i + 1)));
  }
}

/** What precedes a lone letter in a sketch: no UTF-16 code unit. */
const NONE = 0x10000;

/** The sketch bit of a letter after another (multiplicative hashing). */
function slot(before, code) {
  return Math.imul(Math.imul(before, 0x9e3779b1) ^ code, 0x85ebca6b) >>> 22; // 0 … 1,023
}

/**
 * How well one query word matches one folded field: 3 at a word's start, 2
 * inside a word, 1 as letters in order. Letters in order count only in short
 * fields (shortcut, title): in a reply's text almost any letters appear in
 * order somewhere. 0 when the letters are in order but too spread out: no
 * match, yet a longer word may match (it may spread further), so the
 * template must stay in the pool it will be searched in. -1 when no longer
 * word can match either.
 */
function wordScore({ word, letters }, field, short) {
  const at = field.indexOf(word);
  if (at === 0 || (at > 0 && isSeparator(field.charCodeAt(at - 1)))) return 3; // a word's start
  if (at > 0) return 2; // inside a word
  if (!short || letters.length === 1) return -1; // one letter in order is the letter: not there
  // Letters in order, not too spread out.
  let from = 0;
  let span = 0;
  for (let i = 0; i < letters.length; i++) {
    const found = field.indexOf(letters[i], from);
    if (found < 0) return -1;
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
 * Searches one list as the agent types. A query that only adds to an earlier
 * one can only match fewer templates (every word must still be found, and a
 * longer word is found in fewer places), so it searches that query's pool —
 * its matches, and the templates only too spread out for it (see wordScore)
 * — instead of the whole list. Each query on the way is kept with its pool
 * and results (the trail): deleting back to one of them costs nothing, and
 * an edit searches from the longest one the new query still starts with.
 */
export class Searcher {
  constructor(replies) {
    this.replies = replies;
    this.fields = prepare(replies);
    const everyone = Int32Array.from(replies, (_, order) => order);
    this.trail = [{ query: '', pool: everyone, results: replies }];
  }

  /**
   * The templates matching `query`, best first; all of them, in the core's
   * order, for an empty query.
   */
  find(query) {
    const folded = fold(query).trim();
    while (!folded.startsWith(this.trail.at(-1).query)) this.trail.pop();
    const last = this.trail.at(-1);
    if (last.query !== folded) this.trail.push({ query: folded, ...rank(last.pool, folded, this.fields, this.replies) });
    return this.trail.at(-1).results.slice(); // the caller's to keep: the trail's stays as it is
  }
}

/**
 * The templates of `pool` (places in the core's order, ascending) matching
 * the folded query, best first (`results`), and the pool a longer query
 * searches (`pool`): these and those whose letters are in order but too
 * spread out for a word typed so far (see wordScore).
 */
function rank(pool, folded, fields, replies) {
  // Each word's letters and sketch bits once, not per template.
  const words = folded.split(/\s+/).map((word) => ({ word, letters: [...word], slots: Sketch.slots(word) }));
  const kept = new Int32Array(pool.length);
  const matched = new Int32Array(pool.length);
  const scores = new Int32Array(pool.length);
  let keptCount = 0;
  let matchedCount = 0;
  for (let i = 0; i < pool.length; i++) {
    const order = pool[i];
    const score = templateScore(order, words, fields);
    if (score < 0) continue;
    kept[keptCount++] = order;
    if (score === 0) continue;
    matched[matchedCount] = order;
    scores[matchedCount++] = score;
  }
  return {
    pool: kept.subarray(0, keptCount),
    results: byScore(matched.subarray(0, matchedCount), scores, replies),
  };
}

/**
 * One template's score for the query's words: the sum of each word's best
 * field; 0 when a word only has its letters too spread out, -1 when a word
 * is not there at all.
 */
function templateScore(order, words, fields) {
  let total = 0;
  let spread = false;
  for (let w = 0; w < words.length; w++) {
    const best = bestField(words[w], order, fields);
    if (best < 0) return -1;
    if (best === 0) spread = true;
    total += best;
  }
  return spread ? 0 : total;
}

/** One word's score in its best field of one template (see wordScore). */
function bestField(word, order, fields) {
  let best = -1;
  for (let f = 0; f < fields.length; f++) {
    const { weight, short, values, sketch } = fields[f];
    if (weight * 3 <= best) break; // fields are by weight: none can beat it now
    const score = sketch && !sketch.mayHold(order, word.slots) ? -1 : wordScore(word, values[order], short);
    best = Math.max(best, score * weight); // -1 × weight stays below
  }
  return best;
}

/**
 * The replies at `orders` (ascending) by score, high first, by a counting
 * sort: scores are small integers and `orders` is already in the core's
 * order, so one pass to count and one to place rank them, ties in the core's
 * order. On 10,000 templates, sorting one key per match in a typed array and
 * mapping the keys back to replies took a millisecond or more.
 */
function byScore(orders, scores, replies) {
  let top = 0;
  for (let i = 0; i < orders.length; i++) top = Math.max(top, scores[i]);
  const next = new Int32Array(top + 1); // per score: the next place for one of its replies
  for (let i = 0; i < orders.length; i++) next[scores[i]]++;
  for (let score = top, place = 0; score > 0; score--) {
    const count = next[score];
    next[score] = place;
    place += count;
  }
  const results = new Array(orders.length);
  for (let i = 0; i < orders.length; i++) results[next[scores[i]]++] = replies[orders[i]];
  return results;
}
