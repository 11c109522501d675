import { describe, expect, test } from 'vitest';
import { describeMerge, mergeChangedNothing, planMerge } from '../../../src/storage/progress-merge';
import { attempt, exam, labProgress, lesson, MINUTE, progress, reviewCard, T0 } from './progress-builders';

describe('merging an imported file', () => {
  test('a lesson record newer in the file replaces the local one; an older one is kept out', () => {
    const here = progress({ lessons: [lesson('ami', T0), lesson('ebs', T0 + 10 * MINUTE, T0 + 10 * MINUTE)] });
    const file = progress({ lessons: [lesson('ami', T0 + MINUTE, T0 + MINUTE), lesson('ebs', T0)] });

    const plan = planMerge(here, file);

    expect(plan.lessonProgress).toEqual([lesson('ami', T0 + MINUTE, T0 + MINUTE)]);
    expect(plan.report.lessonProgress).toEqual({ added: 0, updated: 1, kept: 1 });
  });

  test('records only in the file are added; on equal times the local record stays', () => {
    const here = progress({ cards: [reviewCard('q1', T0)], labs: [labProgress('bake-an-ami', T0)] });
    const file = progress({ cards: [reviewCard('q1', T0, T0 + 99), reviewCard('q2', T0)], labs: [labProgress('bake-an-ami', T0, T0), labProgress('share-a-golden-ami', T0)] });

    const plan = planMerge(here, file);

    expect(plan.reviewCards).toEqual([reviewCard('q2', T0)]);
    expect(plan.report.reviewCards).toEqual({ added: 1, updated: 0, kept: 1 });
    expect(plan.labProgress).toEqual([labProgress('share-a-golden-ami', T0)]);
    expect(plan.report.labProgress).toEqual({ added: 1, updated: 0, kept: 1 });
  });

  test('a newer lab scenario record wins whole, completion included', () => {
    const plan = planMerge(progress({ labs: [labProgress('bake-an-ami', T0)] }), progress({ labs: [labProgress('bake-an-ami', T0 + MINUTE, T0 + MINUTE)] }));

    expect(plan.labProgress).toEqual([labProgress('bake-an-ami', T0 + MINUTE, T0 + MINUTE)]);
    expect(plan.report.labProgress).toEqual({ added: 0, updated: 1, kept: 0 });
  });

  test('quiz answers and exams are events: new ones are added, ones already here are not doubled', () => {
    const here = progress({ attempts: [attempt('q1', T0)], exams: [exam(T0, 7, 10)] });
    const file = progress({ attempts: [attempt('q1', T0), attempt('q1', T0 + MINUTE, 'incorrect'), attempt('q2', T0)], exams: [exam(T0, 7, 10), exam(T0 + 60 * MINUTE, 9, 10)] });

    const plan = planMerge(here, file);

    expect(plan.quizAttempts).toEqual([attempt('q1', T0 + MINUTE, 'incorrect'), attempt('q2', T0)]);
    expect(plan.report.quizAttempts).toEqual({ added: 2, updated: 0, kept: 1 });
    expect(plan.examResults).toEqual([exam(T0 + 60 * MINUTE, 9, 10)]);
    expect(plan.report.examResults).toEqual({ added: 1, updated: 0, kept: 1 });
  });

  test('a key named twice in the file counts once, its newest record', () => {
    const plan = planMerge(progress({}), progress({ lessons: [lesson('ami', T0 + MINUTE), lesson('ami', T0 + 2 * MINUTE)], attempts: [attempt('q1', T0), attempt('q1', T0)] }));

    expect(plan.lessonProgress).toEqual([lesson('ami', T0 + 2 * MINUTE)]);
    expect(plan.quizAttempts).toHaveLength(1);
  });

  test('merging the same file twice changes nothing the second time', () => {
    const file = progress({
      lessons: [lesson('ami', T0)],
      attempts: [attempt('q1', T0)],
      cards: [reviewCard('q1', T0)],
      exams: [exam(T0, 1, 2)],
      labs: [labProgress('bake-an-ami', T0)],
    });

    const plan = planMerge(file, file);

    expect(mergeChangedNothing(plan.report)).toBe(true);
    expect([plan.lessonProgress, plan.quizAttempts, plan.reviewCards, plan.examResults, plan.labProgress].every((w) => w.length === 0)).toBe(true);
    expect(describeMerge(plan.report)).toEqual(['Nothing changed: this browser already had everything in the file (or newer).']);
  });

  test('the report says what changed, kind by kind, in words', () => {
    const here = progress({ lessons: [lesson('ami', T0), lesson('ebs', T0 + MINUTE)] });
    const file = progress({ lessons: [lesson('ami', T0 + MINUTE), lesson('ebs', T0), lesson('kms', T0)], attempts: [attempt('q1', T0)] });

    expect(describeMerge(planMerge(here, file).report)).toEqual(['3 lessons: 1 added, 1 updated (newer in the file), 1 already here.', '1 quiz answer: 1 added.']);
  });
});
