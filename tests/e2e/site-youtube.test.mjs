// YouTube comments in a real Chromium with the built extension: threads and
// their replies, relative times, a second batch loaded by scrolling that
// arrives as empty shells, and a reply through the site's own comment box.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ShadowView } from '../../scripts/overlay-view.mjs';
import { BATCHES, VIDEO } from './fixtures/youtube/data.js';
import { expectBadgesOnTheirPosts, expectPosts, insertTemplate, pageEvents, squash } from './sites-c-checks.mjs';
import { startSites } from './site-harness.mjs';

const comments = (batches) => batches.flat().flatMap((t) => [t, ...(t.replies ?? [])]);
const key = (id) => `youtube:${id}`;
const sel = (id) => `ytd-comment-view-model:has(#published-time-text a[href$="lc=${id}"])`;
const SLACK = 5 * 60e3; // relative times are read when the comment is, not when the test asks

function expected(list) {
  const now = Date.now();
  return list.map((c) => ({ key: key(c.id), kind: 'comment', author: c.author, text: c.text, at: now - c.ms,
    permalink: `/watch?v=${VIDEO}&lc=${c.id}` }));
}

describe('YouTube', () => {
  let sites, page, view;

  before(async () => {
    sites = await startSites();
    page = await sites.open('youtube', `/watch?v=${VIDEO}`);
    view = await ShadowView.of(page);
  });
  after(async () => {
    await view?.detach();
    await sites?.close();
  });

  test('every comment and reply of the first batch is read once', async () => {
    const first = comments(BATCHES.slice(0, 1));
    await expectPosts(sites.browser, page, expected(first), { slack: SLACK });
    await expectBadgesOnTheirPosts(page, 'ytd-comment-view-model', first.map((c) => ({ key: key(c.id), sel: sel(c.id) })));
  });

  test('the next batch, stamped empty and filled later, is read once it fills in', async () => {
    await page.locator('ytd-continuation-item-renderer').scrollIntoViewIfNeeded();
    const all = comments(BATCHES);
    await expectPosts(sites.browser, page, expected(all), { slack: SLACK });
    await expectBadgesOnTheirPosts(page, 'ytd-comment-view-model', all.map((c) => ({ key: key(c.id), sel: sel(c.id) })));
    assert.equal((await pageEvents(page, 'continuation', '1')).length, 1, 'the page loaded the batch itself');
  });

  test('a template goes into the comment’s own reply box, opened with the site’s button', async () => {
    const target = BATCHES[0][0];
    const { chosen, text } = await insertTemplate(page, view, key(target.id), 'sorry', target.id);
    assert.ok(squash(chosen).includes(squash(text)), `inserted "${text}" is the chosen template`);
    assert.equal((await pageEvents(page, 'click', target.id)).length, 1, 'the site’s Reply button opened the box');
    assert.ok((await pageEvents(page, 'input', target.id)).length > 0, 'the page’s own input handler fired');
    const reply = target.replies[0].id;
    assert.equal(await page.evaluate((id) => window.__editorText(id), reply), null, 'no other box was opened');
  });
});
