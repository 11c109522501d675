/**
 * "Due today" on the home page: stored cards due before the end of the day, plus the new items
 * the daily allowance would introduce today.
 */
import { buildReviewQueue, endOfDay, NEW_PER_DAY } from '../../learning/review-queue';
import { database } from '../../storage/db';
import { loadReviewCards } from '../../storage/review-cards';
import { loadQuestions } from '../quiz/load-questions';
import { showStorageNotice } from '../storage-notice/storage-notice';

export async function showDueToday(target: HTMLElement, now: Date): Promise<void> {
  const loaded = await loadQuestions();
  if (!loaded.ok) return;
  try {
    const stored = await loadReviewCards(database());
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    const introduced = [...stored.values()].filter((r) => r.introducedAt >= start.getTime()).length;
    const cards = new Map([...stored].map(([id, r]) => [id, r.card]));
    const queue = buildReviewQueue(loaded.questions.map((q) => q.id), cards, endOfDay(now), NEW_PER_DAY - introduced);
    const due = queue.due.length + queue.fresh.length;
    target.dataset.due = String(due);
    target.textContent = due === 0 ? 'Nothing to review today.' : `${due} ${due === 1 ? 'item' : 'items'} due for review today (${queue.due.length} due, ${queue.fresh.length} new).`;
  } catch (error) {
    target.textContent = 'Review works for this visit only: this browser does not allow storage here.';
    showStorageNotice(error);
  }
}
