// Pinterest in a real Chromium with the built extension: a pin's comments,
// a reply through the comment's Draft.js composer, and a pushState
// navigation to another pin that replaces the comments.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ShadowView } from '../../scripts/overlay-view.mjs';
import { PINS } from './fixtures/pinterest/data.js';
import { expectBadgesOnTheirPosts, expectPosts, insertTemplate, pageEvents, squash } from './sites-c-checks.mjs';
import { startSites } from './site-harness.mjs';

const [FIRST, SECOND] = Object.keys(PINS);
const key = (id) => `pinterest:${id}`;
const ROOT = '[data-test-id="comment"]';

async function expectPin(sites, page, pinId) {
  const now = Date.now();
  const comments = PINS[pinId].comments;
  await expectPosts(sites.browser, page, comments.map((c) => ({ key: key(c.id), kind: 'comment', author: c.author,
    text: c.text, at: now - c.ms })), { slack: 5 * 60e3 });
  await expectBadgesOnTheirPosts(page, ROOT, comments.map((c) => ({ key: key(c.id), sel: `[data-comment-id="${c.id}"]` })));
}

describe('Pinterest', () => {
  let sites, page, view;

  before(async () => {
    sites = await startSites();
    page = await sites.open('pinterest', `/pin/${FIRST}/`);
    view = await ShadowView.of(page);
  });
  after(async () => {
    await view?.detach();
    await sites?.close();
  });

  test('every comment of the pin is read once, and nothing else is badged', async () => {
    await expectPin(sites, page, FIRST);
  });

  test('a template goes into the comment’s own Draft.js composer', async () => {
    const target = PINS[FIRST].comments[0];
    const { chosen, text } = await insertTemplate(page, view, key(target.id), 'sorry', target.id);
    assert.ok(squash(chosen).includes(squash(text)), `inserted "${text}" is the chosen template`);
    assert.equal((await pageEvents(page, 'click', target.id)).length, 1, 'the site’s Reply button opened it');
    assert.ok((await pageEvents(page, 'input', target.id)).length > 0, 'the page’s own editor state changed');
  });

  test('after navigating to another pin in the app, its comments are badged and the old ones are gone', async () => {
    await page.click('[data-test-id="related-pin"]');
    assert.equal(new URL(page.url()).pathname, `/pin/${SECOND}/`);
    assert.equal((await pageEvents(page, 'navigate', SECOND)).length, 1);
    await expectPin(sites, page, SECOND);
  });
});
