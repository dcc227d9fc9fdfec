// The options page. "Your profile": what replies are signed with. "Your own
// sites": a descriptor someone pastes is checked
// by the core (shape, match patterns: line and column, or the path of the bad
// value) and by the browser (every selector and pattern must compile) before
// any permission is asked for; a refused one is never stored.
//
// Granting the host permission itself needs Chrome's permission prompt, which
// a headless browser cannot answer, so the accepted path stops at the prompt
// and is covered by the core's and the worker's own tests.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch } from '../../scripts/browser.mjs';

const GOOD = {
  id: 'forum', name: 'Forum', matches: ['https://forum.example.net/*'], reply_limit: 500,
  posts: [{ kind: 'post', root: '.post', id: { attr: 'data-id' }, author_name: { sel: '.author' }, text: { sel: '.body' } }],
};

describe('options: own sites', () => {
  let browser, page;

  before(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  });

  after(async () => browser?.close());

  async function submit(text) {
    await page.fill('#site-json', text);
    await page.click('#site-add');
    await page.waitForFunction(() => document.getElementById('site-result').textContent.length > 0);
    const message = await page.textContent('#site-result');
    await page.evaluate(() => { document.getElementById('site-result').textContent = ''; });
    return message;
  }

  const stored = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('sites')).sites ?? []);

  test('malformed JSON is refused with its line and column', async () => {
    const message = await submit('{\n  "id": "forum",\n  "name": "Forum",\n  "matches": [\n}');
    assert.match(message, /^line 5, column 1: /);
  });

  test('a bad value is refused with its path', async () => {
    const bad = structuredClone(GOOD);
    bad.matches = ['forum.example.net'];
    assert.match(await submit(JSON.stringify(bad)), /^matches\[0\]: /);
    bad.matches = GOOD.matches;
    bad.posts[0].id = { attr: 'href', pattern: '/p/\\d+' };
    assert.match(await submit(JSON.stringify(bad)), /^posts\[0\]\.id: pattern needs a capture group/);
  });

  test('selectors and patterns the browser cannot compile are refused with their path', async () => {
    const bad = structuredClone(GOOD);
    bad.posts[0].text = { sel: '.body[' };
    assert.match(await submit(JSON.stringify(bad)), /^posts\[0\]\.text\.sel: not a CSS selector/);
    bad.posts[0].text = { sel: '.body', pattern: '(unclosed' };
    assert.match(await submit(JSON.stringify(bad)), /^posts\[0\]\.text\.pattern: not a regular expression/);
  });

  test('nothing refused is stored', async () => {
    assert.deepEqual(await stored(), []);
  });

  test('the profile saved here is what replies are signed with', async () => {
    await page.fill('#profile-name', 'Dana');
    await page.fill('#profile-signature', '— Dana, Acme care');
    await page.fill('#profile-team', 'Acme care');
    await page.fill('#profile-handles', '@AcmeCare');
    await page.click('#profile-save');
    await page.waitForFunction(() => document.getElementById('profile-result').textContent.length > 0);
    const saved = await browser.worker.evaluate(async () => (await chrome.storage.local.get('profile')).profile);
    assert.deepEqual(saved, { name: 'Dana', signature: '— Dana, Acme care', team: 'Acme care', handles: '@AcmeCare' });
    // The worker renders replies with it.
    const replies = await page.evaluate(() => chrome.runtime.sendMessage({
      type: 'replies',
      post: { text: 'you charged me twice', author: { name: 'Ann Lee' }, platform: 'x' },
      verdict: { lang: 'en', categories: ['billing'] },
    }));
    assert.ok(replies.replies.length > 0);
    assert.ok(replies.replies.every((r) => r.text.includes('— Dana, Acme care')), replies.replies[0].text);
    // And the page shows it again when reopened.
    await page.reload();
    await page.waitForFunction(() => document.getElementById('profile-signature').value !== '');
    assert.equal(await page.inputValue('#profile-signature'), '— Dana, Acme care');
  });
});
