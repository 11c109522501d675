/**
 * Spaced review: serves what FSRS says is due (plus a few new items a day), lets the learner
 * answer (questions) or recall (cards), then rate Again/Hard/Good/Easy with each rating's next
 * interval on its button. Plain DOM for the same reasons as the exam (shared question renderer).
 *
 * Loading: the first item shows from a read-only look at IndexedDB (storage/read-only.ts); the
 * scheduler and Dexie (review-later.ts) load on the learner's first move, so the page's first load
 * stays within its 60 KB budget.
 */
import { isScored, type Question } from '../../content-pipeline/questions/schema';
import { summariseDue } from '../../learning/due';
import { orderingMistakesText } from '../../learning/ordering-feedback';
import type { ReviewCardState } from '../../learning/review-card';
import type { ReviewRating } from '../../learning/review-scheduler';
import { scoreAnswer } from '../../learning/score-answer';
import { DATABASE_NAME } from '../../storage/database-exists';
import { readStores } from '../../storage/read-only';
import { reviewCardRecordSchema, type ReviewCardRecord } from '../../storage/records';
import { whenLearnerActs } from '../shared/when-learner-acts';
import { showStorageNotice, withdrawStorageNotice } from '../storage-notice/storage-notice';
import { loadQuestions } from '../quiz/load-questions';
import { createSaveStatus } from '../shared/save-status';
import { correctAnswerText, el, lock, moveItem, readAnswer, renderQuestion, showOptionResults, sourceLink } from '../quiz/render-question';

const LABELS: Record<ReviewRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

