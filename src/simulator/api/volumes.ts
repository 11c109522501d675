/** CreateVolume, AttachVolume, DetachVolume, DeleteVolume, DescribeVolumes. */
import * as z from '../model/zod.ts';
import { type ApiResult, fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import { deleteVolume, moveVolume } from '../model/resources.ts';
import type { Tag, VolumeRecord } from '../model/world-schema.ts';
import { type CallContext, compileFilters, initialTags, lookUpSnapshot, matchesFilters, type Operation, tagFilterValues, tagsFor, tagsFromSpecifications } from './context.ts';
import { checkVolumeSpec, createVolumeRecord, defaultEbsKeyArn, parseVolumeType, resolveKmsKeyId } from './ebs.ts';
import { lookUpInstances } from './instances.ts';
import { dryRun, filtersParam, parseParams, tagSpecificationsParam } from './params.ts';
import { volumeShape } from './shapes.ts';

/** Resolves volume IDs of the caller in the call's Region. */
function lookUpVolumes(ctx: CallContext, ids: readonly string[]): ApiResult<VolumeRecord[]> {
  const malformed = ids.find((id) => !isWellFormedId('volume', id));
  if (malformed !== undefined) return malformedId('volume', malformed);
  const found: VolumeRecord[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const volume = ctx.tx.get('volume', id);
    if (volume === undefined || volume.region !== ctx.region.RegionName || volume.ownerId !== ctx.account.accountId) missing.push(id);
    else if (!found.includes(volume)) found.push(volume);
  }
  if (missing.length > 0) return notFound('volume', missing);
  return ok(found);
}

function lookUpVolume(ctx: CallContext, id: string): ApiResult<VolumeRecord> {
  const found = lookUpVolumes(ctx, [id]);
  if (!found.ok) return found;
  const volume = found.data[0];
  return volume === undefined ? notFound('volume', [id]) : ok(volume);
}

const createVolumeParams = z.strictObject({
  AvailabilityZone: z.string(),
  Size: z.optional(z.number().check(z.int())),
  SnapshotId: z.optional(z.string()),
  VolumeType: z.optional(z.string()),
  Iops: z.optional(z.number().check(z.int(), z.positive())),
  Throughput: z.optional(z.number().check(z.int(), z.positive())),
  Encrypted: z.optional(z.boolean()),
  KmsKeyId: z.optional(z.string()),
  TagSpecifications: tagSpecificationsParam,
  ClientToken: z.optional(z.string()),
  DryRun: dryRun,
});

/** CreateVolume: a blank volume, or one restored from a snapshot, in one Availability Zone. */
export const createVolume: Operation = (ctx, raw) => {
  const parsed = parseParams(createVolumeParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { account, region } = ctx;
  if (!region.AvailabilityZones.some((zone) => zone.ZoneName === params.AvailabilityZone)) {
    return fail('InvalidZone.NotFound', `The zone '${params.AvailabilityZone}' does not exist.`);
  }
  if (params.Size === undefined && params.SnapshotId === undefined) {
    return fail('MissingParameter', 'The request must contain the parameter size or snapshotId');
  }
  let size = params.Size;
  let encrypted = params.Encrypted === true;
  let kmsKeyId: string | null = null;
  let installed: readonly string[] = [];
  if (params.SnapshotId !== undefined) {
    const snapshot = lookUpSnapshot(ctx, params.SnapshotId);
    if (!snapshot.ok) return snapshot;
    if (snapshot.data.lifecycle.value !== 'completed') {
      return fail('IncorrectState', `Snapshot '${snapshot.data.id}' is not in state 'completed'.`);
    }
    if (size !== undefined && size < snapshot.data.volumeSize) {
      return fail('InvalidParameterValue', `Volume of size ${size}GB is smaller than snapshot '${snapshot.data.id}', expect size >= ${snapshot.data.volumeSize}GB`);
    }
    size ??= snapshot.data.volumeSize;
    if (snapshot.data.encrypted) {
      encrypted = true;
      kmsKeyId = snapshot.data.ownerId === account.accountId ? snapshot.data.kmsKeyId : null;
    }
    installed = snapshot.data.installed;
  }
  const volumeType = parseVolumeType(params.VolumeType, 'gp2');
  if (!volumeType.ok) return volumeType;
  const specError = checkVolumeSpec(size ?? 0, volumeType.data, params.Iops);
  if (specError !== null) return specError;
  if (params.KmsKeyId !== undefined) {
    if (!encrypted) return fail('InvalidParameterDependency', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
    const key = resolveKmsKeyId(params.KmsKeyId, account.accountId, region.RegionName);
    if (!key.ok) return key;
    kmsKeyId = key.data;
  }
  if (encrypted && kmsKeyId === null) kmsKeyId = defaultEbsKeyArn(account.accountId, region.RegionName);
  const tags = tagsFromSpecifications(params.TagSpecifications, ['volume']);
  if (!tags.ok) return tags;
  const volume = createVolumeRecord(ctx.tx, {
    ownerId: account.accountId,
    region: region.RegionName,
    availabilityZone: params.AvailabilityZone,
    size: size ?? 0,
    volumeType: volumeType.data,
    iops: params.Iops ?? null,
    encrypted,
    kmsKeyId,
    snapshotId: params.SnapshotId ?? null,
    installed,
    attachment: null,
    tags: initialTags(account.accountId, tags.data['volume']),
  });
  return ok(volumeShape(volume, account.accountId));
};

const DEVICE_NAME = /^\/dev\/(?:sd[a-z]\d{0,2}|xvd[a-z]{1,2}\d{0,2}|hd[a-z]\d{0,2})$/;

const attachVolumeParams = z.strictObject({
  Device: z.string(),
  InstanceId: z.string(),
  VolumeId: z.string(),
  DryRun: dryRun,
});

/** AttachVolume: an available volume to an instance in the same Availability Zone. */
export const attachVolume: Operation = (ctx, raw) => {
  const parsed = parseParams(attachVolumeParams, raw);
  if (!parsed.ok) return parsed;
  const { Device, InstanceId, VolumeId } = parsed.data;
  const volumeFound = lookUpVolume(ctx, VolumeId);
  if (!volumeFound.ok) return volumeFound;
  const instances = lookUpInstances(ctx, [InstanceId]);
  if (!instances.ok) return instances;
  const volume = volumeFound.data;
  const instance = instances.data[0];
  if (instance === undefined) return notFound('instance', [InstanceId]);
  if (!DEVICE_NAME.test(Device)) {
    return fail('InvalidParameterValue', `Value (${Device}) for parameter device is invalid. ${Device} is not a valid EBS device name.`);
  }
  if (volume.attachment !== null) return fail('VolumeInUse', `${volume.id} is already attached to an instance`);
  if (volume.lifecycle.value !== 'available') {
    return fail('IncorrectState', `${volume.id} is not 'available'.`);
  }
  if (instance.lifecycle.value !== 'running' && instance.lifecycle.value !== 'stopped') {
    return fail('IncorrectInstanceState', `Instance '${instance.id}' is not 'running' or 'stopped'.`);
  }
  if (volume.availabilityZone !== instance.availabilityZone) {
    return fail('InvalidVolume.ZoneMismatch', `The volume '${volume.id}' is not in the same availability zone as instance '${instance.id}'`);
  }
  if (instance.blockDevices.some((device) => device.deviceName === Device)) {
    return fail('InvalidParameterValue', `Invalid value '${Device}' for unixDevice. Attachment point ${Device} is already in use`);
  }
  const now = ctx.tx.now;
  const attachment = { instanceId: instance.id, device: Device, attachTime: now, deleteOnTermination: false };
  moveVolume(ctx.tx, { ...volume, attachment }, { type: 'volume.attach' });
  ctx.tx.put('instance', {
    ...instance,
    blockDevices: [...instance.blockDevices, { deviceName: Device, volumeId: volume.id, deleteOnTermination: false, attachTime: now }],
  });
  return ok({ AttachTime: new Date(now), Device, InstanceId: instance.id, State: 'attaching', VolumeId: volume.id, DeleteOnTermination: false });
};

const detachVolumeParams = z.strictObject({
  VolumeId: z.string(),
  InstanceId: z.optional(z.string()),
  Device: z.optional(z.string()),
  Force: z.optional(z.boolean()),
  DryRun: dryRun,
});

/** DetachVolume: not the root volume of an instance that is not stopped. */
export const detachVolume: Operation = (ctx, raw) => {
  const parsed = parseParams(detachVolumeParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpVolume(ctx, parsed.data.VolumeId);
  if (!found.ok) return found;
  const volume = found.data;
  const attachment = volume.attachment;
  if (attachment === null) return fail('IncorrectState', `Volume '${volume.id}' is in the '${volume.lifecycle.value}' state.`);
  if (parsed.data.InstanceId !== undefined && parsed.data.InstanceId !== attachment.instanceId) {
    return fail('InvalidAttachment.NotFound', `The volume '${volume.id}' is not attached to instance '${parsed.data.InstanceId}'`);
  }
  if (parsed.data.Device !== undefined && parsed.data.Device !== attachment.device) {
    return fail('InvalidAttachment.NotFound', `The volume '${volume.id}' is not attached at '${parsed.data.Device}'`);
  }
  const instance = ctx.tx.get('instance', attachment.instanceId);
  if (instance !== undefined && instance.rootDeviceName === attachment.device && instance.lifecycle.value !== 'stopped') {
    return fail('OperationNotPermitted', `Unable to detach root volume '${volume.id}' from instance '${instance.id}'`);
  }
  const moved = moveVolume(ctx.tx, { ...volume, attachment: null }, { type: 'volume.detach' });
  if (moved === null) return fail('IncorrectState', `Volume '${volume.id}' is in the '${volume.lifecycle.value}' state.`);
  if (instance !== undefined) {
    ctx.tx.put('instance', { ...instance, blockDevices: instance.blockDevices.filter((device) => device.volumeId !== volume.id) });
  }
  return ok({
    AttachTime: new Date(attachment.attachTime),
    Device: attachment.device,
    InstanceId: attachment.instanceId,
    State: 'detaching',
    VolumeId: volume.id,
    DeleteOnTermination: attachment.deleteOnTermination,
  });
};

const deleteVolumeParams = z.strictObject({ VolumeId: z.string(), DryRun: dryRun });

/** DeleteVolume: only a volume that is not attached. */
export const deleteVolumeOperation: Operation = (ctx, raw) => {
  const parsed = parseParams(deleteVolumeParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpVolume(ctx, parsed.data.VolumeId);
  if (!found.ok) return found;
  const volume = found.data;
  if (volume.attachment !== null) {
    return fail('VolumeInUse', `Volume ${volume.id} is currently attached to ${volume.attachment.instanceId}`);
  }
  if (volume.lifecycle.value !== 'available') {
    return fail('IncorrectState', `The volume '${volume.id}' is '${volume.lifecycle.value}' and cannot be deleted yet.`);
  }
  deleteVolume(ctx.tx, volume);
  return ok({});
};

const describeVolumesParams = z.strictObject({
  VolumeIds: z.optional(z.array(z.string())),
  Filters: filtersParam,
  MaxResults: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
  DryRun: dryRun,
});

const VOLUME_FILTERS = new Set([
  'volume-id',
  'status',
  'availability-zone',
  'attachment.instance-id',
  'attachment.device',
  'attachment.status',
  'attachment.delete-on-termination',
  'snapshot-id',
  'size',
  'volume-type',
  'encrypted',
  'tag-key',
  'tag-value',
]);

function volumeFilterValues(volume: VolumeRecord, name: string, tags: readonly Tag[]): readonly string[] {
  const tagValues = tagFilterValues(name, tags);
  if (tagValues !== undefined) return tagValues;
  const attachment = volume.attachment;
  switch (name) {
    case 'volume-id':
      return [volume.id];
    case 'status':
      return [volume.lifecycle.value];
    case 'availability-zone':
      return [volume.availabilityZone];
    case 'attachment.instance-id':
      return attachment === null ? [] : [attachment.instanceId];
    case 'attachment.device':
      return attachment === null ? [] : [attachment.device];
    case 'attachment.status':
      return attachment === null ? [] : ['attached'];
    case 'attachment.delete-on-termination':
      return attachment === null ? [] : [String(attachment.deleteOnTermination)];
    case 'snapshot-id':
      return volume.snapshotId === null ? [] : [volume.snapshotId];
    case 'size':
      return [String(volume.size)];
    case 'volume-type':
      return [volume.volumeType];
    case 'encrypted':
      return [String(volume.encrypted)];
    default:
      return [];
  }
}

/** DescribeVolumes: the caller's volumes in the Region. */
export const describeVolumes: Operation = (ctx, raw) => {
  const parsed = parseParams(describeVolumesParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const filters = compileFilters(params.Filters, VOLUME_FILTERS);
  if (!filters.ok) return filters;
  let candidates: VolumeRecord[];
  if (params.VolumeIds !== undefined && params.VolumeIds.length > 0) {
    const found = lookUpVolumes(ctx, params.VolumeIds);
    if (!found.ok) return found;
    candidates = found.data;
  } else {
    candidates = [];
    const volumes = ctx.tx.world.volumes;
    for (const id in volumes) {
      const volume = volumes[id] as VolumeRecord;
      if (volume.ownerId === ctx.account.accountId && volume.region === ctx.region.RegionName) candidates.push(volume);
    }
  }
  const callerId = ctx.account.accountId;
  const Volumes = candidates
    .filter((volume) => {
      const tags = tagsFor(volume.tags, callerId);
      return matchesFilters(filters.data, (name) => volumeFilterValues(volume, name, tags), tags);
    })
    .map((volume) => volumeShape(volume, callerId));
  return ok({ Volumes });
};
