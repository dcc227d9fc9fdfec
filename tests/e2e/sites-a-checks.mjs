// Checks shared by the X, Bluesky, Mastodon and Threads end-to-end tests:
// what the content script read against the fixture's own data, and a
// template put in through the picker.

import assert from 'node:assert/strict';

import { openPicker, pickerItems } from '../../scripts/overlay-view.mjs';
import { PROFILE, diagnosticsUntil, until } from './site-harness.mjs';

/**
 * Waits until the content script has read and classified exactly the posts
 * `expected` ({id, name, handle, verified, minutes_ago, text}), then checks
 * each one as read: key, author, handle, verified mark, time (the fixture
 * dates posts `minutes_ago` before its `now`; within `slack` ms where the
 * site shows only a relative time), permalink and text.
 */
export async function expectPosts(browser, page, site, expected, { now, permalink, slack = 0 }) {
  const keys = expected.map((p) => `${site}:${p.id}`).sort();
  const d = await diagnosticsUntil(browser, page, (d) =>
    d.unreadable === 0 && d.posts.every((p) => p.tier && p.badge)
    && JSON.stringify(d.posts.map((p) => p.key).sort()) === JSON.stringify(keys), `the ${expected.length} posts shown`)
    .catch(async (error) => {
      const last = await diagnosticsUntil(browser, page, () => true, 'diagnostics');
      throw new Error(`${error.message}; last read: ${JSON.stringify({ ...last, posts: last.posts.map((p) => [p.key, p.tier, p.badge]) })}`);
    });
  assert.equal(d.warning, null);
  for (const want of expected) {
    const got = d.posts.find((p) => p.key === `${site}:${want.id}`);
    assert.equal(got.author, want.name, `${want.id} author`);
    assert.equal(got.handle, want.handle, `${want.id} handle`);
    assert.equal(got.verified, Boolean(want.verified), `${want.id} verified`);
    const drift = Math.abs(got.posted_at - (now - want.minutes_ago * 60e3));
    assert.ok(drift <= slack, `${want.id} time off by ${drift} ms`);
    assert.equal(got.permalink, permalink(want), `${want.id} permalink`);
    assert.equal(got.text, want.text, `${want.id} text`);
  }
  return d;
}

/**
 * Asserts that every post element carries exactly one badge, keyed to the
 * post it shows now (`rows`: [{id, keys}] read from the page by the caller,
 * the id from the post's own permalink), and that no badge is outside a
 * post. Retries while the page settles; returns the rows.
 */
export async function expectBadgesOnTheirPosts(site, readRows) {
  let last;
  try {
    return await until(async () => {
      last = await readRows();
      const ok = last.outside === 0 && last.rows.length > 0
        && last.rows.every((r) => r.id && r.keys.length === 1 && r.keys[0] === `${site}:${r.id}`);
      return ok ? last.rows : null;
    }, { timeout: 10000, interval: 100, what: 'one badge on each post, keyed to it' });
  } catch (error) {
    throw new Error(`${error.message}; last: ${JSON.stringify(last)}`);
  }
}

/**
 * Picks the apology template for the post `key` through the badge's picker
 * (open, type to search, Enter); resolves when `editorText()` (the editor's
 * own state, read by the page) holds it, and returns that text.
 */
export async function insertApology(page, view, key, editorText) {
  const items = await openPicker(view, key);
  assert.ok(items.length >= 3, 'the picker offers templates');
  await page.keyboard.type('apolog');
  await until(async () => (await pickerItems(view)).length === 1, { what: 'the search to narrow the list' });
  await page.keyboard.press('Enter');
  return until(async () => (await editorText()).includes(PROFILE.signature) || null, { what: 'the template in the editor state' })
    .then(() => editorText());
}

/**
 * Asserts that the page's own handlers ran for a reply to post `id` holding
 * `text`: its reply control, its editor's change notification, and its
 * publish (clicked by the test), as the fixture recorded them.
 */
export async function expectPageSawReply(page, id, text) {
  const events = await page.evaluate(() => window.__pageEvents);
  assert.ok(events.some((e) => e.type === 'reply-click' && e.id === id), 'the site’s own reply control ran');
  assert.ok(events.some((e) => e.type === 'editor-change' && e.text === text), 'the editor reported the change');
  assert.deepEqual(events.filter((e) => e.type === 'post'), [{ type: 'post', in_reply_to: id, text }], 'the site published it');
}
