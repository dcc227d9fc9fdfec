// The reports page: the response-timer history of a period, as figures and
// charts, exported to share and a colleague's export imported to merge.
//
// A report reads the report rows of the period's days from IndexedDB
// (history.js: a few fields per record, kept beside the records), hands
// them to the core as one JSON Lines string (historyReportRows: parsing,
// the exact period, sums, percentiles), and shows the result
// (report-view.js). Records the core cannot read, and those of a day whose
// rows could not be read, are left out and counted on the page. Whole
// records are read only to export them and to merge an import.
//
// An import is checked whole by the core before anything is written
// (importHistory); the core then merges it against the stored records
// (mergeHistory: one record per post, the one knowing the most) and only
// the records that change are saved, in one transaction. A refused file or
// a failed save leaves the history as it was. (A record the service worker
// saves for the same post between the read and the save is overwritten by
// the merge of the older one: the next change to that post stores it again.)
//
// Timing: performance measures firstline:report (read + core + DOM) and
// its parts firstline:report:read, :core and :dom, for benches/browser.mjs.

import init, * as core from './pkg-pages/firstline.js'; // dist/pkg-pages: the core with reports

import { readRecords, readReportRows, saveRecords, useCore } from '../history.js';
import { showReport } from './report-view.js';
import { h, localize } from './ui.js';

// history.js makes the rows of what an import saves with this core.
const ready = init({ module_or_path: chrome.runtime.getURL('pkg-pages/firstline_bg.wasm') }).then(() => useCore(core));
const DEFAULT_DAYS = 7;

const fromInput = document.getElementById('from');
const toInput = document.getElementById('to');
const view = {
  figures: document.getElementById('figures'),
  charts: document.getElementById('charts'),
  notice: document.getElementById('notice'),
};
const shareResult = document.getElementById('share-result');

/** A local date as the date input writes it, `YYYY-MM-DD`. */
function dateText(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local midnight starting the date input's `YYYY-MM-DD`, `days` days on. */
function midnight(text, days = 0) {
  const [year, month, day] = text.split('-').map(Number);
  return new Date(year, month - 1, day + days);
}

/**
 * The chosen period: from the first date's local midnight to the midnight
 * after the last, its days, and the zone's offset (today's: a period across
 * a daylight-saving change counts the hour around midnight on that day in
 * today's offset).
 */
function period() {
  const from = midnight(fromInput.value);
  const to = midnight(toInput.value, 1);
  const days = [];
  for (let day = from; day < to; day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)) days.push(dateText(day));
  return { from: from.getTime(), to: to.getTime(), days, offset: -new Date().getTimezoneOffset() };
}

function say(kind, text) {
  shareResult.className = kind;
  shareResult.textContent = text;
}

const messageOf = (error) => String(error?.message ?? error);

/** Reads, sums and shows the chosen period. */
async function refresh() {
  await ready;
  const { from, to, days, offset } = period();
  const start = performance.now();
  const rows = await readReportRows({ from, to });
  const read = performance.now();
  const result = JSON.parse(core.historyReportRows(rows.rows.join('\n'), from, to, offset, Date.now()));
  result.unreadable += rows.unreadable;
  result.problems.unshift(...rows.problems);
  const summed = performance.now();
  showReport(view, result, days);
  const end = performance.now();
  performance.measure('firstline:report:read', { start, end: read });
  performance.measure('firstline:report:core', { start: read, end: summed });
  performance.measure('firstline:report:dom', { start: summed, end });
  performance.measure('firstline:report', { start, end });
}

/** Refreshes, showing a failure (IndexedDB unavailable, say) instead of the report. */
function show() {
  return refresh().catch((error) => {
    view.notice.replaceChildren(h('p', { class: 'warning', role: 'alert' }, chrome.i18n.getMessage('reportsFailed', [messageOf(error)])));
  });
}

/** Offers `text` as a file download named `name`. */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Exports the chosen period's records as `format` (`csv` or `json`). */
async function exportAs(format) {
  await ready;
  const { from, to } = period();
  const text = core.exportHistory((await readRecords({ from, to })).join('\n'), format);
  const name = `firstline-history-${fromInput.value}-${toInput.value}.${format}`;
  // A byte-order mark, so spreadsheets read the CSV as UTF-8 (Cyrillic, emoji).
  if (format === 'csv') download(name, 'text/csv;charset=utf-8', `\uFEFF${text}`);
  else download(name, 'application/json', text);
}

/** Merges a colleague's export file into the history, or says why not. */
async function importFile(file) {
  await ready;
  let imported;
  try {
    imported = JSON.parse(core.importHistory(await file.text()));
  } catch (error) {
    say('warning', chrome.i18n.getMessage('importRefused', [messageOf(error)]));
    return;
  }
  let merged;
  try {
    const stored = (await readRecords()).join('\n');
    merged = JSON.parse(core.mergeHistory(stored, imported.map((record) => record.line).join('\n')));
    await saveRecords(merged.records);
  } catch (error) {
    say('warning', chrome.i18n.getMessage('importNotSaved', [messageOf(error)]));
    return;
  }
  await show();
  say('ok', chrome.i18n.getMessage('importDone', [String(merged.added), String(merged.updated)]));
}

localize(document);
const today = new Date();
toInput.value = dateText(today);
fromInput.value = dateText(new Date(today.getFullYear(), today.getMonth(), today.getDate() - (DEFAULT_DAYS - 1)));
for (const input of [fromInput, toInput]) {
  input.addEventListener('change', () => {
    if (fromInput.value && toInput.value) show();
  });
}
document.getElementById('export-csv').addEventListener('click', () => exportAs('csv').catch((e) => say('warning', messageOf(e))));
document.getElementById('export-json').addEventListener('click', () => exportAs('json').catch((e) => say('warning', messageOf(e))));
document.getElementById('import-file').addEventListener('change', async (event) => {
  const input = event.target;
  const [file] = input.files;
  if (!file) return;
  say('', chrome.i18n.getMessage('importWorking'));
  await importFile(file);
  input.value = ''; // the same file may be chosen again
});
show();
