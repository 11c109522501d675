import { describe, expect, it } from 'vitest';
import { LAB_ORGANIZATION_ARN, PARTNER_OU_ARN } from '../../../src/simulator/index.js';
import {
  call,
  catalogueImageId,
  describeImage,
  expectError,
  expectOk,
  expectRejectedWithoutChange,
  instanceWithImage,
  launch,
  MINUTE,
  newCloud,
  PARTNER,
  STRANGER,
  US_WEST_2,
} from './support.js';

const permissions = (cloud: ReturnType<typeof newCloud>, imageId: string): unknown =>
  expectOk<{ LaunchPermissions: unknown[] }>(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'launchPermission' })).LaunchPermissions;

describe('ModifyImageAttribute and DescribeImageAttribute', () => {
  it('shares with an account: the grantee can launch it, and adding twice changes nothing', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expect(permissions(cloud, imageId)).toEqual([{ UserId: PARTNER }]);
    expect(launch(cloud, { account: PARTNER, imageId })).toMatch(/^i-/);
  });

  it('makes an AMI public with Group all (Public true, auto-deprecation within two years) and private again on Remove', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    const image = describeImage(cloud, imageId);
    expect(image['Public']).toBe(true);
    expect(Date.parse(String(image['DeprecationTime'])) - Date.parse(String(image['CreationDate']))).toBe(2 * 365 * 24 * 60 * MINUTE);
    expect(launch(cloud, { account: STRANGER, imageId })).toMatch(/^i-/);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Remove: [{ Group: 'all' }] } }));
    expect(describeImage(cloud, imageId)['Public']).toBe(false);
  });

  it('accepts the older flat form (OperationType, UserIds, UserGroups)', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, Attribute: 'launchPermission', OperationType: 'add', UserIds: [PARTNER, STRANGER] }));
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, Attribute: 'launchPermission', OperationType: 'remove', UserIds: [STRANGER] }));
    expect(permissions(cloud, imageId)).toEqual([{ UserId: PARTNER }]);
  });

  it('shares with an organisational unit: accounts in it can launch, accounts outside cannot', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ OrganizationalUnitArn: PARTNER_OU_ARN }] } }));
    expect(launch(cloud, { account: PARTNER, imageId })).toMatch(/^i-/);
    expectError(call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }, { account: STRANGER }), 'AuthFailure');
  });

  it('answers InvalidAMIAttributeItemValue for a group other than all and applies nothing', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }, { Group: 'everyone' }] } }),
      'InvalidAMIAttributeItemValue',
      'Invalid attribute item value "everyone" for UserGroup item type.',
    );
  });

  it('answers InvalidAMIAttributeItemValue for a user ID that is not 12 digits', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: '12345' }] } }), 'InvalidAMIAttributeItemValue');
  });

  it('answers InvalidAMIAttributeItemValue for an organisation given as a bare ID instead of an ARN', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ OrganizationArn: 'o-a1b2c3d4e5' }] } }), 'InvalidAMIAttributeItemValue');
  });

  it("answers AuthFailure when a grantee tries to modify or share on the owner's AMI", () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: STRANGER }] } }, { account: PARTNER }),
      'AuthFailure',
      `Not authorized for image:${imageId}`,
    );
  });

  it('answers InvalidAMIID.NotFound for an unknown image, and refuses to share a pending one', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: 'ami-0123456789abcdef0', LaunchPermission: { Add: [{ UserId: PARTNER }] } }), 'InvalidAMIID.NotFound');
    const instanceId = launch(cloud);
    cloud.advance(MINUTE);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'pending-one' }));
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }), 'IncorrectState');
  });

  it('refuses to make public an AMI with encrypted snapshots; shares it with accounts only under a customer managed key', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const copy = (name: string, extra: Record<string, unknown>): string =>
      expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: 'us-east-1', SourceImageId: imageId, Name: name, Encrypted: true, ...extra })).ImageId;
    const withDefaultKey = copy('default-key', {});
    const withOwnKey = copy('own-key', { KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
    cloud.advance(60 * MINUTE);
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: withOwnKey, LaunchPermission: { Add: [{ Group: 'all' }] } }), 'InvalidParameterValue');
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: withDefaultKey, LaunchPermission: { Add: [{ UserId: PARTNER }] } }), 'InvalidParameterValue');
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: withOwnKey, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
  });

  it('sharing is per Region: the AMI does not exist in another Region', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }, { region: US_WEST_2 }), 'InvalidAMIID.NotFound');
  });

  it('changes the description, and the image contents cannot be modified', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, Description: { Value: 'Web server, Jan build' } }));
    expect(expectOk<{ Description: unknown }>(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'description' })).Description).toEqual({
      Value: 'Web server, Jan build',
    });
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, Attribute: 'blockDeviceMapping', Value: 'x' }), 'InvalidParameterValue');
    expectError(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, BlockDeviceMappings: [] }), 'UnknownParameter');
  });

  it('answers AuthFailure for the blockDeviceMapping attribute, as AWS does', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'blockDeviceMapping' }), 'AuthFailure', 'Unauthorized attempt to access restricted resource');
  });

  it('answers InvalidParameterValue for an unknown attribute name and NotFound for an unknown image', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(call(cloud, 'DescribeImageAttribute', { ImageId: imageId, Attribute: 'colour' }), 'InvalidParameterValue');
    expectError(call(cloud, 'DescribeImageAttribute', { ImageId: 'ami-0123456789abcdef0', Attribute: 'description' }), 'InvalidAMIID.NotFound');
  });

  it('ResetImageAttribute launchPermission makes the AMI private again', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(
      call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }, { UserId: PARTNER }, { OrganizationArn: LAB_ORGANIZATION_ARN }] } }),
    );
    expectOk(call(cloud, 'ResetImageAttribute', { ImageId: imageId, Attribute: 'launchPermission' }));
    expect(permissions(cloud, imageId)).toEqual([]);
    expect(describeImage(cloud, imageId)['Public']).toBe(false);
    expectError(call(cloud, 'ResetImageAttribute', { ImageId: imageId, Attribute: 'description' }), 'InvalidParameterValue');
  });

  it('CancelImageLaunchPermission removes the grantee, whose listing then no longer shows the AMI', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectOk(call(cloud, 'CancelImageLaunchPermission', { ImageId: imageId }, { account: PARTNER }));
    expectError(call(cloud, 'DescribeImages', { ImageIds: [imageId] }, { account: PARTNER }), 'InvalidAMIID.NotFound');
    expectError(call(cloud, 'CancelImageLaunchPermission', { ImageId: catalogueImageId(cloud) }, { account: PARTNER }), 'InvalidParameterValue');
  });
});
