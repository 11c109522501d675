/**
 * EC2 Auto Scaling (boto3 client `autoscaling`, issue 13 item 4): groups launched from a launch
 * template, scaling to the desired capacity, replacing instances that stop or terminate, scaling
 * activities, and instance refresh with rollback. Operations: CreateAutoScalingGroup,
 * UpdateAutoScalingGroup, SetDesiredCapacity, DescribeAutoScalingGroups,
 * DescribeAutoScalingInstances, DeleteAutoScalingGroup, DescribeScalingActivities,
 * StartInstanceRefresh, DescribeInstanceRefreshes, CancelInstanceRefresh, RollbackInstanceRefresh.
 *
 * Shapes and error codes from the service model (botocore `autoscaling/2011-01-01`):
 * `AlreadyExists`, `ResourceInUse`, `ScalingActivityInProgress`, `InstanceRefreshInProgress`,
 * `ActiveInstanceRefreshNotFound`, `IrreversibleInstanceRefresh`, and `ValidationError` for bad requests (the query protocol's
 * code, e.g. "AutoScalingGroup name not found - …", "Desired capacity:5 must be between the
 * specified min size:1 and max size:3"; messages as moto gives them where AWS documents none).
 *
 * How a group works here. The group launches and terminates instances through the EC2 rules (a
 * launch can fail like any RunInstances: quota, unavailable AMI …, recorded as the group's last
 * failure and retried). While it has work (instances pending or warming up, a refresh, a
 * failure to retry, a stopped member to replace), it checks itself every 15 simulated seconds
 * through a timer; idle, it has none. A member that stops or terminates through an EC2 call is
 * noticed at once (the call schedules the group's check). Instance refresh is rolling and
 * terminate-then-launch (AWS's default with MaxHealthyPercentage 100): each batch terminates as
 * many instances as `MinHealthyPercentage` allows (at least one), launches replacements from the
 * target version, and waits until they are running and warmed up (`InstanceWarmup`, default the
 * group's `DefaultInstanceWarmup` or health check grace period). A refresh's `DesiredConfiguration`
 * becomes the group's launch template when the refresh succeeds, as AWS does; a rollback (manual,
 * or automatic when the refresh fails with `AutoRollback`) replaces the instances launched so far
 * with the group's own configuration (the module `autoscaling-activities.ts` words the scaling
 * activities). Not modelled: scaling policies, lifecycle hooks, warm pools, mixed instances
 * policies, checkpoints, CloudWatch alarms, bake time, Spot, VPC subnets
 * (`VPCZoneIdentifier` is refused), ELB health checks, instance protection, termination
 * policies other than "oldest launch template version first".
 */
import { refreshPercentage } from '../model/instance-refresh.ts';
import { findAccount } from '../model/accounts.ts';
import { type ApiResult, fail, ok } from '../model/errors.ts';
import { findRegion } from '../model/regions.ts';
import type { Transaction } from '../model/world.ts';
import type { AutoScalingGroupRecord, GroupMember, InstanceRecord, InstanceRefresh, LaunchTemplateRecord, TemplateRef } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import type { CallContext, Operation } from './context.ts';
import { resolveSsmImageId } from './cross-service.ts';
import { runInstances, terminateInstances } from './instances.ts';
import { ActivityLog, activityShape, isoSeconds, launchFailureMessage } from './autoscaling-activities.ts';
import { parseJsonParams } from './json-params.ts';
import { lookUpLaunchTemplate, resolveVersion } from './launch-templates.ts';

/** How often a group with work to do checks itself. */
export const GROUP_CHECK_MS = 15_000;
const GROUP_EVENT = 'autoscaling.check';
/**
 * Replacement launches that may fail in a row before an instance refresh fails (AWS: "An instance
 * refresh might fail for several reasons, such as EC2 launch failures", API reference,
 * StartInstanceRefresh; how many AWS tolerates is not documented: a lab choice, one minute of checks).
 */
const REFRESH_LAUNCH_FAILURE_LIMIT = 4;

