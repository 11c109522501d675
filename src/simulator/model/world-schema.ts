/**
 * The world as data: zod schemas for every record the simulator keeps, and for the save format.
 * These schemas are the single source of truth for the persisted shape; the TypeScript types are
 * inferred from them. Records are immutable values (`readonly`): an update puts a new record,
 * which is what lets a failed call be rolled back cheaply (see world.ts).
 */
import * as z from './zod.ts';
import { VOLUME_TYPES } from './pricing.ts';
import { SAVE_FORMAT_NAME, SAVE_FORMAT_VERSION } from './save-format.ts';

export { SAVE_FORMAT_NAME, SAVE_FORMAT_VERSION };

const accountId = z.string().check(z.regex(/^\d{12}$/));
const epochMs = z.number().check(z.int(), z.nonnegative());

/** A tag as EC2 returns it. */
export const tagSchema = z.readonly(z.strictObject({ Key: z.string(), Value: z.string() }));
/**
 * Tags by the account that wrote them. AWS keeps tags per account: tags an owner puts on a shared
 * AMI are invisible to the accounts it is shared with, and theirs to the owner.
 */
export const tagsByAccountSchema = z.readonly(z.record(z.string(), z.readonly(z.array(tagSchema))));

/** One entry of a block device mapping, in the EC2 API's shape. */
export const blockDeviceMappingSchema = z.readonly(
  z.object({
    DeviceName: z.string(),
    Ebs: z.optional(
      z.readonly(
        z.object({
          SnapshotId: z.optional(z.string()),
          VolumeSize: z.optional(z.number().check(z.int(), z.positive())),
          VolumeType: z.optional(z.enum(VOLUME_TYPES)),
          DeleteOnTermination: z.optional(z.boolean()),
          Encrypted: z.optional(z.boolean()),
          KmsKeyId: z.optional(z.string()),
          Iops: z.optional(z.number().check(z.int(), z.positive())),
        }),
      ),
    ),
    VirtualName: z.optional(z.string()),
    NoDevice: z.optional(z.string()),
  }),
);

/** One launch permission: an account, everyone (`all`), an organisation or an OU. */
export const launchPermissionSchema = z.union([
  z.readonly(z.strictObject({ UserId: accountId })),
  z.readonly(z.strictObject({ Group: z.literal('all') })),
  z.readonly(z.strictObject({ OrganizationArn: z.string() })),
  z.readonly(z.strictObject({ OrganizationalUnitArn: z.string() })),
]);

/** `StateReason` as EC2 reports it. */
export const stateReasonSchema = z.readonly(z.strictObject({ Code: z.string(), Message: z.string() }));

/** Instance states, AWS's names. */
export const INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;
/** Image states the simulator reaches (AWS's `ImageState` names). */
export const IMAGE_STATES = ['pending', 'available', 'failed', 'disabled', 'deregistered'] as const;
/** Snapshot states the simulator reaches (AWS's `SnapshotState` names). */
export const SNAPSHOT_STATES = ['pending', 'completed', 'error'] as const;
/** Volume states the simulator reaches (AWS's `VolumeState` names). */
export const VOLUME_STATES = ['creating', 'available', 'in-use', 'deleted'] as const;

/** Persisted lifecycle of an instance: the statechart's state value and context. */
export const instanceLifecycleSchema = z.readonly(
  z.object({
    value: z.enum(INSTANCE_STATES),
    context: z.readonly(
      z.object({
        rootDeviceType: z.enum(['ebs', 'instance-store']),
        stateReasonCode: z.nullable(z.string()),
      }),
    ),
  }),
);

/** Persisted lifecycle of an image. */
export const imageLifecycleSchema = z.readonly(
  z.object({
    value: z.enum(IMAGE_STATES),
    context: z.readonly(z.strictObject({ stateReason: z.nullable(stateReasonSchema) })),
  }),
);

/** Persisted lifecycle of a snapshot. */
export const snapshotLifecycleSchema = z.readonly(
  z.object({
    value: z.enum(SNAPSHOT_STATES),
    context: z.readonly(z.strictObject({ stateMessage: z.nullable(z.string()) })),
  }),
);

/** Persisted lifecycle of a volume. */
export const volumeLifecycleSchema = z.readonly(z.object({ value: z.enum(VOLUME_STATES), context: z.readonly(z.strictObject({})) }));

/** An instance's attached EBS volume, as its block device mapping records it. */
export const instanceBlockDeviceSchema = z.readonly(
  z.object({
    deviceName: z.string(),
    volumeId: z.string(),
    deleteOnTermination: z.boolean(),
    attachTime: epochMs,
  }),
);

