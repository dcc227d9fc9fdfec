// The tone lab: anyone pastes a draft, picks the site and optionally the
// post being answered, and sees how it will land — the score, a one-word
// verdict, every finding with its message and suggestion, and the draft
// with the findings marked. The same core check as the indicator by a reply
// box, run here in the page's own wasm. The draft is shown as text: marks
// are <mark> elements around text nodes, never markup from the draft.

import init, * as core from './pkg-pages/firstline.js';

import { h, localize } from './ui.js';

const SITES = ['x', 'bluesky', 'mastodon', 'threads', 'facebook', 'messenger', 'instagram', 'linkedin', 'reddit',
  'youtube', 'vk', 'pinterest'];
const $ = (id) => document.getElementById(id);
const ready = init({ module_or_path: chrome.runtime.getURL('pkg-pages/firstline_bg.wasm') });

let queued = false;
/** Checks the draft again, once per frame however fast it is typed. */
function update() {
  if (queued) return;
  queued = true;
  requestAnimationFrame(async () => {
    queued = false;
    await ready;
    const draft = $('lab-draft').value;
    const post = $('lab-post').value.trim();
    const author = $('lab-author').value.trim();
    const report = core.checkTone(draft, $('lab-site').value, post || undefined, author || undefined);
    show(draft, report);
  });
}

function show(draft, report) {
  $('lab-score').replaceChildren(h('strong', {}, String(report.score)), ` / 100 · ${report.verdict ?? ''}`);
  $('lab-score').className = `lab-score ${report.score >= 85 ? 'ok' : report.score >= 60 ? 'fair' : 'warning'}`;
  $('lab-issues').replaceChildren(...report.issues.map((issue) =>
    h('li', {}, h('b', {}, issue.kind.replaceAll('_', ' ')), `: ${issue.message} `, h('span', { class: 'suggestion' }, issue.suggestion ?? ''))));
  $('lab-marked').replaceChildren(...marked(draft, report.issues));
}

/** The draft as text nodes, with each finding's span (UTF-16) in a <mark>. */
function marked(text, issues) {
  const spans = issues.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlapping: the first one shows
    out.push(text.slice(at, span.start), h('mark', { title: span.message }, text.slice(span.start, span.end)));
    at = span.end;
  }
  out.push(text.slice(at));
  return out.filter((part) => part !== '');
}

$('lab-site').replaceChildren(...SITES.map((site) => h('option', { value: site }, site)));
for (const id of ['lab-draft', 'lab-post', 'lab-author', 'lab-site']) $(id).addEventListener('input', update);
localize(document);
update();
