// Plain contenteditable reply boxes, and the paste that the rich editors
// built on contenteditable (Draft.js, Lexical, ProseMirror, Quill) accept.
//
// Rich editors keep their own model and revert or crash on direct DOM
// changes. What every one of them accepts (TOOLCHAIN.md, measured against the
// real libraries) is a paste: a synthetic ClipboardEvent carrying text/plain,
// which the editor handles through its own clipboard code and marks handled
// with preventDefault. A plain contenteditable ignores a synthetic paste;
// execCommand('insertText') then inserts through the browser's editing
// path, firing real input events.

/** True for contenteditable elements. */
export function detect(el) {
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Inserts `text` at the caret (the end when the box was not focused). */
export function insert(el, text) {
  if (paste(el, text)) return 'paste';
  if (document.execCommand('insertText', false, text)) return 'execCommand';
  throw new Error('this reply box refused the text');
}

/**
 * Puts the caret in `el` (at the end, unless it is already inside) and
 * dispatches a synthetic paste of `text`; true when the editor handled it.
 */
export function paste(el, text) {
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
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  return !el.dispatchEvent(event);
}
