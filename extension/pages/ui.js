// Small helpers shared by the extension's own pages (popup, options).

import { h } from '../content/dom.js';

export { h };

/** Fills every [data-i18n] element's text from the locale messages. */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const message = chrome.i18n.getMessage(el.dataset.i18n);
    if (message) el.textContent = message;
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    const message = chrome.i18n.getMessage(el.dataset.i18nPlaceholder);
    if (message) el.placeholder = message;
  }
}

/** A plain button that calls `onClick`. */
export function button(label, onClick) {
  const el = h('button', { type: 'button' }, label);
  el.addEventListener('click', onClick);
  return el;
}
