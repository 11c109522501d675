/**
 * Code a page needs only once the learner acts (Dexie for saving, the scheduler, export and
 * import): loaded on the learner's first move (pointer, key, touch, wheel), or at once when the
 * page asks for it first. Focus and scroll do not count: a page that moves focus itself (to the
 * first question) would set them off without the learner. Keeps pages within their JavaScript
 * budget before the learner acts (tests/quality/js-budget.ts).
 */
const FIRST_MOVES = ['pointermove', 'pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Returns the loader: call it where the code is needed; it loads once (again after a failure).
 * `onLoad` runs once, when the code has loaded, before any caller's own continuation.
 */
export function whenLearnerActs<T>(load: () => Promise<T>, onLoad?: (loaded: T) => void): () => Promise<T> {
  let loading: Promise<T> | undefined;
  let ran = false;
  const get = (): Promise<T> => {
    for (const move of FIRST_MOVES) removeEventListener(move, early, true);
    loading ??= load().then(
      (loaded) => {
        if (!ran) {
          ran = true;
          onLoad?.(loaded);
        }
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const early = () => void get().catch(() => undefined);
  for (const move of FIRST_MOVES) addEventListener(move, early, { capture: true, passive: true });
  return get;
}
