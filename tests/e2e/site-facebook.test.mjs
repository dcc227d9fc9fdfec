// Facebook end to end: the feed's posts and their nested comments, infinite
// scroll streaming in empty shells, navigation to a page's timeline, and a
// template through the picker into the Lexical comment composer.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { FEED, MORE, PAGE, PAGE_POSTS } from './fixtures/facebook/data.js';
import { openSite, until } from './site-harness.mjs';
import { assertBadges, assertFound, assertReply, badgePlacement, pickApology } from './sites-b-checks.mjs';

/** Every post, comment and reply of `posts` as the content script should read them. */
function items(posts) {
  const out = [];
  const comments = (list) => {
    for (const c of list) {
      out.push({ id: c.id, kind: 'comment', author: c.author, handle: c.slug, minutes: c.minutes, text: c.text });
      comments(c.replies ?? []);
    }
  };
  for (const p of posts) {
    out.push({ id: p.id, kind: 'post', author: p.author, handle: p.slug, minutes: p.minutes, text: p.text });
    comments(p.comments);
  }
  return out;
}
const ids = (list) => list.map((item) => item.id);

describe('Facebook', () => {
  let sites, page, view, close;

  before(async () => {
    ({ sites, page, view, close } = await openSite('facebook', '/'));
  });

  after(() => close?.());

  test('every post and comment of the feed is read once, with its id, author, time and text', async () => {
    await assertFound(sites.browser, page, 'facebook', items(FEED));
  });

  test('one badge per post and per comment, each on its own, none elsewhere', async () => {
    await assertBadges(page, 'facebook', ids(items(FEED)));
  });

  test('the urgent complaint in a comment is urgent; the thank-you is not', async () => {
    const { browser } = sites;
    const d = await assertFound(browser, page, 'facebook', items(FEED));
    const tier = (id) => d.posts.find((p) => p.key === `facebook:${id}`).tier;
    assert.equal(tier(FEED[0].comments[0].id), 'urgent');
    assert.notEqual(tier(FEED[2].id), 'urgent');
  });

  test('infinite scroll: units that arrive empty are read once they fill in, and badged', async () => {
    const expected = items([...FEED, ...MORE]);
    for (let i = 0; i < MORE.length; i++) {
      await page.mouse.wheel(0, 20000);
      await until(() => page.evaluate((n) => window.__pageEvents.filter((e) => e.type === 'load-more').length >= n, i + 1),
        { what: `feed page ${i + 1} to load` });
      await page.waitForTimeout(500); // the shell fills in after 400 ms
    }
    await assertFound(sites.browser, page, 'facebook', expected);
    await assertBadges(page, 'facebook', ids(expected));
  });

  test('a template picked for a post goes into its Lexical composer, and the page sees the change', async () => {
    const target = FEED[1];
    await pickApology(view, page, `facebook:${target.id}`);
    const text = await until(() => page.evaluate((id) => window.__editorText(id), target.id), { what: 'the reply in Lexical' });
    assertReply(text, target.author);
    for (const other of FEED.filter((p) => p !== target)) {
      assert.equal(await page.evaluate((id) => window.__editorText(id), other.id), '', 'no other composer was written to');
    }
    const events = await page.evaluate(() => window.__pageEvents);
    assert.ok(events.some((e) => e.type === 'comment-draft' && e.id === target.id && e.length === text.length),
      'the page’s own listener saw the composer change');
  });

  test('the page’s own controls still work with the badges in', async () => {
    await page.getByRole('button', { name: 'Like', exact: true }).first().click();
    assert.ok((await page.evaluate(() => window.__pageEvents)).some((e) => e.type === 'like'));
  });

  test('navigating to a page replaces the feed; the badges follow the new posts', async () => {
    await page.locator(`a[href*="/${PAGE.slug}?"]`).first().click();
    await until(() => page.evaluate(() => location.pathname === '/acmebank'), { what: 'the page route' });
    await assertFound(sites.browser, page, 'facebook', items(PAGE_POSTS));
    await assertBadges(page, 'facebook', ids(items(PAGE_POSTS)));
    assert.equal((await badgePlacement(page)).length, items(PAGE_POSTS).length);
  });
});
