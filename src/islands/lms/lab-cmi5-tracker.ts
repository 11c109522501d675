/**
 * cmi5 for a lab scenario package, through @xapi/cmi5: `initialized`; for each goal met, a
 * cmi5-allowed `passed` about the goal as an objective activity (`<AU id>/goal/<goal id>`, its
 * parent the AU) and `progressed` about the AU (percent of goals met); when every goal is met, the
 * AU's `passed` (score goals met / total, against the LMS's mastery score: moveOn) and `completed`,
 * then `terminated` when the learner leaves. The learner's place (goals met and the world) is an
 * xAPI State document per registration (packaging/lab-package.ts, no size limit), so a relaunch in
 * any browser resumes.
 */
import Cmi5 from '@xapi/cmi5';
import { leavingRequests } from './cmi5-leaving';
import { decodeLabSuspend, encodeLabSuspend, type LabSuspend, SUSPEND_LIMITS } from '../../packaging/lab-package';
import { uuid, type XapiStatement } from '../../packaging/xapi';
import { goalMetStatements } from '../../packaging/xapi-lab';
import type { ScenarioProps } from '../lab/types';
import type { LabTracker } from './lab-scorm-tracker';

const STATE_ID = 'https://ami-lab.dev/xapi/state/lab';

export function createLabCmi5Tracker(scenario: ScenarioProps, goalIds: readonly string[]): LabTracker {
  if (!Cmi5.isCmiAvailable) {
    return {
      start: async () => ({
        learnerId: 'local',
        resume: null,
        notice: 'This cmi5 package was not launched by an LMS (no launch parameters): your progress is kept in this browser only.',
      }),
      progress: () => undefined,
      keep: () => undefined,
      leave: () => undefined,
    };
  }
  const cmi5 = new Cmi5();
  const params = () => cmi5.getLaunchParameters();
  const stateParams = () => ({ agent: params().actor, activityId: params().activityId, registration: params().registration, stateId: STATE_ID });
  const normal = () => cmi5.getLaunchData().launchMode === 'Normal';
  const reported = new Set<string>();
  let world: LabSuspend['world'] = null;
  let met: string[] = [];
  let finished = false;
  let ended = false;
  // One request at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (task: () => Promise<unknown>) => {
    queue = queue.then(task).catch(() => undefined);
  };
  const stateDocument = () => ({ lab: encodeLabSuspend({ goalsMet: met, world }, SUSPEND_LIMITS.cmi5) });

  /** A cmi5-allowed statement: the launch's actor, registration and context template, no cmi5 category. */
  const allowed = (statement: XapiStatement) => {
    const template = cmi5.getLaunchData().contextTemplate ?? {};
    const { id, actor: _actor, ...rest } = statement;
    return {
      ...rest,
      id,
      actor: params().actor,
      context: { ...template, ...statement.context, registration: params().registration, extensions: { ...template.extensions, ...statement.context.extensions } },
    };
  };

  return {
    async start() {
      await cmi5.initialize();
      let resume: LabSuspend | null = null;
      try {
        const document = (await cmi5.xapi?.getState(stateParams()))?.data as { lab?: unknown } | undefined;
        resume = typeof document?.lab === 'string' ? decodeLabSuspend(document.lab) : null;
      } catch {
        resume = null;
      }
      for (const id of resume?.goalsMet ?? []) reported.add(id);
      met = [...(resume?.goalsMet ?? [])];
      world = resume?.world ?? null;
      const actor = params().actor as { mbox?: string; account?: { name?: string } };
      const learnerId = actor.account?.name ?? actor.mbox ?? 'learner';
      const notice = normal() ? '' : `Opened in ${cmi5.getLaunchData().launchMode} mode: your progress is not recorded.`;
      return { learnerId, resume, notice };
    },
    keep(nextWorld) {
      world = nextWorld;
    },
    progress(goalsMet, nextWorld) {
      if (nextWorld !== null) world = nextWorld;
      met = goalIds.filter((id) => goalsMet.includes(id));
      if (ended) return;
      const fresh = met.filter((id) => !reported.has(id));
      for (const id of fresh) reported.add(id);
      const complete = goalIds.length > 0 && met.length === goalIds.length;
      const snapshot = stateDocument();
      const metBefore = met.length - fresh.length;
      const finishNow = complete && !finished;
      if (finishNow) finished = true;
      enqueue(async () => {
        await cmi5.xapi?.setState({ ...stateParams(), state: snapshot });
        if (!normal()) return;
        const iri = params().activityId;
        let count = metBefore;
        for (const id of fresh) {
          count += 1;
          const goal = scenario.goals.find((g) => g.id === id) ?? { id, text: id };
          const context = { actor: params().actor, labIri: iri, title: scenario.title, registration: params().registration, newId: uuid, now: new Date() };
          const [passed] = goalMetStatements(context as Parameters<typeof goalMetStatements>[0], goal, count, goalIds.length);
          if (passed) await cmi5.sendXapiStatement(allowed(passed) as never);
          await cmi5.progress(Math.round((count / goalIds.length) * 100));
        }
        if (finishNow) {
          const score = { scaled: 1, raw: goalIds.length, min: 0, max: goalIds.length };
          if (typeof cmi5.getLaunchData().masteryScore === 'number') await cmi5.moveOn({ score, disableSendTerminated: true });
          else {
            await cmi5.pass(score);
            await cmi5.complete();
          }
        }
      });
    },
    leave() {
      if (ended) return;
      ended = true;
      // The page is going away: only keepalive requests survive it.
      const leaving = leavingRequests(cmi5, STATE_ID);
      // Keepalive bodies share a 64 KB budget: the statement first; the state (saved at every change
      // already) only when it fits.
      void fetch(leaving.statementsUrl, { method: 'POST', headers: leaving.headers, body: JSON.stringify(leaving.terminated), keepalive: true }).catch(() => undefined);
      const body = JSON.stringify(stateDocument());
      if (body.length < 60_000) void fetch(leaving.stateUrl, { method: 'PUT', headers: leaving.headers, body, keepalive: true }).catch(() => undefined);
    },
  };
}
