/**
 * The markup of a quiz question, in one place for the server-rendered quizzes (components/Quiz.astro
 * prints it with `toHtml`) and for the questions the exam and review pick at run time
 * (render-question.ts prints it with `toDom`), so both give the same elements, classes and labels.
 * Pure: no DOM, so it runs at build time.
 */
import type { Question, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { displayOrder } from '../../learning/random';
import { siteBase } from '../../base-url';
import { h, type MarkupElement } from '../shared/markup';

/** The ↑/↓ buttons of one ordering item (added when JavaScript runs: without it they do nothing). */
export function orderControlsMarkup(itemText: string): MarkupElement {
  return h(
    'span',
    { class: 'quiz-order-controls' },
    ...(['up', 'down'] as const).map((dir) =>
      h('button', { type: 'button', class: 'quiz-move', 'data-move': dir, 'aria-label': `Move “${itemText}” ${dir}` }, dir === 'up' ? '↑' : '↓'),
    ),
  );
}

/**
 * The fieldset of a scored question: `number` above the stem, then its options, blank or items.
 * `orderControls` adds the ordering buttons (a page that runs no script leaves them out).
 */
export function questionMarkup(question: ScoredQuestion, number: string, { orderControls }: { orderControls: boolean }): MarkupElement {
  const legend = h(
    'legend',
    {},
    h('span', { class: 'quiz-number' }, number),
    h('span', { class: 'quiz-stem' }, question.stem),
    question.kind === 'choice' && h('span', { class: 'quiz-choose' }, `(Choose ${question.choose})`),
    question.origin === 'generated' && h('span', { class: 'quiz-badge' }, 'Generated'),
  );
  return h('fieldset', { class: 'quiz-question' }, legend, answerArea(question, orderControls));
}

function answerArea(question: ScoredQuestion, orderControls: boolean): MarkupElement {
  if (question.kind === 'cloze') {
    const id = `cloze-${question.id}`;
    return h(
      'p',
      { class: 'quiz-cloze' },
      h('span', {}, question.before),
      h('label', { class: 'visually-hidden', for: id }, 'Missing term'),
      h('input', { type: 'text', id, autocomplete: 'off', spellcheck: 'false' }),
      h('span', {}, question.after),
    );
  }
  if (question.kind === 'ordering') {
    return h(
      'ol',
      { class: 'quiz-order', 'aria-label': 'Items to put in order' },
      ...displayOrder(question.id, question.items).map((item) =>
        h('li', { 'data-item': item.id }, h('span', { class: 'quiz-order-text' }, item.text), orderControls && orderControlsMarkup(item.text)),
      ),
    );
  }
  const type = question.choose > 1 ? 'checkbox' : 'radio';
  return h(
    'ul',
    { class: 'quiz-options' },
    ...question.options.map((option) =>
      h(
        'li',
        { 'data-option': option.id },
        h('label', {}, h('input', { type, name: `answer-${question.id}`, value: option.id }), ' ', h('span', {}, option.text)),
        option.explanation !== '' && h('p', { class: 'quiz-why', 'data-why': '', hidden: '' }, option.explanation),
      ),
    ),
  );
}

/** Link from a question to the place in its note it came from. */
export function questionSourceUrl(question: Question, base: string = siteBase): string {
  const anchor = question.source.anchor ? `#${encodeURIComponent(question.source.anchor).replace(/%5E/g, '^')}` : '';
  return `${base}notes/${question.source.slug}/${anchor}`;
}

/**
 * "From <lesson › heading>", linking to the question's place in its note. In an embed (`linkBase`,
 * the site's absolute URL) the link opens the site in a new tab.
 */
export function sourceMarkup(question: Question, embed?: { linkBase: string }): MarkupElement {
  const title = `${question.source.title}${question.source.heading ? ` › ${question.source.heading}` : ''}`;
  const url = questionSourceUrl(question);
  const link = embed ? h('a', { href: `${embed.linkBase}${url}`, target: '_blank', rel: 'noopener' }, title) : h('a', { href: url }, title);
  return h('p', { class: 'quiz-source' }, 'From ', link);
}
