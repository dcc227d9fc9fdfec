// firstline's content script: finds posts, paints badges, inserts replies and
// shows the tone of a reply being typed. All decisions come from the core in
// the service worker; this script only reads, paints and inserts.

import { insertText, editableIn, readText } from './editors/index.js';
import { expand, triggerAt } from './expander.js';
import { measure } from './measure.js';
import { ask } from './messaging.js';
import { Overlay } from './overlay.js';
import { pickReply } from './picker.js';
import { query, queryAll } from './read.js';
import { ToneIndicator } from './tone.js';

/** How long a reply box that the site opens on click may take to appear. */
const REPLY_BOX_WAIT_MS = 1500;

async function start() {
  const { descriptor, handles = [] } = await ask({ type: 'hello', url: location.href });
  if (!descriptor) return;
  const indicators = new WeakMap(); // reply box → ToneIndicator
  // The post whose reply box the agent opened last: a page-wide composer
  // (X's reply dialog) answers it.
  let answering = null;

  const overlay = new Overlay(descriptor, async (postEl, post, verdict, anchor) => {
    // This tab is answering the post: others show it (see background.js).
    ask({ type: 'claim', key: post.key }).catch(() => {});
    const { replies } = await ask({ type: 'replies', post, verdict });
    const choice = await pickReply(anchor, replies);
    if (!choice) return;
    const text = await filledIn(post, verdict, choice);
    const reply = overlay.shapeOf(postEl).reply;
    const box = reply && await replyBoxOf(postEl, reply, overlay.postSelector, answering?.key === post.key);
    if (!box) return;
    answering = post;
    insertText(box, text, reply.editor);
    toneFor(box, post).schedule();
    whenSent(box, text, () => moveTimer(post.key, { kind: 'answer', how: 'replied' }));
  }, (key, move) => moveTimer(key, move), {
    handles,
    // A reply of the agent's own on the page: the post it answers is answered.
    onAgentReply: (key) => moveTimer(key, { kind: 'answer', how: 'replied' }, { quiet: true }),
  });

  const moveTimer = async (key, move, { quiet = false } = {}) => {
    try {
      const { timer } = await ask({ type: 'timer-move', key, move });
      overlay.applyTimers({ [key]: timer });
    } catch (error) {
      // Quiet for the agent's replies seen on a page: most answer posts
      // without a timer, or answered already.
      if (!quiet) console.warn('firstline: timer', error);
    }
  };

  const toneFor = (box, post) => {
    let indicator = indicators.get(box);
    if (!indicator) {
      const postEl = box.closest(overlay.postSelector);
      const kind = postEl ? overlay.shapeOf(postEl).reply?.editor : null;
      indicator = new ToneIndicator(box, async (text) => (await ask({
        type: 'tone', text, platform: descriptor.id, replying_to: post?.text ?? null, author: post?.author?.name ?? null,
      })).report, kind);
      indicators.set(box, indicator);
    }
    if (!indicator.host.isConnected) box.after(indicator.host);
    return indicator;
  };

  // Reply boxes: what the descriptors call one, wherever it is; the post it
  // answers is the one around it, or the one whose reply was opened last.
  const boxSelector = descriptor.posts
    .map((shape) => shape.reply?.box)
    .filter((box) => box && !box.includes('>>>'))
    .join(', ');
  const replyTarget = (event) => {
    const target = event.composedPath()[0];
    if (!boxSelector || !(target instanceof Element)) return null;
    const box = target.closest(boxSelector);
    if (!box) return null;
    const postEl = box.closest(overlay.postSelector);
    return { box: editableIn(box) ?? box, post: postEl ? overlay.state.get(postEl)?.post : answering };
  };
  // A keystroke's whole cost here: find the box, reset the tone timer, look
  // for a ";shortcut " trigger. Measured (firstline:keystroke) by
  // benches/tone.mjs.
  document.addEventListener('input', (event) => {
    const started = performance.now();
    const hit = replyTarget(event);
    if (!hit) return;
    toneFor(hit.box, hit.post).schedule();
    const trigger = hit.post && triggerAt(hit.box);
    if (trigger) expandTrigger(hit, trigger);
    measure('firstline:keystroke', started);
  }, true);

  // ";shortcut " in a reply box: the template, rendered for the post answered.
  const expandTrigger = async ({ box, post }, trigger) => {
    const verdict = overlay.remember(post.key).verdict;
    if (!verdict) return;
    const { replies } = await ask({ type: 'replies', post, verdict });
    // Still the same trigger at the caret: the agent may have typed on.
    if (triggerAt(box)?.shortcut !== trigger.shortcut) return;
    const postEl = box.closest(overlay.postSelector);
    const editor = postEl ? overlay.shapeOf(postEl).reply?.editor : null;
    if (expand(box, trigger, replies, editor)) toneFor(box, post).schedule();
  };
  // Opening a reply with the site's own button also says which post a
  // page-wide composer answers.
  document.addEventListener('click', (event) => {
    const target = event.composedPath()[0];
    const postEl = target instanceof Element && target.closest(overlay.postSelector);
    const open = postEl && overlay.shapeOf(postEl).reply?.open;
    if (open && target.closest(open)) answering = overlay.state.get(postEl)?.post ?? answering;
  }, true);
  document.addEventListener('focusin', (event) => {
    const hit = replyTarget(event);
    if (hit) toneFor(hit.box, hit.post);
  }, true);

  // The popup's diagnostics (what this page's descriptor finds), and the
  // keyboard shortcut's "reply to the post I am at", relayed by the worker.
  // Timers and claims changed by any tab, and the queue's "go to post".
  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === 'diagnostics') sendResponse(overlay.diagnostics());
    else if (message?.type === 'open-picker') sendResponse({ opened: overlay.replyToCurrent() });
    else if (message?.type === 'timers') overlay.applyTimers(message.timers);
    else if (message?.type === 'claims') overlay.applyClaims(message.claims);
    else if (message?.type === 'reveal') sendResponse({ revealed: overlay.reveal(message.key) });
    return false;
  });

  overlay.start();
}

