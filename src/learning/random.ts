/**
 * Seeded randomness for shuffles and exam draws: the same seed gives the same order, so an exam
 * or an embed with `shuffle` can be replayed, and tests stay deterministic.
 */

/** mulberry32: a tiny, well-distributed 32-bit PRNG (public domain). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any string (FNV-1a). */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A new array in Fisher–Yates order for the seed; the input is not changed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Ordering items as first shown: shuffled by the question id, and never already in order. */
export function displayOrder<T extends { id: string }>(questionId: string, items: readonly T[]): T[] {
  let seed = seedFromString(questionId);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const shuffled = seededShuffle(items, seed);
    if (shuffled.some((item, i) => item.id !== items[i]?.id)) return shuffled;
    seed += 1;
  }
  return [...items].reverse();
}
