// Response timers, kept by the service worker: one per post that needs an
// answer, keyed by site + post id, so every tab, reload and recycled node
// shows the same countdown.
//
// The core decides (src/sla, through sightTimers and moveTimer); this file
// keeps. Each timer is its stored record — one line of JSON, the same line
// the history keeps — under `timer/<key>` in chrome.storage.local, so a
// change writes only the timers it changed, in one `set`. The worker may be
// stopped between any two events: nothing lives only in memory. The cache
// below is rebuilt from storage on the first use after a start, and every
// change is written before it is answered or broadcast.
//
// Alarms and notifications: one alarm, at the next moment anything is due —
// a warning to give, a breach to count, a snooze to end. Each start of the
// worker (and each change) sets it again from storage, so a browser restart
// or a killed worker loses no warning. A warning is a notification, once per
// timer (`warned`), and the toolbar badge counts the overdue.

const PREFIX = 'timer/';
const WARNED = 'timers-warned';
const ALARM = 'firstline-timers';
/** Answered timers stay this long (their post still shows "answered"), then only the history has them. */
const KEEP_ANSWERED_MS = 24 * 3600_000;

export class Timers {
  /**
   * @param core the loaded wasm core
   * @param history `saveRecords(records)` of extension/history.js
   * @param onChange called with `{key: line}` of every change, to broadcast
   */
  constructor(core, history, onChange) {
    this.core = core;
    this.history = history;
    this.onChange = onChange;
    this.cache = null; // Promise<Map<key, line>>
    this.after = Promise.resolve(); // the work that follows each store, in order
  }

  /** Every stored timer, read once per worker life (only the timers' keys: the library is large). */
  all() {
    this.cache ??= (async () => {
      const names = (await chrome.storage.local.getKeys()).filter((name) => name.startsWith(PREFIX));
      const items = await chrome.storage.local.get(names);
      const timers = new Map();
      for (const [name, line] of Object.entries(items)) {
        if (typeof line === 'string') timers.set(name.slice(PREFIX.length), line);
      }
      return timers;
    })();
    this.cache.catch(() => { this.cache = null; });
    return this.cache;
  }

  /**
   * Follows changes to stored timers made elsewhere (another extension page,
   * a test, a cleared storage): the cache must say what storage says.
   */
  storageChanged(changes) {
    if (!this.cache) return;
    this.cache.then((timers) => {
      for (const [name, { newValue }] of Object.entries(changes)) {
        if (!name.startsWith(PREFIX)) continue;
        if (typeof newValue === 'string') timers.set(name.slice(PREFIX.length), newValue);
        else timers.delete(name.slice(PREFIX.length));
      }
    }, () => {});
  }

  async policy() {
    const { policy } = await chrome.storage.local.get('policy');
    return policy ? JSON.stringify(policy) : '';
  }

  /**
   * The timers of a batch of classified posts (`posts` and `verdicts` as
   * the core gave them, in the same order): opened for posts that need an
   * answer, re-timed when their tier changed. Returns `{key: line}` of
   * every post in the batch that has a timer.
   */
  async sighted(posts, verdicts) {
    const timers = await this.all();
    const sightings = [];
    const keys = [];
    verdicts.forEach((verdict, i) => {
      if (verdict.tier === 'low' && !timers.has(verdict.key)) return;
      const post = posts[i];
      const split = post.key.indexOf(':');
      keys.push(post.key);
      sightings.push({
        site: post.key.slice(0, split), post_id: post.key.slice(split + 1), tier: verdict.tier,
        categories: verdict.categories, sentiment: verdict.sentiment, author: post.author?.name ?? null,
        text: post.text, posted_at: post.posted_at == null ? null : Math.round(post.posted_at),
        seen_at: Math.round(post.seen_at), url: post.url ?? null, // whole ms: the core reads integers
      });
    });
    if (!sightings.length) return {};
    const results = JSON.parse(this.core.sightTimers(await this.policy(), JSON.stringify(sightings),
      keys.map((key) => timers.get(key) ?? '')));
    const shown = {};
    const changed = {};
    results.forEach(({ record, changed: isNew }, i) => {
      if (!record) return;
      shown[keys[i]] = record;
      if (isNew) changed[keys[i]] = record;
    });
    await this.store(changed);
    return shown;
  }

  /**
   * The agent's move on the timer of `key` (`{kind: 'answer', how}`,
   * `{kind: 'snooze', until}`, `{kind: 'escalate'}`): returns its new line.
   * Throws for a post without a timer or one answered already.
   */
  async move(key, move) {
    const line = (await this.all()).get(key);
    if (!line) throw new Error(`no timer for ${key}`);
    const now = Date.now();
    let next;
    if (move.kind === 'answer') next = this.core.answerTimer(line, move.how, now);
    else if (move.kind === 'snooze') next = this.core.snoozeTimer(line, move.until);
    else if (move.kind === 'escalate') next = this.core.escalateTimer(await this.policy(), line, now);
    else throw new Error(`unknown move ${move.kind}`);
    await this.store({ [key]: next });
    return next;
  }

