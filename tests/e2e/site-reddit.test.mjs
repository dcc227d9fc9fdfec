// Reddit in a real Chromium with the built extension: new Reddit (custom
// elements with open shadow roots, nested comments, Lexical composers) and
// old Reddit (.thing markup, textareas), both under their real hosts.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ShadowView } from '../../scripts/overlay-view.mjs';
import { COMMENTS, MORE, POST, SUB } from './fixtures/reddit/data.js';
import { expectBadgesOnTheirPosts, expectPosts, insertTemplate, pageEvents, squash } from './sites-c-checks.mjs';
import { startSites } from './site-harness.mjs';

const flat = (list) => list.flatMap((c) => [c, ...flat(c.children ?? [])]);
const ms = (ts) => Date.parse(ts.replace(/\.\d+\+0000$/, 'Z'));
const key = (id) => `reddit:${id}`;

function expected(comments, permalinkOf) {
  return [
    { key: key(POST.id), kind: 'post', author: POST.author, text: POST.text, at: ms(POST.ts), permalink: `${SUB}/` },
    ...comments.map((c) => ({ key: key(c.id), kind: 'comment', author: c.author, text: c.text, at: ms(c.ts), permalink: permalinkOf(c) })),
  ];
}

for (const face of [
  { name: 'new Reddit', host: 'www.reddit.com', root: 'shreddit-post, shreddit-comment',
    sel: (id) => (id === POST.id ? `shreddit-post#${id}` : `shreddit-comment[thingid="${id}"]`),
    permalink: (c) => `${SUB}/comment/${c.id.slice(3)}/`, more: '#more-comments button',
    reply: (id) => `shreddit-comment[thingid="${id}"] faceplate-tracker[noun="reply_comment"] button` },
  { name: 'old Reddit', host: 'old.reddit.com', root: '.thing[data-fullname]',
    sel: (id) => `.thing[data-fullname="${id}"]`,
    permalink: (c) => `${SUB}/${c.id.slice(3)}/`, more: '.morecomments a',
    reply: (id) => `.thing[data-fullname="${id}"] > .entry .reply-button a` },
]) {
  describe(face.name, () => {
    let sites, page, view;
    const comments = flat(COMMENTS);
    const all = () => [POST.id, ...comments.map((c) => c.id)].map((id) => ({ key: key(id), sel: face.sel(id) }));

    before(async () => {
      sites = await startSites();
      page = await sites.open('reddit', `${SUB}/`, face.host);
      view = await ShadowView.of(page);
    });
    after(async () => {
      await view?.detach();
      await sites?.close();
    });

    test('the post and every nested comment are read once, each with its own text', async () => {
      await expectPosts(sites.browser, page, expected(comments, face.permalink));
      await expectBadgesOnTheirPosts(page, face.root, all());
    });

    test('comments loaded later get their badge, and the others keep theirs', async () => {
      await page.click(face.more);
      comments.push(MORE);
      await expectPosts(sites.browser, page, expected(comments, face.permalink));
      await expectBadgesOnTheirPosts(page, face.root, all());
      assert.equal((await pageEvents(page, 'click', 'more-comments')).length, 1, 'the page loaded them itself');
    });

    test('a template goes into the post’s composer', async () => {
      const { chosen, text } = await insertTemplate(page, view, key(POST.id), 'sorry', POST.id);
      assert.ok(squash(chosen).includes(squash(text)), `inserted "${text}" is the chosen template`);
      assert.ok((await pageEvents(page, 'input', POST.id)).length > 0, 'the page’s own editor saw the input');
    });

    test('a comment’s template goes into its own reply box, not the one open under its reply', async () => {
      // The reply's box is open, the comment's is not yet: the extension
      // must open the comment's own with the site's button.
      const [parent, child] = [COMMENTS[0].children[0].id, COMMENTS[0].children[0].children[0].id];
      await page.click(face.reply(child));
      const { chosen, text } = await insertTemplate(page, view, key(parent), 'praise', parent);
      assert.ok(squash(chosen).includes(squash(text)), `inserted "${text}" is the chosen template`);
      assert.equal((await page.evaluate((id) => window.__editorText(id), child)).trim(), '', 'the reply’s box is untouched');
      assert.equal((await pageEvents(page, 'click', parent)).length, 1, 'opened with the site’s own reply button');
    });
  });
}
