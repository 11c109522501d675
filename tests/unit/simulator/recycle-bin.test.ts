/** Recycle Bin (issue 14): rbin retention rules, EC2's bin calls, retention on the clock, billing, locks. */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../src/simulator/index.js';
import {
  call,
  describeImage,
  expectError,
  expectOk,
  expectRejectedWithoutChange,
  HOUR,
  instanceWithImage,
  ME,
  MINUTE,
  newCloud,
  PARTNER,
  snapshotIdsOf,
  US_WEST_2,
} from './support.js';

const rbin = { service: 'rbin' } as const;
const DAY = 24 * HOUR;

type Rule = { Identifier: string; Status: string; LockState?: string; LockEndTime?: Date; RuleArn: string; RetentionPeriod: { RetentionPeriodValue: number } };

function createRule(cloud: Cloud, params: Record<string, unknown>, options: { region?: string; account?: string } = {}): Rule {
  return expectOk<Rule>(call(cloud, 'CreateRule', { RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' }, ...params }, { ...rbin, ...options }));
}

/** An image rule and a snapshot rule, both active. */
function withRules(cloud: Cloud, imageDays = 7, snapshotDays = 14): { imageRule: Rule; snapshotRule: Rule } {
  const imageRule = createRule(cloud, { ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: imageDays, RetentionPeriodUnit: 'DAYS' } });
  const snapshotRule = createRule(cloud, { ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: { RetentionPeriodValue: snapshotDays, RetentionPeriodUnit: 'DAYS' } });
  cloud.advance(30 * MINUTE);
  return { imageRule, snapshotRule };
}

function imagesInBin(cloud: Cloud, account = ME): { ImageId: string; RecycleBinEnterTime: Date; RecycleBinExitTime: Date }[] {
  return expectOk<{ Images: { ImageId: string; RecycleBinEnterTime: Date; RecycleBinExitTime: Date }[] }>(call(cloud, 'ListImagesInRecycleBin', {}, { account })).Images;
}

function snapshotsInBin(cloud: Cloud): { SnapshotId: string }[] {
  return expectOk<{ Snapshots: { SnapshotId: string }[] }>(call(cloud, 'ListSnapshotsInRecycleBin', {})).Snapshots;
}

describe('retention rules (rbin)', () => {
  it('the first rule of a Region is pending for up to 30 minutes; later ones are available at once', () => {
    const cloud = newCloud();
    const first = createRule(cloud, { ResourceType: 'EC2_IMAGE', Description: 'AMIs' });
    expect(first.Status).toBe('pending');
    expect(first.Identifier).toMatch(/^[0-9a-zA-Z]{11}$/);
    expect(first.RuleArn).toBe(`arn:aws:rbin:us-east-1:${ME}:rule/${first.Identifier}`);
    expect(first.LockState).toBeUndefined();
    const second = createRule(cloud, { ResourceType: 'EBS_SNAPSHOT' });
    expect(second.Status).toBe('available');
    cloud.advance(30 * MINUTE);
    expect(expectOk<Rule>(call(cloud, 'GetRule', { Identifier: first.Identifier }, rbin)).Status).toBe('available');
    // Rules are regional and per account.
    expect(createRule(cloud, { ResourceType: 'EC2_IMAGE' }, { region: US_WEST_2 }).Status).toBe('pending');
    expectError(call(cloud, 'GetRule', { Identifier: first.Identifier }, { ...rbin, region: US_WEST_2 }), 'ResourceNotFoundException');
    expectError(call(cloud, 'GetRule', { Identifier: first.Identifier }, { ...rbin, account: PARTNER }), 'ResourceNotFoundException');
    const listed = expectOk<{ Rules: { Identifier: string }[] }>(call(cloud, 'ListRules', { ResourceType: 'EC2_IMAGE' }, rbin)).Rules;
    expect(listed.map((rule) => rule.Identifier)).toEqual([first.Identifier]);
  });

  it('validates parameters with ValidationException', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'CreateRule', { ResourceType: 'EC2_IMAGE' }, rbin), 'ValidationException', /retentionPeriod/);
    expectError(call(cloud, 'CreateRule', { ResourceType: 'EBS_VOLUME', RetentionPeriod: { RetentionPeriodValue: 1, RetentionPeriodUnit: 'DAYS' } }, rbin), 'ValidationException');
    expectError(
      call(cloud, 'CreateRule', { ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 366, RetentionPeriodUnit: 'DAYS' } }, rbin),
      'ValidationException',
      /1 and 365/,
    );
    expectError(
      call(
        cloud,
        'CreateRule',
        {
          ResourceType: 'EC2_IMAGE',
          RetentionPeriod: { RetentionPeriodValue: 1, RetentionPeriodUnit: 'DAYS' },
          ResourceTags: [{ ResourceTagKey: 'a' }],
          ExcludeResourceTags: [{ ResourceTagKey: 'b' }],
        },
        rbin,
      ),
      'ValidationException',
    );
    expectError(call(cloud, 'GetRule', { Identifier: 'nope' }, rbin), 'ValidationException');
    expectError(call(cloud, 'GetRule', { Identifier: 'abcdefghijk' }, rbin), 'ResourceNotFoundException', /RULE_NOT_FOUND/);
    expectError(call(cloud, 'ListRules', {}, rbin), 'ValidationException');
  });

  it('UpdateRule changes retention and tags, never the resource type; DeleteRule removes it', () => {
    const cloud = newCloud();
    const rule = createRule(cloud, { ResourceType: 'EC2_IMAGE' });
    const updated = expectOk<Rule>(call(cloud, 'UpdateRule', { Identifier: rule.Identifier, RetentionPeriod: { RetentionPeriodValue: 30, RetentionPeriodUnit: 'DAYS' } }, rbin));
    expect(updated.RetentionPeriod.RetentionPeriodValue).toBe(30);
    expectError(call(cloud, 'UpdateRule', { Identifier: rule.Identifier, ResourceType: 'EBS_SNAPSHOT' }, rbin), 'ValidationException');
    expectOk(call(cloud, 'DeleteRule', { Identifier: rule.Identifier }, rbin));
    expectError(call(cloud, 'GetRule', { Identifier: rule.Identifier }, rbin), 'ResourceNotFoundException');
  });

  it('tags on rules: TagResource, ListTagsForResource, UntagResource', () => {
    const cloud = newCloud();
    const rule = createRule(cloud, { ResourceType: 'EC2_IMAGE', Tags: [{ Key: 'team', Value: 'ops' }] });
    expectOk(call(cloud, 'TagResource', { ResourceArn: rule.RuleArn, Tags: [{ Key: 'env', Value: 'prod' }] }, rbin));
    expect(expectOk<{ Tags: unknown[] }>(call(cloud, 'ListTagsForResource', { ResourceArn: rule.RuleArn }, rbin)).Tags).toEqual([
      { Key: 'team', Value: 'ops' },
      { Key: 'env', Value: 'prod' },
    ]);
    expectOk(call(cloud, 'UntagResource', { ResourceArn: rule.RuleArn, TagKeys: ['team'] }, rbin));
    expect(expectOk<{ Tags: unknown[] }>(call(cloud, 'ListTagsForResource', { ResourceArn: rule.RuleArn }, rbin)).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expectError(call(cloud, 'ListTagsForResource', { ResourceArn: 'arn:aws:rbin:us-east-1:111122223333:rule/zzzzzzzzzzz' }, rbin), 'ResourceNotFoundException');
    expectError(call(cloud, 'ListTagsForResource', { ResourceArn: 'not-an-arn' }, rbin), 'ValidationException');
  });
});

