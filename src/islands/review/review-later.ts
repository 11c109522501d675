/**
 * What the review page needs only once the learner acts: the FSRS scheduler (ts-fsrs) and Dexie
 * for saving. review-app.ts imports this on the learner's first move (or when it is needed), so
 * the page's first load stays within its budget.
 */
export { newReviewCard, previewRatings, rateCard } from '../../learning/review-scheduler';
export { database } from '../../storage/db';
export { recordQuizAttempt } from '../../storage/quiz-attempts';
export { saveReviewCard } from '../../storage/review-cards';
