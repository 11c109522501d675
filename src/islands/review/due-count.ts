/**
 * "Due today" on the home page: stored cards due before the end of the day, plus the new items
 * the daily allowance would introduce today, as learning/due.ts counts them for every page.
 */
import { summariseDue } from '../../learning/due';
import { database } from '../../storage/db';
import { loadReviewCards } from '../../storage/review-cards';
import { loadQuestions } from '../quiz/load-questions';
import { showStorageNotice } from '../storage-notice/storage-notice';

export async function showDueToday(target: HTMLElement, now: Date): Promise<void> {
  const loaded = await loadQuestions();
  if (!loaded.ok) {
    // Otherwise "Counting what is due…" would stay on the page for good.
    target.textContent = loaded.message;
    return;
  }
  try {
    const stored = await loadReviewCards(database());
    const summary = summariseDue(
      loaded.questions.map((q) => q.id),
      stored,
      now,
    );
    const known = summary.dueNow.length + summary.laterToday.length;
    const due = known + summary.fresh.length;
    target.dataset.due = String(due);
    target.dataset.dueNow = String(summary.dueNow.length);
    target.textContent = due === 0 ? 'Nothing to review today.' : `${due} ${due === 1 ? 'item' : 'items'} due for review today (${known} due, ${summary.fresh.length} new).`;
  } catch (error) {
    target.textContent = 'Review works for this visit only: this browser does not allow storage here.';
    showStorageNotice(error);
  }
}
