// Finding posts and keeping their badges in step with the page.
//
// One MutationObserver for the whole page only queues elements; the work
// happens once per animation frame, on everything queued since. Each post is
// read, keyed by site + post id (sites recycle nodes, so the element is not
// the identity), and sent for triage only when its key or text changed.
// Verdicts are cached by key, so a post scrolled away and back costs nothing.
//
// Cost on a big feed: the observer's, each frame's reading and each batch's
// painting are marked with performance.measure ("firstline:observe",
// "firstline:read", "firstline:paint"), so the benchmark, and anyone in
// DevTools, can see the extension's share of the main thread; at most
// MAX_MEASURES of them are kept. (Running at
// document_start to paint while the page parses was measured and rejected:
// frames interleaved with parsing made a 1,000-post feed reach all badges
// ~400 ms later.) Memory stays flat on an endless feed: what is kept per key
// is bounded (least recently seen goes first), and per-element state lives in
// WeakMaps that die with the page's nodes.

import { Badge } from './badge.js';
import { HOST_TAGS } from './dom.js';
import { measure } from './measure.js';

/** The badges' host element (badge.js). */
const BADGE_TAG = 'firstline-badge';
import { ask } from './messaging.js';
import { query, readPost } from './read.js';
import { Ticker } from './ticker.js';

/** How often a page may remove a badge before we stop putting it back. */
const MAX_REINSERTS = 3;

/** Posts per request to the worker (see `flush`). */
const CHUNK = 250;

/** How long after start an empty page counts as "nothing found". */
const SETTLE_MS = 3000;

/**
 * How many posts' verdicts (and first-seen times) are kept, least recently
 * seen dropped first. An endless feed would otherwise grow them forever; a
 * couple of thousand covers any post an agent scrolls back to, and one entry
 * is about a kilobyte.
 */
export const MAX_REMEMBERED = 2000;

/**
 * What the core reads of a post (`PagePost` in src/web/mod.rs): the id,
 * kind and permalink stay here, where the Reply button needs them, instead of
 * being copied to the worker and back with every post.
 */
function forTriage(post, seenAt) {
  const { key, text, author, platform, posted_at } = post;
  // The permalink goes too: a post's timer keeps it, to come back to it.
  return { key, text, author, platform, posted_at, seen_at: seenAt, url: absolute(post.permalink) };
}

function absolute(href) {
  try {
    return href ? new URL(href, location.href).href : null;
  } catch {
    return null;
  }
}

