// firstline's service worker: where the wasm core runs for every page.
//
// Content scripts cannot run WebAssembly on pages whose CSP forbids it (x.com
// and others), so they send posts here in batches and paint what comes back.
// The worker may be stopped at any moment and started again by the next
// message: everything it keeps in memory (the wasm instance, the parsed
// packs) is rebuilt on demand, and listeners are registered synchronously at
// the top level, as MV3 requires.

import init, * as core from './pkg/firstline.js';
import * as history from './history.js';
import { openLibrary } from './library.js';
import { TIMER_ALARM, Timers } from './timers.js';

// history.js makes the report rows of the records it saves with the core.
const ready = init({ module_or_path: chrome.runtime.getURL('pkg/firstline_bg.wasm') }).then(() => history.useCore(core));
let packs = null;

/**
 * The agent's library, read once per worker life and again whenever the
 * options page changes it or the profile (whose name signs own templates):
 * the reply library and the classifier with the packs' team rules.
 */
async function agentPacks() {
  if (!packs) {
    packs = (async () => {
      await ready;
      const { library, problem } = await openLibrary(core);
      if (problem) console.warn('firstline: library', problem);
      return { library, classifier: library.classifier() };
    })();
    packs.catch(() => { packs = null; });
  }
  return packs;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes.library || changes.profile) packs = null;
  if (changes.policy) retimeSoon();
  timers.storageChanged(changes);
});

/**
 * Tells every tab (their content scripts) and the extension's pages (the
 * side panel) what changed. Tabs without firstline refuse; that is fine.
 */
async function broadcast(message) {
  chrome.runtime.sendMessage(message).catch(() => {});
  for (const tab of await chrome.tabs.query({})) chrome.tabs.sendMessage(tab.id, message).catch(() => {});
}

const timers = new Timers(core, history, (changed) => broadcast({ type: 'timers', timers: changed }));
const timersReady = ready.then(() => timers);
const retimeSoon = () => timersReady.then((t) => t.retime()).catch((error) => console.warn('firstline: retime', error));

// Who is answering which post: `{key: tabId}` in session storage (it
// survives the worker, not the browser). A tab claims a post when its
// picker opens for it; the claim ends when the post is answered or the tab
// closes. Other tabs show "being answered in another tab".
async function claims() {
  const { claims = {} } = await chrome.storage.session.get('claims');
  return claims;
}

async function setClaims(next) {
  await chrome.storage.session.set({ claims: next });
  await broadcast({ type: 'claims', claims: next });
}

async function agentProfile() {
  const { profile } = await chrome.storage.local.get('profile');
  return profile ?? {};
}

/** People's own site descriptors (JSON texts), added in the options page. */
async function ownSites() {
  const { sites } = await chrome.storage.local.get('sites');
  return Array.isArray(sites) ? sites.map((site) => site.json) : [];
}

const handlers = {
  async hello({ url }) {
    const [own, agent] = await Promise.all([ownSites(), agentProfile(), ready]);
    // The handles the agent answers from, without "@" and case.
    const handles = String(agent.handles ?? '').split(',').map((h) => h.trim().replace(/^@/, '').toLowerCase()).filter(Boolean);
    return { descriptor: core.descriptorFor(url, own), handles };
  },
  /**
   * `posts` and the verdicts are JSON texts, passed to and from the core
   * as they are: extension messaging converts an object to its own value
   * tree field by field on both sides, and for a 1,000-post feed (~1.5 MB)
   * that cost the page's main thread ~40 ms; one string crosses in a copy.
   */
  async classify({ posts }, sender) {
    const [{ classifier }, timerBook] = await Promise.all([agentPacks(), timersReady]);
    const verdicts = classifier.classifyBatch(posts, '');
    // Timers need the posts and verdicts as values; the page gets the
    // verdicts as the text they are (see above) and the timers it shows.
    // A timer that cannot be stored (storage full) must not cost the page
    // its badges: the verdicts go back without timers, saying why.
    let shown = {};
    let timerError = null;
    try {
      shown = await timerBook.sighted(JSON.parse(posts), JSON.parse(verdicts));
    } catch (error) {
      timerError = String(error?.message ?? error);
      console.warn('firstline: timers', error);
    }
    return { verdicts, timers: shown, timerError, claims: await claims(), tab: sender.tab?.id ?? null };
  },
  /** The agent's move on a post's timer: answer, snooze or escalate. */
  async 'timer-move'({ key, move }) {
    const line = await (await timersReady).move(key, move);
    if (move.kind === 'answer') await release(key);
    return { timer: line };
  },
  /** A tab's picker opened for `key`: that tab is answering it. */
  async claim({ key }, sender) {
    const current = await claims();
    if (sender.tab?.id == null || current[key] === sender.tab.id) return {};
    await setClaims({ ...current, [key]: sender.tab.id });
    return {};
  },
  /** The side panel's list: open timers, soonest deadline first. */
  async queue() {
    return { timers: await (await timersReady).queue(), claims: await claims() };
  },
  /** Brings the post `key` into view: in a tab that shows it, else at its address. */
  async reveal({ key, url }) {
    for (const tab of await chrome.tabs.query({})) {
      const shown = await chrome.tabs.sendMessage(tab.id, { type: 'reveal', key }).catch(() => null);
      if (shown?.revealed) {
        await chrome.tabs.update(tab.id, { active: true });
        await chrome.windows.update(tab.windowId, { focused: true });
        return { tab: tab.id };
      }
    }
    if (!url) return { tab: null };
    const tab = await chrome.tabs.create({ url });
    return { tab: tab.id };
  },
  async tone({ text, platform, replying_to, author }) {
    await ready;
    return { report: core.checkTone(text, platform ?? undefined, replying_to ?? undefined, author ?? undefined) };
  },
  async replies({ post, verdict, asks }) {
    const [{ library }, agent] = await Promise.all([agentPacks(), agentProfile()]);
    // The worker's clock and zone are the agent's: {{date}} and {{time}}.
    const context = { agent, now_ms: Date.now(), offset_minutes: -new Date().getTimezoneOffset(), asks: asks ?? {} };
    return { replies: library.suggest(post, verdict.lang, verdict.categories, context) };
  },
};