/**
 * The text of a chosen reply: as suggested, or rendered again by the core
 * with what the agent typed for its `{{ask.*}}` fields.
 */
async function filledIn(post, verdict, { reply, asks }) {
  if (!reply.asks?.length) return reply.text;
  const { replies } = await ask({ type: 'replies', post, verdict, asks });
  return replies.find((r) => r.pack === reply.pack && r.id === reply.id)?.text ?? reply.text;
}

/**
 * The editable reply box of a post: inside it or anywhere in the page, as
 * the descriptor says, opened with the site's own control when it is not
 * there yet. Comments nest (Reddit): a box open under a nested comment is
 * that comment's, so a post's own box is the first one no inner post holds
 * (a box inside a shadow root has no post around it there). A page-wide
 * composer that is already shown (Mastodon's) answers whichever post's reply
 * was opened last (`answered`: this one), so it is opened for this post
 * first.
 */
async function replyBoxOf(postEl, reply, postSelector, answered) {
  const own = (box) => (box.closest(postSelector) ?? postEl) === postEl;
  const find = () => {
    const box = reply.scope === 'page' ? query(document, reply.box) : queryAll(postEl, reply.box).find(own);
    return box && isShown(box) ? editableIn(box) : null;
  };
  let box = find();
  if ((box && (reply.scope !== 'page' || answered)) || !reply.open) return box;
  query(postEl, reply.open)?.click();
  const deadline = performance.now() + REPLY_BOX_WAIT_MS;
  while (!(box = find()) && performance.now() < deadline) await nextFrame();
  return box;
}

/** How long after inserting a reply its sending is watched for. */
const SEND_WAIT_MS = 30 * 60_000;

/**
 * Calls `sent()` once the reply inserted into `box` is sent: sites empty
 * their reply box, or take it away, when a reply is posted. The box must
 * first have held the inserted text (at least its first line), so a box
 * that never took it does not count. Watched for SEND_WAIT_MS at most. A
 * reply the agent
 * deletes by hand also counts; the badge's Answered move is the way to
 * correct a timer, and an answered one cannot be reopened by mistake.
 */
function whenSent(box, inserted, sent) {
  const probe = inserted.split('\n')[0].trim().slice(0, 40);
  let held = false;
  const check = () => {
    const text = box.isConnected ? readText(box).trim() : '';
    if (text.includes(probe)) held = true;
    else if (held && (!box.isConnected || text === '')) {
      stop();
      sent();
    }
  };
  // The box's own mutations and input say when it is emptied at once. A
  // textarea's value set by the site, or the box's removal (a dialog closed
  // after posting), changes nothing observable: a check every second reads
  // this one box, where watching the whole page's mutations for half an
  // hour would cost far more on a busy feed.
  const observer = new MutationObserver(check);
  observer.observe(box, { childList: true, subtree: true, characterData: true });
  box.addEventListener('input', check);
  const removal = setInterval(check, 1000);
  const timeout = setTimeout(() => stop(), SEND_WAIT_MS);
  const stop = () => {
    observer.disconnect();
    box.removeEventListener('input', check);
    clearInterval(removal);
    clearTimeout(timeout);
  };
  check();
}

function isShown(el) {
  return el.isConnected && !el.closest('[hidden]') && el.getClientRects().length > 0;
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

start().catch((error) => console.warn('firstline: not started', error));
