// Reading and driving firstline's overlay on a page, through the closed
// shadow roots (see browser.mjs): what tests assert on and what the demo
// screenshots.

import { ShadowView, attributes, find, findAll, hasClass, textOf, until } from './browser.mjs';

/**
 * Every badge on the page: {postId, key, tier, label, categories, timer,
 * timerState, reasons, replyButton}; `reasons` only of badges revealed (see
 * revealReasons).
 */
export async function readBadges(view) {
  const hosts = await view.hosts('FIRSTLINE-BADGE');
  return hosts.map(({ postId, node, shadow }) => {
    const pill = find(shadow, hasClass('badge'));
    const tier = /tier-(\w+)/.exec(attributes(pill ?? {}).class ?? '')?.[1] ?? null;
    const timer = find(shadow, hasClass('timer'));
    return {
      postId,
      key: attributes(node)['data-key'] ?? null,
      tier,
      label: textOf(find(shadow, hasClass('tier'))),
      categories: textOf(find(shadow, hasClass('cats'))),
      timer: textOf(timer),
      timerState: (attributes(timer ?? {}).class ?? '').replace('timer', '').trim(),
      reasons: findAll(find(shadow, hasClass('reasons')), (n) => n.nodeName === 'LI').map(textOf),
      replyButton: find(shadow, (n) => n.nodeName === 'BUTTON'),
    };
  });
}

/**
 * Focuses every badge, as a keyboard user tabbing through the feed would:
 * a badge builds its reasons tooltip the first time it is hovered or
 * focused, so `reasons` read by readBadges are empty before.
 */
export async function revealReasons(view) {
  for (const { shadow } of await view.hosts('FIRSTLINE-BADGE')) {
    const pill = find(shadow, hasClass('badge'));
    if (pill) await view.cdp.send('DOM.focus', { backendNodeId: pill.backendNodeId });
  }
}

/** Waits until `count` badges are on the page; returns them. */
export async function waitForBadges(view, count, timeout = 10000) {
  return until(async () => {
    const badges = await readBadges(view);
    return badges.length >= count && badges.every((b) => b.tier) ? badges : null;
  }, { timeout, what: `${count} badges` });
}

/**
 * Clicks the Reply button of a post's badge and waits for the picker; returns
 * its items. The post is named by its demo data-post-id, or by the badge's
 * key (`site:id`, what every site's badge carries).
 */
export async function openPicker(view, postIdOrKey) {
  const badge = (await readBadges(view)).find((b) => b.postId === postIdOrKey || b.key === postIdOrKey);
  if (!badge) throw new Error(`no badge on ${postIdOrKey}`);
  await view.click(badge.replyButton);
  return until(async () => {
    const items = await pickerItems(view);
    return items.length ? items : null;
  }, { what: 'the template picker' });
}

/** The options shown in the open picker: [{text, selected}] (empty when closed). */
export async function pickerItems(view) {
  const [picker] = await view.hosts('FIRSTLINE-PICKER');
  const items = picker ? findAll(picker.shadow, (n) => n.nodeName === 'LI' && attributes(n).role === 'option') : [];
  return items.map((item) => ({ text: textOf(item), selected: attributes(item)['aria-selected'] === 'true' }));
}

/** The tone indicator of a post's reply box: {text, grade} or null. */
export async function readTone(view, postId) {
  const host = (await view.hosts('FIRSTLINE-TONE')).find((h) => h.postId === postId);
  if (!host) return null;
  const pill = find(host.shadow, hasClass('tone'));
  return { text: textOf(pill), grade: (attributes(pill ?? {}).class ?? '').replace('tone', '').trim() };
}

export { ShadowView };
