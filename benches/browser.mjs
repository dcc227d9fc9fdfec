// The browser half of `make bench`: numbers measured in Debian's Chromium with
// the built extension (dist/) loaded.
//
// 1. Triage throughput of the wasm core inside the extension: the same
//    pkg/firstline.js the service worker runs, imported into an extension
//    page (same origin, same CSP, same V8), classifying the demo posts in
//    batches of 1,000 as the overlay sends them.
// 2. Load to all badges on a 1,000-post demo feed, through the real path
//    (content script → service worker → wasm → paint). "Load" is measured
//    from DOMContentLoaded — every post is in the DOM, and the content script
//    (document_idle) can act right after — to the moment the 1,000th badge
//    host is in the page. Navigation start to all badges is shown too (it
//    includes the ~400 ms the page needs to parse 1.5 MB of feed by itself),
//    and the extension's own main-thread time over the load: the sum of its
//    performance.measure entries (firstline:observe, firstline:read,
//    firstline:paint), which leaves out the style and layout its badges
//    cause and the service worker's time.
// 3. An endless feed (feed.html?endless=1): 500 steps that each append 20
//    posts, scroll to them and drop posts beyond the newest 200, as real
//    feeds do — 10,000 posts. Per step: the extension's main-thread time
//    (its measures, so style and layout of the badges are not included),
//    long tasks (> 50 ms, PerformanceObserver) over the whole scroll, and the
//    renderer's heap after a forced GC (CDP HeapProfiler.collectGarbage, then
//    Runtime.getHeapUsage: the V8 heap, which the page's main world and the
//    content script's isolated world share, plus the DOM's heap) every 100
//    steps — in the same browser with and without the extension.
// 4. The picker's search (extension/content/search.js) over 10,000 templates,
//    in a page of a browser without the extension (the module is loaded from
//    the source tree, so it needs no build): in each of RUNS fresh pages,
//    each query is typed a letter at a time into a new Searcher, as when the
//    picker opens, then deleted back a letter at a time to the empty box.
//    Time per keystroke over all of them, and apart: the first letter (which
//    ranks the whole list; each page's first one runs before the JIT has
//    warmed up) and backspace; and the time to prepare the templates.
// 5. Reports over 100,000 history records: saveRecords (extension/history.js)
//    stores them and their report rows (made by the pages' wasm core, as on
//    the reports page) in the extension's IndexedDB from an extension page,
//    in one call as an import does; then reports.html is loaded again and
//    again, and its own performance measures give the time from reading the
//    period to the report in the DOM (firstline:report), and its parts:
//    IndexedDB (read: the report rows of the period's days), the wasm core
//    with the JSON Lines string it is given (core), the DOM (dom). Also the
//    read of whole records (exports, import merges) both ways history.js
//    could do it: one getAll over the started_at index, or a cursor.
//
// Sections by name — triage, load, scroll, search, reports — all unless
// some are named: `node benches/browser.mjs reports` runs only the reports,
// `node benches/browser.mjs search` only the picker (which needs no dist/).
//
// Prints one table; medians over several runs.

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ROOT, launch } from '../scripts/browser.mjs';
import { DAY, manyTimers, stored } from '../scripts/history-records.mjs';
import { startServer } from '../demo/server.mjs';

const RUNS = 5;
const FEED_POSTS = 1000;

const SCROLL_STEPS = 500;
const STEP_POSTS = 20;
const KEEP_POSTS = 200;
const HEAP_EVERY = 100; // steps

const HISTORY_RECORDS = 100_000;

const SECTIONS = ['triage', 'load', 'scroll', 'search', 'reports'];
const chosen = process.argv.slice(2);
for (const name of chosen) if (!SECTIONS.includes(name)) throw new Error(`no section ${name}: ${SECTIONS.join(', ')}`);
/** Whether the section `name` runs. */
const wanted = (name) => chosen.length === 0 || chosen.includes(name);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** What section 4 types, a letter at a time, then deletes. */
const QUERIES = ['apolog', 'refund twice', 'hacked account', 'заказ', 'ticket 42', 'xyzzy'];

/**
 * Times the content script's search module (extension/content/search.js,
 * the Searcher the picker runs on every keystroke) over 10,000 templates made
 * from the default packs, in RUNS fresh pages of a browser of its own without
 * the extension: returns the times of every keystroke, of the first letters
 * and of the backspaces, and of preparing the templates.
 */
