/**
 * The home page's progress: marks each lesson in the lists as opened or done and fills in the
 * totals, from what storage holds for this browser.
 */
import { database } from '../../storage/db';
import { listLessonProgress } from '../../storage/lesson-progress';

export async function showHomeProgress(document: Document): Promise<void> {
  const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
  let records;
  try {
    records = await listLessonProgress(database());
  } catch {
    if (summary) summary.textContent = 'Progress is not available: this browser does not allow storage here.';
    return;
  }
  const bySlug = new Map(records.map((r) => [r.slug, r]));
  let opened = 0;
  let done = 0;
  const total = document.querySelectorAll('[data-lesson-state]').length;
  for (const badge of document.querySelectorAll<HTMLElement>('[data-lesson-state]')) {
    const record = bySlug.get(badge.dataset.lessonState ?? '');
    if (!record) continue;
    const state = record.doneAt ? 'done' : 'opened';
    badge.dataset.state = state;
    badge.textContent = state === 'done' ? 'Done ✓' : 'Opened';
    if (state === 'done') done += 1;
    else opened += 1;
  }
  if (summary) {
    summary.textContent =
      opened + done === 0
        ? `You have not opened any of the ${total} lessons yet. Start with the first one below.`
        : `${done} of ${total} lessons done, ${opened} more opened.`;
  }
  document.body.dataset.progressReady = 'true';
}
