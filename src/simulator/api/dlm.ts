/**
 * Amazon Data Lifecycle Manager (boto3 client `dlm`, issue 14): custom EBS snapshot policies
 * (`EBS_SNAPSHOT_MANAGEMENT`, targets `VOLUME` or `INSTANCE`) and EBS-backed AMI policies
 * (`IMAGE_MANAGEMENT`, targets `INSTANCE`), run on the simulated clock.
 *
 * Shapes and errors from the service model (botocore `dlm/2018-01-12/service-2.json`):
 * CreateLifecyclePolicy → `{PolicyId}` (InvalidRequestException, LimitExceededException),
 * GetLifecyclePolicies → `{Policies[{PolicyId, Description, State, Tags, PolicyType, DefaultPolicy}]}`,
 * GetLifecyclePolicy → `{Policy{PolicyId, Description, State, StatusMessage, ExecutionRoleArn,
 * DateCreated, DateModified, PolicyDetails, Tags, PolicyArn, DefaultPolicy}}`,
 * UpdateLifecyclePolicy and DeleteLifecyclePolicy → `{}` (ResourceNotFoundException). Schedule
 * rules from the DLM API reference (`CreateRule`: Interval 1, 2, 3, 4, 6, 8, 12 or 24 HOURS, one
 * `Times` value `hh:mm` UTC, or a `CronExpression`; `RetainRule` and `DeprecateRule`: a Count or an
 * Interval with a unit; up to 4 schedules, up to 3 cross-Region copy rules; `Parameters.NoReboot`,
 * true by default for AMI policies) and the user guide's quota of 100 policies per Region.
 *
 * What a policy creates carries the AWS-added tags `aws:dlm:lifecycle-policy-id` and
 * `aws:dlm:lifecycle-schedule-name` ("In addition to the tags applied by Amazon Data Lifecycle
 * Manager", API_Schedule `TagsToAdd`), its schedule's `TagsToAdd`, and with `CopyTags` the source's
 * tags. An AMI or snapshot the policy retires is deregistered with its snapshots, or deleted (a
 * Recycle Bin rule may then keep it).
 */
import { fail, type Failure, ok } from '../model/errors.ts';
import { findRegion } from '../model/regions.ts';
import { isRegionUsable } from '../model/region-opt-in.ts';
import type { Transaction } from '../model/world.ts';
import { type DlmPolicyDetails, dlmPolicyDetailsSchema, type LifecyclePolicyRecord, type Tag } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import { findAccount } from '../model/accounts.ts';
import type { CallContext, Operation } from './context.ts';
import { ensureRegionCatalogue } from './cross-service.ts';
import { copyImage, createImage, deregisterImage } from './images.ts';
import { parseJsonParams } from './json-params.ts';
import { createSnapshot, deleteSnapshotOperation } from './snapshots.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Policies per Region (DLM quotas). */
const MAX_POLICIES = 100;
/** How often a policy with copies waiting checks whether their source AMI is available. */
const COPY_CHECK_MS = 5 * 60_000;
/** Where an interval schedule without `Times` starts: 09:00 UTC, the console's default. */
const DEFAULT_TIME = '09:00';
const ALLOWED_INTERVALS = new Set([1, 2, 3, 4, 6, 8, 12, 24]);
/** The tags AWS adds to what a policy creates. */
const POLICY_TAG = 'aws:dlm:lifecycle-policy-id';
const SCHEDULE_TAG = 'aws:dlm:lifecycle-schedule-name';

type Schedule = NonNullable<DlmPolicyDetails['Schedules']>[number];

function invalid(message: string): Failure {
  return fail('InvalidRequestException', message);
}

function unitMs(interval: number, unit: 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'): number {
  return interval * { DAYS: DAY, WEEKS: 7 * DAY, MONTHS: 30 * DAY, YEARS: 365 * DAY }[unit];
}

