// End-to-end checks of the extension on the demo feed, in a real Chromium
// with dist/ loaded. The same suite runs on the plain page and on the page
// served with an x.com-like CSP (no 'wasm-unsafe-eval'); see the two
// *.test.mjs files.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { PROFILE, ROOT, launch, until } from '../../scripts/browser.mjs';
import { ShadowView, openPicker, pickerItems, readBadges, readTone, revealReasons, waitForBadges } from '../../scripts/overlay-view.mjs';
import { startServer } from '../../demo/server.mjs';

const POSTS = JSON.parse(await readFile(path.join(ROOT, 'demo/posts.json'), 'utf8'));

/** The first labelled post matching `filter`. */
function post(filter) {
  const found = POSTS.find(filter);
  assert.ok(found, 'the demo feed has such a post');
  return found;
}

export function feedSuite({ strict }) {
  const route = strict ? 'strict.html' : 'feed.html';
  describe(`demo feed (${strict ? 'strict CSP' : 'no CSP'})`, () => {
    let server, browser, page, view, dialogs, response;

    before(async () => {
      server = await startServer();
      browser = await launch();
      await browser.worker.evaluate((profile) => chrome.storage.local.set({ profile }), PROFILE);
      page = await browser.context.newPage();
      dialogs = [];
      page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
      response = await page.goto(`${server.url}/firstline-demo/${route}`);
      view = await ShadowView.of(page);
    });

    after(async () => {
      await view?.detach();
      await browser?.close();
      await server?.close();
    });

    test('the page is what it claims to be', async () => {
      const csp = response.headers()['content-security-policy'];
      if (strict) {
        assert.match(csp, /script-src 'self' 'nonce-/);
        assert.doesNotMatch(csp, /wasm-unsafe-eval/);
        // The page itself cannot compile wasm here: the core must run elsewhere.
        const compiles = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => true, () => false));
        assert.equal(compiles, false);
      } else {
        assert.equal(csp, undefined);
      }
    });

    test('every post gets one badge with the expected tier and its reasons', async () => {
      await waitForBadges(view, POSTS.length);
      await revealReasons(view);
      const badges = await readBadges(view);
      assert.equal(badges.length, POSTS.length, 'one badge per post');
      assert.deepEqual(new Set(badges.map((b) => b.postId)), new Set(POSTS.map((p) => p.id)));
      const byId = new Map(badges.map((b) => [b.postId, b]));
      const labelled = POSTS.filter((p) => p.expect);
      assert.ok(labelled.length >= 20);
      for (const p of labelled) {
        const badge = byId.get(p.id);
        assert.equal(badge.tier, p.expect.tier, `${p.id}: ${p.text}`);
        if (p.expect.categories.length > 0) {
          assert.ok(badge.reasons.length > 0, `${p.id} shows why`);
          for (const reason of badge.reasons.filter((r) => !r.startsWith('tier raised'))) {
            const quoted = /“(.*)”/s.exec(reason)?.[1];
            assert.ok(quoted && p.text.includes(quoted), `${p.id}: reason ${reason} quotes the post`);
          }
        }
      }
    });

    test('countdowns tick, and breached deadlines show as overdue', async () => {
      const urgent = post((p) => p.expect?.tier === 'urgent' && p.minutes_ago < 10);
      const overdue = post((p) => p.expect?.tier === 'urgent' && p.minutes_ago > 30);
      await page.locator(`article[data-post-id="${urgent.id}"]`).scrollIntoViewIfNeeded();
      const first = (await readBadges(view)).find((b) => b.postId === urgent.id);
      const second = await until(async () => {
        const now = (await readBadges(view)).find((b) => b.postId === urgent.id);
        return now.timer !== first.timer ? now : null;
      }, { timeout: 3000, what: 'the countdown to change' });
      assert.match(first.timer, /^\d+:\d\d$/);
      assert.match(second.timer, /^\d+:\d\d$/);
      assert.notEqual(second.timer, first.timer);
      await page.locator(`article[data-post-id="${overdue.id}"]`).scrollIntoViewIfNeeded();
      const late = await until(async () => (await readBadges(view)).find((b) => b.postId === overdue.id && b.timerState === 'breached'),
        { what: 'a breached timer' });
      assert.match(late.timer, /^−/);
    });

    for (const kind of ['textarea', 'contenteditable']) {
      test(`a template goes into a ${kind} reply box, and the page sees the input`, async () => {
        const target = post((p) => p.reply === kind && p.lang === 'en' && p.expect);
        const items = await openPicker(view, target.id);
        assert.ok(items.length >= 3);
        await page.keyboard.type('apolog');          // search narrows the list
        await until(async () => (await pickerItems(view)).length === 1, { what: 'the search to narrow the list' });
        await page.keyboard.press('Enter');
        const box = page.locator(`article[data-post-id="${target.id}"] .reply-box`);
        const text = await until(async () => (await readBox(box)) || null, { what: 'the inserted reply' });
        const firstName = target.author.name.split(/\s+/)[0];
        assert.match(text, new RegExp(`^Hi ${firstName}, `), 'filled with the author’s first name');
        assert.ok(text.endsWith(PROFILE.signature), 'signed with the agent’s signature');
        const events = await page.evaluate(() => window.__pageInputEvents);
        assert.ok(events.some((e) => e.postId === target.id), 'the page’s own input handler fired');
        assert.equal((await view.hosts('FIRSTLINE-PICKER')).length, 0, 'the picker closed');
      });
    }

    test('a template with a field asks for it in the picker, and the reply has it and today\'s date', async () => {
      // A textarea post not written into by the tests above.
      const target = POSTS.filter((p) => p.reply === 'textarea' && p.lang === 'en').at(-2);
      await openPicker(view, target.id);
      await page.keyboard.type('ticket');
      await until(async () => (await pickerItems(view)).length === 1, { what: 'the ticket template alone' });
      await page.keyboard.press('Enter');
      const [picker] = await view.hosts('FIRSTLINE-PICKER');
      assert.ok(picker, 'the picker stays open to ask for the ticket number');
      await page.keyboard.type('T-4217');
      await page.keyboard.press('Enter');
      const box = page.locator(`article[data-post-id="${target.id}"] .reply-box`);
      const text = await until(async () => (await readBox(box)) || null, { what: 'the inserted reply' });
      const today = await page.evaluate(() => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }));
      assert.ok(text.includes(`ticket T-4217 on ${today}.`), text);
      assert.ok(!text.includes('[ask.'), 'no placeholder left');
    });

    for (const kind of ['textarea', 'contenteditable']) {
      test(`typing ";sorry " in a ${kind} reply box puts the apology there instead`, async () => {
        const candidates = POSTS.filter((p) => p.reply === kind && p.lang === 'en');
        const target = kind === 'textarea' ? candidates.at(-3) : candidates.at(-1);
        await page.locator(`article[data-post-id="${target.id}"] .reply-button`).click();
        const box = page.locator(`article[data-post-id="${target.id}"] .reply-box`);
        await box.click();
        await page.keyboard.type('Thanks! ;sorry ');
        const text = await until(async () => {
          const now = await readBox(box);
          return now && !now.includes(';sorry') ? now : null;
        }, { what: 'the trigger replaced' });
        const firstName = target.author.name.split(/\s+/)[0];
        assert.ok(text.startsWith(`Thanks! Hi ${firstName}, thank you for letting us know`), text);
        assert.ok(text.trimEnd().endsWith(PROFILE.signature), text);
      });
    }

    test('the keyboard shortcut opens the picker for the post whose reply box has focus', async () => {
      const target = POSTS.filter((p) => p.reply === 'textarea' && p.lang === 'en').at(-4);
      await page.locator(`article[data-post-id="${target.id}"] .reply-button`).click();
      await page.locator(`article[data-post-id="${target.id}"] .reply-box`).click();
      // Headless Chromium does not deliver extension shortcuts (they are
      // browser UI), so the test sends what the worker's onCommand sends.
      const manifest = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
      assert.ok(manifest.commands['open-picker'].suggested_key.default, 'the shortcut is declared');
      await page.bringToFront();
      await browser.worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        await chrome.tabs.sendMessage(tab.id, { type: 'open-picker' });
      });
      const items = await until(async () => {
        const shown = await pickerItems(view);
        return shown.length ? shown : null;
      }, { what: 'the picker from the shortcut' });
      const firstName = target.author.name.split(/\s+/)[0];
      assert.ok(items.some((i) => i.text.includes(`Hi ${firstName},`)), 'filled for that post');
      await page.keyboard.press('Escape');
    });

    test('the tone indicator reacts to shouting and to profanity as one types', async () => {
      // The last English post with a textarea: not one the insertion tests wrote into.
      const target = POSTS.findLast((p) => p.reply === 'textarea' && p.lang === 'en');
      await page.locator(`article[data-post-id="${target.id}"] .reply-button`).click();
      const box = page.locator(`article[data-post-id="${target.id}"] .reply-box`);
      await box.click();
      const toneShowing = (words) => until(async () => {
        const tone = await readTone(view, target.id);
        return tone?.text.includes(words) ? tone : null;
      }, { what: `the tone indicator to say "${words}"` });
      // The post is a complaint by Linda: a reply that looks good acknowledges it and names her.
      await page.keyboard.type('Hi Linda, sorry about the wait, happy to help with that.');
      assert.equal((await toneShowing('looks good')).grade, 'good');
      await page.keyboard.type(' WE CANNOT REFUND THIS ORDER');
      assert.notEqual((await toneShowing('shouting')).grade, 'good');
      await page.keyboard.type(' and this is bullshit');
      const rude = await toneShowing('profanity');
      assert.equal(rude.grade, 'poor');
    });

    test('hostile post text stays text', async () => {
      const hostile = post((p) => p.text.includes('<script>'));
      const badges = await readBadges(view);
      assert.ok(badges.some((b) => b.postId === hostile.id));
      assert.deepEqual(dialogs, [], 'nothing in the page ran');
      const injected = await page.evaluate(() => document.querySelectorAll('firstline-badge script, firstline-badge img').length);
      assert.equal(injected, 0);
    });
  });
}

async function readBox(box) {
  return box.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : el.innerText).trim());
}
