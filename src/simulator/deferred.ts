/**
 * Clouds for a UI that draws the world before the learner acts: the world, its clock, its bill
 * and saving are here at once; the EC2 API rules and the statecharts (`operations.ts`) load on
 * the first `cloud.ready()`, and the save validator (zod) loads when a save is read. Calls and
 * restores behave exactly as with `createCloud`/`restoreCloud` once loaded.
 */
import { Cloud, type CloudOperations, DEFAULT_LOG_LIMIT, type RestoreCloudResult, restoreWith, toEpoch } from './cloud-core.ts';
import { createInitialWorld } from './model/catalogue.ts';
import { SAVE_FORMAT_NAME, SAVE_FORMAT_VERSION } from './model/save-format.ts';
import type { SavedWorld } from './model/world-schema.ts';

const loadOperations = (): Promise<CloudOperations> => import('./operations.ts').then((module) => module.operations);

/** A fresh world (same seed, same IDs, as `createCloud`) whose operations load on first need. */
export function createDeferredCloud(options: { readonly seed?: number; readonly now?: Date | number } = {}): Cloud {
  return new Cloud(createInitialWorld(options.seed ?? 1, toEpoch(options.now)), DEFAULT_LOG_LIMIT, loadOperations);
}

/** Restores a save, validated as `restoreCloud` does (never rejects); operations load on first need. */
export async function restoreDeferredCloud(saved: unknown): Promise<RestoreCloudResult> {
  try {
    const { readSavedWorld } = await import('./model/persistence.ts');
    return restoreWith(readSavedWorld, saved, DEFAULT_LOG_LIMIT, loadOperations);
  } catch (error) {
    return { ok: false, error: { message: `The saved world could not be read: ${error instanceof Error ? error.message : String(error)}`, path: [] } };
  }
}

/**
 * A world this same engine saved when the site was built (a scenario's starting world, part of the
 * page like its instructions), restored without the save validator: it was never stored, so it
 * cannot have been damaged or written by another version, and a first visit to a scenario then
 * loads no zod. The format marker and version are still checked; anything else, such as a stored
 * save, goes through `restoreDeferredCloud`. tests/unit/simulator/deferred-cloud.test.ts checks that
 * both give the same world for every scenario.
 */
export function restoreBuiltCloud(json: string): RestoreCloudResult {
  let saved: Partial<SavedWorld> | null;
  try {
    saved = JSON.parse(json) as Partial<SavedWorld> | null;
  } catch (error) {
    return { ok: false, error: { message: `The starting world is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, path: [] } };
  }
  if (saved?.format !== SAVE_FORMAT_NAME || saved.version !== SAVE_FORMAT_VERSION || typeof saved.world !== 'object' || saved.world === null) {
    return { ok: false, error: { message: `The starting world is not a version ${SAVE_FORMAT_VERSION} save of this simulator.`, path: [] } };
  }
  return { ok: true, cloud: new Cloud(saved.world, DEFAULT_LOG_LIMIT, loadOperations) };
}
