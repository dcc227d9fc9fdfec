// The content script's pure parsers, under Node (no DOM needed).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseCount, parseTime } from '../../extension/content/read.js';
import { globMatches } from '../../extension/content/overlay.js';

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

test('relative times as feeds write them, counted back from now', () => {
  const now = Date.UTC(2026, 10, 23, 12);
  assert.equal(parseTime('5m', now), now - 5 * 60e3);
  assert.equal(parseTime('2h', now), now - 2 * 3600e3);
  assert.equal(parseTime('3 days ago', now), now - 3 * 86400e3);
  assert.equal(parseTime('1 week ago (edited)', now), now - 7 * 86400e3);
  assert.equal(parseTime('1763888400', now), 1763888400000);
  assert.equal(parseTime('5 bananas', now), null);
  assert.equal(parseTime('12', now), null);
});

test('feed paths match descriptor globs', () => {
  assert.ok(globMatches('/home', '/home'));
  assert.ok(globMatches('/*/status/*', '/jack/status/20'));
  assert.ok(!globMatches('/home', '/homework'));
  assert.ok(globMatches('/r/*', '/r/rust/comments/abc'));
  assert.ok(!globMatches('/r/*', '/user/x'));
});
