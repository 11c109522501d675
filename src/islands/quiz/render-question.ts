/**
 * Client-side rendering of one question, with the same markup and classes as Quiz.astro, for the
 * pages that pick questions at run time (practice exam, review). Text is set with textContent
 * only, so nothing from a note can inject markup.
 */
import type { Answer, ChoiceOption, Question, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { displayOrder } from '../../learning/random';
import { siteBase as base } from '../../base-url';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

export function sourceUrl(question: Question): string {
  const anchor = question.source.anchor ? `#${encodeURIComponent(question.source.anchor).replace(/%5E/g, '^')}` : '';
  return `${base}notes/${question.source.slug}/${anchor}`;
}

export function sourceLink(question: Question): HTMLElement {
  return el('p', { class: 'quiz-source' }, 'From ', el('a', { href: sourceUrl(question), text: `${question.source.title}${question.source.heading ? ` › ${question.source.heading}` : ''}` }));
}

/** The fieldset for a scored question; `number` is shown above the stem. */
export function renderQuestion(question: ScoredQuestion, number: string): HTMLFieldSetElement {
  const legend = el('legend', {}, el('span', { class: 'quiz-number', text: number }), el('span', { class: 'quiz-stem', text: question.stem }));
  if (question.kind === 'choice') legend.append(el('span', { class: 'quiz-choose', text: `(Choose ${question.choose})` }));
  if (question.origin === 'generated') legend.append(el('span', { class: 'quiz-badge', text: 'Generated' }));
  const fieldset = el('fieldset', { class: 'quiz-question' }, legend);
  if (question.kind === 'choice' || question.kind === 'truefalse') {
    const list = el('ul', { class: 'quiz-options' });
    for (const option of question.options) {
      const input = el('input', { type: question.choose > 1 ? 'checkbox' : 'radio', name: `answer-${question.id}`, value: option.id });
      const li = el('li', { 'data-option': option.id }, el('label', {}, input, ' ', el('span', { text: option.text })));
      if (option.explanation) {
        const why = el('p', { class: 'quiz-why', 'data-why': '', text: option.explanation });
        why.hidden = true;
        li.append(why);
      }
      list.append(li);
    }
    fieldset.append(list);
  } else if (question.kind === 'cloze') {
    const id = `cloze-${question.id}`;
    fieldset.append(
      el('p', { class: 'quiz-cloze' }, el('span', { text: question.before }), el('label', { class: 'visually-hidden', for: id, text: 'Missing term' }), el('input', { type: 'text', id, autocomplete: 'off', spellcheck: 'false' }), el('span', { text: question.after })),
    );
  } else {
    const list = el('ol', { class: 'quiz-order', 'aria-label': 'Items to put in order' });
    for (const item of displayOrder(question.id, question.items)) {
      const controls = el('span', { class: 'quiz-order-controls' });
      for (const [dir, symbol] of [['up', '↑'], ['down', '↓']] as const) {
        controls.append(el('button', { type: 'button', class: 'quiz-move', 'data-move': dir, 'aria-label': `Move “${item.text}” ${dir}`, text: symbol }));
      }
      list.append(el('li', { 'data-item': item.id }, el('span', { class: 'quiz-order-text', text: item.text }), controls));
    }
    fieldset.append(list);
  }
  return fieldset;
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

/** Text of the right answer. */
export function correctAnswerText(question: ScoredQuestion): string {
  if (question.kind === 'cloze') return question.answers[0] ?? '';
  if (question.kind === 'ordering') return question.items.map((i, n) => `${n + 1}. ${i.text}`).join(', ');
  return question.options.filter((o: ChoiceOption) => o.correct).map((o) => o.text).join(' + ');
}

/** Text of a given answer, for the exam review. */
export function answerText(question: ScoredQuestion, answer: Answer | undefined | null): string {
  if (!answer) return 'No answer';
  if (answer.kind === 'cloze') return answer.text.trim() || 'No answer';
  if (answer.kind === 'ordering') {
    return answer.order.map((id, n) => `${n + 1}. ${question.kind === 'ordering' ? (question.items.find((i) => i.id === id)?.text ?? id) : id}`).join(', ');
  }
  if (question.kind !== 'choice' && question.kind !== 'truefalse') return 'No answer';
  const texts = answer.selected.map((id) => question.options.find((o) => o.id === id)?.text ?? id);
  return texts.length > 0 ? texts.join(' + ') : 'No answer';
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
