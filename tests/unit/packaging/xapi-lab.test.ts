import { describe, expect, test } from 'vitest';
import { actorFrom } from '../../../src/packaging/xapi';
import { goalIri, goalMetStatements, labIri, scenarioCompletedStatements, type LabStatementContext } from '../../../src/packaging/xapi-lab';

let n = 0;
const ctx: LabStatementContext = {
  actor: actorFrom(null, 'https://site.example', 'learner-1'),
  labIri: labIri('https://site.example/', 'bake-an-ami'),
  title: 'Bake an AMI',
  registration: '00000000-0000-4000-8000-000000000000',
  newId: () => {
    n += 1;
    return `id-${n}`;
  },
  now: new Date('2026-11-30T12:00:00Z'),
};

describe('lab xAPI statements', () => {
  test('IRIs: the scenario and its goals', () => {
    expect(ctx.labIri).toBe('https://site.example/xapi/lab/bake-an-ami');
    expect(goalIri(ctx.labIri, 'a b')).toBe('https://site.example/xapi/lab/bake-an-ami/goal/a%20b');
  });

  test('a goal met: passed about the goal (an objective, child of the scenario), then progressed', () => {
    const [passed, progressed] = goalMetStatements(ctx, { id: 'baked', text: 'Create an image' }, 1, 3);
    expect(passed).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      object: { id: `${ctx.labIri}/goal/baked`, definition: { type: 'http://adlnet.gov/expapi/activities/objective', name: { 'en-US': 'Create an image' } } },
      result: { success: true, completion: true },
      context: { registration: ctx.registration, contextActivities: { parent: [{ id: ctx.labIri }] } },
      actor: { account: { homePage: 'https://site.example', name: 'learner-1' } },
    });
    expect(progressed).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/progressed' },
      object: { id: ctx.labIri, definition: { type: 'http://adlnet.gov/expapi/activities/simulation' } },
      result: { score: { raw: 1, max: 3, min: 0, scaled: 0.3333 }, extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 33 } },
    });
  });

  test('every goal met: completed then passed about the scenario, with score and duration', () => {
    const [completed, passed] = scenarioCompletedStatements(ctx, 3, 3, 90_000);
    expect(completed).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: ctx.labIri },
      result: { completion: true, score: { scaled: 1, raw: 3 } },
    });
    expect(completed?.result?.duration).toMatch(/^PT1M30(\.0+)?S$/);
    expect(passed).toMatchObject({ verb: { id: 'http://adlnet.gov/expapi/verbs/passed' }, result: { success: true, completion: true } });
    expect(new Set([completed?.id, passed?.id]).size).toBe(2);
  });
});
