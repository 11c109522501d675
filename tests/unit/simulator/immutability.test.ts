import { describe, expect, it } from 'vitest';
import { call, describeImage, describeInstance, expectError, expectOk, instanceWithImage, launchRunning, ME, MINUTE, newCloud, PARTNER, snapshotIdsOf } from './support.js';

describe('an image’s contents never change', () => {
  it('refuses every attempt to change the mapping or the snapshots, leaving the image as it was', () => {
    const cloud = newCloud();
    const { imageId, instanceId } = instanceWithImage(cloud);
    const before = describeImage(cloud, imageId);
    const [snapshotId] = snapshotIdsOf(before);
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, Attribute: 'blockDeviceMapping', Value: '/dev/xvdb' }), 'InvalidParameterValue');
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, BlockDeviceMappings: [{ DeviceName: '/dev/xvda' }] }), 'UnknownParameter');
    expectError(call(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }), 'InvalidSnapshot.InUse');
    expectError(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'blockDeviceMapping' }), 'AuthFailure');
    expectError(call(cloud, 'ResetImageAttribute', { ImageId: imageId, Attribute: 'blockDeviceMapping' }), 'InvalidParameterValue');
    call(cloud, 'CreateTags', { Resources: [instanceId], Tags: [{ Key: 'changed', Value: 'yes' }] });
    expect(describeImage(cloud, imageId)).toEqual(before);
  });

  it('a volume restored from the image’s snapshot can change without touching the snapshot', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    const child = launchRunning(cloud, { imageId, userData: '#!/bin/bash\ndnf install -y vim\n' });
    expect(cloud.installedSoftware(ME, child)).toContain('vim');
    expect(cloud.world().snapshots[snapshotId ?? '']?.installed).not.toContain('vim');
  });

  it('the only path to a changed image is a new image with a new ID', () => {
    const cloud = newCloud();
    const { imageId, instanceId } = instanceWithImage(cloud, 'web-v1');
    const volumeId = expectOk<{ VolumeId: string }>(call(cloud, 'CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 5 })).VolumeId;
    cloud.advance(MINUTE);
    expectOk(call(cloud, 'AttachVolume', { VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/xvdg' }));
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'web-v2', NoReboot: true }));
    expect(ImageId).not.toBe(imageId);
    expect(snapshotIdsOf(describeImage(cloud, imageId))).toHaveLength(1);
    expect(snapshotIdsOf(describeImage(cloud, ImageId))).toHaveLength(2);
    expect((describeInstance(cloud, instanceId)['BlockDeviceMappings'] as unknown[]).length).toBe(2);
  });

  it('a disabled AMI cannot be shared', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'DisableImage', { ImageId: imageId }));
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }), 'IncorrectState');
  });
});
