import { describe, expect, test } from 'vitest';
import type { Question } from '../../../src/content-pipeline/questions/schema';
import { domainQuota, drawExam, drawFullExam, estimateScaledScore, isExamQuestion, NO_DOMAIN, planFullExam, reportExam } from '../../../src/learning/exam';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const make = (id: string, tags: string[]): Question => ({
  id,
  origin: 'authored',
  kind: 'truefalse',
  stem: id,
  explanation: '',
  source,
  tags,
  choose: 1,
  options: [
    { id: 'a', text: 'True', correct: true, explanation: '' },
    { id: 'b', text: 'False', correct: false, explanation: '' },
  ],
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

describe('the full-length exam and its report', () => {
  const choice = (id: string, extra: Partial<Question> = {}): Question =>
    ({
      id,
      origin: 'authored',
      kind: 'choice',
      stem: id,
      explanation: '',
      source,
      tags: ['aws'],
      choose: 1,
      options: [
        { id: 'a', text: 'Right', correct: true, explanation: '' },
        { id: 'b', text: 'Wrong', correct: false, explanation: '' },
      ],
      ...extra,
    }) as Question;
  const cloze: Question = { id: 'c-1', origin: 'generated', kind: 'cloze', stem: 'Fill', before: 'A', after: 'B', answers: ['x'], explanation: '', source, tags: ['aws'] };
  const ordering: Question = {
    id: 'o-1',
    origin: 'generated',
    kind: 'ordering',
    stem: 'Order',
    items: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
    explanation: '',
    source,
    tags: ['aws'],
  };

  test('exam items are multiple choice and true/false only: no cloze, ordering or cards', () => {
    const exam = drawExam([choice('q-1'), cloze, ordering, card, make('t-1', ['aws'])], { count: 10, tags: [], seed: 1 });

    expect(exam.map((q) => q.id).sort()).toEqual(['q-1', 't-1']);
  });

  test('a vault with enough questions gives 65 in 130 minutes, spread over the domains by the exam guide weights', () => {
    const domains = ['secure', 'resilient', 'high-performing', 'cost-optimized'] as const;
    const pool = [
      ...domains.flatMap((domain) => Array.from({ length: 30 }, (_, i) => choice(`${domain}-${i}`, { domain }))),
      ...Array.from({ length: 30 }, (_, i) => choice(`gen-${i}`, { origin: 'generated' })),
    ];

    const plan = planFullExam(pool);
    const exam = drawFullExam(pool, 99);

    expect(plan).toEqual({ questions: 65, minutes: 130, available: 150, short: false });
    expect(exam).toHaveLength(65);
    expect(new Set(exam.map((q) => q.id)).size).toBe(65);
    const count = (d: string) => exam.filter((q) => q.domain === d).length;
    expect([count('secure'), count('resilient'), count('high-performing'), count('cost-optimized')]).toEqual([19, 17, 16, 13]);
    expect(exam.some((q) => q.origin === 'generated')).toBe(false);
    expect(drawFullExam(pool, 99).map((q) => q.id)).toEqual(exam.map((q) => q.id));
  });

  test('a domain short of questions leaves its places to other authored questions, then generated ones', () => {
    const pool = [
      ...Array.from({ length: 5 }, (_, i) => choice(`cost-${i}`, { domain: 'cost-optimized' })),
      ...Array.from({ length: 40 }, (_, i) => choice(`secure-${i}`, { domain: 'secure' })),
      ...Array.from({ length: 10 }, (_, i) => choice(`plain-${i}`)),
      ...Array.from({ length: 30 }, (_, i) => choice(`gen-${i}`, { origin: 'generated' })),
    ];

    const exam = drawFullExam(pool, 3);

    expect(exam).toHaveLength(65);
    expect(exam.filter((q) => q.domain === 'cost-optimized')).toHaveLength(5);
    expect(exam.filter((q) => q.domain === 'secure')).toHaveLength(40);
    expect(exam.filter((q) => q.id.startsWith('plain-'))).toHaveLength(10);
    expect(exam.filter((q) => q.origin === 'generated')).toHaveLength(10);
  });

  test('fewer than 65 eligible questions: the full set, at 2 minutes a question', () => {
    const pool = [...Array.from({ length: 12 }, (_, i) => choice(`q-${i}`)), cloze, ordering, card];

    expect(planFullExam(pool)).toEqual({ questions: 12, minutes: 24, available: 12, short: true });
    expect(drawFullExam(pool, 5)).toHaveLength(12);
  });

  test('the domain quota follows the weights and always adds up', () => {
    expect(domainQuota(65)).toEqual({ secure: 19, resilient: 17, 'high-performing': 16, 'cost-optimized': 13 });
    for (const n of [1, 7, 10, 33, 64]) expect(Object.values(domainQuota(n)).reduce((a, b) => a + b, 0)).toBe(n);
  });

  test('the report scores each exam domain in the guide order, with questions without a domain last', () => {
    const questions = [choice('s-1', { domain: 'secure' }), choice('s-2', { domain: 'secure' }), choice('c-1', { domain: 'cost-optimized' }), choice('n-1')].filter(isExamQuestion);
    const right = { kind: 'choice' as const, selected: ['a'] };
    const wrong = { kind: 'choice' as const, selected: ['b'] };

    const report = reportExam(questions, { 's-1': right, 's-2': wrong, 'c-1': right });

    expect(report.byDomain).toEqual([
      { label: 'Design Secure Architectures', correct: 1, total: 2 },
      { label: 'Design Cost-Optimized Architectures', correct: 1, total: 1 },
      { label: NO_DOMAIN, correct: 0, total: 1 },
    ]);
    expect(report.correct).toBe(2);
    expect(report.percent).toBe(50);
  });

  test('the scaled score is an estimate on the 100–1000 scale: percentage × 10, never below 100', () => {
    expect(estimateScaledScore(47, 65)).toBe(723);
    expect(estimateScaledScore(46, 65)).toBe(707);
    expect(estimateScaledScore(0, 65)).toBe(100);
    expect(estimateScaledScore(65, 65)).toBe(1000);
    expect(estimateScaledScore(0, 0)).toBe(100);
  });
});