async function pickerSearch() {
  const source = await readFile(path.join(ROOT, 'extension/content/search.js'), 'utf8');
  const templates = [];
  for (const lang of ['en', 'ru', 'be', 'uk', 'zh', 'af', 'es', 'de', 'fr', 'pt']) {
    const pack = JSON.parse(await readFile(path.join(ROOT, `packs/default-${lang}.json`), 'utf8'));
    for (const t of pack.templates) templates.push({ title: t.title, text: t.body[lang], tags: t.tags, shortcut: t.shortcut });
  }
  const bare = await launch({ extension: false });
  const timing = { keystrokes: [], first: [], backspace: [], prepare: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await bare.context.newPage();
      await page.goto(`${server.url}/firstline-demo/feed.html?n=1`);
      const times = await page.evaluate(async ({ source, templates, queries }) => {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const { Searcher } = await import(url);
        const many = Array.from({ length: 10000 }, (_, i) => ({ ...templates[i % templates.length], title: `${templates[i % templates.length].title} #${i}` }));
        const times = { keystrokes: [], first: [], backspace: [], prepare: [] };
        const time = (f) => { const start = performance.now(); f(); return performance.now() - start; };
        for (const query of queries) {
          let searcher;
          times.prepare.push(time(() => { searcher = new Searcher(many); }));
          for (let n = 1; n <= query.length; n++) {
            const ms = time(() => searcher.find(query.slice(0, n)));
            times.keystrokes.push(ms);
            if (n === 1) times.first.push(ms);
          }
          for (let n = query.length - 1; n >= 0; n--) {
            const ms = time(() => searcher.find(query.slice(0, n)));
            times.keystrokes.push(ms);
            times.backspace.push(ms);
          }
        }
        return times;
      }, { source, templates, queries: QUERIES });
      await page.close();
      for (const [what, ms] of Object.entries(times)) timing[what].push(...ms);
    }
  } finally {
    await bare.close();
  }
  return timing;
}

/** Section 4's rows: median, p95 and max of each kind of timing. */
function pickerRows(timing) {
  const spread = (xs) => `p95 ${percentile(xs, 0.95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;
  const row = (what, xs, of) => [`picker search, 10,000 templates: ${what}`, `${median(xs).toFixed(2)} ms median`, `${spread(xs)} over ${xs.length} ${of}`];
  return [
    row('keystroke', timing.keystrokes, `keystrokes (typing and backspace, ${RUNS} pages)`),
    row('first letter', timing.first, `first letters (each page's first, JIT cold: ${timing.first.filter((_, i) => i % QUERIES.length === 0).map((ms) => ms.toFixed(2)).join(', ')} ms)`),
    row('backspace', timing.backspace, 'backspaces'),
    row('preparing', timing.prepare, 'new Searchers'),
  ];
}

/**
 * Scrolls an endless feed for SCROLL_STEPS steps in `context`. Each step
 * appends STEP_POSTS posts and waits until the last one has its badge (with
 * the extension) and one more frame. Returns the extension's measured time
 * per step, the long tasks, and the heap after a forced GC every HEAP_EVERY
 * steps.
 */
async function scroll(context, extension) {
  const page = await context.newPage();
  await page.goto(`${server.url}/firstline-demo/feed.html?n=${STEP_POSTS}&endless=1`);
  const cdp = await context.newCDPSession(page);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const steps = [];
  const heaps = [];
  for (let done = 0; done < SCROLL_STEPS; done += HEAP_EVERY) {
    steps.push(...await page.evaluate(async ({ count, posts, keep, extension }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const work = [];
      for (let i = 0; i < count; i++) {
        const since = performance.now();
        const last = window.__morePosts(posts, keep).at(-1);
        while (extension && !last.querySelector('firstline-badge')) await frame();
        await frame();
        work.push(performance.getEntriesByType('measure')
          .filter((m) => m.name.startsWith('firstline:') && m.startTime >= since)
          .reduce((sum, m) => sum + m.duration, 0));
      }
      performance.clearMeasures();
      return work;
    }, { count: HEAP_EVERY, posts: STEP_POSTS, keep: KEEP_POSTS, extension }));
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    heaps.push(usage.usedSize + (usage.embedderHeapUsedSize ?? 0));
  }
  const longTasks = await page.evaluate(() => window.__longTasks);
  await page.close();
  return { steps, heaps, longTasks };
}

/**
 * Stores HISTORY_RECORDS records through saveRecords from an extension page
 * of `context`, then loads the reports page RUNS times over them (the
 * default period, the last 7 days, holds them all) and reads its measures.
 * Returns the save time, the page's times per run, and the two ways of
 * reading compared.
 */
