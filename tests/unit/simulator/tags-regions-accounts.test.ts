import { describe, expect, it } from 'vitest';
import { call, catalogueImageId, describeImage, describeInstance, expectError, expectOk, instanceWithImage, launch, ME, newCloud, PARTNER, STRANGER } from './support.js';

describe('DescribeRegions and DescribeAvailabilityZones', () => {
  it('lists the Regions enabled by default first the lab’s original four, with their endpoints; opt-in Regions only with AllRegions', () => {
    const cloud = newCloud();
    type Regions = { Regions: { RegionName: string; Endpoint: string; OptInStatus: string }[] };
    const regions = expectOk<Regions>(call(cloud, 'DescribeRegions')).Regions;
    expect(regions.slice(0, 4).map((region) => region.RegionName)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2']);
    expect(regions).toHaveLength(17);
    expect(regions.every((region) => region.OptInStatus === 'opt-in-not-required')).toBe(true);
    expect(regions[0]?.Endpoint).toBe('ec2.us-east-1.amazonaws.com');
    const all = expectOk<Regions>(call(cloud, 'DescribeRegions', { AllRegions: true })).Regions;
    expect(all).toHaveLength(34);
    expect(all.find((region) => region.RegionName === 'af-south-1')?.OptInStatus).toBe('not-opted-in');
  });

  it('lists the six Availability Zones of us-east-1 with their AZ IDs', () => {
    const cloud = newCloud();
    const zones = expectOk<{ AvailabilityZones: { ZoneName: string; ZoneId: string; State: string; RegionName: string }[] }>(
      call(cloud, 'DescribeAvailabilityZones'),
    ).AvailabilityZones;
    expect(zones.map((zone) => zone.ZoneName)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(zones.every((zone) => /^use1-az[1-6]$/.test(zone.ZoneId) && zone.State === 'available' && zone.RegionName === 'us-east-1')).toBe(true);
    expect(
      cloud
        .regions()
        .find((region) => region.RegionName === 'ap-southeast-2')
        ?.AvailabilityZones.map((zone) => zone.ZoneName),
    ).toEqual(['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c']);
  });

  it('answers InvalidParameterValue for a zone of another Region', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeAvailabilityZones', { ZoneNames: ['eu-west-1a'] }), 'InvalidParameterValue');
  });
});

describe('accounts', () => {
  it('lists the learner first, then a partner in the organisation and a stranger outside it', () => {
    const cloud = newCloud();
    const accounts = cloud.accounts();
    expect(accounts.map((account) => [account.accountId, account.role])).toEqual([
      [ME, 'learner'],
      [PARTNER, 'partner'],
      [STRANGER, 'stranger'],
    ]);
    expect(accounts.every((account) => /^\d{12}$/.test(account.accountId))).toBe(true);
    expect(accounts[1]?.organizationArn).toBe(accounts[0]?.organizationArn);
    expect(accounts[2]?.organizationArn).toBeNull();
  });
});

describe('CreateTags and DeleteTags', () => {
  it('tags an instance, an image, a volume and a snapshot in one call', () => {
    const cloud = newCloud();
    const { instanceId, imageId } = instanceWithImage(cloud);
    const volumeId = (describeInstance(cloud, instanceId)['BlockDeviceMappings'] as { Ebs: { VolumeId: string } }[])[0]?.Ebs.VolumeId ?? '';
    expectOk(call(cloud, 'CreateTags', { Resources: [instanceId, imageId, volumeId], Tags: [{ Key: 'env', Value: 'lab' }] }));
    expect(describeInstance(cloud, instanceId)['Tags']).toEqual([{ Key: 'env', Value: 'lab' }]);
    expect(describeImage(cloud, imageId)['Tags']).toEqual([{ Key: 'env', Value: 'lab' }]);
  });

  it('keeps tags per account: a grantee’s tags on a shared AMI are invisible to the owner', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectOk(call(cloud, 'CreateTags', { Resources: [imageId], Tags: [{ Key: 'approved', Value: 'yes' }] }, { account: PARTNER }));
    expect(describeImage(cloud, imageId, { account: PARTNER })['Tags']).toEqual([{ Key: 'approved', Value: 'yes' }]);
    expect(describeImage(cloud, imageId)['Tags']).toBeUndefined();
  });

  it('DeleteTags removes a tag only when the value matches, and all the caller’s tags without Tags', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud);
    expectOk(
      call(cloud, 'CreateTags', {
        Resources: [instanceId],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    expectOk(call(cloud, 'DeleteTags', { Resources: [instanceId], Tags: [{ Key: 'a', Value: 'other' }] }));
    expect(describeInstance(cloud, instanceId)['Tags']).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    expectOk(call(cloud, 'DeleteTags', { Resources: [instanceId], Tags: [{ Key: 'a' }] }));
    expect(describeInstance(cloud, instanceId)['Tags']).toEqual([{ Key: 'b', Value: '2' }]);
    expectOk(call(cloud, 'DeleteTags', { Resources: [instanceId] }));
    expect(describeInstance(cloud, instanceId)['Tags']).toBeUndefined();
  });

  it('answers InvalidID for an unknown prefix, NotFound for a missing resource, and rejects aws: keys', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud);
    expectError(call(cloud, 'CreateTags', { Resources: ['sg-12345678'], Tags: [{ Key: 'a', Value: 'b' }] }), 'InvalidID', "The ID 'sg-12345678' is not valid");
    expectError(call(cloud, 'CreateTags', { Resources: ['ami-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] }), 'InvalidAMIID.NotFound');
    expectError(call(cloud, 'CreateTags', { Resources: [instanceId], Tags: [{ Key: 'aws:owner', Value: 'me' }] }), 'InvalidParameterValue');
  });

  it('answers TagLimitExceeded beyond 50 tags per resource', () => {
    const cloud = newCloud();
    const instanceId = launch(cloud);
    const tags = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
    expectError(call(cloud, 'CreateTags', { Resources: [instanceId], Tags: tags }), 'TagLimitExceeded');
  });

  it('lets anyone tag a public AMI, visible to the tagger only', () => {
    const cloud = newCloud();
    const amazonLinux = catalogueImageId(cloud);
    expectOk(call(cloud, 'CreateTags', { Resources: [amazonLinux], Tags: [{ Key: 'favourite', Value: 'yes' }] }, { account: STRANGER }));
    expect(describeImage(cloud, amazonLinux)['Tags']).toBeUndefined();
  });
});
