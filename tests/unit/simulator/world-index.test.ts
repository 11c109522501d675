/**
 * Cost that follows the work (issue 13, item 7): the timer heap and the name and vCPU indexes
 * agree with a full scan of the world after any calls, rollbacks and clock moves, and a restored
 * world builds its own.
 */
import { describe, expect, it } from 'vitest';
import { restoreCloud } from '../../../src/simulator/index.js';
import { TimerHeap } from '../../../src/simulator/model/world-index.js';
import type { Timer } from '../../../src/simulator/model/world-schema.js';
import { call, catalogueImageId, expectError, expectOk, launch, launchRunning, ME, MINUTE, newCloud } from './support.js';

const timer = (at: number): Timer => ({ at, resourceType: 'instance', event: 'instance.ready' });

describe('TimerHeap', () => {
  it('gives due timers in time order, ties by ID, and skips replaced or cancelled ones', () => {
    const timers: Record<string, Timer> = {};
    const heap = new TimerHeap(timers);
    const set = (id: string, value: Timer | undefined): void => {
      if (value === undefined) delete timers[id];
      else {
        timers[id] = value;
        heap.push(id, value);
      }
    };
    set('i-b', timer(10));
    set('i-a', timer(10));
    set('i-c', timer(5));
    set('i-d', timer(50));
    set('i-c', timer(20)); // replaced: the entry at 5 is stale
    set('i-d', undefined); // cancelled
    const order: string[] = [];
    for (let next = heap.peekDue(100); next !== undefined; next = heap.peekDue(100)) {
      order.push(next[0]);
      set(next[0], undefined);
    }
    expect(order).toEqual(['i-a', 'i-b', 'i-c']);
    expect(heap.peekDue(100)).toBeUndefined();
  });

  it('does not return a timer that is not yet due', () => {
    const timers: Record<string, Timer> = { 'i-a': timer(30) };
    expect(new TimerHeap(timers).peekDue(29)).toBeUndefined();
  });
});

describe('indexes stay in step with the world', () => {
  it('AMI names are unique per account and Region, including after a failed call and a restore', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    expectOk(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web', NoReboot: true }));
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web', NoReboot: true }), 'InvalidAMIName.Duplicate');
    // A dry run that would create the name is rolled back, index included.
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web-2', NoReboot: true, DryRun: true }), 'DryRunOperation');
    expectOk(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web-2', NoReboot: true }));
    const restored = restoreCloud(cloud.save());
    if (!restored.ok) throw new Error(restored.error.message);
    expectError(call(restored.cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web', NoReboot: true }), 'InvalidAMIName.Duplicate');
  });

  it('a deregistered AMI frees its name', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web', NoReboot: true }));
    cloud.advance(30 * MINUTE);
    expectOk(call(cloud, 'DeregisterImage', { ImageId }));
    expectOk(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web', NoReboot: true }));
  });

  it('the vCPU quota counts only pending, running and stopping instances', () => {
    const cloud = newCloud();
    const image = catalogueImageId(cloud);
    const many = expectOk<{ Instances: { InstanceId: string }[] }>(
      call(cloud, 'RunInstances', { ImageId: image, InstanceType: 't3.micro', MinCount: 16, MaxCount: 16 }),
    ).Instances.map((instance) => instance.InstanceId);
    expectError(call(cloud, 'RunInstances', { ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }), 'VcpuLimitExceeded');
    cloud.advance(5 * MINUTE);
    expectOk(call(cloud, 'StopInstances', { InstanceIds: many.slice(0, 2) }));
    expectError(call(cloud, 'RunInstances', { ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }), 'VcpuLimitExceeded');
    cloud.advance(5 * MINUTE);
    expect(launch(cloud)).toMatch(/^i-/);
    // The same quota in another Region is separate.
    expect(launch(cloud, { region: 'us-west-2', account: ME })).toMatch(/^i-/);
  });

  it('the clock fires the same events in the same order as before and after a restore', () => {
    const build = () => {
      const cloud = newCloud(9);
      for (let i = 0; i < 5; i += 1) launch(cloud);
      return cloud;
    };
    const a = build();
    const b = restoreCloud(build().save());
    if (!b.ok) throw new Error(b.error.message);
    const changesA = a.advance(10 * MINUTE);
    const changesB = b.cloud.advance(10 * MINUTE);
    expect(changesA.ok && changesA.changes.map((change) => change.resourceId)).toEqual(changesB.ok && changesB.changes.map((change) => change.resourceId));
    expect(a.save()).toBe(b.cloud.save());
  });
});
