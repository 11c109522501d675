/**
 * Connects an embedded lab scenario (`/embed/lab/<scenario>/`) to the page that frames it, with
 * the quiz embeds' contract (../embed/messages.ts, documented on /embed-guide/): `ready` (total =
 * the scenario's goals), `resize`, `goal` for each goal met (goalId, met, total), `completed` when
 * every goal is met (correct = goals met), and `xapi` / `lrs-error`. Messages go to the host
 * page's origin only (the `origin=` option, the referrer, or the first `hello`), never to `*`;
 * until it is known they wait in a queue. xAPI statements (packaging/xapi-lab.ts) also go to the
 * instructor's LRS when the iframe URL names one (`lrs=`, `auth=`, `actor=`), as for quizzes.
 */
import { createHostChannel } from '../embed/host-channel';
import { browserLearner, createLrsDelivery } from '../embed/lrs-delivery';
import { parseXapiOptions } from '../embed/xapi-reporter';
import { actorFrom, uuid } from '../../packaging/xapi';
import { goalMetStatements, labIri, scenarioCompletedStatements, type LabStatementContext } from '../../packaging/xapi-lab';
import type { LabProgressEvent } from '../lab/LabApp';

export interface LabBridge {
  progress(event: LabProgressEvent): void;
}

interface BridgeInput {
  slug: string;
  title: string;
  goals: readonly { id: string; text: string }[];
}

export function createLabBridge(input: BridgeInput): LabBridge {
  const framed = window.parent !== window;
  const { post, sendHeight } = createHostChannel({ quizId: `lab:${input.slug}`, framed });

  // xAPI, with the quiz embeds' options and delivery (in order, three retries, one lrs-error).
  const xapiOptions = parseXapiOptions(location.search);
  const actor = actorFrom(xapiOptions.actor, location.origin, browserLearner());
  const registration = uuid();
  const iri = labIri(location.origin, input.slug);
  const context = (): LabStatementContext => ({ actor, labIri: iri, title: input.title, registration, newId: uuid, now: new Date() });
  const sendStatements = createLrsDelivery({
    lrs: xapiOptions.lrs,
    post: (statement) => post({ type: 'xapi', statement: statement as unknown as Record<string, unknown> }),
    onLrsFailure: (message) => post({ type: 'lrs-error', message }),
  });

  const startedAt = Date.now();
  let completed = false;
  const reported = new Set<string>();
  post({ type: 'ready', total: input.goals.length });
  sendHeight(true);
  new ResizeObserver(() => sendHeight()).observe(document.body);

  return {
    progress(event) {
      const goals = new Map(input.goals.map((goal) => [goal.id, goal]));
      // The lab may announce a goal again while its save settles: each goal is reported once.
      const fresh = event.newlyMet.filter((goalId) => !reported.has(goalId));
      fresh.forEach((goalId, index) => {
        reported.add(goalId);
        // Several goals met by one change are reported one by one, each with its running count.
        const met = event.met.length - fresh.length + index + 1;
        post({ type: 'goal', goalId, met, total: event.total });
        sendStatements(goalMetStatements(context(), goals.get(goalId) ?? { id: goalId, text: goalId }, met, event.total));
      });
      if (event.complete && !completed) {
        completed = true;
        post({ type: 'completed', correct: event.met.length, total: event.total, percent: 100 });
        sendStatements(scenarioCompletedStatements(context(), event.met.length, event.total, Date.now() - startedAt));
      }
    },
  };
}
