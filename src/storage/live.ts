/**
 * Live queries: a read that runs again whenever what it read changes, in this tab or another
 * (Dexie's liveQuery; changes from other tabs arrive over a BroadcastChannel). Pages use it so
 * several open tabs show the same progress without a reload.
 */
import { liveQuery } from 'dexie';

/**
 * Runs `query` now and after every change to what it read; returns a function that stops it.
 * `error` is required: a live query that fails stops for good, and the page must say so rather
 * than keep showing what it read last as if it were current.
 */
export function watchQuery<T>(query: () => Promise<T>, next: (value: T) => void, error: (reason: unknown) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next, error });
  return () => subscription.unsubscribe();
}
