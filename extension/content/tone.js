// The tone indicator by a reply box: a score, a one-word verdict and the
// kinds of problem found, as the agent types; a click opens the details —
// each finding with its message, its suggestion and, where a fix is safe,
// a button that makes it — and the findings are underlined in the box
// (highlights.js).
//
// Typing never waits on the check: an input clears the box's underlines
// and resets one timer (that is all a keystroke costs here); the check runs
// in the worker after a pause in typing, and its answer is dropped if the
// agent typed again meanwhile, so underlines are never drawn under text
// that has moved.

import { h, shadowHost } from './dom.js';
import { editableIn, insertText } from './editors/index.js';
import { Underlines, rangeOf, textMap } from './highlights.js';
import { measure } from './measure.js';

// :host rules are !important for the reason given in badge.js: the page's
// own rules reach the host element and would otherwise flow inside.
const CSS = `
:host { all: initial !important; display: block !important; margin: 4px 0 !important;
  font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important; }
.tone { all: unset; display: inline-flex; gap: 6px; align-items: center; padding: 3px 8px; border-radius: 999px;
  background: #ecfdf5; color: #065f46; cursor: pointer; }
.tone:focus-visible { outline: 2px solid #111827; }
.tone.fair { background: #fef9c3; color: #713f12; } .tone.poor { background: #fee2e2; color: #991b1b; }
.score { font-weight: 700; font-variant-numeric: tabular-nums; }
ul { margin: 4px 0 0; padding: 6px 8px 6px 22px; color: #374151; background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; }
li { margin: 2px 0; } .suggestion { color: #6b7280; }
button.fix { all: unset; cursor: pointer; margin-left: 6px; padding: 0 6px; border-radius: 999px; background: #111827; color: #fff; }
`;

/**
 * The pause in typing after which the draft is checked. The goal is the
 * indicator updated within 50 ms of the last keystroke; the check itself
 * (a round trip to the worker, ~0.5 ms of core for 2,000 characters) takes
 * a few milliseconds (benches/tone.mjs: ~24 ms from the last keystroke).
 * People type slower than one key per 20 ms, so most keystrokes are
 * checked; each check is the worker's time, not the page's.
 */
const DEBOUNCE_MS = 20;

/** The indicator attached to one reply box. */
export class ToneIndicator {
  /**
   * @param box the reply box (its editable element is found inside)
   * @param {(text: string) => Promise<{score:number, verdict:string, issues:object[]}>} check
   * @param kind the editor kind the site's descriptor names, if any (for fixes)
   */
  constructor(box, check, kind = null) {
    const { host, root } = shadowHost('firstline-tone', CSS);
    this.host = host;
    this.box = box;
    this.check = check;
    this.kind = kind;
    this.underlines = new Underlines(box);
    this.pill = h('button', { type: 'button', class: 'tone', 'aria-expanded': 'false', 'aria-live': 'polite' });
    this.list = h('ul', { hidden: true });
    this.pill.addEventListener('click', () => {
      this.list.hidden = !this.list.hidden;
      this.pill.setAttribute('aria-expanded', String(!this.list.hidden));
    });
    root.append(this.pill, this.list);
    this.timer = 0;
    this.generation = 0;
    this.typedAt = 0;
    this.show({ score: 100, verdict: 'good', issues: [] }, null);
  }

  /** The box was typed in: old underlines go now, a check after the pause. */
  schedule() {
    this.generation++;
    this.typedAt = performance.now();
    this.underlines.clear();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
  }

  /** The box's text, with its map to text nodes when it has them. */
  read() {
    const editable = editableIn(this.box);
    if (!editable) return { text: '', map: null };
    if ('value' in editable && !editable.isContentEditable) return { text: editable.value, map: null };
    const map = textMap(editable);
    return { text: map.text, map };
  }

  async run() {
    const generation = ++this.generation;
    const { text, map } = this.read();
    try {
      const report = await this.check(text);
      if (generation !== this.generation) return; // typed again meanwhile
      this.show(report, map);
      if (this.typedAt) measure('firstline:tone-latency', this.typedAt);
    } catch (error) {
      if (generation === this.generation) this.pill.textContent = `Tone check unavailable: ${error.message}`;
    }
  }

  show(report, map) {
    const grade = report.score >= 85 ? 'good' : report.score >= 60 ? 'fair' : 'poor';
    this.pill.className = `tone ${grade}`;
    const kinds = [...new Set(report.issues.map((i) => i.kind.replaceAll('_', ' ')))];
    this.pill.replaceChildren(h('span', {}, 'Tone'), h('span', { class: 'score' }, String(report.score)),
      h('span', {}, report.verdict ?? ''), h('span', {}, kinds.length ? `· ${kinds.join(', ')}` : '· looks good'));
    this.list.replaceChildren(...report.issues.map((issue) => this.item(issue, map)));
    if (map) this.underlines.show(map, report.issues);
  }

  item(issue, map) {
    const fix = typeof issue.fix === 'string' ? h('button', { type: 'button', class: 'fix' }, 'Fix') : null;
    fix?.addEventListener('click', () => this.apply(issue, map));
    return h('li', {}, issue.message, ' ', h('span', { class: 'suggestion' }, issue.suggestion ?? ''), fix);
  }

  /**
   * Makes a finding's fix: its span selected and the fix inserted through
   * the editor's own insert (a paste or insertText), as if the agent typed
   * it, so the editor's model follows.
   */
  apply(issue, map) {
    const editable = editableIn(this.box);
    if (!editable) return;
    editable.focus();
    if (map) {
      const range = rangeOf(map, issue.start, issue.end);
      if (!range || !editable.contains(range.startContainer)) return;
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    } else {
      editable.setSelectionRange(issue.start, issue.end);
    }
    insertText(editable, issue.fix, this.kind);
    this.schedule();
  }
}
