/**
 * The markup of a whole quiz (its heading, questions, answers and footer), in one place for the
 * quizzes the server renders (components/Quiz.astro prints it with `toHtml`) and for the lesson quiz
 * an embed builds in the browser (islands/embed/embed-lesson.ts prints it with `toDom`). The
 * questions' own markup is question-markup.ts's. Pure: no DOM, so it runs at build time.
 */
import type { ScoredQuestion } from '../../content-pipeline/questions/schema';
import { correctAnswerText } from '../../learning/answer-text';
import { h, type MarkupElement } from '../shared/markup';
import { questionMarkup, sourceMarkup } from './question-markup';

export interface QuizMarkupOptions {
  title: string;
  /** Heading level of the quiz title (embeds use 1: the quiz is the page). */
  level: 1 | 2;
  /** In an embed: the site's absolute URL, for links out of the frame (they open in a new tab). */
  embed?: { linkBase: string };
}

/** The quiz's `<section>`; <ami-quiz> around it and the answer key beside it are the caller's. */
export function quizMarkup(questions: readonly ScoredQuestion[], { title, level, embed }: QuizMarkupOptions): MarkupElement {
  return h(
    'section',
    { class: 'quiz', id: 'quiz', 'aria-labelledby': 'quiz-heading' },
    h(level === 1 ? 'h1' : 'h2', { id: 'quiz-heading' }, title),
    h('p', { class: 'quiz-intro' }, `${questions.length} ${questions.length === 1 ? 'question' : 'questions'}. Scored like the exam: all or nothing, no partial credit.`),
    h(
      'ol',
      { class: 'quiz-list' },
      ...questions.map((q, index) =>
        h(
          'li',
          { class: 'quiz-item', 'data-qid': q.id, 'data-kind': q.kind, id: q.origin === 'authored' && q.source.anchor ? q.source.anchor : `quiz-${q.id}` },
          questionMarkup(q, `Question ${index + 1}`, { orderControls: false }),
          h('div', { class: 'quiz-actions', 'data-actions': '', hidden: '' }, h('button', { type: 'button', class: 'button', 'data-check': '' }, 'Check answer')),
          h('p', { class: 'quiz-feedback', 'data-feedback': '', role: 'status' }),
          h(
            'details',
            { class: 'quiz-answer', 'data-answer': '' },
            h('summary', {}, 'Answer and explanation'),
            h('p', {}, h('strong', {}, 'Answer:'), ` ${correctAnswerText(q)}`),
            q.explanation !== '' && h('p', { class: 'quiz-explanation', 'data-explanation': '' }, q.explanation),
            sourceMarkup(q, embed),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'quiz-footer', 'data-footer': '', hidden: '' },
      h('p', { class: 'quiz-summary', 'data-summary': '', role: 'status' }),
      h('button', { type: 'button', class: 'button', 'data-restart': '', hidden: '' }, 'Start again'),
    ),
  );
}

/** The answer key's text, for a `<script type="application/json" data-quiz-key>` printed as HTML: no `<` that could close the script. */
export function quizKeyJson(questions: readonly ScoredQuestion[]): string {
  return JSON.stringify(questions).replace(/</g, '\\u003c');
}
