// Lexical (Facebook, Messenger, Threads). Its root carries
// `data-lexical-editor="true"`.
//
// Paste first: Lexical reverts DOM edits, and execCommand('insertText')
// drops newlines in it (TOOLCHAIN.md), so it is only the fallback for
// single-line text.

import { paste } from './contenteditable.js';

/** True for a Lexical editor root. */
export function detect(el) {
  return el instanceof HTMLElement && el.getAttribute('data-lexical-editor') === 'true';
}

/** Inserts `text` at the caret (the end when the editor was not focused). */
export function insert(el, text) {
  if (paste(el, text)) return 'paste';
  if (!text.includes('\n') && document.execCommand('insertText', false, text)) return 'execCommand';
  throw new Error('the Lexical editor did not take the paste');
}
