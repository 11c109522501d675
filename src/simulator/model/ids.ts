/**
 * Resource IDs: AWS's format (`ami-`, `i-`, `vol-`, `snap-`, `r-` + 17 hex digits) drawn from a
 * seeded generator whose state lives in the world, so a seed replays identically and a restored
 * world goes on issuing the IDs it would have issued.
 */
import { fnv1a, hex8 } from '../../shared/hash.ts';
import { mulberry32 } from '../../shared/mulberry32.ts';
import { ID_PREFIX, type IdKind } from './errors.ts';

/**
 * Draws the 17 hex digits of a new ID. AWS's long IDs in practice begin with `0`
 * (`ami-0abc…`), so the first digit is `0` and the other sixteen are random.
 */
export function drawIdSuffix(state: number): { state: number; suffix: string } {
  const a = mulberry32(state);
  const b = mulberry32(a.state);
  return { state: b.state, suffix: `0${hex8(a.value)}${hex8(b.value)}` };
}

/** Turns a seed (any number) into the generator's initial 32-bit state. */
export function seedToState(seed: number): number {
  return Math.trunc(seed) >>> 0;
}

/**
 * A stable ID for a catalogue resource: same name, same ID, in every world (FNV-1a, so it does not
 * depend on the seed).
 */
export function stableId(kind: IdKind, name: string): string {
  return `${ID_PREFIX[kind]}-0${hex8(fnv1a(name))}${hex8(fnv1a(name, 0x050c5d1f))}`;
}

const WELL_FORMED: Record<IdKind, RegExp> = {
  image: /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
  instance: /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
  volume: /^vol-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
  snapshot: /^snap-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
  reservation: /^r-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
};

/**
 * Whether an ID has AWS's shape: the prefix and 8 (older resources) or 17 lowercase hex digits.
 * AWS does not document its exact rule; anything else (e.g. `ami-unknown`) is treated as
 * malformed, a choice recorded in the README.
 */
export function isWellFormedId(kind: IdKind, id: string): boolean {
  return WELL_FORMED[kind].test(id);
}

/** The resource kind an ID's prefix names, if any (used by CreateTags/DeleteTags). */
export function kindOfId(id: string): Exclude<IdKind, 'reservation'> | undefined {
  if (id.startsWith('ami-')) return 'image';
  if (id.startsWith('i-')) return 'instance';
  if (id.startsWith('vol-')) return 'volume';
  if (id.startsWith('snap-')) return 'snapshot';
  return undefined;
}
