/**
 * The lab session chart's effects in the browser: IndexedDB (through storage/lab-*.ts), the
 * ownership negotiation between tabs, and restoring worlds. Provided to lab-session.machine.ts,
 * which stays pure.
 */
import { fromPromise } from 'xstate';
import type { Cloud } from '../../simulator/cloud-core';
import type { LabDatabase, LabProgressRecord, LabSessionRecord, LabViewState } from '../../storage/lab-db';
import { type LabProgressChange, saveLabProgress } from '../../storage/lab-progress';
import {
  type ClaimSessionResult,
  claimLabSession,
  type LabSlotRead,
  readLabSession,
  type SaveSessionResult,
  saveLabSession,
  sessionFromStored,
  setAsideLabSession,
  setOpenScenario,
} from '../../storage/lab-sessions';
import { LAB_DATABASE, readRecords } from '../../storage/read-only';
import { classifyStorageFailure } from '../../storage/storage-health';
import { downloadFailedText } from '../shared/download-failed';
import type { OpenOutcome, Problem, SessionData } from './lab-session.machine';
import { freshCloud, restoreSaved } from './session';
import type { SlotOwnership } from './slot-ownership';
import type { ScenarioProps } from './types';

/** A world as this tab stored it, with what the learner saw around it. */
export interface StoredWorld {
  readonly world: string;
  readonly view: LabViewState;
}

interface Environment {
  readonly slot: string;
  readonly tabId: string;
  readonly scenario: ScenarioProps | null;
  readonly initialView: LabViewState;
  /** The lab database (Dexie), downloaded on first use: the first write, or a save to set aside. */
  readonly database: () => Promise<LabDatabase>;
  readonly ownership: SlotOwnership;
  /**
   * Told of each world this tab has stored, as soon as it is stored (before the chart hears of it,
   * so before "All changes saved" shows): a lab package keeps its LMS's suspend data in step.
   */
  readonly onSaved?: (saved: StoredWorld) => void;
}

/**
 * Whether this tab has written its claim on the slot. A slot is opened without Dexie (read-only.ts)
 * and claimed by its first save (saveLabSession's `claim`), so a page that is only looked at loads
 * no database code: the world is drawn from one read, and Dexie comes with the learner's first
 * change. Tabs still hand the slot over when one opens (slot-ownership.ts), and the revision
 * still refuses an older world over a newer one, whichever tab saves first.
 */
interface ClaimState {
  claimed: boolean;
}

/** A dynamic import that failed: a part of the lab could not be downloaded. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported|Failed to fetch/i.test(message);
}

function errorText(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return typeof name === 'string' && name !== 'Error' ? `${name}: ${String(message)}` : String(message);
  }
  return String(error);
}

/**
 * A storage (or download) error in the learner's words. `openingFailures`: the lab could not be
 * opened, that many times in a row; this tab has no world yet that a reload could lose.
 */
export function describeProblem(error: unknown, openingFailures?: number): Problem {
  if (isChunkLoadError(error)) {
    // Any other failure (a save) is a first one: a reload could lose what the save did not keep.
    return { failure: 'other', message: downloadFailedText('Part of the lab', openingFailures ?? 1, { nothingToLose: true }) };
  }
  if (classifyStorageFailure(error) === 'full') {
    return { failure: 'full', message: 'This browser’s storage is full. Free some space, or delete old data on the progress page.' };
  }
  return { failure: 'unavailable', message: `This browser did not let the lab store it (${errorText(error)}).` };
}

function draftOf(env: Environment, data: SessionData) {
  return {
    slot: env.slot,
    world: data.cloud.save(),
    commandHistory: [...data.history],
    transcript: [...data.transcript],
    view: data.view,
    ownerTab: env.tabId,
    updatedAt: Date.now(),
  };
}

/** Opens the slot: waits for it, reads and restores the stored world (without Dexie when it can), claims it. */
async function openSlot(env: Environment, claim: ClaimState): Promise<OpenOutcome> {
  await env.ownership.acquire();
  let stored: unknown;
  try {
    ({ sessions: stored } = await readRecords(LAB_DATABASE, ['sessions'], env.slot));
  } catch (error) {
    // The browser keeps nothing here (private window, storage blocked): the simulator needs no
    // storage, so the lab runs in memory for the visit.
    const cloud = await freshCloud(env.scenario, 1);
    return { kind: 'no-storage', data: { cloud, view: env.initialView, transcript: [], history: [] }, failure: classifyStorageFailure(error), error };
  }
  const read = await sessionFromStored(stored);
  if (read.kind === 'empty') {
    // Nothing to claim: the first save (revision 0 → 1) is refused if another tab saved first.
    claim.claimed = false;
    const cloud = await freshCloud(env.scenario, 1);
    return { kind: 'opened', data: { cloud, view: env.initialView, transcript: [], history: [] }, revision: 0, restored: false, notice: null };
  }
  if (read.kind === 'saved') {
    // The save reader first: if it cannot be downloaded the lab says so (and offers Retry),
    // rather than taking a readable save for a damaged one.
    await import('../../simulator/model/persistence');
    const result = await restoreSaved(read.record.world);
    if (result.ok) {
      // Claimed by the first save, which is refused if another tab saved since this read.
      claim.claimed = false;
      return reopened(result.cloud, read.record, read.record.revision, null);
    }
  }
  // A save this tab cannot use is moved aside at once, which takes the database.
  return openWithDatabase(env, claim);
}

