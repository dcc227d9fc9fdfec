// The options page's response targets: the first-response target of each
// tier, when to warn, and optionally the business hours in which targets
// count. The core checks the policy (checkPolicy) before it is stored under
// `policy`; the worker re-times every running timer when it changes.
//
// Business hours take the browser's UTC offset at the time of saving: the
// core counts hours in a fixed offset (see src/sla/policy.rs), so after a
// daylight-saving change the agent saves again to follow it.

import { messageOf } from '../library.js';

const TIERS = ['urgent', 'high', 'normal', 'low'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DEFAULTS = { urgent_minutes: 15, high_minutes: 60, normal_minutes: 240, low_minutes: 1440, warn_at: 0.75 };

const $ = (id) => document.getElementById(id);
const t = (key, subs) => chrome.i18n.getMessage(key, subs);

/** "09:30" → 570. */
const minutesOf = (time) => {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};
/** 570 → "09:30" (1440 is "24:00", which a time input cannot show: "23:59"). */
const timeOf = (minutes) => {
  const m = Math.min(minutes, 1439);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** Runs the policy form in the page's #policy section. */
export async function startPolicyEditor(core) {
  const { policy = DEFAULTS } = await chrome.storage.local.get('policy');
  for (const tier of TIERS) $(`policy-${tier}`).value = policy[`${tier}_minutes`];
  $('policy-warn').value = Math.round(policy.warn_at * 100);
  const hours = policy.hours;
  $('policy-hours').checked = Boolean(hours);
  for (const day of DAYS) $(`policy-day-${day}`).checked = hours ? hours.days.includes(day) : !['sat', 'sun'].includes(day);
  $('policy-open').value = timeOf(hours?.open_minute ?? 540);
  $('policy-close').value = timeOf(hours?.close_minute ?? 1080);

  $('policy-save').addEventListener('click', async () => {
    const result = $('policy-result');
    const next = {
      ...Object.fromEntries(TIERS.map((tier) => [`${tier}_minutes`, Number($(`policy-${tier}`).value)])),
      warn_at: Number($('policy-warn').value) / 100,
    };
    if ($('policy-hours').checked) {
      next.hours = {
        days: DAYS.filter((day) => $(`policy-day-${day}`).checked),
        open_minute: minutesOf($('policy-open').value || '00:00'),
        close_minute: minutesOf($('policy-close').value || '00:00'),
        utc_offset_minutes: -new Date().getTimezoneOffset(),
      };
    }
    try {
      const checked = JSON.parse(core.checkPolicy(JSON.stringify(next)));
      await chrome.storage.local.set({ policy: checked });
      result.className = 'ok';
      result.textContent = t('policySaved');
    } catch (error) {
      result.className = 'warning';
      result.textContent = `${t('policyNotSaved')} ${messageOf(error)}`;
    }
  });
}
