// Shared by the per-site end-to-end tests: Chromium with the built extension,
// the fixture sites under their real host names, and what the content script
// found, as the popup's diagnostics report it (a real message to the real
// content script, through the real service worker).

import { PROFILE, launch, ShadowView, until } from '../../scripts/browser.mjs';
import { startFixtureServer } from './fixtures/server.mjs';

/**
 * Starts a fixture server and a Chromium whose host resolver sends every
 * site's host to it. Returns {browser, server, open(site, path, host), close()}.
 */
export async function startSites() {
  const server = await startFixtureServer();
  const browser = await launch({ extraArgs: [server.resolverRules, '--ignore-certificate-errors'] });
  return {
    browser,
    server,
    /** Opens a fixture page; resolves once the page says it is ready. */
    async open(site, pathname = '/', host = undefined) {
      const page = await browser.context.newPage();
      await page.goto(server.urlOf(site, pathname, host));
      await page.waitForFunction(() => window.__fixtureReady === true, null, { timeout: 15000 });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The content script's diagnostics for the active tab: {site, found,
 * unreadable, warning, posts: [{key, kind, author, handle, verified,
 * followers, posted_at, permalink, text, tier, badge}]}.
 */
export async function diagnostics(browser, page) {
  await page.bringToFront();
  return browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.tabs.sendMessage(tab.id, { type: 'diagnostics' });
  });
}

/** Waits until the diagnostics satisfy `test`; returns them. */
export function diagnosticsUntil(browser, page, test, what) {
  return until(async () => {
    const d = await diagnostics(browser, page);
    return test(d) ? d : null;
  }, { timeout: 10000, interval: 100, what });
}

/** Every firstline badge in the page with the key it shows (closed shadow roots, via CDP). */
export async function badges(page) {
  const view = await ShadowView.of(page);
  try {
    const hosts = await view.hosts('FIRSTLINE-BADGE');
    return hosts.map(({ node }) => {
      const attrs = node.attributes ?? [];
      const i = attrs.indexOf('data-key');
      return i >= 0 ? attrs[i + 1] : null;
    });
  } finally {
    await view.detach();
  }
}

/**
 * Starts the fixture sites with the agent's profile stored and opens `site`
 * at `pathname`: {sites, page, view, now (the fixture's clock, if it has
 * one), close()}.
 */
export async function openSite(site, pathname) {
  const sites = await startSites();
  try {
    await sites.browser.worker.evaluate((profile) => chrome.storage.local.set({ profile }), PROFILE);
    const page = await sites.open(site, pathname);
    const view = await ShadowView.of(page);
    const now = await page.evaluate(() => window.__now);
    return { sites, page, view, now, close: async () => { await view.detach(); await sites.close(); } };
  } catch (error) {
    await sites.close();
    throw error;
  }
}

export { PROFILE, ShadowView, until };
