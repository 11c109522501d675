/**
 * xAPI statements for lab scenarios played in an embed (`/embed/lab/<scenario>/`).
 *
 * The choice (documented on /embed-guide/#lab): each goal is an *objective* activity
 * (`<site>/xapi/lab/<scenario>/goal/<goal id>`, type …/activities/objective, its parent the
 * scenario); a goal met is a `passed` statement about it (success true). The scenario itself
 * (`<site>/xapi/lab/<scenario>`, type …/activities/simulation) gets `progressed` after each goal
 * (progress extension: percent of goals met, score goals met / total) and, when every goal is met,
 * `completed` then `passed` (score 1, duration). Pure: ids and the time come in as arguments.
 */
import { isoDuration } from './interactions';
import type { XapiAgent, XapiStatement } from './xapi';

export interface LabStatementContext {
  actor: XapiAgent;
  /** IRI of the scenario (`labIri`). */
  labIri: string;
  title: string;
  registration: string;
  newId: () => string;
  now: Date;
}

const ADL = 'http://adlnet.gov/expapi/verbs/';
const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

/** The IRI of a lab scenario on a site (`https://site/xapi/lab/ami-copy`). */
export function labIri(siteUrl: string, scenario: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/xapi/lab/${encodeURIComponent(scenario)}`;
}

export function goalIri(scenarioIri: string, goalId: string): string {
  return `${scenarioIri}/goal/${encodeURIComponent(goalId)}`;
}

function base(ctx: LabStatementContext, verb: string) {
  return { id: ctx.newId(), actor: ctx.actor, verb: { id: `${ADL}${verb}`, display: { 'en-US': verb } }, timestamp: ctx.now.toISOString() };
}

function scenarioObject(ctx: LabStatementContext) {
  return { objectType: 'Activity' as const, id: ctx.labIri, definition: { type: 'http://adlnet.gov/expapi/activities/simulation', name: { 'en-US': ctx.title } } };
}

function score(met: number, total: number) {
  return { scaled: total === 0 ? 0 : Math.round((met / total) * 10000) / 10000, raw: met, min: 0, max: total };
}

/** A goal met: `passed` about the goal (an objective of the scenario), then `progressed` about the scenario. */
export function goalMetStatements(ctx: LabStatementContext, goal: { id: string; text: string }, met: number, total: number): XapiStatement[] {
  const context = { registration: ctx.registration, platform: 'AMI Lab' };
  return [
    {
      ...base(ctx, 'passed'),
      object: { objectType: 'Activity', id: goalIri(ctx.labIri, goal.id), definition: { type: 'http://adlnet.gov/expapi/activities/objective', name: { 'en-US': goal.text } } },
      result: { success: true, completion: true },
      context: { ...context, contextActivities: { parent: [{ id: ctx.labIri, objectType: 'Activity' }] } },
    },
    {
      ...base(ctx, 'progressed'),
      object: scenarioObject(ctx),
      result: { score: score(met, total), extensions: { [PROGRESS_EXTENSION]: total === 0 ? 100 : Math.round((met / total) * 100) } },
      context,
    },
  ];
}

/** Every goal met: `completed`, then `passed`, about the scenario. */
export function scenarioCompletedStatements(ctx: LabStatementContext, met: number, total: number, durationMs: number): XapiStatement[] {
  const context = { registration: ctx.registration, platform: 'AMI Lab' };
  const result = { success: true, completion: true, score: score(met, total), duration: isoDuration(durationMs) };
  return [
    { ...base(ctx, 'completed'), object: scenarioObject(ctx), result: { completion: true, score: result.score, duration: result.duration }, context },
    { ...base(ctx, 'passed'), object: scenarioObject(ctx), result, context },
  ];
}
