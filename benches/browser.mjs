// The browser half of `make bench`: numbers measured in Debian's Chromium with
// the built extension (dist/) loaded.
//
// 1. Triage throughput of the wasm core inside the extension: the same
//    pkg/firstline.js the service worker runs, imported into an extension
//    page (same origin, same CSP, same V8), classifying the demo posts in
//    batches of 1,000 as the overlay sends them.
// 2. Load to all badges: from navigation start to the moment the 1,000th
//    badge host is in the page, on a 1,000-post demo feed, through the real
//    path (content script → service worker → wasm → paint); and the part of
//    that after DOMContentLoaded, which is the extension's own share (the
//    page needs hundreds of milliseconds to parse 1.5 MB of feed by itself).
//
// Prints one table; medians over several runs.

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ROOT, launch } from '../scripts/browser.mjs';
import { startServer } from '../demo/server.mjs';

const RUNS = 5;
const FEED_POSTS = 1000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const posts = JSON.parse(await readFile(path.join(ROOT, 'demo/posts.json'), 'utf8'));
const server = await startServer();
const browser = await launch();
const results = [];

try {
  // 1. Throughput inside the extension.
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

  // 2. Load to all badges on a 1,000-post feed.
  const loads = [];
  const afterDom = [];
  for (let run = 0; run < RUNS; run++) {
    const feed = await browser.context.newPage();
    await feed.goto(`${server.url}/firstline-demo/feed.html?n=${FEED_POSTS}`, { waitUntil: 'commit' });
    const { all, dom } = await feed.evaluate((count) => new Promise((resolve) => {
      const check = () => {
        if (document.querySelectorAll('firstline-badge').length < count) return requestAnimationFrame(check);
        const nav = performance.getEntriesByType('navigation')[0];
        resolve({ all: performance.now(), dom: nav.domContentLoadedEventEnd });
      };
      check();
    }), FEED_POSTS);
    loads.push(all);
    afterDom.push(all - dom);
    await feed.close();
  }
  const runs = (xs) => `runs: ${xs.map((x) => Math.round(x)).join(', ')} ms`;
  results.push([`navigation to all badges, ${FEED_POSTS}-post feed`, `${Math.round(median(loads))} ms (median of ${RUNS})`, runs(loads)]);
  results.push([`DOMContentLoaded to all badges, ${FEED_POSTS} posts`, `${Math.round(median(afterDom))} ms (median of ${RUNS})`, runs(afterDom)]);
} finally {
  await browser.close();
  await server.close();
}

console.log('\nfirstline browser benchmark (Chromium', (await import('node:child_process')).execSync('/usr/bin/chromium --version', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split(' ')[1] + ')');
for (const [what, value, detail] of results) console.log(`  ${what.padEnd(50)} ${value.padEnd(28)} ${detail}`);