function formatDue(due: number, now: number): string {
  const date = new Date(due);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? `today at ${date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : date.toLocaleDateString([], { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

export async function startReviewApp(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>('[data-review-status]');
  const stage = root.querySelector<HTMLElement>('[data-review-stage]');
  if (!status || !stage) return;
  const loaded = await loadQuestions();
  if (!loaded.ok) {
    status.textContent = loaded.message;
    return;
  }
  const whenNeeded = whenLearnerActs(() => import('./review-later'));
  const stored = new Map<string, ReviewCardRecord>();
  try {
    // As storage/review-cards.ts loadReviewCards: every valid stored card; one that no longer fits is skipped.
    for (const row of (await readStores(DATABASE_NAME, ['reviewCards']))?.reviewCards ?? []) {
      const parsed = reviewCardRecordSchema.safeParse(row);
      if (parsed.success) stored.set(parsed.data.questionId, parsed.data);
    }
  } catch (error) {
    // Without storage the session still runs: ratings are kept in memory and the save status
    // under the item says they are not stored yet, with a Retry for when storage comes back.
    stored.clear();
    showStorageNotice(error);
  }
  // One status for the session, right under the item (ratings sit at the bottom of it): it keeps
  // every unsaved answer and rating, in order, until storage takes them.
  const saves = createSaveStatus({ retryLabel: 'Retry saving', onFailure: showStorageNotice, onRecovered: withdrawStorageNotice });
  stage.after(saves.element);
  const byId = new Map(loaded.questions.map((q) => [q.id, q]));
  const cards = new Map<string, ReviewCardState>([...stored].map(([id, r]) => [id, r.card]));
  // The same count as the home and progress pages (learning/due.ts): due now first (a question
  // missed in a lesson quiz comes back as soon as its one-minute step is up), then new items.
  const queue = summariseDue([...byId.keys()], stored, new Date());
  const items = [...queue.dueNow, ...queue.fresh];
  const done: Array<{ question: Question; rating: ReviewRating; due: number }> = [];
  const later = queue.laterToday.length > 0 ? ` ${queue.laterToday.length} more due later today.` : '';
  status.textContent = items.length === 0 ? later.trim() : `${queue.dueNow.length} due, ${queue.fresh.length} new.${later}`;

  const finish = () => {
    const heading = el('h2', { tabindex: '-1', text: done.length === 0 ? 'Nothing is due' : 'Session complete' });
    const next = [...cards.values()]
      .map((c) => c.due)
      .filter((d) => d > Date.now())
      .sort((a, b) => a - b)[0];
    const list = el('ul', { class: 'lesson-list', 'aria-label': 'Next due dates' });
    for (const d of done)
      list.append(el('li', {}, el('span', { text: d.question.stem }), el('span', { class: 'lesson-state', text: `${LABELS[d.rating]} · next ${formatDue(d.due, Date.now())}` })));
    stage.replaceChildren(
      heading,
      el('p', { text: done.length === 0 ? 'You are up to date.' : `You reviewed ${done.length} ${done.length === 1 ? 'item' : 'items'}.` }),
      ...(next ? [el('p', { 'data-next-review': '', text: `Next review due ${formatDue(next, Date.now())}.` })] : []),
      ...(done.length > 0 ? [list] : []),
    );
    status.textContent = '';
    heading.focus();
  };

  const showItem = (index: number) => {
    const id = items[index];
    const question = id ? byId.get(id) : undefined;
    if (!question) {
      finish();
      return;
    }
    const shownAt = new Date();
    const counter = el('p', { class: 'status-note', text: `Item ${index + 1} of ${items.length}${cards.has(question.id) ? '' : ' · new'}` });
    const box = el('section', { class: 'review-card quiz-item', 'aria-label': 'Review item' });
    const action = el('button', { type: 'button', class: 'button button-primary' });
    const feedback = el('p', { class: 'quiz-feedback', role: 'status' });
    const ratings = el('div', { class: 'review-ratings', role: 'group', 'aria-label': 'How well did you know it?' });
    ratings.hidden = true;

    if (isScored(question)) {
      box.append(renderQuestion(question, 'Question'));
      action.textContent = 'Check answer';
      box.addEventListener('click', (event) => {
        const move = (event.target as HTMLElement).closest<HTMLElement>('.quiz-move');
        if (move) moveItem(move);
      });
    } else {
      box.append(el('p', { class: 'quiz-number', text: 'Card' }), el('h2', { class: 'quiz-stem', text: question.stem }));
      action.textContent = 'Show answer';
    }
    box.append(el('div', { class: 'quiz-actions' }, action), feedback, ratings);
    stage.replaceChildren(counter, box);
    (box.querySelector<HTMLElement>('input, button') ?? action).focus();

    let revealing = false;
    action.addEventListener('click', async () => {
      if (revealing) return;
      revealing = true;
      let scheduler: Awaited<ReturnType<typeof whenNeeded>>;
      try {
        scheduler = await whenNeeded();
      } catch {
        revealing = false;
        feedback.textContent = 'This part of the page could not be loaded. Check your connection and try again.';
        return;
      }
      const { newReviewCard, previewRatings, rateCard } = scheduler;
      const card = cards.get(question.id) ?? newReviewCard(shownAt);
      let suggestion: ReviewRating = 'good';
      if (isScored(question)) {
        const answer = readAnswer(box, question);
        const result = scoreAnswer(question, answer);
        const correct = result.outcome === 'correct';
        suggestion = correct ? 'good' : 'again';
        box.dataset.state = correct ? 'correct' : 'incorrect';
        showOptionResults(box, question, answer);
        lock(box);
        const mistakes = correct ? '' : orderingMistakesText(question, answer);
        feedback.textContent = correct ? 'Correct.' : `Incorrect. The answer is: ${correctAnswerText(question)}.${mistakes ? ` ${mistakes}` : ''}`;
        const attempt = { questionId: question.id, lessonSlug: null, context: 'review', answer, outcome: result.outcome, answeredAt: Date.now() } as const;
        void saves.save({
          what: 'Your answer',
          write: async () => {
            const { database, recordQuizAttempt } = await whenNeeded();
            return recordQuizAttempt(database(), attempt);
          },
        });
      } else {
        feedback.textContent = '';
        box.append(el('p', { class: 'review-back', text: question.back }));
      }
      if (question.explanation && isScored(question)) box.append(el('p', { class: 'quiz-explanation', text: question.explanation }));
      box.append(sourceLink(question));
      action.closest('.quiz-actions')?.remove();
      const at = new Date();
      for (const preview of previewRatings(card, at)) {
        // The visible text is the accessible name ("Good in 10m"): the interval is shown before choosing.
        const button = el(
          'button',
          { type: 'button', class: `button${preview.rating === suggestion ? ' button-primary' : ''}`, 'data-rating': preview.rating },
          el('span', { text: LABELS[preview.rating] }),
          ' ',
          el('small', { text: `in ${preview.interval}` }),
        );
        ratings.append(button);
      }
      ratings.hidden = false;
      box.append(ratings);
      ratings.querySelector<HTMLButtonElement>(`[data-rating="${suggestion}"]`)?.focus();
      ratings.addEventListener('click', async (event) => {
        const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-rating]');
        if (!button) return;
        const rating = button.dataset.rating as ReviewRating;
        const ratedAt = new Date();
        const next = rateCard(card, rating, ratedAt);
        cards.set(question.id, next);
        done.push({ question, rating, due: next.due });
        for (const b of ratings.querySelectorAll('button')) b.disabled = true;
        button.setAttribute('aria-pressed', 'true');
        // Waits for the first attempt only: a failure is said under the item and retried in the
        // background while the session goes on, so a full disk does not stop the review.
        await saves.save({
          what: `Your rating “${LABELS[rating]}”`,
          key: `card:${question.id}`,
          write: async () => {
            const { database, saveReviewCard } = await whenNeeded();
            return saveReviewCard(database(), question.id, next, ratedAt.getTime());
          },
        });
        showItem(index + 1);
      });
    });
  };

  if (items.length === 0) finish();
  else showItem(0);
}
