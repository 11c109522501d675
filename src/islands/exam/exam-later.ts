/**
 * What the exam page needs only once the learner acts: Dexie and the writes (an exam's progress,
 * its result, a discarded attempt). exam-app.ts imports this on the learner's first move, so the
 * page's first load stays within its 60 KB budget.
 */
export { database } from '../../storage/db';
export { deleteExamAttempt, finishExamAttempt, saveExamAttempt } from '../../storage/exam-attempts';
