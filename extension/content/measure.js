// The content script's own performance measures: what the benchmarks read
// (benches/browser.mjs, benches/ticks.mjs) to count the extension's
// main-thread time apart from the page's.

/**
 * How many of its measures firstline leaves in the page's performance
 * timeline. Measures are never dropped by the browser, and the observer and
 * every frame add one: on an endless feed nobody clears they would pile up
 * for as long as the tab lives. Past this many, firstline clears its own
 * (and only its own) and starts counting again.
 */
const MAX_MEASURES = 1000;
const MEASURE_NAMES = ['firstline:observe', 'firstline:read', 'firstline:paint', 'firstline:tick', 'firstline:keystroke', 'firstline:tone-latency'];
let measures = 0;

/** performance.measure of `name` from `start` to now, bounded by MAX_MEASURES. */
export function measure(name, start) {
  performance.measure(name, { start });
  if (++measures < MAX_MEASURES) return;
  measures = 0;
  for (const each of MEASURE_NAMES) performance.clearMeasures(each);
}