/** A daily `cron(M H * * ? *)` (or `? * *`) as hours and minutes; other cron forms are not modelled. */
function dailyCron(expression: string): { hour: number; minute: number } | null {
  const match = /^cron\((\d{1,2}) (\d{1,2}) (\*|\?) \* (\*|\?) \*\)$/.exec(expression);
  if (match === null) return null;
  const minute = Number(match[1]);
  const hour = Number(match[2]);
  return minute < 60 && hour < 24 ? { hour, minute } : null;
}

/** The first run of a schedule at or after `after`. */
function nextRun(schedule: Schedule, after: number): number {
  const rule = schedule.CreateRule ?? {};
  let anchorHour: number;
  let anchorMinute: number;
  let period: number;
  if (rule.CronExpression !== undefined) {
    const cron = dailyCron(rule.CronExpression) ?? { hour: 9, minute: 0 };
    anchorHour = cron.hour;
    anchorMinute = cron.minute;
    period = DAY;
  } else {
    const [hh = '09', mm = '00'] = (rule.Times?.[0] ?? DEFAULT_TIME).split(':');
    anchorHour = Number(hh);
    anchorMinute = Number(mm);
    period = (rule.Interval ?? 24) * HOUR;
  }
  const day = new Date(after);
  let at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), anchorHour, anchorMinute) - DAY;
  while (at < after) at += period;
  return at;
}

function scheduleName(schedule: Schedule, index: number): string {
  return schedule.Name ?? `Schedule ${index + 1}`;
}

