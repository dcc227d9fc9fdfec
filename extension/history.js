// The response-timer history, in IndexedDB: what reports are made of.
// Shared by the service worker, which saves a post's record whenever its
// timer changes, and the reports page, which reads a period of them.
//
// One database, `firstline-history` (version 2), two object stores:
//
// - `records`, keyed by `key` (`site:post_id`, the post), with an index on
//   `started_at` (ms since the epoch, when the post's clock started). A
//   record is stored as `{key, started_at, line}`, where `line` is the
//   core's record as JSON text (`sla::to_record`, `{"v":1,…}`): the core
//   owns its shape and its versions (src/sla/record.rs reads every version
//   it knows, and reports an unreadable record instead of failing), and
//   this store never looks inside. Exports and import merges read these.
// - `report-days`, keyed by `day` (the UTC day of `started_at`, in days
//   since 1970-01-01): `{day, keys, rows}`, the report rows of that day's
//   records — the few fields a report reads, as the core's short JSON
//   (`sla::ReportRow`, ~75 bytes) — as one text, a row per line, and
//   `keys` their posts' keys in the same order, as one JSON array text.
//   Reports read these.
//
// Why: IndexedDB costs per value read and per object in a value, and a
// report read 100,000 record values (~1 s) and parsed 42 MB of them in the
// core (~0.4 s), for a handful of numbers each. A week of rows is 7 or 8
// values of two strings each. Measured for 100,000 records in a week
// (`node benches/browser.mjs reports` and a probe alike; Chromium 156, 2
// busy cores), reading the week: the records 1,250 ms; the rows kept as a
// Map per day (key → row text, an object per row) 233 ms; as one text per
// day, 35–47 ms — and the whole report 101 ms, down from 1,951.
// The price is paid on save: a day's value is read, taken apart, changed
// and written whole (~30 ms for a day of 14,000 posts, far less for a
// day's worth of one team's posts).
//
// Rows are made by the core, as records are: saveRecords asks the core's
// `reportRow` (exported by both wasm builds, the worker's and the pages')
// for each record's row, so its callers keep passing records alone, and
// the version-1 upgrade makes the rows of the records already stored the
// same way. Hence `useCore(core)`, which the worker and the reports page
// call once their core is loaded. A record the core cannot read keeps its
// line in its row's place; the report reads it whole and says why it is
// unreadable. Rows are derived data: they change shape only with a new
// version of this database, whose upgrade makes them again from the
// records; a day's value that is not a day of rows is skipped by reports
// and made again from the records when a save next touches its day.
//
// Every write is one transaction over both stores, so a batch — records
// and rows alike — is stored whole or not at all (IndexedDB transactions
// are atomic): a worker stopped mid-write leaves the history as it was
// before it, and once saveRecords resolves both are committed. A record
// saved again with another start (a merge keeps the earlier one; a post
// seen again after its timer was dropped gets a new one) moves its row to
// its new day, so saveRecords needs the day each record's row is in: a
// small batch asks for each record's previous value, a large one reads
// every day's keys (measured: ~50 µs a record asked for, ~1 µs a stored
// row read).
//
// Reading the records of a period is one `getAll` over the `started_at`
// index: measured for 100,000 records of ~450 bytes, getAll 882 ms, a
// cursor over the same index 1,814 ms (a cursor pays a round trip per
// record); with no period the store's own getAll, without the index's
// lookup per record, ~700 ms.

const DB_NAME = 'firstline-history';
const DB_VERSION = 2;
const RECORDS = 'records';
const BY_START = 'started_at';
const DAYS = 'report-days';
const DAY_MS = 86_400_000;
/** The largest batch that asks for each record's previous value; larger ones read every day's keys. */
const FEW = 100;
const NO_CORE = 'firstline history: call useCore(core) first: report rows are made by the core';

/** The core's `reportRow` (record line → row text), once useCore has given it. */
let reportRow = null;

let opening = null;

/**
 * Gives history.js the loaded wasm core (either build), whose `reportRow`
 * makes the report row of each record saved, and of each record stored
 * when a version-1 database is upgraded. Call it once the core is loaded,
 * before saving.
 */
export function useCore(core) {
  reportRow = core.reportRow;
}

/** The UTC day (days since 1970-01-01) of `at` (ms): the day whose value keeps a record's row. */
const dayOf = (at) => Math.floor(at / DAY_MS);

/** The key range `[from, to)`, either bound left out when null. */
function range(from, to) {
  if (from == null) return IDBKeyRange.upperBound(to, true);
  if (to == null) return IDBKeyRange.lowerBound(from);
  return IDBKeyRange.bound(from, to, false, true);
}

