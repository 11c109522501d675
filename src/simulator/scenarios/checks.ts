/**
 * Goal checks: pure functions of the world, by name. A scenario's frontmatter names a check and
 * gives its parameters; the lab evaluates it after every change, whatever made the change (forms,
 * console, the clock). Each check's parameters have a zod schema, so a scenario with a wrong
 * parameter fails the build.
 */
import * as z from '../model/zod.ts';
import { computeBill } from '../model/billing.ts';
import { CATALOGUE, catalogueImageId, newestReleaseName } from '../model/catalogue.ts';
import { regionOptStatus } from '../model/region-opt-in.ts';
import { findRegion } from '../model/regions.ts';
import type { AutoScalingGroupRecord, World } from '../model/world-schema.ts';
import { isPublic, isSharedWith } from '../model/visibility.ts';
import { accountIdOf, hasSoftware, imageNamed, imagesOf, installedOn, instanceNamed, instancesOf, isUp, LEARNER } from './queries.ts';

const role = z.enum(['learner', 'partner', 'stranger']);

/** A goal check: its parameter schema and the test itself. */
export interface GoalCheck<P extends z.ZodMiniType = z.ZodMiniType> {
  /** What the check asks, for authors. */
  readonly description: string;
  readonly params: P;
  readonly test: (world: Readonly<World>, params: z.output<P>) => boolean;
}

function check<P extends z.ZodMiniType>(definition: GoalCheck<P>): GoalCheck<P> {
  return definition;
}

/**
 * Names of the newest Amazon Linux 2023 image of each architecture in the catalogue: what
 * `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-<arch>` names.
 */
const LATEST_AL2023: ReadonlySet<string> = new Set(
  (['x86_64', 'arm64'] as const).flatMap((architecture) => {
    const builds = CATALOGUE.filter((entry) => entry.name.startsWith('al2023-ami-') && entry.architecture === architecture);
    const newest = builds.reduce<(typeof builds)[number] | undefined>((best, entry) => (best === undefined || entry.creationDate > best.creationDate ? entry : best), undefined);
    return newest === undefined ? [] : [newest.name];
  }),
);

/** The learner's launch template versions whose ImageId is a `resolve:ssm:` of a parameter under `prefix`, with their Region. */
function ssmTemplateRegions(world: Readonly<World>, prefix: string): Set<string> {
  const regions = new Set<string>();
  for (const template of Object.values(world.launchTemplates)) {
    if (template.ownerId !== LEARNER) continue;
    if (template.versions.some((version) => version.data.ImageId?.startsWith(`resolve:ssm:${prefix}`) === true)) regions.add(template.region);
  }
  return regions;
}

/** The learner's Auto Scaling group with this name (in `region` if given). */
function groupNamed(world: Readonly<World>, name: string, region?: string): AutoScalingGroupRecord | undefined {
  return Object.values(world.autoScalingGroups).find(
    (group) => group.ownerId === LEARNER && group.name === name && !group.deleting && (region === undefined || group.region === region),
  );
}

/**
 * Whether the group has its desired capacity (at least one), every instance running from an
 * available AMI, with `software` when named.
 */
function groupHealthy(world: Readonly<World>, group: AutoScalingGroupRecord, software: string | undefined): boolean {
  if (group.desiredCapacity === 0 || group.members.length !== group.desiredCapacity) return false;
  return group.members.every((member) => {
    const instance = world.instances[member.instanceId];
    const image = instance === undefined ? undefined : world.images[instance.imageId];
    return (
      instance !== undefined && isUp(instance) && image?.lifecycle.value === 'available' && (software === undefined || hasSoftware(installedOn(world as World, instance), software))
    );
  });
}

const groupParams = z.strictObject({ group: z.string(), software: z.optional(z.string()), region: z.optional(z.string()) });

