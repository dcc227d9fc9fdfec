// The side panel: every open response timer, soonest deadline first, with
// its site, author, tier and excerpt, counting down. A click brings the post
// into view — in a tab that shows it, else at its own address (the worker's
// `reveal`). The list comes from the worker, and again whenever a timer or
// a claim changes anywhere; one interval repaints the countdowns.

import { formatRemaining } from '../content/format.js';
import { h, localize } from './ui.js';

const list = document.getElementById('queue');
const empty = document.getElementById('queue-empty');
const t = (key) => chrome.i18n.getMessage(key);
let rows = []; // [{timer, left: element}]

async function load() {
  const { timers, claims } = await chrome.runtime.sendMessage({ type: 'queue' });
  rows = timers.map((timer) => {
    const left = h('span', { class: 'left' });
    const notes = [];
    if (timer.snoozed) notes.push(t('queueSnoozed'));
    if (claims[timer.key] != null) notes.push(t('queueElsewhere'));
    const item = h('li', { class: `tier-${timer.tier}`, 'data-key': timer.key, tabindex: '0' },
      h('div', { class: 'head' }, h('b', {}, timer.tier), ' ', left, ' ', h('span', { class: 'site' }, timer.site)),
      h('div', { class: 'who' }, timer.author ?? ''),
      h('div', { class: 'excerpt' }, timer.excerpt),
      notes.length ? h('div', { class: 'note' }, notes.join(' · ')) : null);
    const go = () => chrome.runtime.sendMessage({ type: 'reveal', key: timer.key, url: timer.url ?? null });
    item.addEventListener('click', go);
    item.addEventListener('keydown', (event) => { if (event.key === 'Enter') go(); });
    return { timer, left, item };
  });
  list.replaceChildren(...rows.map((row) => row.item));
  empty.hidden = rows.length > 0;
  tick();
}

function tick() {
  const now = Date.now();
  for (const { timer, left } of rows) {
    const ms = timer.deadline - now;
    left.textContent = formatRemaining(ms);
    left.className = `left ${ms <= 0 ? 'breached' : now >= timer.warn_at ? 'warning' : ''}`;
  }
}

chrome.runtime.onMessage.addListener((message) => {
  if (message?.type === 'timers' || message?.type === 'claims') load();
});
setInterval(tick, 1000);
localize(document);
load();
