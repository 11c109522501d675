/**
 * Feedback for an ordering question in words: which positions are wrong, what the learner put
 * there and what belongs there ("Position 2: you put X; correct is Y."), so the mistake is readable
 * by everyone, not only shown in colour.
 */
import type { Answer, ScoredQuestion } from '../content-pipeline/questions/schema';

export interface OrderingMistake {
  /** 1-based. */
  position: number;
  /** Text of the item the learner put there ('nothing' when the answer is shorter). */
  given: string;
  /** Text of the item that belongs there. */
  correct: string;
}

/** The wrong positions of an ordering answer, in order; empty for other kinds or a right order. */
export function orderingMistakes(question: ScoredQuestion, answer: Answer | undefined | null): OrderingMistake[] {
  if (question.kind !== 'ordering' || !answer || answer.kind !== 'ordering') return [];
  const text = new Map(question.items.map((item) => [item.id, item.text]));
  return question.items.flatMap((item, i) => {
    const given = answer.order[i];
    if (given === item.id) return [];
    return [{ position: i + 1, given: given === undefined ? 'nothing' : (text.get(given) ?? given), correct: item.text }];
  });
}

/** The mistakes as sentences ("Position 2: you put X; correct is Y."), '' when there are none. */
export function orderingMistakesText(question: ScoredQuestion, answer: Answer | undefined | null): string {
  return orderingMistakes(question, answer)
    .map((m) => `Position ${m.position}: you put ${m.given}; correct is ${m.correct}.`)
    .join(' ');
}
