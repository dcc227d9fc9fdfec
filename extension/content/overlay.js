// Finding posts and keeping their badges in step with the page.
//
// One MutationObserver for the whole page only queues elements; the work
// happens once per animation frame, on everything queued since. Each post is
// read, keyed by site + post id (sites recycle nodes, so the element is not
// the identity), and sent for triage only when its key or text changed.
// Verdicts are cached by key, so a post scrolled away and back costs nothing.

import { Badge } from './badge.js';
import { HOST_TAGS } from './dom.js';
import { ask } from './messaging.js';
import { query, readPost } from './read.js';
import { Ticker } from './ticker.js';

/** How often a page may remove a badge before we stop putting it back. */
const MAX_REINSERTS = 3;

/** How long after start an empty page counts as "nothing found". */
const SETTLE_MS = 3000;

/** Whether a path glob (`*` matches anything) matches `path`. */
export function globMatches(glob, path) {
  const re = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

export class Overlay {
  /**
   * @param descriptor the site descriptor (src/platforms/*.json)
   * @param onReply called with (postElement, post, verdict) when Reply is asked for
   */
  constructor(descriptor, onReply) {
    this.descriptor = descriptor;
    this.shapes = descriptor.posts;
    // One selector for every shape, so finding posts is one query.
    this.postSelector = this.shapes.map((shape) => shape.root).join(', ');
    this.onReply = onReply;
    this.verdicts = new Map();   // key → verdict
    this.firstSeen = new Map();  // key → ms
    this.state = new WeakMap();  // element → {key, text, post, badge, reinserts}
    this.queue = new Set();
    this.frame = 0;
    this.ticker = new Ticker();
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.stats = { posts: 0, batches: 0, lastError: null };
  }

  start() {
    this.startedAt = performance.now();
    this.enqueueWithin(document.body);
    this.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  onMutations(records) {
    for (const record of records) {
      const target = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      if (!target || HOST_TAGS.has(target.tagName)) continue;
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

  /** Reads everything queued, classifies what is new, paints the rest. */
  async flush() {
    this.frame = 0;
    const elements = [...this.queue];
    this.queue.clear();
    const toClassify = [];
    const waiting = [];
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
      if (!this.firstSeen.has(post.key)) this.firstSeen.set(post.key, Date.now());
      const changed = state.key !== post.key || state.text !== post.text;
      // A recycled element showing another post is a new place for the
      // badge, not the page fighting it.
      if (state.key !== post.key) state.reinserts = 0;
      state.key = post.key;
      state.text = post.text;
      state.post = post;
      const cached = this.verdicts.get(post.key);
      if (cached && cached.text === post.text) {
        this.paint(el, state, cached.verdict);
      } else if (changed || !cached) {
        toClassify.push({ ...post, seen_at: this.firstSeen.get(post.key) });
        waiting.push(el);
      } else {
        this.paint(el, state, cached.verdict);
      }
    }
    if (toClassify.length === 0) return;
    try {
      const { verdicts } = await ask({ type: 'classify', posts: toClassify });
      this.stats.batches++;
      verdicts.forEach((verdict, i) => {
        this.verdicts.set(verdict.key, { text: toClassify[i].text, verdict });
        const el = waiting[i];
        const state = this.state.get(el);
        if (state && state.key === verdict.key) this.paint(el, state, verdict);
      });
      this.stats.posts = this.verdicts.size;
    } catch (error) {
      this.stats.lastError = String(error.message ?? error);
      console.warn('firstline: triage failed', error);
    }
  }

  /** Puts the badge of `verdict` on `el`, creating or moving it as needed. */
  paint(el, state, verdict) {
    if (!state.badge) {
      state.badge = new Badge(() => {
        const current = this.state.get(el);
        const cached = current && this.verdicts.get(current.key);
        if (cached) this.onReply(el, current.post, cached.verdict, state.badge.host);
      });
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
    state.badge.update(verdict);
    this.ticker.watch(state.badge);
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
      const verdict = this.verdicts.get(post.key)?.verdict;
      posts.push({
        key: post.key, kind: post.kind, author: post.author.name, handle: post.author.handle,
        verified: post.author.verified, followers: post.author.followers, posted_at: post.posted_at,
        permalink: post.permalink, text: post.text.slice(0, 280), tier: verdict?.tier ?? null,
        // Its own badge: a nested comment's badge is inside it too.
        badge: Boolean(state.badge && el.contains(state.badge.host)),
      });
    }
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
      found: posts.length, unreadable, classified: this.verdicts.size, expected, warning,
      lastError: this.stats.lastError, posts,
    };
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
