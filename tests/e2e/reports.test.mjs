// The reports page in the real extension: a colleague's export, built here
// with known numbers, is imported through the file input; the figures and
// the charts show those numbers; exports round-trip; importing again adds
// nothing; bad files change nothing; a corrupt stored record, or a corrupt
// day of report rows, is counted and left out, and the rest still counts;
// a history stored by the previous version (1) is upgraded and counted.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { launch } from '../../scripts/browser.mjs';
import { DAY, HOUR, MINUTE, exportFile, stored as storedRecord, timer } from '../../scripts/history-records.mjs';

/** A local date as the page's date inputs write it. */
function dateText(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const now = new Date();
const dayBefore = (days, hour) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - days, hour).getTime();
const twoDaysAgo = dayBefore(2, 10);
const yesterday = dayBefore(1, 9);
const anHourAgo = now.getTime() - HOUR;

const urgent = (post_id, started_at, answered_after) => timer({
  site: 'x', post_id, tier: 'urgent', categories: ['billing'], sentiment: 'negative',
  author: '<img src=x onerror="document.title=\'pwned\'">', excerpt: '<b>charged twice</b>', started_at, answered_after,
});
const high = (post_id, started_at) => timer({
  site: 'bluesky', post_id, tier: 'high', categories: ['delivery'], sentiment: 'neutral', started_at, answered_after: 30 * MINUTE,
});

// Urgent (15 min target): answered in 5, 20 and 70 min, and one still open
// two days on: three breaches. High (1 h): two answered in 30 min. Low
// (24 h): one open for an hour, from a site whose name looks like markup.
const TEAM = [
  urgent('u1', twoDaysAgo, 5 * MINUTE),
  urgent('u2', twoDaysAgo + HOUR, 20 * MINUTE),
  urgent('u3', twoDaysAgo + 2 * HOUR, 70 * MINUTE),
  urgent('u4', twoDaysAgo + 3 * HOUR, null),
  high('h1', yesterday),
  high('h2', yesterday + HOUR),
  timer({ site: '<i>forum</i>', post_id: 'l1', tier: 'low', categories: ['praise'], sentiment: 'positive', started_at: anHourAgo }),
];

/** The five figures, as the reports `page` writes them. */
const figuresOf = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-figure]')]
  .map((el) => [el.dataset.figure, el.querySelector('dd').textContent])));

