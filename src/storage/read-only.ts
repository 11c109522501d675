/**
 * A read-only look into a database with the browser's own IndexedDB API, for a page's first paint:
 * a few hundred bytes instead of Dexie (about 30 KB gzip), which the page loads only once the
 * learner acts or something must be written. It never creates a database (the upgrade a new one
 * would need is aborted), never upgrades one and closes its connection at once, so it cannot get in
 * the way of Dexie in this or another tab.
 *
 * Rows come back as stored (`unknown`): callers validate them as storage/ does (records.ts).
 */
// records.ts and lab-db.ts are imported for their types only: this module must not load zod or Dexie.
import type { LabProgressRecord } from './lab-db';
import type { ReviewCardRecord } from './records';

/** Opens an existing database read-only in spirit (no upgrade, no creation); null: no such database. */
function openExisting(name: string): Promise<IDBDatabase | null> {
  // Opened even when indexedDB.databases() would say there is none: storage the browser refuses
  // must fail here, where the page says so, not at the learner's first save.
  return new Promise<IDBDatabase | null>((resolve, reject) => {
    const request = indexedDB.open(name);
    // Only a database that does not exist gets an upgrade here: abort it, so none is created.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
    request.onblocked = () => reject(new DOMException('The database is blocked by another tab.', 'UnknownError'));
  });
}

/**
 * One request per store present in `db`, all in one read-only transaction (one consistent moment),
 * each result handed to `keep`. Stores the database does not have are left out.
 */
async function readEach<S extends string>(
  db: IDBDatabase,
  stores: readonly S[],
  request: (store: IDBObjectStore) => IDBRequest,
  keep: (store: S, result: unknown) => void,
): Promise<void> {
  const present = stores.filter((s) => db.objectStoreNames.contains(s));
  if (present.length === 0) return;
  const transaction = db.transaction(present, 'readonly');
  await Promise.all(
    present.map(
      (s) =>
        new Promise<void>((resolve, reject) => {
          const pending = request(transaction.objectStore(s));
          pending.onsuccess = () => {
            keep(s, pending.result);
            resolve();
          };
          pending.onerror = () => reject(pending.error);
        }),
    ),
  );
}

/** Every row of each named store; a store the database does not have yet reads as empty. null: no such database. */
export async function readStores<const S extends string>(name: string, stores: readonly S[]): Promise<Record<S, unknown[]> | null> {
  const db = await openExisting(name);
  if (!db) return null;
  try {
    const rows = {} as Record<S, unknown[]>;
    for (const s of stores) rows[s] = [];
    await readEach(
      db,
      stores,
      (store) => store.getAll(),
      (s, result) => {
        rows[s] = result as unknown[];
      },
    );
    return rows;
  } finally {
    db.close();
  }
}

/**
 * The rows stored under `key` in each named store, read in one transaction (one consistent
 * moment); undefined for a row, a store or a database that does not exist.
 */
export async function readRecords<const S extends string>(name: string, stores: readonly S[], key: string): Promise<Record<S, unknown>> {
  const rows = {} as Record<S, unknown>;
  const db = await openExisting(name);
  if (!db) return rows;
  try {
    await readEach(
      db,
      stores,
      (store) => store.get(key),
      (s, result) => {
        rows[s] = result;
      },
    );
    return rows;
  } finally {
    db.close();
  }
}

async function databaseExists(name: string): Promise<boolean | null> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
    return (await indexedDB.databases()).some((d) => d.name === name);
  } catch {
    return null;
  }
}

/**
 * Calls `changed` whenever Dexie in another tab writes to any database (Dexie tells its live
 * queries over this BroadcastChannel), and when the page comes back from the back/forward cache:
 * a page that reads with readStores stays as live as one that watches with Dexie. Returns a
 * function that stops listening.
 */
export function onStorageChange(changed: () => void): () => void {
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      changed();
    }, 50);
  };
  const restored = (event: PageTransitionEvent) => {
    if (event.persisted) soon();
  };
  addEventListener('pageshow', restored);
  // Dexie 4's channel (STORAGE_MUTATED_DOM_EVENT_NAME in dexie.mjs); tests/unit pins the name.
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(DEXIE_CHANGE_CHANNEL);
  if (channel) channel.onmessage = soon;
  return () => {
    removeEventListener('pageshow', restored);
    channel?.close();
  };
}

/** The BroadcastChannel Dexie 4 announces its writes on. */
export const DEXIE_CHANGE_CHANNEL = 'x-storagemutated-1';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);

/**
 * The same test as reviewCardRecordSchema (records.ts) without zod, for the home page's count: a
 * row that the review page would skip is skipped here too, so both count the same.
 * tests/unit/storage/read-only.test.ts checks that the two agree.
 */
export function isReviewCardRecord(row: unknown): row is ReviewCardRecord {
  if (typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  if (typeof r.questionId !== 'string' || !isNumber(r.updatedAt) || !isNumber(r.introducedAt)) return false;
  const c = r.card;
  if (typeof c !== 'object' || c === null) return false;
  const card = c as Record<string, unknown>;
  return (
    isNumber(card.due) &&
    isNumber(card.stability) &&
    isNumber(card.difficulty) &&
    isNumber(card.elapsedDays) &&
    isNumber(card.scheduledDays) &&
    isNumber(card.learningSteps) &&
    isInteger(card.reps) &&
    isInteger(card.lapses) &&
    isInteger(card.state) &&
    card.state >= 0 &&
    card.state <= 3 &&
    (card.lastReview === null || isNumber(card.lastReview))
  );
}

/**
 * The same test as labProgressSchema (lab-records.ts) without zod, for the scenario badges on the
 * home page and the lab index: a record the lab itself would refuse counts as no progress here too.
 * tests/unit/storage/read-only.test.ts checks that the two agree.
 */
export function isLabProgressRecord(row: unknown): row is LabProgressRecord {
  if (typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  const goals = r.goalsMet;
  return (
    typeof r.slug === 'string' &&
    r.slug.length > 0 &&
    typeof goals === 'object' &&
    goals !== null &&
    !Array.isArray(goals) &&
    Object.values(goals).every(isNumber) &&
    isInteger(r.hintsRevealed) &&
    r.hintsRevealed >= 0 &&
    isNumber(r.startedAt) &&
    (r.completedAt === null || isNumber(r.completedAt)) &&
    isNumber(r.updatedAt)
  );
}

/** The lab's database (LAB_DATABASE_NAME in lab-db.ts, which loads Dexie; the unit test pins it). */
export const LAB_DATABASE = 'ami-lab-lab';

/** Whether the lab's database exists: null when the browser cannot tell. */
export function labDatabaseExists(): Promise<boolean | null> {
  return databaseExists(LAB_DATABASE);
}
