// The options page's packs: what is installed and who signed it; import
// from a file or an HTTPS URL; update from that URL; export.
//
// Every import goes through one review: the pack is read (size limit —
// a file's size before reading, a link's bytes as they come —, UTF-8,
// JSON with line and column, every template checked by the core), its
// signature verified with WebCrypto — a pack changed after signing is
// refused — and the core's diff is shown: version from → to, templates
// added, changed and removed, and which of them the agent's own versions
// keep replacing. Nothing is stored until the agent accepts, and then in
// one write.

import { MAX_PACK_BYTES, fetchPack, messageOf, verifiedSigner } from '../library.js';
import { button, h } from './ui.js';

const t = (key, subs) => chrome.i18n.getMessage(key, subs);

/** A public key as people compare it: its first characters. */
const shortKey = (key) => `${key.slice(0, 'ed25519:'.length + 12)}…`;

/** Runs the panel in the page's #packs section over `state`. */
export function startPacksPanel(state, core) {
  const $ = (id) => document.getElementById(id);
  let pending = null; // {text, source, signer, diff}: the pack under review

  function say(kind, text) {
    const result = $('pack-result');
    result.className = kind;
    result.textContent = text;
  }

  function renderList() {
    $('pack-list').replaceChildren(...JSON.parse(state.library.summaries()).map((pack) => {
      const signed = pack.signer ? t('packSignedBy', [shortKey(pack.signer)]) : t('packUnsigned');
      const actions = [button(t('packExport'), () => exportPack(pack))];
      if (pack.source) actions.push(button(t('packUpdate'), () => review(() => fetchPack(pack.source), pack.source)));
      if (!pack.builtin) actions.push(button(t('packRemove'), () => removePack(pack)));
      return h('li', { 'data-id': pack.id, title: pack.signer ?? '' },
        h('strong', {}, pack.name), ` ${pack.version} · ${pack.author} · `,
        t('packTemplates', [String(pack.templates)]), ' · ',
        h('span', { class: pack.signer ? 'signer' : 'unsigned' }, signed),
        pack.source ? h('span', { class: 'source' }, ` · ${pack.source}`) : null, ' ', ...actions);
    }));
  }

  /**
   * Reads a pack with `read()` and shows what importing it would change.
   * Any error is shown and nothing is kept.
   */
  async function review(read, source) {
    // Marks for benches/import.mjs: the import's own time, without the
    // harness's file transfer.
    performance.mark('firstline:import-start');
    pending = null;
    $('pack-review').hidden = true;
    say('', t('packReading'));
    try {
      const text = await read();
      const signer = await verifiedSigner(core, text);
      const diff = JSON.parse(state.library.review(text, signer ?? undefined));
      pending = { text, source, signer, diff };
    } catch (error) {
      say('warning', messageOf(error));
      return;
    }
    say('', '');
    showDiff(pending.diff);
    performance.measure('firstline:import-review', 'firstline:import-start');
  }

  function showDiff(diff) {
    const lines = [
      diff.from_version
        ? t('diffUpdate', [diff.name, diff.from_version, diff.to_version])
        : t('diffNew', [diff.name, diff.to_version, diff.author]),
    ];
    if (diff.older) lines.push(t('diffOlder'));
    lines.push(diff.to_signer ? t('packSignedBy', [diff.to_signer]) : t('packUnsigned'));
    if (diff.from_signer && diff.from_signer !== diff.to_signer) lines.push(t('diffSignerChanged'));
    for (const [key, ids] of [['diffAdded', diff.added], ['diffChanged', diff.changed], ['diffRemoved', diff.removed],
      ['diffKeptLocal', diff.kept_local]]) {
      if (ids.length) lines.push(t(key, [String(ids.length), ids.join(', ')]));
    }
    if (diff.rules_changed) lines.push(t('diffRules'));
    if (diff.from_version && !diff.added.length && !diff.changed.length && !diff.removed.length && !diff.rules_changed) {
      lines.push(t('diffNothing'));
    }
    $('pack-diff').replaceChildren(...lines.map((line) => h('li', {}, line)));
    $('pack-review').hidden = false;
    $('pack-accept').focus();
  }

  async function accept() {
    if (!pending) return;
    const { text, source, signer, diff } = pending;
    performance.mark('firstline:import-accept');
    try {
      // Imported into the library as it is now, not as it was when the
      // review began: an edit made meanwhile in another tab is kept.
      await state.apply((library) =>
        JSON.parse(library.import(text, source ?? undefined, signer ?? undefined, Date.now())).library);
      say('ok', t('packImported', [diff.name, diff.to_version]));
      performance.measure('firstline:import-accepted', 'firstline:import-accept');
    } catch (error) {
      say('warning', messageOf(error));
    }
    pending = null;
    $('pack-review').hidden = true;
  }

  async function removePack(pack) {
    try {
      await state.apply((library) => library.removePack(pack.id));
      say('ok', t('packRemoved', [pack.name]));
    } catch (error) {
      say('warning', messageOf(error));
    }
  }

  async function exportPack(pack) {
    let text;
    if (pack.builtin) {
      text = await (await fetch(chrome.runtime.getURL(`packs/default-${pack.id.split('.').pop()}.json`))).text();
    } else {
      text = state.library.packText(pack.id);
    }
    download(`${pack.id}-${pack.version}.json`, text);
  }

  async function exportMine() {
    const { profile } = await chrome.storage.local.get('profile');
    try {
      const compact = state.library.exportLocal($('export-id').value.trim(), $('export-name').value.trim(),
        $('export-version').value.trim(), profile?.name ?? '');
      // Indented, one value a line: a pack is a file teams diff and review.
      const text = `${JSON.stringify(JSON.parse(compact), null, 2)}\n`;
      download(`${$('export-id').value.trim()}-${$('export-version').value.trim()}.json`, text);
      say('ok', t('packExported'));
    } catch (error) {
      say('warning', messageOf(error));
    }
  }

  $('pack-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    event.target.value = '';
    if (!file) return;
    review(async () => {
      if (file.size > MAX_PACK_BYTES) throw new Error(t('packTooBig', [String(MAX_PACK_BYTES >> 20)]));
      return file.text();
    }, null);
  });
  $('pack-fetch').addEventListener('click', () => {
    const url = $('pack-url').value.trim();
    review(() => fetchPack(url), url);
  });
  $('pack-accept').addEventListener('click', accept);
  $('pack-reject').addEventListener('click', () => {
    pending = null;
    $('pack-review').hidden = true;
    say('', t('packNotImported'));
  });
  $('export-mine').addEventListener('click', exportMine);

  state.onChange(renderList);
}

/** Saves `text` as a file through the browser's download. */
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
