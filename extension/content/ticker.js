// One clock for every countdown on the page.
//
// A timer per badge would wake the page a thousand times a second on a big
// feed. Instead one interval ticks, and only badges on screen (tracked with
// an IntersectionObserver) are repainted; off-screen ones catch up when they
// scroll back into view.

export class Ticker {
  constructor(periodMs = 1000) {
    this.visible = new Set();
    this.watched = new WeakMap();
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
    this.observer.observe(badge.host);
  }

  /** Stops ticking `badge`. */
  unwatch(badge) {
    this.observer.unobserve(badge.host);
    this.visible.delete(badge);
  }

  tick() {
    const now = Date.now();
    for (const badge of this.visible) {
      if (badge.host.isConnected) badge.tick(now);
      else this.unwatch(badge);
    }
  }
}
