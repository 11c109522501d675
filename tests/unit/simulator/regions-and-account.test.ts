/** Every commercial Region, opt-in Regions and the Account API (EnableRegion, DisableRegion, GetRegionOptStatus, ListRegions). */
import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../../src/simulator/index.js';
import { call, catalogueImageId, expectError, expectOk, launch, ME, MINUTE, newCloud, PARTNER } from './support.js';

const account = { service: 'account' } as const;
type Status = { RegionName: string; RegionOptStatus: string };

describe('Regions and Availability Zones', () => {
  it('models every commercial Region with real AZ IDs, unique zone names and the opt-in ones marked', () => {
    expect(REGIONS).toHaveLength(34);
    const zoneNames = REGIONS.flatMap((region) => region.AvailabilityZones.map((zone) => zone.ZoneName));
    expect(new Set(zoneNames).size).toBe(zoneNames.length);
    for (const region of REGIONS) {
      for (const zone of region.AvailabilityZones) {
        expect(zone.ZoneName.startsWith(region.RegionName)).toBe(true);
        expect(zone.ZoneId).toMatch(/^[a-z]+\d-az\d$/);
      }
    }
    const byName = new Map(REGIONS.map((region) => [region.RegionName, region]));
    expect(
      byName
        .get('us-east-1')
        ?.AvailabilityZones.map((zone) => zone.ZoneId)
        .sort(),
    ).toEqual(['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6']);
    expect(byName.get('us-west-1')?.AvailabilityZones).toHaveLength(2);
    const optIn = REGIONS.filter((region) => region.OptIn).map((region) => region.RegionName);
    for (const name of [
      'af-south-1',
      'ap-east-1',
      'ap-south-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-7',
      'ca-west-1',
      'eu-south-1',
      'eu-south-2',
      'eu-central-2',
      'il-central-1',
      'me-south-1',
      'me-central-1',
      'mx-central-1',
    ]) {
      expect(optIn).toContain(name);
    }
    expect(optIn).not.toContain('us-east-2');
  });

  it('describes the zones of a Region enabled by default, each with its AZ ID', () => {
    const cloud = newCloud();
    const zones = expectOk<{ AvailabilityZones: { ZoneName: string; ZoneId: string; OptInStatus: string }[] }>(
      call(cloud, 'DescribeAvailabilityZones', {}, { region: 'ca-central-1' }),
    ).AvailabilityZones;
    expect(zones.map((zone) => [zone.ZoneName, zone.ZoneId])).toEqual([
      ['ca-central-1a', 'cac1-az1'],
      ['ca-central-1b', 'cac1-az2'],
      ['ca-central-1d', 'cac1-az4'],
    ]);
    expect(zones[0]?.OptInStatus).toBe('opt-in-not-required');
  });

  it('gives every Region its own catalogue IDs, the same in every world', () => {
    const first = newCloud(1);
    const second = newCloud(2);
    expect(catalogueImageId(first, 'eu-central-1')).toBe(catalogueImageId(second, 'eu-central-1'));
    expect(catalogueImageId(first, 'eu-central-1')).not.toBe(catalogueImageId(first, 'us-east-1'));
  });

  it('adds a Region’s catalogue on the Region’s first use, without logging it as created', () => {
    const cloud = newCloud();
    const before = Object.keys(cloud.world().images).length;
    catalogueImageId(cloud, 'sa-east-1');
    expect(Object.keys(cloud.world().images).length).toBeGreaterThan(before);
    expect(cloud.log().filter((entry) => entry.kind === 'state-change')).toHaveLength(0);
  });

  it('offers the catalogue’s Amazon Linux 2, RHEL and a Marketplace image with its product code', () => {
    const cloud = newCloud();
    type Images = { Images: { Name: string; ProductCodes?: { ProductCodeId: string; ProductCodeType: string }[]; ImageOwnerAlias?: string }[] };
    const images = expectOk<Images>(call(cloud, 'DescribeImages', { ExecutableUsers: ['all'] })).Images;
    expect(images.some((image) => image.Name.startsWith('amzn2-ami-hvm-'))).toBe(true);
    expect(images.some((image) => image.Name.startsWith('RHEL-9'))).toBe(true);
    const marketplace = images.find((image) => image.ImageOwnerAlias === 'aws-marketplace');
    expect(marketplace?.ProductCodes).toEqual([{ ProductCodeId: '6njl1pau431dv1qxipg63mvah', ProductCodeType: 'marketplace' }]);
  });
});

