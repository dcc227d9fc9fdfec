// Quill (LinkedIn's post and comment boxes). Its root is `.ql-editor`.
//
// Quill's clipboard module handles paste events itself (it reads the
// event's text/plain and updates its Delta); DOM edits are overwritten on
// its next update.

import { paste } from './contenteditable.js';

/** True for a Quill editor root. */
export function detect(el) {
  return el instanceof HTMLElement && el.classList.contains('ql-editor');
}

/** Inserts `text` at the caret (the end when the editor was not focused). */
export function insert(el, text) {
  if (paste(el, text)) return 'paste';
  throw new Error('the Quill editor did not take the paste');
}
