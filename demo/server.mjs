// firstline demo feed: a tiny local "social site" used by `make demo` and the e2e tests.
// Node built-ins only. See demo/README.md for the routes and the markup contract.
//
//   import { startServer } from './demo/server.mjs';
//   const { url, port, close } = await startServer({ port: 0 });
//
//   node demo/server.mjs [--port N] [--host H]

import { createServer } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const DIR = dirname(fileURLToPath(import.meta.url));
const PREFIX = '/firstline-demo';
/** Upper bound for `?n=`; larger values get a 400 (keeps a typo from building a 1 GB page). */
export const MAX_POSTS = 20000;

const STATIC = {
  [`${PREFIX}/page.js`]: { file: 'page.js', type: 'text/javascript; charset=utf-8' },
  [`${PREFIX}/feed.css`]: { file: 'feed.css', type: 'text/css; charset=utf-8' },
};
const PAGES = {
  [`${PREFIX}/feed.html`]: { strict: false },
  [`${PREFIX}/strict.html`]: { strict: true },
};

/** The one HTML escaper: used for every piece of text and every attribute value. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** The strict policy (modelled on x.com's; deliberately no 'wasm-unsafe-eval'). */
export function strictCsp(nonce) {
  return (
    `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; ` +
    `img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'`
  );
}

export async function loadPosts() {
  const posts = JSON.parse(await readFile(join(DIR, 'posts.json'), 'utf8'));
  if (!Array.isArray(posts)) throw new Error('posts.json: expected an array');
  return posts;
}

/** "5m", "2h", "3d"; "now" under a minute. */
export function relativeTime(minutes) {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 1) return 'now';
  if (m < 60) return `${m}m`;
  if (m < 1440) return `${Math.floor(m / 60)}h`;
  return `${Math.floor(m / 1440)}d`;
}

/** 1200 → "1.2K", 2000000 → "2M" (truncated, like the big sites do). */
export function compactCount(n) {
  const trunc = (x) => String(Math.floor(x * 10) / 10);
  if (n < 1000) return String(n);
  if (n < 1e6) return `${trunc(n / 1e3)}K`;
  return `${trunc(n / 1e6)}M`;
}

function hash(str) {
  let h = 2166136261;
  for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), 16777619);
  return h >>> 0;
}

const AVATAR_COLORS = ['#1d9bf0', '#7856ff', '#f91880', '#00ba7c', '#ff7a00', '#e0245e', '#17bf63', '#794bc4', '#0f766e', '#b45309'];
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const firstGrapheme = (s) => segmenter.segment(s)[Symbol.iterator]().next().value?.segment ?? '';

function initials(name) {
  const words = String(name).split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+/u, '')).filter(Boolean);
  return words.slice(0, 2).map((w) => firstGrapheme(w).toUpperCase()).join('') || '?';
}

/** Inline SVG data URL with the author's initials (no external requests). Not yet attribute-escaped. */
function avatarUrl(author) {
  const color = AVATAR_COLORS[hash(author.handle ?? author.name) % AVATAR_COLORS.length];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">` +
    `<rect width="48" height="48" rx="24" fill="${color}"/>` +
    `<text x="24" y="24" dy=".35em" text-anchor="middle" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" ` +
    `font-size="18" font-weight="600" fill="#fff">${escapeHtml(initials(author.name))}</text></svg>`;
  return 'data:image/svg+xml,' + encodeURIComponent(svg);
}

function renderArticle(post, id, now, avatarCache) {
  const a = post.author ?? {};
  const name = escapeHtml(a.name ?? '');
  const handle = String(a.handle ?? '');
  let avatar = avatarCache.get(a);
  if (avatar === undefined) avatarCache.set(a, (avatar = escapeHtml(avatarUrl(a))));
  const minutes = Number(post.minutes_ago) || 0;
  const when = new Date(now - minutes * 60000).toISOString();
  const likes = hash(id) % 48;
  const hasFollowers = Number.isFinite(a.followers);
  const box =
    post.reply === 'contenteditable'
      ? `<div class="reply-box" contenteditable="true" role="textbox" aria-multiline="true" aria-label="Reply to ${name}"></div>`
      : `<textarea class="reply-box" aria-label="Reply to ${name}" rows="3"></textarea>`;
  const eid = escapeHtml(id);
  return (
    `  <article class="post" data-post-id="${eid}" aria-labelledby="${eid}-author">\n` +
    `    <header class="post-head">\n` +
    `      <img class="avatar" alt="" src="${avatar}">\n` +
    `      <a class="author" id="${eid}-author" href="${PREFIX}/u/${escapeHtml(encodeURIComponent(handle))}"><span class="name">${name}</span> <span class="handle">@${escapeHtml(handle)}</span></a>\n` +
    (a.verified ? `      <span class="verified" aria-label="Verified account">✔</span>\n` : '') +
    (hasFollowers
      ? `      <span class="followers" data-count="${a.followers}">${compactCount(a.followers)} ${a.followers === 1 ? 'follower' : 'followers'}</span>\n`
      : '') +
    `      <a class="permalink" href="${PREFIX}/post/${escapeHtml(encodeURIComponent(id))}"><time datetime="${when}">${relativeTime(minutes)}</time></a>\n` +
    `    </header>\n` +
    `    <div class="text" dir="auto" lang="${escapeHtml(post.lang ?? '')}">${escapeHtml(post.text ?? '')}</div>\n` +
    `    <footer class="actions"><button type="button" class="reply-button">Reply</button> <button type="button" class="like-button">♥ ${likes}</button></footer>\n` +
    `    <form class="reply-form" hidden>\n` +
    `      ${box}\n` +
    `      <button type="submit" class="send-button">Send</button>\n` +
    `    </form>\n` +
    `  </article>\n`
  );
}

