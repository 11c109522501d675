import { describe, expect, it } from 'vitest';
import { durations } from '../../../src/simulator/index.js';
import {
  call,
  describeImage,
  describeInstance,
  expectError,
  expectOk,
  expectRejectedWithoutChange,
  HOUR,
  instanceWithImage,
  launch,
  launchRunning,
  MINUTE,
  newCloud,
  PARTNER,
  snapshotIdsOf,
} from './support.js';

describe('DeregisterImage', () => {
  it('deregisters the AMI but keeps its snapshots (and their cost) unless asked', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const snapshots = snapshotIdsOf(describeImage(cloud, imageId));
    expect(expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }))).toEqual({ Return: true });
    expect(describeImage(cloud, imageId)['State']).toBe('deregistered');
    expect(expectOk<{ Snapshots: unknown[] }>(call(cloud, 'DescribeSnapshots', { SnapshotIds: snapshots })).Snapshots).toHaveLength(1);
    expectOk(call(cloud, 'DeleteSnapshot', { SnapshotId: snapshots[0] }));
  });

  it('with DeleteAssociatedSnapshots deletes snapshots no other AMI uses and skips the others', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    const { ImageId: sibling } = expectOk<{ ImageId: string }>(
      call(cloud, 'RegisterImage', { Name: 'sibling', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotId } }] }),
    );
    expect(expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }))).toEqual({
      Return: true,
      DeleteSnapshotResults: [{ SnapshotId: snapshotId, ReturnCode: 'skipped' }],
    });
    expect(expectOk(call(cloud, 'DeregisterImage', { ImageId: sibling, DeleteAssociatedSnapshots: true }))).toEqual({
      Return: true,
      DeleteSnapshotResults: [{ SnapshotId: snapshotId, ReturnCode: 'success' }],
    });
    expectError(call(cloud, 'DescribeSnapshots', { SnapshotIds: [snapshotId] }), 'InvalidSnapshot.NotFound');
  });

  it('leaves instances launched from the AMI running (and billed)', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const child = launchRunning(cloud, { imageId });
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    cloud.advance(HOUR);
    expect(describeInstance(cloud, child)['State']).toEqual({ Code: 16, Name: 'running' });
  });

  it('answers InvalidAMIID.Unavailable when deregistered twice, then NotFound once AWS has forgotten it', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    expectError(call(cloud, 'DeregisterImage', { ImageId: imageId }), 'InvalidAMIID.Unavailable', `The image id '[${imageId}]' is no longer available`);
    cloud.advance(durations.DEREGISTERED_VISIBLE_MS);
    expectError(call(cloud, 'DeregisterImage', { ImageId: imageId }), 'InvalidAMIID.NotFound');
    expectError(call(cloud, 'DescribeImages', { ImageIds: [imageId] }), 'InvalidAMIID.NotFound');
  });

  it('answers InvalidAMIID.NotFound for an unknown image', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DeregisterImage', { ImageId: 'ami-0123456789abcdef0' }), 'InvalidAMIID.NotFound');
  });

  it('answers AuthFailure to a grantee trying to deregister a shared AMI', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectRejectedWithoutChange(cloud, () => call(cloud, 'DeregisterImage', { ImageId: imageId }, { account: PARTNER }), 'AuthFailure', `Not authorized for image:${imageId}`);
  });
});

describe('deregistration protection', () => {
  it('refuses DeregisterImage while protection is on', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expect(expectOk(call(cloud, 'EnableImageDeregistrationProtection', { ImageId: imageId }))).toEqual({ Return: 'true' });
    expect(describeImage(cloud, imageId)['DeregistrationProtection']).toBe('enabled-without-cooldown');
    expectRejectedWithoutChange(cloud, () => call(cloud, 'DeregisterImage', { ImageId: imageId }), 'OperationNotPermitted');
    expectOk(call(cloud, 'DisableImageDeregistrationProtection', { ImageId: imageId }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
  });

  it('with cooldown, keeps refusing for 24 hours after protection is disabled', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'EnableImageDeregistrationProtection', { ImageId: imageId, WithCooldown: true }));
    expect(
      expectOk<{ DeregistrationProtection: unknown }>(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'deregistrationProtection' })).DeregistrationProtection,
    ).toEqual({
      Value: 'enabled-with-cooldown',
    });
    expectOk(call(cloud, 'DisableImageDeregistrationProtection', { ImageId: imageId }));
    expectError(call(cloud, 'DeregisterImage', { ImageId: imageId }), 'OperationNotPermitted', /cooldown/);
    cloud.advance(24 * HOUR);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
  });
});

