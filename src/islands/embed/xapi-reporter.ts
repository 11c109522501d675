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
import { browserLearner, createLrsDelivery } from './lrs-delivery';

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

export function createXapiReporter(input: ReporterInput): XapiReporter {
  const actor = actorFrom(input.options.actor, input.siteUrl, browserLearner());
  const registration = uuid();
  const context = (): StatementContext => ({ actor, quizIri: quizIri(input.siteUrl, input.quizId), title: input.title, registration, newId: uuid, now: new Date() });
  const send = createLrsDelivery({ lrs: input.options.lrs, post: input.post, onLrsFailure: input.onLrsFailure });
  return {
    answered: (question, answer, correct, latencyMs) => send([answeredStatement(context(), question, answer, correct, latencyMs)]),
    finished: (correct, total, durationMs, mastery) => send(finishStatements(context(), { correct, total, durationMs, mastery: mastery ?? input.options.mastery })),
  };
}