function groupKey(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

function validation(message: string): ReturnType<typeof fail> {
  return fail('ValidationError', message);
}

/** Parses params; a failure is the query protocol's `ValidationError`. */
function parse<S extends z.ZodMiniType>(schema: S, raw: unknown): ApiResult<z.output<S>> {
  const parsed = parseJsonParams(schema, raw);
  return parsed.ok ? parsed : validation(parsed.error.Message);
}

const launchTemplateSpec = z.strictObject({
  LaunchTemplateId: z.optional(z.string()),
  LaunchTemplateName: z.optional(z.string()),
  Version: z.optional(z.string()),
});

function groupNamed(ctx: CallContext, name: string): ApiResult<AutoScalingGroupRecord> {
  const group = ctx.tx.world.autoScalingGroups[groupKey(ctx.account.accountId, ctx.region.RegionName, name)];
  if (group === undefined || group.deleting) return validation(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
  return ok(group);
}

function checkSizes(min: number, max: number, desired: number): ReturnType<typeof fail> | null {
  if (min > max) return validation(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (desired < min || desired > max) return validation(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  return null;
}

/** The call context of a group's owner in its Region (for the launches and terminations it makes). */
function groupContext(tx: Transaction, group: AutoScalingGroupRecord): CallContext | undefined {
  const region = findRegion(group.region);
  const account = findAccount(group.ownerId);
  return region === undefined || account === undefined ? undefined : { tx, region, account };
}

function templateOf(tx: Transaction, group: AutoScalingGroupRecord): LaunchTemplateRecord | undefined {
  return tx.world.launchTemplates[group.launchTemplateId];
}

/** Schedules the group's next check (keeping an earlier one). */
function scheduleCheck(tx: Transaction, key: string, at: number): void {
  const current = tx.world.timers[key];
  if (current !== undefined && current.at <= at) return;
  tx.setTimer(key, { at, resourceType: 'auto-scaling-group', event: GROUP_EVENT });
}

const ACTIVE_REFRESH_STATUSES: readonly InstanceRefresh['status'][] = ['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress'];

function activeRefresh(group: AutoScalingGroupRecord): InstanceRefresh | undefined {
  const last = group.refreshes[group.refreshes.length - 1];
  return last !== undefined && ACTIVE_REFRESH_STATUSES.includes(last.status) ? last : undefined;
}

function warmupMs(group: AutoScalingGroupRecord, refresh: InstanceRefresh | undefined): number {
  return 1000 * (refresh?.instanceWarmupSeconds ?? group.defaultInstanceWarmup ?? group.healthCheckGracePeriod);
}

function isHealthy(instance: InstanceRecord | undefined, now: number, warmup: number): boolean {
  return instance !== undefined && instance.lifecycle.value === 'running' && now >= instance.launchTime + warmup;
}

/** The launch template a member was launched from. */
function memberTemplateId(group: AutoScalingGroupRecord, member: GroupMember): string {
  return member.launchTemplateId ?? group.launchTemplateId;
}

/** What a group launches from: a template and a version number. */
interface LaunchTarget {
  readonly templateId: string;
  readonly version: number;
}

function matches(group: AutoScalingGroupRecord, member: GroupMember, target: LaunchTarget): boolean {
  return memberTemplateId(group, member) === target.templateId && member.launchTemplateVersion === target.version;
}

/** The group's own launch template and version, resolved to a number; undefined when it does not resolve. */
function groupTarget(tx: Transaction, group: AutoScalingGroupRecord): LaunchTarget | undefined {
  const template = templateOf(tx, group);
  const version = template === undefined ? undefined : resolveVersion(template, group.launchTemplateVersion);
  return version?.ok === true ? { templateId: group.launchTemplateId, version: version.data.versionNumber } : undefined;
}

/**
 * Why a refresh cannot be rolled back, or null. AWS (API reference, RollbackInstanceRefresh; user
 * guide "Undo changes with a manual or auto rollback"): "A rollback is not supported in the
 * following situations: There is no desired configuration specified for the instance refresh. The
 * Auto Scaling group has a launch template that uses an AWS Systems Manager parameter instead of an
 * AMI ID for the ImageId property. The Auto Scaling group uses the launch template's $Latest or
 * $Default version." The messages are the lab's (AWS documents the cases, not the texts).
 */
function irreversibleReason(tx: Transaction, group: AutoScalingGroupRecord, desired: TemplateRef | undefined): string | null {
  if (desired === undefined) return 'Rollback is not supported for this instance refresh: no desired configuration was specified for it.';
  if (group.launchTemplateVersion === '$Latest' || group.launchTemplateVersion === '$Default') {
    return `Rollback is not supported for this instance refresh: the Auto Scaling group uses the launch template's ${group.launchTemplateVersion} version. Use a specific version number.`;
  }
  const target = groupTarget(tx, group);
  const template = templateOf(tx, group);
  const imageId = template?.versions.find((version) => version.versionNumber === target?.version)?.data.ImageId;
  if (imageId?.startsWith('resolve:ssm:') === true) {
    return 'Rollback is not supported for this instance refresh: the Auto Scaling group has a launch template that uses a Systems Manager parameter instead of an AMI ID for the ImageId property.';
  }
  return null;
}

function terminate(ctx: CallContext, instanceIds: readonly string[]): void {
  if (instanceIds.length > 0) terminateInstances(ctx, { InstanceIds: [...instanceIds] });
}

/** Launches one instance for the group in the zone with the fewest members; the new member, or the failure and the zone it was for. */
function launchMember(
  ctx: CallContext,
  group: AutoScalingGroupRecord,
  members: readonly GroupMember[],
  target: LaunchTarget,
): { ok: true; member: GroupMember } | { ok: false; zone: string; message: string } {
  const counts = new Map(group.availabilityZones.map((zone) => [zone, 0]));
  for (const member of members) counts.set(member.availabilityZone, (counts.get(member.availabilityZone) ?? 0) + 1);
  const zone = [...counts.entries()].sort((a, b) => a[1] - b[1])[0]?.[0] ?? `${group.region}a`;
  const template = ctx.tx.world.launchTemplates[target.templateId];
  const templateVersion = template?.versions.find((candidate) => candidate.versionNumber === target.version);
  if (template === undefined || templateVersion === undefined) {
    return { ok: false, zone, message: `The launch template ${target.templateId} version ${target.version} does not exist. Launching EC2 instance failed.` };
  }
  const mark = ctx.tx.savepoint();
  const params = resolveSsmImageId(ctx, { ...(structuredClone(templateVersion.data) as Record<string, unknown>), MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: zone } });
  const result = params.ok ? runInstances(ctx, params.data) : params;
  if (!result.ok) {
    ctx.tx.rollbackTo(mark);
    const imageId = params.ok ? (params.data as { ImageId?: unknown }).ImageId : templateVersion.data.ImageId;
    return { ok: false, zone, message: launchFailureMessage(ctx, imageId, result.error) };
  }
  const instanceId = (result.data as { Instances: { InstanceId: string }[] }).Instances[0]?.InstanceId ?? '';
  return { ok: true, member: { instanceId, launchTemplateVersion: target.version, availabilityZone: zone, launchTemplateId: target.templateId } };
}

/** Starts rolling a refresh back: the instances not on the group's own configuration are replaced. */
function beginRollback(group: AutoScalingGroupRecord, members: readonly GroupMember[], refresh: InstanceRefresh, reason: string, now: number): InstanceRefresh {
  const previous: LaunchTarget = { templateId: refresh.previous?.id ?? group.launchTemplateId, version: refresh.previousVersion ?? refresh.targetVersion };
  const remaining = members.filter((member) => !matches(group, member, previous)).map((member) => member.instanceId);
  return {
    ...refresh,
    status: 'RollbackInProgress',
    statusReason: reason,
    rollback: {
      reason,
      startTime: now,
      percentageComplete: refreshPercentage(refresh),
      instancesToUpdate: refresh.remaining.length,
    },
    remaining,
    total: remaining.length,
    failedLaunches: 0,
  };
}

/**
 * Brings a group towards its desired state: drops members that are gone, replaces stopped ones,
 * advances an instance refresh (or its rollback) by one batch when the previous one is healthy,
 * launches or terminates to the desired capacity, records each launch and termination as a scaling
 * activity, and schedules the next check while there is work. `userCause` is the user request that
 * started this, as the activities' Cause begins.
 */
export function reconcileGroup(tx: Transaction, key: string, userCause: string | null = null): void {
  let group = tx.world.autoScalingGroups[key];
  if (group === undefined) return;
  const ctx = groupContext(tx, group);
  if (ctx === undefined) return;
  const now = tx.now;
  const at = isoSeconds(now);
  const prefix = userCause === null ? '' : `${userCause}  `;
  const log = new ActivityLog(key, group, now);
  log.settle(tx);
  let members: GroupMember[] = [];
  const unhealthy: GroupMember[] = [];
  for (const member of group.members) {
    const state = tx.get('instance', member.instanceId)?.lifecycle.value;
    if (state === undefined || state === 'shutting-down' || state === 'terminated' || state === 'stopping' || state === 'stopped') unhealthy.push(member);
    else members.push(member);
  }
  const healthCause = `At ${at} an instance was taken out of service in response to a EC2 health check indicating it has been terminated or stopped.`;
  for (const member of unhealthy) log.terminating(member.instanceId, member.availabilityZone, healthCause);
  terminate(
    ctx,
    unhealthy.filter((member) => ['stopping', 'stopped'].includes(tx.get('instance', member.instanceId)?.lifecycle.value ?? '')).map((member) => member.instanceId),
  );
  if (group.deleting) {
    terminate(
      ctx,
      members.map((member) => member.instanceId),
    );
    tx.setAutoScalingGroup(key, undefined);
    tx.setTimer(key, undefined);
    return;
  }
  let refresh = activeRefresh(group);
  let target = groupTarget(tx, group);
  const warmup = warmupMs(group, refresh);
  let refreshCause = '';
  let refreshLaunchCause: string | null = null;
  if (refresh !== undefined) {
    if (refresh.status === 'Cancelling') {
      refresh = { ...refresh, status: 'Cancelled', statusReason: 'Instance refresh was cancelled.', endTime: now };
    } else {
      const rollingBack = refresh.status === 'RollbackInProgress';
      target = rollingBack
        ? { templateId: refresh.previous?.id ?? group.launchTemplateId, version: refresh.previousVersion ?? refresh.targetVersion }
        : { templateId: refresh.targetTemplateId ?? group.launchTemplateId, version: refresh.targetVersion };
      const what = rollingBack ? 'an instance refresh rollback' : 'an instance refresh';
      refreshCause = `At ${at} an instance was taken out of service in response to ${what}.`;
      refreshLaunchCause = `At ${at} an instance was launched in response to ${what}.`;
      const stillThere = new Set(members.map((member) => member.instanceId));
      let remaining = refresh.remaining.filter((id) => stillThere.has(id));
      const settling = members.some((member) => !remaining.includes(member.instanceId) && !isHealthy(tx.get('instance', member.instanceId), now, warmup));
      let finished = false;
      if (!settling && members.length >= group.desiredCapacity) {
        if (remaining.length === 0) {
          finished = true;
          refresh = { ...refresh, status: rollingBack ? 'RollbackSuccessful' : 'Successful', statusReason: null, endTime: now, remaining: [] };
          // AWS applies the desired configuration to the group when the refresh succeeds.
          if (!rollingBack && refresh.desired !== undefined) group = { ...group, launchTemplateId: refresh.desired.id, launchTemplateVersion: refresh.desired.version };
        } else {
          const healthy = members.filter((member) => isHealthy(tx.get('instance', member.instanceId), now, warmup)).length;
          const keep = Math.ceil((group.desiredCapacity * refresh.minHealthyPercentage) / 100);
          const batch = remaining.slice(0, Math.max(1, healthy - keep));
          for (const member of members) if (batch.includes(member.instanceId)) log.terminating(member.instanceId, member.availabilityZone, refreshCause);
          terminate(ctx, batch);
          members = members.filter((member) => !batch.includes(member.instanceId));
          remaining = remaining.filter((id) => !batch.includes(id));
        }
      }
      if (!finished) refresh = { ...refresh, status: rollingBack ? 'RollbackInProgress' : 'InProgress', remaining };
    }
  }
  let lastFailure: string | null = null;
  const refreshRunning = refresh !== undefined && (refresh.status === 'InProgress' || refresh.status === 'RollbackInProgress');
  while (members.length < group.desiredCapacity && target !== undefined) {
    const cause =
      refreshRunning && refreshLaunchCause !== null
        ? refreshLaunchCause
        : `${prefix}At ${at} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${members.length} to ${group.desiredCapacity}.`;
    const launched = launchMember(ctx, group, members, target);
    if (!launched.ok) {
      lastFailure = log.launchFailed(launched.zone, cause, launched.message);
      if (refresh !== undefined && refreshRunning) refresh = afterFailedLaunch(tx, group, members, refresh, launched.message, now);
      break;
    }
    log.launched(launched.member.instanceId, launched.member.availabilityZone, cause);
    members.push(launched.member);
    if (refresh !== undefined && refreshRunning) refresh = { ...refresh, failedLaunches: 0 };
  }
  if (target === undefined) lastFailure = `The launch template ${group.launchTemplateId} (version ${group.launchTemplateVersion}) does not exist.`;
  if (members.length > group.desiredCapacity) {
    // Oldest launch template version first, then the oldest instance.
    const extra = [...members].sort((a, b) => a.launchTemplateVersion - b.launchTemplateVersion).slice(0, members.length - group.desiredCapacity);
    const cause = `${prefix}At ${at} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${members.length} to ${group.desiredCapacity}.`;
    for (const member of extra) log.terminating(member.instanceId, member.availabilityZone, cause);
    terminate(
      ctx,
      extra.map((member) => member.instanceId),
    );
    members = members.filter((member) => !extra.includes(member));
  }
  if (refresh !== undefined) {
    const id = refresh.id;
    const current = refresh;
    group = { ...group, refreshes: group.refreshes.map((candidate) => (candidate.id === id ? current : candidate)) };
  }
  group = log.applyTo({ ...group, members, lastFailure });
  tx.setAutoScalingGroup(key, group);
  const busy =
    lastFailure !== null ||
    unhealthy.length > 0 ||
    log.busy ||
    activeRefresh(group) !== undefined ||
    members.some((member) => !isHealthy(tx.get('instance', member.instanceId), now, warmup));
  if (busy) scheduleCheck(tx, key, now + GROUP_CHECK_MS);
  else tx.setTimer(key, undefined);
}

/**
 * A replacement failed to launch during a refresh or its rollback. At the limit the refresh fails
 * (and rolls back with `AutoRollback`), and a rollback that cannot launch fails.
 */
function afterFailedLaunch(
  tx: Transaction,
  group: AutoScalingGroupRecord,
  members: readonly GroupMember[],
  refresh: InstanceRefresh,
  message: string,
  now: number,
): InstanceRefresh {
  const failedLaunches = (refresh.failedLaunches ?? 0) + 1;
  if (failedLaunches < REFRESH_LAUNCH_FAILURE_LIMIT) return { ...refresh, failedLaunches };
  if (refresh.status === 'RollbackInProgress') {
    return { ...refresh, status: 'RollbackFailed', statusReason: `The rollback failed: new instances failed to launch. ${message}`, endTime: now, failedLaunches };
  }
  const reason = `The instance refresh failed: new instances failed to launch. ${message}`;
  if (refresh.autoRollback === true && irreversibleReason(tx, group, refresh.desired) === null) {
    return beginRollback(group, members, { ...refresh, failedLaunches }, `Auto rollback: ${reason}`, now);
  }
  return { ...refresh, status: 'Failed', statusReason: reason, endTime: now, failedLaunches };
}

/**
 * After an EC2 call: a group whose member it stopped or terminated checks itself at once (AWS
 * notices through its health checks; the lab does not make the learner wait for them).
 */
export function noticeMemberChanges(tx: Transaction): void {
  const touched = new Set<string>();
  for (const change of tx.changes) {
    if (change.resourceType === 'instance' && (change.to === 'stopping' || change.to === 'shutting-down')) touched.add(change.resourceId);
  }
  if (touched.size === 0) return;
  const groups = tx.world.autoScalingGroups;
  for (const key in groups) {
    const group = groups[key] as AutoScalingGroupRecord;
    if (group.members.some((member) => touched.has(member.instanceId))) scheduleCheck(tx, key, tx.now);
  }
}

const createParams = z.strictObject({
  AutoScalingGroupName: z.string().check(z.minLength(1), z.maxLength(255)),
  LaunchTemplate: z.optional(launchTemplateSpec),
  MinSize: z.number().check(z.int(), z.nonnegative()),
  MaxSize: z.number().check(z.int(), z.nonnegative()),
  DesiredCapacity: z.optional(z.number().check(z.int(), z.nonnegative())),
  AvailabilityZones: z.optional(z.array(z.string())),
  VPCZoneIdentifier: z.optional(z.string()),
  HealthCheckType: z.optional(z.enum(['EC2', 'ELB'])),
  HealthCheckGracePeriod: z.optional(z.number().check(z.int(), z.nonnegative())),
  DefaultInstanceWarmup: z.optional(z.number().check(z.int(), z.nonnegative())),
  DefaultCooldown: z.optional(z.number().check(z.int(), z.nonnegative())),
  Tags: z.optional(z.array(z.record(z.string(), z.unknown()))),
});

/** The group's launch template: it must exist in the caller's account and Region, with the version given. */
function checkTemplate(ctx: CallContext, spec: z.output<typeof launchTemplateSpec>): ApiResult<{ id: string; version: string }> {
  const found = lookUpLaunchTemplate(ctx, spec.LaunchTemplateId, spec.LaunchTemplateName);
  if (!found.ok) return validation(`You must use a valid fully-formed launch template. ${found.error.Message}`);
  const version = spec.Version ?? '$Default';
  const resolved = resolveVersion(found.data, version);
  if (!resolved.ok) return validation(`You must use a valid fully-formed launch template. ${resolved.error.Message}`);
  return ok({ id: found.data.id, version });
}

/** CreateAutoScalingGroup: from a launch template, in the Region's zones (all of them by default). */
export const createAutoScalingGroup: Operation = (ctx, raw) => {
  const parsed = parse(createParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (params.LaunchTemplate === undefined) {
    return validation('Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.');
  }
  if (params.VPCZoneIdentifier !== undefined) return validation('The lab does not model VPC subnets: give AvailabilityZones instead of VPCZoneIdentifier.');
  const key = groupKey(ctx.account.accountId, ctx.region.RegionName, params.AutoScalingGroupName);
  if (ctx.tx.world.autoScalingGroups[key] !== undefined) {
    return fail('AlreadyExists', `AutoScalingGroup by this name already exists - A group with the name ${params.AutoScalingGroupName} already exists`);
  }
  const desired = params.DesiredCapacity ?? params.MinSize;
  const sizes = checkSizes(params.MinSize, params.MaxSize, desired);
  if (sizes !== null) return sizes;
  const zones = params.AvailabilityZones ?? ctx.region.AvailabilityZones.map((zone) => zone.ZoneName);
  for (const zone of zones) {
    if (!ctx.region.AvailabilityZones.some((candidate) => candidate.ZoneName === zone)) return validation(`The availability zone ${zone} is not legal`);
  }
  const template = checkTemplate(ctx, params.LaunchTemplate);
  if (!template.ok) return template;
  const group: AutoScalingGroupRecord = {
    name: params.AutoScalingGroupName,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    createdTime: ctx.tx.now,
    launchTemplateId: template.data.id,
    launchTemplateVersion: template.data.version,
    minSize: params.MinSize,
    maxSize: params.MaxSize,
    desiredCapacity: desired,
    availabilityZones: zones,
    healthCheckGracePeriod: params.HealthCheckGracePeriod ?? 0,
    defaultInstanceWarmup: params.DefaultInstanceWarmup ?? null,
    members: [],
    deleting: false,
    refreshes: [],
    lastFailure: null,
  };
  ctx.tx.setAutoScalingGroup(key, group);
  reconcileGroup(ctx.tx, key, `At ${isoSeconds(ctx.tx.now)} a user request created an AutoScalingGroup changing the desired capacity from 0 to ${desired}.`);
  return ok({});
};

const updateParams = z.strictObject({
  AutoScalingGroupName: z.string(),
  LaunchTemplate: z.optional(launchTemplateSpec),
  MinSize: z.optional(z.number().check(z.int(), z.nonnegative())),
  MaxSize: z.optional(z.number().check(z.int(), z.nonnegative())),
  DesiredCapacity: z.optional(z.number().check(z.int(), z.nonnegative())),
  AvailabilityZones: z.optional(z.array(z.string())),
  HealthCheckGracePeriod: z.optional(z.number().check(z.int(), z.nonnegative())),
  DefaultInstanceWarmup: z.optional(z.number().check(z.int(), z.nonnegative())),
  DefaultCooldown: z.optional(z.number().check(z.int(), z.nonnegative())),
});

/**
 * UpdateAutoScalingGroup: sizes, zones and the launch template. A new template version applies to
 * instances launched from now on; running ones keep theirs (that is what instance refresh is for).
 */
export const updateAutoScalingGroup: Operation = (ctx, raw) => {
  const parsed = parse(updateParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = groupNamed(ctx, params.AutoScalingGroupName);
  if (!found.ok) return found;
  let group = found.data;
  const before = group.desiredCapacity;
  const min = params.MinSize ?? group.minSize;
  const max = params.MaxSize ?? group.maxSize;
  // Changing only a bound moves the desired capacity inside it, as AWS does.
  const desired = params.DesiredCapacity ?? Math.min(Math.max(group.desiredCapacity, min), max);
  const sizes = checkSizes(min, max, desired);
  if (sizes !== null) return sizes;
  if (params.LaunchTemplate !== undefined) {
    const template = checkTemplate(ctx, params.LaunchTemplate);
    if (!template.ok) return template;
    group = { ...group, launchTemplateId: template.data.id, launchTemplateVersion: template.data.version };
  }
  group = {
    ...group,
    minSize: min,
    maxSize: max,
    desiredCapacity: desired,
    availabilityZones: params.AvailabilityZones ?? group.availabilityZones,
    healthCheckGracePeriod: params.HealthCheckGracePeriod ?? group.healthCheckGracePeriod,
    defaultInstanceWarmup: params.DefaultInstanceWarmup ?? group.defaultInstanceWarmup,
  };
  const key = groupKey(group.ownerId, group.region, group.name);
  ctx.tx.setAutoScalingGroup(key, group);
  reconcileGroup(
    ctx.tx,
    key,
    `At ${isoSeconds(ctx.tx.now)} a user request update of AutoScalingGroup constraints to min: ${min}, max: ${max}, desired: ${desired} changing the desired capacity from ${before} to ${desired}.`,
  );
  return ok({});
};

const setDesiredParams = z.strictObject({ AutoScalingGroupName: z.string(), DesiredCapacity: z.number().check(z.int(), z.nonnegative()), HonorCooldown: z.optional(z.boolean()) });

/** SetDesiredCapacity: within the group's min and max. */
export const setDesiredCapacity: Operation = (ctx, raw) => {
  const parsed = parse(setDesiredParams, raw);
  if (!parsed.ok) return parsed;
  const found = groupNamed(ctx, parsed.data.AutoScalingGroupName);
  if (!found.ok) return found;
  const group = found.data;
  const desired = parsed.data.DesiredCapacity;
  if (desired < group.minSize || desired > group.maxSize) {
    return validation(`New SetDesiredCapacity value ${desired} is above max value ${group.maxSize} or below min value ${group.minSize} for the AutoScalingGroup.`);
  }
  const key = groupKey(group.ownerId, group.region, group.name);
  ctx.tx.setAutoScalingGroup(key, { ...group, desiredCapacity: desired });
  reconcileGroup(
    ctx.tx,
    key,
    `At ${isoSeconds(ctx.tx.now)} a user request explicitly set group desired capacity changing the desired capacity from ${group.desiredCapacity} to ${desired}.`,
  );
  return ok({});
};

function lifecycleState(instance: InstanceRecord | undefined): string {
  switch (instance?.lifecycle.value) {
    case 'pending':
      return 'Pending';
    case 'running':
      return 'InService';
    case 'shutting-down':
    case 'terminated':
      return 'Terminating';
    default:
      return 'Terminating:Wait';
  }
}

function instanceShape(ctx: CallContext, group: AutoScalingGroupRecord, member: GroupMember, withGroup: boolean): Record<string, unknown> {
  const instance = ctx.tx.get('instance', member.instanceId);
  const templateId = memberTemplateId(group, member);
  const template = ctx.tx.world.launchTemplates[templateId];
  return {
    InstanceId: member.instanceId,
    InstanceType: instance?.instanceType ?? '',
    ...(withGroup ? { AutoScalingGroupName: group.name } : {}),
    AvailabilityZone: member.availabilityZone,
    LifecycleState: lifecycleState(instance),
    HealthStatus: instance?.lifecycle.value === 'stopped' || instance?.lifecycle.value === 'stopping' ? 'Unhealthy' : 'Healthy',
    LaunchTemplate: { LaunchTemplateId: templateId, LaunchTemplateName: template?.name ?? '', Version: String(member.launchTemplateVersion) },
    ProtectedFromScaleIn: false,
  };
}

function groupArn(group: AutoScalingGroupRecord): string {
  return `arn:aws:autoscaling:${group.region}:${group.ownerId}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/${group.name}`;
}

function groupShape(ctx: CallContext, group: AutoScalingGroupRecord): Record<string, unknown> {
  const template = templateOf(ctx.tx, group);
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: groupArn(group),
    LaunchTemplate: { LaunchTemplateId: group.launchTemplateId, LaunchTemplateName: template?.name ?? '', Version: group.launchTemplateVersion },
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: 300,
    AvailabilityZones: [...group.availabilityZones],
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: group.healthCheckGracePeriod,
    ...(group.defaultInstanceWarmup === null ? {} : { DefaultInstanceWarmup: group.defaultInstanceWarmup }),
    Instances: group.members.map((member) => instanceShape(ctx, group, member, false)),
    CreatedTime: new Date(group.createdTime),
    SuspendedProcesses: [],
    EnabledMetrics: [],
    Tags: [],
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    ...(group.lastFailure === null ? {} : { Status: group.lastFailure }),
  };
}

const describeParams = z.strictObject({
  AutoScalingGroupNames: z.optional(z.array(z.string())),
  MaxRecords: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
  NextToken: z.optional(z.string()),
  Filters: z.optional(z.array(z.unknown())),
});

/** DescribeAutoScalingGroups: the caller's groups in the Region (names not found are left out, as AWS does). */
export const describeAutoScalingGroups: Operation = (ctx, raw) => {
  const parsed = parse(describeParams, raw);
  if (!parsed.ok) return parsed;
  const names = parsed.data.AutoScalingGroupNames;
  const AutoScalingGroups: Record<string, unknown>[] = [];
  const groups = ctx.tx.world.autoScalingGroups;
  for (const key in groups) {
    const group = groups[key] as AutoScalingGroupRecord;
    if (group.ownerId !== ctx.account.accountId || group.region !== ctx.region.RegionName) continue;
    if (names !== undefined && names.length > 0 && !names.includes(group.name)) continue;
    AutoScalingGroups.push(groupShape(ctx, group));
  }
  return ok({ AutoScalingGroups });
};

const describeInstancesParams = z.strictObject({
  InstanceIds: z.optional(z.array(z.string())),
  MaxRecords: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
});

/** DescribeAutoScalingInstances: the caller's group members in the Region. */
export const describeAutoScalingInstances: Operation = (ctx, raw) => {
  const parsed = parse(describeInstancesParams, raw);
  if (!parsed.ok) return parsed;
  const ids = parsed.data.InstanceIds;
  const AutoScalingInstances: Record<string, unknown>[] = [];
  const groups = ctx.tx.world.autoScalingGroups;
  for (const key in groups) {
    const group = groups[key] as AutoScalingGroupRecord;
    if (group.ownerId !== ctx.account.accountId || group.region !== ctx.region.RegionName) continue;
    for (const member of group.members) {
      if (ids === undefined || ids.length === 0 || ids.includes(member.instanceId)) AutoScalingInstances.push(instanceShape(ctx, group, member, true));
    }
  }
  return ok({ AutoScalingInstances });
};

const deleteParams = z.strictObject({ AutoScalingGroupName: z.string(), ForceDelete: z.optional(z.boolean()) });

/**
 * DeleteAutoScalingGroup: refused while the group has instances, unless ForceDelete, which
 * terminates them and deletes the group.
 */
export const deleteAutoScalingGroup: Operation = (ctx, raw) => {
  const parsed = parse(deleteParams, raw);
  if (!parsed.ok) return parsed;
  const found = groupNamed(ctx, parsed.data.AutoScalingGroupName);
  if (!found.ok) return found;
  const group = found.data;
  if (group.members.length > 0 && parsed.data.ForceDelete !== true) {
    return fail('ResourceInUse', 'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.');
  }
  if (activeRefresh(group) !== undefined && parsed.data.ForceDelete !== true) {
    return fail('ScalingActivityInProgress', 'You cannot delete an AutoScalingGroup while an instance refresh is in progress.');
  }
  const key = groupKey(group.ownerId, group.region, group.name);
  ctx.tx.setAutoScalingGroup(key, { ...group, deleting: true });
  reconcileGroup(ctx.tx, key);
  return ok({});
};

const startRefreshParams = z.strictObject({
  AutoScalingGroupName: z.string(),
  Strategy: z.optional(z.literal('Rolling')),
  DesiredConfiguration: z.optional(z.strictObject({ LaunchTemplate: z.optional(launchTemplateSpec) })),
  Preferences: z.optional(
    z.strictObject({
      MinHealthyPercentage: z.optional(z.number().check(z.int(), z.gte(0), z.lte(100))),
      MaxHealthyPercentage: z.optional(z.literal(100)),
      InstanceWarmup: z.optional(z.number().check(z.int(), z.nonnegative())),
      SkipMatching: z.optional(z.boolean()),
      AutoRollback: z.optional(z.boolean()),
    }),
  ),
});

/**
 * StartInstanceRefresh: replaces the group's instances in rolling batches with the target launch
 * template version (`DesiredConfiguration`, or the group's own); with `SkipMatching`, instances
 * already on that version stay. The group keeps its launch template until the refresh succeeds,
 * when a `DesiredConfiguration` becomes its template (AWS: "After the instance refresh succeeds,
 * Amazon EC2 Auto Scaling updates the settings of the Auto Scaling group to reflect the new desired
 * configuration", API reference, DesiredConfiguration). `AutoRollback` needs a refresh that can be
 * rolled back (see `irreversibleReason`); otherwise the request is a `ValidationError`.
 */
export const startInstanceRefresh: Operation = (ctx, raw) => {
  const parsed = parse(startRefreshParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = groupNamed(ctx, params.AutoScalingGroupName);
  if (!found.ok) return found;
  const group = found.data;
  if (activeRefresh(group) !== undefined) {
    return fail('InstanceRefreshInProgress', 'An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.');
  }
  let desired: TemplateRef | undefined;
  const desiredTemplate = params.DesiredConfiguration?.LaunchTemplate;
  if (desiredTemplate !== undefined) {
    const template = checkTemplate(ctx, desiredTemplate);
    if (!template.ok) return template;
    desired = template.data;
  }
  const targetRef: TemplateRef = desired ?? { id: group.launchTemplateId, version: group.launchTemplateVersion };
  const template = ctx.tx.world.launchTemplates[targetRef.id];
  const target = template === undefined ? undefined : resolveVersion(template, targetRef.version);
  if (target === undefined || !target.ok) return validation('The group’s launch template version does not exist.');
  const autoRollback = params.Preferences?.AutoRollback === true;
  if (autoRollback) {
    const reason = irreversibleReason(ctx.tx, group, desired);
    if (reason !== null) return validation(`AutoRollback cannot be enabled. ${reason}`);
  }
  const targetVersion: LaunchTarget = { templateId: targetRef.id, version: target.data.versionNumber };
  const previous = groupTarget(ctx.tx, group);
  const skipMatching = params.Preferences?.SkipMatching === true;
  const remaining = group.members.filter((member) => !skipMatching || !matches(group, member, targetVersion)).map((member) => member.instanceId);
  const refresh: InstanceRefresh = {
    id: refreshId(ctx),
    status: 'Pending',
    statusReason: null,
    startTime: ctx.tx.now,
    endTime: null,
    minHealthyPercentage: params.Preferences?.MinHealthyPercentage ?? 90,
    instanceWarmupSeconds: params.Preferences?.InstanceWarmup ?? group.defaultInstanceWarmup ?? group.healthCheckGracePeriod,
    skipMatching,
    targetVersion: targetVersion.version,
    targetTemplateId: targetVersion.templateId,
    remaining,
    instancesToUpdate: remaining.length,
    total: remaining.length,
    ...(desired === undefined ? {} : { desired }),
    previous: { id: group.launchTemplateId, version: group.launchTemplateVersion },
    ...(previous === undefined ? {} : { previousVersion: previous.version }),
    autoRollback,
    failedLaunches: 0,
  };
  const key = groupKey(group.ownerId, group.region, group.name);
  ctx.tx.setAutoScalingGroup(key, { ...group, refreshes: [...group.refreshes, refresh] });
  reconcileGroup(ctx.tx, key);
  return ok({ InstanceRefreshId: refresh.id });
};

/** A refresh ID shaped like AWS's (a UUID), drawn from the world's seeded generator so replays agree. */
function refreshId(ctx: CallContext): string {
  const hex = ctx.tx.issueLaunchTemplateId().slice(3) + ctx.tx.issueLaunchTemplateId().slice(3);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const describeRefreshesParams = z.strictObject({
  AutoScalingGroupName: z.string(),
  InstanceRefreshIds: z.optional(z.array(z.string())),
  MaxRecords: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
});

function templateRefShape(ctx: CallContext, ref: TemplateRef): Record<string, unknown> {
  return { LaunchTemplateId: ref.id, LaunchTemplateName: ctx.tx.world.launchTemplates[ref.id]?.name ?? '', Version: ref.version };
}

/** DescribeInstanceRefreshes: the group's refreshes, newest first, in the service model's `InstanceRefresh` shape. */
export const describeInstanceRefreshes: Operation = (ctx, raw) => {
  const parsed = parse(describeRefreshesParams, raw);
  if (!parsed.ok) return parsed;
  const found = groupNamed(ctx, parsed.data.AutoScalingGroupName);
  if (!found.ok) return found;
  const group = found.data;
  const ids = parsed.data.InstanceRefreshIds;
  const InstanceRefreshes = [...group.refreshes]
    .reverse()
    .filter((refresh) => ids === undefined || ids.length === 0 || ids.includes(refresh.id))
    .map((refresh) => ({
      InstanceRefreshId: refresh.id,
      AutoScalingGroupName: group.name,
      Status: refresh.status,
      ...(refresh.statusReason === null ? {} : { StatusReason: refresh.statusReason }),
      StartTime: new Date(refresh.startTime),
      ...(refresh.endTime === null ? {} : { EndTime: new Date(refresh.endTime) }),
      PercentageComplete: refreshPercentage(refresh),
      InstancesToUpdate: refresh.remaining.length,
      Preferences: {
        MinHealthyPercentage: refresh.minHealthyPercentage,
        InstanceWarmup: refresh.instanceWarmupSeconds,
        SkipMatching: refresh.skipMatching,
        AutoRollback: refresh.autoRollback ?? false,
        MaxHealthyPercentage: 100,
      },
      ...(refresh.desired === undefined ? {} : { DesiredConfiguration: { LaunchTemplate: templateRefShape(ctx, refresh.desired) } }),
      ...(refresh.rollback === undefined
        ? {}
        : {
            RollbackDetails: {
              RollbackReason: refresh.rollback.reason,
              RollbackStartTime: new Date(refresh.rollback.startTime),
              PercentageCompleteOnRollback: refresh.rollback.percentageComplete,
              InstancesToUpdateOnRollback: refresh.rollback.instancesToUpdate,
            },
          }),
    }));
  return ok({ InstanceRefreshes });
};

const groupNameParams = z.strictObject({ AutoScalingGroupName: z.string() });

function noActiveRefresh(group: AutoScalingGroupRecord): ReturnType<typeof fail> {
  return fail('ActiveInstanceRefreshNotFound', `No in progress or pending Instance Refresh found for Auto Scaling group ${group.name}`);
}

/**
 * CancelInstanceRefresh: stops after the batch in progress; instances already replaced stay
 * replaced and the group keeps its own launch template (AWS: "Cancellation does not roll back any
 * replacements that have already been completed, but it prevents new replacements from being
 * started", API reference, CancelInstanceRefresh). A rollback in progress can be cancelled too.
 */
export const cancelInstanceRefresh: Operation = (ctx, raw) => {
  const parsed = parse(groupNameParams, raw);
  if (!parsed.ok) return parsed;
  const found = groupNamed(ctx, parsed.data.AutoScalingGroupName);
  if (!found.ok) return found;
  const group = found.data;
  const refresh = activeRefresh(group);
  if (refresh === undefined || refresh.status === 'Cancelling') return noActiveRefresh(group);
  const key = groupKey(group.ownerId, group.region, group.name);
  ctx.tx.setAutoScalingGroup(key, { ...group, refreshes: [...group.refreshes.slice(0, -1), { ...refresh, status: 'Cancelling' }] });
  reconcileGroup(ctx.tx, key);
  return ok({ InstanceRefreshId: refresh.id });
};

/**
 * RollbackInstanceRefresh: stops a pending or in-progress refresh and replaces the instances it
 * launched with the group's own configuration (API reference, RollbackInstanceRefresh: "Cancels an
 * instance refresh that is in progress and rolls back any changes that it made"). Errors:
 * `ActiveInstanceRefreshNotFound` when there is none in progress (a finished refresh cannot be
 * rolled back, user guide), `IrreversibleInstanceRefresh` in the cases AWS lists.
 */
export const rollbackInstanceRefresh: Operation = (ctx, raw) => {
  const parsed = parse(groupNameParams, raw);
  if (!parsed.ok) return parsed;
  const found = groupNamed(ctx, parsed.data.AutoScalingGroupName);
  if (!found.ok) return found;
  const group = found.data;
  const refresh = activeRefresh(group);
  if (refresh === undefined || (refresh.status !== 'Pending' && refresh.status !== 'InProgress')) return noActiveRefresh(group);
  const reason = irreversibleReason(ctx.tx, group, refresh.desired);
  if (reason !== null) return fail('IrreversibleInstanceRefresh', reason);
  const members = group.members.filter((member) => {
    const state = ctx.tx.get('instance', member.instanceId)?.lifecycle.value;
    return state === 'pending' || state === 'running';
  });
  const rolled = beginRollback(group, members, refresh, 'Rollback started by a RollbackInstanceRefresh request.', ctx.tx.now);
  const key = groupKey(group.ownerId, group.region, group.name);
  ctx.tx.setAutoScalingGroup(key, { ...group, refreshes: [...group.refreshes.slice(0, -1), rolled] });
  reconcileGroup(ctx.tx, key);
  return ok({ InstanceRefreshId: refresh.id });
};

const describeActivitiesParams = z.strictObject({
  ActivityIds: z.optional(z.array(z.string())),
  AutoScalingGroupName: z.optional(z.string()),
  IncludeDeletedGroups: z.optional(z.boolean()),
  MaxRecords: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
  NextToken: z.optional(z.string()),
  Filters: z.optional(z.array(z.unknown())),
});

/**
 * DescribeScalingActivities: the caller's activities in the Region (one group's with
 * `AutoScalingGroupName`; a name not found gives none), newest first, at most `MaxRecords`
 * (default 100). Activities of deleted groups are not kept.
 */
export const describeScalingActivities: Operation = (ctx, raw) => {
  const parsed = parse(describeActivitiesParams, raw);
  if (!parsed.ok) return parsed;
  const { ActivityIds: ids, AutoScalingGroupName: name, MaxRecords: max } = parsed.data;
  const found: { group: AutoScalingGroupRecord; activity: NonNullable<AutoScalingGroupRecord['activities']>[number] }[] = [];
  const groups = ctx.tx.world.autoScalingGroups;
  for (const key in groups) {
    const group = groups[key] as AutoScalingGroupRecord;
    if (group.ownerId !== ctx.account.accountId || group.region !== ctx.region.RegionName || group.deleting) continue;
    if (name !== undefined && group.name !== name) continue;
    // Newest first: reversed, so that activities of the same second keep that order through the stable sort.
    for (const activity of [...(group.activities ?? [])].reverse()) {
      if (ids === undefined || ids.length === 0 || ids.includes(activity.id)) found.push({ group, activity });
    }
  }
  found.sort((a, b) => b.activity.startTime - a.activity.startTime);
  const Activities = found.slice(0, max ?? 100).map(({ group, activity }) => activityShape(group, groupArn(group), activity));
  return ok({ Activities });
};

/** The Auto Scaling operations by API action name. */
export const AUTOSCALING_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateAutoScalingGroup: createAutoScalingGroup,
  UpdateAutoScalingGroup: updateAutoScalingGroup,
  SetDesiredCapacity: setDesiredCapacity,
  DescribeAutoScalingGroups: describeAutoScalingGroups,
  DescribeAutoScalingInstances: describeAutoScalingInstances,
  DeleteAutoScalingGroup: deleteAutoScalingGroup,
  DescribeScalingActivities: describeScalingActivities,
  StartInstanceRefresh: startInstanceRefresh,
  DescribeInstanceRefreshes: describeInstanceRefreshes,
  CancelInstanceRefresh: cancelInstanceRefresh,
  RollbackInstanceRefresh: rollbackInstanceRefresh,
};
