import { describe, expect, it } from 'vitest';
import { durations } from '../../../src/simulator/index.js';
import {
  bakeImage,
  call,
  describeImage,
  expectError,
  expectOk,
  expectRejectedWithoutChange,
  launch,
  launchRunning,
  ME,
  MINUTE,
  newCloud,
  PARTNER,
  snapshotIdsOf,
} from './support.js';

describe('CreateImage', () => {
  it('returns a new AMI ID at once; the image is pending, then available once its snapshots complete', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web-v1' }));
    expect(ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(describeImage(cloud, ImageId)['State']).toBe('pending');
    const snapshotTime = durations.snapshotDurationMs(8) + durations.IMAGE_REGISTRATION_MS;
    cloud.advance(snapshotTime - 1);
    expect(describeImage(cloud, ImageId)['State']).toBe('pending');
    cloud.advance(1);
    expect(describeImage(cloud, ImageId)['State']).toBe('available');
  });

  it('takes longer to make an image of a bigger volume', () => {
    const cloud = newCloud();
    const small = launchRunning(cloud);
    const big = launchRunning(cloud, { extra: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 200 } }] } });
    const smallImage = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: small, Name: 'small' })).ImageId;
    const bigImage = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: big, Name: 'big' })).ImageId;
    cloud.advance(5 * MINUTE);
    expect(describeImage(cloud, smallImage)['State']).toBe('available');
    expect(describeImage(cloud, bigImage)['State']).toBe('pending');
  });

  it('makes one snapshot per attached EBS volume and records /dev/xvda, /dev/xvdf … in the mapping', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud, { extra: { BlockDeviceMappings: [{ DeviceName: '/dev/xvdf', Ebs: { VolumeSize: 10 } }] } });
    const imageId = bakeImage(cloud, instanceId, 'two-disks');
    const image = describeImage(cloud, imageId);
    const mappings = image['BlockDeviceMappings'] as { DeviceName: string; Ebs: { SnapshotId: string; VolumeSize: number; DeleteOnTermination: boolean } }[];
    expect(mappings.map((mapping) => [mapping.DeviceName, mapping.Ebs.VolumeSize, mapping.Ebs.DeleteOnTermination])).toEqual([
      ['/dev/xvda', 8, true],
      ['/dev/xvdf', 10, false],
    ]);
    const snapshots = expectOk<{ Snapshots: { SnapshotId: string; Description: string; State: string }[] }>(
      call(cloud, 'DescribeSnapshots', { SnapshotIds: snapshotIdsOf(image) }),
    ).Snapshots;
    expect(snapshots.map((snapshot) => snapshot.Description)).toEqual([
      `Created by CreateImage(${instanceId}) for ${imageId}`,
      `Created by CreateImage(${instanceId}) for ${imageId}`,
    ]);
    expect(snapshots.every((snapshot) => snapshot.State === 'completed')).toBe(true);
  });

  it('registers the image private, owned by the caller, with SourceInstanceId and the instance architecture', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const image = describeImage(cloud, bakeImage(cloud, instanceId, 'web-v1'));
    expect(image).toMatchObject({ OwnerId: ME, Public: false, SourceInstanceId: instanceId, Architecture: 'x86_64', RootDeviceType: 'ebs', RootDeviceName: '/dev/xvda' });
    expect(
      expectOk<{ LaunchPermissions: unknown[] }>(call(cloud, 'DescribeImageAttribute', { ImageId: image['ImageId'], Attribute: 'launchPermission' })).LaunchPermissions,
    ).toEqual([]);
  });

  it('reboots the instance unless NoReboot is set', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const launchTime = cloud.world().instances[instanceId]?.launchTime;
    call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'no-reboot', NoReboot: true });
    expect(cloud.world().instances[instanceId]?.lifecycle.value).toBe('running');
    call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'with-reboot' });
    // AWS: "Amazon EC2 powers down the instance before creating the AMI … then reboots the instance".
    expect(cloud.world().instances[instanceId]?.lifecycle.value).toBe('stopping');
    cloud.advance(30_000);
    expect(cloud.world().instances[instanceId]?.lifecycle.value).toBe('pending');
    cloud.advance(45_000);
    expect(cloud.world().instances[instanceId]?.lifecycle.value).toBe('running');
    const moves = cloud
      .log()
      .filter((entry) => entry.kind === 'state-change' && entry.resourceId === instanceId)
      .map((entry) => (entry.kind === 'state-change' ? [entry.event, entry.from, entry.to] : []));
    expect(moves.slice(-3)).toEqual([
      ['instance.image-reboot', 'running', 'stopping'],
      ['instance.restart', 'stopping', 'pending'],
      ['instance.ready', 'pending', 'running'],
    ]);
    // A reboot: the launch time and the bill's running rate stay.
    expect(cloud.world().instances[instanceId]?.launchTime).toBe(launchTime);
    expect(cloud.world().meters[instanceId]?.ratePerMonthUsd).toBeGreaterThan(0);
  });

  it('bakes what was installed: an instance launched from the image carries it again', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud, { userData: '#!/bin/bash\nyum install -y httpd\n' });
    const imageId = bakeImage(cloud, instanceId, 'httpd-baked');
    const second = launchRunning(cloud, { imageId });
    expect(cloud.installedSoftware(ME, second)).toEqual(['amazon-linux-2023-base', 'httpd']);
  });

  it('keeps the image unchanged when the instance changes afterwards', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const imageId = bakeImage(cloud, instanceId, 'before');
    const before = describeImage(cloud, imageId);
    call(cloud, 'StopInstances', { InstanceIds: [instanceId] });
    cloud.advance(MINUTE);
    call(cloud, 'TerminateInstances', { InstanceIds: [instanceId] });
    cloud.advance(MINUTE);
    expect(describeImage(cloud, imageId)).toEqual(before);
  });

  it('works on a stopped instance', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    call(cloud, 'StopInstances', { InstanceIds: [instanceId] });
    cloud.advance(MINUTE);
    expect(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'from-stopped' }).ok).toBe(true);
  });

  it('answers InvalidParameterValue for a terminated instance', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    call(cloud, 'TerminateInstances', { InstanceIds: [instanceId] });
    cloud.advance(MINUTE);
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'too-late' }),
      'InvalidParameterValue',
      `Invalid value '${instanceId}' for instanceId. Instance is not in state 'running' or 'stopping' or 'stopped'`,
    );
  });

  it('answers InvalidParameterValue for a pending instance', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud);
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'too-early' }), 'InvalidParameterValue');
  });

  it('answers InvalidInstanceID.NotFound for an instance that does not exist', () => {
    const cloud = newCloud();
    expectError(
      call(cloud, 'CreateImage', { InstanceId: 'i-0123456789abcdef0', Name: 'ghost' }),
      'InvalidInstanceID.NotFound',
      "The instance ID 'i-0123456789abcdef0' does not exist",
    );
  });

  it("answers InvalidInstanceID.NotFound for another account's instance", () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'not-mine' }, { account: PARTNER }), 'InvalidInstanceID.NotFound');
  });

  it('answers InvalidAMIName.Duplicate for a name already used in this account and Region', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web-v1', NoReboot: true }));
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web-v1', NoReboot: true }),
      'InvalidAMIName.Duplicate',
      `AMI name web-v1 is already in use by AMI ${ImageId}`,
    );
  });

  it('answers InvalidAMIName.Malformed for names shorter than 3 characters or with illegal characters', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'ab' }), 'InvalidAMIName.Malformed');
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web#1!' }), 'InvalidAMIName.Malformed');
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'x'.repeat(129) }), 'InvalidAMIName.Malformed');
  });

  it('answers MissingParameter when Name is missing', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    expectError(call(cloud, 'CreateImage', { InstanceId: instanceId }), 'MissingParameter', 'The request must contain the parameter Name');
  });

  it('tags the image and its snapshots from TagSpecifications and rejects other resource types', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'CreateImage', {
        InstanceId: instanceId,
        Name: 'tagged',
        TagSpecifications: [
          { ResourceType: 'image', Tags: [{ Key: 'app', Value: 'web' }] },
          { ResourceType: 'snapshot', Tags: [{ Key: 'app', Value: 'web-disk' }] },
        ],
      }),
    );
    const image = describeImage(cloud, ImageId);
    expect(image['Tags']).toEqual([{ Key: 'app', Value: 'web' }]);
    const snapshot = expectOk<{ Snapshots: { Tags: unknown }[] }>(call(cloud, 'DescribeSnapshots', { SnapshotIds: snapshotIdsOf(image) })).Snapshots[0];
    expect(snapshot?.Tags).toEqual([{ Key: 'app', Value: 'web-disk' }]);
    expectError(
      call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'bad-tags', TagSpecifications: [{ ResourceType: 'invalid-resource-type', Tags: [] }] }),
      'InvalidParameterValue',
      "'invalid-resource-type' is not a valid taggable resource type for this operation.",
    );
  });

  it('allows only DeleteOnTermination to change for existing volumes (InvalidBlockDeviceMapping otherwise)', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    expectError(
      call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'resize', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30 } }] }),
      'InvalidBlockDeviceMapping',
    );
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'CreateImage', {
        InstanceId: instanceId,
        Name: 'keep-root',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: false } }],
      }),
    );
    const mapping = (describeImage(cloud, ImageId)['BlockDeviceMappings'] as { Ebs: { DeleteOnTermination: boolean } }[])[0];
    expect(mapping?.Ebs.DeleteOnTermination).toBe(false);
  });
});
