// The content script's pure parsers, under Node (no DOM needed).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseCount, parseTime } from '../../extension/content/read.js';

test('follower counts as sites write them', () => {
  assert.equal(parseCount('1200'), 1200);
  assert.equal(parseCount('1.2K followers'), 1200);
  assert.equal(parseCount('2M'), 2_000_000);
  assert.equal(parseCount('12,345 followers'), 12345);
  assert.equal(parseCount('3,4 М подписчиков'), 3_400_000);
  assert.equal(parseCount('1,5 тыс.'), 1500);
  assert.equal(parseCount('12 345 abonnés'), 12345);
  assert.equal(parseCount('2 mil seguidores'), 2000);
  assert.equal(parseCount('1.234.567'), 1234567);
  assert.equal(parseCount(''), null);
  assert.equal(parseCount(null), null);
  assert.equal(parseCount('no digits'), null);
});

test('post times as ISO 8601 or epoch milliseconds', () => {
  assert.equal(parseTime('2026-11-23T09:00:00.000Z'), Date.UTC(2026, 10, 23, 9));
  assert.equal(parseTime('1763888400000'), 1763888400000);
  assert.equal(parseTime('yesterday'), null);
  assert.equal(parseTime(null), null);
});
