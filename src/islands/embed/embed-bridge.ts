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

  quiz.addEventListener('quiz-answered', (event) => {
    const d = (event as CustomEvent<QuizAnsweredDetail>).detail;
    post({ type: 'answered', questionId: d.questionId, correct: d.correct, answered: d.answered, total: d.total });
  });
  quiz.addEventListener('quiz-completed', (event) => {
    const d = (event as CustomEvent<QuizCompletedDetail>).detail;
    post({ type: 'completed', correct: d.correct, total: d.total, percent: d.percent });
  });

  post({ type: 'ready', total: quiz.total });
  sendHeight(true);
  new ResizeObserver(() => sendHeight()).observe(document.body);
}
