// Importing a 10,000-template pack in the options page, in Debian's
// Chromium with the built extension (dist/) loaded: the path an agent takes,
// timed by the page's own performance measures (so the harness's transfer of
// the 6 MB file into the page is not counted).
//
//   review  from choosing the file to the diff on screen: the file read, the
//           signature check, the core's parse, validation (every body parsed
//           and rendered strictly) and diff;
//   accept  from the click to the pack listed: the core's import again
//           (against the library as it is then), one chrome.storage write of
//           the whole library, and the library reopened.
//
// The pack is firstline's English pack's ten templates repeated, with ids
// t0…t9999 (~6 MB, as `cargo bench -- packs/` imports natively). Each run
// starts from an empty library. Run: `node benches/import.mjs` (part of
// `make bench`).

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ROOT, launch } from '../scripts/browser.mjs';

const RUNS = 5;
const TEMPLATES = 10_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const english = JSON.parse(await readFile(path.join(ROOT, 'packs/default-en.json'), 'utf8'));
const pack = JSON.stringify({
  ...english,
  id: 'bench.ten-thousand',
  name: 'Ten thousand',
  templates: Array.from({ length: TEMPLATES }, (_, i) => ({ ...english.templates[i % english.templates.length], id: `t${i}`, shortcut: undefined })),
}, null, 2);

const browser = await launch();
const reviews = [];
const accepts = [];
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('#pack-list li');
  for (let run = 0; run < RUNS; run += 1) {
    await page.evaluate(() => chrome.storage.local.remove('library'));
    await page.waitForFunction(() => !document.querySelector('#pack-list li[data-id="bench.ten-thousand"]'));
    await page.evaluate(() => performance.clearMeasures());
    await page.setInputFiles('#pack-file', { name: 'pack.json', mimeType: 'application/json', buffer: Buffer.from(pack) });
    await page.waitForSelector('#pack-review:not([hidden])', { timeout: 60_000 });
    await page.click('#pack-accept');
    await page.waitForSelector('#pack-list li[data-id="bench.ten-thousand"]', { timeout: 60_000 });
    // The page's own measures (packs-panel.js): from the file chosen to the
    // diff shown, and from the click to the library reopened and listed.
    const [review, accept] = await page.evaluate(() => ['firstline:import-review', 'firstline:import-accepted']
      .map((name) => performance.getEntriesByName(name)[0].duration));
    reviews.push(review);
    accepts.push(accept);
  }
} finally {
  await browser.close();
}

const runs = (xs) => `runs: ${xs.map((x) => Math.round(x)).join(', ')} ms`;
console.log(`\nfirstline pack import benchmark: node benches/import.mjs (${(pack.length / 1048576).toFixed(1)} MB, ${TEMPLATES} templates)`);
console.log(`  review (file to diff on screen)   ${Math.round(median(reviews))} ms median   ${runs(reviews)}`);
console.log(`  accept (click to pack listed)     ${Math.round(median(accepts))} ms median   ${runs(accepts)}`);
console.log(`  import in all                     ${Math.round(median(reviews.map((r, i) => r + accepts[i])))} ms median`);
