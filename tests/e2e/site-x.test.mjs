// firstline on the X fixture (tests/e2e/fixtures/x): a virtualised timeline
// that recycles its articles, tweets that arrive as empty shells, SPA
// navigation to a thread and back, and the Draft.js reply composer in a
// dialog.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PROFILE, badges, diagnostics, openSite, until } from './site-harness.mjs';
import { expectBadgesOnTheirPosts, expectPageSawReply, expectPosts, insertApology } from './sites-a-checks.mjs';

const DATA = JSON.parse(await readFile(new URL('./fixtures/x/tweets.json', import.meta.url), 'utf8'));
const permalink = (t) => `/${t.handle}/status/${t.id}`;

/** Every article in the page, with the tweet id of its own permalink and the keys of the badges in it. */
function readRows(page) {
  return page.evaluate(() => {
    const articles = [...document.querySelectorAll('article[data-testid="tweet"]')];
    return {
      rows: articles.map((a) => ({
        id: /\/status\/(\d+)$/.exec(a.querySelector('a[href*="/status/"] > time')?.parentElement.getAttribute('href') ?? '')?.[1] ?? null,
        keys: [...a.querySelectorAll('firstline-badge')].map((b) => b.dataset.key),
      })),
      outside: [...document.querySelectorAll('firstline-badge')].filter((b) => !b.closest('article[data-testid="tweet"]')).length,
    };
  });
}

/** The tweets whose rows are in the rendered window now, by the fixture's layout. */
async function shownTweets(page, tweets) {
  // The timeline re-lays its cells on scroll events that may still be on
  // their way: read the layout until two frames apart it is the same.
  const layout = () => page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return [...document.querySelectorAll('[data-testid="cellInnerDiv"]')]
      .map((c) => Math.round(new DOMMatrix(getComputedStyle(c).transform).m42));
  });
  let ys = await layout();
  for (let next = await layout(); JSON.stringify(next) !== JSON.stringify(ys); next = await layout()) ys = next;
  return ys.map((y) => tweets[y / 240]);
}

describe('X', () => {
  let sites, page, view, now, close;

  before(async () => {
    ({ sites, page, view, now, close } = await openSite('x', '/home'));
  });

  after(() => close?.());

  const expectShown = async (tweets) => {
    await expectPosts(sites.browser, page, 'x', await shownTweets(page, tweets), { now, permalink });
    const rows = await expectBadgesOnTheirPosts('x', () => readRows(page));
    const keys = await badges(page);
    assert.equal(keys.length, rows.length, 'the badges CDP sees are the ones in the articles');
    return rows;
  };

  test('every tweet rendered is read once, with its id, author, handle, time and text, and badged', async () => {
    const rows = await expectShown(DATA.home);
    assert.ok(rows.length >= 4, 'several tweets in view');
    // The sidebar (trends, who to follow) has complaint-like text but no posts.
    const sidebar = await page.evaluate(() => document.querySelector('[data-testid="sidebarColumn"] firstline-badge'));
    assert.equal(sidebar, null);
  });

  test('scrolling recycles articles for other tweets; each badge follows the tweet its article shows', async () => {
    const before = await page.evaluate(() => {
      window.__firstArticles = [...document.querySelectorAll('article[data-testid="tweet"]')];
      return window.__firstArticles.map((a) => a.querySelector('a[href*="/status/"] > time').parentElement.getAttribute('href'));
    });
    const seen = new Set();
    for (let step = 0; step < 12; step++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(50);
      for (const row of await expectShown(DATA.home)) seen.add(row.id);
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    for (const row of await expectShown(DATA.home)) seen.add(row.id);
    assert.deepEqual([...seen].sort(), DATA.home.map((t) => t.id).sort(), 'every tweet was shown and read');
    const recycled = await page.evaluate((hrefs) => window.__firstArticles.filter((a, i) =>
      a.isConnected && a.querySelector('a[href*="/status/"] > time')?.parentElement.getAttribute('href') !== hrefs[i]).length, before);
    assert.ok(recycled > 0, 'the same article nodes now show other tweets');
    // And back up: recycled again, the late tweets are cached now.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectShown(DATA.home);
  });

  test('SPA navigation to a thread and back re-reads the recycled articles, with no stale badge', async () => {
    const focal = DATA.home[0];
    await page.locator('article[data-testid="tweet"]', { has: page.locator(`a[href="${permalink(focal)}"]`) })
      .locator('[data-testid="tweetText"]').click();
    await page.waitForURL(`**${permalink(focal)}`);
    const thread = [focal, ...DATA.threads[focal.id]];
    // A late reply arrives as a shell in an article that showed a home tweet:
    // until it fills in, that article is unreadable, not its old tweet.
    const late = thread.find((t) => t.late);
    const seen = [];
    await until(async () => {
      const d = await diagnostics(sites.browser, page);
      seen.push(d);
      return d.posts.some((p) => p.key === `x:${late.id}`);
    }, { timeout: 5000, interval: 10, what: 'the late reply to fill in' });
    assert.ok(seen.some((d) => d.unreadable === 1 && d.found === thread.length - 1),
      `the shell was reported unreadable while empty: ${JSON.stringify(seen.map((d) => [d.found, d.unreadable]))}`);
    const rows = await expectShown(thread);
    assert.deepEqual(rows.map((r) => r.id).sort(), thread.map((t) => t.id).sort());
    await page.goBack();
    await page.waitForURL('**/home');
    await expectShown(DATA.home);
    const routes = await page.evaluate(() => window.__pageEvents.filter((e) => e.type === 'route').map((e) => e.path));
    assert.deepEqual(routes.slice(-2), [permalink(focal), '/home'], 'the page’s own router ran');
  });

  test('a template picked from the badge lands in the Draft.js editor state of the reply dialog', async () => {
    const target = DATA.home[0];
    const text = await insertApology(page, view, `x:${target.id}`, () => page.evaluate(() => window.__editorText()));
    assert.match(text, /^Hi Ann, /, 'filled with the author’s first name');
    assert.ok(text.endsWith(PROFILE.signature), 'signed');
    assert.equal(await page.evaluate(() => window.__composerFor()), target.id, 'the dialog answers that tweet');
    // The dialog's editor is the one the descriptor names, and shows what its state holds.
    const shown = await page.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').innerText();
    assert.equal(shown.trim(), text.trim());
    // The page still works: posting the reply through its own button.
    await page.locator('[role="dialog"] [data-testid="tweetButton"]').click();
    await expectPageSawReply(page, target.id, text);
    assert.equal(await page.locator('[role="dialog"]').count(), 0);
  });

  test('the page’s own tweet controls still work with the extension loaded', async () => {
    const second = DATA.home[1];
    await page.locator('article[data-testid="tweet"]', { has: page.locator(`a[href="${permalink(second)}"]`) })
      .locator('[data-testid="like"]').click();
    const likes = await page.evaluate(() => window.__pageEvents.filter((e) => e.type === 'like').map((e) => e.id));
    assert.deepEqual(likes, [second.id]);
  });
});
