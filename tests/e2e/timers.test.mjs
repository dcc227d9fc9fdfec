// Response timers in the real extension, on the demo feed: one timer per
// post across reloads and tabs, stopped by a sent reply or the badge's
// moves, warnings as notifications and the overdue on the toolbar, the side
// panel's queue, and nothing lost when the service worker is stopped or the
// browser restarts. The feed's `?older=` makes every post that many minutes
// older, so warnings and breaches come in seconds, not minutes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PROFILE, ROOT, find, hasClass, launch, until } from '../../scripts/browser.mjs';
import { ShadowView, openPicker, readBadges, waitForBadges } from '../../scripts/overlay-view.mjs';
import { startServer } from '../../demo/server.mjs';

const POSTS = JSON.parse(await readFile(path.join(ROOT, 'demo/posts.json'), 'utf8'));
const URGENT = POSTS.find((p) => p.expect?.tier === 'urgent' && p.minutes_ago === 0 && p.reply === 'textarea');
const LOW = POSTS.find((p) => p.expect?.tier === 'low');
const MINUTE = 60_000;

/** The service worker now: it may have been stopped and started again. */
async function worker(context) {
  const [current] = context.serviceWorkers();
  return current ?? context.waitForEvent('serviceworker');
}

/** Runs `fn` in the worker (wakes it if stopped). */
async function inWorker(context, fn, arg) {
  return (await worker(context)).evaluate(fn, arg);
}

const storedTimer = (context, key) => inWorker(context, async (key) => {
  const line = (await chrome.storage.local.get(`timer/${key}`))[`timer/${key}`];
  return line ? JSON.parse(line) : null;
}, key);

