import { describe, expect, test } from 'vitest';
import type { ScoredQuestion } from '../../../src/content-pipeline/questions/schema';
import { orderingMistakes, orderingMistakesText } from '../../../src/learning/ordering-feedback';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const question: ScoredQuestion = {
  id: 'o-1',
  origin: 'generated',
  kind: 'ordering',
  stem: 'Order the steps',
  explanation: '',
  source,
  tags: [],
  items: [
    { id: 'a', text: 'Stop the instance' },
    { id: 'b', text: 'Create the image' },
    { id: 'c', text: 'Launch in the other AZ' },
  ],
};

describe('ordering feedback in words', () => {
  test('names each wrong position, what the learner put there and what belongs there', () => {
    const answer = { kind: 'ordering' as const, order: ['a', 'c', 'b'] };

    expect(orderingMistakes(question, answer)).toEqual([
      { position: 2, given: 'Launch in the other AZ', correct: 'Create the image' },
      { position: 3, given: 'Create the image', correct: 'Launch in the other AZ' },
    ]);
    expect(orderingMistakesText(question, answer)).toBe(
      'Position 2: you put Launch in the other AZ; correct is Create the image. Position 3: you put Create the image; correct is Launch in the other AZ.',
    );
  });

  test('a right order, or another kind of question, has nothing to say', () => {
    expect(orderingMistakesText(question, { kind: 'ordering', order: ['a', 'b', 'c'] })).toBe('');
    expect(orderingMistakes(question, { kind: 'choice', selected: ['a'] })).toEqual([]);
  });
});
