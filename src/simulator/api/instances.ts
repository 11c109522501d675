/**
 * RunInstances, DescribeInstances, StopInstances, StartInstances, RebootInstances,
 * TerminateInstances.
 */
import * as z from '../model/zod.ts';
import { type ApiResult, type Failure, fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import { indexOf } from '../model/world-index.ts';
import { TERMINATED_VISIBLE_MS } from '../model/durations.ts';
import { INSTANCE_TYPES, zoneOffersType, zonesOffering } from '../model/regions.ts';
import { bootDurationMs, moveInstance } from '../model/resources.ts';
import type { VolumeType } from '../model/pricing.ts';
import { INITIAL_INSTANCE_LIFECYCLE } from '../machines/lifecycle.ts';
import type { ImageRecord, InstanceRecord, InstanceState, Tag } from '../model/world-schema.ts';
import type { InstanceEvent } from '../machines/instance.machine.ts';
import { canUseImage } from '../model/visibility.ts';
import { type CallContext, compileFilters, lookUpImage, matchesFilters, type Operation, requireIds, tagFilterValues, tagsFor, tagsFromSpecifications } from './context.ts';
import { checkVolumeSpec, createVolumeRecord, defaultEbsKeyArn, parseVolumeType, resolveKmsKeyId } from './ebs.ts';
import { type BlockDeviceMappingParam, blockDeviceMappingParam, dryRun, filtersParam, parseParams, tagSpecificationsParam } from './params.ts';
import { instanceShape, instanceStateShape } from './shapes.ts';
import { decodeUserData, packagesFromTag, packagesInstalledBy } from './user-data.ts';

/** Instance type EC2 uses when RunInstances names none. */
export const DEFAULT_INSTANCE_TYPE = 'm1.small';
/** On-Demand vCPU quota per account and Region for standard instance families (a common default). */
export const STANDARD_VCPU_QUOTA = 32;
/** Tag whose value lists what is installed, the alternative to user data for the lab. */
export const INSTALLED_TAG_KEY = 'Installed';

const runInstancesParams = z.strictObject({
  ImageId: z.string(),
  InstanceType: z.optional(z.string()),
  MinCount: z.number().check(z.int()),
  MaxCount: z.number().check(z.int()),
  Placement: z.optional(
    z.strictObject({
      AvailabilityZone: z.optional(z.string()),
      Tenancy: z.optional(z.literal('default')),
      GroupName: z.optional(z.string()),
    }),
  ),
  BlockDeviceMappings: z.optional(z.array(blockDeviceMappingParam)),
  TagSpecifications: tagSpecificationsParam,
  UserData: z.optional(z.string()),
  DryRun: dryRun,
  // Accepted and not modelled: networking, keys and monitoring play no part in the AMI lab.
  KeyName: z.optional(z.string()),
  SecurityGroupIds: z.optional(z.array(z.string())),
  SecurityGroups: z.optional(z.array(z.string())),
  ClientToken: z.optional(z.string()),
  Monitoring: z.optional(z.strictObject({ Enabled: z.boolean() })),
  EbsOptimized: z.optional(z.boolean()),
  MetadataOptions: z.optional(z.record(z.string(), z.unknown())),
});

interface PlannedVolume {
  readonly deviceName: string;
  readonly size: number;
  readonly volumeType: VolumeType;
  readonly iops: number | null;
  readonly deleteOnTermination: boolean;
  readonly encrypted: boolean;
  readonly kmsKeyId: string | null;
  readonly snapshotId: string | null;
  readonly installed: readonly string[];
}

function invalidMapping(message: string): Failure {
  return fail('InvalidBlockDeviceMapping', message);
}

/**
 * The volumes an instance gets: one per EBS entry of the AMI's block device mapping, restored from
 * its snapshot, with launch-time overrides applied (size, type, DeleteOnTermination, encryption),
 * entries suppressed with NoDevice, and new blank or snapshot-based volumes added.
 */
function planVolumes(ctx: CallContext, image: ImageRecord, overrides: readonly BlockDeviceMappingParam[]): ApiResult<PlannedVolume[]> {
  const planned: PlannedVolume[] = [];
  const accountId = ctx.account.accountId;
  const region = ctx.region.RegionName;
  const byDevice = new Map(overrides.map((override) => [override.DeviceName, override]));
  const seen = new Set<string>();
  const entries = [
    ...image.blockDeviceMappings.map((mapping) => ({ base: mapping, override: byDevice.get(mapping.DeviceName) })),
    ...overrides.filter((override) => !image.blockDeviceMappings.some((mapping) => mapping.DeviceName === override.DeviceName)).map((override) => ({ base: undefined, override })),
  ];
  for (const { base, override } of entries) {
    const deviceName = base?.DeviceName ?? override?.DeviceName ?? '';
    if (seen.has(deviceName)) return invalidMapping(`The device '${deviceName}' is mapped more than once.`);
    seen.add(deviceName);
    if (override?.NoDevice !== undefined) {
      if (deviceName === image.rootDeviceName) {
        return invalidMapping(`The root device '${deviceName}' cannot be suppressed with NoDevice.`);
      }
      continue;
    }
    if (base?.NoDevice !== undefined || (override?.VirtualName ?? base?.VirtualName) !== undefined) continue;
    const baseEbs = base?.Ebs;
    const overrideEbs = override?.Ebs;
    if (baseEbs === undefined && overrideEbs === undefined) continue;
    const snapshotId = baseEbs?.SnapshotId ?? overrideEbs?.SnapshotId ?? null;
    if (baseEbs !== undefined && overrideEbs?.SnapshotId !== undefined && overrideEbs.SnapshotId !== baseEbs.SnapshotId) {
      return invalidMapping(`The snapshot of device '${deviceName}' is part of the AMI and cannot be replaced at launch.`);
    }
    let snapshotSize: number | null = null;
    let snapshotEncrypted = false;
    let snapshotKey: string | null = null;
    let installed: readonly string[] = [];
    if (snapshotId !== null) {
      const snapshot = ctx.tx.get('snapshot', snapshotId);
      if (snapshot === undefined || snapshot.region !== region) {
        return fail('InvalidSnapshot.NotFound', `The snapshot '${snapshotId}' does not exist.`);
      }
      snapshotSize = snapshot.volumeSize;
      snapshotEncrypted = snapshot.encrypted;
      snapshotKey = snapshot.kmsKeyId;
      installed = snapshot.installed;
    }
    const size = overrideEbs?.VolumeSize ?? baseEbs?.VolumeSize ?? snapshotSize;
    if (size === null) {
      return fail('MissingParameter', `The request must contain the parameter size or snapshotId for device '${deviceName}'`);
    }
    if (snapshotSize !== null && size < snapshotSize) {
      return invalidMapping(`Volume of size ${size}GB is smaller than snapshot '${snapshotId}', expect size >= ${snapshotSize}GB`);
    }
    const volumeType = parseVolumeType(overrideEbs?.VolumeType ?? baseEbs?.VolumeType, 'gp2');
    if (!volumeType.ok) return volumeType;
    const iops = overrideEbs?.Iops ?? baseEbs?.Iops;
    const specError = checkVolumeSpec(size, volumeType.data, iops);
    if (specError !== null) return specError;
    if (snapshotEncrypted && overrideEbs?.Encrypted === false) {
      return invalidMapping(`The snapshot '${snapshotId}' is encrypted; a volume restored from it cannot be unencrypted.`);
    }
    let kmsKeyId = snapshotKey;
    const encrypted = snapshotEncrypted || overrideEbs?.Encrypted === true || baseEbs?.Encrypted === true;
    if (overrideEbs?.KmsKeyId !== undefined) {
      if (!encrypted) return fail('InvalidParameterDependency', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
      const key = resolveKmsKeyId(overrideEbs.KmsKeyId, accountId, region);
      if (!key.ok) return key;
      kmsKeyId = key.data;
    } else if (encrypted && kmsKeyId === null) {
      kmsKeyId = defaultEbsKeyArn(accountId, region);
    }
    planned.push({
      deviceName,
      size,
      volumeType: volumeType.data,
      iops: iops ?? null,
      // Root volumes default to DeleteOnTermination true, others to false, unless the AMI or the call says otherwise.
      deleteOnTermination: overrideEbs?.DeleteOnTermination ?? baseEbs?.DeleteOnTermination ?? deviceName === image.rootDeviceName,
      encrypted,
      kmsKeyId,
      snapshotId,
      installed,
    });
  }
  if (!planned.some((volume) => volume.deviceName === image.rootDeviceName)) {
    return invalidMapping(`The AMI has no EBS root volume at '${image.rootDeviceName}'.`);
  }
  return ok(planned);
}

function vcpusInUse(ctx: CallContext): number {
  let total = 0;
  const instances = ctx.tx.world.instances;
  // Only the instances holding vCPUs (at most the quota's worth), from the index.
  for (const id of indexOf(ctx.tx.world).activeInstanceIds(ctx.account.accountId, ctx.region.RegionName)) {
    const instance = instances[id] as InstanceRecord;
    total += INSTANCE_TYPES[instance.instanceType]?.vcpus ?? 0;
  }
  return total;
}

/** Checks the image a launch names, in the order EC2 reports problems. */
function imageForLaunch(ctx: CallContext, imageId: string): ApiResult<ImageRecord> {
  const found = lookUpImage(ctx, imageId);
  if (!found.ok) return found;
  const image = found.data;
  if (!canUseImage(image, ctx.account)) return fail('AuthFailure', `Not authorized for images: [${imageId}]`);
  const state = image.lifecycle.value;
  if (state === 'deregistered') return fail('InvalidAMIID.Unavailable', `The image id '[${imageId}]' is no longer available`);
  if (state !== 'available') {
    return fail('InvalidAMIID.Unavailable', `The image id '[${imageId}]' is not available for launch: its state is '${state}'`);
  }
  return ok(image);
}

/** RunInstances: launches instances from an AMI, with one volume per EBS entry of its mapping. */
export const runInstances: Operation = (ctx, raw) => {
  const parsed = parseParams(runInstancesParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, region, account } = ctx;
  if (params.MinCount < 1) return fail('InvalidParameterValue', `Invalid value '${params.MinCount}' for MinCount. Must be at least 1.`);
  if (params.MaxCount < params.MinCount) {
    return fail('InvalidParameterValue', `Invalid value '${params.MaxCount}' for MaxCount. Must be greater than or equal to MinCount.`);
  }
  if (!isWellFormedId('image', params.ImageId)) return malformedId('image', params.ImageId);
  const instanceType = params.InstanceType ?? DEFAULT_INSTANCE_TYPE;
  const typeInfo = INSTANCE_TYPES[instanceType];
  if (typeInfo === undefined) {
    return fail('InvalidParameterValue', `The following supplied instance types do not exist: [${instanceType}]`);
  }
  const imageFound = imageForLaunch(ctx, params.ImageId);
  if (!imageFound.ok) return imageFound;
  const image = imageFound.data;

  const requestedZone = params.Placement?.AvailabilityZone;
  let zone: string;
  if (requestedZone !== undefined) {
    if (!region.AvailabilityZones.some((candidate) => candidate.ZoneName === requestedZone)) {
      return fail('InvalidParameterValue', `Invalid availability zone: [${requestedZone}]`);
    }
    if (!zoneOffersType(requestedZone, instanceType)) {
      const others = zonesOffering(region, instanceType).map((candidate) => candidate.ZoneName);
      return fail(
        'Unsupported',
        `Your requested instance type (${instanceType}) is not supported in your requested Availability Zone (${requestedZone}). ` +
          `Please retry your request by not specifying an Availability Zone or choosing ${others.join(', ')}.`,
      );
    }
    zone = requestedZone;
  } else {
    const first = zonesOffering(region, instanceType)[0];
    if (first === undefined) return fail('Unsupported', `The instance type ${instanceType} is not supported in ${region.RegionName}.`);
    zone = first.ZoneName;
  }

  if (typeInfo.architecture !== image.architecture) {
    return fail(
      'InvalidParameterValue',
      `The architecture '${typeInfo.architecture}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. ` +
        `Specify an instance type and an AMI that have matching architectures, and try again.`,
    );
  }

  const tags = tagsFromSpecifications(params.TagSpecifications, ['instance', 'volume']);
  if (!tags.ok) return tags;
  const instanceTags: Tag[] = tags.data['instance'] ?? [];
  const volumeTags: Tag[] = tags.data['volume'] ?? [];

  const pendingInstalls: string[] = [];
  if (params.UserData !== undefined) {
    const script = decodeUserData(params.UserData);
    if (!script.ok) return script;
    pendingInstalls.push(...packagesInstalledBy(script.data));
  }
  for (const tag of instanceTags) {
    if (tag.Key !== INSTALLED_TAG_KEY) continue;
    for (const name of packagesFromTag(tag.Value)) if (!pendingInstalls.includes(name)) pendingInstalls.push(name);
  }

  const plan = planVolumes(ctx, image, params.BlockDeviceMappings ?? []);
  if (!plan.ok) return plan;

  const available = STANDARD_VCPU_QUOTA - vcpusInUse(ctx);
  const count = Math.min(params.MaxCount, Math.floor(available / typeInfo.vcpus));
  if (count < params.MinCount) {
    return fail(
      'VcpuLimitExceeded',
      `You have requested more vCPU capacity than your current vCPU limit of ${STANDARD_VCPU_QUOTA} allows for the instance bucket that the specified instance type belongs to. ` +
        'Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.',
    );
  }

  const reservationId = tx.issueId('reservation');
  const now = tx.now;
  const instances: InstanceRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const instanceId = tx.issueId('instance');
    const blockDevices = plan.data.map((volume) => {
      const created = createVolumeRecord(tx, {
        ownerId: account.accountId,
        region: region.RegionName,
        availabilityZone: zone,
        size: volume.size,
        volumeType: volume.volumeType,
        iops: volume.iops,
        encrypted: volume.encrypted,
        kmsKeyId: volume.kmsKeyId,
        snapshotId: volume.snapshotId,
        installed: volume.installed,
        attachment: { instanceId, device: volume.deviceName, attachTime: now, deleteOnTermination: volume.deleteOnTermination },
        tags: volumeTags.length > 0 ? { [account.accountId]: volumeTags } : {},
      });
      return { deviceName: volume.deviceName, volumeId: created.id, deleteOnTermination: volume.deleteOnTermination, attachTime: now };
    });
    const instance: InstanceRecord = {
      id: instanceId,
      region: region.RegionName,
      ownerId: account.accountId,
      reservationId,
      imageId: image.id,
      instanceType,
      availabilityZone: zone,
      launchTime: now,
      lifecycle: INITIAL_INSTANCE_LIFECYCLE,
      architecture: image.architecture,
      platform: image.platform,
      rootDeviceName: image.rootDeviceName,
      blockDevices,
      userData: params.UserData ?? null,
      pendingInstalls,
      stateTransitionReason: '',
      terminatedAt: null,
      amiLaunchIndex: index,
      tags: instanceTags.length > 0 ? { [account.accountId]: instanceTags } : {},
    };
    tx.put('instance', instance);
    tx.setTimer(instanceId, { at: now + bootDurationMs(instance), resourceType: 'instance', event: 'instance.ready' });
    // Billing starts at `running`; pending time is free.
    tx.startMeter(instanceId, { accountId: account.accountId, region: region.RegionName, resourceType: 'instance', ratePerMonthUsd: 0 });
    instances.push(instance);
  }
  if (image.ownerId === account.accountId) tx.put('image', { ...image, lastLaunchedTime: now });
  return ok({
    ReservationId: reservationId,
    OwnerId: account.accountId,
    Groups: [],
    Instances: instances.map((instance) => instanceShape(instance, account.accountId)),
  });
};

/** Whether an instance still shows in DescribeInstances (terminated ones fade after an hour). */
function isListed(instance: InstanceRecord, now: number): boolean {
  return instance.terminatedAt === null || now - instance.terminatedAt < TERMINATED_VISIBLE_MS;
}

/** Resolves instance IDs in the call's Region: malformed and missing IDs give AWS's errors. */
export function lookUpInstances(ctx: CallContext, ids: readonly string[]): ApiResult<InstanceRecord[]> {
  const malformed = ids.find((id) => !isWellFormedId('instance', id));
  if (malformed !== undefined) return malformedId('instance', malformed);
  const found: InstanceRecord[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const instance = ctx.tx.get('instance', id);
    if (instance === undefined || instance.region !== ctx.region.RegionName || instance.ownerId !== ctx.account.accountId || !isListed(instance, ctx.tx.now)) {
      missing.push(id);
    } else if (!found.includes(instance)) found.push(instance);
  }
  if (missing.length > 0) return notFound('instance', missing);
  return ok(found);
}

const describeInstancesParams = z.strictObject({
  InstanceIds: z.optional(z.array(z.string())),
  Filters: filtersParam,
  MaxResults: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
  DryRun: dryRun,
});

const INSTANCE_FILTERS = new Set([
  'instance-id',
  'image-id',
  'instance-state-name',
  'instance-state-code',
  'instance-type',
  'availability-zone',
  'architecture',
  'platform',
  'reservation-id',
  'root-device-type',
  'root-device-name',
  'block-device-mapping.volume-id',
  'block-device-mapping.device-name',
  'tag-key',
  'tag-value',
]);

function instanceFilterValues(instance: InstanceRecord, name: string, tags: readonly Tag[]): readonly string[] {
  const tagValues = tagFilterValues(name, tags);
  if (tagValues !== undefined) return tagValues;
  switch (name) {
    case 'instance-id':
      return [instance.id];
    case 'image-id':
      return [instance.imageId];
    case 'instance-state-name':
      return [instance.lifecycle.value];
    case 'instance-state-code':
      return [String(instanceStateShape(instance.lifecycle.value).Code)];
    case 'instance-type':
      return [instance.instanceType];
    case 'availability-zone':
      return [instance.availabilityZone];
    case 'architecture':
      return [instance.architecture];
    case 'platform':
      return instance.platform === null ? [] : [instance.platform];
    case 'reservation-id':
      return [instance.reservationId];
    case 'root-device-type':
      return ['ebs'];
    case 'root-device-name':
      return [instance.rootDeviceName];
    case 'block-device-mapping.volume-id':
      return instance.blockDevices.map((device) => device.volumeId);
    case 'block-device-mapping.device-name':
      return instance.blockDevices.map((device) => device.deviceName);
    default:
      return [];
  }
}

/** DescribeInstances: the caller's instances in the Region, grouped by reservation. */
export const describeInstances: Operation = (ctx, raw) => {
  const parsed = parseParams(describeInstancesParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const filters = compileFilters(params.Filters, INSTANCE_FILTERS);
  if (!filters.ok) return filters;
  let candidates: InstanceRecord[];
  if (params.InstanceIds !== undefined && params.InstanceIds.length > 0) {
    const found = lookUpInstances(ctx, params.InstanceIds);
    if (!found.ok) return found;
    candidates = found.data;
  } else {
    candidates = [];
    const instances = ctx.tx.world.instances;
    for (const id in instances) {
      const instance = instances[id] as InstanceRecord;
      if (instance.ownerId === ctx.account.accountId && instance.region === ctx.region.RegionName && isListed(instance, ctx.tx.now)) {
        candidates.push(instance);
      }
    }
  }
  const callerId = ctx.account.accountId;
  const reservations = new Map<string, Record<string, unknown>[]>();
  for (const instance of candidates) {
    const tags = tagsFor(instance.tags, callerId);
    if (!matchesFilters(filters.data, (name) => instanceFilterValues(instance, name, tags), tags)) continue;
    const list = reservations.get(instance.reservationId) ?? [];
    list.push(instanceShape(instance, callerId));
    reservations.set(instance.reservationId, list);
  }
  return ok({
    Reservations: [...reservations].map(([ReservationId, Instances]) => ({
      ReservationId,
      OwnerId: callerId,
      Groups: [],
      Instances,
    })),
  });
};

const instanceIdsParams = z.strictObject({
  InstanceIds: z.optional(z.array(z.string())),
  DryRun: dryRun,
  Force: z.optional(z.boolean()),
});

type StateChangeOutcome = { readonly kind: 'move'; readonly event: InstanceEvent } | { readonly kind: 'unchanged' } | { readonly kind: 'refuse'; readonly error: Failure };

/** Applies a start/stop/terminate decision to each instance; all or nothing. */
function changeInstanceStates(
  ctx: CallContext,
  raw: unknown,
  decide: (instance: InstanceRecord) => StateChangeOutcome,
  resultKey: string,
  emptyListError: Failure | null,
): ApiResult {
  const parsed = parseParams(instanceIdsParams, raw);
  if (!parsed.ok) return parsed;
  const ids = parsed.data.InstanceIds;
  if (ids === undefined || ids.length === 0) {
    return emptyListError ?? (requireIds(ids, 'InstanceIds') as Failure);
  }
  const found = lookUpInstances(ctx, ids);
  if (!found.ok) return found;
  const changes: { InstanceId: string; CurrentState: unknown; PreviousState: unknown }[] = [];
  for (const instance of found.data) {
    const outcome = decide(instance);
    if (outcome.kind === 'refuse') return outcome.error;
    const previous: InstanceState = instance.lifecycle.value;
    let current: InstanceState = previous;
    if (outcome.kind === 'move') {
      const moved = moveInstance(ctx.tx, instance, outcome.event);
      if (moved === null) {
        return fail('IncorrectInstanceState', `The instance '${instance.id}' is not in a state from which it can accept ${outcome.event.type}.`);
      }
      current = moved.lifecycle.value;
    }
    changes.push({ InstanceId: instance.id, CurrentState: instanceStateShape(current), PreviousState: instanceStateShape(previous) });
  }
  return ok({ [resultKey]: changes });
}

/** StopInstances: running → stopping → stopped; instance billing stops, EBS billing goes on. */
export const stopInstances: Operation = (ctx, raw) =>
  changeInstanceStates(
    ctx,
    raw,
    (instance) => {
      switch (instance.lifecycle.value) {
        case 'running':
          return { kind: 'move', event: { type: 'instance.stop' } };
        case 'stopping':
        case 'stopped':
          return { kind: 'unchanged' };
        case 'pending':
          return {
            kind: 'refuse',
            error: fail('IncorrectInstanceState', `Instance '${instance.id}' cannot be stopped as it has never reached the 'running' state.`),
          };
        default:
          return {
            kind: 'refuse',
            error: fail('IncorrectInstanceState', `This instance '${instance.id}' is not in a state from which it can be stopped.`),
          };
      }
    },
    'StoppingInstances',
    null,
  );

/** StartInstances: stopped → pending → running. */
export const startInstances: Operation = (ctx, raw) =>
  changeInstanceStates(
    ctx,
    raw,
    (instance) => {
      switch (instance.lifecycle.value) {
        case 'stopped':
          if (!instance.blockDevices.some((device) => device.deviceName === instance.rootDeviceName)) {
            return {
              kind: 'refuse',
              error: fail('IncorrectInstanceState', `The instance '${instance.id}' has no root volume attached at '${instance.rootDeviceName}'.`),
            };
          }
          return { kind: 'move', event: { type: 'instance.start' } };
        case 'pending':
        case 'running':
          return { kind: 'unchanged' };
        default:
          return {
            kind: 'refuse',
            error: fail('IncorrectInstanceState', `The instance '${instance.id}' is not in a state from which it can be started.`),
          };
      }
    },
    'StartingInstances',
    null,
  );

/** TerminateInstances: → shutting-down → terminated; root volumes go with DeleteOnTermination. */
export const terminateInstances: Operation = (ctx, raw) =>
  changeInstanceStates(
    ctx,
    raw,
    (instance) =>
      instance.lifecycle.value === 'shutting-down' || instance.lifecycle.value === 'terminated' ? { kind: 'unchanged' } : { kind: 'move', event: { type: 'instance.terminate' } },
    'TerminatingInstances',
    fail('InvalidParameterCombination', 'No instances specified'),
  );

/** RebootInstances: a running instance restarts and stays `running`. */
export const rebootInstances: Operation = (ctx, raw) => {
  const parsed = parseParams(instanceIdsParams, raw);
  if (!parsed.ok) return parsed;
  const missing = requireIds(parsed.data.InstanceIds, 'InstanceIds');
  if (missing !== null) return missing;
  const found = lookUpInstances(ctx, parsed.data.InstanceIds ?? []);
  if (!found.ok) return found;
  for (const instance of found.data) {
    if (instance.lifecycle.value !== 'running') {
      return fail('IncorrectInstanceState', `The instance '${instance.id}' is not in a state from which it can be rebooted.`);
    }
  }
  for (const instance of found.data) moveInstance(ctx.tx, instance, { type: 'instance.reboot' });
  return ok({});
};
