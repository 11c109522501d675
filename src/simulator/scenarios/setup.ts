/**
 * A scenario's starting world: a seed, a start time and a few steps (launch, bake, terminate,
 * settle) that run as ordinary API calls, so the world they make is one the learner could have
 * made. Steps name resources by their Name tag (instances) or AMI name (images).
 */
import * as z from '../model/zod.ts';
import { encodeBase64 } from '../cli/base64.ts';
import { type Cloud, createCloud } from '../cloud.ts';
import { CATALOGUE } from '../model/catalogue.ts';
import { accountIdOf, imageNamed, instanceNamed } from './queries.ts';
import { settle } from './timers.ts';

const role = z.enum(['learner', 'partner', 'stranger']);

/** One step of a starting world. */
export const setupStepSchema = z.union([
  z.strictObject({
    /** Launch an Amazon Linux 2023 instance tagged Name=<name>, installing `software` at boot. */
    launch: z.strictObject({
      name: z.string(),
      region: z._default(z.string(), 'us-east-1'),
      zone: z.optional(z.string()),
      software: z._default(z.array(z.string()), []),
      account: z._default(role, 'learner'),
      /** Size of an extra data volume that survives termination (DeleteOnTermination false). */
      dataVolumeGiB: z.optional(z.number().check(z.int(), z.positive())),
      /** More instance tags, `Key=Value` (issue 14: what a lifecycle policy targets). */
      tags: z._default(z.array(z.string()), []),
    }),
  }),
  z.strictObject({
    /** Create an AMI named `image` from the instance tagged Name=<instance>, and wait until it is available. */
    bake: z.strictObject({ instance: z.string(), image: z.string(), region: z._default(z.string(), 'us-east-1') }),
  }),
  z.strictObject({ terminate: z.string() }),
  z.strictObject({ settle: z.literal(true) }),
  z.strictObject({
    /** Create the launch template `name` (or a new version of it) launching t3.micro from the AMI named `image`. */
    template: z.strictObject({ name: z.string(), image: z.string(), region: z._default(z.string(), 'us-east-1') }),
  }),
  z.strictObject({
    /**
     * Create an Auto Scaling group from a launch template version; wait until its instances run (a
     * group whose launches fail is left failing, as the learner will find it).
     */
    group: z.strictObject({
      name: z.string(),
      template: z.string(),
      version: z._default(z.string(), '1'),
      min: z._default(z.number().check(z.int(), z.nonnegative()), 1),
      max: z._default(z.number().check(z.int(), z.nonnegative()), 4),
      desired: z._default(z.number().check(z.int(), z.nonnegative()), 2),
      region: z._default(z.string(), 'us-east-1'),
    }),
  }),
  /** Deregister the AMI with this name (its snapshots stay, unless `deleteSnapshots`). */
  z.strictObject({ deregister: z.string(), deleteSnapshots: z.optional(z.boolean()) }),
  z.strictObject({
    /**
     * Create a Recycle Bin retention rule (issue 14) and wait until it is active: Region-level, or
     * tag-level with `tags` (`Key=Value`).
     */
    retentionRule: z.strictObject({
      resourceType: z.enum(['EC2_IMAGE', 'EBS_SNAPSHOT']),
      days: z.number().check(z.int(), z.positive()),
      tags: z._default(z.array(z.string()), []),
      description: z.optional(z.string()),
      region: z._default(z.string(), 'us-east-1'),
    }),
  }),
]);

/** The starting world of a scenario. */
export const startSchema = z.strictObject({
  /** Seed of the ID generator, so the scenario's IDs are the same for everyone. */
  seed: z._default(z.number().check(z.int()), 1),
  /** Start of simulated time (ISO 8601). */
  now: z._default(z.string(), '2025-01-06T09:00:00Z'),
  steps: z._default(z.array(setupStepSchema), []),
  /** Issue 14: a new Amazon Linux 2023 build every this many simulated days (off when absent). */
  catalogueReleaseEveryDays: z.optional(z.number().check(z.int(), z.positive())),
});

export type SetupStep = z.output<typeof setupStepSchema>;
export type ScenarioStart = z.output<typeof startSchema>;

/** Result of building a starting world. */
export type StartResult = { readonly ok: true; readonly cloud: Cloud } | { readonly ok: false; readonly message: string };

function catalogueImageId(cloud: Cloud, region: string): string | undefined {
  const name = CATALOGUE[0]?.name;
  return Object.values(cloud.world().images).find((image) => image.region === region && image.name === name)?.id;
}

/** Builds the starting world; a step that fails gives the AWS error, naming the step. */
export function buildStartingWorld(start: ScenarioStart): StartResult {
  const cloud = createCloud({
    seed: start.seed,
    now: Date.parse(start.now),
    ...(start.catalogueReleaseEveryDays === undefined ? {} : { catalogueReleaseEveryDays: start.catalogueReleaseEveryDays }),
  });
  for (const [index, step] of start.steps.entries()) {
    const problem = runStep(cloud, step);
    if (problem !== null) return { ok: false, message: `Step ${index + 1} (${Object.keys(step)[0]}): ${problem}` };
  }
  return { ok: true, cloud };
}

