/**
 * What the lab shows of the Recycle Bin, Data Lifecycle Manager and EC2 Image Builder (issue 14),
 * for one account in one Region: retention rules (Region-level or by tag, status, lock), the bin's
 * AMIs and snapshots with when they go for good, lifecycle policies with what their runs made (by
 * the `aws:dlm:lifecycle-policy-id` tag), and Image Builder's resources and builds. Derived from the
 * world only (no calls). Loaded with the forms that act on them, never in the lab's first load.
 */
import { ruleLockState, ruleStatus } from '../../simulator/model/recycle-bin';
import type { BuilderImage, DlmPolicyDetails, RecycleBinRule, Tag, TagsByAccount, World } from '../../simulator/model/world-schema';

export interface RuleView {
  readonly id: string;
  readonly description: string;
  readonly resourceType: 'EC2_IMAGE' | 'EBS_SNAPSHOT';
  readonly retentionDays: number;
  /** Region-level (every resource of the type, but the excluded) or tag-level (only those tagged). */
  readonly scope: 'Region-level' | 'tag-level';
  /** `Key=Value` (or `Key`) of the tags a tag-level rule keeps, or a Region-level rule excludes. */
  readonly tags: readonly string[];
  readonly status: 'pending' | 'available';
  readonly lock: 'locked' | 'pending_unlock' | 'unlocked' | null;
  readonly unlockDelayDays: number | null;
  /** When a rule in its unlock delay unlocks. */
  readonly unlocksAt: number | null;
}

export interface BinItemView {
  readonly id: string;
  readonly kind: 'image' | 'snapshot';
  readonly name: string;
  readonly enteredAt: number;
  readonly keptUntil: number;
  readonly ruleId: string;
}

export interface ScheduleView {
  readonly name: string;
  /** `every 12 hours from 09:00 UTC` or `cron(0 9 * * ? *)`. */
  readonly when: string;
  /** `keep 3` or `keep 7 days`. */
  readonly retain: string;
  /** `us-west-2, kept 7 days` per cross-Region copy rule. */
  readonly copies: readonly string[];
}

export interface RunView {
  readonly id: string;
  readonly kind: 'AMI' | 'snapshot';
  readonly state: string;
  readonly region: string;
  readonly schedule: string;
  readonly createdAt: number;
}

export interface PolicyView {
  readonly id: string;
  readonly description: string;
  readonly type: 'AMI' | 'snapshot';
  readonly targets: string;
  readonly targetTags: readonly string[];
  readonly noReboot: boolean | null;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly schedules: readonly ScheduleView[];
  readonly nextRun: number | null;
  /** The AMIs and snapshots its runs made that still exist, newest first (in any Region: copies too). */
  readonly runs: readonly RunView[];
}

export interface BuildView {
  readonly arn: string;
  readonly name: string;
  readonly version: string;
  readonly buildVersion: number;
  readonly status: BuilderImage['lifecycle']['value'];
  readonly reason: string | null;
  readonly inProgress: boolean;
  readonly pipeline: string | null;
  readonly outputAmis: readonly string[];
  readonly createdAt: number;
}

export interface BuilderView {
  readonly components: readonly { readonly arn: string; readonly name: string; readonly version: string; readonly packages: readonly string[] }[];
  readonly recipes: readonly { readonly arn: string; readonly name: string; readonly version: string; readonly parentImage: string; readonly components: readonly string[] }[];
  readonly infrastructure: readonly { readonly arn: string; readonly name: string; readonly instanceTypes: readonly string[]; readonly instanceProfileName: string }[];
  readonly distributions: readonly { readonly arn: string; readonly name: string; readonly regions: readonly string[] }[];
  readonly pipelines: readonly {
    readonly arn: string;
    readonly name: string;
    readonly recipe: string;
    readonly schedule: string;
    readonly status: 'ENABLED' | 'DISABLED';
    readonly nextRunAt: number | null;
  }[];
  readonly images: readonly BuildView[];
}

const here = (accountId: string, region: string) => (record: { readonly ownerId: string; readonly region: string }) => record.ownerId === accountId && record.region === region;

function tagWords(tags: readonly { readonly ResourceTagKey: string; readonly ResourceTagValue?: string | undefined }[]): string[] {
  return tags.map((tag) => (tag.ResourceTagValue === undefined ? tag.ResourceTagKey : `${tag.ResourceTagKey}=${tag.ResourceTagValue}`));
}

export function ruleView(rule: RecycleBinRule, now: number): RuleView {
  const tagLevel = rule.resourceTags.length > 0;
  const lock = ruleLockState(rule, now);
  return {
    id: rule.identifier,
    description: rule.description,
    resourceType: rule.resourceType,
    retentionDays: rule.retentionDays,
    scope: tagLevel ? 'tag-level' : 'Region-level',
    tags: tagWords(tagLevel ? rule.resourceTags : rule.excludeResourceTags),
    status: ruleStatus(rule, now),
    lock,
    unlockDelayDays: rule.unlockDelayDays,
    unlocksAt: lock === 'pending_unlock' ? rule.lockEndTime : null,
  };
}

