/**
 * The words of an answer, for feedback ("The answer is: …"), the folded answer under a quiz question
 * and the exam review: one wording of the right answer wherever it is shown.
 */
import type { Answer, ScoredQuestion } from '../content-pipeline/questions/schema';

/** Text of the right answer: the correct options joined by ` + `, the first accepted term, or the items in order. */
export function correctAnswerText(question: ScoredQuestion): string {
  if (question.kind === 'cloze') return question.answers[0] ?? '';
  if (question.kind === 'ordering') return question.items.map((item, n) => `${n + 1}. ${item.text}`).join(', ');
  return question.options
    .filter((option) => option.correct)
    .map((option) => option.text)
    .join(' + ');
}

/** Text of a given answer, worded as correctAnswerText words the right one (`No answer` when empty). */
export function answerText(question: ScoredQuestion, answer: Answer | undefined | null): string {
  if (!answer) return 'No answer';
  if (answer.kind === 'cloze') return answer.text.trim() || 'No answer';
  if (answer.kind === 'ordering') {
    return answer.order.map((id, n) => `${n + 1}. ${question.kind === 'ordering' ? (question.items.find((item) => item.id === id)?.text ?? id) : id}`).join(', ');
  }
  if (question.kind !== 'choice' && question.kind !== 'truefalse') return 'No answer';
  const texts = answer.selected.map((id) => question.options.find((option) => option.id === id)?.text ?? id);
  return texts.length > 0 ? texts.join(' + ') : 'No answer';
}
