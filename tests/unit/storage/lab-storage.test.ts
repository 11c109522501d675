import { afterEach, describe, expect, test } from 'vitest';
import { openLabDatabase, type LabDatabase, type LabSessionRecord } from '../../../src/storage/lab-db.js';
import { getLabProgress, listLabProgress, recordGoalsMet, restartLabProgress, revealHint } from '../../../src/storage/lab-progress.js';
import { claimLabSession, deleteLabSession, getOpenScenario, loadLabSession, saveLabSession, setOpenScenario, TRANSCRIPT_LIMIT } from '../../../src/storage/lab-sessions.js';

let counter = 0;
const opened: LabDatabase[] = [];
function freshDb(): LabDatabase {
  counter += 1;
  const db = openLabDatabase(`lab-test-${counter}-${Date.now()}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function session(overrides: Partial<LabSessionRecord> = {}): LabSessionRecord {
  return {
    slot: 'sandbox',
    world: '{"format":"ami-lab-world"}',
    commandHistory: ['aws ec2 describe-images'],
    transcript: [{ kind: 'input', text: '$ aws ec2 describe-images' }],
    view: { accountId: '111122223333', region: 'us-east-1', speed: 10, running: false, selectedId: null },
    ownerTab: 'tab-a',
    updatedAt: 1,
    ...overrides,
  };
}

describe('lab sessions', () => {
  test('a saved session reads back exactly', async () => {
    const db = freshDb();
    expect(await saveLabSession(db, session())).toEqual({ ok: true });
    expect(await loadLabSession(db, 'sandbox')).toEqual(session());
  });

  test('a tab that claimed the slot wins; the other tab cannot overwrite it', async () => {
    const db = freshDb();
    await saveLabSession(db, session({ ownerTab: 'tab-a' }));
    const claimed = await claimLabSession(db, 'sandbox', 'tab-b', 5);
    expect(claimed?.ownerTab).toBe('tab-b');
    expect(await saveLabSession(db, session({ ownerTab: 'tab-a', world: 'stale' }))).toEqual({ ok: false, reason: 'taken-over', ownerTab: 'tab-b' });
    expect((await loadLabSession(db, 'sandbox'))?.world).toBe(session().world);
    expect(await saveLabSession(db, session({ ownerTab: 'tab-b', world: 'newer' }))).toEqual({ ok: true });
  });

  test('claiming an empty slot returns nothing; slots are independent; delete resets', async () => {
    const db = freshDb();
    expect(await claimLabSession(db, 'bake-an-ami', 'tab-a', 1)).toBeUndefined();
    await saveLabSession(db, session({ slot: 'bake-an-ami' }));
    expect(await loadLabSession(db, 'sandbox')).toBeUndefined();
    await deleteLabSession(db, 'bake-an-ami');
    expect(await loadLabSession(db, 'bake-an-ami')).toBeUndefined();
  });

  test('the transcript is bounded', async () => {
    const db = freshDb();
    const transcript = Array.from({ length: TRANSCRIPT_LIMIT + 10 }, (_, i) => ({ kind: 'stdout' as const, text: String(i) }));
    await saveLabSession(db, session({ transcript }));
    const saved = await loadLabSession(db, 'sandbox');
    expect(saved?.transcript).toHaveLength(TRANSCRIPT_LIMIT);
    expect(saved?.transcript[0]?.text).toBe('10');
  });

  test('the open scenario is remembered', async () => {
    const db = freshDb();
    expect(await getOpenScenario(db)).toBeNull();
    await setOpenScenario(db, 'bake-an-ami');
    expect(await getOpenScenario(db)).toBe('bake-an-ami');
  });
});

describe('lab progress', () => {
  test('goals stay met with their first time; completion when all are met', async () => {
    const db = freshDb();
    await recordGoalsMet(db, 'bake-an-ami', ['configured'], ['configured', 'baked'], 10);
    const again = await recordGoalsMet(db, 'bake-an-ami', ['configured'], ['configured', 'baked'], 20);
    expect(again.goalsMet).toEqual({ configured: 10 });
    expect(again.completedAt).toBeNull();
    const done = await recordGoalsMet(db, 'bake-an-ami', ['baked'], ['configured', 'baked'], 30);
    expect(done).toMatchObject({ goalsMet: { configured: 10, baked: 30 }, completedAt: 30 });
    expect(await listLabProgress(db)).toHaveLength(1);
  });

  test('hints are counted up to the number there are', async () => {
    const db = freshDb();
    await revealHint(db, 's', 2, 1);
    await revealHint(db, 's', 2, 2);
    expect((await revealHint(db, 's', 2, 3)).hintsRevealed).toBe(2);
  });

  test('restarting clears goals and hints but a completed scenario stays completed', async () => {
    const db = freshDb();
    await recordGoalsMet(db, 's', ['a'], ['a'], 5);
    await revealHint(db, 's', 3, 6);
    const restarted = await restartLabProgress(db, 's', 7);
    expect(restarted).toMatchObject({ goalsMet: {}, hintsRevealed: 0, completedAt: 5 });
    expect((await getLabProgress(db, 'other', 8)).goalsMet).toEqual({});
  });
});
