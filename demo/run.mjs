// `make demo`: serves the demo feed and opens Chromium with the extension.
//
// With a display (and not under CI) the browser opens in a window and stays
// until you close it. Without one it runs headless and writes screenshots of
// the feed with its badges, the open template picker, and the tone indicator
// reacting to a draft, then prints their paths.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PROFILE, ROOT, launch, until } from '../scripts/browser.mjs';
import { ShadowView, openPicker, readTone, waitForBadges } from '../scripts/overlay-view.mjs';
import { startServer } from './server.mjs';

const OUT = path.join(ROOT, 'target', 'demo');
const headed = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');

const server = await startServer();
const feedUrl = `${server.url}/firstline-demo/feed.html`;
const browser = await launch({ headed });
await browser.worker.evaluate((profile) => chrome.storage.local.set({ profile }), PROFILE);
const page = await browser.context.newPage();
await page.goto(feedUrl);
console.log(`firstline demo: ${feedUrl} (strict CSP: ${server.url}/firstline-demo/strict.html)`);

if (headed) {
  console.log('Chromium is open with the extension loaded; close it (or press Ctrl-C) to stop.');
  const stop = async () => { await browser.close().catch(() => {}); await server.close(); process.exit(0); };
  browser.context.on('close', stop);
  process.on('SIGINT', stop);
} else {
  await mkdir(OUT, { recursive: true });
  const view = await ShadowView.of(page);
  const shots = {};
  const badges = await waitForBadges(view, 50);
  await page.mouse.move(0, 0);
  shots.feed = path.join(OUT, 'feed.png');
  await page.screenshot({ path: shots.feed });

  const urgent = badges.find((b) => b.tier === 'urgent');
  await openPicker(view, urgent.postId);
  shots.picker = path.join(OUT, 'picker.png');
  await page.screenshot({ path: shots.picker });
  await page.keyboard.press('Enter');

  const box = page.locator(`article[data-post-id="${urgent.postId}"] .reply-box`);
  await box.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' WE CANNOT DO ANYTHING ABOUT IT, this is crap');
  await until(async () => (await readTone(view, urgent.postId))?.text.includes('profanity'), { what: 'the tone indicator' });
  await box.scrollIntoViewIfNeeded();
  shots.tone = path.join(OUT, 'tone.png');
  await page.screenshot({ path: shots.tone });

  for (const [name, file] of Object.entries(shots)) console.log(`screenshot (${name}): ${file}`);
  await view.detach();
  await browser.close();
  await server.close();
}
