/**
 * Property tests: long random sequences of calls across accounts and Regions, with the world's
 * invariants checked after every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ApiResult, type Cloud, restoreCloud } from '../../../src/simulator/index.js';
import { call, ME, MINUTE, newCloud, PARTNER, STRANGER } from './support.js';

const ACCOUNT_IDS = [ME, PARTNER, STRANGER];
const REGION_NAMES = ['us-east-1', 'us-west-2', 'eu-west-1'];
const KINDS = [
  'run',
  'run',
  'run',
  'createImage',
  'createImage',
  'copyImage',
  'share',
  'shareSnapshot',
  'deregister',
  'deleteSnapshot',
  'stop',
  'start',
  'terminate',
  'createVolume',
  'attach',
  'detach',
  'deleteVolume',
  'createSnapshot',
  'disable',
  'enable',
  'protect',
  'unprotect',
  'describe',
  'tag',
  'garbage',
  'advance',
  'advance',
] as const;

interface Step {
  readonly kind: (typeof KINDS)[number];
  readonly account: number;
  readonly region: number;
  readonly pick: number;
  readonly other: number;
  readonly flag: boolean;
  readonly dryRun: boolean;
  readonly minutes: number;
  /** Most steps aim at resources the calling account owns in the call's Region, so calls succeed often. */
  readonly aimed: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...KINDS),
  account: fc.constantFrom(0, 0, 0, 0, 1, 2),
  region: fc.constantFrom(0, 0, 0, 0, 1, 2),
  pick: fc.nat({ max: 1000 }),
  other: fc.nat({ max: 1000 }),
  flag: fc.boolean(),
  dryRun: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
  minutes: fc.integer({ min: 0, max: 90 }),
  aimed: fc.integer({ min: 0, max: 9 }).map((value) => value < 8),
});

function pickFrom<T>(values: readonly T[], index: number): T | undefined {
  return values.length === 0 ? undefined : values[index % values.length];
}

/** Runs one step; returns the call result, or null for a clock move. */
function runStep(cloud: Cloud, step: Step): ApiResult | null {
  const world = cloud.world();
  const account = ACCOUNT_IDS[step.account] ?? ME;
  const region = REGION_NAMES[step.region] ?? 'us-east-1';
  const mine = (record: { ownerId: string; region: string }): boolean => record.ownerId === account && record.region === region;
  const launchable = (record: { ownerId: string; region: string; launchPermissions: readonly object[] }): boolean =>
    record.region === region && (record.ownerId === account || record.launchPermissions.length > 0);
  const choose = <T extends { id: string }>(records: readonly T[], aim: (record: T) => boolean): string | undefined =>
    pickFrom((step.aimed ? records.filter(aim) : records).map((record) => record.id), step.pick) ??
    pickFrom(records.map((record) => record.id), step.pick);
  const imageRecords = Object.values(world.images);
  const usesImage = step.kind === 'run' || step.kind === 'copyImage' || step.kind === 'describe' || step.kind === 'tag';
  const image = choose(imageRecords, usesImage ? launchable : mine) ?? 'ami-00000000';
  const instance = choose(Object.values(world.instances), mine) ?? 'i-00000000';
  const volume = choose(Object.values(world.volumes), mine) ?? 'vol-00000000';
  const snapshot =
    choose(Object.values(world.snapshots), (record) => mine(record) && (step.kind !== 'deleteSnapshot' || record.usedByImageIds.length === 0)) ??
    'snap-00000000';
  const dry = step.dryRun ? { DryRun: true } : {};
  const send = (op: string, params: Record<string, unknown>): ApiResult => call(cloud, op, { ...params, ...dry }, { account, region });
  switch (step.kind) {
    case 'advance':
      cloud.advance(step.minutes * MINUTE);
      return null;
    case 'run':
      return send('RunInstances', {
        ImageId: image,
        InstanceType: step.flag ? 't3.micro' : 't2.micro',
        MinCount: 1,
        MaxCount: 1 + (step.other % 2),
        ...(step.other % 3 === 0 ? { UserData: btoa('dnf install -y nginx') } : {}),
      });
    case 'createImage':
      return send('CreateImage', { InstanceId: instance, Name: `image-${step.other % 7}`, NoReboot: step.flag });
    case 'copyImage': {
      const source = world.images[image];
      return send('CopyImage', {
        SourceRegion: step.flag ? (source?.region ?? region) : region,
        SourceImageId: image,
        Name: `copy-${step.other % 5}`,
        ...(step.other % 4 === 0 ? { Encrypted: true } : {}),
      });
    }
    case 'share':
      return send('ModifyImageAttribute', {
        ImageId: image,
        LaunchPermission: { [step.flag ? 'Add' : 'Remove']: [step.other % 3 === 0 ? { Group: 'all' } : { UserId: ACCOUNT_IDS[step.other % 3] }] },
      });
    case 'shareSnapshot':
      return send('ModifySnapshotAttribute', {
        SnapshotId: snapshot,
        CreateVolumePermission: { [step.flag ? 'Add' : 'Remove']: [{ UserId: ACCOUNT_IDS[step.other % 3] }] },
      });
    case 'deregister':
      return send('DeregisterImage', { ImageId: image, DeleteAssociatedSnapshots: step.flag });
    case 'deleteSnapshot':
      return send('DeleteSnapshot', { SnapshotId: snapshot });
    case 'stop':
      return send('StopInstances', { InstanceIds: [instance] });
    case 'start':
      return send('StartInstances', { InstanceIds: [instance] });
    case 'terminate':
      return send('TerminateInstances', { InstanceIds: [instance] });
    case 'createVolume':
      return send('CreateVolume', step.flag ? { AvailabilityZone: `${region}a`, Size: 1 + (step.other % 20) } : { AvailabilityZone: `${region}a`, SnapshotId: snapshot });
    case 'attach': {
      // Aim at a volume in the instance's zone.
      const zone = world.instances[instance]?.availabilityZone;
      const sameZone = Object.values(world.volumes).find((candidate) => candidate.availabilityZone === zone && candidate.attachment === null);
      return send('AttachVolume', { VolumeId: step.aimed ? (sameZone?.id ?? volume) : volume, InstanceId: instance, Device: `/dev/sd${'fghij'[step.other % 5]}` });
    }
    case 'detach':
      return send('DetachVolume', { VolumeId: volume });
    case 'deleteVolume':
      return send('DeleteVolume', { VolumeId: volume });
    case 'createSnapshot':
      return send('CreateSnapshot', { VolumeId: volume });
    case 'disable':
      return send('DisableImage', { ImageId: image });
    case 'enable':
      return send('EnableImage', { ImageId: image });
    case 'protect':
      return send('EnableImageDeregistrationProtection', { ImageId: image, WithCooldown: step.flag });
    case 'unprotect':
      return send('DisableImageDeregistrationProtection', { ImageId: image });
    case 'describe':
      return send('DescribeImages', step.flag ? { ImageIds: [image] } : { Owners: ['self'], Filters: [{ Name: 'state', Values: ['avail*'] }] });
    case 'tag':
      return send('CreateTags', { Resources: [pickFrom([image, instance, volume, snapshot], step.other) ?? image], Tags: [{ Key: 'k', Value: String(step.other) }] });
    case 'garbage':
      return cloud.send({
        op: step.flag ? 'RunInstances' : 'NotAnOperation',
        region: step.other % 5 === 0 ? 'nowhere-1' : region,
        account: step.other % 7 === 0 ? '000000000000' : account,
        params: step.other % 2 === 0 ? { ImageId: 'ami-bogus!', MinCount: 'x' } : null,
      });
  }
}

