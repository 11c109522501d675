/**
 * The world as data: zod schemas for every record the simulator keeps, and for the save format.
 * These schemas are the single source of truth for the persisted shape; the TypeScript types are
 * inferred from them. Records are immutable values (`readonly`): an update puts a new record,
 * which is what lets a failed call be rolled back cheaply (see world.ts).
 */
import { z } from './zod.js';
import { VOLUME_TYPES } from './pricing.js';
import { SAVE_FORMAT_NAME, SAVE_FORMAT_VERSION } from './save-format.js';

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
  }),
);

/** Resource kinds with a lifecycle. */
export const RESOURCE_TYPES = ['instance', 'image', 'snapshot', 'volume'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A scheduled lifecycle event: the simulated clock sends `event` to the resource at `at`. */
export const timerSchema = z.readonly(z.object({ at: epochMs, resourceType: z.enum(RESOURCE_TYPES), event: z.string() }));

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