  /** Re-times every running timer after the policy changed. */
  async retime() {
    const timers = await this.all();
    const keys = [...timers.keys()];
    const lines = JSON.parse(this.core.retimeTimers(await this.policy(), keys.map((key) => timers.get(key))));
    const changed = {};
    lines.forEach((line, i) => { if (line !== timers.get(keys[i])) changed[keys[i]] = line; });
    await this.store(changed);
  }

  /**
   * Stores changed timers (`{key: line}`) in one write, then the history,
   * then tells the tabs and re-arms the alarm. A failed write (storage
   * full) throws before anything is told: the cache is dropped so the next
   * read is what storage holds.
   */
  async store(changed) {
    const keys = Object.keys(changed);
    if (!keys.length) return;
    try {
      await chrome.storage.local.set(Object.fromEntries(keys.map((key) => [PREFIX + key, changed[key]])));
    } catch (error) {
      this.cache = null;
      throw error;
    }
    const timers = await this.all();
    for (const key of keys) timers.set(key, changed[key]);
    // The rest waits for nothing the page needs: the history, telling the
    // other tabs, the alarm and the notifications run after the answer, in
    // order. (A feed's first load opens hundreds of timers at once; doing
    // this work first delayed every badge.)
    this.after = this.after.then(async () => {
      await this.history.saveRecords(keys.map((key) => ({ key, started_at: JSON.parse(changed[key]).started_at, line: changed[key] })))
        .catch((error) => console.warn('firstline: history', error));
      this.onChange(changed);
      await this.arm();
    }).catch((error) => console.warn('firstline: timers', error));
  }

  /**
   * What is due now: warnings to give (a notification each, once), the
   * overdue count on the toolbar, answered timers old enough to drop; then
   * the alarm for the next moment something is due.
   */
  async arm() {
    const now = Date.now();
    const timers = await this.all();
    const { [WARNED]: warnedList = [] } = await chrome.storage.local.get(WARNED);
    const warned = new Set(warnedList);
    let overdue = 0;
    let next = Infinity;
    const stale = [];
    const due = []; // [key, timer] of warnings to give now
    for (const [key, line] of timers) {
      const timer = JSON.parse(line);
      const { kind } = timer.state;
      if (kind === 'answered') {
        if (now - timer.state.at > KEEP_ANSWERED_MS) stale.push(key);
        else next = Math.min(next, timer.state.at + KEEP_ANSWERED_MS);
        continue;
      }
      if (kind === 'snoozed' && now < timer.state.until) {
        next = Math.min(next, timer.state.until);
        continue;
      }
      if (now >= timer.deadline) overdue++;
      else next = Math.min(next, timer.deadline);
      if (now >= timer.warn_at && !warned.has(key)) {
        warned.add(key);
        due.push([key, timer]);
      } else if (now < timer.warn_at) {
        next = Math.min(next, timer.warn_at);
      }
    }
    // A few warnings are one notification each; a backlog seen at once (a
    // feed of old posts) is one notification that says how many, not dozens.
    if (due.length > MAX_SINGLE_WARNINGS) await notifyMany(due.length);
    else for (const [key, timer] of due) await notify(key, timer, now);
    if (stale.length) {
      await chrome.storage.local.remove(stale.map((key) => PREFIX + key));
      for (const key of stale) { timers.delete(key); warned.delete(key); }
    }
    const kept = [...warned].filter((key) => timers.has(key));
    if (kept.length !== warnedList.length || kept.some((key, i) => key !== warnedList[i])) {
      await chrome.storage.local.set({ [WARNED]: kept }); // written only when it changed
    }
    await chrome.action.setBadgeText({ text: overdue ? String(overdue) : '' });
    await chrome.action.setBadgeBackgroundColor({ color: '#dc2626' });
    if (next === Infinity) await chrome.alarms.clear(ALARM);
    else await chrome.alarms.create(ALARM, { when: Math.max(next, now + 1000) });
  }

  /** Open timers, soonest deadline first, for the side panel's queue. */
  async queue() {
    const now = Date.now();
    return [...(await this.all()).values()].map((line) => JSON.parse(line))
      .filter((timer) => timer.state.kind !== 'answered')
      .sort((a, b) => a.deadline - b.deadline)
      .map((timer) => ({ ...timer, key: `${timer.site}:${timer.post_id}`, snoozed: timer.state.kind === 'snoozed' && now < timer.state.until }));
  }
}

/** Warnings due at once past which one notification covers them all. */
const MAX_SINGLE_WARNINGS = 3;

/** One notification for `count` warnings due at once. */
async function notifyMany(count) {
  await chrome.notifications.create('warn:many', {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon128.png'),
    title: chrome.i18n.getMessage('timerWarnMany', [String(count)]),
    message: chrome.i18n.getMessage('timerWarnManyMessage'),
    priority: 2,
  });
}

/** Timer alarm's name, for the worker's alarm listener. */
export const TIMER_ALARM = ALARM;

/** The warning notification of one timer. */
async function notify(key, timer, now) {
  const minutes = Math.max(0, Math.round((timer.deadline - now) / 60_000));
  await chrome.notifications.create(`warn:${key}`, {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon128.png'),
    title: chrome.i18n.getMessage('timerWarnTitle', [String(minutes), timer.tier]),
    message: `${timer.author ? `${timer.author}: ` : ''}${timer.excerpt}`,
    contextMessage: timer.site,
    priority: 2,
  });
}
