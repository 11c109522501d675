/**
 * Connects an embedded quiz to the page that frames it: posts `ready`, `resize`, `answered` and
 * `completed` messages (see messages.ts) to the host page's origin only, never to `*`
 * (host-channel.ts: how that origin is found, and the queue until it is).
 */
import type { AmiQuiz, QuizAnsweredDetail, QuizCompletedDetail } from '../quiz/ami-quiz';
import { createHostChannel } from './host-channel';
import { createXapiReporter, parseXapiOptions } from './xapi-reporter';
import type { ScoredQuestion } from '../../content-pipeline/questions/schema';

const quiz = document.querySelector<AmiQuiz>('ami-quiz');
const framed = window.parent !== window;

if (quiz && framed) {
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
