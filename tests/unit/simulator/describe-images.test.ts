import { describe, expect, it } from 'vitest';
import { LAB_ORGANIZATION_ARN, REGIONS } from '../../../src/simulator/index.js';
import { call, catalogueImageId, describeImage, expectError, expectOk, instanceWithImage, ME, newCloud, PARTNER, STRANGER, US_EAST_1 } from './support.js';

type Images = { Images: { ImageId: string; Name: string; ImageOwnerAlias?: string; OwnerId: string; State: string }[] };
const ids = (result: Images): string[] => result.Images.map((image) => image.ImageId);

describe('DescribeImages', () => {
  it('lists Amazon Linux 2023, Ubuntu 24.04 and Windows Server 2022 in every Region, with different IDs per Region', () => {
    const cloud = newCloud();
    // Opt-in Regions answer only once enabled.
    for (const region of REGIONS.filter((candidate) => candidate.OptIn)) {
      expectOk(call(cloud, 'EnableRegion', { RegionName: region.RegionName }, { service: 'account' }));
    }
    cloud.advance(60 * 60_000);
    const perRegion = REGIONS.map((region) => expectOk<Images>(call(cloud, 'DescribeImages', { ExecutableUsers: ['all'] }, { region: region.RegionName })).Images);
    for (const images of perRegion) {
      const names = images.map((image) => image.Name);
      expect(names.some((name) => name.startsWith('al2023-ami-'))).toBe(true);
      expect(names.some((name) => name.includes('ubuntu-noble-24.04'))).toBe(true);
      expect(names.some((name) => name.startsWith('Windows_Server-2022'))).toBe(true);
    }
    const al2023Ids = perRegion.map((images) => images.find((image) => image.Name.startsWith('al2023-ami-2023.6'))?.ImageId);
    expect(new Set(al2023Ids).size).toBe(REGIONS.length);
    expect(al2023Ids.every((id) => /^ami-[0-9a-f]{17}$/.test(id ?? ''))).toBe(true);
  });

  it('Owners=amazon returns images with owner alias amazon only (Canonical owns Ubuntu)', () => {
    const cloud = newCloud();
    const amazon = expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['amazon'] }));
    expect(amazon.Images.length).toBeGreaterThan(0);
    expect(amazon.Images.every((image) => image.ImageOwnerAlias === 'amazon')).toBe(true);
    const canonical = expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['099720109477'] }));
    expect(canonical.Images.map((image) => image.Name)).toEqual(['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206']);
  });

  it('Owners=self returns only the caller’s images', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'] })))).toEqual([imageId]);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'] }, { account: PARTNER })))).toEqual([]);
  });

  it('hides a private AMI of another account from listings and answers NotFound by ID', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', {}, { account: STRANGER })))).not.toContain(imageId);
    expectError(call(cloud, 'DescribeImages', { ImageIds: [imageId] }, { account: STRANGER }), 'InvalidAMIID.NotFound');
  });

  it('shows an AMI shared with the caller (by account, organisation or OU) but not its owner’s tags', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'CreateTags', { Resources: [imageId], Tags: [{ Key: 'secret', Value: 'owner-only' }] }));
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ OrganizationArn: LAB_ORGANIZATION_ARN }] } }));
    const seen = describeImage(cloud, imageId, { account: PARTNER });
    expect(seen['Tags']).toBeUndefined();
    expect(seen['DeregistrationProtection']).toBeUndefined();
    expectError(call(cloud, 'DescribeImages', { ImageIds: [imageId] }, { account: STRANGER }), 'InvalidAMIID.NotFound');
  });

  it('ExecutableUsers: self lists images shared with the caller; an account ID lists explicit shares only; all lists public images', () => {
    const cloud = newCloud();
    const explicit = instanceWithImage(cloud, 'explicit').imageId;
    const viaOrg = instanceWithImage(cloud, 'via-org').imageId;
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: explicit, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: viaOrg, LaunchPermission: { Add: [{ OrganizationArn: LAB_ORGANIZATION_ARN }] } }));
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { ExecutableUsers: ['self'] }, { account: PARTNER }))).sort()).toEqual([explicit, viaOrg].sort());
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { ExecutableUsers: [PARTNER], Owners: ['self'] })))).toEqual([explicit]);
    const publicOnes = expectOk<Images>(call(cloud, 'DescribeImages', { ExecutableUsers: ['all'] }));
    expect(ids(publicOnes)).not.toContain(explicit);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { ExecutableUsers: ['self'] })))).toEqual([]);
  });

  it('combines ImageIds with Owners and Filters (unlike moto, which ignores them)', () => {
    const cloud = newCloud();
    const amazonLinux = catalogueImageId(cloud);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { ImageIds: [amazonLinux], Owners: ['self'] })))).toEqual([]);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { ImageIds: [amazonLinux], Filters: [{ Name: 'architecture', Values: ['arm64'] }] })))).toEqual([]);
  });

  it('filters by name with * and ? wildcards, and by tag', () => {
    const cloud = newCloud();
    const web1 = instanceWithImage(cloud, 'web-2025-01').imageId;
    instanceWithImage(cloud, 'db-2025-01');
    expectOk(call(cloud, 'CreateTags', { Resources: [web1], Tags: [{ Key: 'role', Value: 'frontend' }] }));
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'], Filters: [{ Name: 'name', Values: ['web-*'] }] })))).toEqual([web1]);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'], Filters: [{ Name: 'name', Values: ['web-2025-0?'] }] })))).toEqual([web1]);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'], Filters: [{ Name: 'tag:role', Values: ['front*'] }] })))).toEqual([web1]);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'], Filters: [{ Name: 'is-public', Values: ['true'] }] })))).toEqual([]);
  });

  it('hides other owners’ deprecated AMIs unless IncludeDeprecated, but returns them by ID', () => {
    const cloud = newCloud();
    const deprecated = catalogueImageId(cloud, US_EAST_1, 'al2023-ami-2023.4*');
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['amazon'] })))).not.toContain(deprecated);
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['amazon'], IncludeDeprecated: true })))).toContain(deprecated);
    expect(describeImage(cloud, deprecated)['DeprecationTime']).toBe('2024-07-01T18:00:00.000Z');
  });

  it('answers InvalidAMIID.Malformed naming the first bad ID', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', { ImageIds: ['not_an_ami_id', 'also-bad'] }), 'InvalidAMIID.Malformed', 'Invalid id: "not_an_ami_id" (expecting "ami-...")');
  });

  it('answers InvalidAMIID.NotFound with AWS’s singular and plural messages', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', { ImageIds: ['ami-abcd1234'] }), 'InvalidAMIID.NotFound', "The image id '[ami-abcd1234]' does not exist");
    expectError(
      call(cloud, 'DescribeImages', { ImageIds: ['ami-abcd1234', 'ami-1234abcd'] }),
      'InvalidAMIID.NotFound',
      "The image ids '[ami-abcd1234, ami-1234abcd]' do not exist",
    );
  });

  it('answers InvalidParameterValue for a filter without a Name or with an unknown name', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', { Filters: [{ Values: ['x'] }] }), 'InvalidParameterValue');
    expectError(call(cloud, 'DescribeImages', { Filters: [{ Name: 'colour', Values: ['x'] }] }), 'InvalidParameterValue', "The filter 'colour' is invalid");
  });

  it('answers InvalidUserID.Malformed for an owner that is neither an alias nor an account ID', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', { Owners: ['someone'] }), 'InvalidUserID.Malformed');
  });

  it('the owner sees DeregistrationProtection; listings are per Region', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expect(describeImage(cloud, imageId)['DeregistrationProtection']).toBe('disabled');
    expect(ids(expectOk<Images>(call(cloud, 'DescribeImages', { Owners: ['self'] }, { region: 'ap-southeast-2' })))).toEqual([]);
    expect(describeImage(cloud, imageId)['OwnerId']).toBe(ME);
  });
});
