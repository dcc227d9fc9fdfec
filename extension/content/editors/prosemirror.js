// ProseMirror and TipTap (Bluesky's composer). Its root is `.ProseMirror`.
//
// ProseMirror parses a pasted text/plain into its document through its own
// clipboard handling; DOM edits are read back by its DOM observer only
// approximately, so paste is the one way in.

import { paste } from './contenteditable.js';

/** True for a ProseMirror editor root. */
export function detect(el) {
  return el instanceof HTMLElement && el.classList.contains('ProseMirror');
}

/** Inserts `text` at the caret (the end when the editor was not focused). */
export function insert(el, text) {
  if (paste(el, text)) return 'paste';
  throw new Error('the ProseMirror editor did not take the paste');
}
