// The badge pinned on each post: tier, categories, the post's response timer
// (a countdown that turns at the warning and at the breach; "answered",
// "snoozed", or "another tab" when a second tab is answering it), reasons on
// hover (built on the first hover or focus) with the timer's moves — mark
// answered, snooze an hour, escalate — and a Reply button that opens the
// template picker. The timer comes from the worker (timers.js), which keeps
// one per post for every tab; the badge only paints it.

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
.timer.answered, .timer.snoozed, .timer.elsewhere { background: rgba(255,255,255,.9); color: #065f46; }
.timer.snoozed, .timer.elsewhere { color: #374151; }
.timer:empty { display: none; }
.moves { display: flex; gap: 6px; margin-top: 6px; } .moves button { background: #f9fafb; color: #111827; }
.flash { outline: 3px solid #facc15; outline-offset: 2px; }
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
  /**
   * @param {() => void} onReply called when the agent asks for a template.
   * @param {(move: object) => void} onMove called with the agent's move on
   *   the post's timer ({kind: 'answer', how: 'marked'}, snooze, escalate).
   */
  constructor(onReply, onMove) {
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
    this.onMove = onMove;
    this.timer = null;
    this.shown = {}; // what tick last wrote
    this.verdict = null;
    this.reasonsOf = null; // the verdict and timer the reasons tooltip shows
  }

  /** Fills the reasons tooltip with the current verdict's, if it does not show them yet. */
  showReasons() {
    if (!this.verdict || (this.reasonsOf?.verdict === this.verdict && this.reasonsOf.timer === this.timer)) return;
    this.reasonsEl.replaceChildren(...reasonNodes(this.verdict), ...this.moveNodes());
    this.reasonsOf = { verdict: this.verdict, timer: this.timer };
  }

  /** The timer's moves, while it runs. */
  moveNodes() {
    if (!this.timer || this.timer.state.kind === 'answered') return [];
    const move = (label, value) => {
      const button = h('button', { type: 'button' }, label);
      button.addEventListener('click', (event) => {
        event.preventDefault();
        event.stopPropagation();
        this.onMove(value());
      });
      return button;
    };
    return [h('div', { class: 'moves' },
      move('Answered', () => ({ kind: 'answer', how: 'marked' })),
      move('Snooze 1 h', () => ({ kind: 'snooze', until: Date.now() + SNOOZE_MS })),
      move('Escalate', () => ({ kind: 'escalate' })))];
  }

  /**
   * Shows a verdict from the core and the post's timer (its stored record,
   * with `elsewhere` when another tab is answering it), or none.
   */
  update(verdict, timer) {
    this.pill.className = `badge tier-${timer?.tier ?? verdict.tier}`;
    this.tierEl.textContent = TIER_LABEL[timer?.tier ?? verdict.tier] ?? verdict.tier;
    this.catsEl.textContent = verdict.categories.map((c) => CATEGORY_LABEL[c] ?? c).join(' · ');
    this.timer = timer;
    this.verdict = verdict;
    // A tooltip already built is kept up to date (it may be open now); one
    // never opened waits for showReasons.
    if (this.reasonsOf) this.showReasons();
    this.tick(Date.now());
  }

  /** Updates the timer to `now` (ms), writing to the DOM only what changed. */
  tick(now) {
    const [state, text, title] = timerLook(this.timer, now);
    if (state !== this.shown.state) this.timerEl.className = `timer ${state}`;
    if (text !== this.shown.text) this.timerEl.textContent = text;
    if (title !== this.shown.title) this.timerEl.title = title;
    this.shown = { state, text, title };
  }

  /** Draws the eye to the badge for a moment (the queue's "go to post"). */
  flash() {
    this.pill.classList.add('flash');
    setTimeout(() => this.pill.classList.remove('flash'), 2000);
  }
}

/** How long "Snooze" hides a timer. */
const SNOOZE_MS = 3600_000;

/** The timer's class, text and title at `now`. */
function timerLook(timer, now) {
  if (!timer) return ['none', '', ''];
  if (timer.state.kind === 'answered') return ['answered', '✓ answered', 'First response given'];
  if (timer.elsewhere) return ['elsewhere', 'another tab', 'Being answered in another tab'];
  if (timer.state.kind === 'snoozed' && now < timer.state.until) {
    return ['snoozed', 'snoozed', `Snoozed for ${formatRemaining(timer.state.until - now)}`];
  }
  const state = now >= timer.deadline ? 'breached' : now >= timer.warn_at ? 'warning' : 'running';
  const title = state === 'breached' ? 'First-response target missed' : 'Time left to a first response';
  return [state, formatRemaining(timer.deadline - now), title];
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
