import { describe, expect, it } from 'vitest';
import type { CloudUpdate } from '../../../src/simulator/index.js';
import { call, catalogueImageId, expectError, launch, MINUTE, newCloud } from './support.js';

describe('observing the cloud', () => {
  it('tells subscribers about every call and clock move, with the state changes they caused', () => {
    const cloud = newCloud();
    const updates: CloudUpdate[] = [];
    const unsubscribe = cloud.subscribe((update) => updates.push(update));
    const instanceId = launch(cloud);
    cloud.advance(MINUTE);
    unsubscribe();
    launch(cloud);
    const kinds = updates.flatMap((update) => update.entries.map((entry) => entry.kind));
    expect(kinds.filter((kind) => kind === 'clock')).toHaveLength(1);
    const running = updates.flatMap((update) => update.entries).find((entry) => entry.kind === 'state-change' && entry.resourceId === instanceId && entry.to === 'running');
    expect(running).toMatchObject({ event: 'instance.ready', from: 'pending', causeSeq: null });
    expect(updates.map((update) => update.revision)).toEqual(updates.map((_, index) => index + 1));
  });

  it('logs failed calls with their error and no state change', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DeregisterImage', { ImageId: 'ami-0123456789abcdef0' }), 'InvalidAMIID.NotFound');
    const log = cloud.log();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'call', op: 'DeregisterImage', result: { ok: false, error: { Code: 'InvalidAMIID.NotFound' } } });
  });

  it('links each state change to the call that caused it', () => {
    const cloud = newCloud();
    call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 });
    const log = cloud.log();
    const runCall = log.find((entry) => entry.kind === 'call' && entry.op === 'RunInstances');
    const created = log.filter((entry) => entry.kind === 'state-change' && entry.event === 'create');
    expect(created.map((entry) => (entry.kind === 'state-change' ? entry.causeSeq : undefined))).toEqual([runCall?.seq, runCall?.seq]);
  });

  it('changes the snapshot identity on every update (for useSyncExternalStore) and keeps it stable otherwise', () => {
    const cloud = newCloud();
    const first = cloud.getSnapshot();
    expect(cloud.getSnapshot()).toBe(first);
    cloud.advance(MINUTE);
    expect(cloud.getSnapshot()).not.toBe(first);
    expect(cloud.getSnapshot().revision).toBe(first.revision + 1);
  });

  it('a throwing subscriber breaks neither the call nor other subscribers', () => {
    const cloud = newCloud();
    let seen = 0;
    cloud.subscribe(() => {
      throw new Error('bad listener');
    });
    cloud.subscribe(() => {
      seen += 1;
    });
    expect(call(cloud, 'DescribeRegions').ok).toBe(true);
    expect(seen).toBe(1);
  });

  it('advance refuses to move time backwards', () => {
    const cloud = newCloud();
    const result = cloud.advance(-5);
    expect(result.ok).toBe(false);
  });
});
