// The options page's one copy of the agent's library. The templates editor
// and the packs panel both read it and change it through `apply`, which
// stores the core's next library and reopens it; a change made in another
// tab (or by the worker) arrives through storage.onChanged the same way.
// Panels re-render from `onChange`, so what they show is always what is
// stored.

import { messageOf, openLibrary, storeLibrary } from '../library.js';

export class LibraryState {
  /** A state over the loaded wasm `core`; call `load()` before use. */
  constructor(core) {
    this.core = core;
    this.library = null;
    this.writable = false;
    this.problem = null;
    this.listeners = [];
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && (changes.library || changes.profile)) this.load();
    });
  }

  /** Reads the stored library (again) and tells every listener. */
  async load() {
    const { library, writable, problem } = await openLibrary(this.core);
    this.library?.free();
    Object.assign(this, { library, writable, problem });
    for (const listener of this.listeners) listener(this);
  }

  /** Calls `listener(state)` after every load. */
  onChange(listener) {
    this.listeners.push(listener);
  }

  /**
   * Computes a change with `change(library)` (a ReplyLibrary method that
   * returns the next library, as JSON text or already parsed) and stores
   * it. Throws a readable
   * error, with nothing changed, when the change is refused, the stored
   * library cannot be written over, or the storage is full.
   */
  async apply(change) {
    if (!this.writable) throw new Error(this.problem);
    let next;
    try {
      next = change(this.library);
    } catch (error) {
      throw new Error(messageOf(error));
    }
    await storeLibrary(next);
    await this.load();
  }
}
