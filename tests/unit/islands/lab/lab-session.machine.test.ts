import { describe, expect, test } from 'vitest';
import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate';
import { describeProblem } from '../../../../src/islands/lab/lab-session-effects.js';
import { labSessionMachine, type OpenOutcome, retryDelay, type SessionData } from '../../../../src/islands/lab/lab-session.machine.js';
import { createCloud } from '../../../../src/simulator/index.js';
import type { LabProgressRecord } from '../../../../src/storage/lab-db.js';
import type { LabProgressChange } from '../../../../src/storage/lab-progress.js';
import type { SaveSessionResult } from '../../../../src/storage/lab-sessions.js';

const VIEW = { accountId: '111122223333', region: 'us-east-1', speed: 10, running: false, selectedId: null } as const;

function sessionData(): SessionData {
  return { cloud: createCloud({ seed: 1 }), view: VIEW, transcript: [], history: [] };
}

function quotaError(): Error {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

interface Fakes {
  open?: () => Promise<OpenOutcome>;
  save?: (input: { data: SessionData; baseRevision: number }) => Promise<SaveSessionResult>;
  handOver?: (input: { data: SessionData | null; baseRevision: number }) => Promise<void>;
  saveProgress?: (changes: readonly LabProgressChange[]) => Promise<never>;
}

/** The chart with fake storage: every save, hand-over and progress write is recorded. */
function start(fakes: Fakes = {}) {
  const saves: { data: SessionData; baseRevision: number }[] = [];
  const handOvers: { data: SessionData | null; baseRevision: number }[] = [];
  const progressWrites: (readonly LabProgressChange[])[] = [];
  const clock = new SimulatedClock();
  const machine = labSessionMachine.provide({
    actors: {
      openSlot: fromPromise<OpenOutcome, void>(fakes.open ?? (async () => ({ kind: 'opened', data: sessionData(), revision: 3, restored: true, notice: null }))),
      saveWorld: fromPromise<SaveSessionResult, { data: SessionData; baseRevision: number }>(async ({ input }) => {
        saves.push(input);
        return fakes.save ? fakes.save(input) : { ok: true, revision: input.baseRevision + 1 };
      }),
      handOver: fromPromise<void, { data: SessionData | null; baseRevision: number }>(async ({ input }) => {
        handOvers.push(input);
        if (fakes.handOver) await fakes.handOver(input);
      }),
      saveProgress: fromPromise<LabProgressRecord, { changes: readonly LabProgressChange[] }>(async ({ input }) => {
        progressWrites.push(input.changes);
        if (fakes.saveProgress) return fakes.saveProgress(input.changes);
        return { slug: 's', goalsMet: {}, hintsRevealed: 0, startedAt: 0, completedAt: null, updatedAt: 0 };
      }),
    },
  });
  const actor = createActor(machine, { input: { describe: describeProblem }, clock });
  actor.start();
  return { actor, clock, saves, handOvers, progressWrites };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the lab session chart', () => {
  test('a change is saved after a short pause, on top of the revision it was opened at', async () => {
    const { actor, clock, saves } = start();
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'saved' } } }));
    actor.send({ type: 'view.set', change: { region: 'eu-west-1' } });
    expect(actor.getSnapshot().matches({ active: { session: { owned: 'pending' } } })).toBe(true);
    clock.increment(400);
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'saved' } } }));
    expect(saves).toHaveLength(1);
    expect(saves[0]?.baseRevision).toBe(3);
    expect(saves[0]?.data.view.region).toBe('eu-west-1');
    expect(actor.getSnapshot().context.revision).toBe(4);
  });

  test('a failed save keeps the world, says why, retries by itself with backoff, and Retry saves at once', async () => {
    let failures = 2;
    const { actor, clock, saves } = start({ save: async (input) => (failures-- > 0 ? Promise.reject(quotaError()) : { ok: true, revision: input.baseRevision + 1 }) });
    await waitFor(actor, (s) => s.matches('active'));
    actor.send({ type: 'console.append', entries: [{ kind: 'input', text: '$ aws ec2 describe-images' }], clear: false, command: 'aws ec2 describe-images' });
    clock.increment(400);
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'failed' } } }));
    expect(actor.getSnapshot().context.saveProblem?.message).toContain('storage is full');
    expect(actor.getSnapshot().context.data?.history).toEqual(['aws ec2 describe-images']);

    // The first automatic retry comes after retryDelay(1).
    clock.increment(retryDelay(1) - 1);
    await settle();
    expect(saves).toHaveLength(1);
    clock.increment(1);
    await waitFor(actor, (s) => s.context.saveAttempts === 2);
    expect(saves).toHaveLength(2);

    actor.send({ type: 'save.retry' });
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'saved' } } }));
    expect(saves).toHaveLength(3);
    expect(saves[2]?.data.history).toEqual(['aws ec2 describe-images']);
    expect(actor.getSnapshot().context.saveProblem).toBeNull();
  });

  test('changes made while a save is in flight are saved next, not dropped', async () => {
    let release: (() => void) | undefined;
    const { actor, clock, saves } = start({
      save: (input) =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, revision: input.baseRevision + 1 });
        }),
    });
    await waitFor(actor, (s) => s.matches('active'));
    actor.send({ type: 'view.set', change: { speed: 60 } });
    clock.increment(400);
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'saving' } } }));
    actor.send({ type: 'view.set', change: { speed: 1 } });
    release?.();
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'pending' } } }));
    clock.increment(400);
    await waitFor(actor, () => saves.length === 2);
    release?.();
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'saved' } } }));
    expect(saves.map((save) => [save.baseRevision, save.data.view.speed])).toEqual([
      [3, 60],
      [4, 1],
    ]);
  });

  test('another tab asking for the slot gets the unsaved changes flushed first, then this tab stops saving', async () => {
    const { actor, handOvers, saves, clock } = start();
    await waitFor(actor, (s) => s.matches('active'));
    actor.send({ type: 'view.set', change: { running: true, selectedId: 'i-1' } });
    actor.send({ type: 'owner.requested' });
    await waitFor(actor, (s) => s.matches({ active: { session: 'takenOver' } }));
    expect(handOvers).toHaveLength(1);
    expect(handOvers[0]?.data?.view.selectedId).toBe('i-1');
    expect(handOvers[0]?.baseRevision).toBe(3);
    expect(actor.getSnapshot().context.data?.view.running).toBe(false);
    actor.send({ type: 'view.set', change: { region: 'eu-west-1' } });
    clock.increment(10_000);
    await settle();
    expect(saves).toHaveLength(0);
  });

  /** A change whose save (held by `save`) is in flight when another tab asks for the slot. */
  async function askedDuringSave(save: NonNullable<Fakes['save']>) {
    const session = start({ save });
    await waitFor(session.actor, (s) => s.matches('active'));
    session.actor.send({ type: 'view.set', change: { speed: 60 } });
    session.clock.increment(400);
    await waitFor(session.actor, (s) => s.matches({ active: { session: { owned: 'saving' } } }));
    session.actor.send({ type: 'owner.requested' });
    return session;
  }

  test('another tab asking while a save is in flight waits for that save, then gets what changed during it on the new revision', async () => {
    let finishSave: ((result: SaveSessionResult) => void) | undefined;
    const { actor, saves, handOvers } = await askedDuringSave(() => new Promise((resolve) => (finishSave = resolve)));
    // The learner changes one more thing while the save is being written.
    actor.send({ type: 'view.set', change: { speed: 1 } });
    await settle();
    // Not handed over yet: the other tab would read the slot before this save is stored.
    expect(handOvers).toHaveLength(0);
    finishSave?.({ ok: true, revision: 4 });
    await waitFor(actor, (s) => s.matches({ active: { session: 'takenOver' } }));
    expect(saves.map((save) => [save.baseRevision, save.data.view.speed])).toEqual([[3, 60]]);
    expect(handOvers.map((handOver) => [handOver.baseRevision, handOver.data?.view.speed])).toEqual([[4, 1]]);
  });

  test('another tab asking while a save is in flight: nothing changed since, nothing more to save; a failed save is saved by the hand-over', async () => {
    let finishSave: ((result: SaveSessionResult) => void) | undefined;
    const quiet = await askedDuringSave(() => new Promise((resolve) => (finishSave = resolve)));
    await settle();
    expect(quiet.handOvers).toHaveLength(0);
    finishSave?.({ ok: true, revision: 4 });
    await waitFor(quiet.actor, (s) => s.matches({ active: { session: 'takenOver' } }));
    expect(quiet.handOvers).toEqual([{ data: null, baseRevision: 4 }]);

    let failSave: ((error: Error) => void) | undefined;
    const failing = await askedDuringSave(() => new Promise((_, reject) => (failSave = reject)));
    await settle();
    failSave?.(quotaError());
    await waitFor(failing.actor, (s) => s.matches({ active: { session: 'takenOver' } }));
    expect(failing.handOvers.map((handOver) => [handOver.baseRevision, handOver.data?.view.speed])).toEqual([[3, 60]]);
  });

  test('a save refused because a newer world is stored stops saving and says so; taking over reopens the slot', async () => {
    let opens = 0;
    const { actor, clock } = start({
      open: async () => {
        opens += 1;
        return { kind: 'opened', data: sessionData(), revision: opens === 1 ? 3 : 7, restored: true, notice: null };
      },
      save: async () => ({ ok: false, reason: 'newer-world', revision: 7 }),
    });
    await waitFor(actor, (s) => s.matches('active'));
    actor.send({ type: 'world.changed' });
    clock.increment(400);
    await waitFor(actor, (s) => s.matches({ active: { session: 'takenOver' } }));
    expect(actor.getSnapshot().context.lostBecause).toBe('newer-world');
    actor.send({ type: 'takeOver' });
    await waitFor(actor, (s) => s.matches({ active: { session: { owned: 'saved' } } }));
    expect(opens).toBe(2);
    expect(actor.getSnapshot().context.revision).toBe(7);
  });

  test('a browser that keeps nothing: the world works in memory, nothing is written, progress is kept in memory', async () => {
    const error = Object.assign(new Error('indexedDB is not available'), { name: 'MissingAPIError' });
    const { actor, saves, progressWrites, clock } = start({ open: async () => ({ kind: 'no-storage', data: sessionData(), failure: 'unavailable', error }) });
    await waitFor(actor, (s) => s.matches({ active: { session: 'unavailable' } }));
    actor.send({ type: 'view.set', change: { region: 'eu-west-1' } });
    actor.send({ type: 'progress.change', change: { type: 'hints-revealed', count: 1, at: 1 } });
    clock.increment(60_000);
    await settle();
    expect(saves).toHaveLength(0);
    expect(progressWrites).toHaveLength(0);
    expect(actor.getSnapshot().context.data?.view.region).toBe('eu-west-1');
    expect(actor.getSnapshot().context.progressChanges).toHaveLength(1);
    expect(actor.getSnapshot().context.storageError).toBe(error);
  });

  test('a lab that cannot open (a part failed to download) says so, points to a reload after a second failure, and opens on Retry', async () => {
    let attempt = 0;
    const { actor } = start({
      open: async () => {
        attempt += 1;
        if (attempt <= 2) throw new TypeError('Failed to fetch dynamically imported module: /_astro/persistence.js');
        return { kind: 'opened', data: sessionData(), revision: 0, restored: false, notice: null };
      },
    });
    await waitFor(actor, (s) => s.matches('loadFailed'));
    expect(actor.getSnapshot().context.loadProblem?.message).toBe('Part of the lab could not be downloaded (are you offline?). Check your connection and retry.');
    actor.send({ type: 'load.retry' });
    await waitFor(actor, (s) => s.matches('loadFailed') && s.context.loadFailures === 2);
    // No world is open in this tab yet: a reload loses nothing, and some browsers retry a failed
    // download only then.
    expect(actor.getSnapshot().context.loadProblem?.message).toBe(
      'Part of the lab still could not be downloaded. If your connection is back, reload the page: some browsers try a failed download again only then.',
    );
    actor.send({ type: 'load.retry' });
    await waitFor(actor, (s) => s.matches('active'));
    expect(actor.getSnapshot().context.loadFailures).toBe(0);
  });

  test('a failed progress write is kept, shown, retried automatically, and saved in order with later changes', async () => {
    let fail = true;
    const { actor, clock, progressWrites } = start({ saveProgress: async () => (fail ? Promise.reject(quotaError()) : (undefined as never)) });
    await waitFor(actor, (s) => s.matches('active'));
    actor.send({ type: 'progress.change', change: { type: 'goals-met', goalIds: ['a'], allGoalIds: ['a', 'b'], at: 1 } });
    await waitFor(actor, (s) => s.matches({ active: { progress: 'failed' } }));
    expect(actor.getSnapshot().context.progressProblem?.message).toContain('storage is full');
    actor.send({ type: 'progress.change', change: { type: 'hints-revealed', count: 1, at: 2 } });
    fail = false;
    clock.increment(retryDelay(1));
    await waitFor(actor, (s) => s.matches({ active: { progress: 'idle' } }) && s.context.progressChanges.length === 0);
    expect(progressWrites.at(-1)?.map((change) => change.type)).toEqual(['goals-met', 'hints-revealed']);
    expect(actor.getSnapshot().context.progressProblem).toBeNull();
  });
});