/** Checks what the service model cannot express; returns an InvalidRequestException or null. */
function checkDetails(details: DlmPolicyDetails): Failure | null {
  const type = details.PolicyType ?? 'EBS_SNAPSHOT_MANAGEMENT';
  if (details.ResourceTypes === undefined) return invalid('ResourceTypes is required for snapshot and AMI policies.');
  if (type === 'IMAGE_MANAGEMENT' && details.ResourceTypes[0] !== 'INSTANCE') return invalid('AMI policies (IMAGE_MANAGEMENT) must target INSTANCE resources.');
  if (details.TargetTags === undefined) return invalid('TargetTags is required for snapshot and AMI policies.');
  if (details.Schedules === undefined) return invalid('Schedules is required for snapshot and AMI policies.');
  const names = details.Schedules.map(scheduleName);
  if (new Set(names).size !== names.length) return invalid('Schedule names must be unique within a policy.');
  for (const schedule of details.Schedules) {
    const rule = schedule.CreateRule;
    if (rule === undefined) return invalid('Each schedule needs a CreateRule.');
    if (rule.CronExpression !== undefined && (rule.Interval !== undefined || rule.Times !== undefined)) {
      return invalid('CronExpression and Interval/Times are mutually exclusive.');
    }
    if (rule.CronExpression !== undefined && dailyCron(rule.CronExpression) === null) {
      return invalid(`The lab models daily cron expressions of the form cron(M H * * ? *) only, not ${rule.CronExpression}.`);
    }
    if (rule.CronExpression === undefined) {
      if (rule.Interval === undefined || !ALLOWED_INTERVALS.has(rule.Interval)) return invalid('Interval must be one of 1, 2, 3, 4, 6, 8, 12 or 24 (IntervalUnit HOURS).');
      if (rule.IntervalUnit !== 'HOURS') return invalid('IntervalUnit must be HOURS.');
      const time = rule.Times?.[0];
      if (time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return invalid(`Times must be hh:mm in UTC, not ${time}.`);
    }
    const retain = schedule.RetainRule;
    if (retain === undefined) return invalid('Each schedule needs a RetainRule.');
    if ((retain.Count === undefined) === (retain.Interval === undefined) || (retain.Interval !== undefined && retain.IntervalUnit === undefined)) {
      return invalid('RetainRule needs either Count, or Interval with IntervalUnit.');
    }
    if (schedule.DeprecateRule !== undefined && type !== 'IMAGE_MANAGEMENT') return invalid('DeprecateRule is for AMI policies only.');
    for (const copy of schedule.CrossRegionCopyRules ?? []) {
      if (type !== 'IMAGE_MANAGEMENT') return invalid('The lab models cross-Region copy rules for AMI policies only.');
      const target = copy.TargetRegion ?? copy.Target;
      if (target === undefined || findRegion(target) === undefined) return invalid(`Invalid TargetRegion: ${String(target)}`);
    }
  }
  return null;
}

const descriptionParam = z.string().check(z.regex(/^[0-9A-Za-z _-]{1,500}$/, 'Member must satisfy regular expression pattern: [0-9A-Za-z _-]+'));
const roleParam = z
  .string()
  .check(z.regex(/^arn:aws(-[a-z]{1,3}){0,2}:iam::\d+:role\/.*$/, 'Member must satisfy regular expression pattern: arn:aws(-[a-z]{1,3}){0,2}:iam::\\d+:role/.*'));
const tagsParam = z.optional(z.record(z.string(), z.string()));

const createParams = z.strictObject({
  ExecutionRoleArn: roleParam,
  Description: descriptionParam,
  State: z.enum(['ENABLED', 'DISABLED']),
  PolicyDetails: dlmPolicyDetailsSchema,
  Tags: tagsParam,
});

function policyKeyOk(ctx: CallContext, policy: LifecyclePolicyRecord | undefined): policy is LifecyclePolicyRecord {
  return policy !== undefined && policy.ownerId === ctx.account.accountId && policy.region === ctx.region.RegionName;
}

/** Schedules' next runs and the policy's timer, from now. */
function withSchedule(tx: Transaction, policy: LifecyclePolicyRecord): LifecyclePolicyRecord {
  const nextRuns: Record<string, number> = {};
  if (policy.state === 'ENABLED') {
    for (const [index, schedule] of (policy.policyDetails.Schedules ?? []).entries()) nextRuns[scheduleName(schedule, index)] = nextRun(schedule, tx.now + 1);
  }
  const next = { ...policy, nextRuns };
  setPolicyTimer(tx, next);
  return next;
}

function setPolicyTimer(tx: Transaction, policy: LifecyclePolicyRecord): void {
  const runs = Object.values(policy.nextRuns);
  if (policy.pendingCopies.length > 0) runs.push(tx.now + COPY_CHECK_MS);
  if (policy.state !== 'ENABLED' || runs.length === 0) {
    tx.setTimer(policy.policyId, undefined);
    return;
  }
  tx.setTimer(policy.policyId, { at: Math.min(...runs), resourceType: 'lifecycle-policy', event: 'dlm.run' });
}

/** CreateLifecyclePolicy. */
const createLifecyclePolicy: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(createParams, raw);
  if (!parsed.ok) return fail('InvalidRequestException', parsed.error.Message);
  const params = parsed.data;
  const problem = checkDetails(params.PolicyDetails);
  if (problem !== null) return problem;
  const count = Object.values(ctx.tx.world.lifecyclePolicies ?? {}).filter((policy) => policyKeyOk(ctx, policy)).length;
  if (count >= MAX_POLICIES) return fail('LimitExceededException', `You have reached the quota of ${MAX_POLICIES} lifecycle policies in this Region.`);
  const now = ctx.tx.now;
  const policy = withSchedule(ctx.tx, {
    policyId: ctx.tx.issueLifecyclePolicyId(),
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.Description,
    state: params.State,
    executionRoleArn: params.ExecutionRoleArn,
    dateCreated: now,
    dateModified: now,
    policyDetails: params.PolicyDetails,
    tags: params.Tags ?? {},
    nextRuns: {},
    pendingCopies: [],
  });
  ctx.tx.setLifecyclePolicy(policy.policyId, policy);
  return ok({ PolicyId: policy.policyId });
};

