// History records built in JavaScript, in the core's stored shape
// (src/sla/record.rs, version 1; the deadlines of the default policy): the
// known numbers of the reports page's end-to-end test, and the 100,000
// records of the browser benchmark.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The default policy's first-response targets (sla::Policy::default). */
const TARGET = { urgent: 15 * MINUTE, high: HOUR, normal: 4 * HOUR, low: DAY };

/**
 * One post's timer as the core stores it (`{"v":1,…}`, as an object):
 * its clock started at `started_at`, answered `answered_after` ms later
 * (or open when null).
 */
export function timer({
  site = 'x', post_id, tier, categories = [], sentiment = 'neutral', author = null,
  excerpt = '', started_at, answered_after = null,
}) {
  const target = TARGET[tier];
  return {
    v: 1, site, post_id, tier, categories, sentiment, ...(author == null ? {} : { author }), excerpt,
    posted_at: started_at, seen_at: started_at, started_at,
    warn_at: started_at + Math.round(target * 0.75), deadline: started_at + target,
    state: answered_after == null ? { kind: 'open' } : { kind: 'answered', at: started_at + answered_after, how: 'replied' },
    escalated_at: null,
  };
}

/** A timer as history.js stores it: `{key, started_at, line}`. */
export function stored(t) {
  return { key: `${t.site}:${t.post_id}`, started_at: t.started_at, line: JSON.stringify(t) };
}

/** An export file of `timers`, as the core writes one (sla::export_json: records without `v`). */
export function exportFile(timers) {
  const records = timers.map(({ v, ...record }) => JSON.stringify(record));
  return `{"format":"firstline-history","version":1,"records":[\n${records.join(',\n')}\n]}\n`;
}

const SITES = ['x', 'bluesky', 'mastodon', 'facebook', 'reddit'];
const TIERS = ['urgent', 'high', 'normal', 'low'];
const CATEGORIES = ['billing', 'outage', 'delivery', 'account_security', 'complaint', 'question', 'praise'];
const SENTIMENTS = ['negative', 'neutral', 'positive'];
const TEXT = 'I was charged twice for my order and nobody answers my messages, can someone from support please look at it today?';

/**
 * `n` varied timers (five sites, every tier, four in five answered within
 * two days, ~450 bytes each as stored) whose clocks start in
 * `[from, to)`, the same for the same arguments.
 */
export function manyTimers(n, from, to) {
  let seed = 0x2545f491;
  const next = (below) => {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return (seed >>> 0) % below;
  };
  return Array.from({ length: n }, (_, i) => timer({
    site: SITES[i % SITES.length],
    post_id: String(1_800_000_000_000_000_000n + BigInt(i)),
    tier: TIERS[next(4)],
    categories: [CATEGORIES[next(CATEGORIES.length)]],
    sentiment: SENTIMENTS[next(3)],
    author: `customer${next(5000)}`,
    excerpt: TEXT.slice(0, 60 + next(60)),
    started_at: from + Math.floor((i / n) * (to - from)),
    answered_after: next(5) > 0 ? next(2 * DAY) : null,
  }));
}
