// Tone underlines, through the CSS Custom Highlight API: the browser paints
// ranges over the editor's own text nodes, so the editor's DOM is never
// touched. Rich editors (Draft.js, Lexical, ProseMirror) own their DOM and
// revert or break on changes they did not make; a highlight is not a change.
//
// The tone check reads the box's text as its text nodes hold it
// (`textMap`), so the spans the core returns (UTF-16 offsets) map straight
// back to nodes and offsets. Editors re-render under the highlights: a range
// whose node left the box is dropped, and every input clears the box's
// underlines at once, before the next check paints fresh ones — never a
// stale underline under text that moved.
//
// A <textarea> has no text nodes to range over; its issues are listed by the
// indicator without underlines.

const NAME = 'firstline-tone';
const STYLE = `::highlight(${NAME}) { text-decoration: underline wavy #dc2626 2px; text-decoration-skip-ink: none; }`;

/** Elements that start a line of their own in an editor. */
const BLOCKS = new Set(['DIV', 'P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'TR']);

let shared = null; // the one Highlight every box adds its ranges to

/**
 * The page's tone Highlight, registered with its style on first use. The
 * style is a constructed sheet adopted by the document: a page's
 * `style-src` CSP does not apply to it (it is not markup).
 */
function highlight() {
  if (!shared) {
    shared = new Highlight();
    CSS.highlights.set(NAME, shared);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  return shared;
}

/** Whether this browser paints highlights (Chrome 105+). */
export const supported = typeof Highlight === 'function' && Boolean(globalThis.CSS?.highlights);

/**
 * The text of the editable `root` as its text nodes hold it, a line break
 * for each <br> and between blocks, with where each text node starts in it:
 * `{text, nodes: [{node, start}]}`.
 */
export function textMap(root) {
  const nodes = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      nodes.push({ node, start: text.length });
      text += node.nodeValue;
    } else if (node.nodeName === 'BR' || (BLOCKS.has(node.nodeName) && text && !text.endsWith('\n'))) {
      text += '\n';
    }
  }
  return { text, nodes };
}

/** The Range of the UTF-16 span [start, end) of a textMap, or null. */
export function rangeOf(map, start, end) {
  const at = (offset) => {
    // The last node starting at or before the offset.
    let low = 0;
    let high = map.nodes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (map.nodes[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    const entry = map.nodes[low];
    if (!entry) return null;
    return [entry.node, Math.min(offset - entry.start, entry.node.nodeValue.length)];
  };
  const from = at(start);
  const to = at(end);
  if (!from || !to || end <= start) return null;
  const range = new Range();
  range.setStart(...from);
  range.setEnd(...to);
  return range;
}

/** The underlines of one reply box. */
export class Underlines {
  constructor(box) {
    this.box = box;
    this.ranges = [];
  }

  /** Underlines the spans of `issues` in the text of `map` (read from this box). */
  show(map, issues) {
    this.clear();
    if (!supported) return;
    for (const issue of issues) {
      const range = rangeOf(map, issue.start, issue.end);
      if (range && this.box.contains(range.startContainer)) this.ranges.push(range);
    }
    const all = highlight();
    for (const range of this.ranges) all.add(range);
  }

  /** Removes this box's underlines. */
  clear() {
    if (!this.ranges.length) return;
    const all = highlight();
    for (const range of this.ranges) all.delete(range);
    this.ranges = [];
  }
}
