// Plain <textarea> and <input> reply boxes.
//
// execCommand('insertText') goes through the browser's own editing path: it
// keeps the undo stack and fires real `beforeinput`/`input` events, so
// frameworks that control the field (React) see the change. Where it is
// refused, setRangeText plus an `input` event does the same job.

/** True for text fields. */
export function detect(el) {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type === 'text');
}

/** Inserts `text` at the caret (the end when the field was not focused). */
export function insert(el, text) {
  if (document.activeElement !== el) {
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }
  if (document.execCommand('insertText', false, text)) return 'execCommand';
  el.setRangeText(text, el.selectionStart, el.selectionEnd, 'end');
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return 'setRangeText';
}
