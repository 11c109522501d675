/**
 * Response shapes, as the AWS SDK for JavaScript v3 EC2 client returns them: its field names, its
 * types (timestamps as `Date`, except `Image.CreationDate`/`DeprecationTime`, which the API gives
 * as ISO strings), and fields left out when EC2 has nothing to say.
 */
import type { BlockDeviceMapping, ImageRecord, InstanceRecord, InstanceState, SnapshotRecord, VolumeRecord, World } from '../model/world-schema.ts';
import { isPublic } from '../model/visibility.ts';
import { tagsFor } from './context.ts';

/** Instance state codes, as in `InstanceState.Code`. */
export const INSTANCE_STATE_CODES: Record<InstanceState, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** `InstanceState` as EC2 returns it. */
export function instanceStateShape(state: InstanceState): { Code: number; Name: InstanceState } {
  return { Code: INSTANCE_STATE_CODES[state], Name: state };
}

const isoDate = (ms: number): string => new Date(ms).toISOString();

function copyMapping(mapping: BlockDeviceMapping): BlockDeviceMapping {
  return mapping.Ebs === undefined ? { ...mapping } : { ...mapping, Ebs: { ...mapping.Ebs } };
}

/** An `Image` as DescribeImages returns it to `callerId`. */
export function imageShape(image: ImageRecord, callerId: string): Record<string, unknown> {
  const tags = tagsFor(image.tags, callerId);
  const linux = image.platform !== 'windows';
  const shape: Record<string, unknown> = {
    Architecture: image.architecture,
    CreationDate: isoDate(image.creationDate),
    ImageId: image.id,
    ImageLocation: `${image.ownerAlias ?? image.ownerId}/${image.name}`,
    ImageType: 'machine',
    Public: isPublic(image),
    OwnerId: image.ownerId,
    PlatformDetails: linux ? 'Linux/UNIX' : 'Windows',
    UsageOperation: linux ? 'RunInstances' : 'RunInstances:0002',
    State: image.lifecycle.value,
    BlockDeviceMappings: image.blockDeviceMappings.map(copyMapping),
    EnaSupport: true,
    Hypervisor: 'xen',
    Name: image.name,
    RootDeviceName: image.rootDeviceName,
    RootDeviceType: 'ebs',
    SriovNetSupport: 'simple',
    VirtualizationType: 'hvm',
  };
  if (image.description !== null) shape['Description'] = image.description;
  if (image.ownerAlias !== null) shape['ImageOwnerAlias'] = image.ownerAlias;
  if (image.platform !== null) shape['Platform'] = image.platform;
  if (image.bootMode !== null) shape['BootMode'] = image.bootMode;
  if (image.imdsSupport !== null) shape['ImdsSupport'] = image.imdsSupport;
  if (image.sourceInstanceId !== null) shape['SourceInstanceId'] = image.sourceInstanceId;
  if (image.sourceImageId !== null) shape['SourceImageId'] = image.sourceImageId;
  if (image.sourceImageRegion !== null) shape['SourceImageRegion'] = image.sourceImageRegion;
  if (image.deprecationTime !== null) shape['DeprecationTime'] = isoDate(image.deprecationTime);
  if (image.lifecycle.context.stateReason !== null) shape['StateReason'] = { ...image.lifecycle.context.stateReason };
  if (image.productCodes !== undefined && image.productCodes.length > 0) shape['ProductCodes'] = image.productCodes.map((code) => ({ ...code }));
  if (image.ownerId === callerId) {
    // Only the owner sees deregistration protection and the last launch time.
    shape['DeregistrationProtection'] = image.deregistrationProtection;
    if (image.lastLaunchedTime !== null) shape['LastLaunchedTime'] = isoDate(image.lastLaunchedTime);
  }
  if (tags.length > 0) shape['Tags'] = tags.map((tag) => ({ ...tag }));
  return shape;
}

