/**
 * The lesson quiz embed (pages/embed/lesson/index.astro, one file published under every lesson's
 * embed address): finds the lesson from the address, reads its quiz from the lesson page (the answer
 * key and title that page's own quiz prints, components/Quiz.astro), builds the quiz with the markup
 * every quiz uses (quiz-markup.ts) and connects it to the framing page. Each failure says what is
 * wrong, and one that can pass (the network, a site being updated) has a Retry.
 */
import { z } from 'zod';
import { questionSchema, type ScoredQuestion, isScored } from '../../content-pipeline/questions/schema';
import { siteBase } from '../../base-url';
import '../quiz/ami-quiz';
import type { AmiQuiz } from '../quiz/ami-quiz';
import { quizKeyJson, quizMarkup } from '../quiz/quiz-markup';
import { el, toDom } from '../shared/dom';
import { connectEmbeddedQuiz } from './embed-bridge';
import { type EmbeddedLesson, lessonFromEmbedPath } from './lesson-address';

type LessonQuiz = { ok: true; title: string; questions: ScoredQuestion[] } | { ok: false; title: string; message: string; retry: boolean };

/** The lesson page's quiz, checked: a page cached by an older build must fail loudly, not score wrongly. */
async function readLessonQuiz(lesson: EmbeddedLesson): Promise<LessonQuiz> {
  let response: Response;
  try {
    response = await fetch(lesson.lessonUrl);
  } catch {
    return { ok: false, title: 'Quiz not loaded', message: 'The quiz could not be loaded. Check the connection and try again.', retry: true };
  }
  if (response.status === 404) {
    return { ok: false, title: 'No such lesson', message: `This site has no lesson “${lesson.slug}”. Check the address: the embed guide lists every lesson’s.`, retry: false };
  }
  if (!response.ok) return { ok: false, title: 'Quiz not loaded', message: `The quiz could not be loaded (HTTP ${response.status}). Try again in a moment.`, retry: true };
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const quiz = page.querySelector('ami-quiz[data-context="lesson"]');
  const lessonTitle = page.querySelector('h1')?.textContent?.trim() || lesson.slug;
  if (!quiz) return { ok: false, title: lessonTitle, message: `The lesson “${lessonTitle}” has no quiz questions.`, retry: false };
  let key: unknown;
  try {
    key = JSON.parse(quiz.querySelector('script[data-quiz-key]')?.textContent ?? '');
  } catch {
    key = undefined;
  }
  const parsed = z.array(questionSchema).safeParse(key);
  if (!parsed.success) return { ok: false, title: lessonTitle, message: 'This quiz does not match this version of the site. Reload to get the current one.', retry: true };
  return { ok: true, title: quiz.querySelector('#quiz-heading')?.textContent?.trim() || `Quiz: ${lessonTitle}`, questions: parsed.data.filter(isScored) };
}

function showProblem(box: HTMLElement, title: string, message: string, retry: (() => void) | undefined): void {
  const heading = box.querySelector('[data-embed-title]');
  const status = box.querySelector('[data-embed-message]');
  if (heading) heading.textContent = title;
  document.title = `${title} · AMI Lab`;
  if (!status) return;
  status.replaceChildren(message, ' ');
  if (retry) {
    const again = el('button', { type: 'button', class: 'button', text: 'Try again' });
    again.addEventListener('click', retry, { once: true });
    status.append(again);
  } else status.append(el('a', { href: `${siteBase}embed-guide/`, target: '_blank', rel: 'noopener', text: 'Embed guide' }));
}

async function start(box: HTMLElement): Promise<void> {
  const lesson = lessonFromEmbedPath(location.pathname, siteBase);
  if (!lesson) {
    showProblem(
      box,
      'Choose a lesson',
      'This address embeds a lesson’s quiz when it ends with the lesson’s name, as in embed/lesson/<lesson>/. The embed guide lists them.',
      undefined,
    );
    return;
  }
  const heading = box.querySelector('[data-embed-title]');
  const status = box.querySelector('[data-embed-message]');
  if (heading) heading.textContent = 'Quiz';
  if (status) status.textContent = 'Loading the quiz…';
  const result = await readLessonQuiz(lesson);
  if (!result.ok) {
    showProblem(box, result.title, result.message, result.retry ? () => void start(box) : undefined);
    return;
  }
  const quiz = document.createElement('ami-quiz') as AmiQuiz;
  quiz.dataset.quizId = `lesson:${lesson.slug}`;
  quiz.dataset.context = 'embed';
  quiz.append(toDom(quizMarkup(result.questions, { title: result.title, level: 1, embed: { linkBase: location.origin } })));
  const key = document.createElement('script');
  key.type = 'application/json';
  key.dataset.quizKey = '';
  key.textContent = quizKeyJson(result.questions);
  quiz.append(key);
  document.title = `${result.title} · AMI Lab`;
  box.replaceWith(quiz);
  connectEmbeddedQuiz(quiz);
}

const box = document.querySelector<HTMLElement>('[data-embed-lesson]');
if (box) void start(box);