/** The rules of an account in a Region, by identifier. */
export function buildRulesView(world: Readonly<World>, accountId: string, region: string): RuleView[] {
  return Object.values(world.recycleBinRules ?? {})
    .filter(here(accountId, region))
    .map((rule) => ruleView(rule, world.now))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The AMIs and snapshots in the account's bin in a Region, those leaving soonest first. */
export function buildBinView(world: Readonly<World>, accountId: string, region: string): BinItemView[] {
  const mine = here(accountId, region);
  return Object.values(world.recycleBin ?? {})
    .filter((entry) => mine(entry.record))
    .map((entry) => ({
      id: entry.record.id,
      kind: entry.resourceType,
      name: entry.resourceType === 'image' ? entry.record.name : entry.record.description || `${entry.record.volumeSize} GiB snapshot`,
      enteredAt: entry.enteredAt,
      keptUntil: entry.expiresAt,
      ruleId: entry.ruleId,
    }))
    .sort((a, b) => a.keptUntil - b.keptUntil || a.id.localeCompare(b.id));
}

type Schedule = NonNullable<DlmPolicyDetails['Schedules']>[number];

/** A DLM create rule in words: `every 12 hours from 09:00 UTC`, `daily at 09:00 UTC (cron(0 9 * * ? *))`. */
export function scheduleWhen(rule: Schedule['CreateRule']): string {
  if (rule === undefined) return 'no schedule';
  if (rule.CronExpression !== undefined) {
    const daily = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(rule.CronExpression);
    return daily === null ? rule.CronExpression : `daily at ${daily[2]?.padStart(2, '0')}:${daily[1]?.padStart(2, '0')} UTC`;
  }
  const interval = rule.Interval ?? 24;
  const from = rule.Times?.[0] ?? '09:00';
  return interval === 24 ? `daily at ${from} UTC` : `every ${interval} hours from ${from} UTC`;
}

/** A retain rule in words: `keep 3`, `keep 7 days`. */
export function retainWords(rule: { readonly Count?: number | undefined; readonly Interval?: number | undefined; readonly IntervalUnit?: string | undefined } | undefined): string {
  if (rule === undefined) return 'keep all';
  if (rule.Count !== undefined) return `keep ${rule.Count}`;
  if (rule.Interval !== undefined) return `keep ${rule.Interval} ${(rule.IntervalUnit ?? 'DAYS').toLowerCase()}`;
  return 'keep all';
}

function tagValue(tags: TagsByAccount, accountId: string, key: string): string | undefined {
  return (tags[accountId] ?? []).find((tag: Tag) => tag.Key === key)?.Value;
}

const POLICY_TAG = 'aws:dlm:lifecycle-policy-id';
const SCHEDULE_TAG = 'aws:dlm:lifecycle-schedule-name';

function runsOf(world: Readonly<World>, accountId: string, policyId: string): RunView[] {
  const runs: RunView[] = [];
  for (const image of Object.values(world.images)) {
    if (image.ownerId !== accountId || image.lifecycle.value === 'deregistered' || tagValue(image.tags, accountId, POLICY_TAG) !== policyId) continue;
    runs.push({
      id: image.id,
      kind: 'AMI',
      state: image.lifecycle.value,
      region: image.region,
      schedule: tagValue(image.tags, accountId, SCHEDULE_TAG) ?? '',
      createdAt: image.creationDate,
    });
  }
  for (const snapshot of Object.values(world.snapshots)) {
    if (snapshot.ownerId !== accountId || tagValue(snapshot.tags, accountId, POLICY_TAG) !== policyId) continue;
    runs.push({
      id: snapshot.id,
      kind: 'snapshot',
      state: snapshot.lifecycle.value,
      region: snapshot.region,
      schedule: tagValue(snapshot.tags, accountId, SCHEDULE_TAG) ?? '',
      createdAt: snapshot.startTime,
    });
  }
  return runs.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

/** The lifecycle policies of an account in a Region, by ID, with what their runs made. */
export function buildPoliciesView(world: Readonly<World>, accountId: string, region: string): PolicyView[] {
  return Object.values(world.lifecyclePolicies ?? {})
    .filter(here(accountId, region))
    .map((policy): PolicyView => {
      const details = policy.policyDetails;
      const ami = details.PolicyType === 'IMAGE_MANAGEMENT';
      const nextRuns = Object.values(policy.nextRuns);
      return {
        id: policy.policyId,
        description: policy.description,
        type: ami ? 'AMI' : 'snapshot',
        targets: ami ? 'instances' : (details.ResourceTypes?.[0] ?? 'VOLUME') === 'INSTANCE' ? 'instances' : 'volumes',
        targetTags: (details.TargetTags ?? []).map((tag) => `${tag.Key}=${tag.Value}`),
        noReboot: ami ? (details.Parameters?.NoReboot ?? true) : null,
        state: policy.state,
        schedules: (details.Schedules ?? []).map((schedule, index) => ({
          name: schedule.Name ?? `Schedule ${index + 1}`,
          when: scheduleWhen(schedule.CreateRule),
          retain: retainWords(schedule.RetainRule),
          copies: (schedule.CrossRegionCopyRules ?? []).map((copy) => `${copy.TargetRegion ?? copy.Target ?? '?'}, ${retainWords(copy.RetainRule).replace('keep', 'kept')}`),
        })),
        nextRun: nextRuns.length === 0 ? null : Math.min(...nextRuns),
        runs: runsOf(world, accountId, policy.policyId),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

const IN_PROGRESS: ReadonlySet<string> = new Set(['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING']);

/** The name and version in an Image Builder ARN (`…:image-recipe/golden/1.0.0` → `golden 1.0.0`; a component's build number left out). */
export function arnName(arn: string): string {
  const path = arn.split(':').pop() ?? arn;
  return path.split('/').slice(1, 3).join(' ') || path;
}

/** A pipeline schedule in words: `manual`, or `daily at 09:00 UTC`. */
export function pipelineSchedule(expression: string | null): string {
  if (expression === null) return 'manual only';
  return scheduleWhen({ CronExpression: expression });
}

/** Image Builder's resources of an account in a Region; builds newest first. */
export function buildBuilderView(world: Readonly<World>, accountId: string, region: string): BuilderView {
  const store = world.imageBuilder;
  const mine = here(accountId, region);
  const byName = (a: { readonly name: string }, b: { readonly name: string }) => a.name.localeCompare(b.name);
  if (store === undefined) return { components: [], recipes: [], infrastructure: [], distributions: [], pipelines: [], images: [] };
  return {
    components: Object.values(store.components)
      .filter(mine)
      .map((c) => ({ arn: c.arn, name: c.name, version: c.version, packages: c.packages }))
      .sort(byName),
    recipes: Object.values(store.recipes)
      .filter(mine)
      .map((r) => ({ arn: r.arn, name: r.name, version: r.version, parentImage: r.parentImage, components: r.components.map(arnName) }))
      .sort(byName),
    infrastructure: Object.values(store.infrastructure)
      .filter(mine)
      .map((i) => ({ arn: i.arn, name: i.name, instanceTypes: i.instanceTypes, instanceProfileName: i.instanceProfileName }))
      .sort(byName),
    distributions: Object.values(store.distributions)
      .filter(mine)
      .map((d) => ({ arn: d.arn, name: d.name, regions: d.distributions.map((x) => x.region) }))
      .sort(byName),
    pipelines: Object.values(store.pipelines)
      .filter(mine)
      .map((p) => ({ arn: p.arn, name: p.name, recipe: arnName(p.recipeArn), schedule: pipelineSchedule(p.scheduleExpression), status: p.status, nextRunAt: p.nextRunAt }))
      .sort(byName),
    images: Object.values(store.images)
      .filter(mine)
      .map((image) => ({
        arn: image.arn,
        name: image.name,
        version: image.version,
        buildVersion: image.buildVersion,
        status: image.lifecycle.value,
        reason: image.lifecycle.context.reason,
        inProgress: IN_PROGRESS.has(image.lifecycle.value),
        pipeline: image.pipelineArn === null ? null : arnName(image.pipelineArn),
        outputAmis: image.outputAmis.map((output) => `${output.image} (${output.region})`),
        createdAt: image.dateCreated,
      }))
      .sort((a, b) => b.createdAt - a.createdAt || b.arn.localeCompare(a.arn)),
  };
}

/** The build's state in plain words, for the diagram's caption. */
export function buildSentence(status: BuildView['status'], reason: string | null): string {
  switch (status) {
    case 'PENDING':
      return 'The build is queued: Image Builder is about to launch a build instance.';
    case 'CREATING':
      return 'Image Builder is launching the build instance from the parent image.';
    case 'BUILDING':
      return 'The components are running on the build instance, installing their packages.';
    case 'TESTING':
      return 'Image Builder is making the AMI from the build instance (CreateImage), then terminates it.';
    case 'DISTRIBUTING':
      return 'The AMI is being copied to the other Regions of the distribution configuration and shared.';
    case 'INTEGRATING':
      return 'Almost done: Image Builder is recording the output AMIs.';
    case 'AVAILABLE':
      return 'The image is available: its AMIs can be launched. Cancelling is no longer possible.';
    case 'FAILED':
      return `The build failed${reason === null ? '' : `: ${reason}`}`;
    case 'CANCELLED':
      return 'The build was cancelled; nothing more will happen to it.';
  }
}