/** An EC2 instance. */
export const instanceRecordSchema = z.readonly(
  z.object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    reservationId: z.string(),
    imageId: z.string(),
    instanceType: z.string(),
    availabilityZone: z.string(),
    /** Last time the instance entered `pending` from a launch or a start. */
    launchTime: epochMs,
    lifecycle: instanceLifecycleSchema,
    architecture: z.enum(['x86_64', 'arm64']),
    platform: z.nullable(z.literal('windows')),
    rootDeviceName: z.string(),
    blockDevices: z.readonly(z.array(instanceBlockDeviceSchema)),
    /** Base64 user data as given to RunInstances. */
    userData: z.nullable(z.string()),
    /** Software the user data (or an `Installed` tag) installs at first boot; cleared once applied. */
    pendingInstalls: z.readonly(z.array(z.string())),
    stateTransitionReason: z.string(),
    /** When the instance reached `terminated`; it disappears from listings an hour later. */
    terminatedAt: z.nullable(epochMs),
    amiLaunchIndex: z.number().check(z.int(), z.nonnegative()),
    tags: tagsByAccountSchema,
  }),
);

/** An EBS volume. */
export const volumeRecordSchema = z.readonly(
  z.object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    availabilityZone: z.string(),
    size: z.number().check(z.int(), z.positive()),
    volumeType: z.enum(VOLUME_TYPES),
    iops: z.nullable(z.number().check(z.int(), z.positive())),
    encrypted: z.boolean(),
    kmsKeyId: z.nullable(z.string()),
    snapshotId: z.nullable(z.string()),
    createTime: epochMs,
    lifecycle: volumeLifecycleSchema,
    attachment: z.nullable(
      z.readonly(
        z.object({
          instanceId: z.string(),
          device: z.string(),
          attachTime: epochMs,
          deleteOnTermination: z.boolean(),
        }),
      ),
    ),
    /** What is installed on the disk (lab-only; carried by snapshots and images). */
    installed: z.readonly(z.array(z.string())),
    tags: tagsByAccountSchema,
  }),
);

/** An EBS snapshot. */
export const snapshotRecordSchema = z.readonly(
  z.object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    /** Source volume; copies report `vol-ffffffff` as AWS does. */
    volumeId: z.string(),
    volumeSize: z.number().check(z.int(), z.positive()),
    encrypted: z.boolean(),
    kmsKeyId: z.nullable(z.string()),
    description: z.string(),
    startTime: epochMs,
    /** When the snapshot completes, for `Progress`. */
    completesAt: epochMs,
    lifecycle: snapshotLifecycleSchema,
    createVolumePermission: z.readonly(z.object({ userIds: z.readonly(z.array(accountId)), public: z.boolean() })),
    installed: z.readonly(z.array(z.string())),
    /** Images (not deregistered) whose block device mapping names this snapshot. */
    usedByImageIds: z.readonly(z.array(z.string())),
    /** The image this snapshot was made for, by CreateImage or CopyImage. */
    createdForImageId: z.nullable(z.string()),
    sourceSnapshotId: z.nullable(z.string()),
    sourceRegion: z.nullable(z.string()),
    tags: tagsByAccountSchema,
  }),
);

/** Deregistration protection as the image attribute reports it. */
export const DEREGISTRATION_PROTECTION = ['disabled', 'enabled-without-cooldown', 'enabled-with-cooldown'] as const;

/** An AMI. */
export const imageRecordSchema = z.readonly(
  z.object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    ownerAlias: z.nullable(z.string()),
    name: z.string(),
    description: z.nullable(z.string()),
    creationDate: epochMs,
    architecture: z.enum(['x86_64', 'arm64']),
    platform: z.nullable(z.literal('windows')),
    rootDeviceName: z.string(),
    blockDeviceMappings: z.readonly(z.array(blockDeviceMappingSchema)),
    lifecycle: imageLifecycleSchema,
    launchPermissions: z.readonly(z.array(launchPermissionSchema)),
    sourceInstanceId: z.nullable(z.string()),
    sourceImageId: z.nullable(z.string()),
    sourceImageRegion: z.nullable(z.string()),
    deprecationTime: z.nullable(epochMs),
    deregistrationProtection: z.enum(DEREGISTRATION_PROTECTION),
    /** After protection with cooldown is disabled, deregistration stays refused until then. */
    protectionCooldownUntil: z.nullable(epochMs),
    deregisteredAt: z.nullable(epochMs),
    imdsSupport: z.nullable(z.literal('v2.0')),
    bootMode: z.nullable(z.enum(['legacy-bios', 'uefi', 'uefi-preferred'])),
    installed: z.readonly(z.array(z.string())),
    lastLaunchedTime: z.nullable(epochMs),
    tags: tagsByAccountSchema,
    /** Marketplace product codes (catalogue Marketplace images, and images made from their instances). */
    productCodes: z.optional(z.readonly(z.array(z.readonly(z.strictObject({ ProductCodeId: z.string(), ProductCodeType: z.enum(['marketplace', 'devpay']) }))))),
    /** When the AMI was last restored from the Recycle Bin (issue 14; lab-only, AWS does not show it). */
    restoredFromRecycleBinAt: z.optional(epochMs),
  }),
);

/** Opt-in statuses of a Region for an account (the Account API's `RegionOptStatus`). */
export const REGION_OPT_STATUSES = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'] as const;

