/**
 * Scaling activities of Auto Scaling groups (DescribeScalingActivities, issue 13): every launch and
 * termination a group makes is an activity, `InProgress` until the instance is running (launch) or
 * terminated (termination), then `Successful`; a refused launch is a `Failed` activity at once.
 *
 * Shape: the service model's `Activity` (botocore `autoscaling/2011-01-01`; API reference
 * "Activity": ActivityId, AutoScalingGroupName, Description, Cause, StartTime, EndTime, StatusCode,
 * StatusMessage, Progress, Details, AutoScalingGroupARN). Wording, as AWS gives it:
 * - a launch: Description "Launching a new EC2 instance: i-…"; a refused one "Launching a new EC2
 *   instance.  Status Reason: <message>" with StatusMessage "<message>", where the message ends
 *   "Launching EC2 instance failed." (API reference, DescribeScalingActivities example: "The image
 *   id 'ami-4edb0327' does not exist. Launching EC2 instance failed."; EC2 Auto Scaling user guide,
 *   "Troubleshoot Amazon EC2 Auto Scaling: AMI issues": "The AMI ID <ID of your AMI> does not exist.
 *   Launching EC2 instance failed.", "AMI <AMI ID> is pending, and cannot be run. Launching EC2
 *   instance failed.", "AMI '<AMI ID>' is disabled, and cannot be run. Launching EC2 instance
 *   failed.");
 * - Causes: "At <time> an instance was started in response to a difference between desired and
 *   actual capacity, increasing the capacity from 2 to 3." and "At <time> an instance was taken out
 *   of service in response to a EC2 health check indicating it has been terminated or stopped."
 *   (the same example, and AWS's output quoted in the Knowledge Center article "Why did Amazon EC2
 *   Auto Scaling terminate an instance?"); a user request that caused it comes first ("At <time> a
 *   user request created an AutoScalingGroup changing the desired capacity from 0 to 1.  At …").
 * The Causes for instance refresh and for scale-in by a user request follow the same pattern
 * (AWS documents no exact text for them).
 */
import type { Transaction } from '../model/world.ts';
import type { AutoScalingGroupRecord, ScalingActivity } from '../model/world-schema.ts';
import type { CallContext } from './context.ts';

/** Activities a group keeps (AWS keeps six weeks of them; the lab keeps the newest 100). */
const MAX_ACTIVITIES = 100;

/** A time as AWS writes it in a Cause: ISO 8601 to the second. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 32 hex digits from a string (FNV-1a, four lanes): IDs that need no draw from the seeded generator. */
function hashHex(text: string): string {
  let out = '';
  for (let lane = 0; lane < 4; lane += 1) {
    let hash = (0x811c9dc5 ^ (lane * 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}

/** An activity ID shaped like AWS's (a UUID), the same for the same group and sequence number. */
function activityId(groupKey: string, sequence: number): string {
  const hex = hashHex(`${groupKey}#${sequence}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Why a group's launch failed, as the activity's StatusMessage: the EC2 error, in Auto Scaling's
 * words for an AMI that is gone (deregistered or never there), disabled or pending.
 */
export function launchFailureMessage(ctx: CallContext, imageId: unknown, error: { Code: string; Message: string }): string {
  const suffix = 'Launching EC2 instance failed.';
  if (typeof imageId === 'string') {
    const state = ctx.tx.get('image', imageId)?.lifecycle.value;
    if (error.Code === 'InvalidAMIID.NotFound' || state === 'deregistered') return `The image id '[${imageId}]' does not exist. ${suffix}`;
    if (state === 'disabled') return `AMI '${imageId}' is disabled, and cannot be run. ${suffix}`;
    if (state === 'pending') return `AMI ${imageId} is pending, and cannot be run. ${suffix}`;
  }
  const message = error.Message.trim();
  return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${suffix}`;
}

/** The activities of one reconciliation of a group: the ones it had, and the ones it records now. */
export class ActivityLog {
  readonly activities: ScalingActivity[];
  private sequence: number;
  private readonly groupKey: string;
  private readonly now: number;

  constructor(groupKey: string, group: AutoScalingGroupRecord, now: number) {
    this.groupKey = groupKey;
    this.now = now;
    this.activities = [...(group.activities ?? [])];
    this.sequence = group.activityCount ?? this.activities.length;
  }

  /** Marks launches whose instance is no longer pending, and terminations whose instance is gone, as Successful. */
  settle(tx: Transaction): void {
    for (const [index, activity] of this.activities.entries()) {
      if (activity.statusCode !== 'InProgress' || activity.instanceId === null) continue;
      const state = tx.get('instance', activity.instanceId)?.lifecycle.value;
      const done = activity.kind === 'launch' ? state !== 'pending' : state === undefined || state === 'terminated';
      if (done) this.activities[index] = { ...activity, statusCode: 'Successful', progress: 100, endTime: this.now };
    }
  }

  /** A launch that succeeded: InProgress until the instance runs. */
  launched(instanceId: string, zone: string, cause: string): void {
    this.add({
      kind: 'launch',
      instanceId,
      availabilityZone: zone,
      description: `Launching a new EC2 instance: ${instanceId}`,
      cause,
      statusCode: 'InProgress',
      statusMessage: null,
      progress: 30,
      endTime: null,
    });
  }

  /** A launch EC2 refused: Failed at once. */
  launchFailed(zone: string, cause: string, statusMessage: string): string {
    const description = `Launching a new EC2 instance.  Status Reason: ${statusMessage}`;
    this.add({ kind: 'launch', instanceId: null, availabilityZone: zone, description, cause, statusCode: 'Failed', statusMessage, progress: 100, endTime: this.now });
    return description;
  }

  /** A termination: InProgress until the instance is terminated. */
  terminating(instanceId: string, zone: string, cause: string): void {
    this.add({
      kind: 'terminate',
      instanceId,
      availabilityZone: zone,
      description: `Terminating EC2 instance: ${instanceId}`,
      cause,
      statusCode: 'InProgress',
      statusMessage: null,
      progress: 0,
      endTime: null,
    });
  }

  /** Whether an activity is still in progress (the group keeps checking until none is). */
  get busy(): boolean {
    return this.activities.some((activity) => activity.statusCode === 'InProgress');
  }

  /** The group with these activities (the newest ones kept). */
  applyTo(group: AutoScalingGroupRecord): AutoScalingGroupRecord {
    return { ...group, activities: this.activities.slice(-MAX_ACTIVITIES), activityCount: this.sequence };
  }

  private add(activity: Omit<ScalingActivity, 'id' | 'startTime'>): void {
    this.activities.push({ id: activityId(this.groupKey, this.sequence), startTime: this.now, ...activity });
    this.sequence += 1;
  }
}

/** An activity as DescribeScalingActivities gives it. */
export function activityShape(group: AutoScalingGroupRecord, arn: string, activity: ScalingActivity): Record<string, unknown> {
  return {
    ActivityId: activity.id,
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: arn,
    Description: activity.description,
    Cause: activity.cause,
    StartTime: new Date(activity.startTime),
    ...(activity.endTime === null ? {} : { EndTime: new Date(activity.endTime) }),
    StatusCode: activity.statusCode,
    ...(activity.statusMessage === null ? {} : { StatusMessage: activity.statusMessage }),
    Progress: activity.progress,
    Details: JSON.stringify({ 'Availability Zone': activity.availabilityZone }),
    AutoScalingGroupState: 'InService',
  };
}
