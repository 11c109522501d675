/** CreateImage, RegisterImage, CopyImage, DescribeImages and DeregisterImage. */
import * as z from '../model/zod.ts';
import { type AccountInfo, ACCOUNT_ID_PATTERN } from '../model/accounts.ts';
import { type Failure, fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import { indexOf } from '../model/world-index.ts';
import { findRegion } from '../model/regions.ts';
import { IMAGE_REGISTRATION_MS, snapshotCopyDurationMs, snapshotDurationMs } from '../model/durations.ts';
import { deleteSnapshot, moveImage, moveInstance, snapshotIdsOf } from '../model/resources.ts';
import { retainImage, retainSnapshot } from '../model/recycle-bin.ts';
import { INITIAL_IMAGE_LIFECYCLE } from '../machines/lifecycle.ts';
import type { BlockDeviceMapping, ImageRecord, SnapshotRecord, Tag } from '../model/world-schema.ts';
import { canSeeSnapshot, canUseImage, isDeprecated, isPublic, isRecentlyDeregistered, isSharedWith } from '../model/visibility.ts';
import {
  type CallContext,
  compileFilters,
  initialTags,
  lookUpImage,
  lookUpOwnImage,
  matchesFilters,
  type Operation,
  tagFilterValues,
  tagsFor,
  tagsFromSpecifications,
} from './context.ts';
import { copyEncryption, createSnapshotRecord, parseVolumeType, requestedCopyKey } from './ebs.ts';
import { lookUpInstances } from './instances.ts';
import { blockDeviceMappingParam, dryRun, filtersParam, parseParams, tagSpecificationsParam } from './params.ts';
import { imageShape } from './shapes.ts';

const AMI_NAME = /^[A-Za-z0-9()[\]. /\-'@_]{3,128}$/;
const MAX_DESCRIPTION = 255;

/** Checks an AMI name: AWS's format rule, then uniqueness per account and Region. */
function checkImageName(ctx: CallContext, name: string): Failure | null {
  if (!AMI_NAME.test(name)) {
    return fail('InvalidAMIName.Malformed', "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
  }
  // By index, not by walking every image (issue 13: lookups AWS answers by name do not scan).
  const holder = indexOf(ctx.tx.world).imageNamed(ctx.account.accountId, ctx.region.RegionName, name);
  if (holder !== undefined) return fail('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${holder}`);
  return null;
}

function checkDescription(description: string | undefined): Failure | null {
  if (description !== undefined && description.length > MAX_DESCRIPTION) {
    return fail('InvalidParameterValue', `Description exceeds the maximum length of ${MAX_DESCRIPTION} characters.`);
  }
  return null;
}

/** Schedules an image to become available once its last snapshot has completed. */
function scheduleImageReady(ctx: CallContext, imageId: string, snapshots: readonly SnapshotRecord[]): void {
  const lastSnapshot = snapshots.reduce((latest, snapshot) => Math.max(latest, snapshot.completesAt), ctx.tx.now);
  ctx.tx.setTimer(imageId, { at: lastSnapshot + IMAGE_REGISTRATION_MS, resourceType: 'image', event: 'image.ready' });
}

/** Marks snapshots as used by a new image (so DeleteSnapshot answers InvalidSnapshot.InUse). */
function holdSnapshots(ctx: CallContext, imageId: string, snapshotIds: readonly string[]): void {
  for (const id of snapshotIds) {
    const snapshot = ctx.tx.get('snapshot', id);
    if (snapshot !== undefined && !snapshot.usedByImageIds.includes(imageId)) {
      ctx.tx.put('snapshot', { ...snapshot, usedByImageIds: [...snapshot.usedByImageIds, imageId] });
    }
  }
}

function newImageRecord(
  ctx: CallContext,
  fields: Pick<
    ImageRecord,
    | 'id'
    | 'name'
    | 'architecture'
    | 'platform'
    | 'rootDeviceName'
    | 'blockDeviceMappings'
    | 'sourceInstanceId'
    | 'sourceImageId'
    | 'sourceImageRegion'
    | 'imdsSupport'
    | 'bootMode'
    | 'installed'
    | 'tags'
  > & { description: string | undefined },
): ImageRecord {
  return {
    ...fields,
    description: fields.description ?? null,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    ownerAlias: null,
    creationDate: ctx.tx.now,
    lifecycle: INITIAL_IMAGE_LIFECYCLE,
    launchPermissions: [],
    deprecationTime: null,
    deregistrationProtection: 'disabled',
    protectionCooldownUntil: null,
    deregisteredAt: null,
    lastLaunchedTime: null,
  };
}

const createImageParams = z.strictObject({
  InstanceId: z.string(),
  Name: z.string(),
  Description: z.optional(z.string()),
  NoReboot: z.optional(z.boolean()),
  BlockDeviceMappings: z.optional(z.array(blockDeviceMappingParam)),
  TagSpecifications: tagSpecificationsParam,
  DryRun: dryRun,
});

/**
 * CreateImage: one new snapshot per EBS volume attached to the instance; the new AMI's block
 * device mapping names them. The instance reboots unless NoReboot.
 */
export const createImage: Operation = (ctx, raw) => {
  const parsed = parseParams(createImageParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account, region } = ctx;
  const found = lookUpInstances(ctx, [params.InstanceId]);
  if (!found.ok) return found;
  const instance = found.data[0];
  if (instance === undefined) return notFound('instance', [params.InstanceId]);
  const state = instance.lifecycle.value;
  if (state !== 'running' && state !== 'stopping' && state !== 'stopped') {
    return fail('InvalidParameterValue', `Invalid value '${instance.id}' for instanceId. Instance is not in state 'running' or 'stopping' or 'stopped'`);
  }
  if (!instance.blockDevices.some((device) => device.deviceName === instance.rootDeviceName)) {
    return fail('InvalidParameterValue', `Instance '${instance.id}' has no root volume attached at '${instance.rootDeviceName}'.`);
  }
  const nameError = checkImageName(ctx, params.Name) ?? checkDescription(params.Description);
  if (nameError !== null) return nameError;
  const tags = tagsFromSpecifications(params.TagSpecifications, ['image', 'snapshot']);
  if (!tags.ok) return tags;

  const overrides = new Map((params.BlockDeviceMappings ?? []).map((mapping) => [mapping.DeviceName, mapping]));
  for (const override of overrides.values()) {
    const device = instance.blockDevices.find((candidate) => candidate.deviceName === override.DeviceName);
    if (device === undefined) {
      if (override.Ebs !== undefined && override.Ebs.SnapshotId === undefined && override.Ebs.VolumeSize === undefined) {
        return fail('InvalidBlockDeviceMapping', `A new EBS volume at '${override.DeviceName}' needs a VolumeSize or a SnapshotId.`);
      }
      continue;
    }
    if (override.NoDevice !== undefined && device.deviceName === instance.rootDeviceName) {
      return fail('InvalidBlockDeviceMapping', `The root device '${device.deviceName}' cannot be excluded from the image.`);
    }
    const volume = tx.get('volume', device.volumeId);
    const ebs = override.Ebs;
    if (volume === undefined || ebs === undefined) continue;
    if (ebs.VolumeSize !== undefined && ebs.VolumeSize !== volume.size) {
      return fail('InvalidBlockDeviceMapping', `The size of the existing volume at '${device.deviceName}' cannot be changed by CreateImage; modify the instance's volume first.`);
    }
    if (ebs.Encrypted !== undefined && ebs.Encrypted !== volume.encrypted) {
      return fail('InvalidBlockDeviceMapping', `The encryption of the existing volume at '${device.deviceName}' cannot be changed by CreateImage.`);
    }
    if (ebs.SnapshotId !== undefined || ebs.VolumeType !== undefined || ebs.KmsKeyId !== undefined) {
      return fail('InvalidBlockDeviceMapping', `Only DeleteOnTermination can be changed for the existing volume at '${device.deviceName}'.`);
    }
  }

  const imageId = tx.issueId('image');
  const snapshotTags = tags.data['snapshot'] ?? [];
  const snapshots: SnapshotRecord[] = [];
  const mappings: BlockDeviceMapping[] = [];
  let installed: readonly string[] = [];
  for (const device of instance.blockDevices) {
    const override = overrides.get(device.deviceName);
    if (override?.NoDevice !== undefined) continue;
    const volume = tx.get('volume', device.volumeId);
    if (volume === undefined) continue;
    const snapshot = createSnapshotRecord(tx, {
      ownerId: account.accountId,
      region: region.RegionName,
      volumeId: volume.id,
      volumeSize: volume.size,
      encrypted: volume.encrypted,
      kmsKeyId: volume.kmsKeyId,
      description: `Created by CreateImage(${instance.id}) for ${imageId}`,
      durationMs: snapshotDurationMs(volume.size),
      installed: volume.installed,
      createdForImageId: imageId,
      sourceSnapshotId: null,
      sourceRegion: null,
      tags: initialTags(account.accountId, snapshotTags),
    });
    snapshots.push(snapshot);
    if (device.deviceName === instance.rootDeviceName) installed = volume.installed;
    mappings.push({
      DeviceName: device.deviceName,
      Ebs: {
        DeleteOnTermination: override?.Ebs?.DeleteOnTermination ?? device.deleteOnTermination,
        SnapshotId: snapshot.id,
        VolumeSize: volume.size,
        VolumeType: volume.volumeType,
        Encrypted: volume.encrypted,
        ...(volume.kmsKeyId === null ? {} : { KmsKeyId: volume.kmsKeyId }),
        ...(volume.iops === null ? {} : { Iops: volume.iops }),
      },
    });
  }
  for (const override of overrides.values()) {
    if (instance.blockDevices.some((device) => device.deviceName === override.DeviceName)) continue;
    if (override.NoDevice !== undefined) continue;
    const volumeType = parseVolumeType(override.Ebs?.VolumeType, 'gp2');
    if (!volumeType.ok) return volumeType;
    mappings.push(
      override.Ebs === undefined
        ? { DeviceName: override.DeviceName, ...(override.VirtualName === undefined ? {} : { VirtualName: override.VirtualName }) }
        : {
            DeviceName: override.DeviceName,
            Ebs: {
              DeleteOnTermination: override.Ebs.DeleteOnTermination ?? false,
              VolumeType: volumeType.data,
              Encrypted: override.Ebs.Encrypted ?? false,
              ...(override.Ebs.VolumeSize === undefined ? {} : { VolumeSize: override.Ebs.VolumeSize }),
              ...(override.Ebs.SnapshotId === undefined ? {} : { SnapshotId: override.Ebs.SnapshotId }),
            },
          },
    );
  }
  const sourceImage = tx.get('image', instance.imageId);
  tx.put(
    'image',
    newImageRecord(ctx, {
      id: imageId,
      name: params.Name,
      description: params.Description,
      architecture: instance.architecture,
      platform: instance.platform,
      rootDeviceName: instance.rootDeviceName,
      blockDeviceMappings: mappings,
      sourceInstanceId: instance.id,
      sourceImageId: null,
      sourceImageRegion: null,
      imdsSupport: null,
      bootMode: sourceImage?.bootMode ?? null,
      installed,
      tags: initialTags(account.accountId, tags.data['image']),
    }),
  );
  scheduleImageReady(ctx, imageId, snapshots);
  // Without NoReboot, EC2 shuts the instance down and restarts it for a consistent file system
  // (AWS: "Amazon EC2 powers down the instance before creating the AMI … then reboots"): it goes
  // stopping → pending → running on the clock (machines/instance.machine.ts).
  if (params.NoReboot !== true && state === 'running') moveInstance(tx, instance, { type: 'instance.image-reboot' });
  return ok({ ImageId: imageId });
};

const registerImageParams = z.strictObject({
  Name: z.string(),
  Description: z.optional(z.string()),
  Architecture: z.optional(z.enum(['x86_64', 'arm64'])),
  RootDeviceName: z.optional(z.string()),
  BlockDeviceMappings: z.optional(z.array(blockDeviceMappingParam)),
  VirtualizationType: z.optional(z.string()),
  BootMode: z.optional(z.enum(['legacy-bios', 'uefi', 'uefi-preferred'])),
  EnaSupport: z.optional(z.boolean()),
  SriovNetSupport: z.optional(z.literal('simple')),
  ImdsSupport: z.optional(z.literal('v2.0')),
  ImageLocation: z.optional(z.string()),
  TagSpecifications: tagSpecificationsParam,
  DryRun: dryRun,
});

/** RegisterImage: an EBS-backed AMI from existing snapshots (the root entry names its snapshot). */
export const registerImage: Operation = (ctx, raw) => {
  const parsed = parseParams(registerImageParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account } = ctx;
  if (params.ImageLocation !== undefined) {
    return fail('UnsupportedOperation', 'Instance store-backed AMIs (ImageLocation) are not modelled by this lab; register an EBS-backed AMI from a snapshot.');
  }
  if (params.VirtualizationType !== undefined && params.VirtualizationType !== 'hvm') {
    return fail('InvalidParameterValue', `Invalid value '${params.VirtualizationType}' for VirtualizationType. This lab supports hvm only.`);
  }
  const nameError = checkImageName(ctx, params.Name) ?? checkDescription(params.Description);
  if (nameError !== null) return nameError;
  if (params.RootDeviceName === undefined) return fail('MissingParameter', 'The request must contain the parameter RootDeviceName');
  const entries = params.BlockDeviceMappings ?? [];
  const root = entries.find((entry) => entry.DeviceName === params.RootDeviceName);
  if (root?.Ebs?.SnapshotId === undefined) {
    return fail('InvalidBlockDeviceMapping', `The block device mapping must give an EBS snapshot for the root device '${params.RootDeviceName}'.`);
  }
  const tags = tagsFromSpecifications(params.TagSpecifications, ['image']);
  if (!tags.ok) return tags;
  const mappings: BlockDeviceMapping[] = [];
  const snapshots: SnapshotRecord[] = [];
  for (const entry of entries) {
    if (entry.NoDevice !== undefined) continue;
    if (entry.Ebs === undefined) {
      mappings.push({ DeviceName: entry.DeviceName, ...(entry.VirtualName === undefined ? {} : { VirtualName: entry.VirtualName }) });
      continue;
    }
    const volumeType = parseVolumeType(entry.Ebs.VolumeType, 'gp2');
    if (!volumeType.ok) return volumeType;
    let size = entry.Ebs.VolumeSize;
    let encrypted = false;
    let kmsKeyId: string | undefined;
    if (entry.Ebs.SnapshotId !== undefined) {
      const snapshotId = entry.Ebs.SnapshotId;
      if (!isWellFormedId('snapshot', snapshotId)) return malformedId('snapshot', snapshotId);
      const snapshot = tx.get('snapshot', snapshotId);
      if (snapshot === undefined || snapshot.region !== ctx.region.RegionName || !canSeeSnapshot(snapshot, account)) {
        return notFound('snapshot', [snapshotId]);
      }
      if (snapshot.lifecycle.value === 'error') {
        return fail('IncorrectState', `Snapshot '${snapshotId}' is in state 'error' and cannot be registered.`);
      }
      if (size !== undefined && size < snapshot.volumeSize) {
        return fail('InvalidBlockDeviceMapping', `Volume of size ${size}GB is smaller than snapshot '${snapshotId}', expect size >= ${snapshot.volumeSize}GB`);
      }
      // Encryption comes from the snapshot; the mapping cannot change it.
      if (entry.Ebs.Encrypted !== undefined && entry.Ebs.Encrypted !== snapshot.encrypted) {
        return fail('InvalidBlockDeviceMapping', `The encryption of snapshot '${snapshotId}' cannot be changed by RegisterImage.`);
      }
      size ??= snapshot.volumeSize;
      encrypted = snapshot.encrypted;
      kmsKeyId = snapshot.kmsKeyId ?? undefined;
      snapshots.push(snapshot);
    } else if (size === undefined) {
      return fail('InvalidBlockDeviceMapping', `A new EBS volume at '${entry.DeviceName}' needs a VolumeSize or a SnapshotId.`);
    }
    mappings.push({
      DeviceName: entry.DeviceName,
      Ebs: {
        DeleteOnTermination: entry.Ebs.DeleteOnTermination ?? entry.DeviceName === params.RootDeviceName,
        ...(entry.Ebs.SnapshotId === undefined ? {} : { SnapshotId: entry.Ebs.SnapshotId }),
        VolumeSize: size,
        VolumeType: volumeType.data,
        Encrypted: encrypted,
        ...(kmsKeyId === undefined ? {} : { KmsKeyId: kmsKeyId }),
        ...(entry.Ebs.Iops === undefined ? {} : { Iops: entry.Ebs.Iops }),
      },
    });
  }
  const imageId = tx.issueId('image');
  const rootSnapshot = snapshots.find((snapshot) => snapshot.id === root.Ebs?.SnapshotId);
  tx.put(
    'image',
    newImageRecord(ctx, {
      id: imageId,
      name: params.Name,
      description: params.Description,
      // AWS defaults EBS-backed registrations to i386, which the lab does not model; see README.
      architecture: params.Architecture ?? 'x86_64',
      platform: null,
      rootDeviceName: params.RootDeviceName,
      blockDeviceMappings: mappings,
      sourceInstanceId: null,
      sourceImageId: null,
      sourceImageRegion: null,
      imdsSupport: params.ImdsSupport ?? null,
      bootMode: params.BootMode ?? null,
      installed: rootSnapshot?.installed ?? [],
      tags: initialTags(account.accountId, tags.data['image']),
    }),
  );
  holdSnapshots(
    ctx,
    imageId,
    snapshots.map((snapshot) => snapshot.id),
  );
  scheduleImageReady(ctx, imageId, snapshots);
  return ok({ ImageId: imageId });
};

const copyImageParams = z.strictObject({
  SourceRegion: z.string(),
  SourceImageId: z.string(),
  Name: z.string(),
  Description: z.optional(z.string()),
  Encrypted: z.optional(z.boolean()),
  KmsKeyId: z.optional(z.string()),
  ClientToken: z.optional(z.string()),
  CopyImageTags: z.optional(z.boolean()),
  TagSpecifications: tagSpecificationsParam,
  DryRun: dryRun,
});

/**
 * CopyImage, sent to the destination Region: a new AMI with a new ID and new snapshots there,
 * owned by the caller, without the source's launch permissions.
 */
export const copyImage: Operation = (ctx, raw) => {
  const parsed = parseParams(copyImageParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account, region } = ctx;
  const sourceRegion = findRegion(params.SourceRegion);
  if (sourceRegion === undefined) return fail('InvalidRegion', `Invalid region: ${params.SourceRegion}`);
  if (!isWellFormedId('image', params.SourceImageId)) return malformedId('image', params.SourceImageId);
  const source = lookUpImage({ ...ctx, region: sourceRegion }, params.SourceImageId);
  if (!source.ok) return source;
  const image = source.data;
  if (!canUseImage(image, account)) return fail('AuthFailure', `Not authorized for images: [${image.id}]`);
  if (image.lifecycle.value === 'deregistered') {
    return fail('InvalidAMIID.Unavailable', `The image id '[${image.id}]' is no longer available`);
  }
  if (image.lifecycle.value !== 'available') {
    return fail('InvalidAMIID.Unavailable', `The image id '[${image.id}]' cannot be copied: its state is '${image.lifecycle.value}'`);
  }
  const nameError = checkImageName(ctx, params.Name) ?? checkDescription(params.Description);
  if (nameError !== null) return nameError;
  const targetKey = requestedCopyKey(params, account.accountId, region.RegionName);
  if (!targetKey.ok) return targetKey;
  const tags = tagsFromSpecifications(params.TagSpecifications, ['image', 'snapshot']);
  if (!tags.ok) return tags;
  const sourceSnapshots: SnapshotRecord[] = [];
  for (const snapshotId of snapshotIdsOf(image)) {
    const snapshot = tx.get('snapshot', snapshotId);
    // Launching a shared AMI reads its snapshots implicitly; copying needs explicit access to them.
    if (snapshot === undefined || !canSeeSnapshot(snapshot, account)) {
      return fail('AuthFailure', 'You do not have permission to access the storage of this ami');
    }
    sourceSnapshots.push(snapshot);
  }

  const imageId = tx.issueId('image');
  const crossRegion = sourceRegion.RegionName !== region.RegionName;
  const copies = new Map<string, SnapshotRecord>();
  for (const snapshot of sourceSnapshots) {
    const { encrypted, kmsKeyId } = copyEncryption(snapshot, targetKey.data, account.accountId, region.RegionName);
    const snapshotIdCopy = tx.issueId('snapshot');
    copies.set(
      snapshot.id,
      createSnapshotRecord(
        tx,
        {
          ownerId: account.accountId,
          region: region.RegionName,
          volumeId: 'vol-ffffffff',
          volumeSize: snapshot.volumeSize,
          encrypted,
          kmsKeyId,
          description: `Copied for DestinationAmi ${imageId} from SourceAmi ${image.id} for SourceSnapshot ${snapshot.id}. Task created on ${new Date(tx.now).toISOString()}.`,
          durationMs: snapshotCopyDurationMs(snapshot.volumeSize, crossRegion),
          installed: snapshot.installed,
          createdForImageId: imageId,
          sourceSnapshotId: snapshot.id,
          sourceRegion: sourceRegion.RegionName,
          tags: initialTags(account.accountId, tags.data['snapshot']),
        },
        snapshotIdCopy,
      ),
    );
  }
  const mappings = image.blockDeviceMappings.map((mapping): BlockDeviceMapping => {
    const copy = mapping.Ebs?.SnapshotId === undefined ? undefined : copies.get(mapping.Ebs.SnapshotId);
    if (mapping.Ebs === undefined || copy === undefined) return mapping;
    const { KmsKeyId: _sourceKey, ...ebs } = mapping.Ebs;
    return {
      ...mapping,
      Ebs: {
        ...ebs,
        SnapshotId: copy.id,
        Encrypted: copy.encrypted,
        ...(copy.kmsKeyId === null ? {} : { KmsKeyId: copy.kmsKeyId }),
      },
    };
  });
  const copiedTags: Tag[] = params.CopyImageTags === true ? [...tagsFor(image.tags, account.accountId)] : [];
  for (const tag of tags.data['image'] ?? []) {
    const index = copiedTags.findIndex((existing) => existing.Key === tag.Key);
    if (index >= 0) copiedTags[index] = tag;
    else copiedTags.push(tag);
  }
  tx.put(
    'image',
    newImageRecord(ctx, {
      id: imageId,
      name: params.Name,
      description: params.Description,
      architecture: image.architecture,
      platform: image.platform,
      rootDeviceName: image.rootDeviceName,
      blockDeviceMappings: mappings,
      sourceInstanceId: null,
      sourceImageId: image.id,
      sourceImageRegion: sourceRegion.RegionName,
      imdsSupport: image.imdsSupport,
      bootMode: image.bootMode,
      installed: image.installed,
      tags: initialTags(account.accountId, copiedTags),
    }),
  );
  scheduleImageReady(ctx, imageId, [...copies.values()]);
  return ok({ ImageId: imageId });
};

const describeImagesParams = z.strictObject({
  ImageIds: z.optional(z.array(z.string())),
  Owners: z.optional(z.array(z.string())),
  ExecutableUsers: z.optional(z.array(z.string())),
  Filters: filtersParam,
  IncludeDeprecated: z.optional(z.boolean()),
  IncludeDisabled: z.optional(z.boolean()),
  MaxResults: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
  DryRun: dryRun,
});

const IMAGE_FILTERS = new Set([
  'architecture',
  'block-device-mapping.delete-on-termination',
  'block-device-mapping.device-name',
  'block-device-mapping.snapshot-id',
  'block-device-mapping.volume-size',
  'block-device-mapping.volume-type',
  'block-device-mapping.encrypted',
  'creation-date',
  'description',
  'ena-support',
  'hypervisor',
  'image-id',
  'image-type',
  'is-public',
  'name',
  'owner-alias',
  'owner-id',
  'platform',
  'platform-details',
  'root-device-name',
  'root-device-type',
  'source-image-id',
  'source-image-region',
  'source-instance-id',
  'state',
  'state-reason-code',
  'usage-operation',
  'virtualization-type',
  'tag-key',
  'tag-value',
]);

function ebsValues(image: ImageRecord, pick: (ebs: NonNullable<BlockDeviceMapping['Ebs']>) => unknown): string[] {
  const values: string[] = [];
  for (const mapping of image.blockDeviceMappings) {
    if (mapping.Ebs === undefined) continue;
    const value = pick(mapping.Ebs);
    if (value !== undefined) values.push(String(value));
  }
  return values;
}

function imageFilterValues(image: ImageRecord, name: string, tags: readonly Tag[]): readonly string[] {
  const tagValues = tagFilterValues(name, tags);
  if (tagValues !== undefined) return tagValues;
  const linux = image.platform !== 'windows';
  switch (name) {
    case 'architecture':
      return [image.architecture];
    case 'block-device-mapping.delete-on-termination':
      return ebsValues(image, (ebs) => ebs.DeleteOnTermination);
    case 'block-device-mapping.device-name':
      return image.blockDeviceMappings.map((mapping) => mapping.DeviceName);
    case 'block-device-mapping.snapshot-id':
      return ebsValues(image, (ebs) => ebs.SnapshotId);
    case 'block-device-mapping.volume-size':
      return ebsValues(image, (ebs) => ebs.VolumeSize);
    case 'block-device-mapping.volume-type':
      return ebsValues(image, (ebs) => ebs.VolumeType);
    case 'block-device-mapping.encrypted':
      return ebsValues(image, (ebs) => ebs.Encrypted ?? false);
    case 'creation-date':
      return [new Date(image.creationDate).toISOString()];
    case 'description':
      return image.description === null ? [] : [image.description];
    case 'ena-support':
      return ['true'];
    case 'hypervisor':
      return ['xen'];
    case 'image-id':
      return [image.id];
    case 'image-type':
      return ['machine'];
    case 'is-public':
      return [String(isPublic(image))];
    case 'name':
      return [image.name];
    case 'owner-alias':
      return image.ownerAlias === null ? [] : [image.ownerAlias];
    case 'owner-id':
      return [image.ownerId];
    case 'platform':
      return image.platform === null ? [] : [image.platform];
    case 'platform-details':
      return [linux ? 'Linux/UNIX' : 'Windows'];
    case 'root-device-name':
      return [image.rootDeviceName];
    case 'root-device-type':
      return ['ebs'];
    case 'source-image-id':
      return image.sourceImageId === null ? [] : [image.sourceImageId];
    case 'source-image-region':
      return image.sourceImageRegion === null ? [] : [image.sourceImageRegion];
    case 'source-instance-id':
      return image.sourceInstanceId === null ? [] : [image.sourceInstanceId];
    case 'state':
      return [image.lifecycle.value];
    case 'state-reason-code':
      return image.lifecycle.context.stateReason === null ? [] : [image.lifecycle.context.stateReason.Code];
    case 'usage-operation':
      return [linux ? 'RunInstances' : 'RunInstances:0002'];
    case 'virtualization-type':
      return ['hvm'];
    default:
      return [];
  }
}

const OWNER_KEYWORDS = new Set(['self', 'amazon', 'aws-marketplace', 'aws-backup-vault']);

function matchesOwners(image: ImageRecord, owners: readonly string[], caller: AccountInfo): boolean {
  return owners.some((owner) => (owner === 'self' ? image.ownerId === caller.accountId : owner === image.ownerId || owner === image.ownerAlias));
}

/**
 * ExecutableUsers: `all` → public images; the caller (`self` or its own ID) → images shared with
 * it explicitly or through its organisation/OU (not its own, as the user guide says); another
 * account ID → images explicitly shared with that account.
 */
function matchesExecutableUsers(image: ImageRecord, users: readonly string[], caller: AccountInfo): boolean {
  return users.some((user) => {
    if (user === 'all') return isPublic(image);
    if (user === 'self' || user === caller.accountId) return image.ownerId !== caller.accountId && isSharedWith(image, caller);
    return image.launchPermissions.some((permission) => 'UserId' in permission && permission.UserId === user);
  });
}

/** DescribeImages: the images the caller may see in the Region, narrowed by every selector given. */
export const describeImages: Operation = (ctx, raw) => {
  const parsed = parseParams(describeImagesParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account, region } = ctx;
  const now = tx.now;
  for (const owner of params.Owners ?? []) {
    if (!OWNER_KEYWORDS.has(owner) && !ACCOUNT_ID_PATTERN.test(owner)) {
      return fail('InvalidUserID.Malformed', `Invalid user id: "${owner}"`);
    }
  }
  for (const user of params.ExecutableUsers ?? []) {
    if (user !== 'self' && user !== 'all' && !ACCOUNT_ID_PATTERN.test(user)) {
      return fail('InvalidUserID.Malformed', `Invalid user id: "${user}"`);
    }
  }
  const filters = compileFilters(params.Filters, IMAGE_FILTERS);
  if (!filters.ok) return filters;

  const byId = params.ImageIds !== undefined && params.ImageIds.length > 0;
  let candidates: ImageRecord[];
  if (byId) {
    const ids = params.ImageIds ?? [];
    const malformed = ids.find((id) => !isWellFormedId('image', id));
    if (malformed !== undefined) return malformedId('image', malformed);
    candidates = [];
    const missing: string[] = [];
    for (const id of ids) {
      const image = tx.get('image', id);
      const visible =
        image !== undefined &&
        image.region === region.RegionName &&
        (canUseImage(image, account) || image.ownerId === account.accountId) &&
        (image.lifecycle.value !== 'deregistered' || isRecentlyDeregistered(image, now));
      if (!visible || image === undefined) missing.push(id);
      else if (!candidates.includes(image)) candidates.push(image);
    }
    if (missing.length > 0) return notFound('image', missing);
  } else {
    candidates = [];
    const images = tx.world.images;
    for (const id in images) {
      const image = images[id] as ImageRecord;
      if (image.region !== region.RegionName || image.lifecycle.value === 'deregistered') continue;
      if (!canUseImage(image, account)) continue;
      // Other owners' deprecated images are hidden unless asked for; owners always see theirs.
      if (isDeprecated(image, now) && image.ownerId !== account.accountId && params.IncludeDeprecated !== true) continue;
      candidates.push(image);
    }
  }
  const Images: Record<string, unknown>[] = [];
  for (const image of candidates) {
    if (image.lifecycle.value === 'disabled' && params.IncludeDisabled !== true) continue;
    if (params.Owners !== undefined && params.Owners.length > 0 && !matchesOwners(image, params.Owners, account)) continue;
    if (params.ExecutableUsers !== undefined && params.ExecutableUsers.length > 0 && !matchesExecutableUsers(image, params.ExecutableUsers, account)) {
      continue;
    }
    const tags = tagsFor(image.tags, account.accountId);
    if (!matchesFilters(filters.data, (name) => imageFilterValues(image, name, tags), tags)) continue;
    Images.push(imageShape(image, account.accountId));
  }
  return ok({ Images });
};

const deregisterImageParams = z.strictObject({
  ImageId: z.string(),
  DeleteAssociatedSnapshots: z.optional(z.boolean()),
  DryRun: dryRun,
});

/**
 * DeregisterImage: the AMI can no longer launch instances; running instances are untouched; its
 * snapshots stay (and keep costing) unless DeleteAssociatedSnapshots, which still keeps a
 * snapshot another AMI uses.
 */
export const deregisterImage: Operation = (ctx, raw) => {
  const parsed = parseParams(deregisterImageParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = lookUpOwnImage(ctx, params.ImageId);
  if (!found.ok) return found;
  const image = found.data;
  const now = ctx.tx.now;
  if (image.deregistrationProtection !== 'disabled' || (image.protectionCooldownUntil ?? 0) > now) {
    return fail(
      'OperationNotPermitted',
      `The image ${image.id} is protected from deregistration. Disable deregistration protection` +
        (image.protectionCooldownUntil !== null && image.deregistrationProtection === 'disabled'
          ? ` and wait for its cooldown to end (${new Date(image.protectionCooldownUntil).toISOString()}).`
          : ' and try again.'),
    );
  }
  moveImage(ctx.tx, image, { type: 'image.deregister' });
  // A Recycle Bin rule may keep the AMI (issue 14); its snapshots are released either way.
  retainImage(ctx.tx, image);
  if (params.DeleteAssociatedSnapshots !== true) return ok({ Return: true });
  const DeleteSnapshotResults: { SnapshotId: string; ReturnCode: string }[] = [];
  for (const snapshotId of snapshotIdsOf(image)) {
    const snapshot = ctx.tx.get('snapshot', snapshotId);
    if (snapshot === undefined) continue;
    if (snapshot.ownerId !== ctx.account.accountId) {
      DeleteSnapshotResults.push({ SnapshotId: snapshotId, ReturnCode: 'missing-permissions' });
    } else if (snapshot.usedByImageIds.length > 0) {
      DeleteSnapshotResults.push({ SnapshotId: snapshotId, ReturnCode: 'skipped' });
    } else {
      if (!retainSnapshot(ctx.tx, snapshot)) deleteSnapshot(ctx.tx, snapshot);
      DeleteSnapshotResults.push({ SnapshotId: snapshotId, ReturnCode: 'success' });
    }
  }
  return ok({ Return: true, DeleteSnapshotResults });
};