/** A stored record's line; a value without a line of text as its own JSON, so the core reports it as unreadable. */
const lineOf = (value) => (typeof value?.line === 'string' && value.line !== '' ? value.line : JSON.stringify(value));

/**
 * The row kept for a record `line`: the core's report row, or the line
 * itself when the core cannot read it (on one line: rows are kept a line
 * each).
 */
function rowOf(line) {
  try {
    return reportRow(line);
  } catch {
    return line.replaceAll('\n', ' ');
  }
}

/**
 * The rows of the stored record `values` by day: `day` → Map of key →
 * row. A record without a numeric start was never in a period (the
 * `started_at` index leaves it out), so it has no row either.
 */
function daysOf(values) {
  const days = new Map();
  for (const value of values) {
    if (!Number.isFinite(value.started_at)) continue;
    const day = dayOf(value.started_at);
    if (!days.has(day)) days.set(day, new Map());
    days.get(day).set(value.key, rowOf(lineOf(value)));
  }
  return days;
}

/** A day's stored value of `rows` (Map of key → row). */
const dayValue = (day, rows) => ({ day, keys: JSON.stringify([...rows.keys()]), rows: [...rows.values()].join('\n') });

/** A day's stored value as a Map of key → row; null when it is not a day of rows. */
function dayRows(value) {
  try {
    const keys = JSON.parse(value.keys);
    const rows = value.rows === '' ? [] : value.rows.split('\n');
    if (Array.isArray(keys) && keys.length === rows.length) return new Map(keys.map((key, i) => [key, rows[i]]));
  } catch {
    // Not a day of rows.
  }
  return null;
}

/** The open database, opened (and created or upgraded) once per page or worker life. */
function database() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      let refused = null;
      request.onupgradeneeded = (event) => {
        const db = request.result;
        if (event.oldVersion < 1) db.createObjectStore(RECORDS, { keyPath: 'key' }).createIndex(BY_START, 'started_at');
        if (event.oldVersion < 2) {
          db.createObjectStore(DAYS, { keyPath: 'day' });
          if (event.oldVersion < 1) return;
          if (!reportRow) {
            // Opened without the core: stay at version 1 until a caller that has it opens.
            refused = new Error(NO_CORE);
            request.transaction.abort();
            return;
          }
          rowsOfRecords(request.transaction);
        }
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
      request.onerror = () => reject(refused ?? readable('open', request.error));
      request.onblocked = () => reject(new Error('firstline history: the database is in use by an older version of the extension; close its pages'));
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

/**
 * The version-1 upgrade, in its `transaction`: the rows of every stored
 * record, by day. Part of the upgrade, so all of it happens or, failing,
 * none, and the database stays at version 1.
 */
function rowsOfRecords(transaction) {
  const request = transaction.objectStore(RECORDS).getAll();
  request.onsuccess = () => {
    const store = transaction.objectStore(DAYS);
    for (const [day, rows] of daysOf(request.result)) store.put(dayValue(day, rows));
  };
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

/** The result of an IndexedDB `request`, or a readable Error. */
function result(request, what) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(readable(what, request.error));
  });
}

/**
 * Runs `fn` once `requests` (of one transaction, which runs them in order)
 * have all succeeded — at once when there are none — handing what it
 * throws to `fail`. A failed request aborts the transaction instead.
 */
function whenDone(requests, fail, fn) {
  const run = () => {
    try {
      fn();
    } catch (error) {
      fail(error);
    }
  };
  if (requests.length) requests.at(-1).onsuccess = run;
  else run();
}

/**
 * Stores `records` (`[{key, started_at, line}]`: the post's `site:post_id`,
 * when its clock started in ms, and its record as the core's JSON text),
 * replacing the stored record of the same key, and their report rows (made
 * by the core: useCore first). All in one transaction: every record and
 * row is stored, or — on a full disk, a quota, any failure — none, and the
 * promise rejects with a readable Error.
 */
