/**
 * xAPI for embedded quizzes (the lesson and tag embeds and the assignment links): each answer and
 * the end of the quiz become xAPI statements (packaging/xapi.ts), posted to the host page as
 * `xapi` messages and, when the instructor's snippet names an LRS, sent straight to it.
 *
 * Options in the iframe URL: `lrs=<statement endpoint base, ending in />`, `auth=<credentials:
 * "Basic …" as the LRS issued them>`, `actor=<mailto:address | learner name>`, `mastery=<0–100>`
 * (sends passed/failed). Credentials in a URL are visible to learners: the guide tells instructors
 * to use a write-only key scoped to this quiz.
 */
import type { Answer, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { actorFrom, answeredStatement, finishStatements, quizIri, type StatementContext, type XapiStatement, uuid } from '../../packaging/xapi';

export interface XapiOptions {
  lrs: { endpoint: string; auth: string } | null;
  actor: string | null;
  mastery: number | null;
}

/** Reads the xAPI options; anything malformed is left out (the quiz itself never breaks). */
export function parseXapiOptions(search: string): XapiOptions {
  const params = new URLSearchParams(search);
  let endpoint: string | null = null;
  try {
    const url = new URL(params.get('lrs') ?? '');
    if (url.protocol === 'https:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') endpoint = url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    endpoint = null;
  }
  const auth = params.get('auth')?.trim() ?? '';
  const mastery = Number(params.get('mastery') ?? '');
  return {
    lrs: endpoint && auth ? { endpoint, auth: /^(Basic|Bearer) /.test(auth) ? auth : `Basic ${auth}` } : null,
    actor: params.get('actor'),
    mastery: params.get('mastery') !== null && Number.isInteger(mastery) && mastery >= 0 && mastery <= 100 ? mastery : null,
  };
}

/** An anonymous id for this browser, so one learner's statements group together. */
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

export interface XapiReporter {
  answered(question: ScoredQuestion, answer: Answer, correct: boolean, latencyMs: number): Promise<void>;
  finished(correct: number, total: number, durationMs: number, mastery?: number | null): Promise<void>;
}

interface ReporterInput {
  quizId: string;
  title: string;
  siteUrl: string;
  options: XapiOptions;
  /** Hands each statement to the host page (postMessage). */
  post: (statement: XapiStatement) => void;
  /** Called once when the LRS refuses or cannot be reached after retries. */
  onLrsFailure: (message: string) => void;
}

const RETRIES = [500, 2000, 5000];

export function createXapiReporter(input: ReporterInput): XapiReporter {
  const actor = actorFrom(input.options.actor, input.siteUrl, browserLearner());
  const registration = uuid();
  const context = (): StatementContext => ({ actor, quizIri: quizIri(input.siteUrl, input.quizId), title: input.title, registration, newId: uuid, now: new Date() });
  // One request at a time, in order: an LRS stores statements in the order it receives them.
  let queue: Promise<void> = Promise.resolve();
  let failed = false;
  const send = (statements: XapiStatement[]) => {
    for (const s of statements) input.post(s);
    const lrs = input.options.lrs;
    if (!lrs) return Promise.resolve();
    queue = queue.then(async () => {
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
            if (!failed) input.onLrsFailure(error instanceof Error ? error.message : 'The LRS could not be reached.');
            failed = true;
            return;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RETRIES[attempt]));
      }
    });
    return queue;
  };
  return {
    answered: (question, answer, correct, latencyMs) => send([answeredStatement(context(), question, answer, correct, latencyMs)]),
    finished: (correct, total, durationMs, mastery) => send(finishStatements(context(), { correct, total, durationMs, mastery: mastery ?? input.options.mastery })),
  };
}
