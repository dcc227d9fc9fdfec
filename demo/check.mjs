// Self-check for the demo feed (run by `make test`): node demo/check.mjs
// Validates posts.json, starts the server on a free port, fetches every route, checks headers,
// CSP + nonce, escaping of the hostile posts, the markup contract (with a small strict HTML
// parser), ?n= cycling and generation speed, page.js hygiene, and the CLI entry point.
// Exits non-zero on the first failed section (all failures of a section are listed).

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { startServer, renderFeed, loadPosts, strictCsp, MAX_POSTS } from './server.mjs';

const DIR = dirname(fileURLToPath(import.meta.url));
const PREFIX = '/firstline-demo';
const TIERS = ['urgent', 'high', 'normal', 'low'];
const CATEGORIES = ['billing', 'outage', 'delivery', 'account_security', 'legal_safety', 'complaint', 'question', 'lead', 'inflammatory', 'praise'];
const OTHER_LANGS = ['uk', 'be', 'zh', 'af', 'es', 'de', 'fr', 'pt'];

let failures = 0;
let section = '';
function ok(cond, msg) {
  if (!cond) {
    failures++;
    console.log(`  FAIL [${section}] ${msg}`);
  }
  return !!cond;
}
async function step(name, fn) {
  section = name;
  const before = failures;
  const t0 = performance.now();
  try {
    await fn();
  } catch (err) {
    ok(false, `threw: ${err?.stack ?? err}`);
  }
  const ms = (performance.now() - t0).toFixed(0);
  console.log(`${failures === before ? 'ok  ' : 'FAIL'} ${name} (${ms} ms)`);
}

// ---------------------------------------------------------------- tiny strict HTML parser
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'textarea', 'title']);
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decode(s, where, errors) {
  return s.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);?/gi, (m, name) => {
    if (!m.endsWith(';') || !(name in ENTITIES)) {
      errors.push(`unexpected entity ${m} in ${where}`);
      return m;
    }
    return ENTITIES[name];
  });
}

/** Parses the server's output; every element must be explicitly closed (except void ones). */
function parseHtml(html) {
  const errors = [];
  const lower = html.toLowerCase();
  const root = { tag: '#root', attrs: {}, children: [], parent: null };
  let cur = root;
  let i = 0;
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
  const attrRe = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const text = (s) => {
    if (!s) return;
    if (/[<>]/.test(s)) errors.push(`raw < or > in text near ${JSON.stringify(s.slice(0, 60))}`);
    cur.children.push({ tag: '#text', text: decode(s, `text of <${cur.tag}>`, errors), parent: cur });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt);
      if (end < 0) { errors.push('unterminated comment'); break; }
      i = end + 3;
      continue;
    }
    if (/^<!doctype html>/i.test(html.slice(lt, lt + 15))) {
      if (lt !== 0) errors.push('doctype not at the start');
      i = lt + 15;
      continue;
    }
    tagRe.lastIndex = lt;
    const m = tagRe.exec(html);
    if (!m) {
      errors.push(`malformed tag at ${lt}: ${JSON.stringify(html.slice(lt, lt + 60))}`);
      i = lt + 1;
      continue;
    }
    i = tagRe.lastIndex;
    const [, closing, rawName, rawAttrs, selfClose] = m;
    const tag = rawName.toLowerCase();
    if (closing) {
      if (cur.tag !== tag) errors.push(`</${tag}> closes <${cur.tag}>`);
      else cur = cur.parent;
      continue;
    }
    const attrs = {};
    for (const a of rawAttrs.matchAll(attrRe)) {
      const name = a[1].toLowerCase();
      if (name in attrs) errors.push(`duplicate attribute ${name} on <${tag}>`);
      attrs[name] = decode(a[2] ?? a[3] ?? a[4] ?? '', `${tag}[${name}]`, errors);
    }
    const el = { tag, attrs, children: [], parent: cur };
    cur.children.push(el);
    if (selfClose && !VOID.has(tag)) errors.push(`self-closing <${tag}/>`);
    if (VOID.has(tag)) continue;
    if (RAW.has(tag)) {
      const end = lower.indexOf(`</${tag}>`, i);
      if (end < 0) { errors.push(`unterminated <${tag}>`); break; }
      const body = html.slice(i, end);
      if (body) el.children.push({ tag: '#text', text: tag === 'script' || tag === 'style' ? body : decode(body, tag, errors), parent: el });
      i = end + tag.length + 3;
      continue;
    }
    cur = el;
  }
  if (cur !== root) errors.push(`unclosed <${cur.tag}>`);
  return { root, errors };
}

