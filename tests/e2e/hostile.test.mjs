// firstline on pages that are hard on it (tests/e2e/fixtures/mastodon/hostile.js,
// served as mastodon.social/hostile.html so the real Mastodon descriptor reads
// it): post text that looks like markup, bidi overrides, zero-width characters,
// a 100 KB post and 50,000 other nodes; a page that removes, moves and strips
// the badge; posts that cannot be read; and a stylesheet aimed at everything.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { attributes, findAll, textOf } from '../../scripts/browser.mjs';
import { openPicker, readBadges, readTone, revealReasons, waitForBadges } from '../../scripts/overlay-view.mjs';
import { ShadowView, diagnostics, diagnosticsUntil, startSites, until } from './site-harness.mjs';

const OVERLAY = await readFile(new URL('../../extension/content/overlay.js', import.meta.url), 'utf8');
const MAX_REINSERTS = Number(/const MAX_REINSERTS = (\d+);/.exec(OVERLAY)[1]);

// What the page wrote into each post of ?case=bad-input, as text.
const BAD = {
  1: '<script>alert(1)</script> I was charged twice for my order, refund me now!',
  2: '<img src=x onerror=alert(2)> my account was hacked and someone changed my password',
  3: 'Click my refund link — I was charged twice!',
  4: '\u202Edaolnwod\u202C my card was ch\u200Barged tw\u200Dice and the ref\u200Cund never came \uFEFF',
  5: `I was charged twice, refund me now. ${'lorem ipsum dolor sit amet '.repeat(3800)}`,
};

// The only elements firstline's UI is built of: anything else in a shadow
// root came from page text.
const OWN_TAGS = new Set(['DIV', 'SPAN', 'BUTTON', 'UL', 'LI', 'B', 'INPUT']);

/** Element names in a CDP subtree that firstline does not build. */
function foreignElements(node) {
  return findAll(node, (n) => n.nodeType === 1 && !OWN_TAGS.has(n.nodeName)).map((n) => n.nodeName);
}

