/**
 * xAPI statements for quizzes played outside an LMS package (the site's embeds and assignment
 * links): `answered` per question, then `completed` and `passed`/`failed` with score and duration.
 * The interaction formats are SCORM 2004's, which xAPI's cmi.interaction activities share. Pure:
 * ids and the time come in as arguments.
 */
import type { Answer, ScoredQuestion } from '../content-pipeline/questions/schema';
import { isoDuration, scormInteraction } from './interactions';

export interface XapiAgent {
  objectType: 'Agent';
  name?: string;
  mbox?: string;
  account?: { homePage: string; name: string };
}

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string; definition: Record<string, unknown> };
  result?: Record<string, unknown>;
  context: { registration?: string; platform: string; contextActivities?: Record<string, Array<{ id: string; objectType: 'Activity' }>>; extensions?: Record<string, unknown> };
  timestamp: string;
}

export interface StatementContext {
  actor: XapiAgent;
  /** IRI of the quiz (`<site>/xapi/quiz/<quiz id>`). */
  quizIri: string;
  title: string;
  /** One attempt's id (a UUID), as xAPI registrations are. */
  registration: string;
  newId: () => string;
  now: Date;
}

const ADL = 'http://adlnet.gov/expapi/verbs/';

/** A version 4 UUID (statement ids, registrations), also where crypto.randomUUID is missing (plain http). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const MASTERY_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

/** The IRI of a quiz on a site (`https://site/xapi/quiz/lesson%3Aamis`). */
export function quizIri(siteUrl: string, quizId: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/xapi/quiz/${encodeURIComponent(quizId)}`;
}

/** The actor from an embed option: `mailto:` address, or an account name on the host. */
export function actorFrom(value: string | null, homePage: string, fallbackName: string): XapiAgent {
  if (value && /^mailto:[^@\s]+@[^@\s]+$/.test(value)) return { objectType: 'Agent', mbox: value };
  return { objectType: 'Agent', account: { homePage, name: value?.trim() || fallbackName } };
}

function base(ctx: StatementContext, verb: string) {
  return {
    id: ctx.newId(),
    actor: ctx.actor,
    verb: { id: `${ADL}${verb}`, display: { 'en-US': verb } },
    timestamp: ctx.now.toISOString(),
  };
}

function quizObject(ctx: StatementContext) {
  return { objectType: 'Activity' as const, id: ctx.quizIri, definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'en-US': ctx.title } } };
}

export function answeredStatement(ctx: StatementContext, question: ScoredQuestion, answer: Answer, correct: boolean, latencyMs: number): XapiStatement {
  const i = scormInteraction('2004', question, answer, correct, latencyMs);
  const definition: Record<string, unknown> = {
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
    name: { 'en-US': question.stem },
    interactionType: i.type === 'true-false' ? 'true-false' : i.type,
    correctResponsesPattern: i.patterns,
  };
  if (question.kind === 'choice' || question.kind === 'truefalse') {
    if (i.type === 'choice') definition.choices = question.options.map((o) => ({ id: o.id, description: { 'en-US': o.text } }));
  } else if (question.kind === 'ordering') {
    definition.choices = question.items.map((o) => ({ id: o.id, description: { 'en-US': o.text } }));
  }
  return {
    ...base(ctx, 'answered'),
    object: { objectType: 'Activity', id: `${ctx.quizIri}/question/${encodeURIComponent(question.id)}`, definition },
    result: { success: correct, response: i.response, duration: isoDuration(latencyMs) },
    context: { registration: ctx.registration, platform: 'AMI Lab', contextActivities: { parent: [{ id: ctx.quizIri, objectType: 'Activity' }] } },
  };
}

export interface QuizOutcome {
  correct: number;
  total: number;
  durationMs: number;
  /** Percent; null when no mastery score was set (then no passed/failed is sent). */
  mastery: number | null;
}

/** `completed`, then `passed` or `failed` when there is a mastery score. */
export function finishStatements(ctx: StatementContext, outcome: QuizOutcome): XapiStatement[] {
  const scaled = outcome.total === 0 ? 0 : Math.round((outcome.correct / outcome.total) * 10000) / 10000;
  const score = { scaled, raw: outcome.correct, min: 0, max: outcome.total };
  const context = { registration: ctx.registration, platform: 'AMI Lab' };
  const duration = isoDuration(outcome.durationMs);
  const out: XapiStatement[] = [{ ...base(ctx, 'completed'), object: quizObject(ctx), result: { completion: true, score, duration }, context }];
  if (outcome.mastery !== null) {
    const passed = scaled * 100 >= outcome.mastery;
    out.push({
      ...base(ctx, passed ? 'passed' : 'failed'),
      object: quizObject(ctx),
      result: { success: passed, completion: true, score, duration },
      context: { ...context, extensions: { [MASTERY_EXTENSION]: outcome.mastery / 100 } },
    });
  }
  return out;
}
