// firstline on the Threads fixture (tests/e2e/fixtures/threads): post
// blocks without test ids, read by their permalinks, username links and
// text outside links, and the Lexical editor of the reply dialog.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PROFILE, badges, openSite } from './site-harness.mjs';
import { expectBadgesOnTheirPosts, expectPageSawReply, expectPosts, insertApology } from './sites-a-checks.mjs';

const POSTS = JSON.parse(await readFile(new URL('./fixtures/threads/posts.json', import.meta.url), 'utf8'));
const BLOCK = '[data-pressable-container]';

function readRows(page) {
  return page.evaluate((block) => ({
    rows: [...document.querySelectorAll(block)].map((p) => ({
      id: /\/post\/([\w-]+)$/.exec(p.querySelector('time')?.closest('a')?.getAttribute('href') ?? '')?.[1] ?? null,
      keys: [...p.querySelectorAll('firstline-badge')].map((b) => b.dataset.key),
    })),
    outside: [...document.querySelectorAll('firstline-badge')].filter((b) => !b.closest(block)).length,
  }), BLOCK);
}

describe('Threads', () => {
  let sites, page, view, now, close;

  before(async () => {
    ({ sites, page, view, now, close } = await openSite('threads', '/'));
  });

  after(() => close?.());

  test('every post is read once, with its code, username, time and text (not its counters), badged on itself only', async () => {
    await expectPosts(sites.browser, page, 'threads', POSTS, { now, permalink: (p) => `/@${p.handle}/post/${p.id}` });
    const rows = await expectBadgesOnTheirPosts('threads', () => readRows(page));
    assert.equal(rows.length, POSTS.length);
    assert.equal((await badges(page)).length, POSTS.length);
  });

  test('a template picked from the badge lands in the Lexical state of the reply dialog', async () => {
    const target = POSTS[0];
    const text = await insertApology(page, view, `threads:${target.id}`, () => page.evaluate(() => window.__editorText()));
    assert.match(text, /^Hi annlee, /, 'Threads shows usernames only');
    assert.ok(text.endsWith(PROFILE.signature));
    assert.equal(await page.evaluate(() => window.__composerFor()), target.id);
    await page.mouse.move(0, 0); // off the badge, whose reasons tooltip covers the dialog
    await page.locator('[role="dialog"] [role="button"]').click();
    await expectPageSawReply(page, target.id, text);
  });

  test('the page’s own controls still work, and nothing outside a post is badged', async () => {
    await page.locator(BLOCK).nth(1).locator('[role="button"]').first().click();
    assert.deepEqual(await page.evaluate(() => window.__pageEvents.filter((e) => e.type === 'like').map((e) => e.id)), [POSTS[1].id]);
    await expectBadgesOnTheirPosts('threads', () => readRows(page));
  });
});
