// The cost of the countdowns: a 1,000-post demo feed with the built
// extension (dist/), and the main-thread time of the one shared tick
// (extension/content/ticker.js) per second of wall time, from its own
// `firstline:tick` measures collected by a PerformanceObserver over
// WINDOW_MS. Twice: in a normal window, where only the badges on screen are
// repainted, and with the whole feed scaled down (a CSS transform) until all
// 1,000 are on screen, the worst case. Run: `node benches/ticks.mjs` (part of `make bench`).

import { launch } from '../scripts/browser.mjs';
import { startServer } from '../demo/server.mjs';

const POSTS = 1000;
const WINDOW_MS = 10_000;

const server = await startServer();
const browser = await launch();
const rows = [];
try {
  for (const [what, scaled] of [['normal window (1100×900)', false], ['all 1,000 on screen (feed scaled down)', true]]) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/firstline-demo/feed.html?n=${POSTS}&tag=ticks${scaled ? 'all' : 'some'}`);
    await page.waitForFunction((n) => document.querySelectorAll('firstline-badge').length >= n, POSTS, { timeout: 60_000 });
    if (scaled) {
      await page.evaluate(() => {
        const feed = document.getElementById('feed');
        feed.style.transformOrigin = '0 0';
        feed.style.transform = `scale(${Math.min(1, (innerHeight - 80) / feed.scrollHeight)})`;
      });
    }
    const result = await page.evaluate((windowMs) => new Promise((resolve) => {
      const ticks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name === 'firstline:tick') ticks.push(entry.duration);
      });
      observer.observe({ entryTypes: ['measure'] });
      setTimeout(() => {
        observer.disconnect();
        const onScreen = [...document.querySelectorAll('firstline-badge')].filter((host) => {
          const rect = host.getBoundingClientRect();
          return rect.bottom > 0 && rect.top < innerHeight;
        }).length;
        resolve({ ticks, onScreen });
      }, windowMs);
    }), WINDOW_MS);
    const total = result.ticks.reduce((sum, ms) => sum + ms, 0);
    rows.push([what, `${(total / (WINDOW_MS / 1000)).toFixed(3)} ms/s`,
      `${result.ticks.length} ticks, longest ${Math.max(...result.ticks).toFixed(3)} ms; ${result.onScreen} badges on screen`]);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`\nfirstline countdown benchmark: node benches/ticks.mjs (${POSTS} posts, ${WINDOW_MS / 1000} s each)`);
for (const [what, value, detail] of rows) console.log(`  ${what.padEnd(40)} ${value.padEnd(14)} ${detail}`);
