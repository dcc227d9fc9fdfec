// Small helpers shared by the extension's own pages (popup, options).

export { h } from '../content/dom.js';

/** Fills every [data-i18n] element's text from the locale messages. */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const message = chrome.i18n.getMessage(el.dataset.i18n);
    if (message) el.textContent = message;
  }
}
