// Putting text into a site's reply box: one module per editor kind, each with
// a detector and an insert. A descriptor may name the kind; otherwise the
// detectors are tried in a fixed order, most specific first (every rich
// editor is also a contenteditable).

import * as contenteditable from './contenteditable.js';
import * as draft from './draft.js';
import * as lexical from './lexical.js';
import * as prosemirror from './prosemirror.js';
import * as quill from './quill.js';
import * as textarea from './textarea.js';

const EDITORS = [
  ['textarea', textarea],
  ['draft', draft],
  ['lexical', lexical],
  ['quill', quill],
  ['prosemirror', prosemirror],
  ['contenteditable', contenteditable],
];
const BY_KIND = new Map(EDITORS);

const EDITABLE = 'textarea, input[type="text"], [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]';

/** The editable element at or inside `el` (sites wrap their editors). */
export function editableIn(el) {
  if (!el) return null;
  if (EDITORS.some(([, editor]) => editor.detect(el))) return el;
  return el.querySelector(EDITABLE);
}

/**
 * Inserts `text` into the reply box `el`, as the editor `kind` when the
 * descriptor names one; returns how (for diagnostics).
 */
export function insertText(el, text, kind = null) {
  const target = editableIn(el);
  if (!target) throw new Error('no editable reply box here');
  const named = kind && BY_KIND.get(kind);
  if (named && named.detect(target)) return `${kind}:${named.insert(target, text)}`;
  for (const [name, editor] of EDITORS) {
    if (editor.detect(target)) return `${name}:${editor.insert(target, text)}`;
  }
  throw new Error('unsupported reply box');
}

/** The text currently in a reply box. */
export function readText(el) {
  const target = editableIn(el);
  if (!target) return '';
  return textarea.detect(target) ? target.value : target.innerText;
}
