/**
 * Property tests: long random sequences of calls across accounts and Regions, with the world's
 * invariants checked after every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ApiResult, type Cloud, createCloud, restoreCloud } from '../../../src/simulator/index.js';
import { call, instanceWithImage, ME, MINUTE, newCloud, PARTNER, STRANGER } from './support.js';

const ACCOUNT_IDS = [ME, PARTNER, STRANGER];
// The last is an opt-in Region: refused until the step 'optIn' enables it.
const REGION_NAMES = ['us-east-1', 'us-west-2', 'eu-west-1', 'af-south-1'];
const PARAMETER_NAMES = ['/app/ami', '/app/color', 'plain'];
const KINDS = [
  'run',
  'run',
  'run',
  'createImage',
  'createImage',
  'copyImage',
  'share',
  'shareSnapshot',
  'deregister',
  'deleteSnapshot',
  'stop',
  'start',
  'terminate',
  'createVolume',
  'attach',
  'detach',
  'deleteVolume',
  'createSnapshot',
  'disable',
  'enable',
  'protect',
  'unprotect',
  'describe',
  'tag',
  'garbage',
  'advance',
  'advance',
  'putParameter',
  'putParameter',
  'getParameter',
  'labelParameter',
  'deleteParameter',
  'optIn',
  'optOut',
  'runFromParameter',
  'createTemplate',
  'templateVersion',
  'templateDefault',
  'deleteTemplateVersions',
  'runFromTemplate',
  'createGroup',
  'createGroup',
  'scaleGroup',
  'refreshGroup',
  'refreshGroup',
  'rollbackGroup',
  'describeActivities',
  'deleteGroup',
  // Recycle Bin (issue 14).
  'deregister',
  'deleteSnapshot',
  'createRule',
  'createRule',
  'updateRule',
  'lockRule',
  'unlockRule',
  'deleteRule',
  'restoreImage',
  'restoreSnapshot',
  'listBin',
  'advanceDays',
  // Data Lifecycle Manager (issue 14).
  'createPolicy',
  'updatePolicy',
  'deletePolicy',
  // EC2 Image Builder (issue 14).
  'ibStart',
  'ibStart',
  'ibCancel',
] as const;

interface Step {
  readonly kind: (typeof KINDS)[number];
  readonly account: number;
  readonly region: number;
  readonly pick: number;
  readonly other: number;
  readonly flag: boolean;
  readonly dryRun: boolean;
  readonly minutes: number;
  /** Most steps aim at resources the calling account owns in the call's Region, so calls succeed often. */
  readonly aimed: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...KINDS),
  account: fc.constantFrom(0, 0, 0, 0, 1, 2),
  region: fc.constantFrom(0, 0, 0, 0, 1, 2, 3),
  pick: fc.nat({ max: 1000 }),
  other: fc.nat({ max: 1000 }),
  flag: fc.boolean(),
  dryRun: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
  minutes: fc.integer({ min: 0, max: 90 }),
  aimed: fc.integer({ min: 0, max: 9 }).map((value) => value < 8),
});

function pickFrom<T>(values: readonly T[], index: number): T | undefined {
  return values.length === 0 ? undefined : values[index % values.length];
}

