// The picker's fuzzy template search, under Node.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Searcher, fold } from '../../extension/content/search.js';

const REPLIES = [
  { id: 'contact', title: 'How to reach support', text: 'Hi Ann, you can reach us any time by DM.', tags: ['contact'], shortcut: 'contact' },
  { id: 'sorry', title: 'Acknowledge, apologise, solve', text: 'Hi Ann, thank you for letting us know, and I am sorry.', tags: ['apology', 'complaint'], shortcut: 'sorry' },
  { id: 'refund', title: 'Charged twice: refund the duplicate', text: 'Hi Ann, we will refund the duplicate payment.', tags: ['billing'], shortcut: 'twice' },
  { id: 'remboursement', title: 'Débité deux fois', text: 'Bonjour Ann, nous remboursons le paiement en double.', tags: ['billing', 'remboursement'], shortcut: 'twice' },
];
/** A fresh search, as when the picker opens with `query` typed at once. */
const ids = (query) => new Searcher(REPLIES).find(query).map((r) => r.id);

test('an empty query keeps the core order', () => {
  assert.deepEqual(ids(''), ['contact', 'sorry', 'refund', 'remboursement']);
});

test('every word must match somewhere; shortcut and title outrank the text', () => {
  assert.deepEqual(ids('apolog'), ['sorry']);
  assert.deepEqual(ids('refund'), ['refund']);
  assert.deepEqual(ids('twice'), ['refund', 'remboursement']);
  assert.deepEqual(ids('ann dm'), ['contact']);
  assert.deepEqual(ids('nothing like this'), []);
});

test('letters in order find a title, accents and case do not matter', () => {
  assert.deepEqual(ids('ackapol'), ['sorry']);
  assert.deepEqual(ids('hwtsupp'), ['contact']);
  assert.deepEqual(ids('zq'), []);
  assert.deepEqual(ids('ack apol'), ['sorry']);
  assert.deepEqual(ids('dbt'), ['remboursement']);
  assert.deepEqual(ids('DEBITE'), ['remboursement']);
  assert.equal(fold('Débité'), 'debite');
});

test('typing narrows from the last matches and gives what a fresh search gives', () => {
  const searcher = new Searcher(REPLIES);
  for (const query of ['t', 'tw', 'twi', 'twice', 'twice r', 'twice re', 'twice', '', 'a', 'ap']) {
    assert.deepEqual(searcher.find(query).map((r) => r.id), ids(query), query);
  }
});

test('one letter: a word start beats a letter inside a word, the shortcut beats the tags', () => {
  // "twice" starts with it, "contact" has it inside, only the tags "complaint" of "sorry".
  assert.deepEqual(ids('t'), ['refund', 'remboursement', 'contact', 'sorry']);
});

test('backspace gives back what each shorter query found, and what a fresh search finds', () => {
  const searcher = new Searcher(REPLIES);
  const typed = 'twice re';
  for (let n = 1; n <= typed.length; n++) searcher.find(typed.slice(0, n));
  for (let n = typed.length - 1; n >= 0; n--) {
    const query = typed.slice(0, n);
    assert.deepEqual(searcher.find(query).map((r) => r.id), ids(query), query);
  }
});

test('a longer word may match letters in order that its start had too spread out', () => {
  // "sb" spans 7 letters of the title, over 2 × 3: no match; "sbi" spans 7 of 3 × 3.
  const replies = [...REPLIES, { id: 'info', title: 'Send us billing info', text: 'Where do we send it?', tags: [], shortcut: 'info' }];
  const searcher = new Searcher(replies);
  assert.deepEqual(searcher.find('sb').map((r) => r.id), []);
  assert.deepEqual(searcher.find('sbi').map((r) => r.id), ['info']);
  assert.deepEqual(new Searcher(replies).find('sbi').map((r) => r.id), ['info']);
});

test('results are the caller\'s: changing them does not change the next search', () => {
  const searcher = new Searcher(REPLIES);
  searcher.find('tw').length = 0;
  searcher.find('twi');
  assert.deepEqual(searcher.find('tw').map((r) => r.id), ids('tw'));
});

/**
 * The search as specified, the slow way: every template scored afresh — per
 * word the best field (weight × 3 at a word's start, 2 inside a word, 1 as
 * letters in order in the shortcut or title, spread over at most three times
 * the word's length) — then sorted by score, ties in the core's order.
 */
function reference(replies, query) {
  const words = fold(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return replies;
  const scoreOf = (reply) => {
    const fields = [[reply.shortcut, 8, true], [reply.title, 4, true], [(reply.tags ?? []).join(' '), 3, false], [reply.text, 1, false]]
      .map(([value, weight, short]) => [fold(value ?? ''), weight, short]);
    const perWord = words.map((word) => Math.max(...fields.map(([field, weight, short]) => weight * hit(word, field, short))));
    return perWord.includes(0) ? 0 : perWord.reduce((a, b) => a + b);
  };
  return replies.map((reply, order) => ({ reply, order, score: scoreOf(reply) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((r) => r.reply);
}

/** `reference`'s score of one word in one field (see there). */
function hit(word, field, short) {
  const at = field.indexOf(word);
  if (at >= 0) return at === 0 || /[\0-/:-@[-`{-\x7f]/.test(field[at - 1]) ? 3 : 2;
  if (!short) return 0;
  const found = [];
  for (const ch of word) found.push(field.indexOf(ch, found.length ? found.at(-1) + 1 : 0));
  if (found.includes(-1)) return 0;
  const spread = found.slice(1).reduce((sum, place, i) => sum + place - found[i] - 1, 0);
  return spread <= word.length * 3 ? 1 : 0;
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so failures repeat. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` templates of words over a few letters (some accented, some
 * capitals), so that one- and two-letter queries match most of them and
 * letters in order are often spread too far for a short word but not for
 * a longer one.
 */
function generated(count, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const word = () => Array.from({ length: 1 + Math.floor(next() * 7) }, () => pick([...'abcdeéxyzAБб'])).join('');
  const words = (most, glue = ' ') => Array.from({ length: 1 + Math.floor(next() * most) }, word).join(pick([glue, glue, '-', ', ']));
  return Array.from({ length: count }, (_, id) => ({
    id, shortcut: word(), title: words(4), tags: Array.from({ length: Math.floor(next() * 3) }, word), text: words(20),
  }));
}

test('every keystroke gives what the reference gives: typing, backspace, edits, one letter', () => {
  const next = random(42);
  const replies = generated(400, next);
  const searcher = new Searcher(replies);
  const check = (query) => assert.deepEqual(searcher.find(query).map((r) => r.id), reference(replies, query).map((r) => r.id), JSON.stringify(query));
  for (const letter of 'abcdeéxyzбq1 ') check(letter);
  for (let round = 0; round < 60; round++) {
    const query = Array.from({ length: 1 + Math.floor(next() * 9) }, () => [...'abcdexyzб  É'][Math.floor(next() * 12)]).join('');
    for (let n = 1; n <= query.length; n++) check(query.slice(0, n)); // typing
    for (let n = query.length - 1; n >= 0; n--) check(query.slice(0, n)); // backspace
    check(query.slice(0, Math.floor(next() * query.length)) + 'x'); // an edit after deleting some
  }
});
