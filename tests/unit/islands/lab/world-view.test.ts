import { describe, expect, test } from 'vitest';
import { buildWorldView, geographyOf, isRegionInUse, regionChoices, scenarioRegions } from '../../../../src/islands/lab/world-view.js';
import { createCloud } from '../../../../src/simulator/index.js';
import { call, describeImage, expectOk, instanceWithImage, newCloud, snapshotIdsOf } from '../../simulator/support.js';

const ME = '111122223333';
const START = new Date('2025-01-06T09:00:00Z');

function cloudWithNothing() {
  return createCloud({ seed: 7, now: START });
}

describe('the world view with 34 Regions', () => {
  test('an empty account has only the selected Region in use; the others are listed, not drawn', () => {
    const cloud = cloudWithNothing();
    const regions = buildWorldView(cloud.world(), ME);
    expect(regions).toHaveLength(34);
    const inUse = regions.filter((region) => isRegionInUse(region, 'us-east-1', []));
    expect(inUse.map((region) => region.region)).toEqual(['us-east-1']);
  });

  test('a Region with a parameter of the account, or the scenario’s, is in use', () => {
    const cloud = cloudWithNothing();
    const put = cloud.send({ op: 'PutParameter', service: 'ssm', region: 'eu-west-1', account: ME, params: { Name: '/app/colour', Value: 'blue', Type: 'String' } });
    expect(put.ok).toBe(true);
    const regions = buildWorldView(cloud.world(), ME);
    const inUse = regions.filter((region) => isRegionInUse(region, 'us-east-1', ['ap-southeast-2'])).map((region) => region.region);
    expect(inUse).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    expect(regions.find((region) => region.region === 'eu-west-1')?.serviceCount).toBe(1);
  });

  test('another account’s parameter does not put a Region in use for me', () => {
    const cloud = cloudWithNothing();
    const [, partner] = cloud.accounts();
    cloud.send({ op: 'PutParameter', service: 'ssm', region: 'eu-west-1', account: partner?.accountId ?? '', params: { Name: 'x', Value: 'y', Type: 'String' } });
    const view = buildWorldView(cloud.world(), ME).find((region) => region.region === 'eu-west-1');
    expect(view?.serviceCount).toBe(0);
  });

  test('an opt-in Region reads DISABLED, then ENABLING, then ENABLED as simulated time passes', () => {
    const cloud = cloudWithNothing();
    const status = () => buildWorldView(cloud.world(), ME).find((region) => region.region === 'eu-central-2')?.optInStatus;
    expect(status()).toBe('DISABLED');
    expect(cloud.send({ op: 'EnableRegion', service: 'account', region: 'us-east-1', account: ME, params: { RegionName: 'eu-central-2' } }).ok).toBe(true);
    expect(status()).toBe('ENABLING');
    cloud.advance(15 * 60_000);
    expect(status()).toBe('ENABLED');
    expect(buildWorldView(cloud.world(), ME).find((region) => region.region === 'eu-central-1')?.optInStatus).toBe('ENABLED_BY_DEFAULT');
  });
});

describe('the Region picker’s choices', () => {
  test('Regions are grouped by geography with their console names and opt-in status', () => {
    const groups = regionChoices(cloudWithNothing().world(), ME);
    expect(groups.map((group) => group.geography)).toEqual(['North America', 'South America', 'Europe', 'Asia Pacific', 'Middle East', 'Africa']);
    expect(groups.reduce((sum, group) => sum + group.regions.length, 0)).toBe(34);
    const europe = groups.find((group) => group.geography === 'Europe')?.regions.map((choice) => choice.label) ?? [];
    expect(europe).toContain('Europe (Frankfurt) eu-central-1');
    expect(europe).toContain('Europe (Zurich) eu-central-2 (opt-in: not enabled)');
  });

  test('geographies follow the Region code', () => {
    expect(geographyOf('il-central-1')).toBe('Middle East');
    expect(geographyOf('mx-central-1')).toBe('North America');
    expect(geographyOf('af-south-1')).toBe('Africa');
  });

  test('a scenario’s Regions are its own and those its goals name', () => {
    const scenario = { region: 'us-east-1', goals: [{ params: { region: 'eu-west-1', name: 'web' } }, { params: { count: 2 } }] };
    expect(scenarioRegions(scenario)).toEqual(['us-east-1', 'eu-west-1']);
    expect(scenarioRegions(null)).toEqual([]);
  });
});

describe('AMIs and their snapshots: each snapshot listed once', () => {
  /** Every snapshot the view draws as a resource (under an AMI mapping or loose) in a Region. */
  function drawnSnapshots(region: ReturnType<typeof buildWorldView>[number]): string[] {
    const underImages = [...region.ownImages, ...region.sharedImages].flatMap((view) =>
      view.mappings.filter((mapping) => mapping.snapshot !== undefined && mapping.listedUnder === null).map((mapping) => mapping.snapshotId),
    );
    return [...underImages, ...region.looseSnapshots.map(({ snapshot }) => snapshot.id)].filter((id): id is string => id !== null);
  }
  const usEast1 = (cloud: ReturnType<typeof newCloud>) => buildWorldView(cloud.world(), ME).find((region) => region.region === 'us-east-1');

  test('a registered AMI lists its snapshots; none of them is loose', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const region = usEast1(cloud);
    const snapshots = snapshotIdsOf(describeImage(cloud, imageId));
    expect(region?.ownImages.map((view) => view.image.id)).toEqual([imageId]);
    expect(region?.deregisteredImages).toEqual([]);
    expect(region?.looseSnapshots).toEqual([]);
    expect(drawnSnapshots(region as NonNullable<typeof region>).sort()).toEqual([...snapshots].sort());
  });

  test('a deregistered AMI is shown apart, with no devices; its snapshots are listed once, as made for it', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const snapshots = snapshotIdsOf(describeImage(cloud, imageId));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    const region = usEast1(cloud);
    expect(region?.ownImages).toEqual([]);
    expect(region?.deregisteredImages.map((view) => [view.image.id, view.deregistered, view.mappings.length])).toEqual([[imageId, true, 0]]);
    const drawn = drawnSnapshots(region as NonNullable<typeof region>);
    expect(drawn.sort()).toEqual([...snapshots].sort());
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(region?.looseSnapshots.map(({ madeFor, madeForDeregistered }) => [madeFor, madeForDeregistered])).toEqual(snapshots.map(() => [imageId, true]));
  });

  test('a snapshot two AMIs use is drawn under the first, and the second says where', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    const registered = expectOk<{ ImageId: string }>(
      call(cloud, 'RegisterImage', {
        Name: 'same-disk',
        RootDeviceName: '/dev/xvda',
        Architecture: 'x86_64',
        VirtualizationType: 'hvm',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotId } }],
      }),
    ).ImageId;
    const region = usEast1(cloud);
    const drawn = drawnSnapshots(region as NonNullable<typeof region>);
    expect(drawn.filter((id) => id === snapshotId)).toHaveLength(1);
    const second = region?.ownImages.find((view) => view.image.id === registered);
    expect(second?.mappings[0]?.listedUnder).toBe(imageId);
    const first = region?.ownImages.find((view) => view.image.id === imageId);
    expect(first?.mappings.find((mapping) => mapping.snapshotId === snapshotId)?.alsoUsedBy).toEqual([registered]);
  });
});
