// The badge pinned on each post: tier, categories, countdown, reasons on
// hover (built on the first hover or focus), and a Reply button that opens the template picker.

import { h, shadowHost } from './dom.js';
import { CATEGORY_LABEL, TIER_LABEL, formatRemaining } from './format.js';

// The reasons pop over the post's own content (z-index 10) but under the
// site's dialogs, which open above the feed: a maximal z-index covered the
// buttons of Bluesky's composer opened from the badge. They show on hover and
// on keyboard focus only, not on the focus a click leaves behind.
//
// Every :host declaration is !important: a page's rules reach the host element
// (`* { font-size: 40px !important }`, `firstline-badge { display: none }`)
// and, unmarked, beat :host and flow into the shadow tree by inheritance,
// while an !important :host rule beats even the page's !important ones.
const CSS = `
:host { all: initial !important; display: inline-block !important; vertical-align: middle !important;
  margin: 0 6px !important; position: relative !important;
  font: 500 12px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important; }
.badge { display: inline-flex; align-items: center; gap: 6px; padding: 3px 4px 3px 8px; border-radius: 999px;
  color: #fff; background: var(--tier); white-space: nowrap; cursor: default; }
.tier-urgent { --tier: #dc2626; } .tier-high { --tier: #ea580c; } .tier-normal { --tier: #2563eb; } .tier-low { --tier: #64748b; }
.tier { font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.cats { opacity: .92; }
.timer { font-variant-numeric: tabular-nums; padding: 1px 6px; border-radius: 999px; background: rgba(255,255,255,.22); }
.timer.warning { background: #facc15; color: #422006; }
.timer.breached { background: #111827; color: #fecaca; font-weight: 700; }
button { all: unset; cursor: pointer; padding: 1px 8px; border-radius: 999px; background: #fff; color: var(--tier); font-weight: 700; }
button:focus-visible { outline: 2px solid #111827; outline-offset: 1px; }
.reasons { display: none; position: absolute; z-index: 10; top: calc(100% + 6px); left: 0; min-width: 220px; max-width: 360px;
  padding: 8px 10px; border-radius: 8px; background: #111827; color: #f9fafb; box-shadow: 0 8px 24px rgba(0,0,0,.25);
  white-space: normal; font-weight: 400; }
.badge:hover + .reasons, .badge:has(:focus-visible) + .reasons, .reasons:hover { display: block; }
.reasons b { color: #fde68a; font-weight: 600; }
.reasons li { margin: 2px 0; } .reasons ul { margin: 4px 0 0; padding-left: 16px; }
`;

/**
 * The badge's shadow content, built once and cloned for every badge: one
 * cloneNode of a small tree costs a fraction of creating and setting up its
 * elements one by one, which was most of painting a thousand badges.
 */
let prototype = null;
function badgeContent() {
  prototype ??= [
    h('div', { class: 'badge', tabindex: '0' },
      h('span', { class: 'tier' }),
      h('span', { class: 'cats' }),
      h('span', { class: 'timer', role: 'timer', 'aria-live': 'off' }),
      h('button', { type: 'button', title: 'Reply with a template' }, 'Reply')),
    h('div', { class: 'reasons', role: 'tooltip' }),
  ];
  return prototype.map((node) => node.cloneNode(true));
}

/** One post's badge. */
export class Badge {
  /** @param {() => void} onReply called when the agent asks for a template. */
  constructor(onReply) {
    const { host, root } = shadowHost('firstline-badge', CSS);
    this.host = host;
    [this.pill, this.reasonsEl] = badgeContent();
    [this.tierEl, this.catsEl, this.timerEl, this.replyEl] = this.pill.children;
    this.replyEl.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      onReply();
    });
    // The reasons are built the first time they could be seen — the pill
    // hovered or focused, the only ways the tooltip opens — not with every
    // badge: building them was ~25 of the ~65 ms of painting 1,000 badges,
    // for tooltips few are ever opened.
    const reveal = () => this.showReasons();
    this.pill.addEventListener('pointerenter', reveal);
    this.pill.addEventListener('focusin', reveal);
    root.append(this.pill, this.reasonsEl);
    this.clock = null;
    this.verdict = null;
    this.reasonsOf = null; // the verdict the reasons tooltip shows
  }

  /** Fills the reasons tooltip with the current verdict's, if it does not show them yet. */
  showReasons() {
    if (!this.verdict || this.reasonsOf === this.verdict) return;
    this.reasonsEl.replaceChildren(...reasonNodes(this.verdict));
    this.reasonsOf = this.verdict;
  }

  /** Shows a verdict from the core. */
  update(verdict) {
    this.pill.className = `badge tier-${verdict.tier}`;
    this.tierEl.textContent = TIER_LABEL[verdict.tier] ?? verdict.tier;
    this.catsEl.textContent = verdict.categories.map((c) => CATEGORY_LABEL[c] ?? c).join(' · ');
    this.clock = verdict.clock;
    this.verdict = verdict;
    // A tooltip already built is kept up to date (it may be open now); one
    // never opened waits for showReasons.
    if (this.reasonsOf) this.showReasons();
    this.tick(Date.now());
  }

  /** Updates the countdown to `now` (ms). */
  tick(now) {
    if (!this.clock) return;
    const left = this.clock.deadline - now;
    const state = now >= this.clock.deadline ? 'breached' : now >= this.clock.warn_at ? 'warning' : 'running';
    this.timerEl.className = `timer ${state}`;
    this.timerEl.textContent = formatRemaining(left);
    this.timerEl.title = state === 'breached' ? 'First-response target missed' : 'Time left to a first response';
  }
}

function reasonNodes(verdict) {
  if (verdict.reasons.length === 0 && verdict.signals.length === 0) {
    return [h('span', {}, 'No triage rule matched this post.')];
  }
  const items = verdict.reasons.map((r) =>
    h('li', {}, h('b', {}, CATEGORY_LABEL[r.category] ?? r.category), ': “', r.text, '”'));
  for (const signal of verdict.signals) items.push(h('li', {}, h('b', {}, 'tier raised'), ': ', signal));
  return [h('span', {}, 'Why:'), h('ul', {}, items)];
}