/** Every goal check, by name. */
export const GOAL_CHECKS = {
  'instance-with-software': check({
    description: 'A running instance of yours has the software installed (any added software when none is named).',
    params: z.strictObject({ software: z.optional(z.string()), region: z.optional(z.string()) }),
    test: (world, { software, region }) =>
      instancesOf(world, LEARNER).some((instance) => isUp(instance) && (region === undefined || instance.region === region) && hasSoftware(installedOn(world, instance), software)),
  }),
  'own-image-with-software': check({
    description: 'An available AMI of yours, made from an instance, carries the software.',
    params: z.strictObject({ software: z.optional(z.string()), region: z.optional(z.string()) }),
    test: (world, { software, region }) =>
      imagesOf(world, LEARNER).some(
        (image) =>
          image.lifecycle.value === 'available' && image.sourceInstanceId !== null && (region === undefined || image.region === region) && hasSoftware(image.installed, software),
      ),
  }),
  'instance-from-own-image': check({
    description: 'A running instance of yours was launched from one of your own AMIs that carries the software, and has it.',
    params: z.strictObject({ software: z.optional(z.string()), region: z.optional(z.string()) }),
    test: (world, { software, region }) =>
      instancesOf(world, LEARNER).some((instance) => {
        const image = world.images[instance.imageId];
        return (
          isUp(instance) &&
          (region === undefined || instance.region === region) &&
          image !== undefined &&
          image.ownerId === LEARNER &&
          hasSoftware(image.installed, software) &&
          hasSoftware(installedOn(world, instance), software)
        );
      }),
  }),
  'image-from-instance': check({
    description: 'An available AMI of yours was made from the instance with this Name tag.',
    params: z.strictObject({ instance: z.string() }),
    test: (world, { instance: name }) => {
      const source = instanceNamed(world, name);
      return source !== undefined && imagesOf(world, LEARNER).some((image) => image.sourceInstanceId === source.id && image.lifecycle.value === 'available');
    },
  }),
  'running-in-other-zone': check({
    description: 'A running instance of yours, launched from one of your AMIs, is in a zone other than `zone` (same Region) and has the software.',
    params: z.strictObject({ zone: z.string(), software: z.optional(z.string()) }),
    test: (world, { zone, software }) => {
      const region = zone.slice(0, -1);
      return instancesOf(world, LEARNER).some((instance) => {
        const image = world.images[instance.imageId];
        return (
          isUp(instance) && instance.region === region && instance.availabilityZone !== zone && image?.ownerId === LEARNER && hasSoftware(installedOn(world, instance), software)
        );
      });
    },
  }),
  'instance-gone': check({
    description: 'The instance with this Name tag is terminated (or already forgotten).',
    params: z.strictObject({ instance: z.string() }),
    test: (world, { instance: name }) => {
      const found = instanceNamed(world, name);
      return found === undefined || found.lifecycle.value === 'terminated' || found.lifecycle.value === 'shutting-down';
    },
  }),
  'image-copied-to-other-region': check({
    description: 'An available copy of your AMI `image` (by AMI name) exists in a Region other than `from`.',
    params: z.strictObject({ image: z.string(), from: z.string() }),
    test: (world, { image: name, from }) => {
      const source = imageNamed(world, name, from);
      return source !== undefined && imagesOf(world, LEARNER).some((image) => image.sourceImageId === source.id && image.region !== from && image.lifecycle.value === 'available');
    },
  }),
  'running-from-copy': check({
    description: 'A running instance of yours in another Region was launched from a copy of `image`.',
    params: z.strictObject({ image: z.string(), from: z.string() }),
    test: (world, { image: name, from }) => {
      const source = imageNamed(world, name, from);
      if (source === undefined) return false;
      return instancesOf(world, LEARNER).some((instance) => {
        const image = world.images[instance.imageId];
        return isUp(instance) && instance.region !== from && image?.sourceImageId === source.id;
      });
    },
  }),
  'image-shared-with': check({
    description: 'Your AMI `image` has a launch permission that reaches the `account` role (account, organization or OU).',
    params: z.strictObject({ image: z.string(), account: role }),
    test: (world, { image: name, account }) => {
      const image = imageNamed(world, name);
      return image !== undefined && isSharedWith(image, accountIdOf(account));
    },
  }),
  'account-launched-image': check({
    description: 'The `account` role has launched an instance (in any state) from your AMI `image`.',
    params: z.strictObject({ image: z.string(), account: role }),
    test: (world, { image: name, account }) => {
      const image = imageNamed(world, name);
      return image !== undefined && instancesOf(world, accountIdOf(account)).some((instance) => instance.imageId === image.id);
    },
  }),
  'revoked-after-launch': check({
    description: 'The `account` role launched from `image`, and the AMI is no longer shared with it (nor public).',
    params: z.strictObject({ image: z.string(), account: role }),
    test: (world, { image: name, account }) => {
      const image = imageNamed(world, name);
      const accountId = accountIdOf(account);
      return image !== undefined && !isSharedWith(image, accountId) && !isPublic(image) && instancesOf(world, accountId).some((instance) => instance.imageId === image.id);
    },
  }),
  'image-deregistered': check({
    description: 'Your AMI `image` is deregistered (or already forgotten).',
    params: z.strictObject({ image: z.string() }),
    test: (world, { image: name }) => {
      const image = imageNamed(world, name);
      return image === undefined || image.lifecycle.value === 'deregistered';
    },
  }),
  'no-orphaned-snapshots': check({
    description: 'Your AMI `image` is deregistered and you pay for no snapshot of a deregistered AMI.',
    params: z.strictObject({ image: z.string() }),
    test: (world, { image: name }) => {
      const image = imageNamed(world, name);
      const deregistered = image === undefined || image.lifecycle.value === 'deregistered';
      return deregistered && !computeBill(world as World, LEARNER).lines.some((line) => line.category === 'orphaned-image-snapshot' && line.ratePerMonthUsd > 0);
    },
  }),
  'no-unattached-volumes': check({
    description: 'You pay for no volume that is not attached to an instance.',
    params: z.strictObject({}),
    test: (world) => !computeBill(world as World, LEARNER).lines.some((line) => line.category === 'unattached-volume' && line.ratePerMonthUsd > 0),
  }),
  'monthly-bill-at-most': check({
    description: 'Your bill per month, if nothing changes, is at most `usd`.',
    params: z.strictObject({ usd: z.number().check(z.nonnegative()) }),
    test: (world, { usd }) => computeBill(world as World, LEARNER).totalPerMonthUsd <= usd + 1e-9,
  }),
  'image-deprecation-set': check({
    description: 'Your AMI `image` has a deprecation time.',
    params: z.strictObject({ image: z.string() }),
    test: (world, { image: name }) => {
      const image = imageNamed(world, name);
      return image !== undefined && image.lifecycle.value !== 'deregistered' && image.deprecationTime !== null;
    },
  }),
  'image-still-registered': check({
    description: 'Your AMI `image` still exists, unchanged, and has not got `software`.',
    params: z.strictObject({ image: z.string(), software: z.string() }),
    test: (world, { image: name, software }) => {
      const image = imageNamed(world, name);
      return image !== undefined && image.lifecycle.value === 'available' && !image.installed.includes(software);
    },
  }),
  'image-public': check({
    description: 'Your AMI `image` is public.',
    params: z.strictObject({ image: z.string() }),
    test: (world, { image: name }) => {
      const image = imageNamed(world, name);
      return image !== undefined && isPublic(image);
    },
  }),
  'block-public-access-on': check({
    description: 'Image block public access is in force for your account in `region`.',
    params: z.strictObject({ region: z.string() }),
    test: (world, { region }) => {
      const setting = world.imageBlockPublicAccess[`${LEARNER}/${region}`];
      if (setting === undefined) return false;
      const state = setting.effectiveAt <= world.now ? setting.state : setting.previousState;
      return state === 'block-new-sharing';
    },
  }),
  'private-under-block': check({
    description: 'Your AMI `image` is private again while block public access is in force in its Region.',
    params: z.strictObject({ image: z.string(), region: z.string() }),
    test: (world, { image: name, region }) => {
      const image = imageNamed(world, name, region);
      const setting = world.imageBlockPublicAccess[`${LEARNER}/${region}`];
      const blocked = setting !== undefined && (setting.effectiveAt <= world.now ? setting.state : setting.previousState) === 'block-new-sharing';
      return image !== undefined && !isPublic(image) && blocked;
    },
  }),
  'template-uses-ssm-parameter': check({
    description: 'A launch template version of yours has an ImageId `resolve:ssm:<parameter>` with a parameter under `prefix`.',
    params: z.strictObject({ prefix: z.string().check(z.minLength(1)) }),
    test: (world, { prefix }) => ssmTemplateRegions(world, prefix).size > 0,
  }),
  'running-latest-amazon-linux': check({
    description:
      'A running instance of yours runs the newest Amazon Linux 2023 image of the catalogue, in a Region where you have a launch template that resolves an SSM parameter under `prefix`.',
    params: z.strictObject({ prefix: z.string().check(z.minLength(1)) }),
    test: (world, { prefix }) => {
      const regions = ssmTemplateRegions(world, prefix);
      return instancesOf(world as World, LEARNER).some((instance) => {
        const image = world.images[instance.imageId];
        return isUp(instance) && regions.has(instance.region) && image !== undefined && image.ownerId !== LEARNER && LATEST_AL2023.has(image.name);
      });
    },
  }),
  'group-refreshed': check({
    description: 'The Auto Scaling group `group` finished an instance refresh successfully and has its desired capacity running, every instance with `software`.',
    params: groupParams,
    test: (world, { group: name, software, region }) => {
      const group = groupNamed(world, name, region);
      if (group === undefined) return false;
      return group.refreshes.some((refresh) => refresh.status === 'Successful') && groupHealthy(world, group, software);
    },
  }),
  'group-rolled-back': check({
    description: 'The last instance refresh of the group `group` was rolled back successfully, and its desired capacity runs, every instance with `software`.',
    params: groupParams,
    test: (world, { group: name, software, region }) => {
      const group = groupNamed(world, name, region);
      return group !== undefined && group.refreshes[group.refreshes.length - 1]?.status === 'RollbackSuccessful' && groupHealthy(world, group, software);
    },
  }),
  'group-at-capacity': check({
    description:
      'The Auto Scaling group `group` has its desired capacity running from available AMIs (with `software` when named), and its launch template resolves to an available AMI.',
    params: groupParams,
    test: (world, { group: name, software, region }) => {
      const group = groupNamed(world, name, region);
      if (group === undefined || !groupHealthy(world, group, software)) return false;
      const template = world.launchTemplates[group.launchTemplateId];
      if (template === undefined) return false;
      const number =
        group.launchTemplateVersion === '$Latest'
          ? Math.max(...template.versions.map((version) => version.versionNumber))
          : group.launchTemplateVersion === '$Default'
            ? template.defaultVersion
            : Number(group.launchTemplateVersion);
      const imageId = template.versions.find((version) => version.versionNumber === number)?.data.ImageId;
      // A `resolve:ssm:` ImageId resolves at launch; the running instances above show it works.
      return imageId !== undefined && (imageId.startsWith('resolve:ssm:') || world.images[imageId]?.lifecycle.value === 'available');
    },
  }),
  'region-enabled': check({
    description: 'The opt-in Region `region` is enabled for your account (ENABLED, not ENABLING).',
    params: z.strictObject({ region: z.string() }),
    test: (world, { region }) => {
      const info = findRegion(region);
      return info !== undefined && regionOptStatus(world, LEARNER, info) === 'ENABLED';
    },
  }),
  'image-copied-to-region': check({
    description: 'An available copy of your AMI `image` (by AMI name, from Region `from`) exists in Region `region`.',
    params: z.strictObject({ image: z.string(), from: z.string(), region: z.string() }),
    test: (world, { image: name, from, region }) => {
      const source = imageNamed(world as World, name, from);
      return (
        source !== undefined &&
        imagesOf(world as World, LEARNER).some((image) => image.sourceImageId === source.id && image.region === region && image.lifecycle.value === 'available')
      );
    },
  }),
  // Recycle Bin (issue 14).
  'image-restored-from-bin': check({
    description: 'Your AMI `image` was restored from the Recycle Bin and is available (a new AMI of the same name does not count).',
    params: z.strictObject({ image: z.string(), region: z.optional(z.string()) }),
    test: (world, { image: name, region }) =>
      imagesOf(world as World, LEARNER).some(
        (image) =>
          image.name === name && (region === undefined || image.region === region) && image.lifecycle.value === 'available' && image.restoredFromRecycleBinAt !== undefined,
      ),
  }),
  'nothing-billed-in-bin': check({
    description:
      'You pay for no snapshot in the Recycle Bin; with `protectedBy`, a Region-level rule of yours for that resource type is still active in `region` (exclusion tags allowed).',
    params: z.strictObject({ protectedBy: z.optional(z.enum(['EC2_IMAGE', 'EBS_SNAPSHOT'])), region: z._default(z.string(), 'us-east-1') }),
    test: (world, { protectedBy, region }) => {
      const billed = Object.values(world.recycleBin ?? {}).some(
        (entry) => entry.resourceType === 'snapshot' && entry.record.ownerId === LEARNER && (world.meters[entry.record.id]?.ratePerMonthUsd ?? 0) > 0,
      );
      const protectedStill =
        protectedBy === undefined ||
        Object.values(world.recycleBinRules ?? {}).some(
          (rule) => rule.ownerId === LEARNER && rule.region === region && rule.resourceType === protectedBy && rule.resourceTags.length === 0 && rule.activeAt <= world.now,
        );
      return !billed && protectedStill;
    },
  }),
  // Data Lifecycle Manager (issue 14).
  'dlm-ami-policy': check({
    description:
      'An enabled AMI lifecycle policy of yours targets instances tagged `tag` (Key=Value), makes an AMI every 24 hours (interval or daily cron), keeps at least `keep` (by count, or days), and with `copyTo` copies each AMI to that Region, kept at least `copyKeepDays` days.',
    params: z.strictObject({
      tag: z.string(),
      keep: z.number().check(z.int(), z.positive()),
      copyTo: z.optional(z.string()),
      copyKeepDays: z._default(z.number().check(z.int(), z.nonnegative()), 1),
      region: z._default(z.string(), 'us-east-1'),
    }),
    test: (world, { tag, keep, copyTo, copyKeepDays, region }) => {
      const [key = '', ...rest] = tag.split('=');
      const value = rest.join('=');
      const days = (rule: { Interval?: number; IntervalUnit?: string } | undefined): number =>
        rule?.Interval === undefined ? 0 : rule.Interval * ({ DAYS: 1, WEEKS: 7, MONTHS: 30, YEARS: 365 }[rule.IntervalUnit ?? 'DAYS'] ?? 1);
      return Object.values(world.lifecyclePolicies ?? {}).some((policy) => {
        const details = policy.policyDetails;
        if (policy.ownerId !== LEARNER || policy.region !== region || policy.state !== 'ENABLED' || details.PolicyType !== 'IMAGE_MANAGEMENT') return false;
        if (!(details.TargetTags ?? []).some((target) => target.Key === key && target.Value === value)) return false;
        return (details.Schedules ?? []).some((schedule) => {
          const create = schedule.CreateRule;
          const daily = create?.Interval === 24 || /^cron\(\d{1,2} \d{1,2} [*?] \* [*?] \*\)$/.test(create?.CronExpression ?? '');
          const kept = (schedule.RetainRule?.Count ?? 0) >= keep || days(schedule.RetainRule) >= keep;
          const copied =
            copyTo === undefined || (schedule.CrossRegionCopyRules ?? []).some((copy) => (copy.TargetRegion ?? copy.Target) === copyTo && days(copy.RetainRule) >= copyKeepDays);
          return daily && kept && copied;
        });
      });
    },
  }),
  'dlm-copies-made': check({
    description:
      'Every running instance of yours tagged `tag` (Key=Value) has an available AMI made by a lifecycle policy, and (with `copyTo`) an available copy of it in that Region made by the policy.',
    params: z.strictObject({ tag: z.string(), copyTo: z.optional(z.string()) }),
    test: (world, { tag, copyTo }) => {
      const [key = '', ...rest] = tag.split('=');
      const value = rest.join('=');
      const fromPolicy = (tags: readonly { Key: string }[]) => tags.some((candidate) => candidate.Key === 'aws:dlm:lifecycle-policy-id');
      const targets = instancesOf(world as World, LEARNER).filter(
        (instance) => isUp(instance) && (instance.tags[LEARNER] ?? []).some((candidate) => candidate.Key === key && candidate.Value === value),
      );
      if (targets.length === 0) return false;
      const images = imagesOf(world as World, LEARNER).filter((image) => image.lifecycle.value === 'available' && fromPolicy(image.tags[LEARNER] ?? []));
      return targets.every((instance) => {
        const made = images.filter((image) => image.sourceInstanceId === instance.id);
        if (made.length === 0) return false;
        return copyTo === undefined || images.some((copy) => copy.region === copyTo && made.some((source) => copy.sourceImageId === source.id));
      });
    },
  }),
  // EC2 Image Builder (issue 14).
  'imagebuilder-image-distributed': check({
    description:
      'An AVAILABLE Image Builder image of yours has an available output AMI in each of `regions`, each carrying `software` and (with `sharedWith`) launchable by that account.',
    params: z.strictObject({ regions: z.array(z.string()).check(z.minLength(1)), software: z.optional(z.string()), sharedWith: z.optional(role) }),
    test: (world, { regions, software, sharedWith }) =>
      Object.values(world.imageBuilder?.images ?? {}).some((build) => {
        if (build.ownerId !== LEARNER || build.lifecycle.value !== 'AVAILABLE') return false;
        return regions.every((region) =>
          build.outputAmis.some((output) => {
            const ami = world.images[output.image];
            return (
              output.region === region &&
              ami !== undefined &&
              ami.lifecycle.value === 'available' &&
              hasSoftware(ami.installed, software) &&
              (sharedWith === undefined || isSharedWith(ami, accountIdOf(sharedWith)))
            );
          }),
        );
      }),
  }),
  'imagebuilder-built-from-latest': check({
    description:
      'Since at least one new Amazon Linux 2023 build was published, an AVAILABLE Image Builder image of yours in `region` was built from the newest one (what the SSM latest parameter names now).',
    params: z.strictObject({ region: z._default(z.string(), 'us-east-1') }),
    test: (world, { region }) => {
      const newest = newestReleaseName(world, 'x86_64');
      if (newest === null) return false;
      const newestId = catalogueImageId(region, newest);
      return Object.values(world.imageBuilder?.images ?? {}).some(
        (build) => build.ownerId === LEARNER && build.region === region && build.lifecycle.value === 'AVAILABLE' && build.parentImageId === newestId,
      );
    },
  }),
  'imagebuilder-pipeline-scheduled': check({
    description: 'An enabled Image Builder pipeline of yours runs on a schedule (a cron expression).',
    params: z.strictObject({}),
    test: (world) =>
      Object.values(world.imageBuilder?.pipelines ?? {}).some((pipeline) => pipeline.ownerId === LEARNER && pipeline.status === 'ENABLED' && pipeline.scheduleExpression !== null),
  }),
} as const satisfies Record<string, GoalCheck>;

