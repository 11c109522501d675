/**
 * The lab session's storage effects against IndexedDB (fake-indexeddb): a stored world is handed to
 * `onSaved` as it is stored, before the chart hears the save is done, which is what keeps a lab
 * package's suspend data in step with "All changes saved" (src/islands/lms/lab-package-entry.tsx).
 */
import { describe, expect, test } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { sessionActors } from '../../../../src/islands/lab/lab-session-effects.js';
import type { SessionData } from '../../../../src/islands/lab/lab-session.machine.js';
import { createCloud } from '../../../../src/simulator/index.js';
import { openLabDatabase } from '../../../../src/storage/lab-db.js';
import { saveLabSession } from '../../../../src/storage/lab-sessions.js';

const VIEW = { accountId: '111122223333', region: 'eu-west-1', speed: 10, running: false, selectedId: null } as const;

function actorsFor(slot: string, tabId: string, told: string[]) {
  const db = openLabDatabase();
  const actors = sessionActors({
    slot,
    tabId,
    scenario: null,
    initialView: VIEW,
    database: async () => db,
    ownership: { acquire: async () => undefined, release: () => undefined, close: () => undefined },
    onSaved: (saved) => told.push(`saved ${saved.view.region} ${saved.world.length}`),
  });
  return { db, actors };
}

describe('the lab session effects', () => {
  test('each stored world is handed on as it is stored, before the save is reported done', async () => {
    const told: string[] = [];
    const slot = `effects-${Math.random()}`;
    const { db, actors } = actorsFor(slot, 'tab-a', told);
    const data: SessionData = { cloud: createCloud({ seed: 7 }), view: VIEW, transcript: [], history: [] };
    const save = createActor(actors.saveWorld, { input: { data, baseRevision: 0 } });
    const done = toPromise(save).then((result) => told.push(`done ${result.ok}`));
    save.start();
    await done;
    const stored = await db.sessions.get(slot);
    expect(stored?.world).toBe(data.cloud.save());
    expect(told).toEqual([`saved eu-west-1 ${data.cloud.save().length}`, 'done true']);
  });

  test('a save refused because another tab owns the world hands nothing on', async () => {
    const told: string[] = [];
    const slot = `effects-${Math.random()}`;
    const { db, actors } = actorsFor(slot, 'tab-a', told);
    const data: SessionData = { cloud: createCloud({ seed: 7 }), view: VIEW, transcript: [], history: [] };
    // Another tab stored a newer world since this one read revision 0.
    const other = { slot, world: createCloud({ seed: 8 }).save(), commandHistory: [], transcript: [], view: VIEW, ownerTab: 'tab-b', updatedAt: 1 };
    expect(await saveLabSession(db, other, 0, { claim: true })).toMatchObject({ ok: true });
    const save = createActor(actors.saveWorld, { input: { data, baseRevision: 0 } });
    const result = toPromise(save);
    save.start();
    expect(await result).toMatchObject({ ok: false });
    expect(told).toEqual([]);
    expect((await db.sessions.get(slot))?.ownerTab).toBe('tab-b');
  });
});