describe('locked rules', () => {
  const lock = { UnlockDelay: { UnlockDelayValue: 7, UnlockDelayUnit: 'DAYS' } };

  it('only Region-level rules without exclusion tags can be locked; the unlock delay is 7–30 days', () => {
    const cloud = newCloud();
    const tagLevel = createRule(cloud, { ResourceType: 'EC2_IMAGE', ResourceTags: [{ ResourceTagKey: 'keep', ResourceTagValue: 'yes' }] });
    expectRejectedWithoutChange(cloud, () => call(cloud, 'LockRule', { Identifier: tagLevel.Identifier, LockConfiguration: lock }, rbin), 'ValidationException', /Tag-level/);
    const excluding = createRule(cloud, { ResourceType: 'EC2_IMAGE', ExcludeResourceTags: [{ ResourceTagKey: 'scratch' }] });
    expectError(call(cloud, 'LockRule', { Identifier: excluding.Identifier, LockConfiguration: lock }, rbin), 'ValidationException', /exclusion tags/);
    expectError(
      call(
        cloud,
        'CreateRule',
        { ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 1, RetentionPeriodUnit: 'DAYS' }, ResourceTags: [{ ResourceTagKey: 'a' }], LockConfiguration: lock },
        rbin,
      ),
      'ValidationException',
    );
    const region = createRule(cloud, { ResourceType: 'EC2_IMAGE' });
    expectError(
      call(cloud, 'LockRule', { Identifier: region.Identifier, LockConfiguration: { UnlockDelay: { UnlockDelayValue: 6, UnlockDelayUnit: 'DAYS' } } }, rbin),
      'ValidationException',
    );
    expectError(
      call(cloud, 'LockRule', { Identifier: region.Identifier, LockConfiguration: { UnlockDelay: { UnlockDelayValue: 31, UnlockDelayUnit: 'DAYS' } } }, rbin),
      'ValidationException',
    );
    expect(expectOk<Rule>(call(cloud, 'LockRule', { Identifier: region.Identifier, LockConfiguration: lock }, rbin)).LockState).toBe('locked');
  });

  it('a locked rule cannot be deleted or changed; unlocking starts the delay, after which it can', () => {
    const cloud = newCloud();
    const rule = createRule(cloud, { ResourceType: 'EC2_IMAGE', LockConfiguration: { UnlockDelay: { UnlockDelayValue: 10, UnlockDelayUnit: 'DAYS' } } });
    expect(rule.LockState).toBe('locked');
    expectRejectedWithoutChange(cloud, () => call(cloud, 'DeleteRule', { Identifier: rule.Identifier }, rbin), 'ConflictException', /INVALID_RULE_STATE/);
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'UpdateRule', { Identifier: rule.Identifier, RetentionPeriod: { RetentionPeriodValue: 1, RetentionPeriodUnit: 'DAYS' } }, rbin),
      'ConflictException',
    );
    expectError(
      call(cloud, 'LockRule', { Identifier: rule.Identifier, LockConfiguration: { UnlockDelay: { UnlockDelayValue: 10, UnlockDelayUnit: 'DAYS' } } }, rbin),
      'ConflictException',
    );
    const unlocked = expectOk<Rule>(call(cloud, 'UnlockRule', { Identifier: rule.Identifier }, rbin));
    expect(unlocked.LockState).toBe('pending_unlock');
    expect(unlocked.LockEndTime).toEqual(new Date(cloud.now().getTime() + 10 * DAY));
    expectError(call(cloud, 'UnlockRule', { Identifier: rule.Identifier }, rbin), 'ConflictException');
    cloud.advance(9 * DAY);
    expectError(call(cloud, 'DeleteRule', { Identifier: rule.Identifier }, rbin), 'ConflictException', /unlock delay/);
    // It can be locked again during the delay, with the same delay only.
    expectError(
      call(cloud, 'LockRule', { Identifier: rule.Identifier, LockConfiguration: { UnlockDelay: { UnlockDelayValue: 7, UnlockDelayUnit: 'DAYS' } } }, rbin),
      'ValidationException',
    );
    cloud.advance(DAY);
    expect(expectOk<Rule>(call(cloud, 'GetRule', { Identifier: rule.Identifier }, rbin)).LockState).toBe('unlocked');
    expect(expectOk<{ Rules: unknown[] }>(call(cloud, 'ListRules', { ResourceType: 'EC2_IMAGE', LockState: 'unlocked' }, rbin)).Rules).toHaveLength(1);
    expectOk(call(cloud, 'DeleteRule', { Identifier: rule.Identifier }, rbin));
  });
});

