/**
 * Writing what the learner did, without losing it when storage fails. No DOM here (the page side is
 * save-status.ts), so the retry rules are tested under Node with injected waits.
 *
 * Why retry at all: the failures learners meet are mostly passing ones (a full disk that the
 * browser evicts a cache from, a database blocked for a moment by an upgrade in another tab), and a
 * retry a few seconds later often succeeds. Failures that do not pass (storage refused for the
 * site) stop after the last delay, and the page offers a Retry button instead.
 */
import { classifyStorageFailure, type StorageFailure } from '../../storage/storage-health';

/** The outcome of a save, after every automatic attempt. */
export type SaveResult<T> = { ok: true; value: T; attempts: number } | { ok: false; failure: StorageFailure; error: unknown; attempts: number };

/** One failed attempt, reported while the retries go on. */
export interface FailedAttempt {
  failure: StorageFailure;
  error: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /** Milliseconds until the next attempt; null when this was the last one. */
  retryInMs: number | null;
}

/** Waits between attempts, in ms: a quick second try, then longer gaps (about 15 s in all). */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 4_000, 10_000];

export interface RetryOptions {
  /** Waits before the 2nd, 3rd, … attempt; its length is the number of retries. */
  delays?: readonly number[];
  /** How to wait (tests pass a fake; pages use setTimeout). */
  wait?: (ms: number) => Promise<void>;
  /** Called after every failed attempt, so the page can say so at once rather than after the last. */
  onAttemptFailed?: (attempt: FailedAttempt) => void;
}