const getPoliciesParams = z.strictObject({
  PolicyIds: z.optional(z.array(z.string())),
  State: z.optional(z.enum(['ENABLED', 'DISABLED', 'ERROR'])),
  ResourceTypes: z.optional(z.array(z.enum(['VOLUME', 'INSTANCE']))),
  TargetTags: z.optional(z.array(z.string())),
  TagsToAdd: z.optional(z.array(z.string())),
  DefaultPolicyType: z.optional(z.enum(['VOLUME', 'INSTANCE', 'ALL'])),
});

function tagPairs(tags: readonly Tag[] | undefined): string[] {
  return (tags ?? []).map((tag) => `${tag.Key}=${tag.Value}`);
}

/** GetLifecyclePolicies: summaries, filtered; naming no policy that exists answers ResourceNotFoundException. */
const getLifecyclePolicies: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(getPoliciesParams, raw);
  if (!parsed.ok) return fail('InvalidRequestException', parsed.error.Message);
  const params = parsed.data;
  const Policies = Object.values(ctx.tx.world.lifecyclePolicies ?? {})
    .filter((policy) => policyKeyOk(ctx, policy))
    .filter((policy) => params.PolicyIds === undefined || params.PolicyIds.includes(policy.policyId))
    .filter((policy) => params.State === undefined || policy.state === params.State)
    .filter((policy) => params.ResourceTypes === undefined || params.ResourceTypes.includes(policy.policyDetails.ResourceTypes?.[0] ?? 'VOLUME'))
    .filter((policy) => params.TargetTags === undefined || tagPairs(policy.policyDetails.TargetTags).some((pair) => params.TargetTags?.includes(pair)))
    .filter(
      (policy) =>
        params.TagsToAdd === undefined || (policy.policyDetails.Schedules ?? []).some((schedule) => tagPairs(schedule.TagsToAdd).some((pair) => params.TagsToAdd?.includes(pair))),
    )
    .map((policy) => ({
      PolicyId: policy.policyId,
      Description: policy.description,
      State: policy.state,
      Tags: { ...policy.tags },
      PolicyType: policy.policyDetails.PolicyType ?? 'EBS_SNAPSHOT_MANAGEMENT',
      DefaultPolicy: false,
    }));
  if (params.PolicyIds !== undefined && Policies.length === 0) return fail('ResourceNotFoundException', `Lifecycle policy not found: ${params.PolicyIds.join(', ')}`);
  return ok({ Policies });
};

const policyIdParams = z.strictObject({ PolicyId: z.string().check(z.regex(/^policy-[a-f0-9]+$/, 'Member must satisfy regular expression pattern: policy-[A-Za-z0-9]+')) });

function policyNotFound(policyId: string): Failure {
  return fail('ResourceNotFoundException', `Lifecycle policy not found: ${policyId}`);
}

/** GetLifecyclePolicy. */
const getLifecyclePolicy: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(policyIdParams, raw);
  if (!parsed.ok) return fail('InvalidRequestException', parsed.error.Message);
  const policy = ctx.tx.world.lifecyclePolicies?.[parsed.data.PolicyId];
  if (!policyKeyOk(ctx, policy)) return policyNotFound(parsed.data.PolicyId);
  return ok({
    Policy: {
      PolicyId: policy.policyId,
      Description: policy.description,
      State: policy.state,
      StatusMessage: 'ENABLED',
      ExecutionRoleArn: policy.executionRoleArn,
      DateCreated: new Date(policy.dateCreated),
      DateModified: new Date(policy.dateModified),
      PolicyDetails: JSON.parse(JSON.stringify(policy.policyDetails)) as unknown,
      Tags: { ...policy.tags },
      PolicyArn: `arn:aws:dlm:${policy.region}:${policy.ownerId}:policy/${policy.policyId}`,
      DefaultPolicy: false,
    },
  });
};

