import { describe, expect, test } from 'vitest';
import type { Question } from '../../../src/content-pipeline/questions/schema';
import { assignmentPlaySpec, assignmentQuestions, decodeAssignment, encodeAssignment, type Assignment } from '../../../src/packaging/assignment';

const source = (slug: string) => ({ path: `${slug}.md`, slug, title: slug.toUpperCase(), heading: null, anchor: null, line: 1 });
const choice = (id: string, slug: string, stem: string, tags: string[]): Question => ({
  id,
  origin: 'authored',
  kind: 'choice',
  stem,
  explanation: '',
  source: source(slug),
  tags,
  choose: 1,
  options: [
    { id: 'a', text: 'Yes', correct: true, explanation: '' },
    { id: 'b', text: 'No', correct: false, explanation: '' },
  ],
});
const ALL: Question[] = [
  choice('q-1', 'amis', 'Who can launch a shared AMI?', ['aws/ec2']),
  choice('q-2', 'amis', 'Is an AMI regional?', ['aws/ec2']),
  choice('q-3', 'ebs', 'Where are snapshots stored?', ['aws/ebs']),
  { id: 'c-1', origin: 'generated', kind: 'card', stem: 'AMI', back: 'Amazon Machine Image', explanation: '', source: source('amis'), tags: ['aws/ec2'] },
];
const assignment: Assignment = { v: 1, t: 'Week 3: AMIs', s: { k: 'lesson', slug: 'amis' }, seed: 42, m: 80, l: 20, sh: true };

describe('assignment codes', () => {
  test('an assignment survives the trip through its link code unchanged', () => {
    const code = encodeAssignment(assignment);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAssignment(code)).toEqual({ ok: true, assignment });
  });

  test('a title with any characters survives the trip', () => {
    const withAccents = { ...assignment, t: 'Semaine 3 : « AMI » & snapshots ✓' };
    expect(decodeAssignment(encodeAssignment(withAccents))).toEqual({ ok: true, assignment: withAccents });
  });

  test('a missing, truncated or edited code gives a message, not a quiz', () => {
    const code = encodeAssignment(assignment);
    expect(decodeAssignment(null)).toMatchObject({ ok: false, message: expect.stringContaining('no assignment') });
    expect(decodeAssignment(code.slice(0, 20))).toMatchObject({ ok: false, message: expect.stringContaining('damaged') });
    const edited = btoa(JSON.stringify({ ...assignment, m: 150 })).replace(/=+$/, '');
    expect(decodeAssignment(edited)).toMatchObject({ ok: false, message: expect.stringContaining('(at m)') });
    expect(decodeAssignment('!!!')).toMatchObject({ ok: false });
  });
});

describe('assignment questions', () => {
  test('a lesson selection gives its scored questions, never cards', () => {
    expect(assignmentQuestions(assignment, ALL).map((q) => q.id)).toEqual(['q-1', 'q-2']);
  });

  test('hand-picked ids keep their order and skip ids this build does not have', () => {
    expect(assignmentQuestions({ ...assignment, s: { k: 'ids', ids: ['q-3', 'gone', 'q-1'] } }, ALL).map((q) => q.id)).toEqual(['q-3', 'q-1']);
  });

  test('a search needs every word, in the stem, title or tags', () => {
    expect(assignmentQuestions({ ...assignment, s: { k: 'search', q: 'AMI regional' } }, ALL).map((q) => q.id)).toEqual(['q-2']);
    expect(assignmentQuestions({ ...assignment, s: { k: 'search', q: 'ebs' } }, ALL).map((q) => q.id)).toEqual(['q-3']);
  });

  test('a random draw is the same for the same seed, and kept in vault order', () => {
    const draw = { ...assignment, s: { k: 'search' as const, q: 'aws' }, n: 2 };
    const first = assignmentQuestions(draw, ALL).map((q) => q.id);
    expect(first).toHaveLength(2);
    expect(assignmentQuestions(draw, ALL).map((q) => q.id)).toEqual(first);
    expect([...first].sort()).toEqual(first);
  });

  test('the play spec carries the settings, and a plain lesson keeps the lesson quiz id', () => {
    const spec = assignmentPlaySpec(assignment, ALL, encodeAssignment(assignment));
    expect(spec).toMatchObject({ id: 'lesson:amis', title: 'Week 3: AMIs', mastery: 80, timeLimit: 20, shuffle: true, seed: 42 });
    expect(assignmentPlaySpec({ ...assignment, n: 1 }, ALL, 'code').id).toMatch(/^assignment:[0-9a-z]+$/);
  });
});
