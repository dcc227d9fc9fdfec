// The reports page's picture of one report: the figures, the charts, and
// the stored records that could not be read. Presentation only: every
// number comes from the core (src/sla/report.rs, through historyReportRows),
// but for the records of a day whose rows could not be read, which
// history.js counts.

import { barChart, columnChart } from './charts.js';
import { h } from './ui.js';

const message = (name, substitutions) => chrome.i18n.getMessage(name, substitutions);
const MINUTE = 60_000;

/** The response-time buckets of the core's Distribution, in order. */
const BUCKETS = ['under_15m', 'from_15m_to_1h', 'from_1h_to_4h', 'from_4h_to_24h', 'over_24h'];

/** A core name (`account_security`) in the page's language, by its message `prefix` + `AccountSecurity`; the name itself when there is none. */
function named(prefix, name) {
  const key = prefix + name.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return message(key) || name;
}

const number = (n) => n.toLocaleString(chrome.i18n.getUILanguage());

/** A first-response time for people: `45 s`, `20 min`, `1 h 10 min`, `2 h`, `2 d 3 h`; a dash for none. */
function duration(ms) {
  if (ms == null) return message('figureNone');
  if (ms < MINUTE) return message('durationSeconds', [String(Math.floor(ms / 1000))]);
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return message('durationMinutes', [String(minutes)]);
  if (minutes < 24 * 60) {
    const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
    return rest ? message('durationHours', [String(hours), String(rest)]) : message('durationWholeHours', [String(hours)]);
  }
  const hours = Math.round(minutes / 60);
  const [days, rest] = [Math.floor(hours / 24), hours % 24];
  return rest ? message('durationDays', [String(days), String(rest)]) : message('durationWholeDays', [String(days)]);
}

/** `{label, value}` rows of a core map (name → count), labelled through `prefix`. */
function rowsOf(counts, prefix, { kinds = false } = {}) {
  return Object.entries(counts).map(([name, value]) => ({
    label: prefix ? named(prefix, name) : name, value, kind: kinds ? name : null,
  }));
}

const byCount = (a, b) => b.value - a.value; // stable: ties keep the core's order

/** Tiers most urgent first (the core's map is in its own order, least urgent first). */
const TIERS = ['urgent', 'high', 'normal', 'low'];
const byUrgency = (a, b) => rank(a.kind) - rank(b.kind);
const rank = (tier) => (TIERS.includes(tier) ? TIERS.indexOf(tier) : TIERS.length);

function figures(report) {
  const figure = (name, value) => h('div', { 'data-figure': name }, h('dt', {}, named('figure', name)), h('dd', {}, value));
  const { first_response: response } = report;
  return h('dl', { class: 'figures' },
    figure('total', number(report.total)),
    figure('resolved', number(report.resolved)),
    figure('median', duration(response.median_ms)),
    figure('p90', duration(response.p90_ms)),
    figure('breaches', number(report.breaches)));
}

function charts(report, days) {
  const posts = message('chartPosts');
  // Every day of the period, those without posts too; a day the core
  // counted outside them (a DST change moved midnight) is kept.
  const perDay = new Map(days.map((day) => [day, 0]));
  for (const [day, n] of Object.entries(report.by_day)) perDay.set(day, n);
  const dayRows = [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, value]) => ({ label, value }));
  const distribution = report.first_response.distribution;
  return [
    columnChart({ id: 'chart-day', title: message('chartByDay'), dimension: message('dimensionDay'), valueName: posts, rows: dayRows }),
    barChart({ id: 'chart-tier', title: message('chartByTier'), dimension: message('dimensionTier'), valueName: posts, rows: rowsOf(report.by_tier, 'tier', { kinds: true }).sort(byUrgency) }),
    barChart({ id: 'chart-category', title: message('chartByCategory'), dimension: message('dimensionCategory'), valueName: posts, rows: rowsOf(report.by_category, 'category').sort(byCount) }),
    barChart({ id: 'chart-site', title: message('chartBySite'), dimension: message('dimensionSite'), valueName: posts, rows: rowsOf(report.by_site, null).sort(byCount) }),
    barChart({
      id: 'chart-response', title: message('chartResponse'), dimension: message('dimensionResponse'), valueName: message('chartAnswers'),
      rows: BUCKETS.map((bucket) => ({ label: named('bucket', bucket), value: distribution[bucket] })),
    }),
    barChart({ id: 'chart-sentiment', title: message('chartSentiment'), dimension: message('dimensionSentiment'), valueName: posts, rows: rowsOf(report.sentiment, 'sentiment', { kinds: true }) }),
  ];
}

/** "N records could not be read", in the plural form of the page's language, with the reasons under it. */
function unreadable({ unreadable: count, problems }) {
  if (count === 0) return [];
  const form = new Intl.PluralRules(chrome.i18n.getUILanguage()).select(count);
  const text = message(`reportsUnreadable_${form}`, [number(count)]) || message('reportsUnreadable_other', [number(count)]);
  return [h('p', { class: 'warning', role: 'status', id: 'unreadable' }, text),
    h('details', {}, h('summary', {}, message('reportsWhy')), h('ul', {}, problems.map((p) => h('li', {}, p))))];
}

/**
 * Shows `result` (historyReportRows' `{report, unreadable, problems}`) in
 * `view` (`{figures, charts, notice}`, elements whose children it
 * replaces); `days` are the period's days (`YYYY-MM-DD`), so days without
 * posts show as such.
 */
export function showReport(view, result, days) {
  view.notice.replaceChildren(...unreadable(result));
  view.figures.replaceChildren(figures(result.report));
  view.charts.replaceChildren(...(result.report.total === 0
    ? [h('p', { id: 'reports-empty' }, message('reportsEmpty'))]
    : charts(result.report, days)));
}
