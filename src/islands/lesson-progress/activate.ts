/**
 * Lesson pages carry almost no JavaScript: this loader (a few hundred bytes) waits for the
 * learner's first sign of reading (a scroll, a key, the pointer, a touch, focus) and only then
 * loads the progress code and its database library. A lesson counts as opened from that moment,
 * and the "Mark as done" button shows its saved state.
 */
const READING_SIGNS = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart', 'focusin'] as const;

export function whenReaderActs(start: () => void): void {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    for (const sign of READING_SIGNS) removeEventListener(sign, go, true);
    start();
  };
  for (const sign of READING_SIGNS) addEventListener(sign, go, { capture: true, passive: true });
}
