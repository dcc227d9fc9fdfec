// Small text formatters for the overlay.

/** "14:03" under an hour, "3h 12m" under a day, "2d 4h" beyond; "-5:12" once overdue. */
export function formatRemaining(ms) {
  const overdue = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  s %= 60;
  let text;
  if (d > 0) text = `${d}d ${h}h`;
  else if (h > 0) text = `${h}h ${String(m).padStart(2, '0')}m`;
  else text = `${m}:${String(s).padStart(2, '0')}`;
  return overdue ? `−${text}` : text;
}

/** Human names of tiers and categories. */
export const TIER_LABEL = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };

export const CATEGORY_LABEL = {
  billing: 'billing', outage: 'outage', delivery: 'delivery', account_security: 'account security',
  legal_safety: 'legal / safety', complaint: 'complaint', question: 'question', lead: 'lead',
  inflammatory: 'inflammatory', praise: 'praise', pii: 'personal data',
};