/** An `Instance` as DescribeInstances/RunInstances return it. */
export function instanceShape(instance: InstanceRecord, callerId: string): Record<string, unknown> {
  const tags = tagsFor(instance.tags, callerId);
  const state = instance.lifecycle.value;
  const linux = instance.platform !== 'windows';
  const shape: Record<string, unknown> = {
    AmiLaunchIndex: instance.amiLaunchIndex,
    ImageId: instance.imageId,
    InstanceId: instance.id,
    InstanceType: instance.instanceType,
    LaunchTime: new Date(instance.launchTime),
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: instance.availabilityZone, GroupName: '', Tenancy: 'default' },
    State: instanceStateShape(state),
    StateTransitionReason: instance.stateTransitionReason,
    Architecture: instance.architecture,
    BlockDeviceMappings: instance.blockDevices.map((device) => ({
      DeviceName: device.deviceName,
      Ebs: {
        AttachTime: new Date(device.attachTime),
        DeleteOnTermination: device.deleteOnTermination,
        Status: 'attached',
        VolumeId: device.volumeId,
      },
    })),
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    RootDeviceName: instance.rootDeviceName,
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    PlatformDetails: linux ? 'Linux/UNIX' : 'Windows',
    UsageOperation: linux ? 'RunInstances' : 'RunInstances:0002',
  };
  if (instance.platform !== null) shape['Platform'] = instance.platform;
  const reason = instance.lifecycle.context.stateReasonCode;
  if (reason !== null && (state === 'stopping' || state === 'stopped' || state === 'shutting-down' || state === 'terminated')) {
    shape['StateReason'] = { Code: reason, Message: `${reason}: User initiated shutdown` };
  }
  if (tags.length > 0) shape['Tags'] = tags.map((tag) => ({ ...tag }));
  return shape;
}

/** Baseline IOPS EC2 reports for a volume. */
function volumeIops(volume: VolumeRecord): number | undefined {
  if (volume.iops !== null) return volume.iops;
  if (volume.volumeType === 'gp3') return 3000;
  if (volume.volumeType === 'gp2') return Math.min(16000, Math.max(100, volume.size * 3));
  return undefined;
}

/** A `Volume` as DescribeVolumes/CreateVolume return it. */
export function volumeShape(volume: VolumeRecord, callerId: string): Record<string, unknown> {
  const tags = tagsFor(volume.tags, callerId);
  const attachment = volume.attachment;
  const shape: Record<string, unknown> = {
    Attachments:
      attachment === null
        ? []
        : [
            {
              AttachTime: new Date(attachment.attachTime),
              Device: attachment.device,
              InstanceId: attachment.instanceId,
              State: 'attached',
              VolumeId: volume.id,
              DeleteOnTermination: attachment.deleteOnTermination,
            },
          ],
    AvailabilityZone: volume.availabilityZone,
    CreateTime: new Date(volume.createTime),
    Encrypted: volume.encrypted,
    Size: volume.size,
    SnapshotId: volume.snapshotId ?? '',
    State: volume.lifecycle.value,
    VolumeId: volume.id,
    VolumeType: volume.volumeType,
    MultiAttachEnabled: false,
  };
  const iops = volumeIops(volume);
  if (iops !== undefined) shape['Iops'] = iops;
  if (volume.volumeType === 'gp3') shape['Throughput'] = 125;
  if (volume.kmsKeyId !== null) shape['KmsKeyId'] = volume.kmsKeyId;
  if (tags.length > 0) shape['Tags'] = tags.map((tag) => ({ ...tag }));
  return shape;
}

/** A `Snapshot` as DescribeSnapshots/CreateSnapshot return it. */
export function snapshotShape(snapshot: SnapshotRecord, callerId: string, world: World): Record<string, unknown> {
  const tags = tagsFor(snapshot.tags, callerId);
  const state = snapshot.lifecycle.value;
  const span = snapshot.completesAt - snapshot.startTime;
  const progress = state === 'completed' ? 100 : span <= 0 ? 0 : Math.max(0, Math.min(99, Math.floor(((world.now - snapshot.startTime) / span) * 100)));
  const shape: Record<string, unknown> = {
    Description: snapshot.description,
    Encrypted: snapshot.encrypted,
    OwnerId: snapshot.ownerId,
    Progress: `${progress}%`,
    SnapshotId: snapshot.id,
    StartTime: new Date(snapshot.startTime),
    State: state,
    VolumeId: snapshot.volumeId,
    VolumeSize: snapshot.volumeSize,
    StorageTier: 'standard',
  };
  if (snapshot.kmsKeyId !== null) shape['KmsKeyId'] = snapshot.kmsKeyId;
  if (snapshot.lifecycle.context.stateMessage !== null) shape['StateMessage'] = snapshot.lifecycle.context.stateMessage;
  if (tags.length > 0) shape['Tags'] = tags.map((tag) => ({ ...tag }));
  return shape;
}
