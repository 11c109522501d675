import { describe, expect, test } from 'vitest';
import { readProgressRecord, readSessionRecord } from '../../../src/storage/lab-records.js';

const session = {
  slot: 'sandbox',
  world: '{}',
  commandHistory: ['help'],
  transcript: [{ kind: 'note', text: 'AMI IDs are regional.', lesson: 'copying-amis' }],
  view: { accountId: '111122223333', region: 'us-east-1', speed: 10, running: false, selectedId: null },
  ownerTab: 'tab-a',
  updatedAt: 5,
  revision: 4,
};

describe('lab records read from IndexedDB', () => {
  test('a valid session reads back unchanged; one from before revisions reads as revision 0', () => {
    expect(readSessionRecord(session)).toEqual({ ok: true, record: session });
    const { revision: _, ...legacy } = session;
    expect(readSessionRecord(legacy)).toEqual({ ok: true, record: { ...legacy, revision: 0 } });
  });

  test('a bad value is refused with its path, in the message and as data', () => {
    const read = readSessionRecord({ ...session, transcript: [{ kind: 'shout', text: 'x' }] });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem.path).toEqual(['transcript', 0, 'kind']);
    expect(read.problem.message).toMatch(/^The stored lab session is damaged at transcript\.0\.kind: /);
  });

  test('progress: hints must be a whole number, goals must map to times', () => {
    const progress = { slug: 's', goalsMet: { a: 1 }, hintsRevealed: 1, startedAt: 0, completedAt: null, updatedAt: 1 };
    expect(readProgressRecord(progress)).toEqual({ ok: true, record: progress });
    expect(readProgressRecord({ ...progress, hintsRevealed: 1.5 })).toMatchObject({ ok: false, problem: { path: ['hintsRevealed'] } });
    expect(readProgressRecord({ ...progress, goalsMet: { a: 'today' } })).toMatchObject({ ok: false, problem: { path: ['goalsMet', 'a'] } });
    expect(readProgressRecord(null)).toMatchObject({ ok: false, problem: { path: [] } });
  });
});
