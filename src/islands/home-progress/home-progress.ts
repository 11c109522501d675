/**
 * The home page's progress: marks each lesson in the lists as opened or done and fills in the
 * totals, from what storage holds for this browser. Live: a lesson marked done in another tab
 * shows here without a reload.
 */
import { watchQuery } from '../../storage/live';
import { database, type LessonProgressRecord } from '../../storage/db';
import { listLessonProgress } from '../../storage/lesson-progress';
import { showStorageNotice } from '../storage-notice/storage-notice';

function render(document: Document, records: readonly LessonProgressRecord[]): void {
  const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
  const bySlug = new Map(records.map((r) => [r.slug, r]));
  let opened = 0;
  let done = 0;
  const total = document.querySelectorAll('[data-lesson-state]').length;
  for (const badge of document.querySelectorAll<HTMLElement>('[data-lesson-state]')) {
    const record = bySlug.get(badge.dataset.lessonState ?? '');
    const state = !record ? 'new' : record.doneAt ? 'done' : 'opened';
    badge.dataset.state = state;
    badge.textContent = state === 'done' ? 'Done ✓' : state === 'opened' ? 'Opened' : 'Not started';
    if (state === 'done') done += 1;
    else if (state === 'opened') opened += 1;
  }
  if (summary) {
    summary.textContent =
      opened + done === 0
        ? `You have not opened any of the ${total} lessons yet. Start with the first one below.`
        : `${done} of ${total} lessons done, ${opened} more opened.`;
  }
  document.body.dataset.progressReady = 'true';
}

export async function showHomeProgress(document: Document): Promise<void> {
  const db = database();
  try {
    render(document, await listLessonProgress(db));
  } catch (error) {
    const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
    if (summary) summary.textContent = 'Progress is not available: this browser does not allow storage here.';
    showStorageNotice(error);
    return;
  }
  watchQuery(() => listLessonProgress(db), (records) => render(document, records), showStorageNotice);
}
