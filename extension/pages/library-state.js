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
    // Our own writes are loaded by `apply` itself; the change event they
    // cause is skipped rather than reading a large library twice.
    this.ownWrites = 0;
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !(changes.library || changes.profile)) return;
      if (changes.library && this.ownWrites > 0) this.ownWrites -= 1;
      else this.load();
    });
  }

  /**
   * Reads the stored library (again), or opens `justStored` (the JSON text
   * just written), and tells every listener.
   */
  async load(justStored) {
    const { library, writable, problem } = await openLibrary(this.core, { justStored });
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
    this.ownWrites += 1;
    try {
      await storeLibrary(next);
    } catch (error) {
      this.ownWrites -= 1; // nothing was written, no event comes
      throw error;
    }
    await this.load(typeof next === 'string' ? next : JSON.stringify(next));
  }
}