describe('hostile pages', () => {
  let sites;
  const dialogs = [];
  const open = async (scenario) => {
    const page = await sites.open('mastodon', `/hostile.html?case=${scenario}`);
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
    return page;
  };

  before(async () => {
    sites = await startSites();
  });

  after(() => sites?.close());

  test('markup, bidi and zero-width text, a 100 KB post and 50,000 nodes: badged as text, nothing runs', async () => {
    const page = await open('bad-input');
    const view = await ShadowView.of(page);
    try {
      const d = await diagnosticsUntil(sites.browser, page, (d) => d.found === 5 && d.posts.every((p) => p.tier && p.badge), 'the five posts badged');
      assert.equal(d.unreadable, 0);
      for (const post of d.posts) assert.equal(post.text, BAD[post.key.split(':')[1]].trim().slice(0, 280), `${post.key} read as text`);

      await revealReasons(view);
      const shown = await readBadges(view);
      assert.equal(shown.length, 5);
      const hosts = await view.hosts('FIRSTLINE-BADGE');
      for (const { shadow } of hosts) assert.deepEqual(foreignElements(shadow), [], 'no element made from post text in a badge');
      for (const badge of shown) {
        const id = badge.key.split(':')[1];
        assert.notEqual(badge.tier, 'low', `${badge.key} still recognised as a complaint (${badge.categories})`);
        assert.ok(badge.reasons.length > 0, `${badge.key} has reasons`);
        for (const reason of badge.reasons) {
          // "Category: “quoted text”": the quote is a piece of the post as written.
          const quoted = /: “([\s\S]*)”$/.exec(reason)?.[1];
          if (quoted == null) continue; // a raised tier, not a quote
          assert.ok(BAD[id].slice(0, 20000).includes(quoted), `${badge.key} reason ${JSON.stringify(quoted)} is in its text`);
        }
      }

      // The picker shows a template for the post whose author name is markup,
      // and the template goes into the reply box as text.
      const items = await openPicker(view, 'mastodon:2');
      assert.ok(items.length > 0);
      const [picker] = await view.hosts('FIRSTLINE-PICKER');
      assert.deepEqual(foreignElements(picker.shadow), [], 'no element made from page text in the picker');
      await page.keyboard.press('Enter');
      const reply = await until(() => page.evaluate(() => document.querySelector('textarea').value || null), { what: 'the template in the reply box' });
      await page.locator('textarea').pressSequentially(' <img src=x onerror=alert(6)><script>alert(7)</script>');
      await until(async () => (await readTone(view, null))?.text.startsWith('Tone') || null, { what: 'the tone indicator' });
      const [tone] = await view.hosts('FIRSTLINE-TONE');
      assert.deepEqual(foreignElements(tone.shadow), [], 'no element made from reply text in the tone indicator');
      assert.ok((await page.evaluate(() => document.querySelector('textarea').value)).startsWith(reply));

      assert.deepEqual(await page.evaluate(() => document.querySelectorAll('body script:not([src]), .status__content__text img[src="x"] ~ img').length), 0);
      assert.deepEqual(dialogs, [], 'no script from post or reply text ran');
      // Long tasks are measured by the browser benchmark (benches/browser.mjs),
      // not asserted here: a timed test is flaky on a loaded machine.
    } finally {
      await view.detach();
      await page.close();
    }
  });

  test('a badge removed, moved or emptied by the page comes back a bounded number of times', async () => {
    const page = await open('mutate');
    const view = await ShadowView.of(page);
    try {
      await waitForBadges(view, 3);
      // Every badge put into a post from now on (by the extension: the page
      // only takes them out).
      await page.evaluate(() => {
        window.__inserted = 0;
        new MutationObserver((records) => {
          for (const r of records) {
            for (const n of r.addedNodes) if (n.nodeName === 'FIRSTLINE-BADGE' && r.target.closest('.status')) window.__inserted++;
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
      const badgeIn = (id) => page.evaluate((id) => document.querySelector(`.status[data-id="${id}"] firstline-badge`)?.dataset.key ?? null, id);

      // Attributes changed and light DOM emptied: the shadow root is untouched.
      await page.evaluate(() => {
        const host = document.querySelector('.status[data-id="1"] firstline-badge');
        host.setAttribute('data-key', 'mastodon:evil');
        host.className = 'evil';
        host.replaceChildren();
        host.textContent = '';
      });
      const [first] = (await readBadges(view)).filter((b) => b.key === 'mastodon:evil');
      assert.ok(first?.tier && first.label, 'the badge still shows its verdict');

      // Moved out of its post: taken back, as a removal is.
      await page.evaluate(() => document.body.append(document.querySelector('.status[data-id="2"] firstline-badge')));
      await until(() => badgeIn('2'), { what: 'the moved badge back in its post' });

      // Removed again and again: put back MAX_REINSERTS times, then left out.
      let returned = 0;
      for (let i = 0; i < MAX_REINSERTS + 3; i++) {
        await page.evaluate(() => document.querySelector('.status[data-id="3"] firstline-badge')?.remove());
        const back = await until(() => badgeIn('3'), { timeout: 1000, what: 'the badge back' }).catch(() => null);
        if (back) returned++;
      }
      assert.equal(returned, MAX_REINSERTS, 'the badge came back MAX_REINSERTS times');
      const d = await diagnostics(sites.browser, page);
      assert.equal(d.found, 3);
      assert.deepEqual(d.posts.map((p) => p.badge), [true, true, false]);
      assert.equal(await page.evaluate(() => window.__inserted), 1 + MAX_REINSERTS, 'one put-back of the moved badge, MAX_REINSERTS of the removed one');
    } finally {
      await view.detach();
      await page.close();
    }
  });

  test('a page that strips every element it does not know does not start a loop', async () => {
    const page = await open('strip');
    try {
      // Three posts, each badge placed once and put back MAX_REINSERTS times.
      const bound = 3 * (1 + MAX_REINSERTS);
      await until(() => page.evaluate((bound) => window.__stripped >= bound, bound), { what: `${bound} badges stripped` });
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal(await page.evaluate(() => window.__stripped), bound, 'no badge inserted after the limit, over 2 s');
      const d = await diagnostics(sites.browser, page);
      assert.equal(d.found, 3);
      assert.equal(d.lastError, null);
    } finally {
      await page.close();
    }
  });

  test('posts without an id or text are reported unreadable; the popup shows the site and counts', async () => {
    const page = await open('unreadable');
    try {
      const d = await diagnosticsUntil(sites.browser, page, (d) => d.found === 1 && d.posts[0].badge, 'the readable post badged');
      assert.equal(d.unreadable, 2);
      assert.equal(d.warning, null, 'one post read: the descriptor works');

      // The real popup page, in a tab of the same window behind the fixture:
      // its "current window's active tab" is the fixture.
      const popupOpened = sites.browser.context.waitForEvent('page', (p) => p.url().endsWith('/popup.html'));
      await sites.browser.worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        await chrome.tabs.create({ url: chrome.runtime.getURL('popup.html'), windowId: tab.windowId, active: false });
      });
      const popup = await popupOpened;
      const status = await until(async () => {
        const text = await popup.locator('#status').innerText();
        return text.trim() ? text : null;
      }, { what: 'the popup’s report' });
      await popup.close();
      assert.match(status, /Mastodon/);
      assert.match(status, /\b1\b/, `the count of posts found: ${status}`);
      assert.match(status, /\b2\b/, `the count of unreadable posts: ${status}`);
    } finally {
      await page.close();
    }
  });

  test('a feed path with no readable post warns after it settles', async () => {
    const none = await open('none-readable');
    const empty = await open('empty');
    try {
      const early = await diagnostics(sites.browser, empty);
      assert.equal(early.expected, true, '/home is a feed');
      const a = await diagnosticsUntil(sites.browser, none, (d) => d.warning, 'a warning on the unreadable feed');
      assert.equal(a.found, 0);
      assert.equal(a.unreadable, 2);
      assert.match(a.warning, /2 posts found but none could be read/);
      const b = await diagnosticsUntil(sites.browser, empty, (d) => d.warning, 'a warning on the empty feed');
      assert.match(b.warning, /No posts found where Mastodon shows posts/);
    } finally {
      await none.close();
      await empty.close();
    }
  });

  test('the page’s stylesheet does not reach inside the badge, ours does not reach the page, and its handlers still run', async () => {
    const LOOK = ['color', 'background-color', 'font-size', 'font-family', 'font-weight', 'letter-spacing', 'line-height', 'text-transform', 'display', 'padding-left'];
    const lookOf = async (page) => {
      const view = await ShadowView.of(page);
      try {
        await waitForBadges(view, 1);
        await view.cdp.send('CSS.enable');
        const [{ node, shadow }] = await view.hosts('FIRSTLINE-BADGE');
        const styleOf = async (n) => {
          const { computedStyle } = await view.cdp.send('CSS.getComputedStyleForNode', { nodeId: n.nodeId });
          return Object.fromEntries(LOOK.map((p) => [p, computedStyle.find((s) => s.name === p)?.value]));
        };
        const pill = findAll(shadow, (n) => (attributes(n).class ?? '').startsWith('badge'))[0];
        const tier = findAll(shadow, (n) => attributes(n).class === 'tier')[0];
        const { model } = await view.cdp.send('DOM.getBoxModel', { nodeId: node.nodeId });
        return { host: (await styleOf(node)).display, pill: await styleOf(pill), tier: await styleOf(tier), label: textOf(tier), width: model.width };
      } finally {
        await view.detach();
      }
    };
    const plain = await open('plain');
    const wanted = await lookOf(plain);
    await plain.close();

    const page = await open('css');
    try {
      const got = await lookOf(page);
      assert.deepEqual(got, wanted, 'the badge looks the same under the page’s `*` and `firstline-badge` rules');

      // Our styles do not reach the page: its elements look as they did before
      // the content script started, and as the same markup outside any post.
      const now = await page.evaluate(() => [...document.querySelectorAll('body, .status__content__text, .display-name__html, .page-input, .page-button')].map(window.__styleOf));
      assert.deepEqual(now, await page.evaluate(() => window.__stylesBefore));
      const [badged, control] = await page.evaluate(() => [...document.querySelectorAll('.status__content__text')].map(window.__styleOf));
      assert.deepEqual(badged, control);

      await page.locator('.page-button').click();
      await page.locator('.page-input').fill('hello');
      assert.deepEqual(await page.evaluate(() => window.__pageEvents), [{ type: 'click' }, { type: 'input', value: 'hello' }]);
    } finally {
      await page.close();
    }
  });
});
