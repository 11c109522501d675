import { describe, expect, test } from 'vitest';
import { refreshPercentage } from '../../../../src/simulator/model/instance-refresh';

describe('an instance refresh in percent', () => {
  test('is the share of instances replaced, rounded down, and 100 when there were none to replace', () => {
    expect(refreshPercentage({ total: 4, remaining: ['a', 'b', 'c'] })).toBe(25);
    expect(refreshPercentage({ total: 3, remaining: ['a'] })).toBe(66);
    expect(refreshPercentage({ total: 0, remaining: [] })).toBe(100);
  });
});