/**
 * An account's opt-in to an opt-in Region. Enabling and disabling take simulated time: the status
 * is `ENABLING`/`DISABLING` until `settlesAt`, then `ENABLED`/`DISABLED` (read with
 * `regionOptStatus`, so no timer is needed). No record means `DISABLED`.
 */
export const regionOptInSchema = z.readonly(
  z.strictObject({
    enabled: z.boolean(),
    /** When the last EnableRegion/DisableRegion was accepted. */
    changedAt: epochMs,
    /** When that change is complete. */
    settlesAt: epochMs,
  }),
);

/** One version of a Parameter Store parameter. */
export const parameterVersionSchema = z.readonly(
  z.strictObject({
    version: z.number().check(z.int(), z.positive()),
    value: z.string(),
    type: z.enum(['String', 'StringList', 'SecureString']),
    dataType: z.enum(['text', 'aws:ec2:image']),
    description: z.nullable(z.string()),
    lastModifiedDate: epochMs,
    labels: z.readonly(z.array(z.string())),
  }),
);

/** A learner's Parameter Store parameter in one account and Region, with its versions (oldest first). */
export const parameterRecordSchema = z.readonly(
  z.strictObject({
    name: z.string(),
    region: z.string(),
    ownerId: accountId,
    versions: z.readonly(z.array(parameterVersionSchema)),
  }),
);

/**
 * What a launch template version holds: the RunInstances parameters the lab models (the EC2
 * `RequestLaunchTemplateData` shape, reduced to them). `ImageId` may be `resolve:ssm:<name>`.
 */
export const launchTemplateDataSchema = z.readonly(
  z.strictObject({
    ImageId: z.optional(z.string()),
    InstanceType: z.optional(z.string()),
    KeyName: z.optional(z.string()),
    SecurityGroupIds: z.optional(z.readonly(z.array(z.string()))),
    SecurityGroups: z.optional(z.readonly(z.array(z.string()))),
    UserData: z.optional(z.string()),
    EbsOptimized: z.optional(z.boolean()),
    Monitoring: z.optional(z.readonly(z.strictObject({ Enabled: z.optional(z.boolean()) }))),
    Placement: z.optional(z.readonly(z.strictObject({ AvailabilityZone: z.optional(z.string()), Tenancy: z.optional(z.literal('default')), GroupName: z.optional(z.string()) }))),
    BlockDeviceMappings: z.optional(z.readonly(z.array(blockDeviceMappingSchema))),
    TagSpecifications: z.optional(z.readonly(z.array(z.readonly(z.strictObject({ ResourceType: z.string(), Tags: z.optional(z.readonly(z.array(tagSchema))) }))))),
  }),
);

/** One version of a launch template. Versions are immutable; deleted ones are removed. */
export const launchTemplateVersionSchema = z.readonly(
  z.strictObject({
    versionNumber: z.number().check(z.int(), z.positive()),
    description: z.nullable(z.string()),
    createTime: epochMs,
    data: launchTemplateDataSchema,
  }),
);

/** A launch template (`lt-…`) in one account and Region. */
export const launchTemplateRecordSchema = z.readonly(
  z.strictObject({
    id: z.string(),
    name: z.string(),
    region: z.string(),
    ownerId: accountId,
    createTime: epochMs,
    defaultVersion: z.number().check(z.int(), z.positive()),
    /** The highest number issued; numbers of deleted versions are not reused. */
    latestVersion: z.number().check(z.int(), z.positive()),
    versions: z.readonly(z.array(launchTemplateVersionSchema)),
    tags: tagsByAccountSchema,
  }),
);

/** An instance of an Auto Scaling group, with the launch template version it was launched from. */
export const groupMemberSchema = z.readonly(
  z.strictObject({
    instanceId: z.string(),
    launchTemplateVersion: z.number().check(z.int(), z.positive()),
    availabilityZone: z.string(),
    /** The launch template it was launched from (absent in older saves: the group's template). */
    launchTemplateId: z.optional(z.string()),
  }),
);

/** A launch template as a group or a refresh names it: the ID and the version as given (`$Latest`, `$Default`, a number). */
export const templateRefSchema = z.readonly(z.strictObject({ id: z.string(), version: z.string() }));

/** Scaling activity status codes the lab reaches (AWS's `ScalingActivityStatusCode`). */
export const ACTIVITY_STATUS_CODES = ['InProgress', 'Successful', 'Failed', 'Cancelled'] as const;

/** A scaling activity (DescribeScalingActivities), in AWS's `Activity` terms. */
export const scalingActivitySchema = z.readonly(
  z.strictObject({
    id: z.string(),
    kind: z.enum(['launch', 'terminate']),
    instanceId: z.nullable(z.string()),
    availabilityZone: z.string(),
    description: z.string(),
    cause: z.string(),
    startTime: epochMs,
    endTime: z.nullable(epochMs),
    statusCode: z.enum(ACTIVITY_STATUS_CODES),
    statusMessage: z.nullable(z.string()),
    progress: z.number().check(z.int(), z.gte(0), z.lte(100)),
  }),
);