const elements = (node) => node.children.filter((c) => c.tag !== '#text');
function* walk(node) {
  for (const c of node.children) {
    if (c.tag === '#text') continue;
    yield c;
    yield* walk(c);
  }
}
const hasClass = (el, cls) => (el.attrs?.class ?? '').split(/\s+/).includes(cls);
const all = (node, pred) => [...walk(node)].filter(pred);
const byClass = (node, cls) => all(node, (e) => hasClass(e, cls));
const textOf = (node) => (node.tag === '#text' ? node.text : node.children.map(textOf).join(''));
/** Non-whitespace text directly in `node` (between its child elements). */
const strayText = (node) => node.children.filter((c) => c.tag === '#text' && c.text.trim()).map((c) => c.text);

// ---------------------------------------------------------------- markup contract
function relative(m) {
  if (m < 1) return 'now';
  if (m < 60) return `${m}m`;
  if (m < 1440) return `${Math.floor(m / 60)}h`;
  return `${Math.floor(m / 1440)}d`;
}

/** Checks the page against the contract; returns the parsed articles. */
function checkPage(html, { posts, n, t0, t1, nonce }) {
  const { root, errors } = parseHtml(html);
  for (const e of errors.slice(0, 10)) ok(false, `HTML: ${e}`);
  ok(errors.length === 0, `${errors.length} HTML parse errors`);
  ok(html.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme feed — firstline demo</title><link rel="icon" href="data:,"><link rel="stylesheet" href="feed.css"></head>\n<body>\n'), 'page head differs from the contract');

  const [htmlEl] = elements(root);
  ok(htmlEl?.tag === 'html' && elements(root).length === 1, 'single <html> root');
  const [head, body] = elements(htmlEl);
  ok(head?.tag === 'head' && body?.tag === 'body', '<html> holds <head><body>');
  const bodyKids = elements(body);
  ok(bodyKids.map((e) => e.tag).join(',') === 'header,main,script', `body children are header,main,script (got ${bodyKids.map((e) => e.tag)})`);
  ok(hasClass(bodyKids[0], 'topbar'), 'header.topbar');
  const main = bodyKids[1];
  ok(main?.attrs.id === 'feed' && main.attrs.role === 'feed' && main.attrs['aria-label'] === 'Posts', 'main#feed[role=feed][aria-label=Posts]');

  // scripts: exactly one, external, nonce iff strict; no inline handlers anywhere
  const scripts = all(root, (e) => e.tag === 'script');
  ok(scripts.length === 1, `exactly one <script> element (got ${scripts.length})`);
  const s = scripts[0];
  ok(s?.attrs.src === 'page.js' && s.children.length === 0, '<script src="page.js"> with no inline body');
  if (nonce) ok(s?.attrs.nonce === nonce, 'script nonce matches the CSP header');
  else ok(s && !('nonce' in s.attrs), 'no nonce in plain mode');
  const handlers = all(root, (e) => Object.keys(e.attrs).some((a) => a.startsWith('on')));
  ok(handlers.length === 0, `no on* attributes (found on ${handlers.map((e) => e.tag)})`);
  const imgs = all(root, (e) => e.tag === 'img');
  ok(imgs.every((e) => hasClass(e, 'avatar')), 'every <img> is an avatar');

  const articles = elements(main);
  ok(articles.length === n, `${n} articles (got ${articles.length})`);
  ok(strayText(main).length === 0, 'no stray text in main');
  const ids = new Set();
  const docIds = new Map();
  for (const e of walk(root)) if (e.attrs.id) docIds.set(e.attrs.id, (docIds.get(e.attrs.id) ?? 0) + 1);
  ok([...docIds.values()].every((c) => c === 1), 'element ids are unique');

  let bad = 0;
  articles.forEach((art, i) => {
    const post = posts[i % posts.length];
    const copy = Math.floor(i / posts.length) + 1;
    const id = copy === 1 ? post.id : `${post.id}-${copy}`;
    const a = post.author;
    const fails = [];
    const chk = (cond, msg) => cond || fails.push(msg);
    chk(art.tag === 'article' && art.attrs.class === 'post', 'article.post');
    chk(art.attrs['data-post-id'] === id, `data-post-id=${id} (got ${art.attrs['data-post-id']})`);
    chk(art.attrs['aria-labelledby'] === `${id}-author`, 'aria-labelledby');
    chk(!ids.has(id), 'unique id');
    ids.add(id);
    const kids = elements(art);
    chk(kids.map((e) => `${e.tag}.${e.attrs.class}`).join(' ') === 'header.post-head div.text footer.actions form.reply-form', `article children: ${kids.map((e) => `${e.tag}.${e.attrs.class}`)}`);
    chk(strayText(art).length === 0, 'stray text in article');
    const [head, text, actions, form] = kids;

    // header
    const hk = elements(head ?? { children: [] });
    const want = ['img.avatar', 'a.author', ...(a.verified ? ['span.verified'] : []), ...(Number.isFinite(a.followers) ? ['span.followers'] : []), 'a.permalink'];
    chk(hk.map((e) => `${e.tag}.${e.attrs.class}`).join(' ') === want.join(' '), `post-head children: ${hk.map((e) => `${e.tag}.${e.attrs.class}`)}`);
    const img = hk.find((e) => e.tag === 'img');
    chk(img?.attrs.alt === '' && /^data:image\/svg\+xml,%3Csvg/.test(img?.attrs.src ?? ''), 'avatar is an alt="" SVG data URL');
    if (img) {
      const svg = decodeURIComponent(img.attrs.src.slice('data:image/svg+xml,'.length));
      chk(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s.test(svg) && !/href|<script|on\w+=/i.test(svg), 'avatar SVG is self-contained');
    }
    const author = hk.find((e) => hasClass(e, 'author'));
    chk(author?.attrs.id === `${id}-author` && author.attrs.href === `${PREFIX}/u/${a.handle}`, 'a.author id/href');
    const ak = elements(author ?? { children: [] });
    chk(ak.length === 2 && hasClass(ak[0], 'name') && hasClass(ak[1], 'handle'), 'a.author > span.name + span.handle');
    chk(ak[0] && textOf(ak[0]) === a.name, 'author name text');
    chk(ak[1] && textOf(ak[1]) === `@${a.handle}`, 'author handle text');
    chk(author && textOf(author) === `${a.name} @${a.handle}`, 'author text is "name @handle"');
    const ver = hk.find((e) => hasClass(e, 'verified'));
    if (ver) chk(ver.attrs['aria-label'] === 'Verified account' && textOf(ver) === '✔', 'verified badge');
    const fol = hk.find((e) => hasClass(e, 'followers'));
    if (fol) chk(fol.attrs['data-count'] === String(a.followers) && / followers?$/.test(textOf(fol)), 'followers data-count/text');
    const perma = hk.find((e) => hasClass(e, 'permalink'));
    chk(perma?.attrs.href === `${PREFIX}/post/${id}`, 'permalink href');
    const time = perma && elements(perma)[0];
    chk(time?.tag === 'time' && elements(perma).length === 1, 'permalink > time');
    if (time) {
      const dt = time.attrs.datetime ?? '';
      chk(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(dt), `datetime is ISO UTC (${dt})`);
      const when = Date.parse(dt);
      const ms = post.minutes_ago * 60000;
      chk(when >= t0 - ms - 5 && when <= t1 - ms + 5, `datetime = now - ${post.minutes_ago}m`);
      chk(textOf(time) === relative(post.minutes_ago), `relative time "${textOf(time)}" for ${post.minutes_ago}m`);
    }

    // text: decoded text must equal the source exactly (escaping round-trips, nothing stripped)
    chk(text?.attrs.dir === 'auto' && text.attrs.lang === post.lang, 'div.text dir/lang');
    chk(text && elements(text).length === 0, 'div.text has no child elements');
    chk(text && textOf(text) === post.text, 'div.text content equals posts.json text');

    // actions
    const bk = elements(actions ?? { children: [] });
    chk(bk.length === 2 && bk.every((b) => b.tag === 'button' && b.attrs.type === 'button'), 'two type=button buttons');
    chk(bk[0] && hasClass(bk[0], 'reply-button') && textOf(bk[0]) === 'Reply', 'reply-button');
    chk(bk[1] && hasClass(bk[1], 'like-button') && /^♥ \d+$/.test(textOf(bk[1])), 'like-button "♥ N"');

    // reply form
    chk(form && 'hidden' in form.attrs, 'reply-form hidden');
    const fk = elements(form ?? { children: [] });
    chk(fk.length === 2, 'reply-form has box + send');
    const [box, send] = fk;
    const label = `Reply to ${a.name}`;
    if (post.reply === 'contenteditable') {
      chk(box?.tag === 'div' && box.attrs.class === 'reply-box' && box.attrs.contenteditable === 'true' && box.attrs.role === 'textbox' && box.attrs['aria-multiline'] === 'true' && box.attrs['aria-label'] === label && box.children.length === 0, 'contenteditable reply-box');
    } else {
      chk(box?.tag === 'textarea' && box.attrs.class === 'reply-box' && box.attrs['aria-label'] === label && box.attrs.rows === '3' && box.children.length === 0, 'textarea reply-box');
    }
    chk(send?.tag === 'button' && send.attrs.type === 'submit' && hasClass(send, 'send-button') && textOf(send) === 'Send', 'send-button');

    if (fails.length) {
      bad++;
      if (bad <= 5) ok(false, `article #${i} (${id}): ${fails.join('; ')}`);
    }
  });
  ok(bad === 0, `${bad} articles violate the contract`);
  return articles;
}

// ---------------------------------------------------------------- helpers
async function get(base, path, init) {
  const res = await fetch(base + path, init);
  return { res, status: res.status, headers: res.headers, body: await res.text() };
}

// ---------------------------------------------------------------- checks
let posts;
await step('posts.json', async () => {
  posts = await loadPosts();
  const raw = await readFile(join(DIR, 'posts.json'), 'utf8');
  ok(posts.length >= 45 && posts.length <= 60, `~50 posts (got ${posts.length})`);
  const langs = {};
  for (const p of posts) langs[p.lang] = (langs[p.lang] ?? 0) + 1;
  ok(langs.en >= 12, `en >= 12 (got ${langs.en})`);
  ok(langs.ru >= 8, `ru >= 8 (got ${langs.ru})`);
  for (const l of OTHER_LANGS) ok(langs[l] >= 3 && langs[l] <= 4, `${l}: 3-4 posts (got ${langs[l] ?? 0})`);
  ok(new Set(posts.map((p) => p.id)).size === posts.length, 'unique ids');
  posts.forEach((p, i) => {
    const where = p.id ?? `#${i}`;
    ok(p.id === `p${String(i + 1).padStart(3, '0')}`, `${where}: ids are p001.. in order`);
    ok(typeof p.text === 'string' && p.text.trim(), `${where}: text`);
    ok(typeof p.author?.name === 'string' && p.author.name.trim(), `${where}: author.name`);
    ok(/^[A-Za-z0-9_]{1,30}$/.test(p.author?.handle ?? ''), `${where}: author.handle [A-Za-z0-9_]`);
    ok(typeof p.author?.verified === 'boolean', `${where}: author.verified boolean`);
    ok(!('followers' in p.author) || (Number.isInteger(p.author.followers) && p.author.followers >= 3 && p.author.followers <= 2e6), `${where}: followers 3..2M or omitted`);
    ok(Number.isInteger(p.minutes_ago) && p.minutes_ago >= 0 && p.minutes_ago <= 600, `${where}: minutes_ago 0..600`);
    ok(p.reply === 'textarea' || p.reply === 'contenteditable', `${where}: reply kind`);
    if (p.lang === 'en' || p.lang === 'ru') {
      ok(TIERS.includes(p.expect?.tier), `${where}: expect.tier`);
      ok(Array.isArray(p.expect?.categories) && p.expect.categories.every((c) => CATEGORIES.includes(c)) && new Set(p.expect.categories).size === p.expect.categories.length, `${where}: expect.categories`);
    } else ok(!('expect' in p), `${where}: no expect for ${p.lang}`);
  });
  ok(posts.some((p) => !('followers' in p.author)), 'some authors without followers');
  ok(posts.some((p) => p.author.followers === 3) && posts.some((p) => p.author.followers === 2e6), 'followers span 3 .. 2,000,000');
  ok(posts.filter((p) => p.author.verified).length >= 3, 'a few verified authors');
  for (const l of ['en', 'ru']) {
    const kinds = posts.filter((p) => p.lang === l).map((p) => p.reply);
    const ta = kinds.filter((k) => k === 'textarea').length;
    ok(Math.abs(ta - (kinds.length - ta)) <= 1, `${l}: textarea/contenteditable half/half`);
    const tiers = new Set(posts.filter((p) => p.lang === l).map((p) => p.expect?.tier));
    ok(TIERS.every((t) => tiers.has(t)), `${l}: every tier present`);
  }
  const target = { urgent: 15, high: 60, normal: 240 };
  for (const [tier, mins] of Object.entries(target)) {
    const ms = posts.filter((p) => p.expect?.tier === tier).map((p) => p.minutes_ago);
    ok(ms.some((m) => m < mins) && ms.some((m) => m > mins), `${tier}: some deadlines running, some breached`);
  }
  ok(posts.some((p) => p.text.includes('<img src=x onerror=alert(1)>') && p.text.includes('<script>alert(1)</script>')), 'hostile XSS post');
  ok(posts.some((p) => /\p{L}[\u200B\u200C\u200D\u2060\uFEFF]\p{L}/u.test(p.text)), 'zero-width characters inside words');
  ok(posts.some((p) => p.text.includes('\u202E')), 'RTL override character');
  ok(!/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/.test(raw), 'invisible characters are \\u-escaped in posts.json source');
});

await step('generation speed (n=1000)', async () => {
  const times = [];
  let html = '';
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    html = renderFeed({ posts, n: 1000, nonce: 'abc' });
    times.push(performance.now() - t);
  }
  console.log(`     renderFeed n=1000: cold ${times[0].toFixed(1)} ms, warm ${Math.min(...times.slice(1)).toFixed(1)} ms, ${(html.length / 1024).toFixed(0)} KiB`);
  ok(times[0] < 100, `cold render < 100 ms (${times[0].toFixed(1)})`);
  ok(Math.min(...times) < 50, `warm render < 50 ms`);
});

