/**
 * Connects an embedded quiz to the page that frames it: posts `ready`, `resize`, `answered` and
 * `completed` messages (see messages.ts) to the host page's origin only, never to `*`.
 *
 * The host origin comes from, in order: the `origin=` URL option (pinned by the instructor), the
 * referrer (browsers send the framing page's origin by default), or the origin of the first
 * `hello` message from the parent window (sent by resizer.js). Until it is known, messages wait
 * in a queue: a learner's answers are never broadcast to whatever page happens to frame the quiz.
 */
import type { AmiQuiz, QuizAnsweredDetail, QuizCompletedDetail } from '../quiz/ami-quiz';
import { parseEmbedOptions } from './options';
import { hostMessageSchema, type EmbedMessage, type EmbedMessageBody } from './messages';
import { createXapiReporter, parseXapiOptions } from './xapi-reporter';
import type { ScoredQuestion } from '../../content-pipeline/questions/schema';

const quiz = document.querySelector<AmiQuiz>('ami-quiz');
const framed = window.parent !== window;

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

if (quiz && framed) {
  const options = parseEmbedOptions(location.search);
  const pinned = options.origin;
  let host: string | null = pinned ?? (document.referrer ? originOf(document.referrer) : null);
  const queue: EmbedMessage[] = [];
  const quizId = quiz.dataset.quizId ?? '';

  const flush = () => {
    if (!host) return;
    for (const message of queue.splice(0)) window.parent.postMessage(message, host);
  };
  const post = (body: EmbedMessageBody) => {
    queue.push({ source: 'ami-lab', version: 1, quizId, ...body } as EmbedMessage);
    flush();
  };

  let lastHeight = 0;
  const sendHeight = (force = false) => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (!force && height === lastHeight) return;
    lastHeight = height;
    // Only the latest height matters: drop queued resizes so a late host gets one, not fifty.
    for (let i = queue.length - 1; i >= 0; i -= 1) if (queue[i]?.type === 'resize') queue.splice(i, 1);
    post({ type: 'resize', height });
  };

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent || !hostMessageSchema.safeParse(event.data).success) return;
    if (pinned && event.origin !== pinned) return;
    host ??= event.origin;
    if (event.origin !== host) return;
    flush();
    sendHeight(true);
  });

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
