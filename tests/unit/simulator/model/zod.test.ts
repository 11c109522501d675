/**
 * The engine's zod (src/simulator/model/zod.ts): zod/mini's functions, with English messages
 * registered, because its messages reach people (a damaged save, a scenario's bad goal). Its
 * functions are re-exported one by one rather than as zod/mini's namespace object, which a bundler
 * has to build whole: with it, the LMS lab player carried every one of zod's locales (77 KB gzip).
 */
import { describe, expect, test } from 'vitest';
import * as z from '../../../../src/simulator/model/zod';

describe("the engine's zod", () => {
  test('a failed check reads in English, saying what was expected and what came', () => {
    const result = z.object({ volumeSize: z.number() }).safeParse({ volumeSize: 'eight' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Invalid input: expected number, received string');
  });

  test('an app that chose its own locale keeps it', async () => {
    const before = z.config().localeError;
    try {
      z.config({ localeError: () => 'eigene Meldung' });
      // Loading the module again (as a second bundle on the page would) leaves the choice alone.
      await import(`../../../../src/simulator/model/zod?again=${Date.now()}`);
      expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('eigene Meldung');
    } finally {
      z.config({ localeError: before });
    }
  });
});