describe('opt-in Regions', () => {
  it('refuse every EC2 call until enabled, with AuthFailure, and SSM calls with UnrecognizedClientException', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', {}, { region: 'af-south-1' }), 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    expectError(
      call(cloud, 'GetParameter', { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }, { region: 'af-south-1', service: 'ssm' }),
      'UnrecognizedClientException',
    );
  });

  it('are ENABLING for a while after EnableRegion, then ENABLED and usable; other accounts are unaffected', () => {
    const cloud = newCloud();
    const status = (accountId = ME): string =>
      expectOk<Status>(call(cloud, 'GetRegionOptStatus', { RegionName: 'eu-south-2' }, { ...account, account: accountId })).RegionOptStatus;
    expect(status()).toBe('DISABLED');
    expect(expectOk(call(cloud, 'EnableRegion', { RegionName: 'eu-south-2' }, account))).toEqual({});
    expect(status()).toBe('ENABLING');
    expectError(call(cloud, 'DescribeInstances', {}, { region: 'eu-south-2' }), 'AuthFailure');
    cloud.advance(15 * MINUTE);
    expect(status()).toBe('ENABLED');
    expect(status(PARTNER)).toBe('DISABLED');
    const launched = launch(cloud, { region: 'eu-south-2', imageId: catalogueImageId(cloud, 'eu-south-2') });
    expect(launched).toMatch(/^i-/);
    const regions = expectOk<{ Regions: { RegionName: string; OptInStatus: string }[] }>(call(cloud, 'DescribeRegions')).Regions;
    expect(regions.find((region) => region.RegionName === 'eu-south-2')?.OptInStatus).toBe('opted-in');
  });

  it('DisableRegion makes a Region DISABLING then DISABLED; enabling while disabling is a ConflictException', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'EnableRegion', { RegionName: 'me-central-1' }, account));
    expectError(call(cloud, 'DisableRegion', { RegionName: 'me-central-1' }, account), 'ConflictException');
    cloud.advance(15 * MINUTE);
    expectOk(call(cloud, 'DisableRegion', { RegionName: 'me-central-1' }, account));
    expect(expectOk<Status>(call(cloud, 'GetRegionOptStatus', { RegionName: 'me-central-1' }, account)).RegionOptStatus).toBe('DISABLING');
    expectError(call(cloud, 'EnableRegion', { RegionName: 'me-central-1' }, account), 'ConflictException');
    expectError(call(cloud, 'DescribeImages', {}, { region: 'me-central-1' }), 'AuthFailure');
    cloud.advance(15 * MINUTE);
    expect(expectOk<Status>(call(cloud, 'GetRegionOptStatus', { RegionName: 'me-central-1' }, account)).RegionOptStatus).toBe('DISABLED');
  });

  it('refuses to opt in or out of a default Region, an unknown Region, or another account', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'EnableRegion', { RegionName: 'us-east-1' }, account), 'ValidationException', /invalidRegionOptTarget/);
    expectError(call(cloud, 'EnableRegion', { RegionName: 'xx-nowhere-1' }, account), 'ValidationException');
    expectError(call(cloud, 'EnableRegion', {}, account), 'ValidationException', /regionName/);
    expectError(call(cloud, 'EnableRegion', { RegionName: 'af-south-1', AccountId: PARTNER }, account), 'AccessDeniedException');
    expect(expectOk<Status>(call(cloud, 'GetRegionOptStatus', { RegionName: 'us-east-1' }, account)).RegionOptStatus).toBe('ENABLED_BY_DEFAULT');
    expectError(call(cloud, 'NoSuchAction', {}, account), 'UnknownOperationException');
  });

  it('ListRegions lists every Region, filters by status and pages with MaxResults', () => {
    const cloud = newCloud();
    type List = { Regions: Status[]; NextToken?: string };
    expect(expectOk<List>(call(cloud, 'ListRegions', {}, account)).Regions).toHaveLength(34);
    expectOk(call(cloud, 'EnableRegion', { RegionName: 'il-central-1' }, account));
    const enabling = expectOk<List>(call(cloud, 'ListRegions', { RegionOptStatusContains: ['ENABLING'] }, account)).Regions;
    expect(enabling).toEqual([{ RegionName: 'il-central-1', RegionOptStatus: 'ENABLING' }]);
    const page = expectOk<List>(call(cloud, 'ListRegions', { MaxResults: 20 }, account));
    expect(page.Regions).toHaveLength(20);
    const rest = expectOk<List>(call(cloud, 'ListRegions', { MaxResults: 20, NextToken: page.NextToken }, account));
    expect(rest.Regions).toHaveLength(14);
    expect(rest.NextToken).toBeUndefined();
    expectError(call(cloud, 'ListRegions', { RegionOptStatusContains: ['SOMETIMES'] }, account), 'ValidationException');
  });

  it('refuses copies from a disabled Region and into one', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'EnableRegion', { RegionName: 'ap-southeast-5' }, account));
    cloud.advance(15 * MINUTE);
    const source = catalogueImageId(cloud, 'ap-southeast-5');
    expectOk(call(cloud, 'DisableRegion', { RegionName: 'ap-southeast-5' }, account));
    cloud.advance(15 * MINUTE);
    expectError(call(cloud, 'CopyImage', { SourceRegion: 'ap-southeast-5', SourceImageId: source, Name: 'copy' }), 'AuthFailure', /source Region ap-southeast-5/);
    const local = catalogueImageId(cloud);
    expectError(call(cloud, 'CopyImage', { SourceRegion: 'us-east-1', SourceImageId: local, Name: 'copy' }, { region: 'ap-southeast-5' }), 'AuthFailure');
  });

  it('answers unknown services and keeps EC2 the default service', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', {}, { service: 's3' }), 'UnknownService');
    expectOk(call(cloud, 'DescribeRegions', {}, { service: 'ec2' }));
    expectError(call(cloud, 'NoSuchAction', {}, { service: 'autoscaling' }), 'InvalidAction');
    const entry = cloud.log().at(-1);
    expect(entry?.kind === 'call' && entry.service).toBe('autoscaling');
  });
});
