/**
 * The Recycle Bin scenarios of issue 14 (recover an AMI deregistered by mistake; a deleted
 * snapshot still billed): each solved with API calls and the clock, every goal met at the end,
 * and wrong solutions leave them unmet.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs.js';
import { noteSlugsIn } from '../../../src/content-pipeline/labs/note-slugs.js';
import type { LabScenario } from '../../../src/content-pipeline/labs/schema.js';
import type { ApiResult, Cloud } from '../../../src/simulator/index.js';
import { buildStartingWorld, isGoalMet, settle, startSchema } from '../../../src/simulator/scenarios/index.js';

const ME = '111122223333';
const DAY = 24 * 3_600_000;
const LABS = fileURLToPath(new URL('../../../content/labs/', import.meta.url));
const NOTES = fileURLToPath(new URL('../../../content/notes/', import.meta.url));

let scenarios: Map<string, LabScenario>;

beforeAll(() => {
  const built = buildLabs({ labsDir: LABS, base: '/', noteSlugs: noteSlugsIn(NOTES) });
  if (!built.ok) throw new Error(built.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  scenarios = new Map(built.scenarios.map((s) => [s.slug, s]));
});

function ok<T = Record<string, unknown>>(result: ApiResult): T {
  if (!result.ok) throw new Error(`${result.error.Code}: ${result.error.Message}`);
  return result.data as T;
}

function open(slug: string): { cloud: Cloud; met: (id: string) => boolean } {
  const scenario = scenarios.get(slug);
  if (scenario === undefined) throw new Error(`no scenario ${slug}`);
  const built = buildStartingWorld(startSchema.parse(scenario.start));
  if (!built.ok) throw new Error(built.message);
  const cloud = built.cloud;
  const met = (id: string) => {
    const goal = scenario.goals.find((g) => g.id === id);
    if (goal === undefined) throw new Error(`no goal ${id}`);
    return isGoalMet(cloud.world(), goal);
  };
  return { cloud, met };
}

function send(cloud: Cloud, op: string, params: Record<string, unknown>, service?: string): ApiResult {
  const request = { op, region: 'us-east-1', account: ME, params };
  return cloud.send(service === undefined ? request : { ...request, service });
}

function binnedImage(cloud: Cloud): string {
  return ok<{ Images: { ImageId: string }[] }>(send(cloud, 'ListImagesInRecycleBin', {})).Images[0]?.ImageId ?? '';
}

function binnedSnapshot(cloud: Cloud): string {
  return ok<{ Snapshots: { SnapshotId: string }[] }>(send(cloud, 'ListSnapshotsInRecycleBin', {})).Snapshots[0]?.SnapshotId ?? '';
}

function launchFrom(cloud: Cloud, imageId: string): ApiResult {
  const result = send(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 });
  settle(cloud);
  return result;
}

describe('12. Recover an AMI from the Recycle Bin', () => {
  test('restore the snapshot, then the AMI (same ID), then launch it: every goal met', () => {
    const { cloud, met } = open('recover-an-ami-from-the-recycle-bin');
    const imageId = binnedImage(cloud);
    expect(imageId).toMatch(/^ami-/);
    expect(send(cloud, 'DescribeImages', { ImageIds: [imageId] }).ok).toBe(false);
    // The AMI first: refused while its snapshot is in the bin.
    const refused = send(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId });
    expect(refused.ok ? '' : refused.error.Code).toBe('IncorrectState');
    ok(send(cloud, 'RestoreSnapshotFromRecycleBin', { SnapshotId: binnedSnapshot(cloud) }));
    expect(met('restored')).toBe(false);
    ok(send(cloud, 'RestoreImageFromRecycleBin', { ImageId: imageId }));
    expect(met('restored')).toBe(true);
    expect(met('launched')).toBe(false);
    ok(launchFrom(cloud, imageId));
    expect(met('launched')).toBe(true);
  });

  test('rebaking an AMI of the same name does not count; waiting past the retention loses it for good', () => {
    const { cloud, met } = open('recover-an-ami-from-the-recycle-bin');
    const base =
      ok<{ Images: { ImageId: string }[] }>(send(cloud, 'DescribeImages', { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.6*-x86_64'] }] })).Images[0]
        ?.ImageId ?? '';
    const instanceId = ok<{ Instances: { InstanceId: string }[] }>(launchFrom(cloud, base)).Instances[0]?.InstanceId ?? '';
    ok(send(cloud, 'CreateImage', { InstanceId: instanceId, Name: 'golden-web' }));
    settle(cloud);
    expect(met('restored')).toBe(false);
    cloud.advance(14 * DAY);
    expect(ok<{ Images: unknown[] }>(send(cloud, 'ListImagesInRecycleBin', {})).Images).toEqual([]);
    expect(met('restored')).toBe(false);
  });
});

describe('13. Why is a deleted snapshot still billed?', () => {
  test('exclude a tag, restore the snapshot, tag it and delete it again: not billed, still protected', () => {
    const { cloud, met } = open('why-is-a-deleted-snapshot-still-billed');
    expect(met('not-billed')).toBe(false);
    expect(met('zero')).toBe(false);
    const line = cloud.bill(ME).lines.find((candidate) => candidate.ratePerMonthUsd > 0);
    expect(line?.description).toMatch(/Recycle Bin/);
    const rule = ok<{ Rules: { Identifier: string }[] }>(send(cloud, 'ListRules', { ResourceType: 'EBS_SNAPSHOT' }, 'rbin')).Rules[0]?.Identifier ?? '';
    ok(send(cloud, 'UpdateRule', { Identifier: rule, ExcludeResourceTags: [{ ResourceTagKey: 'purge', ResourceTagValue: 'true' }] }, 'rbin'));
    const snapshotId = binnedSnapshot(cloud);
    ok(send(cloud, 'RestoreSnapshotFromRecycleBin', { SnapshotId: snapshotId }));
    ok(send(cloud, 'CreateTags', { Resources: [snapshotId], Tags: [{ Key: 'purge', Value: 'true' }] }));
    ok(send(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }));
    expect(met('not-billed')).toBe(true);
    expect(met('zero')).toBe(true);
  });

  test('deleting the rule does not release the snapshot; deleting it after a restore loses the protection', () => {
    const { cloud, met } = open('why-is-a-deleted-snapshot-still-billed');
    const rule = ok<{ Rules: { Identifier: string }[] }>(send(cloud, 'ListRules', { ResourceType: 'EBS_SNAPSHOT' }, 'rbin')).Rules[0]?.Identifier ?? '';
    ok(send(cloud, 'DeleteRule', { Identifier: rule }, 'rbin'));
    expect(met('zero')).toBe(false);
    const snapshotId = binnedSnapshot(cloud);
    ok(send(cloud, 'RestoreSnapshotFromRecycleBin', { SnapshotId: snapshotId }));
    ok(send(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }));
    expect(met('zero')).toBe(true);
    // Nothing billed, but no rule protects the other snapshots any more.
    expect(met('not-billed')).toBe(false);
  });

  test('restoring and deleting again under the rule only puts the snapshot back in the bin', () => {
    const { cloud, met } = open('why-is-a-deleted-snapshot-still-billed');
    const snapshotId = binnedSnapshot(cloud);
    ok(send(cloud, 'RestoreSnapshotFromRecycleBin', { SnapshotId: snapshotId }));
    ok(send(cloud, 'DeleteSnapshot', { SnapshotId: snapshotId }));
    expect(binnedSnapshot(cloud)).toBe(snapshotId);
    expect(met('not-billed')).toBe(false);
    // Waiting out the retention period also ends the charge.
    cloud.advance(90 * DAY);
    expect(met('not-billed')).toBe(true);
    expect(met('zero')).toBe(true);
  });
});

describe('14. Keep seven daily AMIs with copies in another Region', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/AWSDataLifecycleManagerDefaultRoleForAMIManagement';
  const details = (retain: Record<string, unknown>, copies: unknown[]) => ({
    PolicyType: 'IMAGE_MANAGEMENT',
    ResourceTypes: ['INSTANCE'],
    TargetTags: [{ Key: 'backup', Value: 'daily' }],
    Schedules: [{ Name: 'Daily', CreateRule: { Interval: 24, IntervalUnit: 'HOURS', Times: ['09:30'] }, RetainRule: retain, CrossRegionCopyRules: copies }],
  });

  test('a daily AMI policy keeping seven, copying to us-west-2, meets both goals once it has run', () => {
    const { cloud, met } = open('keep-seven-daily-amis-with-copies-in-another-region');
    ok(
      send(
        cloud,
        'CreateLifecyclePolicy',
        {
          ExecutionRoleArn: ROLE,
          Description: 'Daily web AMIs',
          State: 'ENABLED',
          PolicyDetails: details({ Count: 7 }, [{ TargetRegion: 'us-west-2', Encrypted: false, RetainRule: { Interval: 7, IntervalUnit: 'DAYS' } }]),
        },
        'dlm',
      ),
    );
    expect(met('policy')).toBe(true);
    expect(met('copies')).toBe(false);
    cloud.advance(DAY);
    expect(met('copies')).toBe(true);
  });

  test('keeping three, or no copy rule, does not meet the policy goal', () => {
    const { cloud, met } = open('keep-seven-daily-amis-with-copies-in-another-region');
    ok(
      send(
        cloud,
        'CreateLifecyclePolicy',
        {
          ExecutionRoleArn: ROLE,
          Description: 'Too short',
          State: 'ENABLED',
          PolicyDetails: details({ Count: 3 }, [{ TargetRegion: 'us-west-2', Encrypted: false, RetainRule: { Interval: 7, IntervalUnit: 'DAYS' } }]),
        },
        'dlm',
      ),
    );
    ok(send(cloud, 'CreateLifecyclePolicy', { ExecutionRoleArn: ROLE, Description: 'No copies', State: 'ENABLED', PolicyDetails: details({ Count: 7 }, []) }, 'dlm'));
    expect(met('policy')).toBe(false);
    cloud.advance(DAY);
    expect(met('policy')).toBe(false);
  });
});

describe('15. Build a golden AMI with Image Builder', () => {
  const ib = 'imagebuilder';
  function build(cloud: Cloud, regions: string[], shareWith: string[], schedule?: Record<string, unknown>): string {
    const component = ok<{ componentBuildVersionArn: string }>(
      send(
        cloud,
        'CreateComponent',
        {
          name: 'nginx',
          semanticVersion: '1.0.0',
          platform: 'Linux',
          data: 'phases:\n  - name: build\n    steps:\n      - name: web\n        action: ExecuteBash\n        inputs:\n          commands: ["sudo dnf install -y nginx"]\n',
        },
        ib,
      ),
    ).componentBuildVersionArn;
    const recipe = ok<{ imageRecipeArn: string }>(
      send(
        cloud,
        'CreateImageRecipe',
        {
          name: 'golden-web',
          semanticVersion: '1.0.0',
          parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
          components: [{ componentArn: component }],
        },
        ib,
      ),
    ).imageRecipeArn;
    const infrastructure = ok<{ infrastructureConfigurationArn: string }>(
      send(cloud, 'CreateInfrastructureConfiguration', { name: 'builders', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }, ib),
    ).infrastructureConfigurationArn;
    const distribution = ok<{ distributionConfigurationArn: string }>(
      send(
        cloud,
        'CreateDistributionConfiguration',
        {
          name: 'golden',
          distributions: regions.map((region) => ({
            region,
            amiDistributionConfiguration: { name: 'golden-web-{{imagebuilder:buildDate}}', launchPermission: { userIds: shareWith } },
          })),
        },
        ib,
      ),
    ).distributionConfigurationArn;
    const pipeline = ok<{ imagePipelineArn: string }>(
      send(
        cloud,
        'CreateImagePipeline',
        {
          name: 'golden',
          imageRecipeArn: recipe,
          infrastructureConfigurationArn: infrastructure,
          distributionConfigurationArn: distribution,
          ...(schedule === undefined ? {} : { schedule }),
        },
        ib,
      ),
    ).imagePipelineArn;
    ok(send(cloud, 'StartImagePipelineExecution', { imagePipelineArn: pipeline }, ib));
    return pipeline;
  }

  test('a pipeline to three Regions shared with the partner, on a daily schedule, meets both goals once the build is AVAILABLE', () => {
    const { cloud, met } = open('build-a-golden-ami-with-image-builder');
    build(cloud, ['us-east-1', 'us-west-2', 'eu-west-1'], ['444455556666'], { scheduleExpression: 'cron(0 9 * * ? *)' });
    expect(met('scheduled')).toBe(true);
    expect(met('distributed')).toBe(false);
    settle(cloud);
    expect(met('distributed')).toBe(true);
  });

  test('two Regions only, or no launch permission, or a hand-made AMI copy, does not count', () => {
    const { cloud, met } = open('build-a-golden-ami-with-image-builder');
    build(cloud, ['us-east-1', 'us-west-2'], ['444455556666']);
    settle(cloud);
    expect(met('distributed')).toBe(false);
    expect(met('scheduled')).toBe(false);
    const second = open('build-a-golden-ami-with-image-builder');
    build(second.cloud, ['us-east-1', 'us-west-2', 'eu-west-1'], []);
    settle(second.cloud);
    expect(second.met('distributed')).toBe(false);
  });
});

describe('16. Rebuild the golden AMI when Amazon Linux is updated', () => {
  const ib = 'imagebuilder';
  function pipeline(cloud: Cloud, parentImage: string, schedule: boolean): void {
    const recipe = ok<{ imageRecipeArn: string }>(
      send(
        cloud,
        'CreateImageRecipe',
        { name: 'golden', semanticVersion: '1.0.0', parentImage, components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }] },
        ib,
      ),
    ).imageRecipeArn;
    const infrastructure = ok<{ infrastructureConfigurationArn: string }>(
      send(cloud, 'CreateInfrastructureConfiguration', { name: 'builders', instanceProfileName: 'ib' }, ib),
    ).infrastructureConfigurationArn;
    ok(
      send(
        cloud,
        'CreateImagePipeline',
        { name: 'golden', imageRecipeArn: recipe, infrastructureConfigurationArn: infrastructure, ...(schedule ? { schedule: { scheduleExpression: 'cron(0 6 * * ? *)' } } : {}) },
        ib,
      ),
    );
  }
  const latest = (cloud: Cloud) =>
    ok<{ Parameter: { Value: string } }>(
      cloud.send({
        op: 'GetParameter',
        region: 'us-east-1',
        account: ME,
        params: { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
        service: 'ssm',
      }),
    ).Parameter.Value;

  test('a daily pipeline whose recipe follows the SSM parameter rebuilds after the weekly release', () => {
    const { cloud, met } = open('rebuild-the-golden-ami-when-amazon-linux-is-updated');
    const before = latest(cloud);
    pipeline(cloud, 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', true);
    expect(met('scheduled')).toBe(true);
    cloud.advance(2 * DAY);
    expect(met('latest')).toBe(false);
    cloud.advance(7 * DAY);
    expect(latest(cloud)).not.toBe(before);
    // The old build is still there.
    expect(cloud.world().images[before]?.lifecycle.value).toBe('available');
    expect(met('latest')).toBe(true);
  });

  test('a recipe pinned to the AMI ID keeps building the old base; no schedule never rebuilds', () => {
    const pinned = open('rebuild-the-golden-ami-when-amazon-linux-is-updated');
    pipeline(pinned.cloud, latest(pinned.cloud), true);
    pinned.cloud.advance(10 * DAY);
    expect(pinned.met('latest')).toBe(false);
    const manual = open('rebuild-the-golden-ami-when-amazon-linux-is-updated');
    pipeline(manual.cloud, 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', false);
    manual.cloud.advance(10 * DAY);
    expect(manual.met('scheduled')).toBe(false);
    expect(manual.met('latest')).toBe(false);
  });
});
