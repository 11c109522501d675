/**
 * The save format's stamp and its writer. Apart from the zod schema (`world-schema.ts`) and the
 * reader (`persistence.ts`), so a UI can save a world without loading the validator.
 */
import type { SavedWorld, World } from './world-schema.ts';

/**
 * Version stamp of the save format. Bump it, and add a migration (`persistence.ts`), when the
 * shape changes. Version 2 (issue 13): every commercial Region's catalogue, Region opt-ins,
 * Parameter Store parameters, image product codes. Version 3 (issue 14): Recycle Bin rules and
 * the bin (`recycleBinRules`, `recycleBin`, `recycle-bin` timers).
 */
export const SAVE_FORMAT_VERSION = 3;
/** Marker that tells a saved world apart from any other JSON. */
export const SAVE_FORMAT_NAME = 'ami-lab-world';

function byKey<T>(map: Readonly<Record<string, T>>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(map).sort()) sorted[key] = map[key] as T;
  return sorted;
}

/**
 * Serialises the world with its version stamp. Timers and the Recycle Bin are written in key order:
 * their order in memory carries no meaning (the clock orders timers by due time), and a rolled-back
 * call does not restore it (see `Transaction.write`), so a save stays the same after a failed call.
 */
export function serializeWorld(world: World): string {
  const saved: SavedWorld = {
    format: SAVE_FORMAT_NAME,
    version: SAVE_FORMAT_VERSION,
    savedAt: new Date(world.now).toISOString(),
    world: { ...world, timers: byKey(world.timers), ...(world.recycleBin === undefined ? {} : { recycleBin: byKey(world.recycleBin) }) },
  };
  return JSON.stringify(saved);
}
