/**
 * What the progress page needs only once the learner acts (or another tab writes): Dexie, its live
 * queries, and export, import and delete. progress-app.ts imports this on the learner's first move,
 * so the page's first load stays within its 60 KB budget.
 */
export { database, reopenIfFailed } from '../../storage/db';
export { labDatabase } from '../../storage/lab-db';
export { watchQuery } from '../../storage/live';
export { readLabProgress, readStudyProgress } from '../../storage/progress-transfer';
export { startTransferControls } from './transfer-controls';