/**
 * Registers the content script on people's own sites — those whose host
 * permission is still granted — and unregisters it everywhere else. Run at
 * every start of the worker and whenever the stored sites or the granted
 * permissions change, so the registrations always follow storage.
 */
async function syncOwnSites() {
  const { sites } = await chrome.storage.local.get('sites');
  const wanted = [];
  for (const site of Array.isArray(sites) ? sites : []) {
    if (await chrome.permissions.contains({ origins: site.matches })) {
      wanted.push({ id: `own-site-${site.id}`, matches: site.matches, js: ['content.js'], runAt: 'document_idle' });
    }
  }
  const registered = await chrome.scripting.getRegisteredContentScripts();
  const stale = registered.map((script) => script.id).filter((id) => id.startsWith('own-site-'));
  if (stale.length) await chrome.scripting.unregisterContentScripts({ ids: stale });
  if (wanted.length) await chrome.scripting.registerContentScripts(wanted);
}

const syncSoon = () => syncOwnSites().catch((error) => console.warn('firstline: own sites', error));
chrome.storage.onChanged.addListener((changes, area) => { if (area === 'local' && changes.sites) syncSoon(); });
chrome.permissions.onAdded.addListener(syncSoon);
chrome.permissions.onRemoved.addListener(syncSoon);
chrome.runtime.onInstalled.addListener(syncSoon);

async function release(key) {
  const current = await claims();
  if (!(key in current)) return;
  delete current[key];
  await setClaims(current);
}

chrome.tabs.onRemoved.addListener(async (tabId) => {
  const current = await claims();
  const left = Object.fromEntries(Object.entries(current).filter(([, tab]) => tab !== tabId));
  if (Object.keys(left).length !== Object.keys(current).length) await setClaims(left);
});

// The timers' alarm (see timers.js), set again at every start of the worker
// so a browser restart or a killed worker misses nothing; a click on a
// warning brings its post into view.
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === TIMER_ALARM) timersReady.then((t) => t.arm()).catch((error) => console.warn('firstline: timers', error));
});
timersReady.then((t) => t.arm()).catch((error) => console.warn('firstline: timers', error));
chrome.notifications.onClicked.addListener(async (id) => {
  if (id === 'warn:many') {
    const win = await chrome.windows.getLastFocused();
    await chrome.sidePanel.open({ windowId: win.id }).catch(() => {});
    chrome.notifications.clear(id);
    return;
  }
  if (!id.startsWith('warn:')) return;
  const key = id.slice('warn:'.length);
  const timer = (await (await timersReady).all()).get(key);
  await handlers.reveal({ key, url: timer ? JSON.parse(timer).url : null });
  chrome.notifications.clear(id);
});
chrome.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});

// The "reply with a template" shortcut (manifest `commands`): the tab's
// content script knows which post the agent is at.
chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'open-picker' && tab?.id != null) {
    chrome.tabs.sendMessage(tab.id, { type: 'open-picker' }).catch(() => {}); // no content script there
  }
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = message && handlers[message.type];
  if (!handler) return false;
  handler(message, sender).then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
  return true; // answer asynchronously
});
