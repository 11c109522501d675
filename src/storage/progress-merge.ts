/**
 * Merging an imported progress file into what this browser holds, record by record. Pure: it
 * takes two snapshots and returns the writes to make and a report of what they change, so the
 * rules are tested without a database and the transaction in progress-transfer.ts only applies.
 *
 * Rules:
 * - Records that change over time (lesson progress, review cards, lab scenario progress) are keyed
 *   by their natural id (slug, question id); the one with the later `updatedAt` wins whole. On a
 *   tie this browser's record stays: importing the same file twice changes nothing.
 * - Records that never change once written (quiz answers, exam results) are events: an imported
 *   one is added unless the same event is already here. Their local ids are auto-increment numbers
 *   that differ between browsers, so an event is recognised by what it is: a quiz answer by
 *   question, context, lesson and time; an exam by when it started and finished.
 */
import type { ExportedExamResult, ExportedQuizAttempt, LabProgressData, ProgressData } from './progress-file';
import type { LessonProgressRecord } from './db';
import type { ReviewCardRecord } from './records';

/** What an import does to one kind of record. */
export interface MergeCount {
  /** New here. */
  added: number;
  /** Replaced by a newer record from the file. */
  updated: number;
  /** In the file, but this browser already had it or a newer one. */
  kept: number;
}

export interface MergeReport {
  lessonProgress: MergeCount;
  quizAttempts: MergeCount;
  reviewCards: MergeCount;
  examResults: MergeCount;
  labProgress: MergeCount;
}

/** The writes an import makes: records to put (keyed kinds) and events to add. */
export interface MergePlan {
  lessonProgress: LessonProgressRecord[];
  reviewCards: ReviewCardRecord[];
  labProgress: LabProgressData[];
  quizAttempts: ExportedQuizAttempt[];
  examResults: ExportedExamResult[];
  report: MergeReport;
}

/** The identity of a quiz answer across browsers. */
export function quizAttemptKey(attempt: ExportedQuizAttempt): string {
  return JSON.stringify([attempt.questionId, attempt.context, attempt.lessonSlug, attempt.answeredAt]);
}

/** The identity of an exam result across browsers. */
export function examResultKey(result: ExportedExamResult): string {
  return JSON.stringify([result.startedAt, result.finishedAt]);
}

function mergeNewerWins<T extends { updatedAt: number }>(current: readonly T[], incoming: readonly T[], keyOf: (record: T) => string): { writes: T[]; count: MergeCount } {
  const here = new Map(current.map((record) => [keyOf(record), record]));
  const chosen = new Map<string, T>();
  const count: MergeCount = { added: 0, updated: 0, kept: 0 };
  // The newest record per key within the file first: a file may name a key twice.
  for (const record of incoming) {
    const key = keyOf(record);
    const seen = chosen.get(key);
    if (!seen || record.updatedAt > seen.updatedAt) chosen.set(key, record);
  }
  const writes: T[] = [];
  for (const [key, record] of chosen) {
    const local = here.get(key);
    if (!local) {
      count.added += 1;
      writes.push(record);
    } else if (record.updatedAt > local.updatedAt) {
      count.updated += 1;
      writes.push(record);
    } else {
      count.kept += 1;
    }
  }
  return { writes, count };
}

function mergeEvents<T>(current: readonly T[], incoming: readonly T[], keyOf: (record: T) => string): { writes: T[]; count: MergeCount } {
  const seen = new Set(current.map(keyOf));
  const count: MergeCount = { added: 0, updated: 0, kept: 0 };
  const writes: T[] = [];
  for (const record of incoming) {
    const key = keyOf(record);
    if (seen.has(key)) {
      count.kept += 1;
      continue;
    }
    seen.add(key);
    count.added += 1;
    writes.push(record);
  }
  return { writes, count };
}

/** Plans the merge of `incoming` (an imported file) into `current` (this browser). */
export function planMerge(current: ProgressData, incoming: ProgressData): MergePlan {
  const lessons = mergeNewerWins(current.study.lessonProgress, incoming.study.lessonProgress, (r) => r.slug);
  const cards = mergeNewerWins(current.study.reviewCards, incoming.study.reviewCards, (r) => r.questionId);
  const labs = mergeNewerWins(current.lab.scenarioProgress, incoming.lab.scenarioProgress, (r) => r.slug);
  const attempts = mergeEvents(current.study.quizAttempts, incoming.study.quizAttempts, quizAttemptKey);
  const exams = mergeEvents(current.study.examResults, incoming.study.examResults, examResultKey);
  return {
    lessonProgress: lessons.writes,
    reviewCards: cards.writes,
    labProgress: labs.writes,
    quizAttempts: attempts.writes,
    examResults: exams.writes,
    report: { lessonProgress: lessons.count, quizAttempts: attempts.count, reviewCards: cards.count, examResults: exams.count, labProgress: labs.count },
  };
}

/** True when the import wrote nothing. */
export function mergeChangedNothing(report: MergeReport): boolean {
  return Object.values(report).every((count) => count.added === 0 && count.updated === 0);
}

const NOUNS: Record<keyof MergeReport, [string, string]> = {
  lessonProgress: ['lesson', 'lessons'],
  quizAttempts: ['quiz answer', 'quiz answers'],
  reviewCards: ['review card', 'review cards'],
  examResults: ['exam result', 'exam results'],
  labProgress: ['lab scenario', 'lab scenarios'],
};

/** One sentence per kind that changed, e.g. "2 lessons: 1 added, 1 updated." */
export function describeMerge(report: MergeReport): string[] {
  if (mergeChangedNothing(report)) return ['Nothing changed: this browser already had everything in the file (or newer).'];
  return (Object.keys(NOUNS) as Array<keyof MergeReport>).flatMap((kind) => {
    const { added, updated, kept } = report[kind];
    if (added + updated === 0) return [];
    const [one, many] = NOUNS[kind];
    const parts = [added > 0 ? `${added} added` : '', updated > 0 ? `${updated} updated (newer in the file)` : '', kept > 0 ? `${kept} already here` : ''].filter(Boolean);
    const total = added + updated + kept;
    return [`${total} ${total === 1 ? one : many}: ${parts.join(', ')}.`];
  });
}