describe('the bin', () => {
  it('keeps a deregistered AMI for the retention period, then deletes it for good', () => {
    const cloud = newCloud();
    withRules(cloud, 7);
    const { imageId } = instanceWithImage(cloud);
    const deregisteredAt = cloud.now().getTime();
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    const binned = imagesInBin(cloud);
    expect(binned.map((image) => image.ImageId)).toEqual([imageId]);
    expect(binned[0]?.RecycleBinEnterTime).toEqual(new Date(deregisteredAt));
    expect(binned[0]?.RecycleBinExitTime).toEqual(new Date(deregisteredAt + 7 * DAY));
    // In the bin it is not described, nor launchable.
    expectError(call(cloud, 'DescribeImages', { ImageIds: [imageId] }), 'InvalidAMIID.NotFound');
    expect(imagesInBin(cloud, PARTNER)).toEqual([]);
    cloud.advance(7 * DAY);
    expect(imagesInBin(cloud)).toEqual([]);
    expectError(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }), 'InvalidAMIID.NotFound');
  });

  it('restores an AMI as it was, holding its snapshots again', () => {
    const cloud = newCloud();
    withRules(cloud);
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId));
    expectOk(call(cloud, 'CreateTags', { Resources: [imageId], Tags: [{ Key: 'app', Value: 'web' }] }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId }));
    expectOk(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }));
    const image = describeImage(cloud, imageId);
    expect(image['State']).toBe('available');
    expect(image['Tags']).toEqual([{ Key: 'app', Value: 'web' }]);
    expect(imagesInBin(cloud)).toEqual([]);
    expectError(call(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }), 'InvalidSnapshot.InUse');
    // Nothing restored exists twice: a second restore finds nothing.
    expectError(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }), 'InvalidAMIID.NotFound');
    expect(Object.keys(cloud.world().recycleBin ?? {})).toEqual([]);
  });

  it('an AMI cannot be restored while its snapshot is in the bin, nor once the snapshot is gone', () => {
    const cloud = newCloud();
    withRules(cloud, 7, 1);
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId)) as [string];
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }));
    expect(snapshotsInBin(cloud).map((snapshot) => snapshot.SnapshotId)).toEqual([snapshotId]);
    expectError(call(cloud, 'DescribeSnapshots', { SnapshotIds: [snapshotId] }), 'InvalidSnapshot.NotFound');
    expectRejectedWithoutChange(cloud, () => call(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }), 'IncorrectState', new RegExp(snapshotId));
    // The snapshot's retention (1 day) ends before the AMI's (7 days): the AMI is unrecoverable.
    cloud.advance(DAY);
    expect(snapshotsInBin(cloud)).toEqual([]);
    expectError(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }), 'InvalidSnapshot.NotFound');
  });

  it('restoring the snapshot first, then the AMI, brings both back', () => {
    const cloud = newCloud();
    withRules(cloud);
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId)) as [string];
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }));
    const restored = expectOk<{ SnapshotId: string; State: string }>(call(cloud, 'RestoreSnapshotFromRecycleBin', { SnapshotId: snapshotId }));
    expect(restored).toMatchObject({ SnapshotId: snapshotId, State: 'completed' });
    expectOk(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }));
    expect(describeImage(cloud, imageId)['State']).toBe('available');
    expectOk(call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
  });

  it('snapshots in the bin are billed at the snapshot rate until they leave it; the bill line then ends', () => {
    const cloud = newCloud();
    withRules(cloud, 7, 3);
    const { imageId } = instanceWithImage(cloud);
    const [snapshotId] = snapshotIdsOf(describeImage(cloud, imageId)) as [string];
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }));
    const line = () => cloud.bill(ME).lines.find((candidate) => candidate.resourceId === snapshotId);
    expect(line()?.ratePerMonthUsd).toBeGreaterThan(0);
    expect(line()?.description).toMatch(/Recycle Bin/);
    expect(line()?.category).toBe('orphaned-image-snapshot');
    const before = line()?.accruedUsd ?? 0;
    cloud.advance(2 * DAY);
    expect(line()?.accruedUsd ?? 0).toBeGreaterThan(before);
    cloud.advance(DAY);
    expect(line()?.ratePerMonthUsd).toBe(0);
    expect(line()?.category).toBe('ended');
    const ended = line()?.accruedUsd ?? 0;
    cloud.advance(DAY);
    expect(line()?.accruedUsd).toBe(ended);
  });

  it('tag-level rules keep only tagged resources; exclusion tags keep resources out; the longest retention wins', () => {
    const cloud = newCloud();
    createRule(cloud, {
      ResourceType: 'EC2_IMAGE',
      ResourceTags: [{ ResourceTagKey: 'keep', ResourceTagValue: 'yes' }],
      RetentionPeriod: { RetentionPeriodValue: 30, RetentionPeriodUnit: 'DAYS' },
    });
    cloud.advance(30 * MINUTE);
    const tagged = instanceWithImage(cloud, 'tagged').imageId;
    const plain = instanceWithImage(cloud, 'plain').imageId;
    expectOk(call(cloud, 'CreateTags', { Resources: [tagged], Tags: [{ Key: 'keep', Value: 'yes' }] }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: plain }));
    expect(describeImage(cloud, plain)['State']).toBe('deregistered');
    createRule(cloud, {
      ResourceType: 'EC2_IMAGE',
      ExcludeResourceTags: [{ ResourceTagKey: 'scratch' }],
      RetentionPeriod: { RetentionPeriodValue: 5, RetentionPeriodUnit: 'DAYS' },
    });
    const scratch = instanceWithImage(cloud, 'scratch').imageId;
    expectOk(call(cloud, 'CreateTags', { Resources: [scratch], Tags: [{ Key: 'scratch', Value: '' }] }));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: scratch }));
    const now = cloud.now().getTime();
    expectOk(call(cloud, 'DeregisterImage', { ImageId: tagged }));
    const binned = imagesInBin(cloud);
    expect(binned.map((image) => image.ImageId)).toEqual([tagged]);
    expect(binned[0]?.RecycleBinExitTime).toEqual(new Date(now + 30 * DAY));
  });

  it('a deleted rule no longer keeps new resources; what it kept stays until its time', () => {
    const cloud = newCloud();
    const { imageRule } = withRules(cloud, 7);
    const first = instanceWithImage(cloud, 'first').imageId;
    const second = instanceWithImage(cloud, 'second').imageId;
    expectOk(call(cloud, 'DeregisterImage', { ImageId: first }));
    expectOk(call(cloud, 'DeleteRule', { Identifier: imageRule.Identifier }, rbin));
    expectOk(call(cloud, 'DeregisterImage', { ImageId: second }));
    expect(imagesInBin(cloud).map((image) => image.ImageId)).toEqual([first]);
  });

  it('ListImagesInRecycleBin checks IDs; restore is refused for malformed and unknown IDs', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'ListImagesInRecycleBin', { ImageIds: ['ami-bad'] }), 'InvalidAMIID.Malformed');
    expectError(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: 'ami-0123456789abcdef0' }), 'InvalidAMIID.NotFound');
    expectError(call(cloud, 'RestoreSnapshotFromRecycleBin', { SnapshotId: 'snap-0123456789abcdef0' }), 'InvalidSnapshot.NotFound');
    expectError(call(cloud, 'RestoreImageFromRecycleBin', { ImageId: 'ami-0123456789abcdef0', DryRun: true }), 'InvalidAMIID.NotFound');
  });

  it('a world with rules and a full bin saves and restores byte for byte', async () => {
    const { restoreCloud } = await import('../../../src/simulator/index.js');
    const cloud = newCloud();
    withRules(cloud);
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: imageId, DeleteAssociatedSnapshots: true }));
    const result = restoreCloud(cloud.save());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cloud.save()).toBe(cloud.save());
    result.cloud.advance(8 * DAY);
    expect(Object.keys(result.cloud.world().recycleBin ?? {})).toHaveLength(1);
  });
});
