/**
 * The lab session as a statechart: opening the page's slot, owning and saving its world, failed
 * saves with automatic and manual retry, handing the slot over to another tab and taking it back,
 * and a browser that keeps nothing. Scenario progress writes (goals met, hints, restart) run in a
 * region of their own, so a failed progress write neither blocks nor hides a world save.
 *
 * Pure logic: every storage and tab effect is an actor injected with `provide` (lab-session-effects.ts
 * in the page, fakes in tests), and time comes from XState's clock (`after` delays), so the whole
 * chart is tested in Node with a SimulatedClock.
 *
 * The unsaved world always stays in context: a failed or refused save never drops it.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { Cloud } from '../../simulator/cloud-core';
import type { LabConsoleEntry, LabProgressRecord, LabViewState } from '../../storage/lab-db';
import type { LabProgressChange } from '../../storage/lab-progress';
import type { SaveSessionResult } from '../../storage/lab-sessions';
import type { StorageFailure } from '../../storage/storage-health';

/** Everything of the session that is saved: the world and what the learner sees around it. */
export interface SessionData {
  readonly cloud: Cloud;
  readonly view: LabViewState;
  readonly transcript: readonly LabConsoleEntry[];
  readonly history: readonly string[];
}

/** What opening the slot gave. */
export type OpenOutcome =
  /** This tab owns the slot; `restored` is false when it starts fresh (nothing saved, or a damaged save: see `notice`). */
  | { readonly kind: 'opened'; readonly data: SessionData; readonly revision: number; readonly restored: boolean; readonly notice: string | null }
  /** The browser refused storage: the world lives in memory for this visit. */
  | { readonly kind: 'no-storage'; readonly data: SessionData; readonly failure: StorageFailure; readonly error: unknown };

/** A failure the learner is told about, in words. */
export interface Problem {
  readonly failure: StorageFailure | 'other';
  readonly message: string;
}

export interface LabSessionContext {
  readonly data: SessionData | null;
  /** The revision of the stored world this tab's world is based on. */
  readonly revision: number;
  /** Changes since the save in flight (or the last one) started. */
  readonly dirty: boolean;
  readonly notice: string | null;
  readonly loadProblem: Problem | null;
  /** Tries in a row to open the lab that failed (a part that keeps failing to download points to a reload). */
  readonly loadFailures: number;
  readonly saveProblem: Problem | null;
  readonly saveAttempts: number;
  readonly storageError: unknown;
  /** Why this tab no longer owns the slot. */
  readonly lostBecause: 'other-tab' | 'newer-world' | null;
  /**
   * Another tab asked for the slot while a save was in flight: the slot is handed over once that
   * save has ended. Handing over at once let the other tab read the slot before the save was
   * stored, and show the world without the change being saved (see the `saving` state).
   */
  readonly handOverAsked: boolean;
  /** Progress changes not saved yet, oldest first (shown at once, saved in order). */
  readonly progressChanges: readonly LabProgressChange[];
  readonly progressInFlight: number;
  readonly progressProblem: Problem | null;
  readonly progressAttempts: number;
  /**
   * Describes a storage error in the learner's words (injected, so the chart stays pure);
   * `openingFailures` when the lab could not be opened, how many times in a row.
   */
  readonly describe: (error: unknown, openingFailures?: number) => Problem;
}

export type LabSessionEvent =
  | { type: 'world.changed' }
  | { type: 'world.replaced'; cloud: Cloud }
  | { type: 'view.set'; change: Partial<LabViewState> }
  | { type: 'console.append'; entries: readonly LabConsoleEntry[]; clear: boolean; command: string | null }
  | { type: 'save.retry' }
  | { type: 'load.retry' }
  | { type: 'owner.requested' }
  | { type: 'takeOver' }
  | { type: 'progress.change'; change: LabProgressChange }
  | { type: 'progress.retry' };

/** Delay before automatic retry number `attempt` (1, 2, 4 … 30 s). */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

const SAVE_DEBOUNCE_MS = 400;

/** The chart's actors until the page (or a test) provides real ones. */
function notProvided<Output, Input>(name: string) {
  return fromPromise<Output, Input>(() => Promise.reject(new Error(`lab session: the ${name} actor was not provided`)));
}

const changeEvents = ['world.changed', 'world.replaced', 'view.set', 'console.append'] as const;

