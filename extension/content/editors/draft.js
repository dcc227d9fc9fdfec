// Draft.js (X's composer). Its root is `.public-DraftEditor-content`.
//
// Paste only: execCommand into an *empty* Draft.js editor crashes React
// (`removeChild`, TOOLCHAIN.md), and DOM edits corrupt its model. Draft.js
// handles a synthetic paste through its own onPaste, even when empty.

import { paste } from './contenteditable.js';

/** True for a Draft.js editor root. */
export function detect(el) {
  return el instanceof HTMLElement && el.matches('.public-DraftEditor-content, [data-contents="true"]');
}

/** Inserts `text` at the caret (the end when the editor was not focused). */
export function insert(el, text) {
  if (paste(el, text)) return 'paste';
  throw new Error('the Draft.js editor did not take the paste');
}
