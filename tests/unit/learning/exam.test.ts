import { describe, expect, test } from 'vitest';
import type { Question } from '../../../src/content-pipeline/questions/schema';
import { drawExam } from '../../../src/learning/exam';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const make = (id: string, tags: string[]): Question => ({
  id, origin: 'authored', kind: 'truefalse', stem: id, explanation: '', source, tags, choose: 1,
  options: [{ id: 'a', text: 'True', correct: true, explanation: '' }, { id: 'b', text: 'False', correct: false, explanation: '' }],
});
const card: Question = { id: 'd-1', origin: 'generated', kind: 'card', stem: 'Term', back: 'Definition', explanation: '', source, tags: ['aws/ec2'] };
const all = [make('q-1', ['aws/ec2/ami']), make('q-2', ['aws/kms']), make('q-3', ['aws/ec2']), make('q-4', []), card];

describe('drawing a practice exam', () => {
  test('draws N scored questions from the chosen tags (nested tags included), never cards', () => {
    const exam = drawExam(all, { count: 10, tags: ['aws/ec2'], seed: 7 });
    expect(exam.map((q) => q.id).sort()).toEqual(['q-1', 'q-3']);
  });

  test('the same seed gives the same exam; no tags means all notes', () => {
    const a = drawExam(all, { count: 3, tags: [], seed: 42 }).map((q) => q.id);
    expect(drawExam(all, { count: 3, tags: [], seed: 42 }).map((q) => q.id)).toEqual(a);
    expect(a).toHaveLength(3);
    expect(a).not.toContain('d-1');
  });
});