/** Checks the invariants the brief names; returns a description of the first broken one. */
function checkWorld(cloud: Cloud): string | null {
  const world = cloud.world();
  for (const image of Object.values(world.images)) {
    const state = image.lifecycle.value;
    for (const mapping of image.blockDeviceMappings) {
      const snapshotId = mapping.Ebs?.SnapshotId;
      if (snapshotId === undefined) continue;
      const snapshot = world.snapshots[snapshotId];
      if (state === 'available' && snapshot?.lifecycle.value !== 'completed') return `available ${image.id} lacks completed ${snapshotId}`;
      if ((state === 'pending' || state === 'disabled') && snapshot === undefined) return `registered ${image.id} lost ${snapshotId}`;
      if (state !== 'deregistered' && snapshot !== undefined && !snapshot.usedByImageIds.includes(image.id)) return `${snapshotId} does not know it backs ${image.id}`;
    }
  }
  for (const snapshot of Object.values(world.snapshots)) {
    for (const imageId of snapshot.usedByImageIds) {
      if (world.images[imageId] === undefined || world.images[imageId]?.lifecycle.value === 'deregistered') return `${snapshot.id} held by unregistered ${imageId}`;
    }
  }
  for (const instance of Object.values(world.instances)) {
    for (const device of instance.blockDevices) if (world.volumes[device.volumeId] === undefined) return `${instance.id} lost ${device.volumeId}`;
  }
  return null;
}

function allIds(cloud: Cloud): Set<string> {
  const world = cloud.world();
  return new Set([...Object.keys(world.instances), ...Object.keys(world.images), ...Object.keys(world.snapshots), ...Object.keys(world.volumes)]);
}

describe('random sequences of calls', () => {
  it('keep every invariant after every call', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(stepArbitrary, { minLength: 30, maxLength: 90 }), (seed, steps) => {
        const cloud = newCloud(seed);
        const gone = new Set<string>();
        let present = allIds(cloud);
        let totals = ACCOUNT_IDS.map((id) => cloud.bill(id).totalAccruedUsd);
        for (const step of steps) {
          const before = cloud.save();
          let result: ApiResult | null = null;
          expect(() => {
            result = runStep(cloud, step);
          }).not.toThrow();
          const outcome = result as ApiResult | null;
          if (outcome !== null && !outcome.ok) {
            expect(outcome.error.Code).not.toBe('InternalError');
            expect(cloud.save()).toBe(before);
          }
          const broken = checkWorld(cloud);
          expect(broken).toBeNull();
          const now = allIds(cloud);
          for (const id of now) expect(gone.has(id)).toBe(false);
          for (const id of present) if (!now.has(id)) gone.add(id);
          present = now;
          const nextTotals = ACCOUNT_IDS.map((id) => cloud.bill(id).totalAccruedUsd);
          nextTotals.forEach((total, index) => expect(total).toBeGreaterThanOrEqual(totals[index] ?? 0));
          totals = nextTotals;
        }
        const restored = restoreCloud(cloud.save());
        expect(restored.ok && restored.cloud.save()).toBe(cloud.save());
      }),
      { numRuns: 60 },
    );
  });
});
