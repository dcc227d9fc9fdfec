// The options page's templates and packs, in the real extension: what the
// agent writes, edits and imports there is what the service worker offers
// in the picker, and nothing bad gets in or loses what was there.
//
// Packs are served over HTTPS by the fixture server under
// packs.example.org; signed packs are signed by the project's own CLI
// (`firstline pack sign`), so the WebCrypto check in the page is tested
// against the Rust signer.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ROOT, launch, until } from '../../scripts/browser.mjs';
import { startFixtureServer } from './fixtures/server.mjs';

const PACK_HOST = 'packs.example.org';

/** A team pack with templates `{id: body}` (English), indented unless `compact`. */
function teamPack(version, templates, id = 'acme.replies', { compact = false } = {}) {
  return JSON.stringify({
    format: 1, id, name: 'Acme replies', version, author: 'Acme support', languages: ['en'],
    templates: Object.entries(templates).map(([tid, body]) => ({ id: tid, title: `Acme ${tid}`, body: { en: body } })),
  }, null, compact ? 0 : 2);
}

/** Runs the firstline CLI (built by cargo on first use). */
function cli(...args) {
  return execFileSync('cargo', ['run', '-q', '--bin', 'firstline', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('options: templates and packs', () => {
  let browser, page, server, dir;
  /** What the pack server answers: path → {status, type, body}. */
  const served = new Map();

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-packs-'));
    server = await startFixtureServer({
      extra: {
        [PACK_HOST]: (url, res) => {
          const answer = served.get(url.pathname) ?? { status: 404, body: 'not here' };
          res.writeHead(answer.status ?? 200, {
            'content-type': answer.type ?? 'application/json',
            'access-control-allow-origin': '*',
            'cache-control': 'no-store',
          });
          res.end(answer.body);
        },
      },
    });
    browser = await launch({ extraArgs: [server.resolverRules, '--ignore-certificate-errors'] });
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.waitForSelector('#template-list li');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const stored = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('library')).library ?? null);

  /** The worker's replies for an English post (or `lang`), by template id. */
  async function offered(lang = 'en') {
    const { replies, error } = await page.evaluate((lang) => chrome.runtime.sendMessage({
      type: 'replies',
      post: { text: 'where is my refund', author: { name: 'Anna Petrova' }, platform: 'x' },
      verdict: { lang, categories: [] },
    }), lang);
    assert.equal(error, undefined);
    return new Map(replies.map((reply) => [reply.id, reply]));
  }

  /** Waits for a non-empty message in `#id`, returns it and clears it. */
  async function result(id) {
    await page.waitForFunction((id) => document.getElementById(id).textContent.length > 0
      && !document.getElementById(id).textContent.endsWith('…'), id);
    const text = await page.textContent(`#${id}`);
    await page.evaluate((id) => { document.getElementById(id).textContent = ''; }, id);
    return text;
  }

  async function importFile(name, text) {
    await page.setInputFiles('#pack-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  async function importUrl(url) {
    await page.fill('#pack-url', url);
    await page.click('#pack-fetch');
  }

  /** The diff under review, line by line. */
  async function diff() {
    await page.waitForSelector('#pack-review:not([hidden])');
    return page.$$eval('#pack-diff li', (items) => items.map((li) => li.textContent));
  }

  test('a new template is previewed with the post, saved, and offered by the worker', async () => {
    await page.click('#template-new');
    await page.fill('#template-id', 'refund-status');
    await page.fill('#template-title', 'Refund status');
    await page.fill('#template-shortcut', 'refund');
    await page.fill('#template-body', 'Hi {{author.first_name}}, refund {{ask.ticket}} is on its way. <b>{{agent.name}}</b>');
    await page.waitForFunction(() => document.getElementById('template-preview').textContent.startsWith('Hi Anna, refund [ask.ticket]'));
    // Markup in a template is text: the preview has no elements in it.
    assert.equal(await page.$eval('#template-preview', (el) => el.children.length), 0);
    assert.match(await page.textContent('#template-preview'), /<b>.*<\/b>$/);
    await page.click('#template-save');
    assert.match(await result('template-result'), /Refund status/);
    const reply = (await offered()).get('refund-status');
    assert.equal(reply.shortcut, 'refund');
    assert.deepEqual(reply.asks, ['ticket']);
    assert.match(reply.text, /^Hi Anna, refund \[ask\.ticket\] is on its way\. <b>/);
  });

  test('a broken template is shown with its line and column and never stored', async () => {
    const before = await stored();
    await page.click('#template-new');
    await page.fill('#template-id', 'broken');
    await page.fill('#template-title', 'Broken');
    await page.fill('#template-body', 'Hi\n{{#author}}{{name}}');
    await page.waitForFunction(() => /line 2, column 1/.test(document.getElementById('template-preview').textContent));
    await page.click('#template-save');
    assert.match(await result('template-result'), /body\.en: .*line 2, column 1: unclosed section `author`/);
    await page.fill('#template-body', 'Hi {{autor.name}}');
    await page.click('#template-save');
    assert.match(await result('template-result'), /unknown value `autor\.name`/);
    assert.deepEqual(await stored(), before);
    await page.click('#template-cancel');
  });

  test('editing a built-in reply saves the agent\'s version in every language; revert brings the pack\'s back', async () => {
    const original = (await offered()).get('move-to-dm').text;
    const russian = (await offered('ru')).get('move-to-dm').text;
    await page.click('#template-list li[data-id="move-to-dm"] button:text("Edit")');
    await page.selectOption('#template-lang', 'en');
    await page.fill('#template-body', 'Mine: DM us, {{author.first_name}}.');
    await page.click('#template-save');
    await result('template-result');
    assert.equal((await offered()).get('move-to-dm').text, 'Mine: DM us, Anna.');
    assert.equal((await offered('ru')).get('move-to-dm').text, russian, 'the other languages are kept');
    await page.click('#template-list li[data-id="move-to-dm"] button:text("Revert to the pack\'s version")');
    await result('template-result');
    assert.equal((await offered()).get('move-to-dm').text, original);
  });

  test('a duplicate is a new template of the agent\'s own', async () => {
    await page.click('#template-list li[data-id="thanks-praise"] button:text("Duplicate")');
    assert.equal(await page.inputValue('#template-id'), 'thanks-praise-copy');
    await page.click('#template-save');
    await result('template-result');
    const replies = await offered();
    assert.ok(replies.has('thanks-praise-copy') && replies.has('thanks-praise'));
    await page.click('#template-list li[data-id="thanks-praise-copy"] button:text("Delete")');
    await result('template-result');
    assert.ok(!(await offered()).has('thanks-praise-copy'));
  });

  test('a pack file is reviewed, then imported in one piece and offered', async () => {
    await importFile('acme.json', teamPack('1.0.0', { greet: 'Hello from Acme, {{author.first_name}}!' }));
    const lines = await diff();
    assert.match(lines[0], /New pack “Acme replies” 1\.0\.0 by Acme support/);
    assert.ok(lines.includes('not signed'));
    assert.ok(lines.includes('1 added: greet'));
    assert.equal(await stored().then((library) => library?.packs?.length ?? 0), 0, 'nothing before accepting');
    await page.click('#pack-accept');
    assert.match(await result('pack-result'), /Imported “Acme replies” 1\.0\.0/);
    await page.waitForSelector('#pack-list li[data-id="acme.replies"]');
    assert.equal((await offered()).get('greet').text, 'Hello from Acme, Anna!');
  });

  test('malformed and invalid packs are refused with where and why; the library is as before', async () => {
    const before = await stored();
    for (const [text, expected] of [
      ['{\n  "format": 1,\n  "id": \n}', /line 4, column 1/],
      [teamPack('1.0.0', { a: 'x' }).replace('"format": 1', '"format": 7'), /unsupported pack format 7/],
      [teamPack('one', { a: 'x' }), /version: `one` is not a semver version/],
      [teamPack('1.0.0', { a: 'Hi {{#author}}' }), /templates\[0\]\.body\.en: bad template: line 1, column 4: unclosed section/],
      [teamPack('1.0.0', { a: '{{> b}}', b: '{{#author}}{{> a}}{{/author}}' }), /nested too deeply/],
      [teamPack('1.0.0', { a: 'x' }).replace('"templates": [', '"templates": [{"id": "a", "title": "A", "body": {"en": "y"}},'), /duplicate template id `a`/],
      [teamPack('1.0.0', { a: 'x' }, 'firstline.default.en'), /firstline's own/],
    ]) {
      await importFile('bad.json', text);
      assert.match(await result('pack-result'), expected);
      assert.ok(await page.$eval('#pack-review', (el) => el.hidden), 'nothing offered to accept');
    }
    // 100,000 templates (6 MB): read, then refused by count.
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`t${i}`, 'x']));
    await importFile('many.json', teamPack('1.0.0', many, 'acme.many', { compact: true }));
    assert.match(await result('pack-result'), /100000 templates; the limit is 20000/);
    assert.deepEqual(await stored(), before);
  });

  test('an update from the pack\'s URL shows the diff and never overwrites the agent\'s version', async () => {
    served.set('/team.json', { body: teamPack('1.0.0', { hours: 'We answer 9 to 5.', refunds: 'Refunds take 5 days.' }, 'acme.team') });
    await importUrl(`https://${PACK_HOST}/team.json`);
    await diff();
    await page.click('#pack-accept');
    await result('pack-result');
    // The agent makes "hours" their own.
    await page.click('#template-list li[data-id="hours"] button:text("Edit")');
    await page.fill('#template-body', 'We answer around the clock.');
    await page.click('#template-save');
    await result('template-result');
    // The team publishes 1.1.0.
    served.set('/team.json', { body: teamPack('1.1.0', { hours: 'We answer 8 to 6.', refunds: 'Refunds take 3 days.', returns: 'Returns are free.' }, 'acme.team') });
    await page.click('#pack-list li[data-id="acme.team"] button:text("Check for an update")');
    const lines = await diff();
    assert.match(lines[0], /Update “Acme replies” from 1\.0\.0 to 1\.1\.0/);
    assert.ok(lines.includes('1 added: returns'), lines.join('\n'));
    assert.ok(lines.includes('2 changed: hours, refunds'), lines.join('\n'));
    assert.ok(lines.some((line) => /1 of yours kept .*: hours/.test(line)), lines.join('\n'));
    await page.click('#pack-accept');
    await result('pack-result');
    const replies = await offered();
    assert.equal(replies.get('hours').text, 'We answer around the clock.');
    assert.equal(replies.get('refunds').text, 'Refunds take 3 days.');
    assert.equal(replies.get('returns').text, 'Returns are free.');
  });

  test('URLs that fail, are not HTTPS, return garbage or too much are refused clearly', async () => {
    const before = await stored();
    served.set('/garbage.bin', { body: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x92]), type: 'application/octet-stream' });
    served.set('/page.html', { body: '<!doctype html><title>Login</title>', type: 'text/html' });
    served.set('/huge.json', { body: Buffer.alloc(10 * 1024 * 1024, 0x20) });
    for (const [url, expected] of [
      [`https://${PACK_HOST}/missing.json`, /Could not fetch the pack.*HTTP 404/],
      [`http://${PACK_HOST}/team.json`, /full HTTPS address/],
      ['not a url', /full HTTPS address/],
      [`https://${PACK_HOST}/garbage.bin`, /not a text file/],
      [`https://${PACK_HOST}/page.html`, /line 1, column 1/],
      [`https://${PACK_HOST}/huge.json`, /larger than 8 MB/],
      ['https://127.0.0.1:1/pack.json', /Could not fetch the pack/],
    ]) {
      await importUrl(url);
      assert.match(await result('pack-result'), expected, url);
    }
    assert.deepEqual(await stored(), before);
  });

  test('a signed pack shows its signer; the same pack changed after signing is refused', async () => {
    const key = path.join(dir, 'team.key');
    const file = path.join(dir, 'signed.json');
    const publicKey = cli('pack', 'keygen', key).trim();
    await writeFile(file, teamPack('2.0.0', { signed: 'Signed reply.' }, 'acme.signed'));
    cli('pack', 'sign', '--key', key, file);
    const signed = await readFile(file, 'utf8');
    await importFile('tampered.json', signed.replace('Signed reply.', 'Send your password.'));
    assert.match(await result('pack-result'), /signature does not match: it was changed after it was signed/);
    await importFile('signed.json', signed);
    assert.ok((await diff()).includes(`signed by ${publicKey}`));
    await page.click('#pack-accept');
    await result('pack-result');
    const row = await page.textContent('#pack-list li[data-id="acme.signed"]');
    assert.match(row, new RegExp(`signed by ${publicKey.slice(0, 20).replace(/[+/]/g, '\\$&')}`));
    assert.equal((await stored()).packs.find((p) => p.text.includes('acme.signed')).signer, publicKey);
  });

  test('when storage is full an import fails with a clear message and nothing changes', async () => {
    const before = await stored();
    // Fill the 10 MB quota up to ~300 KB.
    await browser.worker.evaluate(async () => {
      const used = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.set({ filler: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - 300_000) });
    });
    const big = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`big${i}`, `Reply number ${i}, with some words in it.`]));
    await importFile('big.json', teamPack('1.0.0', big, 'acme.big'));
    await diff();
    await page.click('#pack-accept');
    assert.match(await result('pack-result'), /storage for firstline is full: nothing was changed/);
    assert.deepEqual(await stored(), before);
    await browser.worker.evaluate(() => chrome.storage.local.remove('filler'));
  });

  test('a library stored by a newer firstline is shown as a problem and never written over', async () => {
    const newer = { version: 99, future: ['something we cannot read'] };
    await browser.worker.evaluate((value) => chrome.storage.local.set({ library: value }), newer);
    await until(async () => /version 99, newer than this firstline reads/.test(await page.textContent('#templates-problem')));
    await page.click('#template-new');
    await page.fill('#template-id', 'later');
    await page.fill('#template-title', 'Later');
    await page.fill('#template-body', 'Hi');
    await page.click('#template-save');
    assert.match(await result('template-result'), /newer than this firstline reads/);
    assert.deepEqual(await stored(), newer);
    assert.ok((await offered()).has('move-to-dm'), 'the built-in replies are still offered');
  });
});
