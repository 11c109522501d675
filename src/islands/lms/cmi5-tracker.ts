/**
 * cmi5 from the AU side, through @xapi/cmi5 (a complete implementation of the cmi5 rules): it reads
 * the launch parameters (endpoint, fetch, actor, registration, activityId), fetches the auth token,
 * reads LMS.LaunchData (mastery score, launch mode) and sends `initialized`. Answers go out as
 * cmi5-allowed `answered` statements; the end is `passed`/`failed` (against the LMS's mastery score
 * when it sets one), `completed`, `terminated`, in that order. The learner's place is kept in the
 * xAPI State API, keyed by registration, so a relaunch resumes.
 */
import Cmi5 from '@xapi/cmi5';
import { leavingRequests } from './cmi5-leaving';
import type { ScoredQuestion } from '../../content-pipeline/questions/schema';
import { decodeAttemptState, encodeAttemptState } from '../../packaging/attempt-state';
import type { AnsweredRecord, AttemptState, Tracker } from './tracker';

const STATE_ID = 'https://ami-lab.dev/xapi/state/attempt';
const TEST_ID = 'quiz';

function lang(text: string) {
  return { 'en-US': text.slice(0, 500) };
}

function choices(question: ScoredQuestion) {
  return question.kind === 'choice' || question.kind === 'truefalse' ? question.options.map((o) => ({ id: o.id, description: lang(o.text) })) : [];
}

function period(record: AnsweredRecord) {
  const end = new Date();
  return { start: new Date(end.getTime() - record.latencyMs), end };
}

/** `total`: the number of questions (the kept state refers to them by index). */
export function createCmi5Tracker(total: number): Tracker {
  if (!Cmi5.isCmiAvailable) {
    return {
      start: async () => ({ resume: null, mastery: null, notice: 'This cmi5 package was not launched by an LMS (no launch parameters): your answers are not being recorded.' }),
      answered: async () => undefined,
      finish: async () => undefined,
      suspend: async () => undefined,
    };
  }
  const cmi5 = new Cmi5();
  const stateParams = () => {
    const p = cmi5.getLaunchParameters();
    return { agent: p.actor, activityId: p.activityId, registration: p.registration, stateId: STATE_ID };
  };
  const saveState = async (state: AttemptState) => {
    await cmi5.xapi?.setState({ ...stateParams(), state: { attempt: encodeAttemptState(state) } });
  };
  let terminated = false;
  return {
    async start() {
      await cmi5.initialize();
      const launch = cmi5.getLaunchData();
      let resume: AttemptState | null = null;
      try {
        const document = (await cmi5.xapi?.getState(stateParams()))?.data as { attempt?: unknown } | undefined;
        resume = typeof document?.attempt === 'string' ? decodeAttemptState(document.attempt, total) : null;
      } catch {
        resume = null;
      }
      const mastery = typeof launch.masteryScore === 'number' ? Math.round(launch.masteryScore * 100) : null;
      const notice = launch.launchMode === 'Normal' ? '' : `Opened in ${launch.launchMode} mode: your answers are not recorded.`;
      return { resume, mastery, notice, returnUrl: launch.returnURL ?? null };
    },
    async answered(record, state) {
      if (cmi5.getLaunchData().launchMode !== 'Normal') return;
      const q = record.question;
      const name = lang(q.stem);
      const when = period(record);
      if (q.kind === 'cloze') {
        const text = record.answer.kind === 'cloze' ? record.answer.text.trim() : '';
        await cmi5.interactionFillIn(TEST_ID, q.id, [text], q.answers.slice(0, 5), name, undefined, record.correct, when);
      } else if (q.kind === 'ordering') {
        const order = record.answer.kind === 'ordering' ? record.answer.order : [];
        const items = q.items.map((i) => ({ id: i.id, description: lang(i.text) }));
        await cmi5.interactionSequencing(
          TEST_ID,
          q.id,
          order,
          q.items.map((i) => i.id),
          items,
          name,
          undefined,
          record.correct,
          when,
        );
      } else {
        const selected = record.answer.kind === 'choice' ? record.answer.selected : [];
        const right = q.options.filter((o) => o.correct).map((o) => o.id);
        await cmi5.interactionChoice(TEST_ID, q.id, selected, right, choices(q), name, undefined, record.correct, when);
      }
      await saveState(state);
    },
    async finish(result, state) {
      if (terminated) return;
      terminated = true;
      const launch = cmi5.getLaunchData();
      await saveState(state);
      if (launch.launchMode !== 'Normal') {
        await cmi5.terminate();
        return;
      }
      const score = { scaled: Math.round(result.scaled * 10000) / 10000, raw: result.correct, min: 0, max: result.total };
      if (typeof launch.masteryScore === 'number') {
        await cmi5.moveOn({ score });
        return;
      }
      if (result.passed) await cmi5.pass(score);
      else await cmi5.fail(score);
      await cmi5.complete();
      await cmi5.terminate();
    },
    async suspend(state, _sessionMs, leaving) {
      if (terminated) return;
      terminated = true;
      if (!leaving) {
        await saveState(state);
        await cmi5.terminate();
        return;
      }
      // The page is going away: axios's requests would be cancelled with it, keepalive ones are not.
      const exit = leavingRequests(cmi5, STATE_ID);
      await Promise.all([
        fetch(exit.stateUrl, { method: 'PUT', headers: exit.headers, body: JSON.stringify({ attempt: encodeAttemptState(state) }), keepalive: true }),
        fetch(exit.statementsUrl, { method: 'POST', headers: exit.headers, body: JSON.stringify(exit.terminated), keepalive: true }),
      ]);
    },
  };
}
