import { describe, expect, test } from 'vitest';
import { classifyStorageFailure } from '../../../src/storage/storage-health';

describe("storage failures in the learner's terms", () => {
  test('a full disk is told apart from storage that is not there, also when Dexie wraps the error', () => {
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');

    expect(classifyStorageFailure(quota)).toBe('full');
    expect(classifyStorageFailure({ name: 'AbortError', inner: quota })).toBe('full');
    expect(classifyStorageFailure({ name: 'MissingAPIError' })).toBe('unavailable');
    expect(classifyStorageFailure(new DOMException('denied', 'SecurityError'))).toBe('unavailable');
    expect(classifyStorageFailure('something else')).toBe('unavailable');
  });
});
