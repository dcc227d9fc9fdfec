// firstline on the Mastodon fixture (tests/e2e/fixtures/mastodon): statuses
// in the home column, and the compose form that is always shown and answers
// whichever status's Reply was clicked last.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PROFILE, badges, openSite } from './site-harness.mjs';
import { expectBadgesOnTheirPosts, expectPageSawReply, expectPosts, insertApology } from './sites-a-checks.mjs';

const STATUSES = JSON.parse(await readFile(new URL('./fixtures/mastodon/statuses.json', import.meta.url), 'utf8'));

function readRows(page) {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll('.status[data-id]')].map((s) => ({
      id: s.dataset.id,
      keys: [...s.querySelectorAll('firstline-badge')].map((b) => b.dataset.key),
    })),
    outside: [...document.querySelectorAll('firstline-badge')].filter((b) => !b.closest('.status[data-id]')).length,
  }));
}

describe('Mastodon', () => {
  let sites, page, view, now, close;

  before(async () => {
    ({ sites, page, view, now, close } = await openSite('mastodon', '/home'));
  });

  after(() => close?.());

  test('every status is read once, with its id, author, acct, time and text, and badged on itself only', async () => {
    await expectPosts(sites.browser, page, 'mastodon', STATUSES, { now, permalink: (s) => `/@${s.handle}/${s.id}` });
    const rows = await expectBadgesOnTheirPosts('mastodon', () => readRows(page));
    assert.equal(rows.length, STATUSES.length);
    assert.equal((await badges(page)).length, STATUSES.length);
  });

  test('a template goes into the compose form answering the status picked, after its @mention', async () => {
    // The agent was answering another status: the composer must be turned to this one.
    const troll = STATUSES.find((s) => s.handle === 'trollface');
    await page.locator(`.status[data-id="${troll.id}"] .status__action-bar > button`).first().click();
    const target = STATUSES[0];
    const text = await insertApology(page, view, `mastodon:${target.id}`, () => page.evaluate(() => window.__editorText()));
    assert.match(text, /^@annlee Hi Ann, /, 'the mention Mastodon writes, then the template with the first name');
    assert.ok(text.endsWith(PROFILE.signature));
    assert.equal(await page.evaluate(() => window.__composerFor()), target.id, 'the composer answers that status');
    assert.equal(await page.locator('.character-counter').innerText(), String(500 - [...text].length), 'the page’s counter saw the input');
    await page.locator('form.compose-form button[type="submit"]').click();
    await expectPageSawReply(page, target.id, text);
    const clicks = await page.evaluate(() => window.__pageEvents.filter((e) => e.type === 'reply-click').map((e) => e.id));
    assert.deepEqual(clicks, [troll.id, target.id], 'the extension turned the composer with the status’s own Reply');
  });

  test('the page’s own status controls still work, and nothing outside a status is badged', async () => {
    const status = STATUSES[2];
    await page.locator(`.status[data-id="${status.id}"] .star-icon`).click();
    assert.deepEqual(await page.evaluate(() => window.__pageEvents.filter((e) => e.type === 'favourite').map((e) => e.id)), [status.id]);
    await expectBadgesOnTheirPosts('mastodon', () => readRows(page));
  });
});
