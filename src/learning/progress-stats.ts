/**
 * The numbers on the progress page, from plain records: lessons opened and done per folder and
 * tag, quiz accuracy over time and per tag. Pure: the page passes in what storage holds and what
 * the build knows about lessons and questions.
 */

/** A lesson as the build knows it. */
export interface LessonInfo {
  slug: string;
  title: string;
  /** Vault folder ('' at the root). */
  folder: string;
  tags: readonly string[];
}

/** What storage holds about one lesson (only the fields the counts need). */
export interface LessonState {
  slug: string;
  doneAt: number | null;
}

/** One row of "lessons opened and done". */
export interface CompletionRow {
  label: string;
  total: number;
  /** Opened at least once (done lessons included). */
  opened: number;
  done: number;
}

/**
 * A tag and every parent of it (`aws/ec2/ami` → `aws`, `aws/ec2`, `aws/ec2/ami`), as Obsidian's
 * tag pane counts nested tags. Keys compare case-insensitively; the display form is as written.
 */
export function topicsOf(tags: readonly string[]): Array<{ key: string; label: string }> {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const parts = tag.split('/').filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const label = parts.slice(0, depth).join('/');
      const key = label.toLowerCase();
      if (!seen.has(key)) seen.set(key, label);
    }
  }
  return [...seen].map(([key, label]) => ({ key, label }));
}

function byLabel(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, undefined, { numeric: true, sensitivity: 'base' });
}

/** Lessons opened and done: overall, per folder (vault order) and per tag (nested tags roll up). */
export function lessonCompletion(lessons: readonly LessonInfo[], states: readonly LessonState[]): { overall: CompletionRow; byFolder: CompletionRow[]; byTag: CompletionRow[] } {
  const bySlug = new Map(states.map((s) => [s.slug, s]));
  const overall: CompletionRow = { label: 'All lessons', total: 0, opened: 0, done: 0 };
  const folders = new Map<string, CompletionRow>();
  const tags = new Map<string, CompletionRow>();
  const count = (row: CompletionRow, state: LessonState | undefined) => {
    row.total += 1;
    if (state) row.opened += 1;
    if (state?.doneAt) row.done += 1;
  };
  for (const lesson of lessons) {
    const state = bySlug.get(lesson.slug);
    count(overall, state);
    const folder = folders.get(lesson.folder) ?? { label: lesson.folder || 'Notes', total: 0, opened: 0, done: 0 };
    count(folder, state);
    folders.set(lesson.folder, folder);
    for (const topic of topicsOf(lesson.tags)) {
      const row = tags.get(topic.key) ?? { label: topic.label, total: 0, opened: 0, done: 0 };
      count(row, state);
      tags.set(topic.key, row);
    }
  }
  return { overall, byFolder: [...folders.values()], byTag: [...tags.values()].sort(byLabel) };
}

/** One recorded answer (lesson quiz, tag quiz or review). */
export interface AnsweredQuestion {
  questionId: string;
  outcome: 'correct' | 'incorrect' | 'unanswered';
  /** Epoch ms. */
  answeredAt: number;
}

export interface AccuracyPoint {
  /** Start of the day or week (epoch ms, local time). */
  start: number;
  answered: number;
  correct: number;
}

export type Granularity = 'day' | 'week';

/** Local midnight of the day, or of the Monday of the week, containing `time`. */
export function bucketStart(time: number, granularity: Granularity): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  if (granularity === 'week') date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  return date.getTime();
}

const DAY = 86_400_000;

/** Days while the answers span a month or less, weeks after that: a chart of 10–60 points. */
export function chooseGranularity(attempts: readonly AnsweredQuestion[]): Granularity {
  if (attempts.length === 0) return 'day';
  const times = attempts.map((a) => a.answeredAt);
  return Math.max(...times) - Math.min(...times) <= 31 * DAY ? 'day' : 'week';
}

/** Accuracy per day or week, oldest first; only periods with answers appear, at most `limit` (the latest). */
export function accuracyOverTime(attempts: readonly AnsweredQuestion[], granularity: Granularity, limit = 52): AccuracyPoint[] {
  const buckets = new Map<number, AccuracyPoint>();
  for (const attempt of attempts) {
    if (attempt.outcome === 'unanswered') continue;
    const start = bucketStart(attempt.answeredAt, granularity);
    const point = buckets.get(start) ?? { start, answered: 0, correct: 0 };
    point.answered += 1;
    if (attempt.outcome === 'correct') point.correct += 1;
    buckets.set(start, point);
  }
  return [...buckets.values()].sort((a, b) => a.start - b.start).slice(-limit);
}

export interface AccuracyRow {
  label: string;
  answered: number;
  correct: number;
}

/** Accuracy per tag of the answered question (nested tags roll up), by tag name. */
export function accuracyByTag(attempts: readonly AnsweredQuestion[], tagsByQuestion: ReadonlyMap<string, readonly string[]>): AccuracyRow[] {
  const rows = new Map<string, AccuracyRow>();
  for (const attempt of attempts) {
    if (attempt.outcome === 'unanswered') continue;
    for (const topic of topicsOf(tagsByQuestion.get(attempt.questionId) ?? [])) {
      const row = rows.get(topic.key) ?? { label: topic.label, answered: 0, correct: 0 };
      row.answered += 1;
      if (attempt.outcome === 'correct') row.correct += 1;
      rows.set(topic.key, row);
    }
  }
  return [...rows.values()].sort(byLabel);
}

/** Whole percent, 0 when nothing was answered. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}
