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
