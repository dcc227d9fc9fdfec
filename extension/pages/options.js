// The options page. Profile: the agent's name, signature and team, which
// templates fill in. Templates and packs: templates-editor.js and
// packs-panel.js, over one LibraryState. Sites: people add a descriptor for a site firstline does
// not know. It is checked twice — by the core (shape, match patterns, with
// line and column or the path of the bad value) and here by the browser
// itself (every CSS selector and regular expression must compile) — then the
// site's host permission is asked for, and only then is it stored. The
// service worker registers the content script for stored sites.

import init, * as core from './pkg-pages/firstline.js'; // dist/pkg-pages: the core with editing

import { LibraryState } from './library-state.js';
import { startPacksPanel } from './packs-panel.js';
import { startPolicyEditor } from './policy-editor.js';
import { startTemplatesEditor } from './templates-editor.js';
import { h, localize } from './ui.js';

const ready = init({ module_or_path: chrome.runtime.getURL('pkg-pages/firstline_bg.wasm') });
const list = document.getElementById('site-list');
const input = document.getElementById('site-json');
const result = document.getElementById('site-result');

/** Every selector and pattern of a parsed descriptor, with where it is. */
function* compiledParts(descriptor) {
  for (const [i, shape] of descriptor.posts.entries()) {
    const at = `posts[${i}]`;
    yield [`${at}.root`, 'selector', shape.root];
    for (const name of ['id', 'permalink', 'author_name', 'author_handle', 'followers', 'time', 'text']) {
      const field = shape[name];
      if (field?.sel) yield [`${at}.${name}.sel`, 'selector', field.sel];
      if (field?.pattern) yield [`${at}.${name}.pattern`, 'pattern', field.pattern];
    }
    for (const name of ['verified', 'badge_after']) if (shape[name]) yield [`${at}.${name}`, 'selector', shape[name]];
    if (shape.reply) {
      yield [`${at}.reply.box`, 'selector', shape.reply.box];
      if (shape.reply.open) yield [`${at}.reply.open`, 'selector', shape.reply.open];
    }
  }
}

/** The first selector or pattern the browser cannot compile, as a message. */
function browserCheck(descriptor) {
  const probe = document.createDocumentFragment();
  for (const [at, kind, text] of compiledParts(descriptor)) {
    try {
      if (kind === 'pattern') new RegExp(text);
      else for (const step of text.split('>>>')) probe.querySelector(step.trim());
    } catch (error) {
      return `${at}: ${kind === 'pattern' ? 'not a regular expression' : 'not a CSS selector'} (${error.message})`;
    }
  }
  return null;
}

async function ownSites() {
  const { sites } = await chrome.storage.local.get('sites');
  return Array.isArray(sites) ? sites : [];
}

async function render() {
  const sites = await ownSites();
  list.replaceChildren(...sites.map((site) => {
    const remove = h('button', { type: 'button' }, chrome.i18n.getMessage('siteRemove'));
    remove.addEventListener('click', async () => {
      await chrome.storage.local.set({ sites: (await ownSites()).filter((s) => s.id !== site.id) });
      render();
    });
    return h('li', {}, `${site.name} (${site.matches.join(', ')}) `, remove);
  }));
}

function say(kind, text) {
  result.className = kind;
  result.textContent = text;
}

document.getElementById('site-add').addEventListener('click', async () => {
  await ready;
  let descriptor;
  try {
    descriptor = core.parseDescriptor(input.value);
  } catch (error) {
    say('warning', String(error.message ?? error));
    return;
  }
  const problem = browserCheck(descriptor);
  if (problem) return say('warning', problem);
  if (core.descriptorFor(descriptor.matches[0].replace('*://', 'https://').replace(/\*\.?/g, ''), [])) {
    // Not an error: own descriptors come first, so this one overrides.
    say('ok', chrome.i18n.getMessage('siteOverrides'));
  }
  const granted = await chrome.permissions.request({ origins: descriptor.matches });
  if (!granted) return say('warning', chrome.i18n.getMessage('siteNoPermission'));
  const sites = (await ownSites()).filter((s) => s.id !== descriptor.id);
  sites.push({ id: descriptor.id, name: descriptor.name, matches: descriptor.matches, json: input.value });
  await chrome.storage.local.set({ sites });
  say('ok', chrome.i18n.getMessage('siteAdded', [descriptor.name]));
  render();
});

// The agent's profile: what {{agent.name}}, {{agent.signature}} and
// {{agent.team}} are filled with, and the handles the agent answers from
// (comma-separated: a reply by one of them answers a post). Stored as plain
// strings under `profile`, the shape the service worker reads.
const PROFILE_FIELDS = ['name', 'signature', 'team', 'handles'];

async function showProfile() {
  const { profile } = await chrome.storage.local.get('profile');
  for (const field of PROFILE_FIELDS) document.getElementById(`profile-${field}`).value = profile?.[field] ?? '';
}

document.getElementById('profile-save').addEventListener('click', async () => {
  const profile = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, document.getElementById(`profile-${f}`).value.trim()]));
  const result = document.getElementById('profile-result');
  try {
    await chrome.storage.local.set({ profile });
    result.className = 'ok';
    result.textContent = chrome.i18n.getMessage('profileSaved');
  } catch (error) {
    // Storage full, or the quota reached: nothing was changed.
    result.className = 'warning';
    result.textContent = `${chrome.i18n.getMessage('profileNotSaved')} ${error.message ?? error}`;
  }
});

localize(document);
render();
showProfile();
ready.then(() => {
  const library = new LibraryState(core);
  startTemplatesEditor(library, core);
  startPacksPanel(library, core);
  startPolicyEditor(core);
  return library.load();
}).catch((error) => {
  document.getElementById('templates-problem').textContent = String(error?.message ?? error);
});
