import { describe, expect, test } from 'vitest';
import { accuracyByTag, accuracyOverTime, bucketStart, chooseGranularity, lessonCompletion, percent, topicsOf, type AnsweredQuestion } from '../../../src/learning/progress-stats';

const day = (d: number, hour = 10) => new Date(2026, 10, d, hour).getTime();

function answer(questionId: string, answeredAt: number, outcome: AnsweredQuestion['outcome']): AnsweredQuestion {
  return { questionId, answeredAt, outcome };
}

describe('lesson completion', () => {
  const lessons = [
    { slug: 'ami', title: 'AMI', folder: 'Compute', tags: ['aws/ec2/ami'] },
    { slug: 'ec2', title: 'EC2', folder: 'Compute', tags: ['aws/ec2'] },
    { slug: 'ebs', title: 'EBS', folder: 'Storage', tags: ['aws/ebs'] },
    { slug: 'intro', title: 'Intro', folder: '', tags: [] },
  ];

  test('counts opened (done included) and done per folder, in vault order, and overall', () => {
    const result = lessonCompletion(lessons, [
      { slug: 'ami', doneAt: 5 },
      { slug: 'ec2', doneAt: null },
      { slug: 'gone-lesson', doneAt: 1 },
    ]);

    expect(result.overall).toEqual({ label: 'All lessons', total: 4, opened: 2, done: 1 });
    expect(result.byFolder).toEqual([
      { label: 'Compute', total: 2, opened: 2, done: 1 },
      { label: 'Storage', total: 1, opened: 0, done: 0 },
      { label: 'Notes', total: 1, opened: 0, done: 0 },
    ]);
  });

  test('counts per tag with nested tags rolled up to their parents', () => {
    const { byTag } = lessonCompletion(lessons, [{ slug: 'ami', doneAt: 5 }]);

    expect(byTag).toEqual([
      { label: 'aws', total: 3, opened: 1, done: 1 },
      { label: 'aws/ebs', total: 1, opened: 0, done: 0 },
      { label: 'aws/ec2', total: 2, opened: 1, done: 1 },
      { label: 'aws/ec2/ami', total: 1, opened: 1, done: 1 },
    ]);
  });

  test('topics of a tag are the tag and its parents, case-insensitively once', () => {
    expect(topicsOf(['aws/ec2/ami', 'AWS/EC2'])).toEqual([
      { key: 'aws', label: 'aws' },
      { key: 'aws/ec2', label: 'aws/ec2' },
      { key: 'aws/ec2/ami', label: 'aws/ec2/ami' },
    ]);
  });
});

describe('quiz accuracy', () => {
  test('per day: answered and correct per local day, oldest first, unanswered left out', () => {
    const attempts = [answer('q1', day(3), 'correct'), answer('q2', day(3, 18), 'incorrect'), answer('q1', day(5), 'correct'), answer('q3', day(5), 'unanswered')];

    expect(accuracyOverTime(attempts, 'day')).toEqual([
      { start: new Date(2026, 10, 3).getTime(), answered: 2, correct: 1 },
      { start: new Date(2026, 10, 5).getTime(), answered: 1, correct: 1 },
    ]);
  });

  test('weeks start on Monday; a span over a month is shown by week, and only the latest periods are kept', () => {
    // 27 November 2026 is a Friday; its week starts Monday 23 November.
    expect(bucketStart(day(27), 'week')).toBe(new Date(2026, 10, 23).getTime());
    expect(chooseGranularity([answer('q', day(1), 'correct'), answer('q', day(30), 'correct')])).toBe('day');
    expect(chooseGranularity([answer('q', day(1), 'correct'), answer('q', new Date(2027, 0, 5).getTime(), 'correct')])).toBe('week');
    expect(accuracyOverTime([answer('q', day(1), 'correct'), answer('q', day(2), 'correct'), answer('q', day(3), 'incorrect')], 'day', 2).map((p) => p.correct)).toEqual([1, 0]);
  });

  test('per tag, with parents rolled up; questions without tags count for no tag', () => {
    const tags = new Map([
      ['q1', ['aws/ec2/ami']],
      ['q2', ['aws/ebs']],
      ['q3', []],
    ]);
    const attempts = [answer('q1', day(1), 'correct'), answer('q1', day(2), 'incorrect'), answer('q2', day(2), 'correct'), answer('q3', day(2), 'correct')];

    expect(accuracyByTag(attempts, tags)).toEqual([
      { label: 'aws', answered: 3, correct: 2 },
      { label: 'aws/ebs', answered: 1, correct: 1 },
      { label: 'aws/ec2', answered: 2, correct: 1 },
      { label: 'aws/ec2/ami', answered: 2, correct: 1 },
    ]);
    expect([percent(2, 3), percent(0, 0)]).toEqual([67, 0]);
  });
});
