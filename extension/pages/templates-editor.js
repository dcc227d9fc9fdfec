// The options page's template editor: every reply of the library in one
// searchable list, and a form to write or change one, language by
// language, with a live preview against a sample post.
//
// Built-in and team templates are never changed in place. Editing one saves
// the agent's own version with the same id, which replaces it everywhere;
// an update of its pack then cannot overwrite the edit, and deleting the own
// version ("Revert") brings the pack's back. That rule lives in the core
// (templates/library.rs); this file only shows it.

import { messageOf } from '../library.js';
import { button, h } from './ui.js';

/** Rows shown at once: a 10,000-template pack is searched, not scrolled. */
const SHOWN = 200;

/** The languages a variant can be added in (those of the built-in packs). */
const LANGUAGES = ['en', 'ru', 'be', 'uk', 'zh', 'af', 'es', 'de', 'fr', 'pt'];

const t = (key, subs) => chrome.i18n.getMessage(key, subs);

/** Runs the editor in the page's #templates section over `state`. */
export function startTemplatesEditor(state, core) {
  const $ = (id) => document.getElementById(id);
  const form = $('template-editor');
  let entries = [];
  let draft = null; // {template, replacing, lang}

  function say(kind, text) {
    const result = $('template-result');
    result.className = kind;
    result.textContent = text;
  }

  function renderList() {
    const words = $('template-search').value.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = entries.filter((entry) => words.every((word) => entry.hay.includes(word)));
    $('template-list').replaceChildren(...matching.slice(0, SHOWN).map(row));
    $('template-more').textContent = matching.length > SHOWN ? t('templatesMore', [String(matching.length - SHOWN)]) : '';
  }

  function row(entry) {
    const { template } = entry;
    const origin = entry.local
      ? (entry.packs.length ? t('templateYoursReplacing') : t('templateYours'))
      : entry.packs.join(', ');
    const buttons = [
      button(t('templateEdit'), () => edit(structuredClone(template), entry.local ? template.id : null)),
      button(t('templateDuplicate'), () => edit(copyOf(template), null)),
    ];
    if (entry.local) {
      buttons.push(button(entry.packs.length ? t('templateRevert') : t('templateDelete'), () => remove(template.id)));
    }
    return h('li', { 'data-id': template.id },
      h('strong', {}, template.title), ' ', h('code', {}, template.id),
      template.shortcut ? h('code', { class: 'shortcut' }, `;${template.shortcut}`) : null,
      ' ', h('span', { class: 'langs' }, Object.keys(template.body).join(' ')),
      ' ', h('span', { class: 'origin' }, origin), ' ', ...buttons);
  }

  function copyOf(template) {
    const ids = new Set(entries.map((e) => e.template.id));
    let id = `${template.id}-copy`;
    for (let n = 2; ids.has(id); n += 1) id = `${template.id}-copy-${n}`;
    return { ...structuredClone(template), id, title: t('templateCopyTitle', [template.title]), shortcut: undefined };
  }

  function edit(template, replacing) {
    const lang = Object.keys(template.body)[0] ?? 'en';
    if (!Object.keys(template.body).length) template.body.en = '';
    draft = { template, replacing, lang };
    $('template-id').value = template.id;
    $('template-title').value = template.title;
    $('template-shortcut').value = template.shortcut ?? '';
    $('template-tags').value = template.tags.join(', ');
    for (const box of form.querySelectorAll('input[name="category"]')) box.checked = template.categories.includes(box.value);
    $('template-note').textContent = replacing || !entries.some((e) => e.template.id === template.id)
      ? '' : t('templateSavesYourVersion');
    say('', '');
    form.hidden = false;
    showLanguage(lang);
    $('template-title').focus();
  }

  function showLanguage(lang) {
    draft.lang = lang;
    const present = Object.keys(draft.template.body);
    $('template-lang').replaceChildren(...present.map((code) => h('option', { value: code, selected: code === lang }, code)));
    $('template-add-lang').replaceChildren(h('option', { value: '' }, t('templateAddLanguage')),
      ...LANGUAGES.filter((code) => !present.includes(code)).map((code) => h('option', { value: code }, code)));
    $('template-body').value = draft.template.body[lang] ?? '';
    $('template-remove-lang').disabled = present.length < 2;
    preview();
  }

  /** The draft as the form holds it now. */
  function current() {
    const shortcut = $('template-shortcut').value.trim().replace(/^;/, '');
    return {
      id: $('template-id').value.trim(),
      title: $('template-title').value.trim(),
      body: draft.template.body,
      tags: $('template-tags').value.split(',').map((tag) => tag.trim()).filter(Boolean),
      categories: [...form.querySelectorAll('input[name="category"]:checked')].map((box) => box.value),
      ...(shortcut ? { shortcut } : {}),
    };
  }

  let previewQueued = false;
  /** Renders the language shown against the sample post, once per frame. */
  function preview() {
    if (previewQueued) return;
    previewQueued = true;
    requestAnimationFrame(async () => {
      previewQueued = false;
      if (!draft) return;
      const { profile } = await chrome.storage.local.get('profile');
      const post = {
        text: $('sample-text').value,
        author: { name: $('sample-author').value, handle: null },
        platform: $('sample-platform').value,
      };
      const context = { agent: profile ?? {}, now_ms: Date.now(), offset_minutes: -new Date().getTimezoneOffset() };
      const out = $('template-preview');
      try {
        const { text } = state.library.preview(JSON.stringify(current()), draft.lang, post, context);
        out.className = 'preview';
        out.textContent = text;
      } catch (error) {
        out.className = 'preview warning';
        out.textContent = messageOf(error);
      }
    });
  }

  async function save() {
    const template = current();
    try {
      await state.apply((library) => library.saveTemplate(JSON.stringify(template), draft.replacing ?? undefined));
      say('ok', t('templateSaved', [template.title || template.id]));
      draft = null;
      form.hidden = true;
    } catch (error) {
      say('warning', messageOf(error));
    }
  }

  async function remove(id) {
    try {
      await state.apply((library) => library.deleteTemplate(id));
      say('ok', t('templateDeleted', [id]));
    } catch (error) {
      say('warning', messageOf(error));
    }
  }

  $('template-categories').replaceChildren(...core.packCategories().map((name) =>
    h('label', { class: 'category' }, h('input', { type: 'checkbox', name: 'category', value: name }), ` ${name}`)));
  $('template-search').addEventListener('input', renderList);
  $('template-new').addEventListener('click', () => edit({ id: '', title: '', body: { en: '' }, tags: [], categories: [] }, null));
  $('template-lang').addEventListener('change', (event) => showLanguage(event.target.value));
  $('template-add-lang').addEventListener('change', (event) => {
    const lang = event.target.value;
    if (!lang) return;
    // A new variant starts from the language shown, to translate.
    draft.template.body[lang] = draft.template.body[draft.lang] ?? '';
    showLanguage(lang);
  });
  $('template-remove-lang').addEventListener('click', () => {
    delete draft.template.body[draft.lang];
    showLanguage(Object.keys(draft.template.body)[0]);
  });
  $('template-body').addEventListener('input', (event) => {
    draft.template.body[draft.lang] = event.target.value;
    preview();
  });
  for (const id of ['sample-author', 'sample-text', 'sample-platform']) $(id).addEventListener('input', preview);
  $('template-save').addEventListener('click', save);
  $('template-cancel').addEventListener('click', () => {
    draft = null;
    form.hidden = true;
  });

  state.onChange(() => {
    // The core leaves out empty lists; the editor wants them there.
    // Each entry's searchable text is made once per load, not per keystroke.
    entries = JSON.parse(state.library.entries()).map((entry) => {
      const template = { tags: [], categories: [], ...entry.template };
      const hay = [template.id, template.title, template.shortcut ?? '', ...template.tags, ...Object.values(template.body)]
        .join(' ').toLowerCase();
      return { ...entry, template, hay };
    });
    $('templates-problem').textContent = state.problem ?? '';
    renderList();
  });
}
