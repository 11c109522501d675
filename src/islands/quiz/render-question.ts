/**
 * Client-side rendering of one question for the pages that pick questions at run time (practice
 * exam, review): the markup is question-markup.ts's, the same Quiz.astro prints on the server, built
 * as DOM nodes (text as text only, so nothing from a note can inject markup); plus reading and
 * marking the learner's answer.
 */
import type { Answer, Question, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { toDom } from '../shared/dom';
import { questionMarkup, sourceMarkup } from './question-markup';

export { el } from '../shared/dom';
export { answerText, correctAnswerText } from '../../learning/answer-text';

/** "From <lesson>", linking to the question's place in its note. */
export function sourceLink(question: Question): HTMLElement {
  return toDom(sourceMarkup(question));
}

/** The fieldset for a scored question; `number` is shown above the stem. */
export function renderQuestion(question: ScoredQuestion, number: string): HTMLFieldSetElement {
  return toDom(questionMarkup(question, number, { orderControls: true })) as HTMLFieldSetElement;
}

/** Moves an ordering item (from a click on its ↑/↓ button); returns the new 1-based position. */
export function moveItem(button: HTMLElement): number | undefined {
  const li = button.closest('li');
  const list = li?.parentElement;
  if (!li || !list) return undefined;
  if (button.dataset.move === 'up' && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
  else if (button.dataset.move === 'down' && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
  button.focus();
  return [...list.children].indexOf(li) + 1;
}

/** The learner's current answer in a rendered question. */
export function readAnswer(root: HTMLElement, question: ScoredQuestion): Answer {
  if (question.kind === 'cloze') return { kind: 'cloze', text: root.querySelector<HTMLInputElement>('.quiz-cloze input')?.value ?? '' };
  if (question.kind === 'ordering') return { kind: 'ordering', order: [...root.querySelectorAll<HTMLElement>('.quiz-order > li')].map((li) => li.dataset.item ?? '') };
  return { kind: 'choice', selected: [...root.querySelectorAll<HTMLInputElement>('.quiz-options input:checked')].map((i) => i.value) };
}

/** Whether the learner has given any answer yet (for the exam palette). */
export function hasAnswer(root: HTMLElement, question: ScoredQuestion): boolean {
  const answer = readAnswer(root, question);
  if (answer.kind === 'choice') return answer.selected.length > 0;
  if (answer.kind === 'cloze') return answer.text.trim() !== '';
  return root.dataset.reordered === 'true';
}

/** Marks options right/wrong and reveals per-option explanations (after scoring). */
export function showOptionResults(root: HTMLElement, question: ScoredQuestion, answer: Answer): void {
  if (question.kind !== 'choice' && question.kind !== 'truefalse') return;
  const chosen = new Set(answer.kind === 'choice' ? answer.selected : []);
  for (const li of root.querySelectorAll<HTMLElement>('.quiz-options > li')) {
    const option = question.options.find((o) => o.id === li.dataset.option);
    li.dataset.result = option?.correct ? 'correct' : chosen.has(li.dataset.option ?? '') ? 'wrong' : '';
    li.querySelector<HTMLElement>('[data-why]')?.removeAttribute('hidden');
  }
}

export function lock(root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, .quiz-move')) input.disabled = true;
}