/** Details of an instance refresh rollback (AWS's `RollbackDetails`). */
export const rollbackDetailsSchema = z.readonly(
  z.strictObject({
    reason: z.string(),
    startTime: epochMs,
    percentageComplete: z.number().check(z.int(), z.gte(0), z.lte(100)),
    instancesToUpdate: z.number().check(z.int(), z.nonnegative()),
  }),
);

/** An instance refresh (StartInstanceRefresh), in AWS's `InstanceRefresh` terms. */
export const instanceRefreshSchema = z.readonly(
  z.strictObject({
    id: z.string(),
    status: z.enum(['Pending', 'InProgress', 'Successful', 'Failed', 'Cancelling', 'Cancelled', 'RollbackInProgress', 'RollbackFailed', 'RollbackSuccessful']),
    statusReason: z.nullable(z.string()),
    startTime: epochMs,
    endTime: z.nullable(epochMs),
    minHealthyPercentage: z.number().check(z.int(), z.gte(0), z.lte(100)),
    instanceWarmupSeconds: z.number().check(z.int(), z.nonnegative()),
    skipMatching: z.boolean(),
    /** The launch template version the refresh moves the group to. */
    targetVersion: z.number().check(z.int(), z.positive()),
    /** Instances still to replace; the count at the start gives `PercentageComplete`. */
    remaining: z.readonly(z.array(z.string())),
    instancesToUpdate: z.number().check(z.int(), z.nonnegative()),
    total: z.number().check(z.int(), z.nonnegative()),
    /** The `DesiredConfiguration` launch template, applied to the group when the refresh succeeds. */
    desired: z.optional(templateRefSchema),
    /** The group's launch template when the refresh started, and its version number: what a rollback restores. */
    previous: z.optional(templateRefSchema),
    previousVersion: z.optional(z.number().check(z.int(), z.positive())),
    /** The template the refresh launches from (absent in older saves: the group's). */
    targetTemplateId: z.optional(z.string()),
    autoRollback: z.optional(z.boolean()),
    /** Launches of replacements that failed in a row; the refresh fails at a limit. */
    failedLaunches: z.optional(z.number().check(z.int(), z.nonnegative())),
    rollback: z.optional(rollbackDetailsSchema),
  }),
);

/** An Auto Scaling group, keyed `<accountId>/<region>/<name>`. */
export const autoScalingGroupSchema = z.readonly(
  z.strictObject({
    name: z.string(),
    region: z.string(),
    ownerId: accountId,
    createdTime: epochMs,
    /** The launch template and the version as given (`$Latest`, `$Default` or a number). */
    launchTemplateId: z.string(),
    launchTemplateVersion: z.string(),
    minSize: z.number().check(z.int(), z.nonnegative()),
    maxSize: z.number().check(z.int(), z.nonnegative()),
    desiredCapacity: z.number().check(z.int(), z.nonnegative()),
    availabilityZones: z.readonly(z.array(z.string())),
    healthCheckGracePeriod: z.number().check(z.int(), z.nonnegative()),
    defaultInstanceWarmup: z.nullable(z.number().check(z.int(), z.nonnegative())),
    members: z.readonly(z.array(groupMemberSchema)),
    /** Being deleted with ForceDelete: its instances terminate, then it goes. */
    deleting: z.boolean(),
    refreshes: z.readonly(z.array(instanceRefreshSchema)),
    /** The last scaling activity's problem, if it failed (e.g. a launch refused). */
    lastFailure: z.nullable(z.string()),
    /** Scaling activities, oldest first, the newest 100 kept (absent in older saves). */
    activities: z.optional(z.readonly(z.array(scalingActivitySchema))),
    /** How many activities the group has recorded: the next activity's sequence number. */
    activityCount: z.optional(z.number().check(z.int(), z.nonnegative())),
  }),
);