async function reports(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/reports.html`);
  await page.waitForSelector('[data-figure="total"]');
  const now = Date.now();
  const records = manyTimers(HISTORY_RECORDS, now - 6 * DAY, now).map(stored);
  const bytes = records.reduce((sum, r) => sum + r.line.length, 0);
  const saveMs = await page.evaluate(async (records) => {
    const history = await import(chrome.runtime.getURL('history.js'));
    const core = await import(chrome.runtime.getURL('pkg-pages/firstline.js'));
    await core.default({ module_or_path: chrome.runtime.getURL('pkg-pages/firstline_bg.wasm') });
    history.useCore(core);
    const start = performance.now();
    await history.saveRecords(records);
    return performance.now() - start;
  }, records);
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('firstline:report').length > 0, null, { timeout: 120_000 });
    runs.push(await page.evaluate(() => Object.fromEntries(['', ':read', ':core', ':dom']
      .map((part) => [part.slice(1) || 'total', performance.getEntriesByName(`firstline:report${part}`)[0].duration]))));
  }
  const total = await page.textContent('[data-figure="total"] dd');
  const reads = await page.evaluate(async (runs) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('firstline-history');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const index = () => db.transaction('records').objectStore('records').index('started_at');
    const getAll = () => new Promise((resolve) => {
      const request = index().getAll();
      request.onsuccess = () => resolve(request.result.map((value) => value.line));
    });
    const cursor = () => new Promise((resolve) => {
      const lines = [];
      const request = index().openCursor();
      request.onsuccess = () => {
        if (!request.result) return resolve(lines);
        lines.push(request.result.value.line);
        request.result.continue();
      };
    });
    const times = { getAll: [], cursor: [] };
    for (let run = 0; run < runs; run++) {
      for (const [name, read] of [['getAll', getAll], ['cursor', cursor]]) {
        const start = performance.now();
        await read();
        times[name].push(performance.now() - start);
      }
    }
    db.close();
    return times;
  }, RUNS);
  await page.close();
  return { saveMs, runs, total, bytes, reads };
}

const posts = JSON.parse(await readFile(path.join(ROOT, 'demo/posts.json'), 'utf8'));
const server = await startServer();
// The extension's browser, unless only the picker's search (which loads its
// module from the source tree) is asked for.
const browser = ['triage', 'load', 'scroll', 'reports'].some(wanted) ? await launch() : null;
const results = [];
const heaps = {};
const runs = (xs) => `runs: ${xs.map((x) => Math.round(x)).join(', ')} ms`;

try {
  // 1. Throughput inside the extension.
  if (wanted('triage')) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    const throughput = await page.evaluate(async ({ posts, runs }) => {
      const core = await import(chrome.runtime.getURL('pkg/firstline.js'));
      await core.default({ module_or_path: chrome.runtime.getURL('pkg/firstline_bg.wasm') });
      const batch = Array.from({ length: 1000 }, (_, i) => {
        const p = posts[i % posts.length];
        return { key: `demo:${i}`, text: p.text, author: p.author, platform: 'demo', posted_at: null, seen_at: Date.now() };
      });
      // As the service worker does: structured objects in, JSON across the boundary.
      const classifier = new core.Classifier([]);
      const classify = () => JSON.parse(classifier.classifyBatch(JSON.stringify(batch), ''));
      classify(); // warm up
      const perSecond = [];
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        let done = 0;
        while (performance.now() - start < 1000) {
          classify();
          done += batch.length;
        }
        perSecond.push(done / ((performance.now() - start) / 1000));
      }
      return perSecond;
    }, { posts, runs: RUNS });
    await page.close();
    const postsPerSecond = median(throughput);
    results.push(['wasm triage in the extension (batches of 1,000)', `${Math.round(postsPerSecond).toLocaleString('en')} posts/s`,
      `${(1e6 / postsPerSecond).toFixed(2)} µs/post`]);
  }

  // 2. Load to all badges on a 1,000-post feed.
  if (wanted('load')) {
    const loads = [];
    const afterDom = [];
    const loadWork = [];
    for (let run = 0; run < RUNS; run++) {
      const feed = await browser.context.newPage();
      await feed.goto(`${server.url}/firstline-demo/feed.html?n=${FEED_POSTS}`, { waitUntil: 'commit' });
      const { all, dom, work } = await feed.evaluate((count) => new Promise((resolve) => {
        const check = () => {
          if (document.querySelectorAll('firstline-badge').length < count) return requestAnimationFrame(check);
          const nav = performance.getEntriesByType('navigation')[0];
          resolve({ all: performance.now(), dom: nav.domContentLoadedEventEnd, work: extensionWork(0) });
        };
        const extensionWork = (since) => performance.getEntriesByType('measure')
          .filter((m) => m.name.startsWith('firstline:') && m.startTime >= since)
          .reduce((sum, m) => sum + m.duration, 0);
        check();
      }), FEED_POSTS);
      loads.push(all);
      afterDom.push(all - dom);
      loadWork.push(work);
      await feed.close();
    }
    results.push([`DOMContentLoaded to all badges, ${FEED_POSTS} posts`, `${Math.round(median(afterDom))} ms (median of ${RUNS})`, runs(afterDom)]);
    results.push([`navigation to all badges, ${FEED_POSTS}-post feed`, `${Math.round(median(loads))} ms (median of ${RUNS})`, runs(loads)]);
    results.push([`extension main-thread time over that load`, `${Math.round(median(loadWork))} ms (median of ${RUNS})`, runs(loadWork)]);
  }

  // 3. The endless feed, with the extension.
  if (wanted('scroll')) {
    const withExt = await scroll(browser.context, true);
    const perStep = withExt.steps;
    results.push([`scroll: extension time per 20-post step`, `${median(perStep).toFixed(2)} ms median`,
      `p95 ${percentile(perStep, 0.95).toFixed(2)} ms, max ${Math.max(...perStep).toFixed(2)} ms, ${perStep.length} steps`]);
    results.push([`scroll: long tasks over ${SCROLL_STEPS * STEP_POSTS} posts`, `${withExt.longTasks.length} with the extension`,
      withExt.longTasks.length ? `longest ${Math.round(Math.max(...withExt.longTasks))} ms` : '']);
    heaps.with = withExt.heaps;
  }

  // 4. The picker's search over 10,000 templates, typed a letter at a time
  // (in a browser of its own, without the extension).
  if (wanted('search')) results.push(...pickerRows(await pickerSearch()));

  // 5. Reports over 100,000 records.
  if (wanted('reports')) {
    const history = await reports(browser.context, browser.extensionId);
    const totals = history.runs.map((run) => run.total);
    const part = (name) => median(history.runs.map((run) => run[name])).toFixed(0);
    results.push([`saveRecords, ${history.total} records in one call`, `${Math.round(history.saveMs)} ms`,
      `${(history.bytes / 1048576).toFixed(1)} MB of record text, with their report rows`]);
    results.push([`reports page: read + core + DOM, ${history.total} records`, `${Math.round(median(totals))} ms (median of ${RUNS})`,
      `read ${part('read')} ms, core ${part('core')} ms, DOM ${part('dom')} ms; ${runs(totals)}`]);
    results.push([`whole records: index getAll vs cursor`, `${Math.round(median(history.reads.getAll))} ms vs ${Math.round(median(history.reads.cursor))} ms`,
      `medians of ${RUNS}`]);
  }
} finally {
  await browser?.close();
}

// The same scroll without the extension, in a browser of its own.
if (wanted('scroll')) {
  const bare = await launch({ extension: false });
  try {
    const without = await scroll(bare.context, false);
    heaps.without = without.heaps;
    results.push([`scroll: long tasks without the extension`, `${without.longTasks.length}`,
      without.longTasks.length ? `longest ${Math.round(Math.max(...without.longTasks))} ms` : '']);
  } finally {
    await bare.close();
    await server.close();
  }
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
  const at = (i) => `${(i + 1) * HEAP_EVERY * STEP_POSTS} posts`;
  results.push([`heap with the extension, after GC`, heaps.with.map(mb).join(' → '), `at ${heaps.with.map((_, i) => at(i)).join(', ')}`]);
  results.push([`heap without the extension, after GC`, heaps.without.map(mb).join(' → '), '']);
  const extra = heaps.with.map((h, i) => h - heaps.without[i]);
  results.push([`extension's extra heap (with − without)`, extra.map(mb).join(' → '), `max ${mb(Math.max(...extra))}`]);
  const growth = (xs) => (xs.at(-1) - xs[1]) / ((xs.length - 2) * HEAP_EVERY * STEP_POSTS / 1000);
  results.push([`heap growth per 1,000 posts, ${at(1)} on`, `${mb(growth(heaps.with))} with`, `${mb(growth(heaps.without))} without`]);
} else {
  await server.close();
}

console.log(`\nfirstline browser benchmark: node benches/browser.mjs${chosen.map((name) => ` ${name}`).join('')} (Chromium`, (await import('node:child_process')).execSync('/usr/bin/chromium --version', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split(' ')[1] + ')');
for (const [what, value, detail] of results) console.log(`  ${what.padEnd(50)} ${value.padEnd(28)} ${detail}`);
