/**
 * Saved lab worlds, one per slot (the sandbox, each scenario), with the console and the view.
 *
 * Several tabs: the tab that opens a slot claims it, and only after it has read and restored the
 * stored world (a tab that could not read it must not take the slot from one that can). Every
 * stored world carries a revision; a claim or a save names the revision it started from and is
 * refused when the stored one has moved on, and a save from a tab that no longer owns the slot is
 * refused too. So an older world never replaces a newer one, whatever order tabs act in. Who owns
 * a slot right now is negotiated between tabs by the lab island (Web Locks, BroadcastChannel);
 * these checks are the backstop that holds when that negotiation races.
 *
 * Records are validated on read (lab-records.ts). A damaged record is never fed to the lab, and
 * never silently dropped: claiming its slot moves it aside under the `damaged-session:<slot>`
 * setting, where it stays for inspection, and the lab starts that slot fresh.
 */
import type { LabDatabase, LabSessionRecord } from './lab-db';
import { type LabRecordChecks, loadLabRecordChecks } from './lab-record-checks';
import type { LabRecordProblem } from './lab-records';

/** The most console entries and commands kept. */
export const TRANSCRIPT_LIMIT = 300;
export const COMMAND_HISTORY_LIMIT = 200;

/** What a slot holds. */
export type LabSlotRead =
  | { readonly kind: 'empty' }
  | { readonly kind: 'saved'; readonly record: LabSessionRecord }
  | { readonly kind: 'damaged'; readonly problem: LabRecordProblem };

/** Result of a claim. */
export type ClaimSessionResult = { readonly ok: true; readonly revision: number } | { readonly ok: false; readonly reason: 'changed'; readonly revision: number };

/** Result of a save. */
export type SaveSessionResult =
  | { readonly ok: true; readonly revision: number }
  | { readonly ok: false; readonly reason: 'taken-over'; readonly ownerTab: string }
  | { readonly ok: false; readonly reason: 'newer-world'; readonly revision: number };

/** A world to save: the record without its revision, which the save assigns. */
export type LabSessionDraft = Omit<LabSessionRecord, 'revision'>;

/** The setting key a damaged session of `slot` is kept under. */
export function damagedSessionKey(slot: string): string {
  return `damaged-session:${slot}`;
}

/** Reads a slot's saved session, validated. */
export async function readLabSession(db: LabDatabase, slot: string): Promise<LabSlotRead> {
  return sessionFromStored(await db.sessions.get(slot));
}

/**
 * A stored session (`undefined`: none), read as readLabSession reads it; for a row read without
 * Dexie (read-only.ts). Loads the validators only when there is a record.
 */
export async function sessionFromStored(raw: unknown): Promise<LabSlotRead> {
  if (raw === undefined) return { kind: 'empty' };
  const { readSessionRecord } = await loadLabRecordChecks();
  const read = readSessionRecord(raw);
  return read.ok ? { kind: 'saved', record: read.record } : { kind: 'damaged', problem: read.problem };
}

/** Inside a transaction: the stored record, with a damaged one moved aside (treated as absent). */
async function currentRecord(db: LabDatabase, slot: string, checks: LabRecordChecks): Promise<LabSessionRecord | undefined> {
  const raw: unknown = await db.sessions.get(slot);
  if (raw === undefined) return undefined;
  const read = checks.readSessionRecord(raw);
  if (read.ok) return read.record;
  await db.settings.put({ key: damagedSessionKey(slot), value: JSON.stringify(raw) });
  await db.sessions.delete(slot);
  return undefined;
}

/**
 * Makes `tabId` the writer of the slot, provided the stored world is still the one it read
 * (`baseRevision`; 0 for an empty or damaged slot). `changed` means another tab saved since: read
 * and restore again.
 */
export async function claimLabSession(db: LabDatabase, slot: string, tabId: string, baseRevision: number, now: number): Promise<ClaimSessionResult> {
  const checks = await loadLabRecordChecks();
  return db.transaction('rw', db.sessions, db.settings, async () => {
    const existing = await currentRecord(db, slot, checks);
    if (existing === undefined) return { ok: true, revision: 0 } as const;
    if (existing.revision !== baseRevision) return { ok: false, reason: 'changed', revision: existing.revision } as const;
    await db.sessions.put({ ...existing, ownerTab: tabId, updatedAt: now });
    return { ok: true, revision: existing.revision } as const;
  });
}

/**
 * Saves a world that started from `baseRevision`, unless another tab has claimed the slot since
 * (`taken-over`) or a newer world is stored (`newer-world`). Returns the new revision.
 *
 * `claim`: the save also claims the slot, for a tab that opened it without writing (the lab reads
 * a slot without Dexie, see islands/lab/lab-session-effects.ts, and claims it with its first
 * save): whichever tab wrote it last, it becomes this tab's, provided the stored world is still
 * the one this tab read (no revision after `baseRevision`).
 */
export async function saveLabSession(db: LabDatabase, draft: LabSessionDraft, baseRevision: number, options: { readonly claim?: boolean } = {}): Promise<SaveSessionResult> {
  const checks = await loadLabRecordChecks();
  return db.transaction('rw', db.sessions, db.settings, async () => {
    const existing = await currentRecord(db, draft.slot, checks);
    if (existing !== undefined && existing.ownerTab !== draft.ownerTab && options.claim !== true) return { ok: false, reason: 'taken-over', ownerTab: existing.ownerTab } as const;
    if (existing !== undefined && existing.revision > baseRevision) return { ok: false, reason: 'newer-world', revision: existing.revision } as const;
    const revision = Math.max(existing?.revision ?? 0, baseRevision) + 1;
    await db.sessions.put({
      ...draft,
      transcript: draft.transcript.slice(-TRANSCRIPT_LIMIT),
      commandHistory: draft.commandHistory.slice(-COMMAND_HISTORY_LIMIT),
      revision,
    });
    return { ok: true, revision } as const;
  });
}

/**
 * Moves a stored world this tab cannot restore (e.g. written by a newer version of the site) aside
 * under `damaged-session:<slot>`, provided it is still revision `revision`, so the slot can start
 * fresh without destroying it. `changed` means another tab saved since: read again.
 */
export async function setAsideLabSession(db: LabDatabase, slot: string, revision: number): Promise<ClaimSessionResult> {
  const checks = await loadLabRecordChecks();
  return db.transaction('rw', db.sessions, db.settings, async () => {
    const existing = await currentRecord(db, slot, checks);
    if (existing === undefined) return { ok: true, revision: 0 } as const;
    if (existing.revision !== revision) return { ok: false, reason: 'changed', revision: existing.revision } as const;
    await db.settings.put({ key: damagedSessionKey(slot), value: JSON.stringify(existing) });
    await db.sessions.delete(slot);
    return { ok: true, revision: 0 } as const;
  });
}

/** Deletes a slot's session. */
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

/**
 * A message between lab tabs about a slot: a tab that wants the slot says `claiming`; the owner
 * saves what it has not saved yet, lets go, and says `released`.
 */
export type LabTabMessage =
  | { readonly type: 'claiming'; readonly slot: string; readonly tabId: string }
  | { readonly type: 'released'; readonly slot: string; readonly tabId: string };

/** Channel name for lab tabs. */
export const LAB_CHANNEL = 'ami-lab-sessions';