const srv = await startServer({ port: 0 });
try {
  ok(/^http:\/\/127\.0\.0\.1:\d+$/.test(srv.url) && srv.url.endsWith(`:${srv.port}`), `url ${srv.url}`);

  await step('GET feed.html (plain)', async () => {
    const t0 = Date.now();
    const r = await get(srv.url, `${PREFIX}/feed.html`);
    const t1 = Date.now();
    ok(r.status === 200, `status ${r.status}`);
    ok(r.headers.get('content-type') === 'text/html; charset=utf-8', 'content-type');
    ok(r.headers.get('cache-control') === 'no-store', 'cache-control no-store');
    ok(!r.headers.has('content-security-policy'), 'no CSP header in plain mode');
    checkPage(r.body, { posts, n: posts.length, t0, t1, nonce: null });
  });

  await step('escaping of hostile posts', async () => {
    const r = await get(srv.url, `${PREFIX}/feed.html`);
    ok((r.body.match(/<script/gi) ?? []).length === 1, 'only one literal <script in the page');
    ok(!r.body.includes('<img src=x'), 'hostile <img> not emitted as markup');
    ok(r.body.includes('&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;'), 'hostile markup is HTML-escaped');
    ok(r.body.includes('or\u200Bder never arr\u200Cived'), 'zero-width characters preserved as text');
    ok(r.body.includes('\u202Etsop'), 'RTL override preserved as text');
    ok(r.body.includes('Sam O&#39;Connor') && r.body.includes('aria-label="Reply to Sam O&#39;Connor"'), 'apostrophe in names escaped');
    ok(r.body.includes('&quot;delivered&quot;') && r.body.includes('rolled his eyes &amp; walked'), 'quotes and ampersands escaped in text');
  });

  for (const [name, path] of [['strict.html', `${PREFIX}/strict.html`], ['feed.html?csp=strict', `${PREFIX}/feed.html?csp=strict`]]) {
    await step(`GET ${name} (strict CSP)`, async () => {
      const t0 = Date.now();
      const r = await get(srv.url, path);
      const t1 = Date.now();
      ok(r.status === 200, `status ${r.status}`);
      ok(r.headers.get('cache-control') === 'no-store', 'cache-control no-store');
      const csp = r.headers.get('content-security-policy') ?? '';
      const m = /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(csp);
      ok(m, `CSP has a nonce: ${csp}`);
      const nonce = m?.[1];
      ok(nonce && Buffer.from(nonce, 'base64').length >= 16, 'nonce is >= 128 bits of base64');
      ok(csp === strictCsp(nonce), 'CSP header is exactly the strict policy');
      ok(csp === `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'`, 'CSP text matches the brief');
      ok(!/unsafe-eval|wasm-unsafe-eval/.test(csp), "no 'unsafe-eval' / 'wasm-unsafe-eval'");
      checkPage(r.body, { posts, n: posts.length, t0, t1, nonce });
      const again = await get(srv.url, path);
      ok(!again.headers.get('content-security-policy').includes(`'nonce-${nonce}'`), 'fresh nonce per response');
    });
  }

  await step('?n= cycling (n=1000)', async () => {
    const t0 = Date.now();
    const tStart = performance.now();
    const r = await get(srv.url, `${PREFIX}/feed.html?n=1000`);
    const ms = performance.now() - tStart;
    const t1 = Date.now();
    console.log(`     GET ?n=1000: ${ms.toFixed(1)} ms round trip, ${(r.body.length / 1024).toFixed(0)} KiB`);
    ok(r.status === 200, `status ${r.status}`);
    const arts = checkPage(r.body, { posts, n: 1000, t0, t1, nonce: null });
    const ids = arts.map((a) => a.attrs['data-post-id']);
    ok(new Set(ids).size === 1000, '1000 unique ids');
    ok(ids[posts.length] === `${posts[0].id}-2` && ids[999] === `${posts[999 % posts.length].id}-${Math.floor(999 / posts.length) + 1}`, `copy ids (${ids[posts.length]}, ${ids[999]})`);
    ok(r.body.includes(`href="${PREFIX}/post/${posts[0].id}-2"`), 'copies get their own permalinks');
  });

  await step('?n= edge cases', async () => {
    const n0 = await get(srv.url, `${PREFIX}/feed.html?n=0`);
    ok(n0.status === 200 && !n0.body.includes('<article'), 'n=0 → empty feed');
    checkPage(n0.body, { posts, n: 0, t0: 0, t1: 0, nonce: null });
    const n3 = await get(srv.url, `${PREFIX}/strict.html?n=3`);
    ok(n3.status === 200 && (n3.body.match(/<article /g) ?? []).length === 3, 'strict.html?n=3 → 3 posts');
    for (const bad of ['abc', '-1', '1.5', '1e3', String(MAX_POSTS + 1)]) {
      const r = await get(srv.url, `${PREFIX}/feed.html?n=${bad}`);
      ok(r.status === 400 && r.headers.get('content-type').startsWith('text/plain'), `n=${bad} → 400 (got ${r.status})`);
    }
    const badCsp = await get(srv.url, `${PREFIX}/feed.html?csp=strcit`);
    ok(badCsp.status === 400, `csp=strcit → 400 (got ${badCsp.status})`);
  });

  await step('static assets', async () => {
    const js = await get(srv.url, `${PREFIX}/page.js`);
    ok(js.status === 200 && js.headers.get('content-type') === 'text/javascript; charset=utf-8', 'page.js 200 text/javascript');
    ok(js.headers.get('cache-control') === 'no-store', 'page.js no-store');
    ok(js.body === (await readFile(join(DIR, 'page.js'), 'utf8')), 'page.js served verbatim');
    const css = await get(srv.url, `${PREFIX}/feed.css`);
    ok(css.status === 200 && css.headers.get('content-type') === 'text/css; charset=utf-8', 'feed.css 200 text/css');
    ok(css.headers.get('cache-control') === 'no-store', 'feed.css no-store');
    const head = await get(srv.url, `${PREFIX}/feed.html`, { method: 'HEAD' });
    ok(head.status === 200 && head.body === '', 'HEAD feed.html');
    const post = await get(srv.url, `${PREFIX}/feed.html`, { method: 'POST' });
    ok(post.status === 405, `POST feed.html → 405 (got ${post.status})`);
  });

  await step('404s', async () => {
    for (const p of ['/', '/feed.html', `${PREFIX}`, `${PREFIX}/`, `${PREFIX}/posts.json`, `${PREFIX}/server.mjs`, `${PREFIX}/post/p001`, `${PREFIX}/u/janedoe`, `${PREFIX}/../demo/posts.json`, `${PREFIX}/%2e%2e/posts.json`, `${PREFIX}/page.js/`, '/favicon.ico']) {
      const r = await get(srv.url, p);
      ok(r.status === 404, `${p} → 404 (got ${r.status})`);
      ok(r.headers.get('content-type') === 'text/plain; charset=utf-8' && r.headers.get('cache-control') === 'no-store', `${p}: text/plain, no-store`);
    }
  });
} finally {
  await srv.close();
}

