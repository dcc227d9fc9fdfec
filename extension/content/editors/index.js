// Putting text into a site's reply box: one module per editor kind, each with
// a detector and an insert, tried in a fixed order (most specific first).

import * as textarea from './textarea.js';
import * as contenteditable from './contenteditable.js';

const EDITORS = [
  ['textarea', textarea],
  ['contenteditable', contenteditable],
];

/** The editable element at or inside `el` (sites wrap their editors). */
export function editableIn(el) {
  if (!el) return null;
  if (EDITORS.some(([, editor]) => editor.detect(el))) return el;
  return el.querySelector('textarea, input[type="text"], [contenteditable="true"], [contenteditable=""]');
}

/** Inserts `text` into the reply box `el`; returns how (for diagnostics). */
export function insertText(el, text) {
  const target = editableIn(el);
  if (!target) throw new Error('no editable reply box here');
  for (const [kind, editor] of EDITORS) {
    if (editor.detect(target)) return `${kind}:${editor.insert(target, text)}`;
  }
  throw new Error('unsupported reply box');
}

/** The text currently in a reply box. */
export function readText(el) {
  const target = editableIn(el);
  if (!target) return '';
  return textarea.detect(target) ? target.value : target.innerText;
}