export async function saveRecords(records) {
  if (records.length === 0) return;
  if (!reportRow) throw new Error(NO_CORE);
  const rows = records.map(({ line }) => rowOf(line));
  const db = await database();
  let transaction;
  try {
    transaction = db.transaction([RECORDS, DAYS], 'readwrite');
  } catch (error) {
    throw readable('save', error);
  }
  const done = committed(transaction, 'save');
  let failure = null;
  /** Gives up on the whole batch: nothing of it is stored. */
  const fail = (error) => {
    failure ??= error;
    transaction.abort();
  };
  try {
    const store = transaction.objectStore(RECORDS);
    // Where each record's row is before this batch (asked before the puts).
    const previous = records.length <= FEW ? records.map(({ key }) => store.get(key)) : [];
    const everyDay = previous.length ? [] : [transaction.objectStore(DAYS).getAll()];
    for (const { key, started_at, line } of records) store.put({ key, started_at, line });
    whenDone([...previous, ...everyDay], fail, () => {
      const known = new Map();
      const where = new Map(records.map(({ key }, i) => [key, dayOf(previous[i]?.result?.started_at)]));
      for (const value of everyDay[0]?.result ?? []) {
        const rows = dayRows(value);
        known.set(value.day, rows);
        for (const key of rows?.keys() ?? []) where.set(key, value.day);
      }
      const changes = records.map(({ key, started_at }, i) => {
        const change = { key, row: rows[i], day: dayOf(started_at), from: where.get(key) };
        where.set(key, change.day); // the same post again later in the batch moves from here
        return change;
      });
      writeRows(transaction, changes, known, fail);
    });
  } catch (error) {
    // A bad key or an uncloneable value: nothing of the batch is stored.
    fail(error);
  }
  await done.catch((error) => {
    throw failure ? readable('save', failure) : error;
  });
}

/**
 * Writes `changes` (`[{key, row, day, from}]`, in the order saved: the row
 * of `key` now kept in `day`, and the day it was in before, if any) into
 * the days' values, in `transaction`, whose records are already written.
 * `known` holds the days already read (`day` → Map of key → row, or null
 * for a value that is not a day of rows); the other days touched are read
 * here. A day that is not a day of rows is made again from its records.
 * `fail` gets anything that goes wrong.
 */
function writeRows(transaction, changes, known, fail) {
  const store = transaction.objectStore(DAYS);
  const touched = new Set();
  for (const { day, from } of changes) {
    touched.add(day);
    if (Number.isFinite(from)) touched.add(from);
  }
  const unread = [...touched].filter((day) => !known.has(day));
  const reads = unread.map((day) => store.get(day));
  whenDone(reads, fail, () => {
    unread.forEach((day, i) => known.set(day, reads[i].result === undefined ? new Map() : dayRows(reads[i].result)));
    const broken = [...touched].filter((day) => known.get(day) === null);
    const index = transaction.objectStore(RECORDS).index(BY_START);
    const records = broken.map((day) => index.getAll(range(day * DAY_MS, (day + 1) * DAY_MS)));
    whenDone(records, fail, () => {
      broken.forEach((day, i) => known.set(day, daysOf(records[i].result).get(day) ?? new Map()));
      for (const { key, row, day, from } of changes) {
        if (from !== day) known.get(from)?.delete(key);
        known.get(day).set(key, row);
      }
      for (const day of touched) {
        const rows = known.get(day);
        if (rows.size) store.put(dayValue(day, rows));
        else store.delete(day);
      }
    });
  });
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
  const store = db.transaction(RECORDS, 'readonly').objectStore(RECORDS);
  // Everything: the store itself, without the index's extra lookup per record.
  const values = await result(from == null && to == null ? store.getAll() : store.index(BY_START).getAll(range(from, to)), 'read');
  return values.map(lineOf);
}

/**
 * The report rows of the records whose clock started on the UTC days that
 * `[from, to)` (ms) touches: `{rows, unreadable, problems}`, `rows` texts
 * of rows a line each (a day's; the core's `historyReportRows` keeps those
 * of the exact period). A day's value that is not a day of rows is
 * skipped: it counts in `unreadable` as the records of the period it held
 * (counted in the records, which keep them whole), and `problems` says
 * which day.
 */
export async function readReportRows({ from, to }) {
  const rows = [];
  const skipped = [];
  if (to <= from) return { rows, unreadable: 0, problems: [] };
  const db = await database();
  const days = db.transaction(DAYS, 'readonly').objectStore(DAYS).getAll(IDBKeyRange.bound(dayOf(from), dayOf(to - 1)));
  for (const value of await result(days, 'read')) {
    if (typeof value?.rows === 'string') rows.push(value.rows);
    else skipped.push(value.day);
  }
  if (!skipped.length) return { rows, unreadable: 0, problems: [] };
  const index = db.transaction(RECORDS, 'readonly').objectStore(RECORDS).index(BY_START);
  const counts = await Promise.all(skipped.map((day) => result(index.count(
    range(Math.max(day * DAY_MS, from), Math.min((day + 1) * DAY_MS, to))), 'read')));
  return {
    rows,
    unreadable: counts.reduce((sum, n) => sum + n, 0),
    problems: skipped.map((day, i) => `${new Date(day * DAY_MS).toISOString().slice(0, 10)} (UTC): `
      + `the day's report rows could not be read; its ${counts[i]} records are left out`),
  };
}

/** How many records are stored. */
export async function countRecords() {
  const db = await database();
  return result(db.transaction(RECORDS, 'readonly').objectStore(RECORDS).count(), 'count');
}
