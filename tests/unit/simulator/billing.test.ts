import { describe, expect, it } from 'vitest';
import { EBS_SNAPSHOT_USD_PER_GB_MONTH, EBS_VOLUME_USD_PER_GB_MONTH, HOURS_PER_MONTH, INSTANCE_TYPES } from '../../../src/simulator/index.js';
import { call, describeImage, expectOk, HOUR, instanceWithImage, launch, launchRunning, ME, MINUTE, newCloud, snapshotIdsOf } from './support.js';

const t3Micro = INSTANCE_TYPES['t3.micro']?.linuxHourlyUsd ?? 0;

describe('billing', () => {
  it('bills a running instance per hour at the us-east-1 list price, and nothing while pending', () => {
    const cloud = newCloud();
    const id = launch(cloud);
    expect(cloud.bill(ME).lines.find((line) => line.resourceId === id)?.ratePerMonthUsd).toBe(0);
    cloud.advance(MINUTE);
    const since = cloud.bill(ME).lines.find((line) => line.resourceId === id)?.accruedUsd ?? 0;
    cloud.advance(HOUR);
    const line = cloud.bill(ME).lines.find((candidate) => candidate.resourceId === id);
    expect(line?.ratePerMonthUsd).toBeCloseTo(t3Micro * HOURS_PER_MONTH, 10);
    expect((line?.accruedUsd ?? 0) - since).toBeCloseTo(t3Micro, 10);
    expect(line?.category).toBe('running-instance');
  });

  it('stops billing instance hours when stopped, but keeps billing its EBS volume', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'StopInstances', { InstanceIds: [id] });
    cloud.advance(MINUTE);
    const before = cloud.bill(ME);
    cloud.advance(HOUR);
    const after = cloud.bill(ME);
    const instanceCost = (bill: typeof before): number => bill.lines.find((line) => line.resourceId === id)?.accruedUsd ?? 0;
    expect(instanceCost(after)).toBe(instanceCost(before));
    const volume = after.lines.find((line) => line.resourceType === 'volume');
    expect(volume?.ratePerMonthUsd).toBeCloseTo(8 * EBS_VOLUME_USD_PER_GB_MONTH.gp3, 10);
    expect(after.totalAccruedUsd).toBeGreaterThan(before.totalAccruedUsd);
  });

  it('answers "why am I still paying?": snapshots of a deregistered AMI keep costing until deleted', () => {
    const cloud = newCloud();
    const { instanceId, imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    call(cloud, 'TerminateInstances', { InstanceIds: [instanceId] });
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    cloud.advance(2 * HOUR);
    const line = cloud.bill(ME).lines.find((candidate) => candidate.resourceId === snapshotId);
    expect(line).toMatchObject({
      category: 'orphaned-image-snapshot',
      imageId,
      description: `8 GiB snapshot ${snapshotId} of deregistered ${imageId}`,
    });
    expect(line?.ratePerMonthUsd).toBeCloseTo(8 * EBS_SNAPSHOT_USD_PER_GB_MONTH, 10);
    expect(cloud.bill(ME).totalPerMonthUsd).toBeCloseTo(0.4, 10);
    expectOk(call(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }));
    expect(cloud.bill(ME).totalPerMonthUsd).toBe(0);
  });

  it('keeps the cost of deleted resources on the bill, so the total never goes down', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    cloud.advance(HOUR);
    const before = cloud.bill(ME).totalAccruedUsd;
    call(cloud, 'TerminateInstances', { InstanceIds: [id] });
    cloud.advance(2 * HOUR);
    const after = cloud.bill(ME);
    expect(after.totalAccruedUsd).toBeGreaterThanOrEqual(before);
    expect(after.lines.find((line) => line.resourceId === id)).toMatchObject({ category: 'ended', ratePerMonthUsd: 0 });
  });

  it('bills each account for its own resources only', () => {
    const cloud = newCloud();
    launchRunning(cloud);
    expect(cloud.bill('444455556666').lines).toEqual([]);
    expect(cloud.bill(ME).lines.length).toBeGreaterThan(0);
  });
});
