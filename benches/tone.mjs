// Tone as you type, in Debian's Chromium with the built extension (dist/):
// a 600-character reply typed into a demo-feed reply box (a contenteditable)
// at 20 ms a key — fast typing — then paused. From the content script's own
// measures (a PerformanceObserver): the time each keystroke's handler takes
// (firstline:keystroke: finding the box, resetting the tone timer, looking
// for a ";shortcut" trigger), and the time from the last keystroke before a
// pause to the indicator (and underlines) updated (firstline:tone-latency).
// Run: `node benches/tone.mjs` (part of `make bench`).

import { launch } from '../scripts/browser.mjs';
import { startServer } from '../demo/server.mjs';

const DRAFT = ('Hi Anna, THANK YOU for waiting, we are so sorry about the double charge on your card. '
  + 'Actually, as we already said, you should have checked the order page. ').repeat(4).slice(0, 600);
const PAUSES = 10;

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

const server = await startServer();
const browser = await launch();
let keystrokes = [];
let latencies = [];
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/firstline-demo/feed.html?tag=tonebench`);
  await page.waitForFunction(() => document.querySelectorAll('firstline-badge').length > 10);
  await page.evaluate(() => {
    window.__measures = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name.startsWith('firstline:')) window.__measures.push([entry.name, entry.duration]);
    }).observe({ entryTypes: ['measure'] });
  });
  const article = page.locator('article:has(div.reply-box[contenteditable])').first();
  await article.locator('.reply-button').click();
  await article.locator('.reply-box').click();
  // Typed in PAUSES bursts, each followed by a pause long enough for the check.
  const burst = Math.ceil(DRAFT.length / PAUSES);
  for (let i = 0; i < DRAFT.length; i += burst) {
    await page.keyboard.type(DRAFT.slice(i, i + burst), { delay: 20 });
    await page.waitForTimeout(400);
  }
  const measures = await page.evaluate(() => window.__measures);
  keystrokes = measures.filter(([name]) => name === 'firstline:keystroke').map(([, ms]) => ms);
  latencies = measures.filter(([name]) => name === 'firstline:tone-latency').map(([, ms]) => ms);
} finally {
  await browser.close();
  await server.close();
}

const row = (what, xs) => `  ${what.padEnd(44)} median ${percentile(xs, 0.5).toFixed(2)} ms, p95 ${percentile(xs, 0.95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms (${xs.length})`;
console.log(`\nfirstline tone-as-you-type benchmark: node benches/tone.mjs (${DRAFT.length} characters at 20 ms a key)`);
console.log(row('keystroke handler', keystrokes));
console.log(row('last keystroke to indicator updated', latencies));