export const waitWithTimeout = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write`, and again after each delay while it fails. `write` must be safe to repeat (each
 * caller builds its record once, up front, so a retry writes exactly what the learner did).
 */
export async function saveWithRetry<T>(write: () => Promise<T>, options: RetryOptions = {}): Promise<SaveResult<T>> {
  const delays = options.delays ?? RETRY_DELAYS_MS;
  const wait = options.wait ?? waitWithTimeout;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, value: await write(), attempts: attempt };
    } catch (error) {
      const failure = classifyStorageFailure(error);
      const retryInMs = delays[attempt - 1] ?? null;
      options.onAttemptFailed?.({ failure, error, attempt, retryInMs });
      if (retryInMs === null) return { ok: false, failure, error, attempts: attempt };
      await wait(retryInMs);
    }
  }
}

/** Why a save failed, in words that fit after "… is not saved: ". */
export function failureReason(failure: StorageFailure): string {
  return failure === 'full' ? 'this browser’s storage is full' : 'this browser is not letting AMI Lab store data here';
}

/** One thing to store. */
export interface PendingWrite<T = unknown> {
  /** What is kept, as the subject of a sentence: "Your answer", "Your rating “Good”". */
  what: string;
  /** Writes the record; built once, up front, so every attempt writes exactly what the learner did. */
  write: () => Promise<T>;
  /** A newer write with the same key replaces an older one that is not stored yet. */
  key?: string;
  /** Called once, when this write is stored (after however many attempts). */
  onSaved?: (value: T) => void;
}

/**
 * Where a queue stands: `idle` (nothing failed), `retrying` (a write failed, another attempt is
 * coming), `failed` (the automatic attempts are spent: only Retry or a new write tries again),
 * `saving` (a Retry is running), `saved` (everything that had failed is stored now).
 */
export type SaveState = 'idle' | 'saving' | 'retrying' | 'failed' | 'saved';

export interface SaveQueueOptions extends Pick<RetryOptions, 'delays' | 'wait'> {
  /** Every change of state, with the sentence to show (null: leave the page's own text alone). */
  onChange: (state: SaveState, message: string | null) => void;
  /** Called with every failed attempt's error (site pages show the storage notice with it). */
  onFailure?: (error: unknown) => void;
}

export interface SaveQueue {
  /**
   * Queues a write and starts saving. Resolves true once it is stored, or false as soon as it is
   * known not to be stored yet (its first attempt failed, or earlier writes are failing): the page
   * has said so by then, and the attempts go on without it waiting.
   */
  save<T>(entry: PendingWrite<T>): Promise<boolean>;
  /** Tries every unsaved write again (the Retry button). */
  retry(): Promise<void>;
  /** How many writes are not stored yet. */
  readonly pending: number;
  readonly state: SaveState;
}

interface Queued {
  entry: PendingWrite<unknown>;
  settle: (saved: boolean) => void;
}

/**
 * Writes in the order they were made, each with saveWithRetry; nothing is dropped. A write waits
 * behind an earlier one that is failing (so a rating never lands before the answer it follows),
 * and a new write, or Retry, after the attempts are spent starts them again from the oldest.
 */
export function createSaveQueue(options: SaveQueueOptions): SaveQueue {
  const queue: Queued[] = [];
  let running = false;
  let state: SaveState = 'idle';

  const setState = (next: SaveState, message: string | null) => {
    state = next;
    options.onChange(next, message);
  };
  const subject = () => {
    const first = queue[0]?.entry.what ?? 'Your change';
    const more = queue.length - 1;
    return more === 0
      ? { words: first, are: 'is', it: 'it', They: 'It' }
      : { words: `${first} and ${more} more ${more === 1 ? 'change' : 'changes'}`, are: 'are', it: 'them', They: 'They' };
  };

  const drain = async () => {
    if (running) return;
    running = true;
    let failedBefore = state === 'failed' || state === 'retrying';
    let savedAfterFailure = 0;
    if (state === 'failed') setState('saving', 'Saving…');
    while (queue.length > 0) {
      const current = queue[0] as Queued;
      const result = await saveWithRetry(current.entry.write, {
        ...(options.delays ? { delays: options.delays } : {}),
        ...(options.wait ? { wait: options.wait } : {}),
        onAttemptFailed: ({ failure, error, retryInMs }) => {
          failedBefore = true;
          current.settle(false);
          options.onFailure?.(error);
          const s = subject();
          if (retryInMs !== null) {
            setState('retrying', `${s.words} ${s.are} not saved yet: ${failureReason(failure)}. Trying again in ${Math.max(1, Math.round(retryInMs / 1000))} s…`);
          } else {
            const fix = failure === 'full' ? 'Free some space in this browser, then press Retry' : 'Press Retry once storage is allowed';
            setState('failed', `${s.words} ${s.are} not saved: ${failureReason(failure)}. ${s.They} ${s.are} kept on this page until you leave it. ${fix} to save ${s.it}.`);
          }
        },
      });
      if (!result.ok) {
        running = false;
        return;
      }
      queue.splice(queue.indexOf(current), 1);
      current.settle(true);
      if (failedBefore) {
        savedAfterFailure += 1;
        if (queue.length === 0)
          setState('saved', savedAfterFailure === 1 ? `${current.entry.what} is saved now.` : `All ${savedAfterFailure} changes are saved now: nothing was lost.`);
      }
      current.entry.onSaved?.(result.value);
    }
    if (!failedBefore && state !== 'saved') setState('idle', null);
    running = false;
  };

  return {
    get pending() {
      return queue.length;
    },
    get state() {
      return state;
    },
    retry: drain,
    save<T>(entry: PendingWrite<T>): Promise<boolean> {
      return new Promise<boolean>((resolve) => {
        let settled = false;
        const settle = (saved: boolean) => {
          if (settled) return;
          settled = true;
          resolve(saved);
        };
        const { onSaved } = entry;
        const erased: PendingWrite<unknown> = {
          what: entry.what,
          write: entry.write,
          ...(entry.key === undefined ? {} : { key: entry.key }),
          ...(onSaved ? { onSaved: (value: unknown) => onSaved(value as T) } : {}),
        };
        const queued: Queued = { entry: erased, settle };
        // The write being attempted right now cannot be swapped out; a later one with the key can.
        const replaced = entry.key === undefined ? -1 : queue.findIndex((q, i) => q.entry.key === entry.key && !(running && i === 0));
        if (replaced >= 0) {
          queue[replaced]?.settle(false);
          queue[replaced] = queued;
        } else {
          queue.push(queued);
        }
        if (state === 'saved') setState('idle', null);
        if (state === 'retrying' || state === 'failed') settle(false);
        void drain();
      });
    },
  };
}
