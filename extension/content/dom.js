// Building DOM without HTML strings.
//
// Page text and template text are data: they only ever reach the DOM through
// textContent or attributes, never through innerHTML. This helper keeps that
// rule cheap to follow.

/**
 * Creates an element with attributes and children (strings become text nodes).
 * Attributes starting with "on" are not special: listeners are added by the
 * caller, so nothing here can turn text into code.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

const sheets = new Map(); // css text → CSSStyleSheet, shared by every root

/**
 * A host element with a closed shadow root styled by a constructed stylesheet.
 * Constructed sheets are not subject to the page's style-src CSP, and a closed
 * root keeps the page's scripts and styles out of our UI and ours out of it.
 * One sheet object serves every root with the same CSS: a thousand badges
 * parse their styles once.
 */
export function shadowHost(tagName, css) {
  const host = document.createElement(tagName);
  const root = host.attachShadow({ mode: 'closed' });
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  root.adoptedStyleSheets = [sheet];
  return { host, root };
}

/** Tag names of every host firstline puts in a page. */
export const HOST_TAGS = new Set(['FIRSTLINE-BADGE', 'FIRSTLINE-TONE', 'FIRSTLINE-PICKER']);
