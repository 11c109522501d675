/** Data Lifecycle Manager (issue 14): AMI and snapshot policies on the simulated clock, with their errors. */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../src/simulator/index.js';
import { call, expectError, expectOk, HOUR, launchRunning, ME, newCloud, US_WEST_2 } from './support.js';

const dlm = { service: 'dlm' } as const;
const DAY = 24 * HOUR;
const ROLE = 'arn:aws:iam::111122223333:role/AWSDataLifecycleManagerDefaultRole';

function amiPolicy(schedule: Record<string, unknown> = {}, details: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ExecutionRoleArn: ROLE,
    Description: 'Daily AMIs',
    State: 'ENABLED',
    PolicyDetails: {
      PolicyType: 'IMAGE_MANAGEMENT',
      ResourceTypes: ['INSTANCE'],
      TargetTags: [{ Key: 'backup', Value: 'daily' }],
      Schedules: [
        {
          Name: 'Daily',
          CreateRule: { Interval: 24, IntervalUnit: 'HOURS', Times: ['09:30'] },
          RetainRule: { Count: 7 },
          TagsToAdd: [{ Key: 'made-by', Value: 'dlm' }],
          CopyTags: true,
          ...schedule,
        },
      ],
      ...details,
    },
  };
}

function taggedInstance(cloud: Cloud, tag = 'daily'): string {
  const id = launchRunning(cloud);
  expectOk(
    call(cloud, 'CreateTags', {
      Resources: [id],
      Tags: [
        { Key: 'backup', Value: tag },
        { Key: 'app', Value: 'web' },
      ],
    }),
  );
  return id;
}

function policyImages(cloud: Cloud, region = 'us-east-1'): { ImageId: string; State: string; Tags?: { Key: string; Value: string }[]; DeprecationTime?: string }[] {
  return expectOk<{ Images: { ImageId: string; State: string; Tags?: { Key: string; Value: string }[] }[] }>(
    call(cloud, 'DescribeImages', { Owners: ['self'], Filters: [{ Name: 'tag:made-by', Values: ['dlm'] }] }, { region }),
  ).Images;
}

