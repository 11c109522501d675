/**
 * The world as data: zod schemas for every record the simulator keeps, and for the save format.
 * These schemas are the single source of truth for the persisted shape; the TypeScript types are
 * inferred from them. Records are immutable values (`readonly`): an update puts a new record,
 * which is what lets a failed call be rolled back cheaply (see world.ts).
 */
import { z } from 'zod';
import { VOLUME_TYPES } from './pricing.js';

/** Version stamp of the save format. Bump it, and add a migration, when the shape changes. */
export const SAVE_FORMAT_VERSION = 1;
/** Marker that tells a saved world apart from any other JSON. */
export const SAVE_FORMAT_NAME = 'ami-lab-world';

const accountId = z.string().regex(/^\d{12}$/);
const epochMs = z.number().int().nonnegative();

/** A tag as EC2 returns it. */
export const tagSchema = z.strictObject({ Key: z.string(), Value: z.string() }).readonly();
/**
 * Tags by the account that wrote them. AWS keeps tags per account: tags an owner puts on a shared
 * AMI are invisible to the accounts it is shared with, and theirs to the owner.
 */
export const tagsByAccountSchema = z.record(z.string(), z.array(tagSchema).readonly()).readonly();

/** One entry of a block device mapping, in the EC2 API's shape. */
export const blockDeviceMappingSchema = z
  .object({
    DeviceName: z.string(),
    Ebs: z
      .object({
        SnapshotId: z.string().optional(),
        VolumeSize: z.number().int().positive().optional(),
        VolumeType: z.enum(VOLUME_TYPES).optional(),
        DeleteOnTermination: z.boolean().optional(),
        Encrypted: z.boolean().optional(),
        KmsKeyId: z.string().optional(),
        Iops: z.number().int().positive().optional(),
      })
      .readonly()
      .optional(),
    VirtualName: z.string().optional(),
    NoDevice: z.string().optional(),
  })
  .readonly();

/** One launch permission: an account, everyone (`all`), an organisation or an OU. */
export const launchPermissionSchema = z.union([
  z.strictObject({ UserId: accountId }).readonly(),
  z.strictObject({ Group: z.literal('all') }).readonly(),
  z.strictObject({ OrganizationArn: z.string() }).readonly(),
  z.strictObject({ OrganizationalUnitArn: z.string() }).readonly(),
]);

/** `StateReason` as EC2 reports it. */
export const stateReasonSchema = z.strictObject({ Code: z.string(), Message: z.string() }).readonly();

/** Instance states, AWS's names. */
export const INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;
/** Image states the simulator reaches (AWS's `ImageState` names). */
export const IMAGE_STATES = ['pending', 'available', 'failed', 'disabled', 'deregistered'] as const;
/** Snapshot states the simulator reaches (AWS's `SnapshotState` names). */
export const SNAPSHOT_STATES = ['pending', 'completed', 'error'] as const;
/** Volume states the simulator reaches (AWS's `VolumeState` names). */
export const VOLUME_STATES = ['creating', 'available', 'in-use', 'deleted'] as const;

/** Persisted lifecycle of an instance: the statechart's state value and context. */
export const instanceLifecycleSchema = z
  .object({
    value: z.enum(INSTANCE_STATES),
    context: z
      .object({
        rootDeviceType: z.enum(['ebs', 'instance-store']),
        stateReasonCode: z.string().nullable(),
      })
      .readonly(),
  })
  .readonly();

/** Persisted lifecycle of an image. */
export const imageLifecycleSchema = z
  .object({
    value: z.enum(IMAGE_STATES),
    context: z.strictObject({ stateReason: stateReasonSchema.nullable() }).readonly(),
  })
  .readonly();

/** Persisted lifecycle of a snapshot. */
export const snapshotLifecycleSchema = z
  .object({
    value: z.enum(SNAPSHOT_STATES),
    context: z.strictObject({ stateMessage: z.string().nullable() }).readonly(),
  })
  .readonly();

/** Persisted lifecycle of a volume. */
export const volumeLifecycleSchema = z
  .object({ value: z.enum(VOLUME_STATES), context: z.strictObject({}).readonly() })
  .readonly();

/** An instance's attached EBS volume, as its block device mapping records it. */
export const instanceBlockDeviceSchema = z
  .object({
    deviceName: z.string(),
    volumeId: z.string(),
    deleteOnTermination: z.boolean(),
    attachTime: epochMs,
  })
  .readonly();

/** An EC2 instance. */
export const instanceRecordSchema = z
  .object({
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
    platform: z.literal('windows').nullable(),
    rootDeviceName: z.string(),
    blockDevices: z.array(instanceBlockDeviceSchema).readonly(),
    /** Base64 user data as given to RunInstances. */
    userData: z.string().nullable(),
    /** Software the user data (or an `Installed` tag) installs at first boot; cleared once applied. */
    pendingInstalls: z.array(z.string()).readonly(),
    stateTransitionReason: z.string(),
    /** When the instance reached `terminated`; it disappears from listings an hour later. */
    terminatedAt: epochMs.nullable(),
    amiLaunchIndex: z.number().int().nonnegative(),
    tags: tagsByAccountSchema,
  })
  .readonly();

