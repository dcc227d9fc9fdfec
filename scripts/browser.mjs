// Launching Debian's Chromium with the extension loaded, and seeing inside the
// overlay's closed shadow roots — shared by the end-to-end tests, `make demo`
// and the browser benchmark.
//
// Closed shadow roots are closed to page scripts, and so to Playwright's
// locators. The DevTools protocol still sees them (DOM.getDocument with
// pierce), which lets tests read what a person sees and click where a person
// clicks, without any test-only hook in the extension.

import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');

/** The agent profile the demo and the browser tests sign replies with. */
export const PROFILE = { name: 'Sam', signature: '— Sam, Acme support' };

/**
 * Starts Chromium with dist/ loaded (unless `extension` is false: the same
 * browser without it, the benchmark's baseline). Headless unless `headed`
 * (and a display). A given `userDataDir` is used and kept (to start the
 * same profile again: a browser restart); else a fresh one is made and
 * removed on close. Returns {context, extensionId, worker, userDataDir,
 * close}; no extensionId or worker without the extension.
 */
export async function launch({ headed = false, extraArgs = [], extension = true, userDataDir: given } = {}) {
  const userDataDir = given ?? await mkdtemp(path.join(tmpdir(), 'firstline-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1100, height: 900 },
    args: [
      ...(headed ? [] : ['--headless=new']),
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(extension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`] : ['--disable-extensions']),
      ...extraArgs,
    ],
  });
  const worker = extension ? context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker') : null;
  const extensionId = worker ? new URL(worker.url()).host : null;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    async close() {
      await context.close();
      if (!given) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A CDP view of one page's DOM, closed shadow roots included. */
export class ShadowView {
  static async of(page) {
    const view = new ShadowView();
    view.page = page;
    view.cdp = await page.context().newCDPSession(page);
    await view.cdp.send('DOM.enable');
    return view;
  }

  /** The whole DOM as CDP nodes, shadow roots and all. */
  async document() {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return root;
  }

  /**
   * Every element named `hostTag` (e.g. FIRSTLINE-BADGE) with its closed
   * shadow tree and the data-post-id of the nearest post around it.
   */
  async hosts(hostTag) {
    const found = [];
    const walk = (node, postId) => {
      const attrs = attributes(node);
      const here = attrs['data-post-id'] ?? postId;
      if (node.nodeName === hostTag) found.push({ postId: here, node, shadow: node.shadowRoots?.[0] ?? null });
      for (const child of node.children ?? []) walk(child, here);
      for (const shadow of node.shadowRoots ?? []) walk(shadow, here);
    };
    walk(await this.document(), null);
    return found;
  }

  /** Clicks the centre of a CDP node, as a person would. */
  async click(node) {
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = await this.cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
    const [x1, y1, x2, y2, x3, y3] = model.border;
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    void x2; void y2;
  }

  async detach() {
    await this.cdp.detach().catch(() => {});
  }
}

/** The attributes of a CDP node as an object. */
export function attributes(node) {
  const out = {};
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) out[list[i]] = list[i + 1];
  return out;
}

/** The text inside a CDP node (text nodes concatenated, style sheets skipped). */
export function textOf(node) {
  if (!node) return '';
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName === 'STYLE') return '';
  return (node.children ?? []).map(textOf).join('');
}

/** The first descendant of a CDP node matching `test`. */
export function find(node, test) {
  if (!node) return null;
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = find(child, test);
    if (hit) return hit;
  }
  return null;
}

/** All descendants of a CDP node matching `test`. */
export function findAll(node, test, out = []) {
  if (!node) return out;
  if (test(node)) out.push(node);
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) findAll(child, test, out);
  return out;
}

/** A test for nodes whose class list contains `name`. */
export const hasClass = (name) => (node) => (attributes(node).class ?? '').split(/\s+/).includes(name);

/** Polls `fn` until it returns a truthy value or `timeout` ms pass. */
export async function until(fn, { timeout = 5000, interval = 50, what = 'condition' } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
