import { describe, expect, it } from 'vitest';
import { count, usd } from '../../../../src/islands/lab/format';

describe('money in the lab', () => {
  it('is always shown to four decimal places, the bill’s precision', () => {
    expect(usd(0)).toBe('$0.0000');
    expect(usd(0.00022)).toBe('$0.0002');
    expect(usd(8.232)).toBe('$8.2320');
    expect(usd(1234.5)).toBe('$1,234.5000');
  });
});

describe('counts in the lab', () => {
  it('say one resource, two resources', () => {
    expect(count(0, 'resource')).toBe('0 resources');
    expect(count(1, 'resource')).toBe('1 resource');
    expect(count(2, 'AMI')).toBe('2 AMIs');
    expect(count(1, 'other Region')).toBe('1 other Region');
  });
});