/** Whether a path glob (`*` matches anything) matches `path`. */
export function globMatches(glob, path) {
  const re = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

/**
 * Whether a record only adds firstline's own hosts: placing a badge in a
 * post must not queue the post to be read again (it did, and reading every
 * post twice was half the cost of each scroll step). Removals still count:
 * firstline never takes its own badges out of a post, so a removal is the
 * page's doing, and the post is looked at again to put the badge back.
 */
function onlyAddsOurHosts(record) {
  if (record.type !== 'childList' || record.removedNodes.length > 0 || record.addedNodes.length === 0) return false;
  return [...record.addedNodes].every((node) => HOST_TAGS.has(node.nodeName));
}

export class Overlay {
  /**
   * @param descriptor the site descriptor (src/platforms/*.json)
   * @param onReply called with (postElement, post, verdict) when Reply is asked for
   * @param onMove called with (key, move) for the agent's move on a post's timer
   * @param options.handles the agent's own handles (lowercase, without "@")
   * @param options.onAgentReply called with the key of a post a reply by one
   *   of those handles answers, once per reply seen
   */
  constructor(descriptor, onReply, onMove, { handles = [], onAgentReply = () => {} } = {}) {
    this.descriptor = descriptor;
    this.shapes = descriptor.posts;
    // One selector for every shape, so finding posts is one query.
    this.postSelector = this.shapes.map((shape) => shape.root).join(', ');
    this.onReply = onReply;
    this.onMove = onMove;
    this.handles = new Set(handles);
    this.onAgentReply = onAgentReply;
    this.agentReplies = new Set(); // keys of the agent's replies already seen
    this.agentAnswered = []; // keys of posts they answer, seen in this flush
    this.remembered = new Map(); // key → {seenAt, text, verdict, timer}, oldest first
    this.badges = new WeakMap(); // badge host → Badge
    this.claims = {}; // key → id of the tab answering it
    this.tab = null; // this tab's id, as the worker knows it
    this.state = new WeakMap();  // element → {key, text, post, badge, reinserts}
    this.queue = new Set();
    this.frame = 0;
    this.ticker = new Ticker();
    this.observer = new MutationObserver((records) => {
      const started = performance.now();
      this.onMutations(records);
      measure('firstline:observe', started);
    });
    this.stats = { lastError: null };
  }

  start() {
    this.startedAt = performance.now();
    this.enqueueWithin(document);
    this.observer.observe(document, { childList: true, subtree: true, characterData: true });
  }

  onMutations(records) {
    for (const record of records) {
      const target = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      if (!target || HOST_TAGS.has(target.tagName) || onlyAddsOurHosts(record)) continue;
      const post = target.closest(this.postSelector);
      if (post) this.enqueue(post);
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && !HOST_TAGS.has(node.tagName)) this.enqueueWithin(node);
      }
    }
  }

  enqueueWithin(root) {
    if (root.matches?.(this.postSelector)) this.enqueue(root);
    for (const el of root.querySelectorAll(this.postSelector)) this.enqueue(el);
  }

  enqueue(el) {
    this.queue.add(el);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /**
   * What is remembered of `key`, made the most recently seen; a new entry
   * (seen now) when nothing is, dropping the least recently seen past
   * MAX_REMEMBERED. A Map iterates in insertion order, so delete-and-set is
   * an LRU without a list.
   */
  remember(key) {
    let entry = this.remembered.get(key);
    if (entry) this.remembered.delete(key);
    else entry = { seenAt: Date.now(), text: null, verdict: null, timer: null };
    this.remembered.set(key, entry);
    if (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value);
    return entry;
  }

  /**
   * Reads everything queued, classifies what is new, paints the rest.
   *
   * Requests go in chunks of CHUNK posts as they are read, and are painted
   * all at once when every answer is back: painting each chunk as it came
   * back cost one more style and layout of the whole feed per chunk (a
   * 1,000-post feed reached all badges ~60 ms later than with one request),
   * while sending early lets the worker classify as this thread reads
   * (~160 → ~140 ms).
   */
  async flush() {
    this.frame = 0;
    const started = performance.now();
    const elements = [...this.queue];
    this.queue.clear();
    const chunks = [];
    let toClassify = [];
    let waiting = [];
    const send = () => {
      // JSON text both ways: see `classify` in background.js.
      const request = { type: 'classify', posts: JSON.stringify(toClassify) };
      chunks.push({ posts: toClassify, elements: waiting, answer: ask(request) });
      toClassify = [];
      waiting = [];
    };
    for (const el of elements) {
      if (!el.isConnected) continue;
      const post = readPost(el, this.shapeOf(el), this.descriptor);
      let state = this.state.get(el);
      if (!post) {
        // An empty shell: its content arrives as a mutation later. A recycled
        // element emptied for another post no longer shows the old one.
        if (state?.post) this.forget(state);
        continue;
      }
      if (!state) {
        state = { key: null, text: null, post: null, badge: null, reinserts: 0 };
        this.state.set(el, state);
      }
      const known = this.remember(post.key);
      const changed = state.key !== post.key || state.text !== post.text;
      // A recycled element showing another post is a new place for the
      // badge, not the page fighting it.
      if (state.key !== post.key) state.reinserts = 0;
      state.key = post.key;
      state.text = post.text;
      state.post = post;
      if (this.handles.size) this.noticeAgentReply(el, post);
      if (known.verdict && (known.text === post.text || !changed)) {
        this.paint(el, state, known.verdict);
      } else {
        toClassify.push(forTriage(post, known.seenAt));
        waiting.push(el);
        if (toClassify.length === CHUNK) send();
      }
    }
    if (toClassify.length > 0) send();
    measure('firstline:read', started);
    const answered = this.agentAnswered.splice(0);
    if (chunks.length === 0) {
      for (const key of answered) this.onAgentReply(key);
      return;
    }
    const answers = await Promise.allSettled(chunks.map((chunk) => chunk.answer));
    for (const key of answered) this.onAgentReply(key);
    const painting = performance.now();
    answers.forEach((answer, c) => {
      if (answer.status === 'rejected') {
        this.stats.lastError = String(answer.reason?.message ?? answer.reason);
        console.warn('firstline: triage failed', answer.reason);
        return;
      }
      const { posts, elements: chunkElements } = chunks[c];
      const { timers = {}, claims, tab, timerError } = answer.value;
      if (timerError) this.stats.lastError = `timers: ${timerError}`;
      if (claims) this.claims = claims;
      if (tab != null) this.tab = tab;
      JSON.parse(answer.value.verdicts).forEach((verdict, i) => {
        const known = this.remember(verdict.key);
        known.text = posts[i].text;
        known.verdict = verdict;
        if (timers[verdict.key]) known.timer = JSON.parse(timers[verdict.key]);
        const el = chunkElements[i];
        const state = this.state.get(el);
        if (state && state.key === verdict.key) this.paint(el, state, verdict);
      });
    });
    measure('firstline:paint', painting);
  }

  /** Puts the badge of `verdict` on `el`, creating or moving it as needed. */
  paint(el, state, verdict) {
    if (!state.badge) {
      state.badge = new Badge(() => {
        const current = this.state.get(el);
        const verdict = current && this.remembered.get(current.key)?.verdict;
        if (verdict) this.onReply(el, current.post, verdict, state.badge.host);
      }, (move) => {
        const current = this.state.get(el);
        if (current?.key) this.onMove(current.key, move);
      });
      this.badges.set(state.badge.host, state.badge);
    }
    const { host } = state.badge;
    if (!el.contains(host)) {
      // Taken out of its post by the page, removed or moved elsewhere (where
      // it would label something else): put back, MAX_REINSERTS times at most,
      // so a page that keeps removing it wins instead of looping with us.
      if (host.dataset.placed) {
        if (state.reinserts >= MAX_REINSERTS) return;
        state.reinserts++;
      }
      this.place(el, host);
      host.dataset.placed = '1';
    }
    host.dataset.key = verdict.key;
    state.badge.update(verdict, this.timerOf(verdict.key));
    this.ticker.watch(state.badge);
  }

  /**
   * When `post` is the agent's own (its handle is one of theirs), the post it
   * answers gets its first response: the post it is nested in (Reddit,
   * YouTube and Facebook comments), else the nearest post before it by
   * someone else (a conversation on X, Bluesky, Threads, Mastodon).
   */
  noticeAgentReply(el, post) {
    const handle = (post.author.handle ?? '').replace(/^@/, '').toLowerCase();
    if (!this.handles.has(handle) || this.agentReplies.has(post.key)) return;
    this.agentReplies.add(post.key);
    const answered = el.parentElement?.closest(this.postSelector) ?? this.previousPostBySomeoneElse(el);
    const key = answered && this.state.get(answered)?.key;
    // Told after this flush's posts are classified: the answered post's
    // timer may be opened by the same batch.
    if (key) this.agentAnswered.push(key);
  }

  previousPostBySomeoneElse(el) {
    const all = [...document.querySelectorAll(this.postSelector)];
    for (let i = all.indexOf(el) - 1; i >= 0; i--) {
      const handle = (this.state.get(all[i])?.post?.author.handle ?? '').replace(/^@/, '').toLowerCase();
      if (!this.handles.has(handle)) return all[i];
    }
    return null;
  }

  /** The timer `key`'s badges show, marked `elsewhere` when another tab answers it. */
  timerOf(key) {
    const timer = this.remembered.get(key)?.timer;
    if (!timer) return null;
    const by = this.claims[key];
    return { ...timer, elsewhere: by != null && by !== this.tab && timer.state.kind !== 'answered' };
  }

  /** The badges on this page of the post `key`. */
  badgesOf(key) {
    return [...document.querySelectorAll(`${BADGE_TAG}[data-key="${CSS.escape(key)}"]`)]
      .map((host) => this.badges.get(host)).filter(Boolean);
  }

  /** Timers changed by the worker (`{key: line}`, any tab's doing): repaints their badges. */
  applyTimers(changed) {
    for (const [key, line] of Object.entries(changed)) {
      const entry = this.remembered.get(key);
      if (!entry?.verdict) continue;
      entry.timer = JSON.parse(line);
      for (const badge of this.badgesOf(key)) badge.update(entry.verdict, this.timerOf(key));
    }
  }

  /** Who answers which post changed: repaints the badges whose claim changed. */
  applyClaims(claims) {
    const touched = new Set([...Object.keys(this.claims), ...Object.keys(claims)]);
    this.claims = claims;
    for (const key of touched) {
      const verdict = this.remembered.get(key)?.verdict;
      if (verdict) for (const badge of this.badgesOf(key)) badge.update(verdict, this.timerOf(key));
    }
  }

  /** Scrolls the post `key` into view and flashes its badge; false when this page does not show it. */
  reveal(key) {
    const [badge] = this.badgesOf(key);
    if (!badge) return false;
    badge.host.scrollIntoView({ block: 'center' });
    badge.flash();
    return true;
  }

  /** Drops what an element showed: its post, and its badge until it shows one again. */
  forget(state) {
    state.key = state.text = state.post = null;
    state.badge?.host.remove();
  }

  /**
   * What the descriptor finds on this page now, for the popup: every post
   * element in the page with what was read from it, the ones that could not
   * be read (no id or no text), and a warning when a page where posts are
   * expected (the descriptor's `feeds`) has none.
   */
  diagnostics() {
    const posts = [];
    let unreadable = 0;
    for (const el of document.querySelectorAll(this.postSelector)) {
      const state = this.state.get(el);
      const post = state?.post;
      if (!post) { unreadable++; continue; }
      const verdict = this.remembered.get(post.key)?.verdict;
      posts.push({
        key: post.key, kind: post.kind, author: post.author.name, handle: post.author.handle,
        verified: post.author.verified, followers: post.author.followers, posted_at: post.posted_at,
        permalink: post.permalink, text: post.text.slice(0, 280), tier: verdict?.tier ?? null,
        // Its own badge: a nested comment's badge is inside it too.
        badge: Boolean(state.badge && el.contains(state.badge.host)),
      });
    }
    let classified = 0;
    for (const entry of this.remembered.values()) if (entry.verdict) classified++;
    const expected = (this.descriptor.feeds ?? []).some((glob) => globMatches(glob, location.pathname));
    const settled = performance.now() - this.startedAt > SETTLE_MS;
    let warning = null;
    if (posts.length === 0 && expected && settled) {
      warning = unreadable > 0
        ? `${unreadable} posts found but none could be read: the ${this.descriptor.name} descriptor may be out of date.`
        : `No posts found where ${this.descriptor.name} shows posts: the site may have changed its markup.`;
    }
    return {
      site: this.descriptor.id, name: this.descriptor.name, url: location.href,
      found: posts.length, unreadable, classified, expected, warning,
      lastError: this.stats.lastError, posts,
    };
  }

  /**
   * Asks for a reply to the post the agent is at, as the keyboard shortcut
   * does: the one whose reply box has focus, else the first badged post
   * whose top is in view. Returns false when there is none.
   */
  replyToCurrent() {
    const focused = document.activeElement?.closest?.(this.postSelector);
    const inView = (el) => {
      const top = el.getBoundingClientRect().top;
      return top >= 0 && top < innerHeight;
    };
    const candidates = focused ? [focused] : [...document.querySelectorAll(this.postSelector)].filter(inView);
    for (const el of candidates) {
      const state = this.state.get(el);
      const verdict = state && this.remembered.get(state.key)?.verdict;
      if (verdict && state.badge) {
        this.onReply(el, state.post, verdict, state.badge.host);
        return true;
      }
    }
    return false;
  }

  /** The descriptor's shape of a post element (the first whose root matches). */
  shapeOf(el) {
    return this.shapes.find((shape) => el.matches(shape.root)) ?? this.shapes[0];
  }

  place(el, host) {
    const shape = this.shapeOf(el);
    const after = shape.badge_after && query(el, shape.badge_after);
    if (after) after.after(host);
    else el.prepend(host);
  }
}
