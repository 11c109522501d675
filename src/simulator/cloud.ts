/**
 * Making clouds: a fresh world, or a saved one read back, with every operation loaded.
 * The `Cloud` class itself is in `cloud-core.ts`.
 */
import { Cloud, DEFAULT_LOG_LIMIT, type RestoreCloudResult, restoreWith, toEpoch, WorldRestoreError } from './cloud-core.ts';
import { createInitialWorld } from './model/catalogue.ts';
import { readSavedWorld } from './model/persistence.ts';
import { operations } from './operations.ts';

export {
  Cloud,
  type AdvanceResult,
  type CloudLogEntry,
  type CloudOperations,
  type CloudOperationsSource,
  type CloudSnapshot,
  type CloudUpdate,
  type ResourceLifecycle,
  type RestoreCloudResult,
  WorldRestoreError,
} from './cloud-core.ts';

/** Options of {@link createCloud}. */
export interface CloudOptions {
  /** Seed of the ID generator: the same seed gives the same IDs. Default 1. */
  readonly seed?: number;
  /** Start of simulated time, a Date or epoch ms. Default 2025-01-06T09:00:00Z. */
  readonly now?: Date | number;
  /** A saved world (from `cloud.save()`) to continue from; `seed` and `now` are then ignored. */
  readonly restore?: unknown;
  /** How many event-log entries to keep (oldest dropped first). Default 10,000. */
  readonly logLimit?: number;
  /**
   * Issue 14: publish a new Amazon Linux 2023 build every this many simulated days (the SSM
   * "latest" parameters follow it). Off by default, so worlds and scenarios without it never move.
   */
  readonly catalogueReleaseEveryDays?: number;
}

/**
 * Creates a cloud: a fresh world (from `seed` and `now`) or, with `restore`, a saved one.
 * Throws {@link WorldRestoreError} when `restore` is not a valid save; for saves from storage or
 * users, call {@link restoreCloud} instead, which returns the problem as a value.
 */
export function createCloud(options: CloudOptions = {}): Cloud {
  const logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
  if (options.restore !== undefined) {
    const restored = readSavedWorld(options.restore);
    if (!restored.ok) throw new WorldRestoreError(restored.error);
    return new Cloud(restored.world, logLimit, operations);
  }
  return new Cloud(createInitialWorld(options.seed ?? 1, toEpoch(options.now), options.catalogueReleaseEveryDays), logLimit, operations);
}

/**
 * Restores a saved world (JSON text, or the parsed value). Never throws: an unknown version or a
 * corrupted save gives `{ ok: false, error: { message, path } }`. Use this for anything read
 * from storage.
 */
export function restoreCloud(saved: unknown, options: Pick<CloudOptions, 'logLimit'> = {}): RestoreCloudResult {
  return restoreWith(readSavedWorld, saved, options.logLimit ?? DEFAULT_LOG_LIMIT, operations);
}
