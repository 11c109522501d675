/**
 * Connects an embedded quiz to the page that frames it: posts `ready`, `resize`, `answered` and
 * `completed` messages (see messages.ts) to the host page's origin only, never to `*`
 * (host-channel.ts: how that origin is found, and the queue until it is). A page whose quiz is on
 * it from the start (a tag quiz embed) is connected when this module loads; the lesson embed builds
 * its quiz first and then connects it (embed-lesson.ts).
 */
import type { AmiQuiz, QuizAnsweredDetail, QuizCompletedDetail } from '../quiz/ami-quiz';
import { createHostChannel } from './host-channel';
import { createXapiReporter, parseXapiOptions } from './xapi-reporter';
import type { ScoredQuestion } from '../../content-pipeline/questions/schema';

/** Connects `quiz` (enhanced: in the document, its element defined) to the framing page, if any. */
export function connectEmbeddedQuiz(quiz: AmiQuiz): void {
  const framed = window.parent !== window;
  if (!framed) return;
  const quizId = quiz.dataset.quizId ?? '';
  const { post, sendHeight } = createHostChannel({ quizId, framed });

  // xAPI: statements to the host (and to the instructor's LRS when the snippet names one).
  const questions = new Map((JSON.parse(quiz.querySelector('script[data-quiz-key]')?.textContent ?? '[]') as ScoredQuestion[]).map((q) => [q.id, q]));
  const xapi = createXapiReporter({
    quizId,
    title: document.querySelector('h1')?.textContent ?? quizId,
    siteUrl: location.origin,
    options: parseXapiOptions(location.search),
    post: (statement) => post({ type: 'xapi', statement: statement as unknown as Record<string, unknown> }),
    onLrsFailure: (message) => post({ type: 'lrs-error', message }),
  });
  const startedAt = Date.now();
  let lastAnswer = startedAt;

  quiz.addEventListener('quiz-answered', (event) => {
    const d = (event as CustomEvent<QuizAnsweredDetail>).detail;
    post({ type: 'answered', questionId: d.questionId, correct: d.correct, answered: d.answered, total: d.total });
    const question = questions.get(d.questionId);
    const now = Date.now();
    if (question) void xapi.answered(question, d.answer, d.correct, now - lastAnswer);
    lastAnswer = now;
  });
  quiz.addEventListener('quiz-completed', (event) => {
    const d = (event as CustomEvent<QuizCompletedDetail>).detail;
    post({ type: 'completed', correct: d.correct, total: d.total, percent: d.percent });
    void xapi.finished(d.correct, d.total, Date.now() - startedAt);
  });

  post({ type: 'ready', total: quiz.total });
  sendHeight(true);
  new ResizeObserver(() => sendHeight()).observe(document.body);
}

const present = document.querySelector<AmiQuiz>('ami-quiz');
if (present) connectEmbeddedQuiz(present);
