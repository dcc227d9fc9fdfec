// The response-timer history, in IndexedDB: what reports are made of.
// Shared by the service worker, which saves a post's record whenever its
// timer changes, and the reports page, which reads a period of them.
//
// One database, `firstline-history` (version 1), one object store,
// `records`, keyed by `key` (`site:post_id`, the post), with an index on
// `started_at` (ms since the epoch, when the post's clock started). A record
// is stored as `{key, started_at, line}`, where `line` is the core's record
// as JSON text (`sla::to_record`, `{"v":1,…}`): the core owns its shape and
// its versions (src/sla/record.rs reads every version it knows, and reports
// an unreadable record instead of failing), and this store never looks
// inside. Keeping the line as text, not as an object, also makes it cheap
// to read back: a report passes 100,000 lines to the core as one string.
//
// Every write is one transaction, so a batch is stored whole or not at all
// (IndexedDB transactions are atomic): a worker stopped mid-write leaves
// the records as they were before it, and once saveRecords resolves they
// are committed.
//
// Reading a period is one `getAll` over the `started_at` index. Measured
// for 100,000 records of ~450 bytes (`node benches/browser.mjs reports`,
// Chromium 156, 2 busy cores): getAll 882 ms, a cursor over the same index
// 1,814 ms (a cursor pays a round trip per record); with no period the
// store's own getAll, without the index's lookup per record, ~700 ms.
// IndexedDB costs per value read, so that read is most of a 100,000-record
// report (the core's part is ~400 ms).

const DB_NAME = 'firstline-history';
const DB_VERSION = 1;
const STORE = 'records';
const BY_START = 'started_at';

let opening = null;

/** The open database, opened (and created or upgraded) once per page or worker life. */
function database() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: 'key' });
        store.createIndex(BY_START, 'started_at');
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another page opening a newer version: step aside, reopen next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        db.onclose = () => { opening = null; };
        resolve(db);
      };
      request.onerror = () => reject(readable('open', request.error));
      request.onblocked = () => reject(new Error('firstline history: the database is in use by an older version of the extension; close its pages'));
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

/** An IndexedDB failure as an Error a person can act on. */
function readable(what, error) {
  const name = error?.name ?? 'Error';
  const detail = error?.message || name;
  if (name === 'QuotaExceededError') {
    return new Error(`firstline history: the browser's storage for the extension is full; nothing was saved (${detail})`);
  }
  return new Error(`firstline history: could not ${what} (${detail})`);
}

/** Resolves when `transaction` commits; rejects, readably, when it fails or aborts. */
function committed(transaction, what) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    // A failed request aborts the whole transaction (its error event is
    // not cancelled here): reported once, by onabort.
    transaction.onabort = () => reject(readable(what, transaction.error));
  });
}

/**
 * Stores `records` (`[{key, started_at, line}]`: the post's `site:post_id`,
 * when its clock started in ms, and its record as the core's JSON text),
 * replacing the stored record of the same key. All in one transaction:
 * every record is stored, or — on a full disk, a quota, any failure — none,
 * and the promise rejects with a readable Error.
 */
export async function saveRecords(records) {
  if (records.length === 0) return;
  const db = await database();
  let transaction;
  try {
    transaction = db.transaction(STORE, 'readwrite');
  } catch (error) {
    throw readable('save', error);
  }
  const done = committed(transaction, 'save');
  const store = transaction.objectStore(STORE);
  try {
    for (const { key, started_at, line } of records) store.put({ key, started_at, line });
  } catch (error) {
    // A bad key or an uncloneable value: nothing of the batch is stored.
    transaction.abort();
    await done.catch(() => {});
    throw readable('save', error);
  }
  await done;
}

/**
 * The stored records (their lines: the core's JSON texts) whose clock
 * started in `[from, to)` (ms; either bound may be left out; all records
 * when both are), in no particular order. A stored value without a line of
 * text comes back as its own JSON, so the core reports it as unreadable
 * instead of it being lost from view.
 */
export async function readRecords({ from, to } = {}) {
  if (from != null && to != null && to <= from) return []; // IDBKeyRange.bound would throw
  const db = await database();
  const store = db.transaction(STORE, 'readonly').objectStore(STORE);
  // Everything: the store itself, without the index's extra lookup per record.
  const request = from == null && to == null ? store.getAll()
    : store.index(BY_START).getAll(from == null ? IDBKeyRange.upperBound(to, true)
      : to == null ? IDBKeyRange.lowerBound(from)
        : IDBKeyRange.bound(from, to, false, true));
  const values = await new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(readable('read', request.error));
  });
  return values.map((value) => (typeof value?.line === 'string' && value.line !== '' ? value.line : JSON.stringify(value)));
}

/** How many records are stored. */
export async function countRecords() {
  const db = await database();
  const request = db.transaction(STORE, 'readonly').objectStore(STORE).count();
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(readable('count', request.error));
  });
}
