// Does the overlay keep anything per post? Scrolls the endless demo feed with
// the extension for 4,000 posts, takes a heap snapshot (after a forced GC),
// scrolls 10,000 more, takes another, and prints every kind of heap object
// whose count grew by more than 20 or whose size grew by more than 20 KB —
// page and content script share the heap, so both are covered.
//
//   node benches/heap-diff.mjs      (after `make build`; takes a few minutes)
//
// `make bench` reports the heap after GC every 2,000 posts; that figure moves
// by a few hundred KB from run to run (Blink's heap is only partly collected
// by one GC), and this diff says whether anything really accumulates.

import { launch } from '../scripts/browser.mjs';
import { startServer } from '../demo/server.mjs';

const STEP_POSTS = 20;
const KEEP_POSTS = 200;

const server = await startServer();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/firstline-demo/feed.html?n=${STEP_POSTS}&endless=1`);
  const cdp = await browser.context.newCDPSession(page);
  const scroll = (steps) => page.evaluate(async ({ steps, posts, keep }) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < steps; i++) {
      const last = window.__morePosts(posts, keep).at(-1);
      while (!last.querySelector('firstline-badge')) await frame();
      await frame();
    }
    performance.clearMeasures();
  }, { steps, posts: STEP_POSTS, keep: KEEP_POSTS });

  /** Heap objects after GC, counted and sized by type and name. */
  async function census() {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks = [];
    const collect = (event) => chunks.push(event.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
    const { snapshot, nodes, strings } = JSON.parse(chunks.join(''));
    const fields = snapshot.meta.node_fields;
    const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
    const types = snapshot.meta.node_types[0];
    const out = new Map();
    for (let i = 0; i < nodes.length; i += fields.length) {
      const key = `${types[nodes[i + type]]} ${strings[nodes[i + name]].slice(0, 60)}`;
      const entry = out.get(key) ?? { count: 0, bytes: 0 };
      entry.count++;
      entry.bytes += nodes[i + size];
      out.set(key, entry);
    }
    return out;
  }

  await scroll(4000 / STEP_POSTS);
  const before = await census();
  await scroll(10000 / STEP_POSTS);
  const after = await census();
  const grown = [...after]
    .map(([key, { count, bytes }]) => ({ key, count: count - (before.get(key)?.count ?? 0), bytes: bytes - (before.get(key)?.bytes ?? 0) }))
    .filter((g) => g.count > 20 || g.bytes > 20_000)
    .sort((a, b) => b.bytes - a.bytes);
  console.log(`heap objects grown from 4,000 to 14,000 posts (count > 20 or > 20 KB): ${grown.length}`);
  for (const g of grown) console.log(`  ${g.key.padEnd(70)} +${g.count} objects, +${(g.bytes / 1024).toFixed(1)} KB`);
} finally {
  await browser.close();
  await server.close();
}
