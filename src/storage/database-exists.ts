/**
 * Whether this browser already holds the study database, asked without loading Dexie (a few bytes
 * on every lesson page): a lesson page restores the learner's earlier quiz answers at once when
 * there may be some, and loads nothing for a first-time visitor.
 */
/** The study database's name (db.ts opens it under this name). */
export const DATABASE_NAME = 'ami-lab';

/** true or false when the browser can tell; null when it cannot (no `databases()`, or it failed). */
export async function studyDatabaseExists(): Promise<boolean | null> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
    const list = await indexedDB.databases();
    return list.some((d) => d.name === DATABASE_NAME);
  } catch {
    // Storage refused for the site: the quiz works without restoring, and the first save says so.
    return false;
  }
}
