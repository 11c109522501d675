/**
 * Saved lab worlds, one per slot (the sandbox, each scenario), with the console and the view.
 *
 * Several tabs: the tab that opens a slot claims it; a save from a tab that no longer owns the
 * slot is refused (`taken-over`), so two tabs never overwrite each other's world. The lab tells the
 * learner, who can take over again. A BroadcastChannel carries claims so the other tab knows at
 * once rather than at its next save.
 */
import type { LabDatabase, LabSessionRecord } from './lab-db';

/** The most console entries and commands kept. */
export const TRANSCRIPT_LIMIT = 300;
export const COMMAND_HISTORY_LIMIT = 200;

/** Result of a save. */
export type SaveSessionResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'taken-over'; readonly ownerTab: string };

/** Reads a slot's saved session. */
export async function loadLabSession(db: LabDatabase, slot: string): Promise<LabSessionRecord | undefined> {
  return db.sessions.get(slot);
}

/** Makes `tabId` the writer of the slot and returns the record as it is now (if any). */
export async function claimLabSession(db: LabDatabase, slot: string, tabId: string, now: number): Promise<LabSessionRecord | undefined> {
  return db.transaction('rw', db.sessions, async () => {
    const existing = await db.sessions.get(slot);
    if (existing === undefined) return undefined;
    const claimed = { ...existing, ownerTab: tabId, updatedAt: now };
    await db.sessions.put(claimed);
    return claimed;
  });
}

/** Saves a session unless another tab has claimed the slot since. */
export async function saveLabSession(db: LabDatabase, record: LabSessionRecord): Promise<SaveSessionResult> {
  return db.transaction('rw', db.sessions, async () => {
    const existing = await db.sessions.get(record.slot);
    if (existing !== undefined && existing.ownerTab !== record.ownerTab) return { ok: false, reason: 'taken-over', ownerTab: existing.ownerTab } as const;
    await db.sessions.put({
      ...record,
      transcript: record.transcript.slice(-TRANSCRIPT_LIMIT),
      commandHistory: record.commandHistory.slice(-COMMAND_HISTORY_LIMIT),
    });
    return { ok: true } as const;
  });
}

/** Deletes a slot's session (Reset). */
export async function deleteLabSession(db: LabDatabase, slot: string): Promise<void> {
  await db.sessions.delete(slot);
}

/** Remembers the scenario open last (null: the sandbox). */
export async function setOpenScenario(db: LabDatabase, slug: string | null): Promise<void> {
  await db.settings.put({ key: 'open-scenario', value: slug });
}

/** The scenario open last, or null. */
export async function getOpenScenario(db: LabDatabase): Promise<string | null> {
  return (await db.settings.get('open-scenario'))?.value ?? null;
}

/** A message between tabs about a slot. */
export interface LabTabMessage {
  readonly type: 'claimed';
  readonly slot: string;
  readonly tabId: string;
}

/** Channel name for lab tabs. */
export const LAB_CHANNEL = 'ami-lab-sessions';
