/**
 * Whether this browser keeps what AMI Lab stores, and for how long. No Dexie here: lesson pages load
 * this with the notice, and it must stay a few hundred bytes.
 */

/** Why a storage call failed, in the learner's terms. */
export type StorageFailure = 'full' | 'unavailable';

/**
 * Sorts a storage error: a full disk (QuotaExceededError, also when Dexie wraps it as `inner`) or
 * storage that is not there at all (private browsing, turned off, blocked for this site).
 */
export function classifyStorageFailure(error: unknown): StorageFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth += 1) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return 'full';
    current = inner;
  }
  return 'unavailable';
}

/** What the browser says about keeping this site's data under storage pressure. */
export type PersistenceStatus = 'persisted' | 'best-effort' | 'unsupported';

function storageManager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.persisted === 'function' ? navigator.storage : undefined;
}

/** Whether the browser has promised to keep this site's data (without asking). */
export async function persistenceStatus(): Promise<PersistenceStatus> {
  const manager = storageManager();
  if (!manager) return 'unsupported';
  try {
    return (await manager.persisted()) ? 'persisted' : 'best-effort';
  } catch {
    return 'unsupported';
  }
}

/**
 * Asks the browser to keep this site's data even when space runs low. Chromium decides by how much
 * the site is used (no prompt); Firefox asks the learner. The answer can be no: progress is then
 * kept "best effort", and an export is the backup.
 */
export async function requestPersistence(): Promise<PersistenceStatus> {
  const manager = storageManager();
  if (!manager || typeof manager.persist !== 'function') return 'unsupported';
  try {
    return (await manager.persist()) ? 'persisted' : 'best-effort';
  } catch {
    return 'unsupported';
  }
}

/** Bytes used and available to this site, when the browser tells. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const manager = storageManager();
  if (!manager || typeof manager.estimate !== 'function') return null;
  try {
    const { usage, quota } = await manager.estimate();
    return usage === undefined || quota === undefined ? null : { usage, quota };
  } catch {
    return null;
  }
}
