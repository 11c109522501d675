/**
 * A scenario's starting world: a seed, a start time and a few steps (launch, bake, terminate,
 * settle) that run as ordinary API calls, so the world they make is one the learner could have
 * made. Steps name resources by their Name tag (instances) or AMI name (images).
 */
import { z } from '../model/zod.js';
import { encodeBase64 } from '../cli/base64.js';
import { type Cloud, createCloud } from '../cloud.js';
import { CATALOGUE } from '../model/catalogue.js';
import { accountIdOf, imageNamed, instanceNamed } from './queries.js';
import { settle } from './timers.js';

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
    }),
  }),
  z.strictObject({
    /** Create an AMI named `image` from the instance tagged Name=<instance>, and wait until it is available. */
    bake: z.strictObject({ instance: z.string(), image: z.string(), region: z._default(z.string(), 'us-east-1') }),
  }),
  z.strictObject({ terminate: z.string() }),
  z.strictObject({ settle: z.literal(true) }),
]);

/** The starting world of a scenario. */
export const startSchema = z.strictObject({
  /** Seed of the ID generator, so the scenario's IDs are the same for everyone. */
  seed: z._default(z.number().check(z.int()), 1),
  /** Start of simulated time (ISO 8601). */
  now: z._default(z.string(), '2025-01-06T09:00:00Z'),
  steps: z._default(z.array(setupStepSchema), []),
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
  const cloud = createCloud({ seed: start.seed, now: Date.parse(start.now) });
  for (const [index, step] of start.steps.entries()) {
    const problem = runStep(cloud, step);
    if (problem !== null) return { ok: false, message: `Step ${index + 1} (${Object.keys(step)[0]}): ${problem}` };
  }
  return { ok: true, cloud };
}

function runStep(cloud: Cloud, step: SetupStep): string | null {
  if ('settle' in step) {
    settle(cloud);
    return null;
  }
  if ('launch' in step) {
    const { name, region, zone, software, account, dataVolumeGiB } = step.launch;
    const imageId = catalogueImageId(cloud, region);
    if (imageId === undefined) return `no catalogue image in ${region}`;
    const params: Record<string, unknown> = {
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
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
  const instance = instanceNamed(cloud.world(), step.terminate);
  if (instance === undefined) return `no instance named ${step.terminate}`;
  const result = cloud.send({ op: 'TerminateInstances', region: instance.region, account: instance.ownerId, params: { InstanceIds: [instance.id] } });
  if (!result.ok) return `${result.error.Code}: ${result.error.Message}`;
  settle(cloud);
  return null;
}
