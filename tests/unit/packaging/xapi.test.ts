import { describe, expect, test } from 'vitest';
import type { ScoredQuestion } from '../../../src/content-pipeline/questions/schema';
import { actorFrom, answeredStatement, finishStatements, quizIri, type StatementContext } from '../../../src/packaging/xapi';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const question: ScoredQuestion = {
  id: 'q-order',
  origin: 'authored',
  kind: 'ordering',
  stem: 'Order them',
  explanation: '',
  source,
  tags: [],
  items: [
    { id: 'a', text: 'First' },
    { id: 'b', text: 'Second' },
  ],
};
let n = 0;
const ctx: StatementContext = {
  actor: actorFrom('mailto:lee@example.edu', 'https://site.example', 'x'),
  quizIri: quizIri('https://site.example/', 'lesson:amis'),
  title: 'Quiz: AMIs',
  registration: '00000000-0000-4000-8000-000000000000',
  newId: () => {
    n += 1;
    return `id-${n}`;
  },
  now: new Date('2026-11-30T12:00:00Z'),
};

describe('xAPI statements', () => {
  test('an answer is an answered cmi.interaction with response, success and duration', () => {
    const s = answeredStatement(ctx, question, { kind: 'ordering', order: ['b', 'a'] }, false, 61_500);
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
    expect(s.object.id).toBe('https://site.example/xapi/quiz/lesson%3Aamis/question/q-order');
    expect(s.object.definition).toMatchObject({ interactionType: 'sequencing', correctResponsesPattern: ['a[,]b'] });
    expect(s.result).toEqual({ success: false, response: 'b[,]a', duration: 'PT1M1.5S' });
    expect(s.context.contextActivities?.parent?.[0]?.id).toBe(ctx.quizIri);
    expect(s.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:lee@example.edu' });
  });

  test('the end is completed, then passed or failed against the mastery score', () => {
    const [completed, failed] = finishStatements(ctx, { correct: 3, total: 4, durationMs: 90_000, mastery: 80 });
    expect(completed?.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    expect(completed?.result).toEqual({ completion: true, score: { scaled: 0.75, raw: 3, min: 0, max: 4 }, duration: 'PT1M30S' });
    expect(failed?.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(failed?.result).toMatchObject({ success: false });
    expect(finishStatements(ctx, { correct: 4, total: 4, durationMs: 1, mastery: 80 })[1]?.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(finishStatements(ctx, { correct: 4, total: 4, durationMs: 1, mastery: null })).toHaveLength(1);
  });

  test('without an address the learner is an account on the host', () => {
    expect(actorFrom(null, 'https://site.example', 'anon-1')).toEqual({ objectType: 'Agent', account: { homePage: 'https://site.example', name: 'anon-1' } });
  });
});
