/**
 * Progress in lab scenarios: goals met (for good, once met), hints revealed, completion.
 *
 * Records are validated on read (lab-records.ts). A damaged record reads as no progress, with the
 * problem reported; the first write over it moves it aside under `damaged-progress:<slug>` in the
 * settings table, so it stays inspectable and other scenarios are untouched.
 */
import type { LabDatabase, LabProgressRecord } from './lab-db';
import { type LabRecordChecks, loadLabRecordChecks } from './lab-record-checks';
import type { LabRecordProblem } from './lab-records';

/** A scenario's progress as read: the record (fresh when there is none), and the problem if the stored one was damaged. */
export interface LabProgressRead {
  readonly record: LabProgressRecord;
  readonly problem: LabRecordProblem | null;
}

function freshProgress(slug: string, now: number): LabProgressRecord {
  return { slug, goalsMet: {}, hintsRevealed: 0, startedAt: now, completedAt: null, updatedAt: now };
}

/** The setting key a damaged progress record of `slug` is kept under. */
export function damagedProgressKey(slug: string): string {
  return `damaged-progress:${slug}`;
}

/** A scenario's progress, validated; a fresh record when there is none or it is damaged. */
export async function readLabProgress(db: LabDatabase, slug: string, now: number): Promise<LabProgressRead> {
  return progressFromStored(await db.progress.get(slug), slug, now);
}

/**
 * A stored progress record (`undefined`: none), read as readLabProgress reads it; for a row read
 * without Dexie (read-only.ts). Loads the validators only when there is a record.
 */
export async function progressFromStored(raw: unknown, slug: string, now: number): Promise<LabProgressRead> {
  if (raw === undefined) return { record: freshProgress(slug, now), problem: null };
  return checkProgress(await loadLabRecordChecks(), raw, slug, now);
}

function checkProgress(checks: LabRecordChecks, raw: unknown, slug: string, now: number): LabProgressRead {
  if (raw === undefined) return { record: freshProgress(slug, now), problem: null };
  const read = checks.readProgressRecord(raw);
  return read.ok ? { record: read.record, problem: null } : { record: freshProgress(slug, now), problem: read.problem };
}

/** A scenario's progress, or a fresh record when there is none (or it is damaged). */
export async function getLabProgress(db: LabDatabase, slug: string, now: number): Promise<LabProgressRecord> {
  return (await readLabProgress(db, slug, now)).record;
}

/** Every scenario's progress that reads as valid (a damaged record is left out, not trusted). */
export async function listLabProgress(db: LabDatabase): Promise<LabProgressRecord[]> {
  const records: unknown[] = await db.progress.toArray();
  if (records.length === 0) return [];
  const { readProgressRecord } = await loadLabRecordChecks();
  return records.flatMap((raw) => {
    const read = readProgressRecord(raw);
    return read.ok ? [read.record] : [];
  });
}

/**
 * One change to a scenario's progress. Each is idempotent (goals met stay met, hints are a count
 * to reach), so a change that failed to save is simply applied again on retry.
 */
export type LabProgressChange =
  | { readonly type: 'goals-met'; readonly goalIds: readonly string[]; readonly allGoalIds: readonly string[]; readonly at: number }
  | { readonly type: 'hints-revealed'; readonly count: number; readonly at: number }
  | { readonly type: 'restarted'; readonly at: number };

/** Applies changes in order to a record (pure: also how the lab shows changes not saved yet). */
export function applyProgressChanges(record: LabProgressRecord, changes: readonly LabProgressChange[]): LabProgressRecord {
  let current = record;
  for (const change of changes) {
    if (change.type === 'goals-met') {
      const goalsMet = { ...current.goalsMet };
      let changed = false;
      for (const id of change.goalIds) {
        if (goalsMet[id] === undefined) {
          goalsMet[id] = change.at;
          changed = true;
        }
      }
      const complete = change.allGoalIds.length > 0 && change.allGoalIds.every((id) => goalsMet[id] !== undefined);
      const completedAt = current.completedAt ?? (complete ? change.at : null);
      current = { ...current, goalsMet, completedAt, updatedAt: changed || completedAt !== current.completedAt ? change.at : current.updatedAt };
    } else if (change.type === 'hints-revealed') {
      if (change.count > current.hintsRevealed) current = { ...current, hintsRevealed: change.count, updatedAt: change.at };
    } else {
      // A scenario completed once stays completed.
      current = { ...current, goalsMet: {}, hintsRevealed: 0, startedAt: change.at, updatedAt: change.at };
    }
  }
  return current;
}

/** Saves changes to a scenario's progress in one transaction; returns the stored record. */
export async function saveLabProgress(db: LabDatabase, slug: string, changes: readonly LabProgressChange[], now: number): Promise<LabProgressRecord> {
  const checks = await loadLabRecordChecks();
  return db.transaction('rw', db.progress, db.settings, async () => {
    const raw: unknown = await db.progress.get(slug);
    const read = checkProgress(checks, raw, slug, now);
    if (read.problem !== null) await db.settings.put({ key: damagedProgressKey(slug), value: JSON.stringify(raw) });
    const record = applyProgressChanges(read.record, changes);
    await db.progress.put(record);
    return record;
  });
}

/**
 * Records goals met now (goals already met keep their time); marks the scenario complete when
 * every goal of `allGoalIds` is met. Returns the stored record.
 */
export async function recordGoalsMet(db: LabDatabase, slug: string, metNow: readonly string[], allGoalIds: readonly string[], now: number): Promise<LabProgressRecord> {
  return saveLabProgress(db, slug, [{ type: 'goals-met', goalIds: metNow, allGoalIds, at: now }], now);
}

/** Records that one more hint was revealed (up to `total`). */
export async function revealHint(db: LabDatabase, slug: string, total: number, now: number): Promise<LabProgressRecord> {
  const current = await getLabProgress(db, slug, now);
  return saveLabProgress(db, slug, [{ type: 'hints-revealed', count: Math.min(total, current.hintsRevealed + 1), at: now }], now);
}

/**
 * Restarting a scenario with a fresh world: its goals and hints start again, but a scenario
 * completed once stays completed.
 */
export async function restartLabProgress(db: LabDatabase, slug: string, now: number): Promise<LabProgressRecord> {
  return saveLabProgress(db, slug, [{ type: 'restarted', at: now }], now);
}
