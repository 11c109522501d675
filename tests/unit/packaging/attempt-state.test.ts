import { describe, expect, test } from 'vitest';
import { type AttemptState, decodeAttemptState, encodeAttemptState } from '../../../src/packaging/attempt-state';

const state: AttemptState = {
  v: 1,
  order: [2, 0, 1, 3],
  elapsed: 93_000,
  answers: {
    '0': { a: { kind: 'choice', selected: ['a', 'c'] }, c: false, t: 4_000 },
    '2': { a: { kind: 'cloze', text: 'Amazon S3: 100% ~ "durable"' }, c: true, t: 61_000 },
    '3': { a: { kind: 'ordering', order: ['b', 'a', 'c'] }, c: true, t: 0 },
  },
};

describe('attempt state', () => {
  test('a kept place reads back exactly as it was', () => {
    expect(decodeAttemptState(encodeAttemptState(state), 4)).toEqual(state);
    const unshuffled = { ...state, order: [0, 1, 2, 3] };
    expect(encodeAttemptState(unshuffled).split('~')[1]).toBe('*');
    expect(decodeAttemptState(encodeAttemptState(unshuffled), 4)).toEqual(unshuffled);
  });

  test("three hundred answers fit in SCORM 1.2's 4,096 characters of suspend data", () => {
    const big: AttemptState = { v: 1, order: Array.from({ length: 300 }, (_, i) => i), elapsed: 3_600_000, answers: {} };
    for (let i = 0; i < 300; i += 1) big.answers[String(i)] = { a: { kind: 'choice', selected: ['b'] }, c: i % 2 === 0, t: 45_000 };
    big.order.reverse();
    expect(encodeAttemptState(big).length).toBeLessThanOrEqual(4096);
  });

  test('damaged or foreign suspend data starts afresh instead of resuming wrongly', () => {
    expect(decodeAttemptState('', 2)).toBeNull();
    expect(decodeAttemptState('{"v":1}', 2)).toBeNull();
    expect(decodeAttemptState('2~0.1~zz~0:x:a:5', 2)).toBeNull();
    expect(decodeAttemptState('2~0.1~5~0:c:a:?', 2)).toBeNull();
    expect(decodeAttemptState('2~0.1~5~0:z:%E0%A4%A:5', 2)).toBeNull();
  });
});
