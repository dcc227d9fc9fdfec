// One clock for every countdown on the page.
//
// A timer per badge would wake the page a thousand times a second on a big
// feed. Instead one interval ticks, and only badges on screen (tracked with
// an IntersectionObserver) are repainted; off-screen ones catch up when they
// scroll back into view.
//
// An IntersectionObserver holds its targets strongly, and a badge removed
// while off screen gets no entry (it was not intersecting and still is not),
// so every tenth tick also lets go of the badges whose host left the page:
// on an endless feed that drops its old posts, the observer would otherwise
// keep every badge ever painted alive. The sweep is one isConnected per
// badge every ten seconds.

import { measure } from './measure.js';

/** Ticks between sweeps for badges gone from the page (so at most ~10 s late). */
const SWEEP_EVERY = 10;

export class Ticker {
  constructor(periodMs = 1000) {
    this.visible = new Set();
    this.watching = new Set();
    this.watched = new WeakMap(); // host → badge
    this.observer = new IntersectionObserver((entries) => {
      const now = Date.now();
      for (const entry of entries) {
        const badge = this.watched.get(entry.target);
        if (!badge) continue;
        if (entry.isIntersecting) {
          this.visible.add(badge);
          badge.tick(now);
        } else {
          this.visible.delete(badge);
        }
      }
    });
    this.ticks = 0;
    this.interval = setInterval(() => this.tick(), periodMs);
  }

  /** Starts ticking `badge` whenever its host is on screen. */
  watch(badge) {
    if (this.watched.get(badge.host) === badge) return;
    this.watched.set(badge.host, badge);
    this.watching.add(badge);
    this.observer.observe(badge.host);
  }

  /** Stops ticking `badge` (a later watch starts again). */
  unwatch(badge) {
    this.observer.unobserve(badge.host);
    this.watched.delete(badge.host);
    this.watching.delete(badge);
    this.visible.delete(badge);
  }

  /**
   * Repaints the badges on screen; every SWEEP_EVERY ticks, also lets go of
   * those gone from the page. Sweeping a thousand badges every second was
   * most of the tick's time when only a few are on screen (benches/ticks.mjs).
   */
  tick() {
    const started = performance.now();
    const now = Date.now();
    if (++this.ticks % SWEEP_EVERY === 0) {
      for (const badge of this.watching) if (!badge.host.isConnected) this.unwatch(badge);
    }
    for (const badge of this.visible) {
      if (badge.host.isConnected) badge.tick(now);
      else this.unwatch(badge);
    }
    measure('firstline:tick', started);
  }
}