/** An EBS volume. */
export const volumeRecordSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    availabilityZone: z.string(),
    size: z.number().int().positive(),
    volumeType: z.enum(VOLUME_TYPES),
    iops: z.number().int().positive().nullable(),
    encrypted: z.boolean(),
    kmsKeyId: z.string().nullable(),
    snapshotId: z.string().nullable(),
    createTime: epochMs,
    lifecycle: volumeLifecycleSchema,
    attachment: z
      .object({
        instanceId: z.string(),
        device: z.string(),
        attachTime: epochMs,
        deleteOnTermination: z.boolean(),
      })
      .readonly()
      .nullable(),
    /** What is installed on the disk (lab-only; carried by snapshots and images). */
    installed: z.array(z.string()).readonly(),
    tags: tagsByAccountSchema,
  })
  .readonly();

/** An EBS snapshot. */
export const snapshotRecordSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    /** Source volume; copies report `vol-ffffffff` as AWS does. */
    volumeId: z.string(),
    volumeSize: z.number().int().positive(),
    encrypted: z.boolean(),
    kmsKeyId: z.string().nullable(),
    description: z.string(),
    startTime: epochMs,
    /** When the snapshot completes, for `Progress`. */
    completesAt: epochMs,
    lifecycle: snapshotLifecycleSchema,
    createVolumePermission: z
      .object({ userIds: z.array(accountId).readonly(), public: z.boolean() })
      .readonly(),
    installed: z.array(z.string()).readonly(),
    /** Images (not deregistered) whose block device mapping names this snapshot. */
    usedByImageIds: z.array(z.string()).readonly(),
    /** The image this snapshot was made for, by CreateImage or CopyImage. */
    createdForImageId: z.string().nullable(),
    sourceSnapshotId: z.string().nullable(),
    sourceRegion: z.string().nullable(),
    tags: tagsByAccountSchema,
  })
  .readonly();

/** Deregistration protection as the image attribute reports it. */
export const DEREGISTRATION_PROTECTION = ['disabled', 'enabled-without-cooldown', 'enabled-with-cooldown'] as const;

/** An AMI. */
export const imageRecordSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    ownerId: accountId,
    ownerAlias: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    creationDate: epochMs,
    architecture: z.enum(['x86_64', 'arm64']),
    platform: z.literal('windows').nullable(),
    rootDeviceName: z.string(),
    blockDeviceMappings: z.array(blockDeviceMappingSchema).readonly(),
    lifecycle: imageLifecycleSchema,
    launchPermissions: z.array(launchPermissionSchema).readonly(),
    sourceInstanceId: z.string().nullable(),
    sourceImageId: z.string().nullable(),
    sourceImageRegion: z.string().nullable(),
    deprecationTime: epochMs.nullable(),
    deregistrationProtection: z.enum(DEREGISTRATION_PROTECTION),
    /** After protection with cooldown is disabled, deregistration stays refused until then. */
    protectionCooldownUntil: epochMs.nullable(),
    deregisteredAt: epochMs.nullable(),
    imdsSupport: z.literal('v2.0').nullable(),
    bootMode: z.enum(['legacy-bios', 'uefi', 'uefi-preferred']).nullable(),
    installed: z.array(z.string()).readonly(),
    lastLaunchedTime: epochMs.nullable(),
    tags: tagsByAccountSchema,
  })
  .readonly();

/** Resource kinds with a lifecycle. */
export const RESOURCE_TYPES = ['instance', 'image', 'snapshot', 'volume'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A scheduled lifecycle event: the simulated clock sends `event` to the resource at `at`. */
export const timerSchema = z
  .object({ at: epochMs, resourceType: z.enum(RESOURCE_TYPES), event: z.string() })
  .readonly();

/** The billing meter of one resource: accrued cost up to `since`, and the current rate. */
export const meterSchema = z
  .object({
    accountId,
    region: z.string(),
    resourceType: z.enum(['instance', 'volume', 'snapshot']),
    ratePerMonthUsd: z.number().nonnegative(),
    since: epochMs,
    accruedUsd: z.number().nonnegative(),
    /** Description kept for a resource that no longer exists. */
    endedDescription: z.string().nullable(),
  })
  .readonly();

/** Image block public access for one account in one Region. */
export const blockPublicAccessSchema = z
  .object({
    state: z.enum(['block-new-sharing', 'unblocked']),
    /** The setting takes up to ten minutes to apply; until then the old state holds. */
    effectiveAt: epochMs,
    previousState: z.enum(['block-new-sharing', 'unblocked']),
  })
  .readonly();

/** The whole world. The maps are mutated in place (through a transaction); records never are. */
export const worldSchema = z.strictObject({
  /** Simulated time, epoch ms. */
  now: epochMs,
  /** State of the seeded ID generator. */
  idState: z.number().int().nonnegative().max(0xffffffff),
  instances: z.record(z.string(), instanceRecordSchema),
  volumes: z.record(z.string(), volumeRecordSchema),
  snapshots: z.record(z.string(), snapshotRecordSchema),
  images: z.record(z.string(), imageRecordSchema),
  timers: z.record(z.string(), timerSchema),
  meters: z.record(z.string(), meterSchema),
  /** Keyed by `<accountId>/<region>`. */
  imageBlockPublicAccess: z.record(z.string(), blockPublicAccessSchema),
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
export type ImageState = (typeof IMAGE_STATES)[number];
export type SnapshotState = (typeof SNAPSHOT_STATES)[number];
export type VolumeState = (typeof VOLUME_STATES)[number];
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
export type SavedWorld = z.infer<typeof savedWorldSchema>;
