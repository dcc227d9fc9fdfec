// Messenger end to end: the messages of the open conversation (not the chat
// list, not the date separators), a message arriving while it is open,
// switching chats in place, and a template through the picker into the
// Lexical composer.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { THREADS } from './fixtures/messenger/data.js';
import { openSite, until } from './site-harness.mjs';
import { assertBadges, assertFound, assertReply, pickApology } from './sites-b-checks.mjs';

/** What the content script should read from a conversation's `messages`. */
const items = (thread, messages) => messages.map((m) => ({ id: m.id, kind: 'message', author: thread.name, text: m.text }));

describe('Messenger', () => {
  const [oksana, pedro] = THREADS;
  const shown = [...oksana.messages, oksana.incoming];
  let sites, page, view, close;

  before(async () => {
    ({ sites, page, view, close } = await openSite('messenger', `/t/${oksana.id}/`));
  });

  after(() => close?.());

  test('every message, the one that arrives later too, is read once with its id, sender and text', async () => {
    await assertFound(sites.browser, page, 'messenger', items(oksana, shown));
  });

  test('one badge per message, none on the chat list or the date separator', async () => {
    await assertBadges(page, 'messenger', shown.map((m) => m.id));
  });

  test('a template picked for a message goes into the Lexical composer', async () => {
    await pickApology(view, page, `messenger:${oksana.messages[0].id}`);
    const text = await until(() => page.evaluate(() => window.__editorText() || null), { what: 'the reply in Lexical' });
    assertReply(text, oksana.name);
    const events = await page.evaluate(() => window.__pageEvents);
    assert.ok(events.some((e) => e.type === 'composer-draft' && e.thread === oksana.id && e.length === text.length),
      'the page’s own listener saw the composer change');
  });

  test('opening another chat replaces the conversation; the badges follow its messages', async () => {
    await page.locator(`[role="navigation"] a[href="/t/${pedro.id}/"]`).click();
    await until(() => page.evaluate((id) => location.pathname === `/t/${id}/`, pedro.id), { what: 'the chat route' });
    await assertFound(sites.browser, page, 'messenger', items(pedro, pedro.messages));
    await assertBadges(page, 'messenger', pedro.messages.map((m) => m.id));
    assert.equal(await page.evaluate(() => window.__editorText()), '', 'a fresh composer for the new chat');
    assert.ok((await page.evaluate(() => window.__pageEvents)).some((e) => e.type === 'open-chat' && e.id === pedro.id),
      'the page’s own link handler ran');
  });

  test('on facebook.com/messages/ the Messenger descriptor reads the chat, not Facebook’s', async () => {
    const inside = await sites.open('facebook', `/messages/t/${pedro.id}/`);
    try {
      const d = await assertFound(sites.browser, inside, 'messenger', items(pedro, pedro.messages));
      assert.equal(d.url, `https://www.facebook.com/messages/t/${pedro.id}/`);
      await assertBadges(inside, 'messenger', pedro.messages.map((m) => m.id));
    } finally {
      await inside.close();
    }
  });
});