/** Resource kinds with a lifecycle. */
export const RESOURCE_TYPES = ['instance', 'image', 'snapshot', 'volume'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * What a timer can be for: a resource with a lifecycle, an Auto Scaling group's next check, or a
 * Run Command command's next status (keyed by its CommandId, issue 12).
 */
export const TIMER_TARGETS = [
  ...RESOURCE_TYPES,
  'auto-scaling-group',
  'command',
  'recycle-bin',
  'lifecycle-policy',
  'imagebuilder-image',
  'imagebuilder-pipeline',
  'catalogue-release',
] as const;

/**
 * A scheduled event: the simulated clock sends `event` to the resource at `at`. A `recycle-bin`
 * timer is keyed by the ID of the AMI or snapshot in the bin: its permanent deletion (issue 14). An Auto Scaling
 * group's timer is keyed by the group's key (see `autoScalingGroups`).
 */
export const timerSchema = z.readonly(z.object({ at: epochMs, resourceType: z.enum(TIMER_TARGETS), event: z.string() }));

/** Run Command statuses (SSM `CommandStatus` / `CommandInvocationStatus`) the lab reaches. */
export const COMMAND_STATUSES = ['Pending', 'InProgress', 'Success', 'Failed'] as const;

/** One instance's part of a command (SSM's command invocation). */
export const commandInvocationSchema = z.readonly(
  z.strictObject({
    instanceId: z.string(),
    status: z.enum(COMMAND_STATUSES),
    /** `Pending`, `InProgress`, `Success`, `Failed`, or `Undeliverable` for an instance that was not running. */
    statusDetails: z.string(),
    startedAt: z.nullable(epochMs),
    endedAt: z.nullable(epochMs),
    /** -1 until the script has run. */
    responseCode: z.number().check(z.int()),
    output: z.string(),
  }),
);

/**
 * A Run Command command (SendCommand with AWS-RunShellScript): Pending, InProgress once delivered,
 * then Success (what the script installs lands on the disk then) or Failed (issue 12).
 */
export const commandRecordSchema = z.readonly(
  z.strictObject({
    commandId: z.string(),
    region: z.string(),
    ownerId: accountId,
    documentName: z.string(),
    comment: z.string(),
    commands: z.readonly(z.array(z.string())),
    /** Packages the script installs (the user-data rules). */
    packages: z.readonly(z.array(z.string())),
    requestedAt: epochMs,
    invocations: z.readonly(z.array(commandInvocationSchema)),
  }),
);

/** The billing meter of one resource: accrued cost up to `since`, and the current rate. */
export const meterSchema = z.readonly(
  z.object({
    accountId,
    region: z.string(),
    resourceType: z.enum(['instance', 'volume', 'snapshot']),
    ratePerMonthUsd: z.number().check(z.nonnegative()),
    since: epochMs,
    accruedUsd: z.number().check(z.nonnegative()),
    /** Description kept for a resource that no longer exists. */
    endedDescription: z.nullable(z.string()),
  }),
);

/** Image block public access for one account in one Region. */
export const blockPublicAccessSchema = z.readonly(
  z.object({
    state: z.enum(['block-new-sharing', 'unblocked']),
    /** The setting takes up to ten minutes to apply; until then the old state holds. */
    effectiveAt: epochMs,
    previousState: z.enum(['block-new-sharing', 'unblocked']),
  }),
);

/** Resource types a Recycle Bin rule retains (rbin `ResourceType`; `EBS_VOLUME` is not modelled). */
export const RECYCLE_BIN_RESOURCE_TYPES = ['EBS_SNAPSHOT', 'EC2_IMAGE'] as const;

/** A tag a Recycle Bin rule matches (rbin `ResourceTag`; the value is optional in the model). */
export const resourceTagSchema = z.readonly(z.strictObject({ ResourceTagKey: z.string(), ResourceTagValue: z.optional(z.string()) }));

/**
 * A Recycle Bin retention rule (rbin `GetRuleResponse`), in one account and Region, keyed by its
 * 11-character identifier. Its status and lock state are read at the current time from
 * `activeAt` and `lockEndTime` (see `model/recycle-bin.ts`), so no timer is needed.
 */
export const recycleBinRuleSchema = z.readonly(
  z.strictObject({
    identifier: z.string(),
    region: z.string(),
    ownerId: accountId,
    description: z.string(),
    resourceType: z.enum(RECYCLE_BIN_RESOURCE_TYPES),
    retentionDays: z.number().check(z.int(), z.positive()),
    resourceTags: z.readonly(z.array(resourceTagSchema)),
    excludeResourceTags: z.readonly(z.array(resourceTagSchema)),
    createdAt: epochMs,
    /** `pending` until then, `available` after (the first rule of a Region takes up to 30 minutes). */
    activeAt: epochMs,
    /** Null until the rule is first locked; `unlocked` covers `pending_unlock` until `lockEndTime`. */
    lockState: z.nullable(z.enum(['locked', 'unlocked'])),
    unlockDelayDays: z.nullable(z.number().check(z.int(), z.gte(7), z.lte(30))),
    lockEndTime: z.nullable(epochMs),
    tags: z.readonly(z.array(tagSchema)),
  }),
);

/**
 * An AMI or snapshot in the Recycle Bin: the record as it was when deleted (so a restore puts it
 * back as it was), when it entered and when it is deleted for good, and the rule that kept it.
 */
export const recycleBinEntrySchema = z.union([
  z.readonly(z.strictObject({ resourceType: z.literal('image'), record: imageRecordSchema, enteredAt: epochMs, expiresAt: epochMs, ruleId: z.string() })),
  z.readonly(z.strictObject({ resourceType: z.literal('snapshot'), record: snapshotRecordSchema, enteredAt: epochMs, expiresAt: epochMs, ruleId: z.string() })),
]);

const dlmTag = z.readonly(z.strictObject({ Key: z.string().check(z.minLength(1), z.maxLength(128)), Value: z.string().check(z.maxLength(256)) }));
const dlmIntervalUnit = z.enum(['DAYS', 'WEEKS', 'MONTHS', 'YEARS']);
const dlmAgeOrCount = z.readonly(
  z.strictObject({
    Count: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
    Interval: z.optional(z.number().check(z.int(), z.gte(1))),
    IntervalUnit: z.optional(dlmIntervalUnit),
  }),
);
const dlmAge = z.readonly(z.strictObject({ Interval: z.number().check(z.int(), z.gte(1)), IntervalUnit: dlmIntervalUnit }));

/**
 * The part of a Data Lifecycle Manager `PolicyDetails` the lab models (issue 14), in the DLM API's
 * shape (botocore `dlm/2018-01-12`): custom snapshot and AMI policies, schedules by interval or
 * daily cron, count or age retention, AMI deprecation, cross-Region copy rules. Used both to check
 * a request and to store the policy, so GetLifecyclePolicy answers what was given.
 */
export const dlmPolicyDetailsSchema = z.readonly(
  z.strictObject({
    PolicyType: z.optional(z.enum(['EBS_SNAPSHOT_MANAGEMENT', 'IMAGE_MANAGEMENT'])),
    ResourceTypes: z.optional(z.readonly(z.array(z.enum(['VOLUME', 'INSTANCE'])).check(z.minLength(1), z.maxLength(1)))),
    ResourceLocations: z.optional(z.readonly(z.array(z.literal('CLOUD')))),
    TargetTags: z.optional(z.readonly(z.array(dlmTag).check(z.minLength(1), z.maxLength(50)))),
    Parameters: z.optional(z.readonly(z.strictObject({ NoReboot: z.optional(z.boolean()), ExcludeBootVolume: z.optional(z.boolean()) }))),
    Schedules: z.optional(
      z.readonly(
        z
          .array(
            z.readonly(
              z.strictObject({
                Name: z.optional(z.string().check(z.maxLength(120))),
                CopyTags: z.optional(z.boolean()),
                TagsToAdd: z.optional(z.readonly(z.array(dlmTag).check(z.maxLength(45)))),
                CreateRule: z.optional(
                  z.readonly(
                    z.strictObject({
                      Location: z.optional(z.literal('CLOUD')),
                      Interval: z.optional(z.number().check(z.int())),
                      IntervalUnit: z.optional(z.literal('HOURS')),
                      Times: z.optional(z.readonly(z.array(z.string()).check(z.maxLength(1)))),
                      CronExpression: z.optional(z.string()),
                    }),
                  ),
                ),
                RetainRule: z.optional(dlmAgeOrCount),
                DeprecateRule: z.optional(dlmAgeOrCount),
                CrossRegionCopyRules: z.optional(
                  z.readonly(
                    z
                      .array(
                        z.readonly(
                          z.strictObject({
                            TargetRegion: z.optional(z.string()),
                            Target: z.optional(z.string()),
                            Encrypted: z.boolean(),
                            CmkArn: z.optional(z.string()),
                            CopyTags: z.optional(z.boolean()),
                            RetainRule: z.optional(dlmAge),
                            DeprecateRule: z.optional(dlmAge),
                          }),
                        ),
                      )
                      .check(z.maxLength(3)),
                  ),
                ),
              }),
            ),
          )
          .check(z.minLength(1), z.maxLength(4)),
      ),
    ),
  }),
);

/** An AMI a policy made whose cross-Region copies are still to start (once it is available). */
const dlmPendingCopySchema = z.readonly(z.strictObject({ imageId: z.string(), schedule: z.string() }));

/** A Data Lifecycle Manager lifecycle policy (issue 14), keyed by its ID (`policy-` + 17 hex digits). */
export const lifecyclePolicySchema = z.readonly(
  z.strictObject({
    policyId: z.string(),
    region: z.string(),
    ownerId: accountId,
    description: z.string(),
    state: z.enum(['ENABLED', 'DISABLED']),
    executionRoleArn: z.string(),
    dateCreated: epochMs,
    dateModified: epochMs,
    policyDetails: dlmPolicyDetailsSchema,
    tags: z.readonly(z.record(z.string(), z.string())),
    /** The next run of each schedule, by schedule name (absent while the policy is disabled). */
    nextRuns: z.readonly(z.record(z.string(), epochMs)),
    pendingCopies: z.readonly(z.array(dlmPendingCopySchema)),
  }),
);

/** Image Builder build statuses (AWS's `ImageStatus` values the lab reaches). */
export const BUILDER_IMAGE_STATES = ['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE', 'FAILED', 'CANCELLED'] as const;

/** Persisted lifecycle of an Image Builder build. */
export const builderImageLifecycleSchema = z.readonly(
  z.strictObject({ value: z.enum(BUILDER_IMAGE_STATES), context: z.readonly(z.strictObject({ reason: z.nullable(z.string()) })) }),
);

const ibTags = z.readonly(z.record(z.string(), z.string()));
const ibCommon = {
  arn: z.string(),
  name: z.string(),
  region: z.string(),
  ownerId: accountId,
  description: z.nullable(z.string()),
  dateCreated: epochMs,
  tags: ibTags,
};

/** An Image Builder build component (the learner's; AWS-managed ones are built in, `api/imagebuilder.ts`). */
export const builderComponentSchema = z.readonly(
  z.strictObject({ ...ibCommon, version: z.string(), platform: z.literal('Linux'), data: z.string(), packages: z.readonly(z.array(z.string())) }),
);

/** An image recipe: a parent image (AMI ID, or an SSM parameter as `ssm:<name>`) and components. */
export const builderRecipeSchema = z.readonly(z.strictObject({ ...ibCommon, version: z.string(), parentImage: z.string(), components: z.readonly(z.array(z.string())) }));

/** An infrastructure configuration: what the build instance is. */
export const builderInfrastructureSchema = z.readonly(z.strictObject({ ...ibCommon, instanceTypes: z.readonly(z.array(z.string())), instanceProfileName: z.string() }));

/** One Region of a distribution configuration. */
export const builderDistributionSchema = z.readonly(
  z.strictObject({
    region: z.string(),
    amiName: z.nullable(z.string()),
    userIds: z.readonly(z.array(accountId)),
    organizationArns: z.readonly(z.array(z.string())),
    organizationalUnitArns: z.readonly(z.array(z.string())),
  }),
);

/** A distribution configuration: where the output AMI goes, named how, shared with whom. */
export const builderDistributionConfigurationSchema = z.readonly(z.strictObject({ ...ibCommon, distributions: z.readonly(z.array(builderDistributionSchema)) }));

/** An image pipeline: a recipe, infrastructure and distribution, run by hand or on a daily cron. */
export const builderPipelineSchema = z.readonly(
  z.strictObject({
    ...ibCommon,
    recipeArn: z.string(),
    infrastructureArn: z.string(),
    distributionArn: z.nullable(z.string()),
    status: z.enum(['ENABLED', 'DISABLED']),
    scheduleExpression: z.nullable(z.string()),
    startCondition: z.enum(['EXPRESSION_MATCH_ONLY', 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE']),
    /** The parent AMI of the last build, for EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE. */
    lastParentImageId: z.nullable(z.string()),
    lastRunAt: z.nullable(epochMs),
    nextRunAt: z.nullable(epochMs),
  }),
);

/** An Image Builder image: one build of a recipe version, with its output AMIs. */
export const builderImageSchema = z.readonly(
  z.strictObject({
    ...ibCommon,
    version: z.string(),
    buildVersion: z.number().check(z.int(), z.positive()),
    recipeArn: z.string(),
    infrastructureArn: z.string(),
    distributionArn: z.nullable(z.string()),
    pipelineArn: z.nullable(z.string()),
    lifecycle: builderImageLifecycleSchema,
    parentImageId: z.nullable(z.string()),
    buildInstanceId: z.nullable(z.string()),
    amiId: z.nullable(z.string()),
    outputAmis: z.readonly(z.array(z.readonly(z.strictObject({ region: z.string(), image: z.string(), name: z.string(), accountId })))),
  }),
);

/** Everything Image Builder keeps, by ARN. */
export const imageBuilderSchema = z.readonly(
  z.strictObject({
    components: z.record(z.string(), builderComponentSchema),
    recipes: z.record(z.string(), builderRecipeSchema),
    infrastructure: z.record(z.string(), builderInfrastructureSchema),
    distributions: z.record(z.string(), builderDistributionConfigurationSchema),
    pipelines: z.record(z.string(), builderPipelineSchema),
    images: z.record(z.string(), builderImageSchema),
  }),
);

/** The whole world. The maps are mutated in place (through a transaction); records never are. */
export const worldSchema = z.strictObject({
  /** Simulated time, epoch ms. */
  now: epochMs,
  /** State of the seeded ID generator. */
  idState: z.number().check(z.int(), z.nonnegative(), z.lte(0xffffffff)),
  instances: z.record(z.string(), instanceRecordSchema),
  volumes: z.record(z.string(), volumeRecordSchema),
  snapshots: z.record(z.string(), snapshotRecordSchema),
  images: z.record(z.string(), imageRecordSchema),
  timers: z.record(z.string(), timerSchema),
  meters: z.record(z.string(), meterSchema),
  /** Keyed by `<accountId>/<region>`. */
  imageBlockPublicAccess: z.record(z.string(), blockPublicAccessSchema),
  /** Keyed by `<accountId>/<region>`; opt-in Regions only. */
  regionOptIns: z.record(z.string(), regionOptInSchema),
  /** Parameter Store parameters, keyed by `<accountId>/<region>/<name>`. */
  parameters: z.record(z.string(), parameterRecordSchema),
  /** Launch templates by ID. */
  launchTemplates: z.record(z.string(), launchTemplateRecordSchema),
  /** Auto Scaling groups, keyed by `<accountId>/<region>/<name>`. */
  autoScalingGroups: z.record(z.string(), autoScalingGroupSchema),
  /** Run Command commands by CommandId; absent until the first SendCommand (older saves have none). */
  commands: z.optional(z.record(z.string(), commandRecordSchema)),
  /** Recycle Bin retention rules by identifier (issue 14); absent until the first CreateRule. */
  recycleBinRules: z.optional(z.record(z.string(), recycleBinRuleSchema)),
  /** AMIs and snapshots in the Recycle Bin, by their ID (issue 14); absent until the first one. */
  recycleBin: z.optional(z.record(z.string(), recycleBinEntrySchema)),
  /** Data Lifecycle Manager policies by ID (issue 14); absent until the first one. */
  lifecyclePolicies: z.optional(z.record(z.string(), lifecyclePolicySchema)),
  /** EC2 Image Builder resources by kind and ARN (issue 14); absent until the first one. */
  imageBuilder: z.optional(imageBuilderSchema),
  /**
   * Issue 14: new Amazon Linux 2023 builds published every `everyDays` (opt-in, `createCloud`'s
   * `catalogueReleaseEveryDays`); `released` holds the release dates so far, oldest first.
   */
  catalogueReleases: z.optional(z.readonly(z.strictObject({ everyDays: z.number().check(z.int(), z.positive()), nextAt: epochMs, released: z.readonly(z.array(epochMs)) }))),
});

/** A saved world: the format marker, the version stamp and the world. */
export const savedWorldSchema = z.strictObject({
  format: z.literal(SAVE_FORMAT_NAME),
  version: z.literal(SAVE_FORMAT_VERSION),
  savedAt: z.string(),
  world: worldSchema,
});

export type Tag = z.infer<typeof tagSchema>;
export type TagsByAccount = z.infer<typeof tagsByAccountSchema>;
export type BlockDeviceMapping = z.infer<typeof blockDeviceMappingSchema>;
export type LaunchPermission = z.infer<typeof launchPermissionSchema>;
export type StateReason = z.infer<typeof stateReasonSchema>;
export type InstanceState = (typeof INSTANCE_STATES)[number];
export type InstanceLifecycle = z.infer<typeof instanceLifecycleSchema>;
export type ImageLifecycle = z.infer<typeof imageLifecycleSchema>;
export type SnapshotLifecycle = z.infer<typeof snapshotLifecycleSchema>;
export type VolumeLifecycle = z.infer<typeof volumeLifecycleSchema>;
export type InstanceRecord = z.infer<typeof instanceRecordSchema>;
export type VolumeRecord = z.infer<typeof volumeRecordSchema>;
export type SnapshotRecord = z.infer<typeof snapshotRecordSchema>;
export type ImageRecord = z.infer<typeof imageRecordSchema>;
export type Timer = z.infer<typeof timerSchema>;
export type Meter = z.infer<typeof meterSchema>;
export type BlockPublicAccess = z.infer<typeof blockPublicAccessSchema>;
export type World = z.infer<typeof worldSchema>;
export type RegionOptIn = z.infer<typeof regionOptInSchema>;
export type RegionOptStatus = (typeof REGION_OPT_STATUSES)[number];
export type ParameterVersion = z.infer<typeof parameterVersionSchema>;
export type ParameterRecord = z.infer<typeof parameterRecordSchema>;
export type LaunchTemplateData = z.infer<typeof launchTemplateDataSchema>;
export type LaunchTemplateVersion = z.infer<typeof launchTemplateVersionSchema>;
export type LaunchTemplateRecord = z.infer<typeof launchTemplateRecordSchema>;
export type GroupMember = z.infer<typeof groupMemberSchema>;
export type InstanceRefresh = z.infer<typeof instanceRefreshSchema>;
export type AutoScalingGroupRecord = z.infer<typeof autoScalingGroupSchema>;
export type ScalingActivity = z.infer<typeof scalingActivitySchema>;
export type TemplateRef = z.infer<typeof templateRefSchema>;
export type SavedWorld = z.infer<typeof savedWorldSchema>;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];
export type CommandInvocation = z.infer<typeof commandInvocationSchema>;
export type CommandRecord = z.infer<typeof commandRecordSchema>;
export type ResourceTag = z.infer<typeof resourceTagSchema>;
export type RecycleBinRule = z.infer<typeof recycleBinRuleSchema>;
export type RecycleBinEntry = z.infer<typeof recycleBinEntrySchema>;
export type RecycleBinResourceType = (typeof RECYCLE_BIN_RESOURCE_TYPES)[number];
export type DlmPolicyDetails = z.infer<typeof dlmPolicyDetailsSchema>;
export type LifecyclePolicyRecord = z.infer<typeof lifecyclePolicySchema>;
export type BuilderImageLifecycle = z.infer<typeof builderImageLifecycleSchema>;
export type BuilderComponent = z.infer<typeof builderComponentSchema>;
export type BuilderRecipe = z.infer<typeof builderRecipeSchema>;
export type BuilderInfrastructure = z.infer<typeof builderInfrastructureSchema>;
export type BuilderDistributionConfiguration = z.infer<typeof builderDistributionConfigurationSchema>;
export type BuilderPipeline = z.infer<typeof builderPipelineSchema>;
export type BuilderImage = z.infer<typeof builderImageSchema>;
export type ImageBuilderWorld = z.infer<typeof imageBuilderSchema>;