await step('page.js hygiene', async () => {
  const src = await readFile(join(DIR, 'page.js'), 'utf8');
  new vm.Script(src, { filename: 'page.js' }); // syntax check
  const code = src.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  ok(!/\beval\s*\(|new\s+Function\b|setTimeout\s*\(\s*['"`]|setInterval\s*\(\s*['"`]/.test(code), 'no eval / string timers (strict CSP)');
  ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(code), 'no HTML sinks');
  for (const name of ['__pageInputEvents', '__pageLikes']) ok(code.includes(`window.${name}`), `records window.${name}`);
  ok(/innerText/.test(code) && /textContent/.test(code), 'reads contenteditable via innerText, writes replies via textContent');
});

await step('CLI: node demo/server.mjs --port 0', async () => {
  const child = spawn(process.execPath, [join(DIR, 'server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner after 5 s: ${out}`)), 5000);
      timer.unref();
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out.split('\n')[0]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const m = /^firstline demo feed: (http:\/\/127\.0\.0\.1:(\d+)\/firstline-demo\/feed\.html)$/.exec(line);
    ok(m, `banner: ${JSON.stringify(line)}`);
    if (m) ok((await fetch(m[1])).status === 200, 'banner URL serves the feed');
    const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    const res = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout'), 3000).unref())]);
    ok(res !== 'timeout' && res.code === 0, `exits 0 on SIGTERM (got ${JSON.stringify(res)})`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

if (failures) {
  console.error(`\ndemo/check.mjs: ${failures} failure(s)`);
  process.exit(1);
}
console.log('\ndemo/check.mjs: all checks passed');
