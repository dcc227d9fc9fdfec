// The template picker: a small keyboard-driven list anchored to a post.
//
// Type to search (fuzzy, see search.js), ↑/↓ to move, Enter to insert, Esc
// to close. It lives in a closed shadow root on <body>, positioned next to
// the post's badge.

import { h, shadowHost } from './dom.js';
import { Searcher } from './search.js';

/** The most templates listed at once. */
const SHOWN = 50;

const CSS = `
:host { all: initial !important; position: fixed !important; z-index: 2147483647 !important;
  top: var(--firstline-top) !important; left: var(--firstline-left) !important;
  font: 14px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important; }
.panel { width: 380px; max-height: 420px; display: flex; flex-direction: column; background: #fff; color: #111827;
  border: 1px solid #d1d5db; border-radius: 12px; box-shadow: 0 16px 40px rgba(0,0,0,.22); overflow: hidden; }
input { all: unset; padding: 10px 12px; border-bottom: 1px solid #e5e7eb; font-size: 14px; }
ul { list-style: none; margin: 0; padding: 4px; overflow: auto; }
li { padding: 8px 10px; border-radius: 8px; cursor: pointer; }
li[aria-selected="true"] { background: #ecfeff; outline: 1px solid #0f766e; }
.title { font-weight: 600; } .lang { color: #6b7280; font-size: 12px; margin-left: 6px; }
.preview { color: #374151; font-size: 13px; white-space: pre-wrap; margin-top: 2px; }
.asks label { display: flex; gap: 8px; align-items: center; padding: 6px 12px; } .asks span { min-width: 70px; color: #374151; }
.asks input { border: 1px solid #d1d5db; border-radius: 6px; padding: 6px 8px; flex: 1; }
.asks-title { padding: 10px 12px 4px; }
.hint, .empty { color: #6b7280; font-size: 12px; padding: 6px 12px; border-top: 1px solid #f3f4f6; }
`;

/**
 * Shows the picker for `replies` next to `anchor`; resolves with
 * `{reply, asks}` — the chosen reply and what the agent typed for its
 * `{{ask.*}}` fields (a ticket number, a coupon), asked for in the picker
 * after the choice — or null when closed.
 */
export function pickReply(anchor, replies) {
  return new Promise((resolve) => {
    const { host, root } = shadowHost('firstline-picker', CSS);
    const input = h('input', { type: 'text', placeholder: 'Search templates…', 'aria-label': 'Search templates' });
    const list = h('ul', { role: 'listbox', 'aria-label': 'Templates' });
    const panel = h('div', { class: 'panel', role: 'dialog', 'aria-label': 'Reply templates' }, input, list,
      h('div', { class: 'hint' }, '↑↓ choose · Enter insert · Esc close'));
    root.append(panel);
    let shown = replies;
    let selected = 0;

    const render = () => {
      // At most SHOWN rows: a 10,000-template library is searched, not
      // scrolled, and building every matching row on each keystroke would
      // cost far more than the search itself.
      const items = shown.slice(0, SHOWN).map((reply, i) => {
        const item = h('li', { role: 'option', 'aria-selected': String(i === selected) },
          h('div', {}, h('span', { class: 'title' }, reply.title), h('span', { class: 'lang' }, reply.lang)),
          h('div', { class: 'preview' }, reply.text));
        item.addEventListener('mousedown', (event) => { event.preventDefault(); done(reply); });
        return item;
      });
      if (!items.length) items.push(h('li', { class: 'empty' }, 'No template matches.'));
      if (shown.length > SHOWN) items.push(h('li', { class: 'empty' }, `${shown.length - SHOWN} more: keep typing to narrow.`));
      list.replaceChildren(...items);
      list.children[selected]?.scrollIntoView?.({ block: 'nearest' });
    };
    const close = (result) => {
      host.remove();
      document.removeEventListener('mousedown', outside, true);
      resolve(result);
    };
    const done = (reply) => {
      if (!reply) return close(null);
      if (!reply.asks?.length) return close({ reply, asks: {} });
      askFor(reply);
    };
    // The reply's fields, one labelled box each; Enter in the last inserts.
    const askFor = (reply) => {
      const fields = reply.asks.map((name) => h('input', { type: 'text', 'aria-label': name, placeholder: name, 'data-ask': name }));
      const form = h('div', { class: 'asks', role: 'group', 'aria-label': `Fill in for ${reply.title}` },
        ...fields.map((field) => h('label', {}, h('span', {}, field.dataset.ask), field)));
      panel.replaceChildren(h('div', { class: 'title asks-title' }, reply.title), form,
        h('div', { class: 'hint' }, 'Enter next · Esc close'));
      fields.forEach((field, i) => field.addEventListener('keydown', (event) => {
        event.stopPropagation();
        if (event.key === 'Escape') close(null);
        if (event.key !== 'Enter') return;
        event.preventDefault();
        if (i + 1 < fields.length) fields[i + 1].focus();
        else close({ reply, asks: Object.fromEntries(fields.map((f) => [f.dataset.ask, f.value.trim()])) });
      }));
      fields[0].focus();
    };
    const outside = (event) => { if (!event.composedPath().includes(host)) done(null); };

    const searcher = new Searcher(replies);
    input.addEventListener('input', () => {
      shown = searcher.find(input.value);
      selected = 0;
      render();
    });
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'ArrowDown') selected = Math.min(selected + 1, Math.min(shown.length, SHOWN) - 1);
      else if (event.key === 'ArrowUp') selected = Math.max(selected - 1, 0);
      else if (event.key === 'Enter') { event.preventDefault(); if (shown[selected]) done(shown[selected]); return; }
      else if (event.key === 'Escape') { done(null); return; }
      else return;
      event.preventDefault();
      render();
    });

    const box = anchor.getBoundingClientRect();
    // Through custom properties: the !important :host rules (see badge.js)
    // would override inline top/left, and custom properties survive `all`.
    host.style.setProperty('--firstline-top', `${Math.max(8, Math.min(box.bottom + 6, innerHeight - 430))}px`);
    host.style.setProperty('--firstline-left', `${Math.max(8, Math.min(box.left, innerWidth - 390))}px`);
    document.body.append(host);
    document.addEventListener('mousedown', outside, true);
    render();
    input.focus();
  });
}