const updateParams = z.strictObject({
  PolicyId: z.string(),
  ExecutionRoleArn: z.optional(roleParam),
  State: z.optional(z.enum(['ENABLED', 'DISABLED'])),
  Description: z.optional(descriptionParam),
  PolicyDetails: z.optional(dlmPolicyDetailsSchema),
});

/** UpdateLifecyclePolicy: a new state, role, description or details; the schedules restart from now. */
const updateLifecyclePolicy: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(updateParams, raw);
  if (!parsed.ok) return fail('InvalidRequestException', parsed.error.Message);
  const params = parsed.data;
  const policy = ctx.tx.world.lifecyclePolicies?.[params.PolicyId];
  if (!policyKeyOk(ctx, policy)) return policyNotFound(params.PolicyId);
  if (params.PolicyDetails !== undefined) {
    const problem = checkDetails(params.PolicyDetails);
    if (problem !== null) return problem;
  }
  const next = withSchedule(ctx.tx, {
    ...policy,
    executionRoleArn: params.ExecutionRoleArn ?? policy.executionRoleArn,
    state: params.State ?? policy.state,
    description: params.Description ?? policy.description,
    policyDetails: params.PolicyDetails ?? policy.policyDetails,
    dateModified: ctx.tx.now,
  });
  ctx.tx.setLifecyclePolicy(next.policyId, next);
  return ok({});
};

/** DeleteLifecyclePolicy: it stops; what it created stays. */
const deleteLifecyclePolicy: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(policyIdParams, raw);
  if (!parsed.ok) return fail('InvalidRequestException', parsed.error.Message);
  const policy = ctx.tx.world.lifecyclePolicies?.[parsed.data.PolicyId];
  if (!policyKeyOk(ctx, policy)) return policyNotFound(parsed.data.PolicyId);
  ctx.tx.setTimer(policy.policyId, undefined);
  ctx.tx.setLifecyclePolicy(policy.policyId, undefined);
  return ok({});
};

/** The Data Lifecycle Manager operations (boto3 client `dlm`), by API action name. */
export const DLM_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateLifecyclePolicy: createLifecyclePolicy,
  GetLifecyclePolicies: getLifecyclePolicies,
  GetLifecyclePolicy: getLifecyclePolicy,
  UpdateLifecyclePolicy: updateLifecyclePolicy,
  DeleteLifecyclePolicy: deleteLifecyclePolicy,
};

// ——— Runs on the clock ———

function contextFor(policy: LifecyclePolicyRecord, tx: Transaction, regionName = policy.region): CallContext | null {
  const region = findRegion(regionName);
  const account = findAccount(policy.ownerId);
  if (region === undefined || account === undefined || !isRegionUsable(tx.world, account.accountId, region)) return null;
  ensureRegionCatalogue(tx, region.RegionName);
  return { tx, region, account };
}

/** Runs an EC2 operation for the policy; a refusal changes nothing and is skipped (AWS retries at the next run). */
function attempt(ctx: CallContext, operation: Operation, params: Record<string, unknown>): Record<string, unknown> | null {
  const mark = ctx.tx.savepoint();
  const result = operation(ctx, params);
  if (result.ok) return result.data as Record<string, unknown>;
  ctx.tx.rollbackTo(mark);
  return null;
}

function ownTags(record: { tags: Readonly<Record<string, readonly Tag[]>> }, owner: string): readonly Tag[] {
  return record.tags[owner] ?? [];
}

function matchesTargets(tags: readonly Tag[], targets: readonly Tag[]): boolean {
  return targets.some((target) => tags.some((tag) => tag.Key === target.Key && tag.Value === target.Value));
}

