// The demo "site's" own script. It has to work under the strict CSP (no inline handlers, no eval),
// and it records what it sees so e2e tests can check that the page's handlers still fire with the
// extension loaded:
//   window.__pageInputEvents  [{postId, inputType}]  every `input` event on a .reply-box
//                             (inputType is null for a plain Event that is not an InputEvent)
//   window.__pageLikes        [{postId, count}]      every like click (count after the click)
//   window.__pageReplies      [{postId, text}]       every reply sent
//   window.__pageReady        true once the handlers are installed
(() => {
  'use strict';

  const inputEvents = (window.__pageInputEvents = window.__pageInputEvents || []);
  const likes = (window.__pageLikes = window.__pageLikes || []);
  const replies = (window.__pageReplies = window.__pageReplies || []);

  const postOf = (el) => (el instanceof Element ? el.closest('article.post') : null);
  const postIdOf = (el) => postOf(el)?.getAttribute('data-post-id') ?? null;
  const isTextarea = (box) => box instanceof HTMLTextAreaElement;

  function readBox(box) {
    return isTextarea(box) ? box.value : box.innerText;
  }

  function clearBox(box) {
    if (isTextarea(box)) box.value = '';
    else box.replaceChildren();
  }

  function focusBox(box) {
    box.focus();
    if (isTextarea(box)) {
      box.setSelectionRange(box.value.length, box.value.length);
    } else {
      // caret at the end of whatever is already there
      const range = document.createRange();
      range.selectNodeContents(box);
      range.collapse(false);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  function toggleReply(article, button) {
    const form = article.querySelector('.reply-form');
    if (!form) return;
    form.hidden = !form.hidden;
    button.setAttribute('aria-expanded', String(!form.hidden));
    const box = form.querySelector('.reply-box');
    if (!form.hidden && box) focusBox(box);
  }

  function like(article, button) {
    const m = /\d+/.exec(button.textContent || '');
    const count = (m ? Number(m[0]) : 0) + 1;
    button.textContent = `♥ ${count}`;
    button.classList.add('liked');
    likes.push({ postId: article.getAttribute('data-post-id'), count });
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest('.reply-button, .like-button');
    const article = postOf(button);
    if (!button || !article) return;
    if (button.classList.contains('reply-button')) toggleReply(article, button);
    else like(article, button);
  });

  document.addEventListener('input', (event) => {
    const box = event.target instanceof Element ? event.target.closest('.reply-box') : null;
    if (!box) return;
    inputEvents.push({ postId: postIdOf(box), inputType: typeof event.inputType === 'string' ? event.inputType : null });
  });

  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement && event.target.matches('.reply-form') ? event.target : null;
    const article = postOf(form);
    if (!form || !article) return;
    event.preventDefault();
    const box = form.querySelector('.reply-box');
    const text = box ? readBox(box).trim() : '';
    if (!text) {
      if (box) focusBox(box);
      return;
    }
    const sent = document.createElement('div');
    sent.className = 'sent-reply';
    sent.textContent = text;
    article.appendChild(sent);
    replies.push({ postId: article.getAttribute('data-post-id'), text });
    clearBox(box);
    form.hidden = true;
    article.querySelector('.reply-button')?.setAttribute('aria-expanded', 'false');
  });

  // The endless mode (feed.html?endless=1), for the browser benchmark:
  // __morePosts(count, keep) appends `count` posts cloned from the pool with
  // fresh ids, as a feed does when it is scrolled to its end, scrolls there,
  // and removes the oldest posts past `keep`, as real feeds drop the ones far
  // off screen.
  const pool = document.getElementById('more-posts');
  if (pool) {
    const feed = document.getElementById('feed');
    const templates = [...pool.content.querySelectorAll('article.post')];
    let next = 0;
    window.__morePosts = (count, keep) => {
      const added = [];
      for (let i = 0; i < count; i++, next++) {
        const article = templates[next % templates.length].cloneNode(true);
        const id = `${article.getAttribute('data-post-id')}-e${next}`;
        article.setAttribute('data-post-id', id);
        article.setAttribute('aria-labelledby', `${id}-author`);
        article.querySelector('.author').id = `${id}-author`;
        added.push(article);
      }
      feed.append(...added);
      while (feed.children.length > keep) feed.firstElementChild.remove();
      window.scrollTo(0, document.documentElement.scrollHeight);
      return added;
    };
  }

  window.__pageReady = true;
})();
