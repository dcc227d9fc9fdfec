// Text-expander triggers: typing ";shortcut" and a space in a reply box
// replaces the trigger with the template whose shortcut it is, rendered for
// the post being answered (";sorry " → the apology, in the post's language).
//
// The trigger is selected, then the reply is inserted over the selection the
// way the box's editor takes text (a paste for rich editors, insertText for
// plain boxes), so the editor's own model and undo stay whole.

import { insertText } from './editors/index.js';
import * as textarea from './editors/textarea.js';

/** `;word` then one space or a line break, at the caret. */
const TRIGGER = /(?:^|\s);([\p{L}\p{N}_-]{1,40})[ \u00a0\n]$/u;

/** The text before the caret in `box`, or null when the caret is elsewhere. */
function textBeforeCaret(box) {
  if (textarea.detect(box)) return box.value.slice(0, box.selectionStart);
  const selection = document.getSelection();
  if (!selection?.isCollapsed || !box.contains(selection.anchorNode)) return null;
  const range = document.createRange();
  range.selectNodeContents(box);
  range.setEnd(selection.anchorNode, selection.anchorOffset);
  return range.toString();
}

/** Selects the last `length` characters before the caret. */
function selectBack(box, length) {
  if (textarea.detect(box)) {
    box.setSelectionRange(box.selectionStart - length, box.selectionStart);
    return;
  }
  const selection = document.getSelection();
  for (let i = 0; i < length; i++) selection.modify('extend', 'backward', 'character');
}

/**
 * The shortcut typed at the caret of `box`, with the length of its trigger
 * (";" + shortcut + the space), or null.
 */
export function triggerAt(box) {
  const before = textBeforeCaret(box);
  const match = before && TRIGGER.exec(before);
  return match ? { shortcut: match[1].toLowerCase(), length: match[1].length + 2 } : null;
}

/**
 * Replaces the trigger at the caret of `box` with the reply whose shortcut
 * it names, from `replies` (best first, as the core ranks them); returns the
 * reply inserted, or null when none has that shortcut.
 */
export function expand(box, trigger, replies, editor) {
  const reply = replies.find((r) => r.shortcut?.toLowerCase() === trigger.shortcut);
  if (!reply) return null;
  selectBack(box, trigger.length);
  insertText(box, reply.text, editor);
  return reply;
}