/** Runs one step; returns the call result, or null for a clock move. */
function runStep(cloud: Cloud, step: Step): ApiResult | null {
  const world = cloud.world();
  // Aimed group steps act in the learner's us-east-1, so that groups are created, refreshed and rolled back often.
  // Aimed Recycle Bin steps likewise, so that rules cover the AMIs and snapshots deregistered and deleted there.
  const groupStep =
    [
      'createGroup',
      'scaleGroup',
      'refreshGroup',
      'rollbackGroup',
      'describeActivities',
      'createRule',
      'updateRule',
      'lockRule',
      'unlockRule',
      'deleteRule',
      'restoreImage',
      'restoreSnapshot',
      'deregister',
      'deleteSnapshot',
    ].includes(step.kind) && step.aimed;
  const binStep = ['createRule', 'updateRule', 'lockRule', 'unlockRule', 'deleteRule', 'restoreImage', 'restoreSnapshot', 'deregister', 'deleteSnapshot'].includes(step.kind);
  // Aimed Recycle Bin steps act where the learner has AMIs, snapshots or things in the bin.
  const homes = [...Object.values(world.images), ...Object.values(world.snapshots), ...Object.values(world.recycleBin ?? {}).map((entry) => entry.record)]
    .filter((record) => record.ownerId === ME)
    .map((record) => record.region);
  const account = groupStep ? ME : (ACCOUNT_IDS[step.account] ?? ME);
  const region = groupStep ? (binStep ? (pickFrom(homes, step.minutes) ?? 'us-east-1') : 'us-east-1') : (REGION_NAMES[step.region] ?? 'us-east-1');
  const mine = (record: { ownerId: string; region: string }): boolean => record.ownerId === account && record.region === region;
  const launchable = (record: { ownerId: string; region: string; launchPermissions: readonly object[] }): boolean =>
    record.region === region && (record.ownerId === account || record.launchPermissions.length > 0);
  const choose = <T extends { id: string }>(records: readonly T[], aim: (record: T) => boolean): string | undefined =>
    pickFrom(
      (step.aimed ? records.filter(aim) : records).map((record) => record.id),
      step.pick,
    ) ??
    pickFrom(
      records.map((record) => record.id),
      step.pick,
    );
  const imageRecords = Object.values(world.images);
  const usesImage = step.kind === 'run' || step.kind === 'copyImage' || step.kind === 'describe' || step.kind === 'tag' || step.kind === 'createTemplate';
  // Group steps aim at the caller's templates and groups in the Region, so that groups live long enough to refresh.
  const templateName =
    pickFrom(
      Object.values(world.launchTemplates)
        .filter(mine)
        .map((template) => template.name),
      step.pick,
    ) ?? `lt-${step.pick % 3}`;
  const groups = Object.values(world.autoScalingGroups).filter(mine);
  const groupRecord = groups[step.other % Math.max(1, groups.length)];
  const groupName = step.aimed && groupRecord !== undefined ? groupRecord.name : `g${step.other % 2}`;
  // An aimed refresh or rollback with no group to act on makes one first.
  if (groupStep && groupRecord === undefined && (step.kind === 'refreshGroup' || step.kind === 'rollbackGroup')) return runStep(cloud, { ...step, kind: 'createGroup' });
  const image = choose(imageRecords, usesImage ? launchable : mine) ?? 'ami-00000000';
  const instance = choose(Object.values(world.instances), mine) ?? 'i-00000000';
  const volume = choose(Object.values(world.volumes), mine) ?? 'vol-00000000';
  const snapshot = choose(Object.values(world.snapshots), (record) => mine(record) && (step.kind !== 'deleteSnapshot' || record.usedByImageIds.length === 0)) ?? 'snap-00000000';
  const dry = step.dryRun ? { DryRun: true } : {};
  const send = (op: string, params: Record<string, unknown>): ApiResult => call(cloud, op, { ...params, ...dry }, { account, region });
  const rbin = (op: string, params: Record<string, unknown>): ApiResult => call(cloud, op, params, { account, region, service: 'rbin' });
  const rules = Object.values(world.recycleBinRules ?? {}).filter(mine);
  const rule = pickFrom(rules, step.other)?.identifier ?? 'AAAAAAAAAAA';
  const binned = Object.values(world.recycleBin ?? {}).filter((entry) => !step.aimed || mine(entry.record));
  const binnedOf = (type: 'image' | 'snapshot'): string =>
    pickFrom(
      binned.filter((entry) => entry.resourceType === type),
      step.pick,
    )?.record.id ?? (type === 'image' ? 'ami-00000000' : 'snap-00000000');
  const days = (n: number) => ({ RetentionPeriodValue: n, RetentionPeriodUnit: 'DAYS' });
  const unlockDelay = { UnlockDelay: { UnlockDelayValue: 7 + (step.minutes % 2), UnlockDelayUnit: 'DAYS' } };
  switch (step.kind) {
    case 'advance':
      cloud.advance(step.minutes * MINUTE);
      return null;
    case 'advanceDays':
      cloud.advance((1 + (step.minutes % 4)) * 24 * 60 * MINUTE);
      return null;
    case 'createRule':
      return rbin('CreateRule', {
        ResourceType: step.flag ? 'EC2_IMAGE' : 'EBS_SNAPSHOT',
        RetentionPeriod: days(1 + (step.pick % 5)),
        ...(step.other % 3 === 1 ? { ResourceTags: [{ ResourceTagKey: 'k', ResourceTagValue: String(step.pick % 3) }] } : {}),
        ...(step.other % 3 === 2 ? { ExcludeResourceTags: [{ ResourceTagKey: 'k' }] } : {}),
        ...(step.minutes % 4 === 0 ? { LockConfiguration: unlockDelay } : {}),
      });
    case 'updateRule':
      return rbin('UpdateRule', { Identifier: rule, RetentionPeriod: days(1 + (step.pick % 5)) });
    case 'lockRule':
      return rbin('LockRule', { Identifier: rule, LockConfiguration: unlockDelay });
    case 'unlockRule':
      return rbin('UnlockRule', { Identifier: rule });
    case 'deleteRule':
      return rbin('DeleteRule', { Identifier: rule });
    case 'restoreImage':
      return send('RestoreImageFromRecycleBin', { ImageId: binnedOf('image') });
    case 'restoreSnapshot':
      return send('RestoreSnapshotFromRecycleBin', { SnapshotId: binnedOf('snapshot') });
    case 'createPolicy': {
      const imagePolicy = step.flag;
      return call(
        cloud,
        'CreateLifecyclePolicy',
        {
          ExecutionRoleArn: `arn:aws:iam::${account}:role/dlm`,
          Description: 'p',
          State: 'ENABLED',
          PolicyDetails: {
            PolicyType: imagePolicy ? 'IMAGE_MANAGEMENT' : 'EBS_SNAPSHOT_MANAGEMENT',
            ResourceTypes: [imagePolicy || step.pick % 2 === 0 ? 'INSTANCE' : 'VOLUME'],
            TargetTags: [{ Key: 'k', Value: String(step.other % 3) }],
            Schedules: [
              {
                Name: 's',
                CreateRule:
                  step.minutes % 3 === 0
                    ? { CronExpression: `cron(${step.minutes % 60} ${step.pick % 24} * * ? *)` }
                    : { Interval: [1, 2, 4, 12][step.minutes % 4], IntervalUnit: 'HOURS' },
                RetainRule: step.pick % 2 === 0 ? { Count: 1 + (step.pick % 3) } : { Interval: 1, IntervalUnit: 'DAYS' },
                ...(imagePolicy && step.other % 2 === 0
                  ? {
                      CrossRegionCopyRules: [
                        { TargetRegion: REGION_NAMES[(step.region + 1) % 3], Encrypted: step.minutes % 2 === 0, RetainRule: { Interval: 1, IntervalUnit: 'DAYS' } },
                      ],
                    }
                  : {}),
              },
            ],
          },
        },
        { account, region, service: 'dlm' },
      );
    }
    case 'updatePolicy':
    case 'deletePolicy': {
      const policy = pickFrom(Object.values(world.lifecyclePolicies ?? {}).filter(mine), step.other)?.policyId ?? 'policy-00000000000000000';
      return step.kind === 'deletePolicy'
        ? call(cloud, 'DeleteLifecyclePolicy', { PolicyId: policy }, { account, region, service: 'dlm' })
        : call(cloud, 'UpdateLifecyclePolicy', { PolicyId: policy, State: step.flag ? 'ENABLED' : 'DISABLED' }, { account, region, service: 'dlm' });
    }
    case 'ibStart': {
      const ib = (op: string, params: Record<string, unknown>): ApiResult => call(cloud, op, params, { account, region, service: 'imagebuilder' });
      const pipeline = Object.values(world.imageBuilder?.pipelines ?? {}).find(mine);
      if (pipeline !== undefined) return ib('StartImagePipelineExecution', { imagePipelineArn: pipeline.arn });
      const recipe = ib('CreateImageRecipe', {
        name: 'recipe',
        semanticVersion: '1.0.0',
        parentImage: step.flag ? 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' : image,
        components: [{ componentArn: `arn:aws:imagebuilder:${region}:aws:component/update-linux/x.x.x` }],
      });
      if (!recipe.ok) return recipe;
      const infrastructure = ib('CreateInfrastructureConfiguration', { name: 'infra', instanceProfileName: 'p' });
      const distribution = ib('CreateDistributionConfiguration', {
        name: 'dist',
        distributions: [region, REGION_NAMES[(step.region + 1) % 3] ?? 'us-west-2']
          .filter((name, index, all) => all.indexOf(name) === index)
          .map((name) => ({
            region: name,
            amiDistributionConfiguration: { name: 'gold-{{imagebuilder:buildDate}}', launchPermission: { userIds: [ACCOUNT_IDS[step.other % 3]] } },
          })),
      });
      if (!infrastructure.ok || !distribution.ok) return infrastructure.ok ? distribution : infrastructure;
      return ib('CreateImagePipeline', {
        name: 'pipe',
        imageRecipeArn: (recipe.data as { imageRecipeArn: string }).imageRecipeArn,
        infrastructureConfigurationArn: (infrastructure.data as { infrastructureConfigurationArn: string }).infrastructureConfigurationArn,
        distributionConfigurationArn: (distribution.data as { distributionConfigurationArn: string }).distributionConfigurationArn,
        ...(step.minutes % 2 === 0 ? { schedule: { scheduleExpression: `cron(0 ${step.pick % 24} * * ? *)` } } : {}),
      });
    }
    case 'ibCancel': {
      const build = pickFrom(Object.values(world.imageBuilder?.images ?? {}).filter(mine), step.other);
      return call(
        cloud,
        'CancelImageCreation',
        { imageBuildVersionArn: build?.arn ?? 'arn:aws:imagebuilder:us-east-1:111122223333:image/x/1.0.0/1' },
        { account, region, service: 'imagebuilder' },
      );
    }
    case 'listBin':
      return send(step.flag ? 'ListImagesInRecycleBin' : 'ListSnapshotsInRecycleBin', {});
    case 'run':
      return send('RunInstances', {
        ImageId: image,
        InstanceType: step.flag ? 't3.micro' : 't2.micro',
        MinCount: 1,
        MaxCount: 1 + (step.other % 2),
        ...(step.other % 3 === 0 ? { UserData: btoa('dnf install -y nginx') } : {}),
      });
    case 'createImage':
      return send('CreateImage', { InstanceId: instance, Name: `image-${step.other % 7}`, NoReboot: step.flag });
    case 'copyImage': {
      const source = world.images[image];
      return send('CopyImage', {
        SourceRegion: step.flag ? (source?.region ?? region) : region,
        SourceImageId: image,
        Name: `copy-${step.other % 5}`,
        ...(step.other % 4 === 0 ? { Encrypted: true } : {}),
      });
    }
    case 'share':
      return send('ModifyImageAttribute', {
        ImageId: image,
        LaunchPermission: { [step.flag ? 'Add' : 'Remove']: [step.other % 3 === 0 ? { Group: 'all' } : { UserId: ACCOUNT_IDS[step.other % 3] }] },
      });
    case 'shareSnapshot':
      return send('ModifySnapshotAttribute', {
        SnapshotId: snapshot,
        CreateVolumePermission: { [step.flag ? 'Add' : 'Remove']: [{ UserId: ACCOUNT_IDS[step.other % 3] }] },
      });
    case 'deregister':
      return send('DeregisterImage', { ImageId: image, DeleteAssociatedSnapshots: step.flag });
    case 'deleteSnapshot':
      return send('DeleteSnapshot', { SnapshotId: snapshot });
    case 'stop':
      return send('StopInstances', { InstanceIds: [instance] });
    case 'start':
      return send('StartInstances', { InstanceIds: [instance] });
    case 'terminate':
      return send('TerminateInstances', { InstanceIds: [instance] });
    case 'createVolume':
      return send('CreateVolume', step.flag ? { AvailabilityZone: `${region}a`, Size: 1 + (step.other % 20) } : { AvailabilityZone: `${region}a`, SnapshotId: snapshot });
    case 'attach': {
      // Aim at a volume in the instance's zone.
      const zone = world.instances[instance]?.availabilityZone;
      const sameZone = Object.values(world.volumes).find((candidate) => candidate.availabilityZone === zone && candidate.attachment === null);
      return send('AttachVolume', { VolumeId: step.aimed ? (sameZone?.id ?? volume) : volume, InstanceId: instance, Device: `/dev/sd${'fghij'[step.other % 5]}` });
    }
    case 'detach':
      return send('DetachVolume', { VolumeId: volume });
    case 'deleteVolume':
      return send('DeleteVolume', { VolumeId: volume });
    case 'createSnapshot':
      return send('CreateSnapshot', { VolumeId: volume });
    case 'disable':
      return send('DisableImage', { ImageId: image });
    case 'enable':
      return send('EnableImage', { ImageId: image });
    case 'protect':
      return send('EnableImageDeregistrationProtection', { ImageId: image, WithCooldown: step.flag });
    case 'unprotect':
      return send('DisableImageDeregistrationProtection', { ImageId: image });
    case 'describe':
      return send('DescribeImages', step.flag ? { ImageIds: [image] } : { Owners: ['self'], Filters: [{ Name: 'state', Values: ['avail*'] }] });
    case 'tag':
      return send('CreateTags', { Resources: [pickFrom([image, instance, volume, snapshot], step.other) ?? image], Tags: [{ Key: 'k', Value: String(step.other) }] });
    case 'putParameter': {
      const name = pickFrom(PARAMETER_NAMES, step.other) ?? 'plain';
      const imageValued = name === '/app/ami';
      return call(
        cloud,
        'PutParameter',
        {
          Name: name,
          Value: imageValued ? image : `v${step.pick}`,
          ...(step.flag ? { Overwrite: true } : { Type: 'String' }),
          ...(imageValued ? { DataType: 'aws:ec2:image' } : {}),
        },
        { account, region, service: 'ssm' },
      );
    }
    case 'getParameter': {
      const name = pickFrom(PARAMETER_NAMES, step.other) ?? 'plain';
      return call(cloud, 'GetParameter', { Name: step.flag ? `${name}:${1 + (step.pick % 3)}` : name }, { account, region, service: 'ssm' });
    }
    case 'labelParameter':
      return call(
        cloud,
        'LabelParameterVersion',
        {
          Name: pickFrom(PARAMETER_NAMES, step.other) ?? 'plain',
          Labels: [step.flag ? 'prod' : 'test'],
          ...(step.pick % 2 === 0 ? { ParameterVersion: 1 + (step.pick % 4) } : {}),
        },
        { account, region, service: 'ssm' },
      );
    case 'deleteParameter':
      return call(cloud, 'DeleteParameter', { Name: pickFrom(PARAMETER_NAMES, step.other) ?? 'plain' }, { account, region, service: 'ssm' });
    case 'optIn':
    case 'optOut':
      return call(cloud, step.kind === 'optIn' ? 'EnableRegion' : 'DisableRegion', { RegionName: 'af-south-1' }, { account, service: 'account' });
    case 'runFromParameter':
      return send('RunInstances', {
        ImageId: step.flag ? 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' : 'resolve:ssm:/app/ami',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
      });
    case 'createTemplate':
      return send('CreateLaunchTemplate', {
        LaunchTemplateName: `lt-${step.other % 3}`,
        LaunchTemplateData: { ImageId: image, InstanceType: step.flag ? 't3.micro' : 't2.micro' },
      });
    case 'templateVersion':
      return send('CreateLaunchTemplateVersion', {
        LaunchTemplateName: `lt-${step.other % 3}`,
        ...(step.flag ? { SourceVersion: step.pick % 2 === 0 ? '$Latest' : String(1 + (step.pick % 3)) } : {}),
        LaunchTemplateData: step.pick % 3 === 0 ? { ImageId: 'resolve:ssm:/app/ami' } : { InstanceType: 't3.small' },
      });
    case 'templateDefault':
      return send('ModifyLaunchTemplate', { LaunchTemplateName: `lt-${step.other % 3}`, DefaultVersion: String(1 + (step.pick % 4)) });
    case 'deleteTemplateVersions':
      return step.pick % 5 === 0
        ? send('DeleteLaunchTemplate', { LaunchTemplateName: `lt-${step.other % 3}` })
        : send('DeleteLaunchTemplateVersions', { LaunchTemplateName: `lt-${step.other % 3}`, Versions: [String(1 + (step.pick % 4))] });
    case 'runFromTemplate':
      return send('RunInstances', {
        LaunchTemplate: { LaunchTemplateName: `lt-${step.other % 3}`, ...(step.flag ? { Version: '$Latest' } : {}) },
        MinCount: 1,
        MaxCount: 1,
      });
    case 'createGroup':
      if (!Object.values(world.launchTemplates).some(mine)) {
        const catalogue = Object.values(world.images).find((record) => record.region === region && record.ownerId !== account && record.launchPermissions.length > 0);
        return send('CreateLaunchTemplate', { LaunchTemplateName: templateName, LaunchTemplateData: { ImageId: catalogue?.id ?? image, InstanceType: 't3.micro' } });
      }
      return call(
        cloud,
        'CreateAutoScalingGroup',
        {
          AutoScalingGroupName: `g${step.other % 2}`,
          LaunchTemplate: { LaunchTemplateName: templateName, Version: step.flag ? '$Latest' : step.minutes % 2 === 0 ? '$Default' : '1' },
          MinSize: 0,
          MaxSize: 3,
          DesiredCapacity: step.pick % 3,
        },
        { account, region, service: 'autoscaling' },
      );
    case 'scaleGroup':
      return call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: groupName, DesiredCapacity: step.pick % 4 }, { account, region, service: 'autoscaling' });
    case 'refreshGroup': {
      // Half the refreshes name a desired configuration (a numbered version of one of the templates), some with auto rollback.
      const desiredTemplate = step.aimed && groupRecord !== undefined ? { LaunchTemplateId: groupRecord.launchTemplateId } : { LaunchTemplateName: templateName };
      const desired = step.minutes % 2 === 0 ? { DesiredConfiguration: { LaunchTemplate: { ...desiredTemplate, Version: String(1 + (step.minutes % 3)) } } } : {};
      return step.flag
        ? call(
            cloud,
            'StartInstanceRefresh',
            {
              AutoScalingGroupName: groupName,
              ...desired,
              Preferences: { MinHealthyPercentage: 50 * (step.pick % 3), SkipMatching: step.pick % 2 === 0, AutoRollback: step.minutes % 4 === 0 },
            },
            { account, region, service: 'autoscaling' },
          )
        : call(cloud, 'CancelInstanceRefresh', { AutoScalingGroupName: groupName }, { account, region, service: 'autoscaling' });
    }
    case 'rollbackGroup':
      return call(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: groupName }, { account, region, service: 'autoscaling' });
    case 'describeActivities':
      return call(cloud, 'DescribeScalingActivities', step.flag ? { AutoScalingGroupName: `g${step.other % 2}` } : {}, { account, region, service: 'autoscaling' });
    case 'deleteGroup':
      return call(cloud, 'DeleteAutoScalingGroup', { AutoScalingGroupName: `g${step.other % 2}`, ForceDelete: step.flag }, { account, region, service: 'autoscaling' });
    case 'garbage':
      return cloud.send({
        op: step.flag ? 'RunInstances' : 'NotAnOperation',
        region: step.other % 5 === 0 ? 'nowhere-1' : region,
        account: step.other % 7 === 0 ? '000000000000' : account,
        params: step.other % 2 === 0 ? { ImageId: 'ami-bogus!', MinCount: 'x' } : null,
      });
  }
}