describe('response timers', () => {
  let server, browser, dir;

  before(async () => {
    server = await startServer();
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-timers-'));
    browser = await launch({ userDataDir: dir });
    await browser.worker.evaluate((profile) => chrome.storage.local.set({ profile }), PROFILE);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The feed with every post `older` minutes older and ids ending in `-tag`: posts no other test has timed. */
  async function openFeed(tag, older = 0) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/firstline-demo/feed.html?older=${older}&tag=${tag}`);
    const view = await ShadowView.of(page);
    await waitForBadges(view, POSTS.length);
    return { page, view };
  }

  /** The report rows (parsed) the history keeps for the UTC day of `at`, read through history.js in an extension page. */
  async function historyRows(at) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    const rows = await page.evaluate(async (period) => {
      const { readReportRows } = await import(chrome.runtime.getURL('history.js'));
      return (await readReportRows(period)).rows.flatMap((text) => text.split('\n')).map((line) => JSON.parse(line));
    }, { from: at, to: at + 1 });
    await page.close();
    return rows;
  }

  const badgeOf = async (view, id) => (await readBadges(view)).find((b) => b.postId === id);
  /** A demo post's id on a tagged feed. */
  const idOf = (post, tag) => `${post.id}-${tag}`;

  test('a flagged post gets one timer, kept across a reload; a low-tier post gets none', async () => {
    const { page, view } = await openFeed('t1');
    const key = `demo:${idOf(URGENT, 't1')}`;
    const first = await until(() => storedTimer(browser.context, key), { what: 'the stored timer' });
    assert.equal(first.state.kind, 'open');
    assert.equal(first.deadline - first.started_at, 15 * MINUTE, 'urgent: 15 minutes');
    assert.match(first.url, /\/firstline-demo\/post\/p001-t1$/);
    assert.equal(await storedTimer(browser.context, `demo:${idOf(LOW, 't1')}`), null);
    assert.equal((await badgeOf(view, idOf(LOW, 't1'))).timer, '');
    await page.reload();
    await waitForBadges(view, POSTS.length);
    assert.deepEqual(await storedTimer(browser.context, key), first, 'the same timer, not a new one');
    assert.match((await badgeOf(view, idOf(URGENT, 't1'))).timer, /^1[45]:\d\d$/);
    await page.close();
  });

  test('a template inserted and sent stops the timer; every tab shows it answered', async () => {
    const id = idOf(URGENT, 't2');
    const { page, view } = await openFeed('t2');
    const other = await openFeed('t2');
    await openPicker(view, id);
    await page.keyboard.press('Enter');
    const box = page.locator(`article[data-post-id="${id}"] .reply-box`);
    await until(async () => (await box.inputValue()).length > 20, { what: 'the reply inserted' });
    await page.locator(`article[data-post-id="${id}"] .send-button`).click();
    const answered = await until(async () => {
      const timer = await storedTimer(browser.context, `demo:${id}`);
      return timer?.state.kind === 'answered' ? timer : null;
    }, { what: 'the timer answered' });
    assert.equal(answered.state.how, 'replied');
    // The worker's history keeps its report row, answered too.
    const row = await until(async () => (await historyRows(answered.started_at)).find((r) => r[2] === answered.state.at),
      { what: 'the answered report row in the history' });
    assert.deepEqual([row[0], row[1], row[3], row[4], row[6]], [answered.started_at, answered.deadline, 'urgent', answered.sentiment, 'demo']);
    await until(async () => (await badgeOf(view, id)).timerState === 'answered', { what: 'this tab\'s badge' });
    await until(async () => (await badgeOf(other.view, id)).timerState === 'answered', { what: 'the other tab\'s badge' });
    await page.close();
    await other.page.close();
  });

  test('a post whose picker is open in one tab shows "another tab" in the others', async () => {
    const target = POSTS.find((p) => p.expect?.tier === 'high' && p.reply === 'textarea');
    const id = idOf(target, 't3');
    const one = await openFeed('t3');
    const two = await openFeed('t3');
    await openPicker(one.view, id);
    const elsewhere = await until(async () => {
      const badge = await badgeOf(two.view, id);
      return badge.timerState === 'elsewhere' ? badge : null;
    }, { what: 'the claim shown in the other tab' });
    assert.equal(elsewhere.timer, 'another tab');
    assert.notEqual((await badgeOf(one.view, id)).timerState, 'elsewhere', 'not in the tab answering it');
    await one.page.close();
    // The tab closed: its claim ends.
    await until(async () => (await badgeOf(two.view, id)).timerState !== 'elsewhere', { what: 'the claim released' });
    await two.page.close();
  });

  test('the badge\'s moves: snooze hides the countdown, escalate raises the tier, answered stops it', async () => {
    const target = POSTS.find((p) => p.expect?.tier === 'normal');
    const id = idOf(target, 't4');
    const key = `demo:${id}`;
    const { page, view } = await openFeed('t4');
    // Click the badge's own buttons, in its closed shadow root.
    const press = async (label) => {
      const host = (await view.hosts('FIRSTLINE-BADGE')).find((h) => h.postId === id);
      await view.click(find(host.shadow, hasClass('badge'))); // hovered: the tooltip with the moves opens
      const fresh = (await view.hosts('FIRSTLINE-BADGE')).find((h) => h.postId === id);
      const button = findButton(fresh.shadow, label);
      assert.ok(button, `the ${label} button`);
      await view.click(button);
    };
    await press('Snooze 1 h');
    await until(async () => (await storedTimer(browser.context, key))?.state.kind === 'snoozed', { what: 'snoozed' });
    await until(async () => (await badgeOf(view, id)).timerState === 'snoozed', { what: 'the badge snoozed' });
    await press('Escalate');
    const escalated = await until(async () => {
      const timer = await storedTimer(browser.context, key);
      return timer?.escalated_at ? timer : null;
    }, { what: 'escalated' });
    assert.equal(escalated.tier, 'high');
    assert.equal(escalated.state.kind, 'open', 'escalating ends the snooze');
    await until(async () => (await badgeOf(view, id)).tier === 'high', { what: 'the badge raised' });
    await press('Answered');
    const done = await until(async () => {
      const timer = await storedTimer(browser.context, key);
      return timer?.state.kind === 'answered' ? timer : null;
    }, { what: 'answered' });
    assert.equal(done.state.how, 'marked');
    await page.close();
  });

  test('a warning is a notification before the breach, and the toolbar counts the overdue', async () => {
    // 12 minutes old: past the urgent warning (11¼ min), 3 minutes to the breach. The
    // feed's older posts are past theirs too: a backlog seen at once is one
    // notification saying how many, not one each.
    const { page } = await openFeed('t5', 12);
    const key = `demo:${idOf(URGENT, 't5')}`;
    await until(async () => {
      const warned = await inWorker(browser.context, async () => (await chrome.storage.local.get('timers-warned'))['timers-warned'] ?? []);
      const ids = await inWorker(browser.context, async () => Object.keys(await chrome.notifications.getAll()));
      return warned.includes(key) && (ids.includes('warn:many') || ids.includes(`warn:${key}`));
    }, { what: 'the urgent post warned' });
    const timer = await storedTimer(browser.context, key);
    assert.ok(Date.now() < timer.deadline, 'it came before the breach');
    // The toolbar counts every open timer past its deadline.
    const counted = async () => {
      const text = await inWorker(browser.context, () => chrome.action.getBadgeText({}));
      const overdue = await inWorker(browser.context, async () => {
        const names = (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('timer/'));
        const now = Date.now();
        return Object.values(await chrome.storage.local.get(names)).map((line) => JSON.parse(line))
          .filter((t) => t.state.kind !== 'answered' && !(t.state.kind === 'snoozed' && now < t.state.until) && now >= t.deadline).length;
      });
      return overdue > 0 && Number(text) === overdue;
    };
    await until(counted, { what: 'the overdue count on the toolbar' });
    await page.close();
  });

  test('the side panel lists open timers by deadline and brings a post into view', async () => {
    const feed = await openFeed('t6');
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await panel.waitForSelector('#queue li');
    const deadlines = await panel.$$eval('#queue li', (items) => items.map((li) => li.dataset.key));
    const stored = await Promise.all(deadlines.map((key) => storedTimer(browser.context, key)));
    const sorted = [...stored].sort((a, b) => a.deadline - b.deadline);
    assert.deepEqual(stored.map((t) => t.deadline), sorted.map((t) => t.deadline));
    assert.ok(stored.every((t) => t.state.kind !== 'answered'));
    // The last one in the queue is far down the feed: a click scrolls to it.
    const far = POSTS.map((p) => idOf(p, 't6')).findLast((id) => deadlines.includes(`demo:${id}`));
    await feed.page.evaluate(() => window.scrollTo(0, 0));
    await panel.click(`#queue li[data-key="demo:${far}"]`);
    await until(() => feed.page.evaluate((id) => {
      const rect = document.querySelector(`article[data-post-id="${id}"]`).getBoundingClientRect();
      return rect.top >= 0 && rect.top < innerHeight;
    }, far), { what: 'the post scrolled into view' });
    await panel.close();
    await feed.page.close();
  });

  test('new targets saved in the options re-time running timers; a bad policy is refused', async () => {
    const { page: feed } = await openFeed('t8');
    const key = `demo:${idOf(URGENT, 't8')}`;
    await until(() => storedTimer(browser.context, key), { what: 'the timer' });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForFunction(() => document.getElementById('policy-urgent').value !== '');
    await options.fill('#policy-warn', '150');
    await options.click('#policy-save');
    await options.waitForFunction(() => document.getElementById('policy-result').textContent.length > 0);
    assert.match(await options.textContent('#policy-result'), /^Not saved: policy: .*warn/i);
    assert.equal(await inWorker(browser.context, async () => (await chrome.storage.local.get('policy')).policy ?? null), null);
    await options.fill('#policy-warn', '50');
    await options.fill('#policy-urgent', '30');
    await options.click('#policy-save');
    await options.waitForFunction(() => document.getElementById('policy-result').className === 'ok');
    const retimed = await until(async () => {
      const timer = await storedTimer(browser.context, key);
      return timer.deadline - timer.started_at === 30 * MINUTE ? timer : null;
    }, { what: 'the urgent timer re-timed to 30 minutes' });
    assert.equal(retimed.warn_at - retimed.started_at, 15 * MINUTE, 'warned at half');
    // Back to the defaults for the tests after this one.
    await inWorker(browser.context, () => chrome.storage.local.remove('policy'));
    await until(async () => (await storedTimer(browser.context, key)).deadline - retimed.started_at === 15 * MINUTE, { what: 're-timed back' });
    await options.close();
    await feed.close();
  });

  test('a corrupt stored timer is replaced, and a full storage costs timers, not badges', async () => {
    const key = `demo:${idOf(URGENT, 't9')}`;
    await inWorker(browser.context, (key) => chrome.storage.local.set({ [`timer/${key}`]: '{"v":1, "site": broken' }), key);
    const first = await openFeed('t9');
    const timer = await until(async () => {
      const stored = await storedTimer(browser.context, key).catch(() => null);
      return stored?.deadline ? stored : null;
    }, { what: 'a fresh timer in place of the corrupt one' });
    assert.equal(timer.state.kind, 'open');
    await first.page.close();
    // Storage full: new posts still get their badges; the diagnostics (the popup's) say why there are no timers.
    await inWorker(browser.context, async () => {
      const used = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.set({ filler: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - 64) });
    });
    try {
      const { page, view } = await openFeed('t10');
      const badge = await badgeOf(view, idOf(URGENT, 't10'));
      assert.equal(badge.tier, 'urgent');
      assert.equal(badge.timer, '', 'no timer could be stored');
      assert.equal(await storedTimer(browser.context, `demo:${idOf(URGENT, 't10')}`), null);
      const reports = await inWorker(browser.context, async () => Promise.all((await chrome.tabs.query({}))
        .map((tab) => chrome.tabs.sendMessage(tab.id, { type: 'diagnostics' }).catch(() => null))));
      const diagnostics = reports.find((report) => report?.url.includes('tag=t10'));
      assert.match(diagnostics.lastError, /^timers: .*quota/i);
      await page.close();
    } finally {
      await inWorker(browser.context, () => chrome.storage.local.remove('filler'));
    }
  });

  test('a stopped worker and a restarted browser lose no timer, and the alarm still fires', async () => {
    // 11.2 minutes old: the urgent warning (11¼ min) is 3 s away.
    const { page } = await openFeed('t7', 11.2);
    const key = `demo:${idOf(URGENT, 't7')}`;
    await until(() => storedTimer(browser.context, key), { what: 'the timer' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.close(); // and no page left to wake it
    // Only the alarm wakes the worker now, for the warning.
    await until(async () => {
      const ids = await inWorker(browser.context, async () => Object.keys(await chrome.notifications.getAll()));
      return ids.includes(`warn:${key}`);
    }, { timeout: 20_000, what: 'the warning after the worker was stopped' });
    const timerKeys = () => inWorker(browser.context, async () =>
      (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('timer/')).sort());
    const before = await timerKeys();
    const stored = await storedTimer(browser.context, key);
    await browser.close();
    browser = await launch({ userDataDir: dir });
    assert.deepEqual(await timerKeys(), before, 'every timer is still there');
    assert.deepEqual(await storedTimer(browser.context, key), stored);
    const alarm = await until(() => inWorker(browser.context, () => chrome.alarms.get('firstline-timers')), { what: 'the alarm set again' });
    assert.ok(alarm.scheduledTime <= stored.deadline + 1000, 'next: this post\'s breach at the latest');
  });
});

/** The button labelled `label` in a CDP shadow tree. */
function findButton(node, label) {
  if (!node) return null;
  if (node.nodeName === 'BUTTON' && (node.children ?? []).some((c) => c.nodeValue === label)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = findButton(child, label);
    if (hit) return hit;
  }
  return null;
}
