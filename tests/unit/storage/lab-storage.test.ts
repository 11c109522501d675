import { afterEach, describe, expect, test } from 'vitest';
import { openLabDatabase, type LabDatabase, type LabSessionRecord } from '../../../src/storage/lab-db.js';
import { getLabProgress, listLabProgress, readLabProgress, recordGoalsMet, restartLabProgress, revealHint, saveLabProgress } from '../../../src/storage/lab-progress.js';
import {
  claimLabSession,
  damagedSessionKey,
  deleteLabSession,
  getOpenScenario,
  readLabSession,
  saveLabSession,
  setAsideLabSession,
  setOpenScenario,
  TRANSCRIPT_LIMIT,
} from '../../../src/storage/lab-sessions.js';

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

type Draft = Omit<LabSessionRecord, 'revision'>;

function session(overrides: Partial<Draft> = {}): Draft {
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

async function stored(db: LabDatabase, slot = 'sandbox'): Promise<LabSessionRecord | undefined> {
  const read = await readLabSession(db, slot);
  return read.kind === 'saved' ? read.record : undefined;
}

describe('lab sessions', () => {
  test('a saved session reads back exactly, with its revision', async () => {
    const db = freshDb();
    expect(await saveLabSession(db, session(), 0)).toEqual({ ok: true, revision: 1 });
    expect(await readLabSession(db, 'sandbox')).toEqual({ kind: 'saved', record: { ...session(), revision: 1 } });
    expect(await saveLabSession(db, session({ world: 'second' }), 1)).toEqual({ ok: true, revision: 2 });
  });

  test('a tab that claimed the slot wins; the other tab cannot overwrite it', async () => {
    const db = freshDb();
    await saveLabSession(db, session({ ownerTab: 'tab-a' }), 0);
    expect(await claimLabSession(db, 'sandbox', 'tab-b', 1, 5)).toEqual({ ok: true, revision: 1 });
    expect(await saveLabSession(db, session({ ownerTab: 'tab-a', world: 'stale' }), 1)).toEqual({ ok: false, reason: 'taken-over', ownerTab: 'tab-b' });
    expect((await stored(db))?.world).toBe(session().world);
    expect(await saveLabSession(db, session({ ownerTab: 'tab-b', world: 'newer' }), 1)).toEqual({ ok: true, revision: 2 });
  });

  test('a first save that claims the slot takes it from the tab that wrote last, unless a newer world was saved since it was read', async () => {
    const db = freshDb();
    await saveLabSession(db, session({ ownerTab: 'tab-a', world: 'v1' }), 0);
    // tab-b read revision 1 without writing; its first save claims the slot.
    expect(await saveLabSession(db, session({ ownerTab: 'tab-b', world: 'from-b' }), 1, { claim: true })).toEqual({ ok: true, revision: 2 });
    expect(await saveLabSession(db, session({ ownerTab: 'tab-a', world: 'stale' }), 2)).toEqual({ ok: false, reason: 'taken-over', ownerTab: 'tab-b' });
    // tab-c read revision 1 too, but tab-b has saved since: its claim is refused, nothing is lost.
    expect(await saveLabSession(db, session({ ownerTab: 'tab-c', world: 'older' }), 1, { claim: true })).toEqual({ ok: false, reason: 'newer-world', revision: 2 });
    expect((await stored(db))?.world).toBe('from-b');
  });

  test('an older world never replaces a newer one: a save or claim from an older revision is refused', async () => {
    const db = freshDb();
    await saveLabSession(db, session({ world: 'v1' }), 0);
    await saveLabSession(db, session({ world: 'v2' }), 1);
    // The same tab, but its world was based on revision 1 (e.g. restored before another write).
    expect(await saveLabSession(db, session({ world: 'old' }), 1)).toEqual({ ok: false, reason: 'newer-world', revision: 2 });
    // A tab that read revision 1 cannot claim revision 2 without reading it first.
    expect(await claimLabSession(db, 'sandbox', 'tab-b', 1, 9)).toEqual({ ok: false, reason: 'changed', revision: 2 });
    expect(await stored(db)).toMatchObject({ world: 'v2', ownerTab: 'tab-a', revision: 2 });
  });

  test('a session saved before revisions existed reads as revision 0', async () => {
    const db = freshDb();
    await db.sessions.put(session() as LabSessionRecord);
    expect(await stored(db)).toMatchObject({ revision: 0 });
  });

  test('a damaged record is reported with its path, moved aside when its slot is claimed, and other slots are untouched', async () => {
    const db = freshDb();
    await saveLabSession(db, session({ slot: 'bake-an-ami' }), 0);
    const damaged = { ...session(), view: { accountId: 7 } };
    await db.sessions.put(damaged as unknown as LabSessionRecord);
    const read = await readLabSession(db, 'sandbox');
    expect(read).toMatchObject({ kind: 'damaged', problem: { path: ['view', 'accountId'] } });
    expect(read.kind === 'damaged' && read.problem.message).toContain('view.accountId');

    expect(await claimLabSession(db, 'sandbox', 'tab-b', 0, 5)).toEqual({ ok: true, revision: 0 });
    expect(await readLabSession(db, 'sandbox')).toEqual({ kind: 'empty' });
    expect(JSON.parse((await db.settings.get(damagedSessionKey('sandbox')))?.value ?? 'null')).toEqual(damaged);
    expect((await stored(db, 'bake-an-ami'))?.slot).toBe('bake-an-ami');
  });

  test('a world this tab cannot restore is set aside, unless another tab saved since', async () => {
    const db = freshDb();
    await saveLabSession(db, session({ world: 'from-a-newer-site' }), 0);
    expect(await setAsideLabSession(db, 'sandbox', 0)).toEqual({ ok: false, reason: 'changed', revision: 1 });
    expect(await setAsideLabSession(db, 'sandbox', 1)).toEqual({ ok: true, revision: 0 });
    expect(await readLabSession(db, 'sandbox')).toEqual({ kind: 'empty' });
    expect(await db.settings.get(damagedSessionKey('sandbox'))).toBeDefined();
  });

  test('claiming an empty slot gives revision 0; slots are independent; delete resets', async () => {
    const db = freshDb();
    expect(await claimLabSession(db, 'bake-an-ami', 'tab-a', 0, 1)).toEqual({ ok: true, revision: 0 });
    await saveLabSession(db, session({ slot: 'bake-an-ami' }), 0);
    expect(await readLabSession(db, 'sandbox')).toEqual({ kind: 'empty' });
    await deleteLabSession(db, 'bake-an-ami');
    expect(await readLabSession(db, 'bake-an-ami')).toEqual({ kind: 'empty' });
  });

  test('the transcript is bounded', async () => {
    const db = freshDb();
    const transcript = Array.from({ length: TRANSCRIPT_LIMIT + 10 }, (_, i) => ({ kind: 'stdout' as const, text: String(i) }));
    await saveLabSession(db, session({ transcript }), 0);
    const saved = await stored(db);
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

  test('a damaged progress record reads as a fresh start with its path, is kept aside on the next write, and is left out of the list', async () => {
    const db = freshDb();
    await recordGoalsMet(db, 'other', ['a'], ['a'], 5);
    await db.progress.put({ slug: 's', goalsMet: { a: 'yesterday' }, hintsRevealed: 1, startedAt: 1, completedAt: null, updatedAt: 1 } as never);
    const read = await readLabProgress(db, 's', 9);
    expect(read.record).toMatchObject({ goalsMet: {}, hintsRevealed: 0 });
    expect(read.problem?.path).toEqual(['goalsMet', 'a']);
    expect((await listLabProgress(db)).map((record) => record.slug)).toEqual(['other']);
    await saveLabProgress(db, 's', [{ type: 'hints-revealed', count: 1, at: 10 }], 10);
    expect(await db.settings.get('damaged-progress:s')).toBeDefined();
    expect((await readLabProgress(db, 's', 11)).problem).toBeNull();
  });

  test('changes saved together apply in order and saving them twice changes nothing more', async () => {
    const db = freshDb();
    const changes = [
      { type: 'goals-met', goalIds: ['a'], allGoalIds: ['a', 'b'], at: 1 },
      { type: 'hints-revealed', count: 2, at: 2 },
      { type: 'restarted', at: 3 },
      { type: 'goals-met', goalIds: ['b'], allGoalIds: ['a', 'b'], at: 4 },
    ] as const;
    const first = await saveLabProgress(db, 's', changes, 5);
    expect(first).toMatchObject({ goalsMet: { b: 4 }, hintsRevealed: 0, startedAt: 3, completedAt: null });
    expect(await saveLabProgress(db, 's', changes.slice(3), 6)).toEqual(first);
  });
});
