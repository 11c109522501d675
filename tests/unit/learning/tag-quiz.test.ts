import { describe, expect, test } from 'vitest';
import type { ScoredQuestion } from '../../../src/content-pipeline/questions/schema';
import { selectTagQuiz } from '../../../src/learning/exam';

function question(id: string, path: string, origin: 'authored' | 'generated'): ScoredQuestion {
  return {
    id,
    kind: 'truefalse',
    origin,
    stem: `Statement ${id}`,
    tags: ['aws'],
    explanation: '',
    source: { path, slug: path, title: path, heading: null, anchor: null },
    options: [
      { id: 'true', text: 'True', correct: true },
      { id: 'false', text: 'False', correct: false },
    ],
    choose: 1,
  } as unknown as ScoredQuestion;
}

describe('a tag quiz', () => {
  test('takes questions in turns from each lesson, authored ones first, up to the limit', () => {
    const questions = [
      question('a-gen-1', 'A.md', 'generated'),
      question('a-auth', 'A.md', 'authored'),
      question('a-gen-2', 'A.md', 'generated'),
      question('b-gen-1', 'B.md', 'generated'),
      question('c-auth', 'C.md', 'authored'),
    ];
    expect(selectTagQuiz(questions, 4).map((q) => q.id)).toEqual(['a-auth', 'b-gen-1', 'c-auth', 'a-gen-1']);
  });

  test('keeps every question when there are fewer than the limit', () => {
    const questions = [question('x', 'A.md', 'generated'), question('y', 'B.md', 'authored')];
    expect(selectTagQuiz(questions, 20)).toHaveLength(2);
  });

  test('a broad tag over thousands of questions still gives a quiz of the limit', () => {
    const many = Array.from({ length: 5000 }, (_, i) => question(`q${i}`, `N${i % 700}.md`, 'generated'));
    const picked = selectTagQuiz(many);
    expect(picked).toHaveLength(20);
    expect(new Set(picked.map((q) => q.source.path)).size).toBe(20);
  });
});
