// Bar charts as inline SVG, for the reports page.
//
// No chart library: the page needs six plain bar charts, which take less
// code to draw than a library takes to configure. A library would be the
// largest script of the extension (Chart.js is ~70 KB gzipped, ECharts far
// more) and one more dependency to audit and update; Chart.js draws on a
// canvas, whose words neither screen readers nor tests can read, and
// libraries that draw SVG tend to set inline styles (which a strict
// style-src refuses) or build markup from strings, against the rule that
// data reaches the DOM only as text. Here every label is a text node made
// with createElementNS, and pages.css colours the bars.
//
// Accessibility: each chart is a <figure> named by its <figcaption>; the
// picture itself is hidden from assistive technology and its numbers are
// given again as a table, which screen readers read as a table.

import { h } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const ROW = 22; // a bar's row height, in viewBox units
const LABEL_WIDTH = 180;
const VALUE_WIDTH = 60;
const COLUMNS_HEIGHT = 160;
const AXIS_HEIGHT = 20;
const MOST_AXIS_LABELS = 8;
const AXIS_LABEL_HALF = 36; // half a YYYY-MM-DD label's width

/** An SVG element with attributes and children (strings become text nodes). */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return el;
}

/** The figure around a chart: its title, the picture, and its numbers as a table. */
function figure({ id, title, dimension, valueName, rows }, picture) {
  picture.setAttribute('aria-hidden', 'true');
  picture.setAttribute('focusable', 'false');
  const table = h('table', { class: 'sr-only' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, dimension), h('th', { scope: 'col' }, valueName))),
    h('tbody', {}, rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), h('td', {}, String(row.value))))));
  return h('figure', { class: 'chart', id }, h('figcaption', {}, title), picture, table);
}

/**
 * A horizontal bar chart: one row per `{label, value, kind}` (kind, if
 * any, is a CSS class of the bar), its label on the left and its value
 * written after the bar. `id`, `title`, `dimension` (what the labels are)
 * and `valueName` (what the values count) name the chart and its table.
 */
export function barChart(chart) {
  const { rows } = chart;
  const most = Math.max(1, ...rows.map((row) => row.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${Math.max(1, rows.length) * ROW}`, class: 'bars' },
    ...rows.map((row, i) => {
      const y = i * ROW;
      const length = (row.value / most) * span;
      return svg('g', { class: row.kind ? `row ${row.kind}` : 'row' },
        svg('title', {}, `${row.label}: ${row.value}`),
        svg('text', { x: LABEL_WIDTH - 8, y: y + ROW / 2, class: 'label' }, row.label),
        svg('rect', { x: LABEL_WIDTH, y: y + 3, width: length.toFixed(1), height: ROW - 6, class: 'bar' }),
        svg('text', { x: (LABEL_WIDTH + length + 6).toFixed(1), y: y + ROW / 2, class: 'value' }, String(row.value)));
    }));
  return figure(chart, picture);
}

/**
 * A column chart for a series in order (days): one column per `{label,
 * value}`, the largest value written at the top, and at most
 * MOST_AXIS_LABELS labels along the bottom, evenly spread. Named as
 * barChart's.
 */
export function columnChart(chart) {
  const { rows } = chart;
  const most = Math.max(1, ...rows.map((row) => row.value));
  const step = WIDTH / Math.max(1, rows.length);
  const every = Math.ceil(rows.length / MOST_AXIS_LABELS);
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${COLUMNS_HEIGHT + AXIS_HEIGHT}`, class: 'columns' },
    svg('text', { x: 0, y: 10, class: 'value' }, String(most)),
    svg('line', { x1: 0, x2: WIDTH, y1: COLUMNS_HEIGHT, y2: COLUMNS_HEIGHT, class: 'axis' }),
    ...rows.map((row, i) => {
      const height = (row.value / most) * (COLUMNS_HEIGHT - 16);
      return svg('g', { class: 'row' },
        svg('title', {}, `${row.label}: ${row.value}`),
        svg('rect', {
          x: (i * step + step * 0.1).toFixed(1), y: (COLUMNS_HEIGHT - height).toFixed(1),
          width: (step * 0.8).toFixed(1), height: height.toFixed(1), class: 'bar',
        }));
    }),
    ...rows.flatMap((row, i) => (i % every === 0 ? [svg('text', {
      // Kept off the edges, where half of a centred label would be cut.
      x: Math.min(WIDTH - AXIS_LABEL_HALF, Math.max(AXIS_LABEL_HALF, i * step + step / 2)).toFixed(1),
      y: COLUMNS_HEIGHT + AXIS_HEIGHT - 4, class: 'axis-label',
    }, row.label)] : [])));
  return figure(chart, picture);
}