export const labSessionMachine = setup({
  types: {
    context: {} as LabSessionContext,
    events: {} as LabSessionEvent,
    input: {} as { describe: LabSessionContext['describe'] },
  },
  actors: {
    /** Takes the slot from any other tab, reads and restores its world (or starts one), claims it. */
    openSlot: notProvided<OpenOutcome, void>('openSlot'),
    /** Saves the world on top of `baseRevision`. */
    saveWorld: notProvided<SaveSessionResult, { data: SessionData; baseRevision: number }>('saveWorld'),
    /** Saves what is unsaved (if anything) and lets another tab have the slot. */
    handOver: notProvided<void, { data: SessionData | null; baseRevision: number }>('handOver'),
    /** Saves progress changes in order. */
    saveProgress: notProvided<LabProgressRecord, { changes: readonly LabProgressChange[] }>('saveProgress'),
  },
  guards: {
    opened: ({ event }) => (event as unknown as { output: OpenOutcome }).output.kind === 'opened',
    isDirty: ({ context }) => context.dirty,
    handOverAsked: ({ context }) => context.handOverAsked,
    /** Progress is written only where storage works; in a browser that keeps nothing it stays in memory. */
    progressWaiting: ({ context }) => context.progressChanges.length > 0 && context.storageError === null,
  },
  delays: {
    saveBackoff: ({ context }) => retryDelay(context.saveAttempts),
    progressBackoff: ({ context }) => retryDelay(context.progressAttempts),
  },
  actions: {
    /** Every change to what is saved goes through here, so the chart's copy is the one truth. */
    applyChange: assign(({ context, event }) => {
      const data = context.data;
      if (data === null) return {};
      switch (event.type) {
        case 'world.replaced':
          return { data: { ...data, cloud: event.cloud } };
        case 'view.set':
          return { data: { ...data, view: { ...data.view, ...event.change } } };
        case 'console.append': {
          const history = event.command === null || data.history[data.history.length - 1] === event.command ? data.history : [...data.history, event.command];
          return { data: { ...data, transcript: event.clear ? [] : [...data.transcript, ...event.entries], history } };
        }
        default:
          return {};
      }
    }),
    markDirty: assign({ dirty: true }),
    stopClock: assign(({ context }) => (context.data === null ? {} : { data: { ...context.data, view: { ...context.data.view, running: false } } })),
  },
}).createMachine({
  id: 'labSession',
  initial: 'loading',
  context: ({ input }) => ({
    data: null,
    revision: 0,
    dirty: false,
    notice: null,
    loadProblem: null,
    loadFailures: 0,
    saveProblem: null,
    saveAttempts: 0,
    storageError: null,
    lostBecause: null,
    handOverAsked: false,
    progressChanges: [],
    progressInFlight: 0,
    progressProblem: null,
    progressAttempts: 0,
    describe: input.describe,
  }),
  states: {
    loading: {
      invoke: {
        src: 'openSlot',
        onDone: [
          {
            guard: 'opened',
            target: 'active',
            actions: assign(({ event }) => {
              const output = event.output as Extract<OpenOutcome, { kind: 'opened' }>;
              return {
                data: output.data,
                revision: output.revision,
                notice: output.notice,
                dirty: false,
                lostBecause: null,
                handOverAsked: false,
                loadProblem: null,
                loadFailures: 0,
                saveProblem: null,
                saveAttempts: 0,
              };
            }),
          },
          {
            target: '#labSession.active.session.unavailable',
            actions: assign(({ event }) => {
              const output = event.output as Extract<OpenOutcome, { kind: 'no-storage' }>;
              return { data: output.data, storageError: output.error, loadProblem: null, loadFailures: 0 };
            }),
          },
        ],
        onError: {
          target: 'loadFailed',
          actions: assign(({ context, event }) => ({
            loadFailures: context.loadFailures + 1,
            loadProblem: context.describe(event.error, context.loadFailures + 1),
          })),
        },
      },
    },
    /** The lab could not even start (a part of it failed to download): words and a Retry. */
    loadFailed: {
      on: { 'load.retry': 'loading', takeOver: 'loading' },
    },
    active: {
      type: 'parallel',
      on: {
        'world.changed': { actions: 'applyChange' },
        'world.replaced': { actions: 'applyChange' },
        'view.set': { actions: 'applyChange' },
        'console.append': { actions: 'applyChange' },
        'progress.change': { actions: assign({ progressChanges: ({ context, event }) => [...context.progressChanges, event.change] }) },
      },
      states: {
        session: {
          initial: 'owned',
          states: {
            owned: {
              initial: 'saved',
              on: { 'owner.requested': 'handingOver' },
              states: {
                saved: {
                  on: Object.fromEntries(changeEvents.map((type) => [type, { target: 'pending', actions: ['applyChange', 'markDirty'] }])),
                },
                pending: {
                  after: { [SAVE_DEBOUNCE_MS]: 'saving' },
                  on: {
                    // Also the flush when the tab goes to the background.
                    'save.retry': 'saving',
                    ...Object.fromEntries(changeEvents.map((type) => [type, { actions: ['applyChange', 'markDirty'] }])),
                  },
                },
                saving: {
                  entry: assign({ dirty: false }),
                  invoke: {
                    src: 'saveWorld',
                    input: ({ context }) => ({ data: context.data as SessionData, baseRevision: context.revision }),
                    onDone: [
                      {
                        guard: ({ event }) => event.output.ok,
                        target: 'afterSave',
                        actions: assign({
                          revision: ({ event, context }) => (event.output.ok ? event.output.revision : context.revision),
                          saveProblem: null,
                          saveAttempts: 0,
                        }),
                      },
                      // Refused while the other tab waits: let go at once (the hand-over tries the
                      // unsaved world once more, and the other tab need not wait for a timeout).
                      { guard: 'handOverAsked', target: '#labSession.active.session.handingOver', actions: assign({ dirty: true }) },
                      {
                        target: '#labSession.active.session.takenOver',
                        actions: assign({
                          lostBecause: ({ event }) => (!event.output.ok && event.output.reason === 'newer-world' ? 'newer-world' : 'other-tab'),
                          dirty: true,
                        }),
                      },
                    ],
                    onError: {
                      target: 'failed',
                      actions: assign({
                        saveProblem: ({ context, event }) => context.describe(event.error),
                        saveAttempts: ({ context }) => context.saveAttempts + 1,
                        dirty: true,
                      }),
                    },
                  },
                  on: {
                    ...Object.fromEntries(changeEvents.map((type) => [type, { actions: ['applyChange', 'markDirty'] }])),
                    // Not handed over now: XState cannot stop the save's promise, whose write may
                    // still be stored after the other tab has read the slot. The other tab waits
                    // (its lock) until this save has ended and the hand-over below has run.
                    'owner.requested': { actions: assign({ handOverAsked: true }) },
                  },
                },
                afterSave: {
                  always: [{ guard: 'handOverAsked', target: '#labSession.active.session.handingOver' }, { guard: 'isDirty', target: 'pending' }, { target: 'saved' }],
                },
                /** The save failed: the world stays here, a retry comes by itself (backoff) or on request. */
                failed: {
                  // Failed while another tab waits: the hand-over saves the world again, now.
                  always: { guard: 'handOverAsked', target: '#labSession.active.session.handingOver' },
                  after: { saveBackoff: 'saving' },
                  on: {
                    'save.retry': 'saving',
                    ...Object.fromEntries(changeEvents.map((type) => [type, { actions: ['applyChange', 'markDirty'] }])),
                  },
                },
              },
            },
            /** Another tab asked for the slot: save what is unsaved, then let go. */
            handingOver: {
              entry: assign({ handOverAsked: false }),
              invoke: {
                src: 'handOver',
                input: ({ context }) => ({ data: context.dirty || context.saveProblem !== null ? context.data : null, baseRevision: context.revision }),
                onDone: { target: 'takenOver', actions: assign({ lostBecause: 'other-tab', dirty: false, saveProblem: null }) },
                onError: {
                  target: 'takenOver',
                  actions: assign({
                    lostBecause: 'other-tab',
                    saveProblem: ({ context, event }) => ({
                      ...context.describe(event.error),
                      message: `Your latest changes here could not be saved before the other tab took the lab over (${context.describe(event.error).message}).`,
                    }),
                  }),
                },
              },
            },
            /** Another tab owns the slot (or saved a newer world): this one shows its world, saves nothing. */
            takenOver: {
              entry: 'stopClock',
              on: { takeOver: '#labSession.loading' },
            },
            /** The browser keeps nothing: the lab works for the visit, in memory. */
            unavailable: {},
          },
        },
        progress: {
          initial: 'idle',
          states: {
            idle: {
              always: { guard: 'progressWaiting', target: 'writing' },
            },
            writing: {
              entry: assign({ progressInFlight: ({ context }) => context.progressChanges.length }),
              invoke: {
                src: 'saveProgress',
                input: ({ context }) => ({ changes: context.progressChanges }),
                onDone: {
                  target: 'idle',
                  actions: assign({
                    progressChanges: ({ context }) => context.progressChanges.slice(context.progressInFlight),
                    progressProblem: null,
                    progressAttempts: 0,
                  }),
                },
                onError: {
                  target: 'failed',
                  actions: assign({
                    progressProblem: ({ context, event }) => context.describe(event.error),
                    progressAttempts: ({ context }) => context.progressAttempts + 1,
                  }),
                },
              },
            },
            failed: {
              after: { progressBackoff: 'writing' },
              on: { 'progress.retry': 'writing' },
            },
          },
        },
      },
    },
  },
});
