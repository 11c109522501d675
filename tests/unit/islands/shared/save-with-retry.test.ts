import { describe, expect, it } from 'vitest';
import { createSaveQueue, saveWithRetry, type FailedAttempt, type SaveState } from '../../../../src/islands/shared/save-with-retry';

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const refusedError = () => new DOMException('The user denied permission to access the database.', 'SecurityError');

/** A write that fails with `error()` for its first `failures` calls, then stores `value`. */
function flakyWrite<T>(failures: number, value: T, error: () => unknown = quotaError) {
  const calls = { count: 0 };
  const write = async () => {
    calls.count += 1;
    if (calls.count <= failures) throw error();
    return value;
  };
  return { write, calls };
}

/** A wait that returns at once and remembers how long it was asked to wait. */
function recordingWait() {
  const waits: number[] = [];
  return { waits, wait: async (ms: number) => void waits.push(ms) };
}

/** A wait that only returns when the test releases it, to look at the page between attempts. */
function heldWait() {
  const held: Array<() => void> = [];
  return {
    wait: (_ms: number) => new Promise<void>((resolve) => held.push(resolve)),
    release: async () => {
      held.shift()?.();
      await flush();
    },
    get waiting() {
      return held.length;
    },
  };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('saveWithRetry', () => {
  it('stores on the first attempt without waiting', async () => {
    const { waits, wait } = recordingWait();
    const result = await saveWithRetry(async () => 7, { wait, delays: [10, 20] });
    expect(result).toEqual({ ok: true, value: 7, attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('retries after each delay while storage is full, and stores once it has room', async () => {
    const { waits, wait } = recordingWait();
    const { write, calls } = flakyWrite(2, 'stored');
    const failed: FailedAttempt[] = [];
    const result = await saveWithRetry(write, { wait, delays: [1_000, 4_000, 10_000], onAttemptFailed: (a) => failed.push(a) });
    expect(result).toEqual({ ok: true, value: 'stored', attempts: 3 });
    expect(calls.count).toBe(3);
    expect(waits).toEqual([1_000, 4_000]);
    expect(failed.map((f) => [f.failure, f.attempt, f.retryInMs])).toEqual([
      ['full', 1, 1_000],
      ['full', 2, 4_000],
    ]);
  });

  it('gives up after the last delay and says why: storage refused is "unavailable"', async () => {
    const { waits, wait } = recordingWait();
    const { write, calls } = flakyWrite(99, 'never', refusedError);
    const failed: FailedAttempt[] = [];
    const result = await saveWithRetry(write, { wait, delays: [5, 6], onAttemptFailed: (a) => failed.push(a) });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ ok: false, failure: 'unavailable', attempts: 3 });
    expect(calls.count).toBe(3);
    expect(waits).toEqual([5, 6]);
    expect(failed.at(-1)?.retryInMs).toBeNull();
  });

  it('sorts a quota error that Dexie wraps (as `inner`) as a full disk', async () => {
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quotaError() });
    const result = await saveWithRetry(
      async () => {
        throw wrapped;
      },
      { delays: [] },
    );
    expect(result).toMatchObject({ ok: false, failure: 'full', attempts: 1 });
  });
});

describe('createSaveQueue', () => {
  function queueWith(options: { delays?: number[]; wait?: (ms: number) => Promise<void> } = {}) {
    const changes: Array<[SaveState, string | null]> = [];
    const errors: unknown[] = [];
    const queue = createSaveQueue({
      delays: options.delays ?? [1_000, 4_000],
      wait: options.wait ?? recordingWait().wait,
      onChange: (s, m) => changes.push([s, m]),
      onFailure: (e) => errors.push(e),
    });
    return { queue, changes, errors, lastMessage: () => changes.filter(([, m]) => m !== null).at(-1)?.[1] };
  }

  it('says nothing when a write is stored at once', async () => {
    const { queue, changes } = queueWith();
    const saved: number[] = [];
    expect(await queue.save({ what: 'Your answer', write: async () => 1, onSaved: (v) => saved.push(v) })).toBe(true);
    expect(saved).toEqual([1]);
    expect(queue.pending).toBe(0);
    expect(changes.filter(([, m]) => m !== null)).toEqual([]);
  });

  it('tells the learner at the first failure, retries on its own, then says it is saved now', async () => {
    const held = heldWait();
    const { queue, lastMessage, errors } = queueWith({ wait: held.wait });
    const { write } = flakyWrite(1, 'ok');
    const saved: string[] = [];
    // The page is told "not stored yet" at the first failure, without waiting for the retries.
    expect(await queue.save({ what: 'Your answer', write, onSaved: (v) => saved.push(v) })).toBe(false);
    expect(queue.state).toBe('retrying');
    expect(lastMessage()).toBe('Your answer is not saved yet: this browser’s storage is full. Trying again in 1 s…');
    expect(errors).toHaveLength(1);
    expect(queue.pending).toBe(1);
    await held.release();
    expect(saved).toEqual(['ok']);
    expect(queue.state).toBe('saved');
    expect(lastMessage()).toBe('Your answer is saved now.');
    expect(queue.pending).toBe(0);
  });

  it('keeps every unsaved write after the attempts are spent, and Retry stores them in order', async () => {
    const { queue, lastMessage } = queueWith({ delays: [1] });
    let storageWorks = false;
    const stored: string[] = [];
    const write = (value: string) => async () => {
      if (!storageWorks) throw refusedError();
      stored.push(value);
      return value;
    };
    expect(await queue.save({ what: 'Your answer', write: write('answer') })).toBe(false);
    await flush();
    // While the first is failing, the second waits behind it and is reported unsaved at once.
    expect(await queue.save({ what: 'Your rating “Good”', write: write('rating') })).toBe(false);
    await flush();
    expect(queue.state).toBe('failed');
    expect(queue.pending).toBe(2);
    expect(lastMessage()).toBe(
      'Your answer and 1 more change are not saved: this browser is not letting AMI Lab store data here. They are kept on this page until you leave it. Press Retry once storage is allowed to save them.',
    );
    storageWorks = true;
    await queue.retry();
    expect(stored).toEqual(['answer', 'rating']);
    expect(queue.pending).toBe(0);
    expect(lastMessage()).toBe('All 2 changes are saved now: nothing was lost.');
  });

  it('a newer choice with the same key replaces an unsaved older one, so only the latest is written', async () => {
    const { queue } = queueWith({ delays: [] });
    let storageWorks = false;
    const stored: boolean[] = [];
    const mark = (done: boolean) => async () => {
      if (!storageWorks) throw quotaError();
      stored.push(done);
      return done;
    };
    await queue.save({ what: 'Marked as done', key: 'done', write: mark(true) });
    await flush();
    expect(queue.state).toBe('failed');
    await queue.save({ what: 'Marked as not done', key: 'done', write: mark(false) });
    await flush();
    expect(queue.pending).toBe(1);
    storageWorks = true;
    await queue.retry();
    expect(stored).toEqual([false]);
  });

  it('a full disk asks the learner to free space', async () => {
    const { queue, lastMessage } = queueWith({ delays: [] });
    await queue.save({ what: 'Your result', write: async () => Promise.reject(quotaError()) });
    await flush();
    expect(lastMessage()).toMatch(
      /^Your result is not saved: this browser’s storage is full\. It is kept on this page until you leave it\. Free some space in this browser, then press Retry to save it\.$/,
    );
  });
});
