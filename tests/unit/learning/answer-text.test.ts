import { describe, expect, test } from 'vitest';
import type { ChoiceQuestion, ClozeQuestion, OrderingQuestion } from '../../../src/content-pipeline/questions/schema';
import { answerText, correctAnswerText } from '../../../src/learning/answer-text';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const chooseTwo: ChoiceQuestion = {
  id: 'q-two',
  origin: 'authored',
  kind: 'choice',
  stem: 'Which two?',
  explanation: '',
  source,
  tags: [],
  choose: 2,
  options: [
    { id: 'a', text: 'Launch instances', correct: true, explanation: '' },
    { id: 'b', text: 'Delete the snapshot', correct: false, explanation: '' },
    { id: 'c', text: 'Pay for the instances', correct: true, explanation: '' },
  ],
};
const cloze: ClozeQuestion = {
  id: 'c-1',
  origin: 'generated',
  kind: 'cloze',
  stem: 'Fill in the blank.',
  before: '',
  after: ' is fast',
  answers: ['FSR', 'Fast Snapshot Restore'],
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
    { id: 'x', text: 'Stop' },
    { id: 'y', text: 'Image' },
  ],
  explanation: '',
  source,
  tags: [],
};

describe('the words of an answer', () => {
  test('the right answer: correct options joined by +, the first accepted term, the items numbered in order', () => {
    expect(correctAnswerText(chooseTwo)).toBe('Launch instances + Pay for the instances');
    expect(correctAnswerText(cloze)).toBe('FSR');
    expect(correctAnswerText(ordering)).toBe('1. Stop, 2. Image');
  });

  test("the learner's answer is worded the same way, and an empty one says so", () => {
    expect(answerText(chooseTwo, { kind: 'choice', selected: ['b', 'a'] })).toBe('Delete the snapshot + Launch instances');
    expect(answerText(ordering, { kind: 'ordering', order: ['y', 'x'] })).toBe('1. Image, 2. Stop');
    expect(answerText(cloze, { kind: 'cloze', text: '  ' })).toBe('No answer');
    expect(answerText(chooseTwo, undefined)).toBe('No answer');
  });
});
