// The tone indicator next to a reply box: a score and the problems found, as
// the agent types. Checking waits for a pause in typing (debounced), so a
// keystroke costs one timer reset and never waits on the core.

import { h, shadowHost } from './dom.js';

// :host rules are !important for the reason given in badge.js: the page's
// own rules reach the host element and would otherwise flow inside.
const CSS = `
:host { all: initial !important; display: block !important; margin: 4px 0 !important;
  font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important; }
.tone { display: inline-flex; gap: 6px; align-items: center; padding: 3px 8px; border-radius: 999px; background: #ecfdf5; color: #065f46; }
.tone.fair { background: #fef9c3; color: #713f12; } .tone.poor { background: #fee2e2; color: #991b1b; }
.score { font-weight: 700; font-variant-numeric: tabular-nums; }
ul { margin: 4px 0 0; padding-left: 18px; color: #374151; } li { margin: 1px 0; }
`;

const DEBOUNCE_MS = 120;

/** The indicator attached to one reply box. */
export class ToneIndicator {
  /** @param {(text: string) => Promise<{score:number, issues:object[]}>} check */
  constructor(box, check) {
    const { host, root } = shadowHost('firstline-tone', CSS);
    this.host = host;
    this.box = box;
    this.check = check;
    this.pill = h('div', { class: 'tone', role: 'status', 'aria-live': 'polite' });
    this.list = h('ul');
    root.append(this.pill, this.list);
    this.timer = 0;
    this.generation = 0;
    this.show({ score: 100, issues: [] });
  }

  /** Schedules a check of `text` after a pause in typing. */
  schedule(text) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(text), DEBOUNCE_MS);
  }

  async run(text) {
    const generation = ++this.generation;
    try {
      const report = await this.check(text);
      if (generation === this.generation) this.show(report);
    } catch (error) {
      if (generation === this.generation) this.pill.textContent = `Tone check unavailable: ${error.message}`;
    }
  }

  show(report) {
    const grade = report.score >= 85 ? 'good' : report.score >= 60 ? 'fair' : 'poor';
    this.pill.className = `tone ${grade}`;
    const kinds = [...new Set(report.issues.map((i) => i.kind.replace('_', ' ')))];
    this.pill.replaceChildren(h('span', {}, 'Tone'), h('span', { class: 'score' }, String(report.score)),
      h('span', {}, kinds.length ? kinds.join(', ') : 'looks good'));
    this.list.replaceChildren(...report.issues.map((i) => h('li', {}, `${i.message} ${i.suggestion}`)));
  }
}
