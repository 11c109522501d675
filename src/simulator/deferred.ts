/**
 * Clouds for a UI that draws the world before the learner acts: the world, its clock, its bill
 * and saving are here at once; the EC2 API rules and the statecharts (`operations.ts`) load on
 * the first `cloud.ready()`, and the save validator (zod) loads when a save is read. Calls and
 * restores behave exactly as with `createCloud`/`restoreCloud` once loaded.
 */
import { Cloud, type CloudOperations, DEFAULT_LOG_LIMIT, type RestoreCloudResult, restoreWith, toEpoch } from './cloud-core.js';
import { createInitialWorld } from './model/catalogue.js';

const loadOperations = (): Promise<CloudOperations> => import('./operations.js').then((module) => module.operations);

/** A fresh world (same seed, same IDs, as `createCloud`) whose operations load on first need. */
export function createDeferredCloud(options: { readonly seed?: number; readonly now?: Date | number } = {}): Cloud {
  return new Cloud(createInitialWorld(options.seed ?? 1, toEpoch(options.now)), DEFAULT_LOG_LIMIT, loadOperations);
}

/** Restores a save, validated as `restoreCloud` does (never rejects); operations load on first need. */
export async function restoreDeferredCloud(saved: unknown): Promise<RestoreCloudResult> {
  try {
    const { readSavedWorld } = await import('./model/persistence.js');
    return restoreWith(readSavedWorld, saved, DEFAULT_LOG_LIMIT, loadOperations);
  } catch (error) {
    return { ok: false, error: { message: `The saved world could not be read: ${error instanceof Error ? error.message : String(error)}`, path: [] } };
  }
}
