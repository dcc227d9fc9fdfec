// One clock for every countdown on the page.
//
// A timer per badge would wake the page a thousand times a second on a big
// feed. Instead one interval ticks, and only badges on screen (tracked with
// an IntersectionObserver) are repainted; off-screen ones catch up when they
// scroll back into view.
//
// An IntersectionObserver holds its targets strongly, and a badge removed
// while off screen gets no entry (it was not intersecting and still is not),
// so each tick also lets go of the badges whose host left the page: on an
// endless feed that drops its old posts, the observer would otherwise keep
// every badge ever painted alive. The sweep is one isConnected per badge a
// second.

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

  tick() {
    const now = Date.now();
    for (const badge of this.watching) {
      if (!badge.host.isConnected) this.unwatch(badge);
      else if (this.visible.has(badge)) badge.tick(now);
    }
  }
}
