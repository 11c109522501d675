import { describe, expect, it } from 'vitest';
import {
  call,
  describeImage,
  describeInstance,
  expectError,
  expectOk,
  expectRejectedWithoutChange,
  instanceWithImage,
  launchRunning,
  ME,
  MINUTE,
  newCloud,
  PARTNER,
  snapshotIdsOf,
  STRANGER,
  US_WEST_2,
} from './support.js';

type Volume = { VolumeId: string; State: string; Size: number; VolumeType: string; Attachments: { InstanceId: string; Device: string }[]; Encrypted: boolean };
type Snapshot = { SnapshotId: string; State: string; Progress: string; VolumeId: string; OwnerId: string };

function newVolume(cloud: ReturnType<typeof newCloud>, params: Record<string, unknown> = {}): string {
  const volume = expectOk<Volume>(call(cloud, 'CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 10, ...params }));
  cloud.advance(MINUTE);
  return volume.VolumeId;
}

const describeVolume = (cloud: ReturnType<typeof newCloud>, id: string): Volume =>
  expectOk<{ Volumes: Volume[] }>(call(cloud, 'DescribeVolumes', { VolumeIds: [id] })).Volumes[0] as Volume;

describe('volumes', () => {
  it('CreateVolume answers creating with EC2 defaults (gp2), then the volume is available', () => {
    const cloud = newCloud();
    const created = expectOk<Volume>(call(cloud, 'CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 10 }));
    expect(created).toMatchObject({ State: 'creating', Size: 10, VolumeType: 'gp2', Encrypted: false });
    expect(created.VolumeId).toMatch(/^vol-[0-9a-f]{17}$/);
    cloud.advance(MINUTE);
    expect(describeVolume(cloud, created.VolumeId).State).toBe('available');
  });

  it('CreateVolume answers InvalidZone.NotFound for a zone outside the Region and MissingParameter without size or snapshot', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'CreateVolume', { AvailabilityZone: 'eu-west-1a', Size: 10 }), 'InvalidZone.NotFound');
    expectError(call(cloud, 'CreateVolume', { AvailabilityZone: 'us-east-1a' }), 'MissingParameter');
  });

  it('AttachVolume attaches to an instance in the same zone; the volume is in-use', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const volumeId = newVolume(cloud);
    expect(expectOk(call(cloud, 'AttachVolume', { VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/xvdf' }))).toMatchObject({ State: 'attaching', Device: '/dev/xvdf' });
    expect(describeVolume(cloud, volumeId)).toMatchObject({ State: 'in-use', Attachments: [{ InstanceId: instanceId, Device: '/dev/xvdf' }] });
  });

  it('AttachVolume answers InvalidVolume.ZoneMismatch across zones and VolumeInUse when already attached', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const other = newVolume(cloud, { AvailabilityZone: 'us-east-1b' });
    expectError(
      call(cloud, 'AttachVolume', { VolumeId: other, InstanceId: instanceId, Device: '/dev/xvdf' }),
      'InvalidVolume.ZoneMismatch',
      `The volume '${other}' is not in the same availability zone as instance '${instanceId}'`,
    );
    const volumeId = newVolume(cloud);
    expectOk(call(cloud, 'AttachVolume', { VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/xvdf' }));
    expectError(call(cloud, 'AttachVolume', { VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/xvdg' }), 'VolumeInUse');
  });

  it('DeleteVolume answers VolumeInUse for an attached volume; after DetachVolume it is deleted', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const volumeId = newVolume(cloud);
    expectOk(call(cloud, 'AttachVolume', { VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/xvdf' }));
    expectRejectedWithoutChange(cloud, () => call(cloud, 'DeleteVolume', { VolumeId: volumeId }), 'VolumeInUse', `Volume ${volumeId} is currently attached to ${instanceId}`);
    expectOk(call(cloud, 'DetachVolume', { VolumeId: volumeId }));
    expectOk(call(cloud, 'DeleteVolume', { VolumeId: volumeId }));
    expectError(call(cloud, 'DescribeVolumes', { VolumeIds: [volumeId] }), 'InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
  });

  it('DetachVolume refuses the root volume of a running instance', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const rootVolume = (describeInstance(cloud, instanceId)['BlockDeviceMappings'] as { Ebs: { VolumeId: string } }[])[0]?.Ebs.VolumeId;
    expectError(call(cloud, 'DetachVolume', { VolumeId: rootVolume }), 'OperationNotPermitted', /Unable to detach root volume/);
  });

  it('a data volume attached later becomes part of the next image', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const volumeId = newVolume(cloud, { Size: 25 });
    expectOk(call(cloud, 'AttachVolume', { VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/xvdf' }));
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'with-data', NoReboot: true }));
    const devices = (describeImage(cloud, ImageId)['BlockDeviceMappings'] as { DeviceName: string; Ebs: { VolumeSize: number } }[]).map((m) => [m.DeviceName, m.Ebs.VolumeSize]);
    expect(devices).toEqual([
      ['/dev/xvda', 8],
      ['/dev/xvdf', 25],
    ]);
  });

  it('DescribeVolumes answers InvalidVolumeID.Malformed and hides other accounts’ volumes', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    expectError(call(cloud, 'DescribeVolumes', { VolumeIds: ['vol-nope'] }), 'InvalidVolumeID.Malformed');
    expectError(call(cloud, 'DescribeVolumes', { VolumeIds: [volumeId] }, { account: PARTNER }), 'InvalidVolume.NotFound');
    expect(expectOk<{ Volumes: Volume[] }>(call(cloud, 'DescribeVolumes', { Filters: [{ Name: 'status', Values: ['available'] }] })).Volumes.map((v) => v.VolumeId)).toEqual([
      volumeId,
    ]);
  });
});

describe('snapshots', () => {
  it('CreateSnapshot answers pending with progress, then the snapshot is completed (100%)', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const snapshot = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId, Description: 'nightly' }));
    expect(snapshot).toMatchObject({ State: 'pending', Progress: '0%', VolumeId: volumeId, OwnerId: ME });
    cloud.advance(MINUTE);
    const midway = expectOk<{ Snapshots: Snapshot[] }>(call(cloud, 'DescribeSnapshots', { SnapshotIds: [snapshot.SnapshotId] })).Snapshots[0];
    expect(midway?.State).toBe('pending');
    expect(Number.parseInt(midway?.Progress ?? '0', 10)).toBeGreaterThan(0);
    cloud.advance(10 * MINUTE);
    expect(expectOk<{ Snapshots: Snapshot[] }>(call(cloud, 'DescribeSnapshots', { SnapshotIds: [snapshot.SnapshotId] })).Snapshots[0]).toMatchObject({
      State: 'completed',
      Progress: '100%',
    });
  });

  it('CreateSnapshot answers InvalidVolume.NotFound for an unknown volume', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'CreateSnapshot', { VolumeId: 'vol-abcd1234' }), 'InvalidVolume.NotFound', "The volume 'vol-abcd1234' does not exist.");
  });

  it('DeleteSnapshot refuses a snapshot backing a registered AMI (InvalidSnapshot.InUse)', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }),
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshotId} is currently in use by ${imageId}`,
    );
  });

  it('DeleteSnapshot twice answers InvalidSnapshot.NotFound; a malformed ID answers InvalidSnapshotID.Malformed', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const { SnapshotId } = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId }));
    expectOk(call(cloud, 'DeleteSnapshot', { SnapshotId }));
    expectError(call(cloud, 'DeleteSnapshot', { SnapshotId }), 'InvalidSnapshot.NotFound', `The snapshot '${SnapshotId}' does not exist.`);
    expectError(call(cloud, 'DeleteSnapshot', { SnapshotId: 'snap-xyz' }), 'InvalidSnapshotID.Malformed', 'Invalid id: "snap-xyz" (expecting "snap-...")');
  });

  it('deleting a snapshot does not affect the volume it came from', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const { SnapshotId } = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId }));
    cloud.advance(10 * MINUTE);
    expectOk(call(cloud, 'DeleteSnapshot', { SnapshotId }));
    expect(describeVolume(cloud, volumeId).State).toBe('available');
  });

  it('CopySnapshot creates a new snapshot in the destination Region; a wrong source Region answers NotFound', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const { SnapshotId } = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId }));
    cloud.advance(10 * MINUTE);
    const copy = expectOk<{ SnapshotId: string }>(call(cloud, 'CopySnapshot', { SourceRegion: 'us-east-1', SourceSnapshotId: SnapshotId }, { region: US_WEST_2 }));
    expect(copy.SnapshotId).not.toBe(SnapshotId);
    expect(
      expectOk<{ Snapshots: { VolumeId: string }[] }>(call(cloud, 'DescribeSnapshots', { SnapshotIds: [copy.SnapshotId] }, { region: US_WEST_2 })).Snapshots[0]?.VolumeId,
    ).toBe('vol-ffffffff');
    expectError(call(cloud, 'CopySnapshot', { SourceRegion: 'eu-west-1', SourceSnapshotId: SnapshotId }, { region: US_WEST_2 }), 'InvalidSnapshot.NotFound');
  });

  it('ModifySnapshotAttribute shares createVolumePermission with an account, which then sees the snapshot', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const { SnapshotId } = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId }));
    expectError(call(cloud, 'DescribeSnapshots', { SnapshotIds: [SnapshotId] }, { account: PARTNER }), 'InvalidSnapshot.NotFound');
    expectOk(call(cloud, 'ModifySnapshotAttribute', { SnapshotId, Attribute: 'createVolumePermission', CreateVolumePermission: { Add: [{ UserId: PARTNER }] } }));
    expect(expectOk(call(cloud, 'DescribeSnapshotAttribute', { SnapshotId, Attribute: 'createVolumePermission' }))).toEqual({
      SnapshotId,
      CreateVolumePermissions: [{ UserId: PARTNER }],
    });
    expect(expectOk<{ Snapshots: unknown[] }>(call(cloud, 'DescribeSnapshots', { RestorableByUserIds: ['self'] }, { account: PARTNER })).Snapshots).toHaveLength(1);
    expectError(call(cloud, 'DescribeSnapshots', { SnapshotIds: [SnapshotId] }, { account: STRANGER }), 'InvalidSnapshot.NotFound');
  });

  it('ModifySnapshotAttribute answers InvalidAMIAttributeItemValue for a group other than all, and AuthFailure for a non-owner', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const { SnapshotId } = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId }));
    expectError(call(cloud, 'ModifySnapshotAttribute', { SnapshotId, CreateVolumePermission: { Add: [{ Group: 'everyone' }] } }), 'InvalidAMIAttributeItemValue');
    expectOk(call(cloud, 'ModifySnapshotAttribute', { SnapshotId, CreateVolumePermission: { Add: [{ Group: 'all' }] } }));
    expectError(call(cloud, 'ModifySnapshotAttribute', { SnapshotId, CreateVolumePermission: { Remove: [{ Group: 'all' }] } }, { account: PARTNER }), 'AuthFailure');
  });

  it('DescribeSnapshots with OwnerIds self lists only the caller’s snapshots', () => {
    const cloud = newCloud();
    const volumeId = newVolume(cloud);
    const { SnapshotId } = expectOk<Snapshot>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId }));
    expect(expectOk<{ Snapshots: Snapshot[] }>(call(cloud, 'DescribeSnapshots', { OwnerIds: ['self'] })).Snapshots.map((s) => s.SnapshotId)).toEqual([SnapshotId]);
  });

  it('CreateVolume from a snapshot restores its size and contents', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud, 'src', '#!/bin/bash\ndnf install -y postgresql\n');
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    const volume = expectOk<Volume>(call(cloud, 'CreateVolume', { AvailabilityZone: 'us-east-1b', SnapshotId: snapshotId }));
    expect(volume.Size).toBe(8);
    expect(cloud.world().volumes[volume.VolumeId]?.installed).toContain('postgresql');
  });
});