/** The tags a policy puts on what it creates. */
function createdTags(policy: LifecyclePolicyRecord, schedule: Schedule, name: string, source: readonly Tag[], copyTags: boolean): Tag[] {
  const tags = new Map<string, string>();
  if (copyTags) for (const tag of source) if (!tag.Key.startsWith('aws:')) tags.set(tag.Key, tag.Value);
  for (const tag of schedule.TagsToAdd ?? []) tags.set(tag.Key, tag.Value);
  tags.set(POLICY_TAG, policy.policyId);
  tags.set(SCHEDULE_TAG, name);
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

function isFromPolicy(tags: readonly Tag[], policy: LifecyclePolicyRecord, name: string): boolean {
  return tags.some((tag) => tag.Key === POLICY_TAG && tag.Value === policy.policyId) && tags.some((tag) => tag.Key === SCHEDULE_TAG && tag.Value === name);
}

function amiName(policy: LifecyclePolicyRecord, name: string, instanceId: string, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `dlm-${policy.policyId.slice(7, 15)}-${name.replace(/[^A-Za-z0-9_.-]/g, '-')}-${instanceId}-${stamp}`;
}

/** One run of an AMI schedule: an AMI of every targeted instance, then retention and deprecation. */
function runImageSchedule(ctx: CallContext, policy: LifecyclePolicyRecord, schedule: Schedule, name: string): { imageId: string; schedule: string }[] {
  const { tx } = ctx;
  const owner = policy.ownerId;
  const targets = policy.policyDetails.TargetTags ?? [];
  const created: { imageId: string; schedule: string }[] = [];
  const instances = Object.values(tx.world.instances).filter(
    (instance) =>
      instance.ownerId === owner &&
      instance.region === policy.region &&
      ['running', 'stopped'].includes(instance.lifecycle.value) &&
      matchesTargets(ownTags(instance, owner), targets),
  );
  for (const instance of instances) {
    const data = attempt(ctx, createImage, {
      InstanceId: instance.id,
      Name: amiName(policy, name, instance.id, tx.now),
      NoReboot: policy.policyDetails.Parameters?.NoReboot ?? true,
    });
    const imageId = data?.['ImageId'];
    const image = typeof imageId === 'string' ? tx.get('image', imageId) : undefined;
    if (image === undefined) continue;
    const deprecate = schedule.DeprecateRule;
    const deprecationTime = deprecate?.Interval !== undefined && deprecate.IntervalUnit !== undefined ? tx.now + unitMs(deprecate.Interval, deprecate.IntervalUnit) : null;
    tx.put('image', {
      ...image,
      deprecationTime: deprecationTime ?? image.deprecationTime,
      tags: { ...image.tags, [owner]: createdTags(policy, schedule, name, ownTags(instance, owner), schedule.CopyTags === true) },
    });
    if ((schedule.CrossRegionCopyRules ?? []).length > 0) created.push({ imageId: image.id, schedule: name });
  }
  retireImages(ctx, policy, schedule, name);
  return created;
}

/** Count or age retention (and count deprecation) of the AMIs a schedule made, per source instance. */
function retireImages(ctx: CallContext, policy: LifecyclePolicyRecord, schedule: Schedule, name: string): void {
  const { tx } = ctx;
  const owner = policy.ownerId;
  const mine = Object.values(tx.world.images)
    .filter((image) => image.ownerId === owner && image.region === policy.region && image.lifecycle.value !== 'deregistered' && isFromPolicy(ownTags(image, owner), policy, name))
    .sort((a, b) => b.creationDate - a.creationDate);
  const bySource = new Map<string, typeof mine>();
  for (const image of mine) bySource.set(image.sourceInstanceId ?? '', [...(bySource.get(image.sourceInstanceId ?? '') ?? []), image]);
  const retain = schedule.RetainRule ?? {};
  for (const images of bySource.values()) {
    for (const [index, image] of images.entries()) {
      const expired =
        retain.Count !== undefined
          ? index >= retain.Count
          : retain.Interval !== undefined && retain.IntervalUnit !== undefined && image.creationDate + unitMs(retain.Interval, retain.IntervalUnit) <= tx.now;
      if (expired) {
        attempt(ctx, deregisterImage, { ImageId: image.id, DeleteAssociatedSnapshots: true });
        continue;
      }
      const deprecateCount = schedule.DeprecateRule?.Count;
      const current = tx.get('image', image.id);
      if (deprecateCount !== undefined && index >= deprecateCount && current !== undefined && current.deprecationTime === null) {
        tx.put('image', { ...current, deprecationTime: tx.now });
      }
    }
  }
}

/** One run of a snapshot schedule: a snapshot of every targeted volume, then retention. */
function runSnapshotSchedule(ctx: CallContext, policy: LifecyclePolicyRecord, schedule: Schedule, name: string): void {
  const { tx } = ctx;
  const owner = policy.ownerId;
  const targets = policy.policyDetails.TargetTags ?? [];
  const byInstance = policy.policyDetails.ResourceTypes?.[0] === 'INSTANCE';
  const volumes = Object.values(tx.world.volumes).filter((volume) => {
    if (volume.ownerId !== owner || volume.region !== policy.region || volume.lifecycle.value === 'deleted' || volume.lifecycle.value === 'creating') return false;
    if (!byInstance) return matchesTargets(ownTags(volume, owner), targets);
    const instance = volume.attachment === null ? undefined : tx.get('instance', volume.attachment.instanceId);
    return instance !== undefined && matchesTargets(ownTags(instance, owner), targets);
  });
  for (const volume of volumes) {
    const instance = volume.attachment === null ? undefined : tx.get('instance', volume.attachment.instanceId);
    const data = attempt(ctx, createSnapshot, { VolumeId: volume.id, Description: `Created for policy: ${policy.policyId} schedule: ${name}` });
    const snapshotId = data?.['SnapshotId'];
    const snapshot = typeof snapshotId === 'string' ? tx.get('snapshot', snapshotId) : undefined;
    if (snapshot === undefined) continue;
    const source = byInstance && instance !== undefined ? ownTags(instance, owner) : ownTags(volume, owner);
    tx.put('snapshot', { ...snapshot, tags: { ...snapshot.tags, [owner]: createdTags(policy, schedule, name, source, schedule.CopyTags === true) } });
  }
  const retain = schedule.RetainRule ?? {};
  const mine = Object.values(tx.world.snapshots)
    .filter(
      (snapshot) => snapshot.ownerId === owner && snapshot.region === policy.region && snapshot.lifecycle.value !== 'error' && isFromPolicy(ownTags(snapshot, owner), policy, name),
    )
    .sort((a, b) => b.startTime - a.startTime);
  const byVolume = new Map<string, typeof mine>();
  for (const snapshot of mine) byVolume.set(snapshot.volumeId, [...(byVolume.get(snapshot.volumeId) ?? []), snapshot]);
  for (const snapshots of byVolume.values()) {
    for (const [index, snapshot] of snapshots.entries()) {
      const expired =
        retain.Count !== undefined
          ? index >= retain.Count
          : retain.Interval !== undefined && retain.IntervalUnit !== undefined && snapshot.startTime + unitMs(retain.Interval, retain.IntervalUnit) <= tx.now;
      if (expired && snapshot.lifecycle.value === 'completed') attempt(ctx, deleteSnapshotOperation, { SnapshotId: snapshot.id });
    }
  }
}

/** Starts the cross-Region copies of AMIs that have become available; keeps waiting for the others. */
function startCopies(tx: Transaction, policy: LifecyclePolicyRecord): LifecyclePolicyRecord['pendingCopies'] {
  const waiting: { imageId: string; schedule: string }[] = [];
  const schedules = policy.policyDetails.Schedules ?? [];
  for (const pending of policy.pendingCopies) {
    const image = tx.get('image', pending.imageId);
    if (image === undefined || image.lifecycle.value === 'failed' || image.lifecycle.value === 'deregistered') continue;
    if (image.lifecycle.value !== 'available') {
      waiting.push(pending);
      continue;
    }
    const schedule = schedules.find((candidate, index) => scheduleName(candidate, index) === pending.schedule);
    for (const rule of schedule?.CrossRegionCopyRules ?? []) {
      const target = rule.TargetRegion ?? rule.Target ?? '';
      const ctx = contextFor(policy, tx, target);
      if (ctx === null || schedule === undefined) continue;
      const data = attempt(ctx, copyImage, {
        SourceRegion: policy.region,
        SourceImageId: image.id,
        Name: image.name,
        ...(rule.Encrypted ? { Encrypted: true, ...(rule.CmkArn === undefined ? {} : { KmsKeyId: rule.CmkArn }) } : {}),
      });
      const copyId = data?.['ImageId'];
      const copy = typeof copyId === 'string' ? tx.get('image', copyId) : undefined;
      if (copy === undefined) continue;
      const deprecationTime = rule.DeprecateRule === undefined ? null : tx.now + unitMs(rule.DeprecateRule.Interval, rule.DeprecateRule.IntervalUnit);
      tx.put('image', {
        ...copy,
        deprecationTime,
        tags: { ...copy.tags, [policy.ownerId]: createdTags(policy, schedule, pending.schedule, ownTags(image, policy.ownerId), rule.CopyTags === true) },
      });
    }
  }
  return waiting;
}

/** Age retention of the cross-Region copies (each copy rule's RetainRule). */
function retireCopies(tx: Transaction, policy: LifecyclePolicyRecord): void {
  for (const [index, schedule] of (policy.policyDetails.Schedules ?? []).entries()) {
    const name = scheduleName(schedule, index);
    for (const rule of schedule.CrossRegionCopyRules ?? []) {
      if (rule.RetainRule === undefined) continue;
      const target = rule.TargetRegion ?? rule.Target ?? '';
      const ctx = contextFor(policy, tx, target);
      if (ctx === null) continue;
      const keep = unitMs(rule.RetainRule.Interval, rule.RetainRule.IntervalUnit);
      for (const image of Object.values(tx.world.images)) {
        if (image.ownerId !== policy.ownerId || image.region !== target || image.lifecycle.value !== 'available') continue;
        if (!isFromPolicy(ownTags(image, policy.ownerId), policy, name) || image.creationDate + keep > tx.now) continue;
        attempt(ctx, deregisterImage, { ImageId: image.id, DeleteAssociatedSnapshots: true });
      }
    }
  }
}

/** A policy's timer came due: run the schedules that are due, start waiting copies, retire old copies. */
export function fireLifecyclePolicyTimer(tx: Transaction, policyId: string): void {
  tx.setTimer(policyId, undefined);
  const policy = tx.world.lifecyclePolicies?.[policyId];
  if (policy === undefined || policy.state !== 'ENABLED') return;
  const ctx = contextFor(policy, tx);
  const nextRuns: Record<string, number> = { ...policy.nextRuns };
  let pendingCopies = [...policy.pendingCopies];
  for (const [index, schedule] of (policy.policyDetails.Schedules ?? []).entries()) {
    const name = scheduleName(schedule, index);
    const due = nextRuns[name];
    if (due === undefined || due > tx.now) continue;
    nextRuns[name] = nextRun(schedule, tx.now + 1);
    if (ctx === null) continue;
    if (policy.policyDetails.PolicyType === 'IMAGE_MANAGEMENT') pendingCopies = [...pendingCopies, ...runImageSchedule(ctx, policy, schedule, name)];
    else runSnapshotSchedule(ctx, policy, schedule, name);
  }
  const current = { ...policy, nextRuns, pendingCopies };
  const next = { ...current, pendingCopies: startCopies(tx, current) };
  retireCopies(tx, next);
  tx.setLifecyclePolicy(policyId, next);
  setPolicyTimer(tx, next);
}