describe('deprecation', () => {
  it('hides a deprecated AMI from other accounts’ listings once the time passes; the owner and launches by ID still work', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    const at = new Date(cloud.now().getTime() + 2 * HOUR + 20_000);
    expectOk(call(cloud, 'EnableImageDeprecation', { ImageId: imageId, DeprecateAt: at }));
    expect(describeImage(cloud, imageId)['DeprecationTime']).toBe(new Date(cloud.now().getTime() + 2 * HOUR).toISOString());
    const partnerList = (): string[] =>
      expectOk<{ Images: { ImageId: string }[] }>(call(cloud, 'DescribeImages', { ExecutableUsers: ['self'] }, { account: PARTNER })).Images.map((image) => image.ImageId);
    expect(partnerList()).toEqual([imageId]);
    cloud.advance(3 * HOUR);
    expect(partnerList()).toEqual([]);
    expect(describeImage(cloud, imageId, { account: PARTNER })['ImageId']).toBe(imageId);
    expect(launch(cloud, { account: PARTNER, imageId })).toMatch(/^i-/);
  });

  it('refuses a deprecation time in the past', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'EnableImageDeprecation', { ImageId: imageId, DeprecateAt: '2020-01-01T00:00:00Z' }), 'InvalidParameterValue');
  });

  it('DisableImageDeprecation clears the time, but not on a public AMI', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'EnableImageDeprecation', { ImageId: imageId, DeprecateAt: new Date(cloud.now().getTime() + HOUR) }));
    expectOk(call(cloud, 'DisableImageDeprecation', { ImageId: imageId }));
    expect(describeImage(cloud, imageId)['DeprecationTime']).toBeUndefined();
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    expectError(call(cloud, 'DisableImageDeprecation', { ImageId: imageId }), 'OperationNotPermitted');
  });
});

describe('DisableImage and EnableImage', () => {
  it('DisableImage blocks launches, hides the AMI unless IncludeDisabled and removes every launch permission', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }, { Group: 'all' }] } }));
    expect(expectOk(call(cloud, 'DisableImage', { ImageId: imageId }))).toEqual({ Return: true });
    expect(expectOk<{ Images: unknown[] }>(call(cloud, 'DescribeImages', { ImageIds: [imageId] })).Images).toEqual([]);
    const shown = expectOk<{ Images: { State: string; Public: boolean }[] }>(call(cloud, 'DescribeImages', { ImageIds: [imageId], IncludeDisabled: true })).Images[0];
    expect(shown).toMatchObject({ State: 'disabled', Public: false });
    expectError(call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }), 'InvalidAMIID.Unavailable');
    expectError(call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }, { account: PARTNER }), 'AuthFailure');
  });

  it('EnableImage makes it available again without restoring the permissions', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectOk(call(cloud, 'DisableImage', { ImageId: imageId }));
    expectOk(call(cloud, 'EnableImage', { ImageId: imageId }));
    expect(describeImage(cloud, imageId)['State']).toBe('available');
    expect(expectOk<{ LaunchPermissions: unknown[] }>(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'launchPermission' })).LaunchPermissions).toEqual([]);
  });

  it('answers IncorrectState for EnableImage on an available AMI and DisableImage on a pending one', () => {
    const cloud = newCloud();
    const { imageId, instanceId } = instanceWithImage(cloud);
    expectError(call(cloud, 'EnableImage', { ImageId: imageId }), 'IncorrectState');
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'pending-one', NoReboot: true }));
    expectError(call(cloud, 'DisableImage', { ImageId }), 'IncorrectState');
  });

  it('DeregisterImage still works on a disabled AMI', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'DisableImage', { ImageId: imageId }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
  });
});

describe('image block public access', () => {
  it('blocks new public sharing after it takes effect (up to ten minutes); existing shares to accounts still work', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expect(expectOk(call(cloud, 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-new-sharing' }))).toEqual({
      ImageBlockPublicAccessState: 'block-new-sharing',
    });
    expect(expectOk(call(cloud, 'GetImageBlockPublicAccessState'))).toMatchObject({ ImageBlockPublicAccessState: 'unblocked' });
    cloud.advance(10 * MINUTE);
    expect(expectOk(call(cloud, 'GetImageBlockPublicAccessState'))).toMatchObject({ ImageBlockPublicAccessState: 'block-new-sharing' });
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }),
      'OperationNotPermitted',
      /block public access for AMIs is enabled/,
    );
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expect(expectOk(call(cloud, 'GetImageBlockPublicAccessState', {}, { region: 'eu-west-1' }))).toMatchObject({ ImageBlockPublicAccessState: 'unblocked' });
  });

  it('keeps an already public AMI public, and DisableImageBlockPublicAccess allows public sharing again', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    expectOk(call(cloud, 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-new-sharing' }));
    cloud.advance(10 * MINUTE);
    expect(describeImage(cloud, imageId)['Public']).toBe(true);
    expectOk(call(cloud, 'DisableImageBlockPublicAccess'));
    cloud.advance(10 * MINUTE);
    const other = instanceWithImage(cloud, 'second').imageId;
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: other, LaunchPermission: { Add: [{ Group: 'all' }] } }));
  });

  it('answers InvalidParameterValue for a state other than block-new-sharing', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-all' }), 'InvalidParameterValue');
  });
});