/**
 * Render the whole page. `n` defaults to posts.length; past the end it cycles, and copies get ids
 * "p001-2", "p001-3", … `tag` is appended to every id ("p001-t1"). `nonce` (strict mode) goes on
 * the page's script tag.
 */
export function renderFeed({ posts, n = posts.length, nonce = null, now = Date.now(), endless = false, tag = '' }) {
  const avatarCache = new Map();
  const parts = [];
  for (let i = 0; i < n && posts.length; i++) {
    const post = posts[i % posts.length];
    const copy = Math.floor(i / posts.length) + 1;
    const id = copy === 1 ? post.id : `${post.id}-${copy}`;
    parts.push(renderArticle(post, tag ? `${id}-${tag}` : id, now, avatarCache));
  }
  // The endless mode's pool (see page.js): every post once, inert until cloned.
  const pool = endless
    ? `<template id="more-posts">\n${posts.map((post) => renderArticle(post, post.id, now, avatarCache)).join('')}</template>\n`
    : '';
  const mode = nonce ? `<span class="mode" title="Content-Security-Policy is enforced">strict CSP</span>` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme feed — firstline demo</title><link rel="icon" href="data:,"><link rel="stylesheet" href="feed.css"></head>\n` +
    `<body>\n` +
    `<header class="topbar"><div class="topbar-inner"><span class="brand-logo" aria-hidden="true">A</span><span class="brand-name">Acme</span><span class="brand-sub">Mentions · firstline demo</span>${mode}</div></header>\n` +
    `<main id="feed" role="feed" aria-label="Posts">\n` +
    parts.join('') +
    `</main>\n` +
    pool +
    `<script src="page.js"${nonce ? ` nonce="${escapeHtml(nonce)}"` : ''}></script>\n` +
    `</body></html>\n`
  );
}

function send(res, req, status, type, body, extra = {}) {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

async function handle(req, res) {
  let url;
  try {
    url = new URL(req.url, 'http://127.0.0.1');
  } catch {
    return send(res, req, 400, 'text/plain; charset=utf-8', 'bad request\n');
  }
  const page = PAGES[url.pathname];
  const asset = STATIC[url.pathname];
  if (!page && !asset) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, req, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  if (asset) return send(res, req, 200, asset.type, await readFile(join(DIR, asset.file), 'utf8'));

  const q = url.searchParams;
  const csp = q.get('csp');
  if (csp !== null && csp !== 'strict' && csp !== 'off' && csp !== '') {
    return send(res, req, 400, 'text/plain; charset=utf-8', `unknown csp mode ${JSON.stringify(csp)} (use csp=strict)\n`);
  }
  const strict = page.strict || csp === 'strict';
  const posts = await loadPosts();
  let n = posts.length;
  if (q.has('n')) {
    const raw = q.get('n');
    if (!/^\d{1,9}$/.test(raw) || Number(raw) > MAX_POSTS) {
      return send(res, req, 400, 'text/plain; charset=utf-8', `n must be an integer from 0 to ${MAX_POSTS}\n`);
    }
    n = Number(raw);
  }
  let older = 0;
  if (q.has('older')) {
    const raw = q.get('older');
    if (!/^\d{1,5}(\.\d+)?$/.test(raw)) {
      return send(res, req, 400, 'text/plain; charset=utf-8', 'older must be a number of minutes\n');
    }
    older = Number(raw);
  }
  const nonce = strict ? randomBytes(16).toString('base64') : null;
  const tag = q.get('tag') ?? '';
  if (!/^[a-z0-9]{0,16}$/.test(tag)) return send(res, req, 400, 'text/plain; charset=utf-8', 'tag must be up to 16 letters or digits\n');
  const html = renderFeed({ posts, n, nonce, now: Date.now() - older * 60000, endless: q.get('endless') === '1', tag });
  return send(res, req, 200, 'text/html; charset=utf-8', html, strict ? { 'Content-Security-Policy': strictCsp(nonce) } : {});
}

/** Start the demo server. Resolves once listening. */
export function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', `internal error: ${err?.message ?? err}\n`);
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      let closing = null;
      resolve({
        url: `http://${shownHost}:${actual}`,
        port: actual,
        server,
        close() {
          closing ??= new Promise((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          });
          return closing;
        },
      });
    });
  });
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(port|host)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unknown argument ${argv[i]} (usage: node demo/server.mjs [--port N] [--host H])`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    if (m[1] === 'port') {
      if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`bad port ${value}`);
      opts.port = Number(value);
    } else opts.host = value;
  }
  return opts;
}

async function isMain() {
  if (!process.argv[1]) return false;
  try {
    return pathToFileURL(await realpath(process.argv[1])).href === pathToFileURL(await realpath(fileURLToPath(import.meta.url))).href;
  } catch {
    return false;
  }
}

if (await isMain()) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  const srv = await startServer(opts);
  console.log(`firstline demo feed: ${srv.url}${PREFIX}/feed.html`);
  const stop = () => srv.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