/** A `Key=Value` tag. */
function keyValue(tag: string): { Key: string; Value: string } {
  const [key = '', ...value] = tag.split('=');
  return { Key: key, Value: value.join('=') };
}

function runStep(cloud: Cloud, step: SetupStep): string | null {
  if ('settle' in step) {
    settle(cloud);
    return null;
  }
  if ('launch' in step) {
    const { name, region, zone, software, account, dataVolumeGiB, tags } = step.launch;
    const imageId = catalogueImageId(cloud, region);
    if (imageId === undefined) return `no catalogue image in ${region}`;
    const params: Record<string, unknown> = {
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }, ...tags.map(keyValue)] }],
    };
    if (zone !== undefined) params['Placement'] = { AvailabilityZone: zone };
    if (software.length > 0) params['UserData'] = encodeBase64(`#!/bin/bash\ndnf install -y ${software.join(' ')}\n`);
    if (dataVolumeGiB !== undefined) {
      params['BlockDeviceMappings'] = [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: dataVolumeGiB, VolumeType: 'gp3', DeleteOnTermination: false } }];
    }
    const result = cloud.send({ op: 'RunInstances', region, account: accountIdOf(account), params });
    if (!result.ok) return `${result.error.Code}: ${result.error.Message}`;
    settle(cloud);
    return null;
  }
  if ('bake' in step) {
    const instance = instanceNamed(cloud.world(), step.bake.instance);
    if (instance === undefined) return `no instance named ${step.bake.instance}`;
    const result = cloud.send({
      op: 'CreateImage',
      region: step.bake.region,
      account: instance.ownerId,
      params: { InstanceId: instance.id, Name: step.bake.image },
    });
    if (!result.ok) return `${result.error.Code}: ${result.error.Message}`;
    settle(cloud);
    return imageNamed(cloud.world(), step.bake.image) === undefined ? `image ${step.bake.image} was not created` : null;
  }
  if ('template' in step) {
    const { name, image, region } = step.template;
    const found = imageNamed(cloud.world(), image, region);
    if (found === undefined) return `no image named ${image} in ${region}`;
    const exists = Object.values(cloud.world().launchTemplates).some(
      (template) => template.name === name && template.region === region && template.ownerId === accountIdOf('learner'),
    );
    const data = { ImageId: found.id, InstanceType: 't3.micro' };
    const result = cloud.send({
      op: exists ? 'CreateLaunchTemplateVersion' : 'CreateLaunchTemplate',
      region,
      account: accountIdOf('learner'),
      params: { LaunchTemplateName: name, LaunchTemplateData: data },
    });
    return result.ok ? null : `${result.error.Code}: ${result.error.Message}`;
  }
  if ('group' in step) {
    const { name, template, version, min, max, desired, region } = step.group;
    const result = cloud.send({
      op: 'CreateAutoScalingGroup',
      service: 'autoscaling',
      region,
      account: accountIdOf('learner'),
      params: { AutoScalingGroupName: name, LaunchTemplate: { LaunchTemplateName: template, Version: version }, MinSize: min, MaxSize: max, DesiredCapacity: desired },
    });
    if (!result.ok) return `${result.error.Code}: ${result.error.Message}`;
    const group = cloud.world().autoScalingGroups[`${accountIdOf('learner')}/${region}/${name}`];
    if (group?.lastFailure === null) settle(cloud);
    return null;
  }
  if ('deregister' in step) {
    const image = imageNamed(cloud.world(), step.deregister);
    if (image === undefined) return `no image named ${step.deregister}`;
    const params = step.deleteSnapshots === true ? { ImageId: image.id, DeleteAssociatedSnapshots: true } : { ImageId: image.id };
    const result = cloud.send({ op: 'DeregisterImage', region: image.region, account: image.ownerId, params });
    return result.ok ? null : `${result.error.Code}: ${result.error.Message}`;
  }
  if ('retentionRule' in step) {
    const { resourceType, days, tags, description, region } = step.retentionRule;
    const ResourceTags = tags.map(keyValue).map((tag) => ({ ResourceTagKey: tag.Key, ResourceTagValue: tag.Value }));
    const result = cloud.send({
      op: 'CreateRule',
      service: 'rbin',
      region,
      account: accountIdOf('learner'),
      params: {
        ResourceType: resourceType,
        RetentionPeriod: { RetentionPeriodValue: days, RetentionPeriodUnit: 'DAYS' },
        ...(description === undefined ? {} : { Description: description }),
        ...(ResourceTags.length > 0 ? { ResourceTags } : {}),
      },
    });
    if (!result.ok) return `${result.error.Code}: ${result.error.Message}`;
    // The first rule of a Region takes up to 30 minutes to become active.
    cloud.advance(30 * 60_000);
    return null;
  }
  const instance = instanceNamed(cloud.world(), step.terminate);
  if (instance === undefined) return `no instance named ${step.terminate}`;
  const result = cloud.send({ op: 'TerminateInstances', region: instance.region, account: instance.ownerId, params: { InstanceIds: [instance.id] } });
  if (!result.ok) return `${result.error.Code}: ${result.error.Message}`;
  settle(cloud);
  return null;
}