/** Checks the invariants the brief names; returns a description of the first broken one. */
function checkWorld(cloud: Cloud): string | null {
  const world = cloud.world();
  for (const image of Object.values(world.images)) {
    const state = image.lifecycle.value;
    for (const mapping of image.blockDeviceMappings) {
      const snapshotId = mapping.Ebs?.SnapshotId;
      if (snapshotId === undefined) continue;
      const snapshot = world.snapshots[snapshotId];
      if (state === 'available' && snapshot?.lifecycle.value !== 'completed') return `available ${image.id} lacks completed ${snapshotId}`;
      if ((state === 'pending' || state === 'disabled') && snapshot === undefined) return `registered ${image.id} lost ${snapshotId}`;
      if (state !== 'deregistered' && snapshot !== undefined && !snapshot.usedByImageIds.includes(image.id)) return `${snapshotId} does not know it backs ${image.id}`;
    }
  }
  for (const snapshot of Object.values(world.snapshots)) {
    for (const imageId of snapshot.usedByImageIds) {
      if (world.images[imageId] === undefined || world.images[imageId]?.lifecycle.value === 'deregistered') return `${snapshot.id} held by unregistered ${imageId}`;
    }
  }
  for (const instance of Object.values(world.instances)) {
    for (const device of instance.blockDevices) if (world.volumes[device.volumeId] === undefined) return `${instance.id} lost ${device.volumeId}`;
  }
  for (const [key, parameter] of Object.entries(world.parameters)) {
    if (key !== `${parameter.ownerId}/${parameter.region}/${parameter.name}`) return `parameter stored under ${key}`;
    if (parameter.versions.length === 0 || parameter.versions.length > 100) return `${key} has ${parameter.versions.length} versions`;
    const labels = parameter.versions.flatMap((version) => version.labels);
    if (new Set(labels).size !== labels.length) return `${key} has a label on two versions`;
    if (parameter.versions.some((version, i) => i > 0 && version.version <= (parameter.versions[i - 1]?.version ?? 0))) return `${key} versions out of order`;
    if (parameter.versions.some((version) => version.labels.length > 10)) return `${key} has more than 10 labels on a version`;
    const latest = parameter.versions[parameter.versions.length - 1];
    if (latest?.dataType === 'aws:ec2:image' && !/^ami-/.test(latest.value)) return `${key} holds ${latest.value} as an image`;
  }
  for (const [id, template] of Object.entries(world.launchTemplates)) {
    if (template.id !== id) return `launch template stored under ${id}`;
    const numbers = template.versions.map((version) => version.versionNumber);
    if (!numbers.includes(template.defaultVersion)) return `${id} lost its default version ${template.defaultVersion}`;
    if (new Set(numbers).size !== numbers.length || numbers.some((n) => n > template.latestVersion)) return `${id} has bad version numbers`;
  }
  for (const [key, group] of Object.entries(world.autoScalingGroups)) {
    if (key !== `${group.ownerId}/${group.region}/${group.name}`) return `group stored under ${key}`;
    if (group.desiredCapacity < group.minSize || group.desiredCapacity > group.maxSize) return `${key} desires ${group.desiredCapacity} outside its bounds`;
    // A deleted template matters when the group must launch: then it retries (a full group notices at its next launch, as in AWS).
    if (world.launchTemplates[group.launchTemplateId] === undefined && group.members.length < group.desiredCapacity && world.timers[key] === undefined)
      return `${key} lost its template and is not retrying`;
    for (const member of group.members) {
      const instance = world.instances[member.instanceId];
      if (instance === undefined) return `${key} holds ${member.instanceId}, which is gone`;
      if (instance.ownerId !== group.ownerId || instance.region !== group.region) return `${key} holds another account's or Region's ${instance.id}`;
      const state = instance.lifecycle.value;
      if ((state === 'terminated' || state === 'shutting-down' || state === 'stopped') && world.timers[key] === undefined)
        return `${key} keeps ${state} ${instance.id} without a check pending`;
    }
    const active = group.refreshes.filter((refresh) => ['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress'].includes(refresh.status));
    if (active.length > 1) return `${key} has ${active.length} active refreshes`;
    // A group never has more instances than its maximum (nor, once it has checked itself, than it desires).
    if (group.members.length > group.maxSize) return `${key} has ${group.members.length} instances, above its maximum ${group.maxSize}`;
    if (group.members.length > group.desiredCapacity) return `${key} has ${group.members.length} instances, above its desired ${group.desiredCapacity}`;
    // Every launch and termination is an activity with an AWS status; a failed launch says why, as AWS words it.
    const activities = group.activities ?? [];
    if (activities.length > 100) return `${key} keeps ${activities.length} activities`;
    for (const member of group.members) {
      if (!activities.some((activity) => activity.kind === 'launch' && activity.instanceId === member.instanceId) && activities.length < 100)
        return `${key} has no launch activity for ${member.instanceId}`;
    }
    for (const activity of activities) {
      if (activity.statusCode === 'Failed' && !activity.statusMessage?.endsWith('Launching EC2 instance failed.'))
        return `${key} failed activity without AWS's message: ${activity.statusMessage}`;
      if ((activity.statusCode === 'InProgress') !== (activity.endTime === null)) return `${key} activity ${activity.id} ${activity.statusCode} with end time ${activity.endTime}`;
    }
    // After a successful refresh every instance matches the desired configuration; after a rollback, the previous one
    // (while the group still has that configuration, as a number).
    const last = group.refreshes[group.refreshes.length - 1];
    const config =
      last?.status === 'Successful' && last.desired !== undefined
        ? { ref: last.desired, version: last.targetVersion }
        : last?.status === 'RollbackSuccessful' && last.previous !== undefined
          ? { ref: last.previous, version: last.previousVersion }
          : undefined;
    if (config !== undefined && /^\d+$/.test(group.launchTemplateVersion) && group.launchTemplateId === config.ref.id && group.launchTemplateVersion === config.ref.version) {
      for (const member of group.members) {
        if ((member.launchTemplateId ?? group.launchTemplateId) !== config.ref.id || member.launchTemplateVersion !== config.version)
          return `${key} ${last?.status} but ${member.instanceId} is on ${member.launchTemplateId} v${member.launchTemplateVersion}`;
      }
    }
    if (last?.status === 'Successful' && last.desired !== undefined && (group.launchTemplateId !== last.desired.id || group.launchTemplateVersion !== last.desired.version))
      return `${key} refresh succeeded without applying its desired configuration`;
  }
  // Recycle Bin: nothing in the bin exists outside it as well; each has its time to leave, and a snapshot in it is billed.
  for (const [id, entry] of Object.entries(world.recycleBin ?? {})) {
    if (id in world.images || id in world.snapshots) return `${id} is both in the bin and restored`;
    if (world.timers[id]?.resourceType !== 'recycle-bin' || world.timers[id]?.at !== entry.expiresAt) return `${id} in the bin without its expiry`;
    if (entry.expiresAt <= world.now) return `${id} outlived its retention`;
    if (entry.resourceType === 'snapshot' && !((world.meters[id]?.ratePerMonthUsd ?? 0) > 0)) return `${id} in the bin is not billed`;
  }
  // A lifecycle policy runs (has a timer) exactly when it is enabled; nothing it made is tagged for another account.
  for (const [id, policy] of Object.entries(world.lifecyclePolicies ?? {})) {
    if ((policy.state === 'ENABLED') !== (world.timers[id]?.resourceType === 'lifecycle-policy')) return `${id} ${policy.state} with timer ${JSON.stringify(world.timers[id])}`;
    if ((world.timers[id]?.at ?? Number.POSITIVE_INFINITY) < world.now) return `${id} runs in the past`;
  }
  // An Image Builder build in progress has exactly one timer; a finished one has none.
  for (const [arn, build] of Object.entries(world.imageBuilder?.images ?? {})) {
    const building = !['AVAILABLE', 'FAILED', 'CANCELLED'].includes(build.lifecycle.value);
    if (building !== (world.timers[arn]?.resourceType === 'imagebuilder-image')) return `${arn} ${build.lifecycle.value} with timer ${JSON.stringify(world.timers[arn])}`;
    if (build.lifecycle.value === 'AVAILABLE' && build.outputAmis.length === 0) return `${arn} AVAILABLE without an AMI`;
  }
  // Nothing is billed twice, nor billed when it is gone: a positive rate belongs to a resource that exists once.
  for (const [id, meter] of Object.entries(world.meters)) {
    if (meter.ratePerMonthUsd === 0) continue;
    if (meter.endedDescription !== null) return `${id} billed after it ended`;
    const where = [id in world.instances, id in world.volumes, id in world.snapshots, id in (world.recycleBin ?? {})].filter(Boolean).length;
    if (where !== 1) return `${id} billed while it exists in ${where} places`;
  }
  // No resource exists in an opt-in Region an account could never have used.
  for (const instance of Object.values(world.instances)) {
    if (instance.region === 'af-south-1' && world.regionOptIns[`${instance.ownerId}/af-south-1`] === undefined) return `${instance.id} in a Region never enabled`;
  }
  return null;
}

