// Tone check in the real extension: underlines in a reply box through the
// CSS Custom Highlight API (the editor's DOM untouched), never stale after
// more typing or a re-render, fixes made through the editor, and the tone
// lab page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ROOT, attributes, find, findAll, hasClass, launch, textOf, until } from '../../scripts/browser.mjs';
import { ShadowView, readTone, waitForBadges } from '../../scripts/overlay-view.mjs';
import { startServer } from '../../demo/server.mjs';

const POSTS = JSON.parse(await readFile(path.join(ROOT, 'demo/posts.json'), 'utf8'));
const RICH = POSTS.find((p) => p.reply === 'contenteditable' && p.lang === 'en');

describe('tone check', () => {
  let server, browser, page, view;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await browser.context.newPage();
    await page.goto(`${server.url}/firstline-demo/feed.html?tag=tone`);
    view = await ShadowView.of(page);
    await waitForBadges(view, POSTS.length);
  });

  after(async () => {
    await view?.detach();
    await browser?.close();
    await server?.close();
  });

  const id = `${RICH.id}-tone`;
  const box = () => page.locator(`article[data-post-id="${id}"] .reply-box`);
  /** The underlined texts, as the page's own highlight registry holds them (ranges still in the document). */
  const underlined = () => page.evaluate(() => {
    const highlight = CSS.highlights.get('firstline-tone');
    return highlight ? [...highlight].filter((r) => r.startContainer.isConnected).map((r) => r.toString()) : [];
  });

  test('findings are underlined through the Highlight API; the editor\'s DOM is not touched', async () => {
    await page.locator(`article[data-post-id="${id}"] .reply-button`).click();
    await box().click();
    await page.keyboard.type('Thanks for waiting. WE CANNOT REFUND THIS ORDER');
    await until(async () => (await underlined()).some((text) => text.includes('WE CANNOT REFUND')), { what: 'the shouting underlined' });
    const markup = await box().evaluate((el) => el.innerHTML);
    assert.doesNotMatch(markup, /<(span|mark|u)\b/, 'no element added inside the editor');
    const tone = await readTone(view, id);
    assert.match(tone.text, /shouting/);
  });

  test('underlines follow the text: more typing and a re-render leave none stale', async () => {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('All sorted now, thank you for your patience.');
    await until(async () => (await underlined()).length === 0, { what: 'the old underlines gone' });
    // The editor re-renders its DOM (new nodes for the same kind of text).
    await box().evaluate((el) => { el.replaceChildren(document.createTextNode('THIS IS NOT OUR PROBLEM')); el.dispatchEvent(new InputEvent('input', { bubbles: true })); });
    await until(async () => (await underlined()).some((text) => text.includes('THIS IS NOT OUR PROBLEM')), { what: 'underlines on the new nodes' });
    const stale = await page.evaluate(() => [...CSS.highlights.get('firstline-tone')].filter((r) => !r.startContainer.isConnected).length);
    assert.equal(stale, 0, 'no range left on nodes the editor threw away');
  });

  test('a fix is made through the editor: shouting calmed, a card number masked', async () => {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Sorry Devon. WE CANNOT REFUND THIS ORDER to card 4111 1111 1111 1111');
    await until(async () => (await underlined()).length >= 2, { what: 'both findings underlined' });
    const press = async (label, nth) => {
      const host = (await view.hosts('FIRSTLINE-TONE')).find((h) => h.postId === id);
      const pill = find(host.shadow, hasClass('tone'));
      if (attributes(pill)['aria-expanded'] !== 'true') await view.click(pill); // the details open
      const fresh = (await view.hosts('FIRSTLINE-TONE')).find((h) => h.postId === id);
      const buttons = findAll(fresh.shadow, (n) => n.nodeName === 'BUTTON' && textOf(n) === label);
      await view.click(buttons[nth]);
    };
    await press('Fix', 0);
    await until(async () => (await box().innerText()).includes('We cannot refund this order'), { what: 'the shouting fixed' });
    await until(async () => (await underlined()).length === 1, { what: 'one finding left' });
    await press('Fix', 0);
    await until(async () => /•••• •••• •••• 1111/.test(await box().innerText()), { what: 'the card masked' });
    assert.equal(await box().innerText(), 'Sorry Devon. We cannot refund this order to card •••• •••• •••• 1111');
  });

  test('a 100 KB paste, emoji only and right-to-left text are checked without trouble', async () => {
    // Each case changes what the indicator says, so each wait sees its own check.
    const cases = [
      ['🙂👍🎉'.repeat(100), (tone) => /too long/.test(tone.text)],
      ['شكرا لتواصلك معنا، سنساعدك قريبا', (tone) => !/too long/.test(tone.text) && /^Tone\d+/.test(tone.text.replace(/\s/g, ''))],
      ['Thanks! '.repeat(12_800), (tone) => /too long/.test(tone.text)],
    ];
    for (const [text, shows] of cases) {
      await box().evaluate((el, text) => {
        el.replaceChildren(document.createTextNode(text));
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }, text);
      const tone = await until(async () => {
        const shown = await readTone(view, id);
        return shown && shows(shown) ? shown : null;
      }, { what: `the indicator after ${text.length} characters` });
      assert.ok(tone.text.length < 400, 'the indicator stays small');
    }
  });

  test('the tone lab shows the score, the findings and the draft marked, as text', async () => {
    const lab = await browser.context.newPage();
    await lab.goto(`chrome-extension://${browser.extensionId}/tonelab.html`);
    await lab.selectOption('#lab-site', 'x');
    await lab.fill('#lab-draft', 'WE CANNOT HELP <img src=x onerror=alert(1)> and this is bullshit');
    await lab.waitForFunction(() => document.querySelectorAll('#lab-issues li').length >= 2);
    const issues = await lab.$$eval('#lab-issues li', (items) => items.map((li) => li.textContent));
    assert.ok(issues.some((text) => /shouting/.test(text)), issues.join('\n'));
    assert.ok(issues.some((text) => /profanity/.test(text)), issues.join('\n'));
    assert.match(await lab.textContent('#lab-score'), /^\d+ \/ 100/);
    assert.equal(await lab.$$eval('#lab-marked img', (imgs) => imgs.length), 0, 'the draft is text');
    assert.ok(await lab.$$eval('#lab-marked mark', (marks) => marks.length) >= 2);
    assert.match(await lab.textContent('#lab-marked'), /<img src=x onerror=alert\(1\)>/);
    await lab.close();
  });
});
