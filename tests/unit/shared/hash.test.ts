import { describe, expect, test } from 'vitest';
import { fnv1a, FNV_OFFSET, hex8, uuidFromText } from '../../../src/shared/hash';
import { mulberry32 } from '../../../src/shared/mulberry32';
import { stableHash } from '../../../src/content-pipeline/questions/text';
import { seededRandom, seededShuffle, seedFromString } from '../../../src/learning/random';
import { defaultEbsKeyArn } from '../../../src/simulator/api/ebs';
import { drawIdSuffix, stableId } from '../../../src/simulator/model/ids';

describe('one FNV-1a for every stable id', () => {
  test('gives the published FNV-1a values (empty string is the offset basis, "a" is 0xe40c292c)', () => {
    expect(fnv1a('')).toBe(FNV_OFFSET);
    expect(hex8(fnv1a('a'))).toBe('e40c292c');
    expect(hex8(fnv1a('foobar'))).toBe('bf9cf968');
  });

  test('a UUID from text has the version-4 layout and is the same for the same text', () => {
    const id = uuidFromText('111122223333/us-east-1/aws/ebs');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromText('111122223333/us-east-1/aws/ebs')).toBe(id);
    expect(uuidFromText('444455556666/us-east-1/aws/ebs')).not.toBe(id);
  });

  // These values were produced by the five copies this module replaced: stored worlds, review
  // histories and exam orders depend on them, so they must never change.
  test('every caller keeps the ids it gave before the hash had one home', () => {
    expect(stableId('image', 'al2023-x86_64')).toBe('ami-0ecfde681d6d2e16f');
    expect(stableHash('notes/AMI.md\u0000An AMI is regional.')).toBe('0m8r8is0ahcr7n');
    expect(seedFromString('q-abc')).toBe(4135009597);
    expect(defaultEbsKeyArn('111122223333', 'us-east-1')).toBe('arn:aws:kms:us-east-1:111122223333:key/27f1f44b-cda5-4521-a7f1-f44bcda5a521');
  });
});

describe('one mulberry32 for every seeded draw', () => {
  test('the closure form (shuffles) and the state form (resource ids) are the same sequence', () => {
    const random = seededRandom(42);
    const first = mulberry32(42);
    const second = mulberry32(first.state);
    expect(random()).toBe(first.value / 4294967296);
    expect(random()).toBe(second.value / 4294967296);
  });

  test('every caller keeps the draws it made before the generator had one home', () => {
    const random = seededRandom(42);
    expect([random(), random(), random()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(seededShuffle([1, 2, 3, 4, 5, 6], 7)).toEqual([5, 2, 3, 4, 6, 1]);
    expect(drawIdSuffix(12345)).toEqual({ state: 3663143971, suffix: '0facf78c54e875100' });
  });
});