function allIds(cloud: Cloud): Set<string> {
  const world = cloud.world();
  // An AMI or snapshot in the Recycle Bin still exists (it may be restored); only leaving the bin is the end.
  return new Set([
    ...Object.keys(world.instances),
    ...Object.keys(world.images),
    ...Object.keys(world.snapshots),
    ...Object.keys(world.volumes),
    ...Object.keys(world.recycleBin ?? {}),
  ]);
}

/** Rules that are locked or in their unlock delay: none of them may disappear in the next step. */
function lockedRules(cloud: Cloud): string[] {
  const world = cloud.world();
  return Object.values(world.recycleBinRules ?? {})
    .filter((rule) => rule.lockState === 'locked' || (rule.lockState === 'unlocked' && (rule.lockEndTime ?? 0) > world.now))
    .map((rule) => rule.identifier);
}

describe('random sequences of calls', () => {
  it('keep every invariant after every call', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(stepArbitrary, { minLength: 30, maxLength: 90 }), (seed, steps) => {
        // Half the worlds have a moving catalogue (issue 14): a new Amazon Linux build every 3 days.
        const cloud = seed % 2 === 0 ? newCloud(seed) : createCloud({ seed, now: Date.UTC(2025, 0, 6, 9, 0, 0), catalogueReleaseEveryDays: 3 });
        // Two AMIs of the learner to start with, so Recycle Bin steps have something to keep.
        instanceWithImage(cloud, 'start-a');
        instanceWithImage(cloud, 'start-b');
        const gone = new Set<string>();
        let present = allIds(cloud);
        let totals = ACCOUNT_IDS.map((id) => cloud.bill(id).totalAccruedUsd);
        for (const step of steps) {
          const before = cloud.save();
          const locked = lockedRules(cloud);
          let result: ApiResult | null = null;
          expect(() => {
            result = runStep(cloud, step);
          }).not.toThrow();
          const outcome = result as ApiResult | null;
          if (outcome !== null && !outcome.ok) {
            expect(outcome.error.Code).not.toBe('InternalError');
            expect(cloud.save()).toBe(before);
          }
          const broken = checkWorld(cloud);
          expect(broken).toBeNull();
          // A locked rule (or one in its unlock delay) cannot be deleted, by a call or by the clock.
          for (const identifier of locked) expect(cloud.world().recycleBinRules?.[identifier], `locked rule ${identifier} deleted`).toBeDefined();
          const now = allIds(cloud);
          for (const id of now) expect(gone.has(id)).toBe(false);
          for (const id of present) if (!now.has(id)) gone.add(id);
          present = now;
          const nextTotals = ACCOUNT_IDS.map((id) => cloud.bill(id).totalAccruedUsd);
          nextTotals.forEach((total, index) => {
            expect(total).toBeGreaterThanOrEqual(totals[index] ?? 0);
          });
          totals = nextTotals;
        }
        const restored = restoreCloud(cloud.save());
        expect(restored.ok && restored.cloud.save()).toBe(cloud.save());
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
