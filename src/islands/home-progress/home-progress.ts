/**
 * The home page's progress: marks each lesson in the lists as opened or done, fills in the totals
 * and counts what is due for review, from what storage holds for this browser. Live: a lesson
 * marked done or a review in another tab shows here without a reload.
 *
 * The whole page's JavaScript budget is 15 KB (gzip), so this reads IndexedDB with the browser's
 * own API (storage/read-only.ts) rather than Dexie, validates without zod and counts with
 * learning/due.ts, the rule the review and progress pages use. A first-time visitor (no database
 * yet) opens no database at all; nor does a learner who has never opened the lab.
 */
import { summariseDue, type StoredReviewCard } from '../../learning/due';
import { siteBase as base } from '../../base-url';
import { DATABASE_NAME } from '../../storage/database-exists';
import { isReviewCardRecord, labDatabaseExists, onStorageChange, readStores } from '../../storage/read-only';
import { showLabProgress } from '../lab-progress/lab-progress';
import { showStorageNotice } from '../storage-notice/storage-notice';

/** The part of a lesson-progress row the badges read. */
interface LessonRow {
  slug: string;
  doneAt: number | null;
}

type IdsResult = { ok: true; ids: string[] } | { ok: false; message: string };

/**
 * The vault's question ids, from question-ids.json (src/pages/question-ids.json.ts): counting needs
 * nothing else of the bank, which the review page loads from questions.json. A file of another
 * shape says so, as the review page would.
 */
async function loadQuestionIds(): Promise<IdsResult> {
  try {
    const response = await fetch(`${base}question-ids.json`);
    if (!response.ok) return { ok: false, message: `Questions could not be loaded (HTTP ${response.status}).` };
    const ids: unknown = await response.json();
    return Array.isArray(ids) && ids.every((id): id is string => typeof id === 'string')
      ? { ok: true, ids }
      : { ok: false, message: 'The question file does not match this version of the site. Reload the page.' };
  } catch {
    return { ok: false, message: 'Questions could not be loaded. Check your connection and reload.' };
  }
}

function isLessonRow(row: unknown): row is LessonRow {
  return typeof row === 'object' && row !== null && typeof (row as LessonRow).slug === 'string';
}

function renderLessons(document: Document, records: readonly LessonRow[]): void {
  const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
  const bySlug = new Map(records.map((r) => [r.slug, r]));
  let opened = 0;
  let done = 0;
  const total = document.querySelectorAll('[data-lesson-state]').length;
  for (const badge of document.querySelectorAll<HTMLElement>('[data-lesson-state]')) {
    const record = bySlug.get(badge.dataset.lessonState ?? '');
    const state = !record ? 'new' : record.doneAt ? 'done' : 'opened';
    const text = state === 'done' ? 'Done ✓' : state === 'opened' ? 'Opened' : 'Not started';
    // The page is built with every badge new: only a changed badge is written, so a first visit
    // (and every lesson not started) lays nothing out again.
    if (badge.dataset.state !== state) badge.dataset.state = state;
    if (badge.textContent !== text) badge.textContent = text;
    if (state === 'done') done += 1;
    else if (state === 'opened') opened += 1;
  }
  if (summary) {
    summary.textContent =
      opened + done === 0 ? `You have not opened any of the ${total} lessons yet. Start with the first one below.` : `${done} of ${total} lessons done, ${opened} more opened.`;
  }
  document.body.dataset.progressReady = 'true';
}

/** "Due today": stored cards due before the end of the day, plus today's new items (learning/due.ts). */
function renderDue(target: HTMLElement, ids: readonly string[], cards: readonly unknown[], now: Date): void {
  const stored = new Map<string, StoredReviewCard>();
  for (const row of cards) if (isReviewCardRecord(row)) stored.set(row.questionId, row);
  const summary = summariseDue(ids, stored, now);
  const known = summary.dueNow.length + summary.laterToday.length;
  const due = known + summary.fresh.length;
  target.dataset.due = String(due);
  target.dataset.dueNow = String(summary.dueNow.length);
  target.textContent = due === 0 ? 'Nothing to review today.' : `${due} ${due === 1 ? 'item' : 'items'} due for review today (${known} due, ${summary.fresh.length} new).`;
}

export async function showHomeProgress(document: Document): Promise<void> {
  const dueTarget = document.querySelector<HTMLElement>('[data-review-due]');
  const questions = dueTarget ? loadQuestionIds() : null;
  const show = async (): Promise<boolean> => {
    let rows: Record<'lessonProgress' | 'reviewCards', unknown[]>;
    try {
      rows = (await readStores(DATABASE_NAME, ['lessonProgress', 'reviewCards'])) ?? { lessonProgress: [], reviewCards: [] };
    } catch (error) {
      const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
      if (summary) summary.textContent = 'Progress is not available: this browser does not allow storage here.';
      if (dueTarget) dueTarget.textContent = 'Review works for this visit only: this browser does not allow storage here.';
      showStorageNotice(error);
      return false;
    }
    renderLessons(document, rows.lessonProgress.filter(isLessonRow));
    const loaded = await questions;
    if (dueTarget && loaded) {
      // Otherwise "Counting what is due…" would stay on the page for good.
      if (loaded.ok) renderDue(dueTarget, loaded.ids, rows.reviewCards, new Date());
      else dueTarget.textContent = loaded.message;
    }
    return true;
  };
  if (await show()) onStorageChange(() => void show());
}

/**
 * Lab progress (islands/lab-progress, a read of two stores without Dexie), only for a learner who
 * has a lab database: a first-time visitor's page opens none.
 */
export function showLabProgressWhenStored(document: Document): void {
  void labDatabaseExists().then((exists) => {
    if (exists === false) {
      const summary = document.querySelector<HTMLElement>('[data-lab-summary]');
      if (summary) summary.textContent = 'No lab scenario started yet.';
      return;
    }
    void showLabProgress(document);
  });
}
