/**
 * Connects an embedded lab scenario (`/embed/lab/<scenario>/`) to the page that frames it, with
 * the quiz embeds' contract (../embed/messages.ts, documented on /embed-guide/): `ready` (total =
 * the scenario's goals), `resize`, `goal` for each goal met (goalId, met, total), `completed` when
 * every goal is met (correct = goals met), and `xapi` / `lrs-error`. Messages go to the host
 * page's origin only (the `origin=` option, the referrer, or the first `hello`), never to `*`;
 * until it is known they wait in a queue. xAPI statements (packaging/xapi-lab.ts) also go to the
 * instructor's LRS when the iframe URL names one (`lrs=`, `auth=`, `actor=`), as for quizzes.
 */
import { hostMessageSchema, type EmbedMessage, type EmbedMessageBody } from '../embed/messages';
import { parseEmbedOptions } from '../embed/options';
import { parseXapiOptions } from '../embed/xapi-reporter';
import { actorFrom, uuid, type XapiStatement } from '../../packaging/xapi';
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

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** An anonymous id for this browser (the same one quiz embeds use), so one learner's statements group together. */
function browserLearner(): string {
  try {
    const stored = localStorage.getItem('ami-lab-xapi-learner');
    if (stored) return stored;
    const id = uuid();
    localStorage.setItem('ami-lab-xapi-learner', id);
    return id;
  } catch {
    return uuid();
  }
}

const RETRIES = [500, 2000, 5000];

export function createLabBridge(input: BridgeInput): LabBridge {
  const framed = window.parent !== window;
  const options = parseEmbedOptions(location.search);
  const pinned = options.origin;
  let host: string | null = pinned ?? (document.referrer ? originOf(document.referrer) : null);
  const queue: EmbedMessage[] = [];
  const quizId = `lab:${input.slug}`;

  const flush = () => {
    if (!host || !framed) return;
    for (const message of queue.splice(0)) window.parent.postMessage(message, host);
  };
  const post = (body: EmbedMessageBody) => {
    if (!framed) return;
    queue.push({ source: 'ami-lab', version: 1, quizId, ...body } as EmbedMessage);
    flush();
  };

  let lastHeight = 0;
  const sendHeight = (force = false) => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (!force && height === lastHeight) return;
    lastHeight = height;
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

  // xAPI, with the quiz embeds' options and delivery (in order, three retries, one lrs-error).
  const xapiOptions = parseXapiOptions(location.search);
  const actor = actorFrom(xapiOptions.actor, location.origin, browserLearner());
  const registration = uuid();
  const iri = labIri(location.origin, input.slug);
  const context = (): LabStatementContext => ({ actor, labIri: iri, title: input.title, registration, newId: uuid, now: new Date() });
  let lrsQueue: Promise<void> = Promise.resolve();
  let lrsFailed = false;
  const sendStatements = (statements: XapiStatement[]) => {
    for (const statement of statements) post({ type: 'xapi', statement: statement as unknown as Record<string, unknown> });
    const lrs = xapiOptions.lrs;
    if (!lrs) return;
    lrsQueue = lrsQueue.then(async () => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          const response = await fetch(`${lrs.endpoint}statements`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: lrs.auth },
            body: JSON.stringify(statements),
          });
          if (response.ok) return;
          if (response.status < 500 || attempt >= RETRIES.length) throw new Error(`The LRS answered ${response.status}.`);
        } catch (error) {
          if (attempt >= RETRIES.length || (error instanceof Error && error.message.startsWith('The LRS answered'))) {
            if (!lrsFailed) post({ type: 'lrs-error', message: error instanceof Error ? error.message : 'The LRS could not be reached.' });
            lrsFailed = true;
            return;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RETRIES[attempt]));
      }
    });
  };

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
