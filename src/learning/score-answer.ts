/**
 * Scoring like the real AWS exams: one mark per question, all or nothing. A multiple-response
 * question ("Choose 2") is right only when exactly the correct options are selected; there is no
 * partial credit and no negative marking, and an unanswered question counts as wrong.
 *
 * Validation (is this a well-formed answer?) and scoring are kept apart: a malformed stored answer
 * is reported as such instead of silently scoring zero.
 */
import type { Answer, ScoredQuestion } from '../content-pipeline/questions/schema';

export type ScoreResult =
  | { outcome: 'correct' }
  | { outcome: 'incorrect'; reason: 'wrong-options' | 'wrong-count' | 'wrong-text' | 'wrong-order' | 'wrong-kind' }
  | { outcome: 'unanswered' };

/** Letters, digits and single spaces, lower-cased: "Fast-Snapshot  Restore." = "fast snapshot restore". */
export function normalizeFreeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isEmpty(answer: Answer): boolean {
  if (answer.kind === 'choice') return answer.selected.length === 0;
  if (answer.kind === 'cloze') return normalizeFreeText(answer.text) === '';
  return answer.order.length === 0;
}

/** Scores one answer (undefined: the learner did not answer). */
export function scoreAnswer(question: ScoredQuestion, answer: Answer | undefined): ScoreResult {
  if (!answer || isEmpty(answer)) return { outcome: 'unanswered' };
  switch (question.kind) {
    case 'choice':
    case 'truefalse': {
      if (answer.kind !== 'choice') return { outcome: 'incorrect', reason: 'wrong-kind' };
      const selected = new Set(answer.selected);
      if (selected.size !== question.choose) return { outcome: 'incorrect', reason: 'wrong-count' };
      const right = question.options.every((o) => o.correct === selected.has(o.id));
      return right ? { outcome: 'correct' } : { outcome: 'incorrect', reason: 'wrong-options' };
    }
    case 'cloze': {
      if (answer.kind !== 'cloze') return { outcome: 'incorrect', reason: 'wrong-kind' };
      const given = normalizeFreeText(answer.text);
      return question.answers.some((a) => normalizeFreeText(a) === given) ? { outcome: 'correct' } : { outcome: 'incorrect', reason: 'wrong-text' };
    }
    case 'ordering': {
      if (answer.kind !== 'ordering') return { outcome: 'incorrect', reason: 'wrong-kind' };
      const right = answer.order.length === question.items.length && question.items.every((item, i) => answer.order[i] === item.id);
      return right ? { outcome: 'correct' } : { outcome: 'incorrect', reason: 'wrong-order' };
    }
  }
}

export function isCorrect(result: ScoreResult): boolean {
  return result.outcome === 'correct';
}