/** The slot opened on a restored save: its world, view, console transcript and history. */
function reopened(cloud: Cloud, record: LabSessionRecord, revision: number, notice: string | null): OpenOutcome {
  return { kind: 'opened', data: { cloud, view: record.view, transcript: record.transcript, history: record.commandHistory }, revision, restored: true, notice };
}

/** Opens the slot with Dexie, claiming it now: for a save to set aside (damaged, or unreadable here). */
async function openWithDatabase(env: Environment, claim: ClaimState): Promise<OpenOutcome> {
  const db = await env.database();
  try {
    await db.open();
  } catch (error) {
    const cloud = await freshCloud(env.scenario, 1);
    return { kind: 'no-storage', data: { cloud, view: env.initialView, transcript: [], history: [] }, failure: classifyStorageFailure(error), error };
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const read: LabSlotRead = await readLabSession(db, env.slot);
    let notice: string | null = null;
    let restored: { cloud: Cloud; record: LabSessionRecord } | null = null;
    let result: ClaimSessionResult;
    if (read.kind === 'saved') {
      await import('../../simulator/model/persistence');
      const restoredSave = await restoreSaved(read.record.world);
      if (restoredSave.ok) {
        restored = { cloud: restoredSave.cloud, record: read.record };
        // Claimed only now that it is restored, and only if no tab saved since it was read.
        result = await claimLabSession(db, env.slot, env.tabId, read.record.revision, Date.now());
      } else {
        notice = `Your saved world could not be read (${restoredSave.message}), so a fresh one was started. The old save is kept aside in this browser’s lab database.`;
        result = await setAsideLabSession(db, env.slot, read.record.revision);
      }
    } else if (read.kind === 'damaged') {
      notice = `Your saved world could not be read (${read.problem.message}), so a fresh one was started. The damaged save is kept aside in this browser’s lab database.`;
      // The claim moves the damaged record aside.
      result = await claimLabSession(db, env.slot, env.tabId, 0, Date.now());
    } else {
      result = { ok: true, revision: 0 };
    }
    if (!result.ok) continue;
    // An empty slot is claimed by its first save; a claimed one is this tab's already.
    claim.claimed = read.kind !== 'empty' && restored !== null;
    if (env.scenario !== null) await setOpenScenario(db, env.scenario.slug);
    if (restored !== null) return reopened(restored.cloud, restored.record, result.revision, notice);
    const cloud = await freshCloud(env.scenario, 1);
    return { kind: 'opened', data: { cloud, view: env.initialView, transcript: [], history: [] }, revision: result.revision, restored: false, notice };
  }
  throw new Error('Another tab kept changing this lab while it was opening. Try again.');
}

/**
 * Saves the world; the first save of a slot opened without writing claims it, and records the
 * scenario as the one open last (for "Continue where you left off").
 */
async function saveWorld(env: Environment, claim: ClaimState, data: SessionData, baseRevision: number): Promise<SaveSessionResult> {
  const db = await env.database();
  const draft = draftOf(env, data);
  const result = await saveLabSession(db, draft, baseRevision, claim.claimed ? {} : { claim: true });
  if (!result.ok) return result;
  env.onSaved?.({ world: draft.world, view: draft.view });
  if (!claim.claimed) {
    claim.claimed = true;
    if (env.scenario !== null) await setOpenScenario(db, env.scenario.slug);
  }
  return result;
}

/** The chart's actors, bound to this page's slot, tab and database. */
export function sessionActors(env: Environment) {
  const claim: ClaimState = { claimed: false };
  return {
    openSlot: fromPromise<OpenOutcome, void>(() => openSlot(env, claim)),
    saveWorld: fromPromise<SaveSessionResult, { data: SessionData; baseRevision: number }>(({ input }) => saveWorld(env, claim, input.data, input.baseRevision)),
    handOver: fromPromise<void, { data: SessionData | null; baseRevision: number }>(async ({ input }) => {
      try {
        if (input.data !== null) await saveWorld(env, claim, input.data, input.baseRevision);
      } finally {
        // Let go whatever happened: the other tab is waiting, and the revision keeps it safe.
        env.ownership.release();
      }
    }),
    saveProgress: fromPromise<LabProgressRecord, { changes: readonly LabProgressChange[] }>(async ({ input }) =>
      env.scenario === null ? Promise.reject(new Error('no scenario')) : saveLabProgress(await env.database(), env.scenario.slug, input.changes, Date.now()),
    ),
  };
}
