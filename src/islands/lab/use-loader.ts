/**
 * A part of the lab loaded on demand (a code chunk, the cloud's operations) that can fail, say so,
 * and be tried again. React.lazy is not used for this: it keeps a failed import forever, so a
 * chunk that failed once (offline before the service worker cached it) could never load.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** Where a load stands. */
export type LoadState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  /** `failures`: how many tries in a row have failed (see shared/download-failed.ts for what a second one means). */
  | { readonly status: 'failed'; readonly error: unknown; readonly failures: number };

export interface Loader<T> {
  readonly state: LoadState<T>;
  /** Starts the load (again, after a failure) and resolves with its value. */
  readonly ensure: () => Promise<T>;
}

/** Loads with `load` when asked; a new `key` (e.g. a new cloud) starts over. */
export function useLoader<T>(load: () => Promise<T>, key: unknown): Loader<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'idle' });
  const current = useRef<{ key: unknown; promise: Promise<T> | null; failures: number }>({ key, promise: null, failures: 0 });
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (current.current.key === key) return;
    current.current = { key, promise: null, failures: 0 };
    setState({ status: 'idle' });
  }, [key]);

  const ensure = useCallback((): Promise<T> => {
    const entry = current.current;
    if (entry.promise !== null) return entry.promise;
    setState({ status: 'loading' });
    const promise = loadRef.current().then(
      (value) => {
        if (current.current === entry) setState({ status: 'ready', value });
        return value;
      },
      (error: unknown) => {
        // Forget the failure, so the next ensure() tries again.
        if (current.current === entry) {
          entry.promise = null;
          entry.failures += 1;
          setState({ status: 'failed', error, failures: entry.failures });
        }
        throw error;
      },
    );
    entry.promise = promise;
    return promise;
  }, []);

  return { state, ensure };
}
