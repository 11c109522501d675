/**
 * Seeded randomness for shuffles and exam draws: the same seed gives the same order, so an exam
 * or an embed with `shuffle` can be replayed, and tests stay deterministic.
 */
import { fnv1a } from '../shared/hash';
import { mulberry32 } from '../shared/mulberry32';

/** A generator of numbers in [0, 1) for the seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const step = mulberry32(state);
    state = step.state;
    return step.value / 4294967296;
  };
}

/** A 32-bit seed from any string (FNV-1a). */
export function seedFromString(text: string): number {
  return fnv1a(text);
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
