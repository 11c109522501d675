import { describe, expect, it } from 'vitest';
import { durations } from '../../../src/simulator/index.js';
import {
  call,
  catalogueImageId,
  describeImage,
  EU_WEST_1,
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
  US_EAST_1,
  US_WEST_2,
} from './support.js';

function volumeSnapshot(cloud: ReturnType<typeof newCloud>): string {
  const instanceId = launchRunning(cloud, { userData: '#!/bin/bash\napt-get install -y redis\n' });
  const volumeId = (
    call(cloud, 'DescribeInstances', { InstanceIds: [instanceId] }) as { data: { Reservations: { Instances: { BlockDeviceMappings: { Ebs: { VolumeId: string } }[] }[] }[] } }
  ).data.Reservations[0]?.Instances[0]?.BlockDeviceMappings[0]?.Ebs.VolumeId as string;
  const snapshot = expectOk<{ SnapshotId: string }>(call(cloud, 'CreateSnapshot', { VolumeId: volumeId, Description: 'root disk' }));
  cloud.advance(10 * MINUTE);
  return snapshot.SnapshotId;
}

describe('RegisterImage', () => {
  it('registers an EBS-backed AMI from a root snapshot; pending, then available', () => {
    const cloud = newCloud();
    const snapshotId = volumeSnapshot(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'RegisterImage', {
        Name: 'from-snapshot',
        Architecture: 'x86_64',
        RootDeviceName: '/dev/xvda',
        VirtualizationType: 'hvm',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotId } }],
      }),
    );
    expect(describeImage(cloud, ImageId)['State']).toBe('pending');
    cloud.advance(MINUTE);
    const image = describeImage(cloud, ImageId);
    expect(image).toMatchObject({ State: 'available', RootDeviceName: '/dev/xvda', OwnerId: ME });
    expect(snapshotIdsOf(image)).toEqual([snapshotId]);
  });

  it('makes the snapshot "in use": DeleteSnapshot answers InvalidSnapshot.InUse', () => {
    const cloud = newCloud();
    const snapshotId = volumeSnapshot(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'RegisterImage', { Name: 'holds-snapshot', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotId } }] }),
    );
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }),
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshotId} is currently in use by ${ImageId}`,
    );
  });

  it('carries what the snapshot holds to instances launched from the new AMI', () => {
    const cloud = newCloud();
    const snapshotId = volumeSnapshot(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'RegisterImage', { Name: 'redis', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotId } }] }),
    );
    cloud.advance(MINUTE);
    const instanceId = launchRunning(cloud, { imageId: ImageId });
    expect(cloud.installedSoftware(ME, instanceId)).toContain('redis');
  });

  it('answers InvalidBlockDeviceMapping when the root device has no snapshot', () => {
    const cloud = newCloud();
    expectError(
      call(cloud, 'RegisterImage', { Name: 'no-root', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvdf', Ebs: { VolumeSize: 8 } }] }),
      'InvalidBlockDeviceMapping',
    );
  });

  it('answers InvalidSnapshot.NotFound for a snapshot that does not exist and Malformed for a bad ID', () => {
    const cloud = newCloud();
    expectError(
      call(cloud, 'RegisterImage', {
        Name: 'ghost',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-0123456789abcdef0' } }],
      }),
      'InvalidSnapshot.NotFound',
      "The snapshot 'snap-0123456789abcdef0' does not exist.",
    );
    expectError(
      call(cloud, 'RegisterImage', { Name: 'bad-id', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snapshot-1' } }] }),
      'InvalidSnapshotID.Malformed',
    );
  });

  it('refuses to change the encryption of the snapshot through the mapping', () => {
    const cloud = newCloud();
    const snapshotId = volumeSnapshot(cloud);
    expectError(
      call(cloud, 'RegisterImage', {
        Name: 'encrypt-me',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotId, Encrypted: true } }],
      }),
      'InvalidBlockDeviceMapping',
    );
  });
});

describe('CopyImage', () => {
  it('creates a new AMI with a new ID and new snapshots in the destination Region, owned by the caller', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const source = describeImage(cloud, imageId);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'web-v1-eu' }, { region: EU_WEST_1 }));
    expect(ImageId).not.toBe(imageId);
    const copy = describeImage(cloud, ImageId, { region: EU_WEST_1 });
    expect(copy).toMatchObject({ State: 'pending', OwnerId: ME, SourceImageId: imageId, SourceImageRegion: US_EAST_1 });
    const copiedSnapshots = snapshotIdsOf(copy);
    expect(copiedSnapshots).toHaveLength(1);
    expect(copiedSnapshots).not.toEqual(snapshotIdsOf(source));
    expectError(call(cloud, 'DescribeImages', { ImageIds: [ImageId] }, { region: US_EAST_1 }), 'InvalidAMIID.NotFound');
  });

  it('takes longer across Regions than within one', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const sameRegion = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'copy-here' })).ImageId;
    const otherRegion = expectOk<{ ImageId: string }>(
      call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'copy-there' }, { region: US_WEST_2 }),
    ).ImageId;
    cloud.advance(durations.snapshotCopyDurationMs(8, false) + durations.IMAGE_REGISTRATION_MS);
    expect(describeImage(cloud, sameRegion)['State']).toBe('available');
    expect(describeImage(cloud, otherRegion, { region: US_WEST_2 })['State']).toBe('pending');
    cloud.advance(durations.snapshotCopyDurationMs(8, true));
    expect(describeImage(cloud, otherRegion, { region: US_WEST_2 })['State']).toBe('available');
  });

  it('does not copy launch permissions, and copies tags only with CopyImageTags', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectOk(call(cloud, 'CreateTags', { Resources: [imageId], Tags: [{ Key: 'team', Value: 'blue' }] }));
    const plain = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'plain' }, { region: US_WEST_2 })).ImageId;
    const tagged = expectOk<{ ImageId: string }>(
      call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'tagged', CopyImageTags: true }, { region: US_WEST_2 }),
    ).ImageId;
    cloud.advance(2 * 60 * MINUTE);
    expect(
      expectOk<{ LaunchPermissions: unknown[] }>(call(cloud, 'DescribeImageAttribute', { ImageId: plain, Attribute: 'launchPermission' }, { region: US_WEST_2 })).LaunchPermissions,
    ).toEqual([]);
    expect(describeImage(cloud, plain, { region: US_WEST_2 })['Tags']).toBeUndefined();
    expect(describeImage(cloud, tagged, { region: US_WEST_2 })['Tags']).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it('encrypts the copy with Encrypted and a KmsKeyId', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const key = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'secret', Encrypted: true, KmsKeyId: key }, { region: US_WEST_2 }),
    );
    const mapping = (describeImage(cloud, ImageId, { region: US_WEST_2 })['BlockDeviceMappings'] as { Ebs: { Encrypted: boolean; KmsKeyId: string } }[])[0];
    expect(mapping?.Ebs).toMatchObject({ Encrypted: true, KmsKeyId: key });
  });

  it('answers InvalidParameterDependency for a KmsKeyId without Encrypted', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(
      call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'x-key', KmsKeyId: 'alias/mine' }, { region: US_WEST_2 }),
      'InvalidParameterDependency',
    );
  });

  it('makes the copier the owner of a copied shared AMI, once its snapshots are shared too', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'mine-now' }, { account: PARTNER, region: US_WEST_2 }),
      'AuthFailure',
      'You do not have permission to access the storage of this ami',
    );
    for (const snapshotId of snapshotIdsOf(describeImage(cloud, imageId))) {
      expectOk(call(cloud, 'ModifySnapshotAttribute', { SnapshotId: snapshotId, Attribute: 'createVolumePermission', CreateVolumePermission: { Add: [{ UserId: PARTNER }] } }));
    }
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'mine-now' }, { account: PARTNER, region: US_WEST_2 }),
    );
    expect(describeImage(cloud, ImageId, { account: PARTNER, region: US_WEST_2 })['OwnerId']).toBe(PARTNER);
    const partnerSnapshot = cloud.bill(PARTNER).lines.find((line) => line.resourceType === 'snapshot');
    expect(partnerSnapshot?.region).toBe(US_WEST_2);
  });

  it('copies a public Amazon AMI into another Region', () => {
    const cloud = newCloud();
    const amazonLinux = catalogueImageId(cloud);
    expect(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: amazonLinux, Name: 'my-al2023' }, { region: EU_WEST_1 }).ok).toBe(true);
  });

  it("answers AuthFailure for another account's private AMI", () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'steal' }, { account: STRANGER }), 'AuthFailure');
  });

  it('answers InvalidAMIID.NotFound when the source is not in SourceRegion', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'CopyImage', { SourceRegion: US_WEST_2, SourceImageId: imageId, Name: 'wrong-region' }, { region: EU_WEST_1 }), 'InvalidAMIID.NotFound');
  });

  it('answers InvalidRegion for a SourceRegion that is not a Region code', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'CopyImage', { SourceRegion: 'Virginia', SourceImageId: imageId, Name: 'bad-region' }), 'InvalidRegion');
  });

  it('answers MissingParameter when Name is missing (required in AWS, unlike moto)', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId }), 'MissingParameter', 'The request must contain the parameter Name');
  });

  it('answers InvalidAMIID.Unavailable for a deregistered source', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    expectError(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'gone' }), 'InvalidAMIID.Unavailable');
  });

  it('cancels a copy in progress when the copy is deregistered, discarding its unfinished snapshots', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'cancel-me' }, { region: US_WEST_2 }));
    const copySnapshots = snapshotIdsOf(describeImage(cloud, ImageId, { region: US_WEST_2 }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId }, { region: US_WEST_2 }));
    expectError(call(cloud, 'DescribeSnapshots', { SnapshotIds: copySnapshots }, { region: US_WEST_2 }), 'InvalidSnapshot.NotFound');
    expect(describeImage(cloud, ImageId, { region: US_WEST_2 })['State']).toBe('deregistered');
  });

  it('keeps source and copy independent: deregistering the source leaves the copy available', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'independent' }, { region: US_WEST_2 }));
    cloud.advance(60 * MINUTE);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }));
    expect(describeImage(cloud, ImageId, { region: US_WEST_2 })['State']).toBe('available');
  });

  it('fails the copy (state failed) when the source snapshot is deleted before the copy completes', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'doomed' }, { region: US_WEST_2 }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }));
    cloud.advance(60 * MINUTE);
    const copy = describeImage(cloud, ImageId, { region: US_WEST_2 });
    expect(copy['State']).toBe('failed');
    expect(copy['StateReason']).toMatchObject({ Code: 'Client.InvalidSnapshot.NotFound' });
  });
});
