// contenteditable reply boxes: plain ones and the rich editors built on them
// (Draft.js, Lexical, ProseMirror, Quill).
//
// Rich editors keep their own model and revert or crash on direct DOM
// changes. What every one of them accepts (TOOLCHAIN.md, measured against the
// real libraries) is a paste: a synthetic ClipboardEvent carrying text/plain.
// An editor that handles it calls preventDefault; a plain contenteditable
// ignores a synthetic paste, and then execCommand('insertText') inserts
// through the browser's editing path, firing real input events.

/** True for contenteditable elements. */
export function detect(el) {
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Inserts `text` at the caret (the end when the box was not focused). */
export function insert(el, text) {
  if (!el.contains(document.getSelection()?.anchorNode ?? null)) {
    el.focus();
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  if (!el.dispatchEvent(paste)) return 'paste';
  if (document.execCommand('insertText', false, text)) return 'execCommand';
  throw new Error('this reply box refused the text');
}
