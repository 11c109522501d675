/**
 * Practice exams: drawing N questions from all notes or chosen tags, and the score report per tag
 * and per note (topic) after submission.
 */
import { isScored, type Answer, type Question, type ScoredQuestion } from '../content-pipeline/questions/schema';
import { seededShuffle } from './random';
import { isCorrect, scoreAnswer, type ScoreResult } from './score-answer';

export const UNTAGGED = '(untagged)';

/** A tag matches itself and the tags nested under it (`aws/ec2` takes `aws/ec2/ami`). */
export function hasTag(question: Question, wanted: string): boolean {
  const w = wanted.toLowerCase();
  return question.tags.some((t) => {
    const tag = t.toLowerCase();
    return tag === w || tag.startsWith(`${w}/`);
  });
}

export interface ExamDraw {
  count: number;
  /** Empty: all notes. */
  tags: readonly string[];
  seed: number;
}

/** The exam's questions: scored kinds only (cards are not exam items), shuffled by the seed. */
export function drawExam(questions: readonly Question[], draw: ExamDraw): ScoredQuestion[] {
  const pool = questions.filter(isScored).filter((q) => draw.tags.length === 0 || draw.tags.some((t) => hasTag(q, t)));
  return seededShuffle(pool, draw.seed).slice(0, Math.max(1, draw.count));
}

export interface ScoreLine {
  label: string;
  correct: number;
  total: number;
}

export interface ExamReport {
  correct: number;
  total: number;
  /** 0–100, rounded down like a pass mark should be. */
  percent: number;
  byTag: ScoreLine[];
  byNote: ScoreLine[];
  results: Array<{ questionId: string; result: ScoreResult }>;
}

function addLine(lines: Map<string, ScoreLine>, label: string, right: boolean): void {
  const line = lines.get(label) ?? { label, correct: 0, total: 0 };
  line.total += 1;
  if (right) line.correct += 1;
  lines.set(label, line);
}

/** Scores every question; unanswered ones count as wrong. */
export function reportExam(questions: readonly ScoredQuestion[], answers: Readonly<Record<string, Answer | undefined>>): ExamReport {
  const byTag = new Map<string, ScoreLine>();
  const byNote = new Map<string, ScoreLine>();
  const results = questions.map((q) => {
    const result = scoreAnswer(q, answers[q.id]);
    const right = isCorrect(result);
    for (const tag of q.tags.length > 0 ? q.tags : [UNTAGGED]) addLine(byTag, tag, right);
    addLine(byNote, q.source.title, right);
    return { questionId: q.id, result };
  });
  const correct = results.filter((r) => isCorrect(r.result)).length;
  const sort = (m: Map<string, ScoreLine>) => [...m.values()].sort((a, b) => a.label.localeCompare(b.label));
  return {
    correct,
    total: questions.length,
    percent: questions.length === 0 ? 0 : Math.floor((correct / questions.length) * 100),
    byTag: sort(byTag),
    byNote: sort(byNote),
    results,
  };
}

/** How many questions a tag quiz shows: enough for a sitting, small enough for a page. */
export const TAG_QUIZ_SIZE = 20;

/**
 * The questions of a tag quiz: at most `limit`, taken in turns from each lesson under the tag
 * (authored questions first within a lesson), so a broad tag such as `#aws` gives a spread over
 * many lessons instead of a page with thousands of questions. Deterministic, so the quiz (and its
 * embed) is the same on every build of the same notes.
 */
export function selectTagQuiz(questions: readonly ScoredQuestion[], limit: number = TAG_QUIZ_SIZE): ScoredQuestion[] {
  const byLesson = new Map<string, ScoredQuestion[]>();
  for (const question of questions) {
    const list = byLesson.get(question.source.path) ?? [];
    list.push(question);
    byLesson.set(question.source.path, list);
  }
  const queues = [...byLesson.values()].map((list) => [
    ...list.filter((q) => q.origin === 'authored'),
    ...list.filter((q) => q.origin !== 'authored'),
  ]);
  const picked: ScoredQuestion[] = [];
  for (let round = 0; picked.length < limit; round += 1) {
    let tookAny = false;
    for (const queue of queues) {
      const next = queue[round];
      if (next && picked.length < limit) {
        picked.push(next);
        tookAny = true;
      }
    }
    if (!tookAny) break;
  }
  return picked;
}
