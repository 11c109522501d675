import { describe, expect, it } from 'vitest';
import {
  call,
  catalogueImageId,
  describeInstance,
  EU_WEST_1,
  expectError,
  expectOk,
  expectRejectedWithoutChange,
  instanceWithImage,
  launch,
  launchRunning,
  ME,
  MINUTE,
  newCloud,
  PARTNER,
  STRANGER,
  US_EAST_1,
} from './support.js';

interface Reservation {
  ReservationId: string;
  OwnerId: string;
  Instances: {
    InstanceId: string;
    State: { Code: number; Name: string };
    Placement: { AvailabilityZone: string };
    BlockDeviceMappings: { DeviceName: string; Ebs: { VolumeId: string; DeleteOnTermination: boolean } }[];
    ImageId: string;
    Architecture: string;
  }[];
}

describe('RunInstances', () => {
  it('answers with a reservation whose instance is pending (code 0) with an AWS-format ID', () => {
    const cloud = newCloud();
    const reservation = expectOk<Reservation>(call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
    expect(reservation.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
    expect(reservation.OwnerId).toBe(ME);
    const instance = reservation.Instances[0];
    expect(instance?.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(instance?.State).toEqual({ Code: 0, Name: 'pending' });
  });

  it('creates one volume per EBS entry of the AMI, restored from its snapshot, root deleted on termination', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud);
    const instance = describeInstance(cloud, instanceId);
    const mappings = instance['BlockDeviceMappings'] as Reservation['Instances'][number]['BlockDeviceMappings'];
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.DeviceName).toBe('/dev/xvda');
    expect(mappings[0]?.Ebs.DeleteOnTermination).toBe(true);
    const volumes = expectOk<{ Volumes: { SnapshotId: string; Size: number; AvailabilityZone: string }[] }>(
      call(cloud, 'DescribeVolumes', { VolumeIds: [mappings[0]?.Ebs.VolumeId] }),
    );
    expect(volumes.Volumes[0]?.SnapshotId).toMatch(/^snap-/);
    expect(volumes.Volumes[0]?.Size).toBe(8);
    expect(volumes.Volumes[0]?.AvailabilityZone).toBe('us-east-1a');
  });

  it('places the instance in the requested Availability Zone of the Region', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud, { extra: { Placement: { AvailabilityZone: 'us-east-1c' } } });
    expect((describeInstance(cloud, instanceId)['Placement'] as { AvailabilityZone: string }).AvailabilityZone).toBe('us-east-1c');
  });

  it('applies launch-time block device overrides: bigger root and an extra blank data volume kept on termination', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud, {
      extra: {
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, VolumeType: 'gp3' } },
          { DeviceName: '/dev/xvdf', Ebs: { VolumeSize: 50 } },
        ],
      },
    });
    const mappings = describeInstance(cloud, instanceId)['BlockDeviceMappings'] as Reservation['Instances'][number]['BlockDeviceMappings'];
    expect(mappings.map((mapping) => [mapping.DeviceName, mapping.Ebs.DeleteOnTermination])).toEqual([
      ['/dev/xvda', true],
      ['/dev/xvdf', false],
    ]);
    const sizes = expectOk<{ Volumes: { Size: number }[] }>(call(cloud, 'DescribeVolumes', { VolumeIds: mappings.map((mapping) => mapping.Ebs.VolumeId) })).Volumes.map(
      (volume) => volume.Size,
    );
    expect(sizes).toEqual([20, 50]);
  });

  it('refuses a root volume smaller than its snapshot with InvalidBlockDeviceMapping', () => {
    const cloud = newCloud();
    const imageId = catalogueImageId(cloud);
    expectRejectedWithoutChange(
      cloud,
      () =>
        call(cloud, 'RunInstances', {
          ImageId: imageId,
          MinCount: 1,
          MaxCount: 1,
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 4 } }],
        }),
      'InvalidBlockDeviceMapping',
      /Volume of size 4GB is smaller than snapshot 'snap-[0-9a-f]{17}', expect size >= 8GB/,
    );
  });

  it('answers InvalidAMIID.Malformed for an ID that does not start with ami-', () => {
    const cloud = newCloud();
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'RunInstances', { ImageId: 'invalid-ami-format', MinCount: 1, MaxCount: 1 }),
      'InvalidAMIID.Malformed',
      'Invalid id: "invalid-ami-format" (expecting "ami-...")',
    );
  });

  it('answers InvalidAMIID.NotFound for a well-formed ID that does not exist', () => {
    const cloud = newCloud();
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'RunInstances', { ImageId: 'ami-abcd1234', MinCount: 1, MaxCount: 1 }),
      'InvalidAMIID.NotFound',
      "The image id '[ami-abcd1234]' does not exist",
    );
  });

  it('answers InvalidAMIID.NotFound for an AMI that lives in another Region (AMIs are regional)', () => {
    const cloud = newCloud();
    const irishImage = catalogueImageId(cloud, EU_WEST_1);
    expectError(call(cloud, 'RunInstances', { ImageId: irishImage, MinCount: 1, MaxCount: 1 }, { region: US_EAST_1 }), 'InvalidAMIID.NotFound');
  });

  it("answers AuthFailure for another account's private AMI", () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectError(
      call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }, { account: STRANGER }),
      'AuthFailure',
      `Not authorized for images: [${imageId}]`,
    );
  });

  it('launches an AMI shared with the caller, billed to the caller', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    const instanceId = launch(cloud, { account: PARTNER, imageId });
    cloud.advance(MINUTE);
    expect(cloud.bill(PARTNER).lines.some((line) => line.resourceId === instanceId && line.ratePerMonthUsd > 0)).toBe(true);
    expect(cloud.bill(ME).lines.some((line) => line.resourceId === instanceId)).toBe(false);
  });

  it('answers InvalidAMIID.Unavailable for an AMI that is still pending', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'not-ready' }));
    expectError(call(cloud, 'RunInstances', { ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }), 'InvalidAMIID.Unavailable');
  });

  it('answers InvalidAMIID.Unavailable for a recently deregistered AMI', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    expectError(
      call(cloud, 'RunInstances', { ImageId: imageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }),
      'InvalidAMIID.Unavailable',
      `The image id '[${imageId}]' is no longer available`,
    );
  });

  it('still launches a deprecated AMI by ID', () => {
    const cloud = newCloud();
    const deprecated = catalogueImageId(cloud, US_EAST_1, 'al2023-ami-2023.4*');
    expect(call(cloud, 'RunInstances', { ImageId: deprecated, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }).ok).toBe(true);
  });

  it('answers InvalidParameterValue for an Availability Zone outside the Region', () => {
    const cloud = newCloud();
    const imageId = catalogueImageId(cloud);
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'RunInstances', { ImageId: imageId, MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: 'us-west-1b' } }),
      'InvalidParameterValue',
      'Invalid availability zone: [us-west-1b]',
    );
  });

  it('answers Unsupported for a t3 in us-east-1e, which offers no current-generation types', () => {
    const cloud = newCloud();
    const imageId = catalogueImageId(cloud);
    expectError(
      call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: 'us-east-1e' } }),
      'Unsupported',
      /^Your requested instance type \(t3\.micro\) is not supported in your requested Availability Zone \(us-east-1e\)/,
    );
  });

  it('answers InvalidParameterValue when the instance type architecture does not match the AMI', () => {
    const cloud = newCloud();
    const imageId = catalogueImageId(cloud);
    expectError(
      call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't4g.micro', MinCount: 1, MaxCount: 1 }),
      'InvalidParameterValue',
      /architecture 'arm64' of the specified instance type does not match the architecture 'x86_64'/,
    );
  });

  it('answers InvalidParameterValue for an instance type that does not exist', () => {
    const cloud = newCloud();
    expectError(
      call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), InstanceType: 't9.mega', MinCount: 1, MaxCount: 1 }),
      'InvalidParameterValue',
      'The following supplied instance types do not exist: [t9.mega]',
    );
  });

  it('launches up to MaxCount within the vCPU quota and refuses with VcpuLimitExceeded when MinCount cannot be met', () => {
    const cloud = newCloud();
    const imageId = catalogueImageId(cloud);
    const many = expectOk<Reservation>(call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 20 }));
    expect(many.Instances).toHaveLength(16);
    expectRejectedWithoutChange(cloud, () => call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }), 'VcpuLimitExceeded');
  });

  it('marks what user data installs on the root volume at first boot', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud, { userData: '#!/bin/bash\ndnf install -y nginx git\nsystemctl enable nginx\n' });
    expect(cloud.installedSoftware(ME, instanceId)).toEqual(['amazon-linux-2023-base']);
    cloud.advance(MINUTE);
    expect(cloud.installedSoftware(ME, instanceId)).toEqual(['amazon-linux-2023-base', 'nginx', 'git']);
  });

  it('marks what an Installed tag lists, as an alternative to user data', () => {
    const cloud = newCloud();
    const instanceId = launchRunning(cloud, {
      extra: { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Installed', Value: 'httpd, php' }] }] },
    });
    expect(cloud.installedSoftware(ME, instanceId)).toEqual(['amazon-linux-2023-base', 'httpd', 'php']);
  });

  it('answers InvalidParameterValue for user data that is not base64', () => {
    const cloud = newCloud();
    expectError(
      call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), MinCount: 1, MaxCount: 1, UserData: 'not base64!' }),
      'InvalidParameterValue',
      'Invalid BASE64 encoding of user data.',
    );
  });

  it('answers MissingParameter when MaxCount is missing', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), MinCount: 1 }), 'MissingParameter', 'The request must contain the parameter MaxCount');
  });

  it('answers InvalidParameterValue for a mistyped MinCount', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), MinCount: 'one', MaxCount: 1 }), 'InvalidParameterValue', "Invalid value 'one' for MinCount");
  });

  it('answers UnknownParameter for a parameter EC2 does not have', () => {
    const cloud = newCloud();
    expectError(
      call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), MinCount: 1, MaxCount: 1, Colour: 'blue' }),
      'UnknownParameter',
      'The parameter Colour is not recognized',
    );
  });

  it("uses m1.small, EC2's default instance type, when none is given", () => {
    const cloud = newCloud();
    const reservation = expectOk<{ Instances: { InstanceType: string }[] }>(call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), MinCount: 1, MaxCount: 1 }));
    expect(reservation.Instances[0]?.InstanceType).toBe('m1.small');
  });
});
