// Instagram end to end: feed posts and the comments under them, and a
// template through the picker into the React-controlled comment textarea.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { POSTS } from './fixtures/instagram/data.js';
import { openSite, until } from './site-harness.mjs';
import { assertBadges, assertFound, assertReply, pickApology } from './sites-b-checks.mjs';

const ITEMS = POSTS.flatMap((p) => [
  { id: p.code, kind: 'post', author: p.user, handle: p.user, text: p.text, datetime: p.datetime },
  ...p.comments.map((c) => ({ id: c.id, kind: 'comment', author: c.user, handle: c.user, text: c.text, datetime: c.datetime })),
]);

describe('Instagram', () => {
  let sites, page, view, close;

  before(async () => {
    ({ sites, page, view, close } = await openSite('instagram', '/'));
  });

  after(() => close?.());

  test('every post and comment is read once, with its id, author, exact time and text', async () => {
    const d = await assertFound(sites.browser, page, 'instagram', ITEMS);
    for (const item of ITEMS) {
      const post = d.posts.find((p) => p.key === `instagram:${item.id}`);
      assert.equal(post.posted_at, Date.parse(item.datetime), `${item.id}: time from <time datetime>`);
    }
    const code = POSTS[0].code;
    assert.equal(d.posts.find((p) => p.key === `instagram:${code}`).permalink, `/p/${code}/`);
    assert.equal(d.posts.find((p) => p.key === `instagram:${POSTS[0].comments[0].id}`).permalink,
      `/p/${code}/c/${POSTS[0].comments[0].id}/`);
  });

  test('one badge per post and per comment, each on its own, none elsewhere', async () => {
    await assertBadges(page, 'instagram', ITEMS.map((item) => item.id));
  });

  test('a template picked for a post goes into its comment field, and the page’s state follows', async () => {
    const target = POSTS[1];
    await pickApology(view, page, `instagram:${target.code}`);
    const text = await until(() => page.evaluate((code) => window.__editorText(code) || null, target.code),
      { what: 'the reply in the page’s state' });
    assertReply(text, target.user);
    for (const other of POSTS.filter((p) => p !== target)) {
      assert.equal(await page.evaluate((code) => window.__editorText(code), other.code), '', 'no other field was written to');
    }
    const form = page.locator('article').nth(1).locator('form [role="button"]');
    assert.equal(await form.getAttribute('aria-disabled'), 'false', 'the page’s Post button woke up');
  });

  test('the page’s own controls still work with the badges in', async () => {
    await page.locator('article').nth(2).locator('[role="button"]:has(svg[aria-label="Like"])').click();
    assert.ok((await page.evaluate(() => window.__pageEvents)).some((e) => e.type === 'like' && e.id === POSTS[2].code));
  });
});
