// VK in a real Chromium with the built extension: wall posts and the
// comments inside them, Russian and English, a comment through the post's
// own contenteditable field, the page's like buttons still working.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ShadowView } from '../../scripts/overlay-view.mjs';
import { POSTS } from './fixtures/vk/data.js';
import { expectBadgesOnTheirPosts, expectPosts, insertTemplate, pageEvents, squash } from './sites-c-checks.mjs';
import { startSites } from './site-harness.mjs';

const key = (id) => `vk:${id}`;
const ROOT = '.post[data-post-id], .reply[data-post-id]';

describe('VK', () => {
  let sites, page, view;

  before(async () => {
    sites = await startSites();
    page = await sites.open('vk', '/wall-22822305');
    view = await ShadowView.of(page);
  });
  after(async () => {
    await view?.detach();
    await sites?.close();
  });

  test('every post and comment is read once, a post without its comments’ text', async () => {
    const expected = POSTS.flatMap((p) => [
      { key: key(p.id), kind: 'post', author: p.author, text: p.text, at: p.time * 1000, permalink: `/wall${p.id}` },
      ...p.replies.map((r) => ({ key: key(r.id), kind: 'reply', author: r.author, text: r.text, at: r.time * 1000,
        permalink: `/wall${p.id}?reply=${r.id.split('_')[1]}` })),
    ]);
    await expectPosts(sites.browser, page, expected);
    await expectBadgesOnTheirPosts(page, ROOT, POSTS.flatMap((p) => [p, ...p.replies])
      .map(({ id }) => ({ key: key(id), sel: `[data-post-id="${id}"]` })));
  });

  test('a template goes into the post’s own comment field, and the page sees it', async () => {
    const target = POSTS[2];
    const { chosen, text } = await insertTemplate(page, view, key(target.id), 'sorry', target.id);
    assert.ok(squash(chosen).includes(squash(text)), `inserted "${text}" is the chosen template`);
    assert.ok((await pageEvents(page, 'input', target.id)).length > 0, 'the page’s own input handler fired');
    for (const other of POSTS.filter((p) => p !== target)) {
      assert.equal(await page.evaluate((id) => window.__editorText(id), other.id), '', `${other.id}'s field untouched`);
    }
  });

  test('a comment is answered in its post’s field, after the name VK puts there', async () => {
    const post = POSTS[0];
    const target = post.replies[0];
    const { chosen, text } = await insertTemplate(page, view, key(target.id), 'sorry', post.id);
    const name = `${target.author.split(' ')[0]}, `;
    assert.ok(text.replace(/\u00a0/g, ' ').startsWith(name), `"${text}" starts with the name VK put there`);
    assert.ok(squash(chosen).includes(squash(text.slice(name.length))), `inserted "${text}" is the chosen template`);
    assert.equal((await pageEvents(page, 'click', target.id)).length, 1, 'opened with the site’s own Ответить');
    assert.equal(await page.evaluate((id) => window.__editorText(id), POSTS[1].id), '', 'no other post’s field');
  });

  test('the page’s own buttons still work', async () => {
    const id = POSTS[0].replies[0].id;
    await page.click(`[data-post-id="${id}"] .like_btn`);
    assert.equal((await pageEvents(page, 'click', id)).filter((e) => e.detail === 'like').length, 1);
  });
});
