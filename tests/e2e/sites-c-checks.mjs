// Checks shared by the Reddit, YouTube, VK and Pinterest end-to-end tests:
// what the content script read, where its badges are, and a template going
// through the picker into the site's own editor.

import assert from 'node:assert/strict';

import { openPicker, pickerItems } from '../../scripts/overlay-view.mjs';
import { diagnosticsUntil, until } from './site-harness.mjs';

/**
 * Waits until the content script has read and badged `expected.length`
 * posts, then checks each expected post ({key, kind, author, text, at}, `at`
 * in epoch ms, `slack` ms allowed for relative times) was found exactly once
 * and read right.
 */
export async function expectPosts(browser, page, expected, { slack = 0 } = {}) {
  const d = await diagnosticsUntil(browser, page,
    (x) => x.found === expected.length && x.posts.every((p) => p.tier && p.badge),
    `${expected.length} posts read and badged`);
  assert.equal(d.unreadable, 0, 'no post left unread');
  assert.equal(d.warning, null);
  for (const want of expected) {
    const got = d.posts.filter((p) => p.key === want.key);
    assert.equal(got.length, 1, `${want.key} found once`);
    const [post] = got;
    assert.equal(post.kind, want.kind, `${want.key} kind`);
    assert.equal(post.author, want.author, `${want.key} author`);
    assert.equal(post.text, want.text, `${want.key} text (its own, not its replies')`);
    if (want.at !== undefined) {
      assert.ok(Math.abs(post.posted_at - want.at) <= slack, `${want.key} time ${post.posted_at} ≈ ${want.at}`);
    }
    if (want.permalink !== undefined) assert.equal(post.permalink, want.permalink, `${want.key} permalink`);
  }
  return d;
}

/**
 * Every badge in the page with the post element it sits in (`root` finds
 * the site's posts; `posts` are [{key, sel}], `sel` finding that post's
 * element): each badge must be in the post it is about, rendered, and each
 * post must have exactly one.
 */
export async function expectBadgesOnTheirPosts(page, root, posts) {
  const placed = await page.evaluate(({ root, posts }) => {
    const elements = posts.map(({ key, sel }) => [key, document.querySelector(sel)]);
    return [...document.querySelectorAll('firstline-badge')].map((badge) => {
      const post = badge.closest(root);
      return { badge: badge.dataset.key, post: elements.find(([, el]) => el && el === post)?.[0] ?? null,
        shown: badge.getClientRects().length > 0 };
    });
  }, { root, posts });
  for (const b of placed) {
    assert.equal(b.badge, b.post, `badge ${b.badge} sits on its own post`);
    assert.ok(b.shown, `badge ${b.badge} is rendered`);
  }
  assert.deepEqual(placed.map((b) => b.badge).sort(), posts.map((p) => p.key).sort(), 'one badge per post, none elsewhere');
}

/**
 * Opens the picker on the post `key`, narrows it with `search`, inserts the
 * first template and returns {chosen, text}: the template's text as the
 * picker showed it and what the page's own editor state holds.
 */
export async function insertTemplate(page, view, key, search, editorId) {
  await openPicker(view, key);
  await page.keyboard.type(search);
  const [first] = await until(async () => {
    const items = await pickerItems(view);
    return items.length >= 1 && items.length < 20 ? items : null;
  }, { what: 'the search to narrow the list' });
  await page.keyboard.press('Enter');
  const text = await until(async () => (await page.evaluate((id) => window.__editorText(id), editorId))?.trim() || null,
    { what: `the template in the editor of ${editorId}` });
  return { chosen: first.text, text };
}

/** Whitespace-insensitive: editors keep paragraphs as they like. */
export const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** The page's own events of `type` on `id`. */
export async function pageEvents(page, type, id) {
  const events = await page.evaluate(() => window.__pageEvents ?? []);
  return events.filter((e) => e.type === type && e.id === id);
}
