import { describe, expect, test } from 'vitest';
import type { ChoiceQuestion, ClozeQuestion, OrderingQuestion } from '../../../src/content-pipeline/questions/schema';
import { reportExam } from '../../../src/learning/exam';
import { scoreAnswer } from '../../../src/learning/score-answer';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const chooseTwo: ChoiceQuestion = {
  id: 'q-two',
  origin: 'authored',
  kind: 'choice',
  stem: 'Which two?',
  explanation: '',
  source,
  tags: ['aws'],
  choose: 2,
  options: [
    { id: 'a', text: 'A', correct: true, explanation: '' },
    { id: 'b', text: 'B', correct: true, explanation: '' },
    { id: 'c', text: 'C', correct: false, explanation: '' },
  ],
};
const single: ChoiceQuestion = {
  ...chooseTwo,
  id: 'q-one',
  choose: 1,
  options: [
    { id: 'a', text: 'A', correct: true, explanation: '' },
    { id: 'b', text: 'B', correct: false, explanation: '' },
  ],
};
const cloze: ClozeQuestion = {
  id: 'c-1',
  origin: 'authored',
  kind: 'cloze',
  stem: 'Fill in the blank.',
  before: '',
  after: ' is fast',
  answers: ['Fast Snapshot Restore (FSR)', 'FSR'],
  explanation: '',
  source,
  tags: [],
};
const ordering: OrderingQuestion = {
  id: 'o-1',
  origin: 'generated',
  kind: 'ordering',
  stem: 'Order',
  items: [
    { id: 'a', text: '1' },
    { id: 'b', text: '2' },
    { id: 'c', text: '3' },
  ],
  explanation: '',
  source,
  tags: [],
};

describe('scoring like the exam', () => {
  test('single answer: right is correct, wrong is incorrect', () => {
    expect(scoreAnswer(single, { kind: 'choice', selected: ['a'] })).toEqual({ outcome: 'correct' });
    expect(scoreAnswer(single, { kind: 'choice', selected: ['b'] })).toEqual({ outcome: 'incorrect', reason: 'wrong-options' });
  });

  test('"choose 2" is all or nothing: one of two right gets no credit, nor does picking three', () => {
    expect(scoreAnswer(chooseTwo, { kind: 'choice', selected: ['b', 'a'] })).toEqual({ outcome: 'correct' });
    expect(scoreAnswer(chooseTwo, { kind: 'choice', selected: ['a', 'c'] })).toEqual({ outcome: 'incorrect', reason: 'wrong-options' });
    expect(scoreAnswer(chooseTwo, { kind: 'choice', selected: ['a'] })).toEqual({ outcome: 'incorrect', reason: 'wrong-count' });
    expect(scoreAnswer(chooseTwo, { kind: 'choice', selected: ['a', 'b', 'c'] })).toEqual({ outcome: 'incorrect', reason: 'wrong-count' });
  });

  test('unanswered is its own outcome and scores as wrong in an exam', () => {
    expect(scoreAnswer(chooseTwo, undefined)).toEqual({ outcome: 'unanswered' });
    expect(scoreAnswer(chooseTwo, { kind: 'choice', selected: [] })).toEqual({ outcome: 'unanswered' });
    const report = reportExam([single, chooseTwo], { 'q-one': { kind: 'choice', selected: ['a'] } });
    expect(report).toMatchObject({ correct: 1, total: 2, percent: 50, byTag: [{ label: 'aws', correct: 1, total: 2 }], byNote: [{ label: 'N', correct: 1, total: 2 }] });
  });

  test('a cloze accepts any listed answer, ignoring case and punctuation', () => {
    expect(scoreAnswer(cloze, { kind: 'cloze', text: '  fsr. ' })).toEqual({ outcome: 'correct' });
    expect(scoreAnswer(cloze, { kind: 'cloze', text: 'fast snapshot restore (fsr)' })).toEqual({ outcome: 'correct' });
    expect(scoreAnswer(cloze, { kind: 'cloze', text: 'EBS' })).toEqual({ outcome: 'incorrect', reason: 'wrong-text' });
  });

  test('an ordering is right only in the exact order', () => {
    expect(scoreAnswer(ordering, { kind: 'ordering', order: ['a', 'b', 'c'] })).toEqual({ outcome: 'correct' });
    expect(scoreAnswer(ordering, { kind: 'ordering', order: ['a', 'c', 'b'] })).toEqual({ outcome: 'incorrect', reason: 'wrong-order' });
  });

  test('an answer of the wrong kind is incorrect, not a crash', () => {
    expect(scoreAnswer(single, { kind: 'cloze', text: 'A' })).toEqual({ outcome: 'incorrect', reason: 'wrong-kind' });
  });
});
