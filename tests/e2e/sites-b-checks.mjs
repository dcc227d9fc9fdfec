// Assertions shared by the Facebook, Messenger, Instagram and LinkedIn
// end-to-end tests: every item found once and read right, one badge on each
// and only on items, and a template going through the picker into the
// site's editor.

import assert from 'node:assert/strict';

import { openPicker, pickerItems } from '../../scripts/overlay-view.mjs';
import { PROFILE, diagnosticsUntil, until } from './site-harness.mjs';

/** How far a relative time ("3h") may be from the fixture's clock, in ms. */
const TIME_SLACK_MS = 2 * 60e3;

/**
 * Waits until the content script has read exactly `items` ({id, kind,
 * author, handle?, minutes?, text}) and classified them; asserts each was
 * found once and read right, and that nothing else was found. Returns the
 * diagnostics.
 */
export async function assertFound(browser, page, site, items) {
  const d = await diagnosticsUntil(browser, page,
    (d) => d.found === items.length && d.posts.every((p) => p.tier), `${items.length} ${site} items read and classified`);
  assert.equal(d.site, site);
  assert.equal(d.unreadable, 0, 'every item could be read');
  assert.equal(d.warning, null);
  for (const item of items) {
    const found = d.posts.filter((p) => p.key === `${site}:${item.id}`);
    assert.equal(found.length, 1, `${item.id} found exactly once`);
    const [post] = found;
    assert.equal(post.kind, item.kind, `${item.id}: kind`);
    assert.equal(post.author, item.author, `${item.id}: author`);
    if (item.handle !== undefined) assert.equal(post.handle, item.handle, `${item.id}: handle`);
    assert.equal(post.text, item.text, `${item.id}: text`);
    if (item.minutes !== undefined) {
      assert.ok(Math.abs(post.posted_at - (Date.now() - item.minutes * 60e3)) < TIME_SLACK_MS,
        `${item.id}: posted ${item.minutes} minutes ago, read ${new Date(post.posted_at).toISOString()}`);
    }
  }
  return d;
}

/** Every badge in the page: {key, owner}, owner being the item the fixture says it sits in. */
export function badgePlacement(page) {
  return page.evaluate(() => [...document.querySelectorAll('firstline-badge')]
    .map((badge) => ({ key: badge.dataset.key, owner: window.__ownerOf(badge.parentElement) })));
}

/** Waits for one badge on each of `ids` and asserts there is no other badge, each on its own item. */
export async function assertBadges(page, site, ids) {
  const placed = await until(async () => {
    const all = await badgePlacement(page);
    return ids.every((id) => all.some((b) => b.key === `${site}:${id}`)) ? all : null;
  }, { timeout: 10000, what: `badges on ${ids.length} ${site} items` });
  for (const badge of placed) {
    assert.ok(badge.owner, `the badge ${badge.key} sits inside an item`);
    assert.equal(badge.key, `${site}:${badge.owner}`, 'the badge sits on the item it is about');
  }
  assert.deepEqual(placed.map((b) => b.key).sort(), ids.map((id) => `${site}:${id}`).sort(), 'one badge per item, no others');
}

/**
 * Picks the apology template for `key` through the badge's Reply and the
 * picker (typing to search, Enter), as an agent does.
 */
export async function pickApology(view, page, key) {
  const items = await openPicker(view, key);
  assert.ok(items.length >= 3, 'the picker lists templates');
  await page.keyboard.type('apolog');
  await until(async () => (await pickerItems(view)).length === 1, { what: 'the search to narrow the list' });
  await page.keyboard.press('Enter');
  await until(async () => (await view.hosts('FIRSTLINE-PICKER')).length === 0, { what: 'the picker to close' });
}

/**
 * Asserts a reply written by the picker for `author`: greeting by first name
 * (in the post's language: "Hi Ann, …", "Вітаємо, Oksana! …"), the agent's
 * signature.
 */
export function assertReply(text, author) {
  assert.ok(text, 'the editor holds the reply');
  assert.match(text, new RegExp(`^[^.!?]{0,20}${author.split(/\s+/)[0]}[,!]`, 'u'), 'greets the author by first name');
  assert.ok(text.trimEnd().endsWith(PROFILE.signature), 'signed with the agent’s signature');
}
