/**
 * Resource IDs: AWS's format (`ami-`, `i-`, `vol-`, `snap-`, `r-` + 17 hex digits) drawn from a
 * seeded generator whose state lives in the world, so a seed replays identically and a restored
 * world goes on issuing the IDs it would have issued.
 */
import { ID_PREFIX, type IdKind } from './errors.js';

/** Advances a mulberry32 state; returns the next state and a 32-bit output. */
function mulberry32(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next, value: (t ^ (t >>> 14)) >>> 0 };
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

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

/** FNV-1a over a string, for IDs that must not depend on the seed (the public catalogue). */
function fnv1a(text: string, offset: number): number {
  let hash = offset >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A stable ID for a catalogue resource: same name, same ID, in every world. */
export function stableId(kind: IdKind, name: string): string {
  return `${ID_PREFIX[kind]}-0${hex8(fnv1a(name, 0x811c9dc5))}${hex8(fnv1a(name, 0x050c5d1f))}`;
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
