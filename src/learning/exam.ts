/**
 * Practice exams: drawing N questions from all notes or chosen tags (or a full-length exam shaped
 * like SAA-C03), and the score report per exam domain, per tag and per note after submission.
 *
 * What is an exam item: the kinds the real exam has, multiple choice and multiple response (our
 * `choice` and `truefalse` kinds, both answered by choosing). Cloze and cards are recall drills that
 * belong to review; ordering is left out too, because SAA-C03 has no ordering items and an
 * ordering question cannot be answered by choosing (they stay in lesson quizzes and review).
 */
import { EXAM_DOMAINS, type Answer, type ExamDomain, type Question, type ScoredQuestion } from '../content-pipeline/questions/schema';
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

/** A question the exam can ask: multiple choice or multiple response (`choose` N). */
export type ExamQuestion = Extract<ScoredQuestion, { kind: 'choice' | 'truefalse' }>;

/** Whether a question is an exam item (see the module comment for why cloze, ordering and cards are not). */
export function isExamQuestion(question: Question): question is ExamQuestion {
  return question.kind === 'choice' || question.kind === 'truefalse';
}

/** The exam's questions: exam items only, from the chosen tags, shuffled by the seed. */
export function drawExam(questions: readonly Question[], draw: ExamDraw): ExamQuestion[] {
  const pool = questions.filter(isExamQuestion).filter((q) => draw.tags.length === 0 || draw.tags.some((t) => hasTag(q, t)));
  return seededShuffle(pool, draw.seed).slice(0, Math.max(1, draw.count));
}

/** The real SAA-C03: 65 questions in 130 minutes. */
export const FULL_EXAM = { questions: 65, minutes: 130 } as const;

/** Time for an exam of another length, at the real exam's pace: 2 minutes a question. */
export const MINUTES_PER_QUESTION = FULL_EXAM.minutes / FULL_EXAM.questions;

/**
 * The weight of each domain in the SAA-C03 exam guide (content outline, version 1.1): Secure 30%,
 * Resilient 26%, High-Performing 24%, Cost-Optimized 20%.
 */
export const DOMAIN_WEIGHTS: Readonly<Record<ExamDomain, number>> = { secure: 0.3, resilient: 0.26, 'high-performing': 0.24, 'cost-optimized': 0.2 };

/** The exam guide's names of the four domains. */
export const DOMAIN_LABELS: Readonly<Record<ExamDomain, string>> = {
  secure: 'Design Secure Architectures',
  resilient: 'Design Resilient Architectures',
  'high-performing': 'Design High-Performing Architectures',
  'cost-optimized': 'Design Cost-Optimized Architectures',
};

/** The row for questions whose author gave no domain. */
export const NO_DOMAIN = 'No domain given';

export interface FullExamPlan {
  /** How many questions the exam will have: 65, or every eligible question when there are fewer. */
  questions: number;
  minutes: number;
  /** Eligible questions in the vault (choice and true/false). */
  available: number;
  /** Fewer than 65 eligible: the exam is the full set, timed at 2 minutes a question. */
  short: boolean;
}

/** What a full-length exam over these questions would be. */
export function planFullExam(questions: readonly Question[]): FullExamPlan {
  const available = questions.filter(isExamQuestion).length;
  const count = Math.min(FULL_EXAM.questions, available);
  return {
    questions: count,
    minutes: count === FULL_EXAM.questions ? FULL_EXAM.minutes : Math.max(1, Math.round(count * MINUTES_PER_QUESTION)),
    available,
    short: available < FULL_EXAM.questions,
  };
}

/** How many of `count` questions each domain gets, by the exam guide's weights (largest remainders). */
export function domainQuota(count: number): Record<ExamDomain, number> {
  const raw = EXAM_DOMAINS.map((d) => ({ d, exact: DOMAIN_WEIGHTS[d] * count }));
  const quota = Object.fromEntries(raw.map((r) => [r.d, Math.floor(r.exact)])) as Record<ExamDomain, number>;
  let left = count - raw.reduce((sum, r) => sum + Math.floor(r.exact), 0);
  for (const r of [...raw].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)))) {
    if (left <= 0) break;
    quota[r.d] += 1;
    left -= 1;
  }
  return quota;
}

/**
 * A full-length exam: 65 questions (or all eligible ones when fewer), preferring what is most like
 * the real exam. Authored questions with a domain come first, spread over the domains by the exam
 * guide's weights; a domain short of questions leaves its places to the others; then authored
 * questions without a domain, then generated ones. The chosen questions are shuffled by the seed.
 */
export function drawFullExam(questions: readonly Question[], seed: number): ExamQuestion[] {
  const eligible = seededShuffle(questions.filter(isExamQuestion), seed);
  const count = Math.min(FULL_EXAM.questions, eligible.length);
  const quota = domainQuota(count);
  const picked = new Set<ExamQuestion>();
  const withDomain = eligible.filter((q) => q.origin === 'authored' && q.domain !== undefined);
  for (const domain of EXAM_DOMAINS) {
    for (const q of withDomain.filter((x) => x.domain === domain).slice(0, quota[domain])) picked.add(q);
  }
  const rest = [...withDomain, ...eligible.filter((q) => q.origin === 'authored' && q.domain === undefined), ...eligible.filter((q) => q.origin !== 'authored')];
  for (const q of rest) {
    if (picked.size >= count) break;
    picked.add(q);
  }
  return seededShuffle([...picked], seed + 1);
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
  /** Per SAA-C03 domain, in the exam guide's order; questions without a domain last. */
  byDomain: ScoreLine[];
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
  const byDomain = new Map<string, ScoreLine>();
  const results = questions.map((q) => {
    const result = scoreAnswer(q, answers[q.id]);
    const right = isCorrect(result);
    addLine(byDomain, q.domain ? DOMAIN_LABELS[q.domain] : NO_DOMAIN, right);
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
    byDomain: [...EXAM_DOMAINS.map((d) => DOMAIN_LABELS[d]), NO_DOMAIN].flatMap((label) => {
      const line = byDomain.get(label);
      return line ? [line] : [];
    }),
    byTag: sort(byTag),
    byNote: sort(byNote),
    results,
  };
}

/** SAA-C03's pass mark on its 100–1000 scale. */
export const PASSING_SCALED_SCORE = 720;

/**
 * An estimate of the scaled score, NOT AWS's formula: AWS does not publish how it scales raw scores
 * (its scaling evens out exam forms of different difficulty). The estimate is the percentage × 10,
 * floored at the scale's 100, which matches the usual reading of 720 as "about 72%" that the page
 * states. Shown only with the word "estimate".
 */
export function estimateScaledScore(correct: number, total: number): number {
  if (total === 0) return 100;
  return Math.max(100, Math.floor((1000 * correct) / total));
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
  const queues = [...byLesson.values()].map((list) => [...list.filter((q) => q.origin === 'authored'), ...list.filter((q) => q.origin !== 'authored')]);
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