describe('reports: figures, charts, export and import', () => {
  let browser, page;

  before(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/reports.html`);
    await page.waitForSelector('[data-figure="total"]');
  });

  after(async () => {
    await browser?.close();
  });

  const figures = () => figuresOf(page);

  /** A chart's numbers, from its table: [[label, count]]. */
  const chart = (id) => page.evaluate((id) => [...document.querySelectorAll(`#${id} tbody tr`)]
    .map((tr) => [tr.querySelector('th').textContent, Number(tr.querySelector('td').textContent)]), id);

  /** How many records the history holds, through history.js as the worker would ask. */
  const stored = () => page.evaluate(async () => (await import(chrome.runtime.getURL('history.js'))).countRecords());

  /** Saves `records` through history.js, with the pages' core, as the worker saves its own. */
  const saveThroughHistory = (records) => page.evaluate(async (records) => {
    const [history, core] = await Promise.all([import(chrome.runtime.getURL('history.js')), import(chrome.runtime.getURL('pkg-pages/firstline.js'))]);
    await core.default({ module_or_path: chrome.runtime.getURL('pkg-pages/firstline_bg.wasm') });
    history.useCore(core);
    await history.saveRecords(records);
  }, records);

  /** Imports `text` as the file `name`; returns the page's message once the import is over. */
  async function importText(name, text) {
    await page.evaluate(() => { document.getElementById('share-result').textContent = ''; });
    await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(() => {
      const text = document.getElementById('share-result').textContent;
      return text.length > 0 && !text.endsWith('…');
    });
    return page.textContent('#share-result');
  }

  test('an empty history reports nothing', async () => {
    assert.deepEqual(await figures(), { total: '0', resolved: '0', median: '—', p90: '—', breaches: '0' });
    assert.equal(await page.textContent('#reports-empty'), 'No posts in this period.');
    assert.equal(await page.inputValue('#to'), dateText(now));
  });

  test("a colleague's export shows its numbers and charts", async () => {
    assert.equal(await importText('team.json', exportFile(TEAM)), '7 added, 0 updated');
    assert.equal(await stored(), 7);
    // Answers: 5, 20, 30, 30 and 70 min. Median (nearest rank) 30 min, 90th percentile 70.
    assert.deepEqual(await figures(), { total: '7', resolved: '5', median: '30 min', p90: '1 h 10 min', breaches: '3' });
    assert.deepEqual(await chart('chart-tier'), [['Urgent', 4], ['High', 2], ['Normal', 0], ['Low', 1]]);
    assert.deepEqual(await chart('chart-site'), [['x', 4], ['bluesky', 2], ['<i>forum</i>', 1]]);
    assert.deepEqual((await chart('chart-category')).slice(0, 4), [['Billing', 4], ['Delivery', 2], ['Praise', 1], ['Outage', 0]]);
    assert.deepEqual(await chart('chart-response'),
      [['Under 15 min', 1], ['15 min to 1 h', 3], ['1 to 4 h', 1], ['4 to 24 h', 0], ['24 h or more', 0]]);
    assert.deepEqual(await chart('chart-sentiment'), [['Negative', 4], ['Neutral', 2], ['Positive', 1]]);
    // Every day of the default week, days without posts too.
    const perDay = new Map();
    for (const t of TEAM) perDay.set(dateText(new Date(t.started_at)), (perDay.get(dateText(new Date(t.started_at))) ?? 0) + 1);
    const days = await chart('chart-day');
    assert.equal(days.length, 7);
    assert.deepEqual(days.filter(([, n]) => n > 0), [...perDay].sort());
    // The pictures: a title per chart, labels drawn as text, data never as markup.
    const pictures = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => ({
      title: f.querySelector('figcaption').textContent,
      labels: [...f.querySelectorAll('svg text.label')].map((t) => t.textContent),
      bars: f.querySelectorAll('svg rect.bar').length,
    })));
    assert.deepEqual(pictures.map((p) => p.title),
      ['Posts by day', 'Posts by urgency', 'Posts by topic', 'Posts by site', 'Time to first response', 'Sentiment']);
    assert.deepEqual(pictures[3].labels, ['x', 'bluesky', '<i>forum</i>']);
    assert.deepEqual(pictures.map((p) => p.bars), [7, 4, 11, 3, 5, 3]);
    assert.equal(await page.locator('i, img, b').count(), 0);
    assert.equal(await page.title(), 'firstline reports');
  });

  test('importing the same file again adds nothing; a newer one updates', async () => {
    assert.equal(await importText('team.json', exportFile(TEAM)), '0 added, 0 updated');
    assert.equal(await stored(), 7);
    // A colleague answered the open urgent post after 40 min, and one more post.
    const newer = [
      urgent('u4', twoDaysAgo + 3 * HOUR, 40 * MINUTE),
      timer({ site: 'x', post_id: 'n1', tier: 'normal', categories: ['question'], started_at: yesterday, answered_after: 100 * MINUTE }),
      urgent('u1', twoDaysAgo, 5 * MINUTE),
    ];
    assert.equal(await importText('newer.json', exportFile(newer)), '1 added, 1 updated');
    assert.equal(await stored(), 8);
    // Answers: 5, 20, 30, 30, 40, 70, 100 min; u4 answered late is still a breach.
    assert.deepEqual(await figures(), { total: '8', resolved: '7', median: '30 min', p90: '1 h 40 min', breaches: '3' });
  });

  test('exports round-trip', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    assert.match(json.suggestedFilename(), /^firstline-history-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.json$/);
    const text = await readFile(await json.path(), 'utf8');
    const file = JSON.parse(text);
    assert.equal(file.format, 'firstline-history');
    assert.equal(file.version, 1);
    assert.equal(file.records.length, 8);
    const u2 = file.records.find((r) => r.post_id === 'u2');
    const { v, ...expected } = TEAM[1];
    assert.equal(v, 1);
    assert.deepEqual(u2, expected);
    assert.equal(await importText('exported.json', text), '0 added, 0 updated');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const rows = (await readFile(await csv.path(), 'utf8')).split('\r\n').filter(Boolean);
    assert.ok(rows[0].startsWith('\uFEFFsite,post_id,tier,'), rows[0]);
    assert.equal(rows.length, 9);
  });

  test('garbage and other versions are refused, and nothing changes', async () => {
    const before = await figures();
    const garbage = await importText('garbage.json', 'this is not json');
    assert.match(garbage, /^This file was not imported, your history is unchanged: this is not valid JSON \(line 1, column \d+: /);
    const future = await importText('future.json', '{"format":"firstline-history","version":99,"records":[]}');
    assert.equal(future, 'This file was not imported, your history is unchanged: '
      + 'history export version 99 is not supported (this version reads 1)');
    const pack = await importText('pack.json', '{"format":1,"id":"acme.replies","templates":[]}');
    assert.match(pack, /not a firstline history export/);
    // One bad record among good ones: its line, and none of them is taken.
    const bad = exportFile([timer({ post_id: 'ok1', tier: 'low', started_at: yesterday }), timer({ post_id: 'bad', tier: 'low', started_at: yesterday })])
      .replace('"post_id":"bad","tier":"low"', '"post_id":"bad","tier":"soon"');
    assert.match(await importText('bad.json', bad), /line 3, column \d+: unknown variant `soon`/);
    assert.equal(await stored(), 8);
    assert.deepEqual(await figures(), before);
  });

  test('a corrupt stored record is reported and the rest still counts', async () => {
    // Saved as the worker would save it: its row cannot be made, so its day keeps the record.
    await saveThroughHistory([{ key: 'x:corrupt', started_at: yesterday, line: '{"v":1,"site":"x","post_id":' }]);
    await page.reload();
    await page.waitForSelector('#unreadable');
    assert.equal(await page.textContent('#unreadable'), '1 record could not be read; the report leaves it out.');
    assert.match(await page.textContent('#notice details li'), /^record \d+: line 1, column \d+: EOF while parsing/);
    assert.deepEqual(await figures(), { total: '8', resolved: '7', median: '30 min', p90: '1 h 40 min', breaches: '3' });
    // Exports leave it out too.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    assert.equal(JSON.parse(await readFile(await json.path(), 'utf8')).records.length, 8);
  });

  test("a corrupt day of report rows is reported, the rest still counts, and the day's next save mends it", async () => {
    // The stored records' starts: the team's, the one added by the newer import, the corrupt one.
    const starts = [...TEAM.map((t) => t.started_at), yesterday, yesterday];
    const day = Math.floor(yesterday / DAY);
    const onDay = starts.filter((at) => Math.floor(at / DAY) === day).length;
    await page.evaluate((day) => new Promise((resolve, reject) => {
      const open = indexedDB.open('firstline-history', 2);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('report-days', 'readwrite');
        tx.objectStore('report-days').put({ day, keys: '[', rows: 42 });
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onabort = () => reject(tx.error);
      };
    }), day);
    await page.reload();
    await page.waitForSelector('#unreadable');
    assert.equal(await page.textContent('#unreadable'), `${onDay} records could not be read; the report leaves them out.`);
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    assert.equal(await page.textContent('#notice details li'),
      `${date} (UTC): the day's report rows could not be read; its ${onDay} records are left out`);
    assert.equal((await figures()).total, String(8 - (onDay - 1)));
    // Saving a post of that day makes its rows again from its records: all count again.
    const more = timer({ site: 'x', post_id: 'm1', tier: 'high', started_at: yesterday, answered_after: 10 * MINUTE });
    assert.equal(await importText('more.json', exportFile([more])), '1 added, 0 updated');
    assert.equal(await page.textContent('#unreadable'), '1 record could not be read; the report leaves it out.');
    assert.equal((await figures()).total, '9');
  });

  test('a post saved again with an earlier start moves to its day and counts once', async () => {
    const perDay = async () => Object.fromEntries(await chart('chart-day'));
    const day = (at) => dateText(new Date(at));
    const moved = (started_at) => timer({ site: 'x', post_id: 'm1', tier: 'high', started_at, answered_after: 10 * MINUTE });
    const before = await perDay();
    // A small batch: history.js asks for the record's previous value.
    assert.equal(await importText('moved.json', exportFile([moved(twoDaysAgo)])), '0 added, 1 updated');
    assert.equal((await figures()).total, '9');
    const after = await perDay();
    assert.equal(after[day(twoDaysAgo)], before[day(twoDaysAgo)] + 1);
    assert.equal(after[day(yesterday)], before[day(yesterday)] - 1);
    // A large one: history.js reads every day's keys.
    const threeDaysAgo = dayBefore(3, 12);
    const many = Array.from({ length: 100 }, (_, i) => timer({ site: 'bluesky', post_id: `b${i}`, tier: 'low', started_at: threeDaysAgo + i * MINUTE }));
    assert.equal(await importText('many.json', exportFile([...many, moved(threeDaysAgo - HOUR)])), '100 added, 1 updated');
    assert.equal((await figures()).total, '109');
    const last = await perDay();
    assert.equal(last[day(threeDaysAgo)], 101);
    assert.equal(last[day(twoDaysAgo)], before[day(twoDaysAgo)]);
  });
});

