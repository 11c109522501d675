/** Progress in lab scenarios: goals met (for good, once met), hints revealed, completion. */
import type { LabDatabase, LabProgressRecord } from './lab-db';

/** A scenario's progress, or a fresh record when there is none. */
export async function getLabProgress(db: LabDatabase, slug: string, now: number): Promise<LabProgressRecord> {
  return (await db.progress.get(slug)) ?? { slug, goalsMet: {}, hintsRevealed: 0, startedAt: now, completedAt: null, updatedAt: now };
}

/** Every scenario's progress. */
export async function listLabProgress(db: LabDatabase): Promise<LabProgressRecord[]> {
  return db.progress.toArray();
}

/**
 * Records goals met now (goals already met keep their time); marks the scenario complete when
 * every goal of `allGoalIds` is met. Returns the stored record.
 */
export async function recordGoalsMet(
  db: LabDatabase,
  slug: string,
  metNow: readonly string[],
  allGoalIds: readonly string[],
  now: number,
): Promise<LabProgressRecord> {
  return db.transaction('rw', db.progress, async () => {
    const current = await getLabProgress(db, slug, now);
    const goalsMet = { ...current.goalsMet };
    let changed = false;
    for (const id of metNow) {
      if (goalsMet[id] === undefined) {
        goalsMet[id] = now;
        changed = true;
      }
    }
    const complete = allGoalIds.length > 0 && allGoalIds.every((id) => goalsMet[id] !== undefined);
    const completedAt = current.completedAt ?? (complete ? now : null);
    const record: LabProgressRecord = { ...current, goalsMet, completedAt, updatedAt: changed || completedAt !== current.completedAt ? now : current.updatedAt };
    await db.progress.put(record);
    return record;
  });
}

/** Records that one more hint was revealed (up to `total`). */
export async function revealHint(db: LabDatabase, slug: string, total: number, now: number): Promise<LabProgressRecord> {
  return db.transaction('rw', db.progress, async () => {
    const current = await getLabProgress(db, slug, now);
    const record = { ...current, hintsRevealed: Math.min(total, current.hintsRevealed + 1), updatedAt: now };
    await db.progress.put(record);
    return record;
  });
}

/**
 * Restarting a scenario with a fresh world: its goals and hints start again, but a scenario
 * completed once stays completed.
 */
export async function restartLabProgress(db: LabDatabase, slug: string, now: number): Promise<LabProgressRecord> {
  return db.transaction('rw', db.progress, async () => {
    const current = await getLabProgress(db, slug, now);
    const record: LabProgressRecord = { ...current, goalsMet: {}, hintsRevealed: 0, startedAt: now, updatedAt: now };
    await db.progress.put(record);
    return record;
  });
}