describe('lifecycle policies (dlm)', () => {
  it('create, get, list, update and delete, with AWS errors', () => {
    const cloud = newCloud();
    const { PolicyId } = expectOk<{ PolicyId: string }>(call(cloud, 'CreateLifecyclePolicy', amiPolicy(), dlm));
    expect(PolicyId).toMatch(/^policy-[0-9a-f]{17}$/);
    const policy = expectOk<{ Policy: { State: string; PolicyDetails: { PolicyType: string }; PolicyArn: string } }>(call(cloud, 'GetLifecyclePolicy', { PolicyId }, dlm)).Policy;
    expect(policy.State).toBe('ENABLED');
    expect(policy.PolicyDetails.PolicyType).toBe('IMAGE_MANAGEMENT');
    expect(policy.PolicyArn).toBe(`arn:aws:dlm:us-east-1:${ME}:policy/${PolicyId}`);
    expect(expectOk<{ Policies: { PolicyId: string }[] }>(call(cloud, 'GetLifecyclePolicies', { TargetTags: ['backup=daily'] }, dlm)).Policies).toHaveLength(1);
    expectOk(call(cloud, 'UpdateLifecyclePolicy', { PolicyId, State: 'DISABLED' }, dlm));
    expect(expectOk<{ Policies: unknown[] }>(call(cloud, 'GetLifecyclePolicies', { State: 'ENABLED' }, dlm)).Policies).toHaveLength(0);
    expectOk(call(cloud, 'DeleteLifecyclePolicy', { PolicyId }, dlm));
    expectError(call(cloud, 'GetLifecyclePolicy', { PolicyId }, dlm), 'ResourceNotFoundException');
    expectError(call(cloud, 'GetLifecyclePolicies', { PolicyIds: [PolicyId] }, dlm), 'ResourceNotFoundException');
    expectError(call(cloud, 'DeleteLifecyclePolicy', { PolicyId }, dlm), 'ResourceNotFoundException');
  });

  it('refuses bad policies with InvalidRequestException', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'CreateLifecyclePolicy', { ...amiPolicy(), ExecutionRoleArn: 'role' }, dlm), 'InvalidRequestException');
    expectError(
      call(cloud, 'CreateLifecyclePolicy', amiPolicy({ CreateRule: { Interval: 5, IntervalUnit: 'HOURS' } }), dlm),
      'InvalidRequestException',
      /1, 2, 3, 4, 6, 8, 12 or 24/,
    );
    expectError(call(cloud, 'CreateLifecyclePolicy', amiPolicy({ RetainRule: {} }), dlm), 'InvalidRequestException', /RetainRule/);
    expectError(
      call(cloud, 'CreateLifecyclePolicy', amiPolicy({ CreateRule: { CronExpression: 'cron(0 9 * * ? *)', Interval: 24, IntervalUnit: 'HOURS' } }), dlm),
      'InvalidRequestException',
      /mutually exclusive/,
    );
    expectError(call(cloud, 'CreateLifecyclePolicy', amiPolicy({}, { ResourceTypes: ['VOLUME'] }), dlm), 'InvalidRequestException', /INSTANCE/);
    expectError(
      call(cloud, 'CreateLifecyclePolicy', amiPolicy({ CrossRegionCopyRules: [{ TargetRegion: 'mars-1', Encrypted: false }] }), dlm),
      'InvalidRequestException',
      /TargetRegion/,
    );
    expectError(call(cloud, 'CreateLifecyclePolicy', amiPolicy({}, { TargetTags: undefined }), dlm), 'InvalidRequestException', /TargetTags/);
  });

  it('an AMI policy makes a daily AMI of each tagged instance at its time, tagged as AWS tags it, and keeps seven', () => {
    const cloud = newCloud();
    const tagged = taggedInstance(cloud);
    taggedInstance(cloud, 'never');
    const { PolicyId } = expectOk<{ PolicyId: string }>(call(cloud, 'CreateLifecyclePolicy', amiPolicy(), dlm));
    // Created at 09:05 on day one: the first run is at 09:30.
    cloud.advance(HOUR);
    const first = policyImages(cloud);
    expect(first).toHaveLength(1);
    const tags = Object.fromEntries((first[0]?.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
    expect(tags).toMatchObject({ 'aws:dlm:lifecycle-policy-id': PolicyId, 'aws:dlm:lifecycle-schedule-name': 'Daily', 'made-by': 'dlm', app: 'web', backup: 'daily' });
    const image = expectOk<{ Images: { SourceInstanceId?: string }[] }>(call(cloud, 'DescribeImages', { ImageIds: [first[0]?.ImageId ?? ''] })).Images[0];
    expect(image).toBeDefined();
    expect(cloud.world().images[first[0]?.ImageId ?? '']?.sourceInstanceId).toBe(tagged);
    cloud.advance(9 * DAY);
    const kept = policyImages(cloud).filter((candidate) => candidate.State === 'available');
    expect(kept).toHaveLength(7);
    // AMIs it made are billed like any AMI's snapshots.
    expect(cloud.bill(ME).lines.filter((line) => line.category === 'image-snapshot').length).toBeGreaterThanOrEqual(7);
  });

  it('cross-Region copy rules copy each AMI to the DR Region with their own retention', () => {
    const cloud = newCloud();
    taggedInstance(cloud);
    expectOk(
      call(
        cloud,
        'CreateLifecyclePolicy',
        amiPolicy({
          RetainRule: { Count: 7 },
          CrossRegionCopyRules: [{ TargetRegion: US_WEST_2, Encrypted: true, CopyTags: true, RetainRule: { Interval: 3, IntervalUnit: 'DAYS' } }],
        }),
        dlm,
      ),
    );
    cloud.advance(2 * HOUR);
    const copies = policyImages(cloud, US_WEST_2);
    expect(copies).toHaveLength(1);
    expect(copies[0]?.Tags?.some((tag) => tag.Key === 'aws:dlm:lifecycle-policy-id')).toBe(true);
    const copy = cloud.world().images[copies[0]?.ImageId ?? ''];
    expect(copy?.blockDeviceMappings[0]?.Ebs?.Encrypted).toBe(true);
    cloud.advance(6 * DAY);
    // Seven source AMIs, but copies only for three days.
    expect(policyImages(cloud).filter((image) => image.State === 'available')).toHaveLength(7);
    expect(policyImages(cloud, US_WEST_2).filter((image) => image.State === 'available').length).toBeLessThanOrEqual(4);
  });

  it('a cron schedule with age retention and a deprecation rule; disabled policies do nothing', () => {
    const cloud = newCloud();
    taggedInstance(cloud);
    const { PolicyId } = expectOk<{ PolicyId: string }>(
      call(
        cloud,
        'CreateLifecyclePolicy',
        amiPolicy({
          CreateRule: { CronExpression: 'cron(0 12 * * ? *)' },
          RetainRule: { Interval: 2, IntervalUnit: 'DAYS' },
          DeprecateRule: { Interval: 1, IntervalUnit: 'DAYS' },
        }),
        dlm,
      ),
    );
    cloud.advance(4 * HOUR);
    const [made] = policyImages(cloud);
    // Made at 12:00 UTC by the cron schedule, deprecated a day later.
    expect(cloud.world().images[made?.ImageId ?? '']?.deprecationTime).toBe(Date.UTC(2025, 0, 7, 12, 0));
    cloud.advance(3 * DAY);
    expect(policyImages(cloud).filter((image) => image.State === 'available').length).toBeLessThanOrEqual(2);
    expectOk(call(cloud, 'UpdateLifecyclePolicy', { PolicyId, State: 'DISABLED' }, dlm));
    const before = policyImages(cloud).length;
    cloud.advance(3 * DAY);
    expect(policyImages(cloud).length).toBeLessThanOrEqual(before);
    expect(cloud.world().timers[PolicyId]).toBeUndefined();
  });

  it('a snapshot policy snapshots tagged volumes and keeps a count', () => {
    const cloud = newCloud();
    const { VolumeId } = expectOk<{ VolumeId: string }>(
      call(cloud, 'CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 8, TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'backup', Value: 'daily' }] }] }),
    );
    expectOk(
      call(
        cloud,
        'CreateLifecyclePolicy',
        {
          ExecutionRoleArn: ROLE,
          Description: 'Volume snapshots',
          State: 'ENABLED',
          PolicyDetails: {
            PolicyType: 'EBS_SNAPSHOT_MANAGEMENT',
            ResourceTypes: ['VOLUME'],
            TargetTags: [{ Key: 'backup', Value: 'daily' }],
            Schedules: [{ Name: 'Every 6 hours', CreateRule: { Interval: 6, IntervalUnit: 'HOURS' }, RetainRule: { Count: 3 } }],
          },
        },
        dlm,
      ),
    );
    cloud.advance(2 * DAY);
    const snapshots = expectOk<{ Snapshots: { VolumeId: string; State: string }[] }>(call(cloud, 'DescribeSnapshots', { OwnerIds: ['self'] })).Snapshots;
    expect(snapshots.filter((snapshot) => snapshot.VolumeId === VolumeId)).toHaveLength(3);
  });

  it('a policy saves and restores, and runs on after a restore', async () => {
    const { restoreCloud } = await import('../../../src/simulator/index.js');
    const cloud = newCloud();
    taggedInstance(cloud);
    expectOk(call(cloud, 'CreateLifecyclePolicy', amiPolicy(), dlm));
    const result = restoreCloud(cloud.save());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cloud.save()).toBe(cloud.save());
    result.cloud.advance(DAY);
    expect(policyImages(result.cloud)).toHaveLength(1);
  });
});
