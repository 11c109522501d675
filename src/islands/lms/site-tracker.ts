/**
 * The tracker of an assignment played on this site (/assign/play/?a=…), alone or in an iframe:
 * the learner's place is kept in this browser (localStorage, per assignment), the host page gets
 * the embed protocol's messages (ready, resize, answered, completed, xapi) at its origin only, and
 * xAPI statements go to the instructor's LRS when the link names one (xapi-reporter.ts).
 */
import { createHostChannel } from '../embed/host-channel';
import { createXapiReporter, parseXapiOptions } from '../embed/xapi-reporter';
import { decodeAttemptState, encodeAttemptState } from '../../packaging/attempt-state';
import type { PlaySpec } from '../../packaging/package';
import type { AttemptState, Tracker } from './tracker';

/** Posts to the framing page once its origin is known (host-channel.ts), and keeps it told of the height. */
function hostChannel(quizId: string) {
  const framed = window.parent !== window;
  const channel = createHostChannel({ quizId, framed });
  if (framed) new ResizeObserver(() => channel.sendHeight()).observe(document.body);
  return channel;
}

export function createSiteTracker(spec: PlaySpec, storageKey: string): Tracker {
  const channel = hostChannel(spec.id);
  const xapiOptions = parseXapiOptions(location.search);
  let lrsNotice = '';
  const xapi = createXapiReporter({
    quizId: spec.id,
    title: spec.title,
    siteUrl: location.origin,
    options: xapiOptions,
    post: (statement) => channel.post({ type: 'xapi', statement: statement as unknown as Record<string, unknown> }),
    onLrsFailure: (message) => {
      lrsNotice = message;
      channel.post({ type: 'lrs-error', message });
    },
  });
  const keep = (state: AttemptState | null) => {
    try {
      if (state) localStorage.setItem(storageKey, encodeAttemptState(state));
      else localStorage.removeItem(storageKey);
    } catch {
      // Private mode or storage full: the attempt still runs, it just cannot be resumed.
    }
  };
  return {
    async start() {
      let resume: AttemptState | null = null;
      try {
        resume = decodeAttemptState(localStorage.getItem(storageKey), spec.questions.length);
      } catch {
        resume = null;
      }
      channel.post({ type: 'ready', total: spec.questions.length });
      requestAnimationFrame(() => channel.sendHeight(true));
      return { resume, mastery: null, notice: '' };
    },
    async answered(record, state) {
      keep(state);
      channel.post({ type: 'answered', questionId: record.question.id, correct: record.correct, answered: record.answered, total: record.total });
      await xapi.answered(record.question, record.answer, record.correct, record.latencyMs);
      if (lrsNotice) throw new Error(lrsNotice);
    },
    async finish(result) {
      keep(null);
      channel.post({ type: 'completed', correct: result.correct, total: result.total, percent: Math.floor(result.scaled * 100) });
      await xapi.finished(result.correct, result.total, result.sessionMs, spec.mastery);
      if (lrsNotice) throw new Error(lrsNotice);
    },
    async suspend(state) {
      keep(state);
    },
  };
}
