// firstline's content script: finds posts, paints badges, inserts replies and
// shows the tone of a reply being typed. All decisions come from the core in
// the service worker; this script only reads, paints and inserts.

import { insertText, editableIn, readText } from './editors/index.js';
import { ask } from './messaging.js';
import { Overlay } from './overlay.js';
import { pickReply } from './picker.js';
import { ToneIndicator } from './tone.js';

async function start() {
  const { descriptor } = await ask({ type: 'hello', url: location.href });
  if (!descriptor || !descriptor.selectors) return;
  const s = descriptor.selectors;
  const indicators = new WeakMap(); // reply box → ToneIndicator

  const replyBoxOf = async (postEl) => {
    let box = postEl.querySelector(s.reply_box);
    if ((!box || !isShown(box)) && s.reply_open) {
      postEl.querySelector(s.reply_open)?.click();
      await nextFrame();
      box = postEl.querySelector(s.reply_box);
    }
    return box && editableIn(box);
  };

  const toneFor = (box) => {
    let indicator = indicators.get(box);
    if (!indicator) {
      const postEl = box.closest(s.post);
      const postText = postEl && overlay.state.get(postEl)?.post?.text;
      indicator = new ToneIndicator(box, async (text) =>
        (await ask({ type: 'tone', text, platform: descriptor.id, replying_to: postText ?? null })).report);
      indicators.set(box, indicator);
    }
    if (!indicator.host.isConnected) box.after(indicator.host);
    return indicator;
  };

  const overlay = new Overlay(descriptor, async (postEl, post, verdict, anchor) => {
    const { replies } = await ask({ type: 'replies', post, verdict });
    const choice = await pickReply(anchor, replies);
    if (!choice) return;
    const box = await replyBoxOf(postEl);
    if (!box) return;
    insertText(box, choice.text);
    toneFor(box).schedule(readText(box));
  });
  overlay.start();

  // Reply boxes anywhere in a post: show the tone as the agent types.
  document.addEventListener('input', (event) => {
    const box = event.target instanceof Element && event.target.closest(s.reply_box);
    if (!box || !box.closest(s.post)) return;
    toneFor(editableIn(box) ?? box).schedule(readText(box));
  }, true);
  document.addEventListener('focusin', (event) => {
    const box = event.target instanceof Element && event.target.closest(s.reply_box);
    if (box && box.closest(s.post)) toneFor(editableIn(box) ?? box);
  }, true);
}

function isShown(el) {
  return el.isConnected && !el.closest('[hidden]') && el.getClientRects().length > 0;
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

start().catch((error) => console.warn('firstline: not started', error));