/** Name of a goal check. */
export type GoalCheckName = keyof typeof GOAL_CHECKS;

/** Names of every goal check. */
export const GOAL_CHECK_NAMES = Object.keys(GOAL_CHECKS) as GoalCheckName[];

/** A goal as a scenario states it: what to do, and the check that tells it is done. */
export const goalSchema = z
  .strictObject({
    /** Stable ID within the scenario; progress is stored by it. */
    id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    /** What the learner has to achieve, in plain words. */
    text: z.string().check(z.minLength(1)),
    /** Name of a check in GOAL_CHECKS. */
    check: z.string(),
    /** Parameters of the check. */
    params: z._default(z.record(z.string(), z.unknown()), {}),
  })
  .check(
    z.superRefine((goal, ctx) => {
      const definition = (GOAL_CHECKS as Record<string, GoalCheck>)[goal.check];
      if (definition === undefined) {
        ctx.addIssue({ code: 'custom', path: ['check'], message: `Unknown goal check "${goal.check}". Known checks: ${GOAL_CHECK_NAMES.join(', ')}` });
        return;
      }
      const parsed = definition.params.safeParse(goal.params);
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['params'],
          message: `Parameters of "${goal.check}": ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
        });
      }
    }),
  );

/** A goal of a scenario. */
export type Goal = z.output<typeof goalSchema>;

/** Whether a goal is met in `world`. An unknown check or bad parameters count as not met. */
export function isGoalMet(world: Readonly<World>, goal: Pick<Goal, 'check' | 'params'>): boolean {
  const definition = (GOAL_CHECKS as Record<string, GoalCheck>)[goal.check];
  if (definition === undefined) return false;
  const params = definition.params.safeParse(goal.params);
  if (!params.success) return false;
  return definition.test(world, params.data);
}
