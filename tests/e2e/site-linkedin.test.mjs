// LinkedIn end to end: feed updates and their comments, and a template
// through the picker into the Quill comment box that the site's own Comment
// button opens.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { POSTS } from './fixtures/linkedin/data.js';
import { openSite, until } from './site-harness.mjs';
import { assertBadges, assertFound, assertReply, pickApology } from './sites-b-checks.mjs';

const ITEMS = POSTS.flatMap((p) => [
  { id: p.id, kind: 'post', author: p.author, handle: p.handle ?? p.company, minutes: p.minutes, text: p.text },
  ...p.comments.map((c) => ({ id: c.id, kind: 'comment', author: c.author, handle: c.handle, minutes: c.minutes, text: c.text })),
]);

describe('LinkedIn', () => {
  let sites, page, view, close;

  before(async () => {
    ({ sites, page, view, close } = await openSite('linkedin', '/feed/'));
  });

  after(() => close?.());

  test('every update and comment is read once, with its id, author, time and text', async () => {
    await assertFound(sites.browser, page, 'linkedin', ITEMS);
  });

  test('one badge per update and per comment, each on its own, none elsewhere', async () => {
    await assertBadges(page, 'linkedin', ITEMS.map((item) => item.id));
  });

  test('a template picked for an update opens its comment box and goes into Quill', async () => {
    const target = POSTS[0];
    assert.equal(await page.evaluate((id) => window.__editorText(id), target.id), null, 'no comment box before');
    await pickApology(view, page, `linkedin:${target.id}`);
    const text = await until(() => page.evaluate((id) => window.__editorText(id)?.trim() || null, target.id),
      { what: 'the reply in Quill' });
    assertReply(text, target.author);
    const events = await page.evaluate(() => window.__pageEvents);
    assert.ok(events.some((e) => e.type === 'comment-button' && e.id === target.id), 'opened with the site’s own Comment button');
    assert.ok(events.some((e) => e.type === 'comment-draft' && e.id === target.id && e.source === 'user'),
      'Quill took it as the user’s input');
    for (const other of POSTS.slice(1)) {
      assert.equal(await page.evaluate((id) => window.__editorText(id), other.id), null, 'no other comment box opened');
    }
  });

  test('the page’s own controls still work with the badges in', async () => {
    await page.locator(`[data-urn="urn:li:activity:${POSTS[2].id}"] button.react-button__trigger`).click();
    assert.ok((await page.evaluate(() => window.__pageEvents)).some((e) => e.type === 'like' && e.id === POSTS[2].id));
  });
});
