// A reply of the agent's own, seen on the page, gives the post it answers
// its first response: on the Reddit fixture (both faces), with two of its
// commenters set as the agent's accounts in the profile. curious_cat's
// top-level comment answers the post before it; mod_helper's nested reply
// answers the comment it is nested in; the others keep running.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { until } from '../../scripts/browser.mjs';
import { COMMENTS, POST, SUB } from './fixtures/reddit/data.js';
import { startSites } from './site-harness.mjs';

describe('the agent\'s own replies on the page', () => {
  let sites;

  before(async () => {
    sites = await startSites();
    // curious_cat and mod_helper stand for the agent's accounts here.
    await sites.browser.worker.evaluate(() => chrome.storage.local.set({
      profile: { name: 'Sam', signature: '— Sam', team: '', handles: '@Curious_Cat, mod_helper' },
    }));
  });

  after(async () => sites?.close());

  const timerOf = (key) => sites.browser.worker.evaluate(async (key) => {
    const line = (await chrome.storage.local.get(`timer/${key}`))[`timer/${key}`];
    return line ? JSON.parse(line) : null;
  }, key);

  for (const host of ['www.reddit.com', 'old.reddit.com']) {
    test(`${host}: the post a reply of theirs answers is answered`, async () => {
      await sites.browser.worker.evaluate(async () => {
        const names = (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('timer/'));
        await chrome.storage.local.remove(names);
      });
      const page = await sites.open('reddit', `${SUB}/`, host);
      const timer = await until(async () => {
        const t = await timerOf(`reddit:${POST.id}`);
        return t?.state.kind === 'answered' ? t : null;
      }, { what: 'the post answered by the agent\'s top-level comment' });
      assert.equal(timer.state.how, 'replied');
      // mod_helper's reply is nested in a comment: that comment is answered.
      const nestedParent = COMMENTS[0].children[0];
      await until(async () => (await timerOf(`reddit:${nestedParent.id}`))?.state.kind === 'answered', { what: 'the comment a nested reply answers' });
      // Comments no reply of theirs answers keep running.
      for (const untouched of [COMMENTS[0], COMMENTS[1]]) assert.equal((await timerOf(`reddit:${untouched.id}`)).state.kind, 'open', untouched.id);
      await page.close();
    });
  }
});
