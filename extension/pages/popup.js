// The toolbar popup: what firstline found on the current tab. It asks the
// tab's content script for its diagnostics (site, posts found, posts it could
// not read) and shows a warning when a page where the site shows posts has
// none — the sign of a site redesign, to be fixed in its descriptor.

import { h, localize } from './ui.js';

const status = document.getElementById('status');

async function show() {
  localize(document);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  let report = null;
  try {
    report = tab && await chrome.tabs.sendMessage(tab.id, { type: 'diagnostics' });
  } catch {
    report = null; // no content script on this page
  }
  if (!report) {
    status.replaceChildren(h('p', {}, chrome.i18n.getMessage('popupNotHere')));
    return;
  }
  const rows = [
    h('p', {}, h('strong', {}, report.name), ` — ${chrome.i18n.getMessage('popupFound', [String(report.found)])}`),
  ];
  if (report.unreadable > 0) rows.push(h('p', {}, chrome.i18n.getMessage('popupUnreadable', [String(report.unreadable)])));
  if (report.warning) rows.push(h('p', { class: 'warning', role: 'alert' }, report.warning));
  if (report.lastError) rows.push(h('p', { class: 'warning' }, report.lastError));
  const tiers = {};
  for (const post of report.posts) if (post.tier) tiers[post.tier] = (tiers[post.tier] ?? 0) + 1;
  const order = ['urgent', 'high', 'normal', 'low'].filter((t) => tiers[t]);
  if (order.length) rows.push(h('ul', { class: 'tiers' }, order.map((t) => h('li', { class: `tier ${t}` }, `${t}: ${tiers[t]}`))));
  status.replaceChildren(...rows);
}

// The side panel's queue, opened in this window (a user gesture, as
// chrome.sidePanel.open requires).
document.getElementById('open-queue').addEventListener('click', async () => {
  const win = await chrome.windows.getCurrent();
  await chrome.sidePanel.open({ windowId: win.id });
  window.close();
});

show();
