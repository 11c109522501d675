/**
 * mulberry32, the one seeded generator of the app: a tiny, well-distributed 32-bit PRNG (public
 * domain). The state is a plain number, so a caller can keep it in a saved world (resource IDs) or
 * in a closure (shuffles).
 */

/** Advances a mulberry32 state; returns the next state and a 32-bit unsigned output. */
export function mulberry32(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next, value: (t ^ (t >>> 14)) >>> 0 };
}
