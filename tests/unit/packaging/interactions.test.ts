import { describe, expect, test } from 'vitest';
import type { ScoredQuestion } from '../../../src/content-pipeline/questions/schema';
import { isoDuration, parseIsoDuration, parseScorm12Duration, scorm12Duration, scormInteraction } from '../../../src/packaging/interactions';

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const base = { origin: 'authored' as const, explanation: '', source, tags: [] };
const tf: ScoredQuestion = {
  ...base,
  id: 'q-tf',
  kind: 'truefalse',
  stem: 'True?',
  choose: 1,
  options: [
    { id: 'a', text: 'True', correct: false, explanation: '' },
    { id: 'b', text: 'False', correct: true, explanation: '' },
  ],
};
const two: ScoredQuestion = {
  ...base,
  id: 'q-two',
  kind: 'choice',
  stem: 'Two?',
  choose: 2,
  options: ['a', 'b', 'c'].map((id) => ({ id, text: id.toUpperCase(), correct: id !== 'c', explanation: '' })),
};
const cloze: ScoredQuestion = { ...base, id: 'q-c', kind: 'cloze', stem: 'S3', before: 'In', after: '.', answers: ['Amazon S3', 'S3'] };

describe('time formats', () => {
  test('SCORM 1.2 timespans are HHHH:MM:SS.SS', () => {
    expect(scorm12Duration(0)).toBe('0000:00:00.00');
    expect(scorm12Duration(3_723_450)).toBe('0001:02:03.45');
  });
  test("an LMS's time limits read back in ms, and anything else is no limit", () => {
    expect(parseScorm12Duration('00:30:00')).toBe(1_800_000);
    expect(parseScorm12Duration('0001:02:03.45')).toBe(3_723_450);
    expect(parseIsoDuration('PT45M')).toBe(2_700_000);
    expect(parseIsoDuration('P1DT0.5S')).toBe(86_400_500);
    for (const bad of ['', 'P', 'PT', '30 minutes', 'P1M']) expect(parseIsoDuration(bad)).toBeNull();
    expect(parseScorm12Duration('')).toBeNull();
  });
  test('ISO 8601 durations drop empty parts', () => {
    expect(isoDuration(2_500)).toBe('PT2.5S');
    expect(isoDuration(3_723_000)).toBe('PT1H2M3S');
  });
});

describe('SCORM interactions', () => {
  test('true/false is written as t/f in 1.2 and true/false in 2004', () => {
    const answer = { kind: 'choice' as const, selected: ['a'] };
    expect(scormInteraction('1.2', tf, answer, false, 1000)).toMatchObject({ type: 'true-false', response: 't', patterns: ['f'], result: 'wrong' });
    expect(scormInteraction('2004', tf, answer, false, 1000)).toMatchObject({ type: 'true-false', response: 'true', patterns: ['false'], result: 'incorrect' });
  });
  test("multiple response uses each version's separator", () => {
    const answer = { kind: 'choice' as const, selected: ['a', 'b'] };
    expect(scormInteraction('1.2', two, answer, true, 0)).toMatchObject({ type: 'choice', response: 'a,b', patterns: ['a,b'], result: 'correct' });
    expect(scormInteraction('2004', two, answer, true, 0)).toMatchObject({ response: 'a[,]b', patterns: ['a[,]b'] });
  });
  test('every accepted term of a blank is a correct pattern, case-insensitive in 2004', () => {
    expect(scormInteraction('2004', cloze, { kind: 'cloze', text: ' s3 ' }, true, 0)).toMatchObject({
      type: 'fill-in',
      response: 's3',
      patterns: ['{case_matters=false}Amazon S3', '{case_matters=false}S3'],
    });
  });
});
