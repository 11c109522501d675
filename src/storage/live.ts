/**
 * Live queries: a read that runs again whenever what it read changes, in this tab or another
 * (Dexie's liveQuery; changes from other tabs arrive over a BroadcastChannel). Pages use it so
 * several open tabs show the same progress without a reload.
 */
import { liveQuery } from 'dexie';

/** Runs `query` now and after every change to what it read; returns a function that stops it. */
export function watchQuery<T>(query: () => Promise<T>, next: (value: T) => void, error: (reason: unknown) => void = () => undefined): () => void {
  const subscription = liveQuery(query).subscribe({ next, error });
  return () => subscription.unsubscribe();
}