describe('reports: a version-1 history', () => {
  let browser, page;

  before(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  });

  after(async () => {
    await browser?.close();
  });

  test('is upgraded with the report rows of its records, which the report counts', async () => {
    const records = [urgent('u1', twoDaysAgo, 5 * MINUTE), urgent('u2', yesterday, 20 * MINUTE), high('h1', anHourAgo)].map(storedRecord);
    records.push({ key: 'x:broken', started_at: yesterday, line: '{"v":1,"site":"x","post_id":' });
    // The database as the previous version of history.js made it, written raw.
    await page.evaluate((records) => new Promise((resolve, reject) => {
      const open = indexedDB.open('firstline-history', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('records', { keyPath: 'key' }).createIndex('started_at', 'started_at');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('records', 'readwrite');
        for (const record of records) tx.objectStore('records').put(record);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onabort = () => reject(tx.error);
      };
    }), records);
    // Without the core, history.js cannot make the rows: the database stays as it was.
    const refused = await page.evaluate(async () => {
      const history = await import(chrome.runtime.getURL('history.js'));
      return history.countRecords().then(() => 'opened', (error) => error.message);
    });
    assert.match(refused, /useCore/);
    const version = () => page.evaluate(async () => (await indexedDB.databases()).find((db) => db.name === 'firstline-history')?.version);
    assert.equal(await version(), 1);

    await page.goto(`chrome-extension://${browser.extensionId}/reports.html`);
    await page.waitForSelector('#unreadable');
    assert.equal(await version(), 2);
    assert.deepEqual(await figuresOf(page), { total: '3', resolved: '3', median: '20 min', p90: '30 min', breaches: '1' });
    assert.equal(await page.textContent('#unreadable'), '1 record could not be read; the report leaves it out.');
    assert.match(await page.textContent('#notice details li'), /^record \d+: line 1, column \d+: EOF while parsing/);
  });
});
