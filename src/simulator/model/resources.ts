/**
 * Lifecycle moves of resources and what each move sets off: meters, timers, first-boot installs,
 * volumes deleted on termination, snapshots released by a deregistered image. Both the API
 * (a user's call) and the clock (a timer coming due) move resources through these functions, so
 * the effects of a state are written once.
 */
import type { ImageEvent } from '../machines/image.machine.ts';
import type { InstanceEvent } from '../machines/instance.machine.ts';
import { stepImage, stepInstance, stepSnapshot, stepVolume } from '../machines/lifecycle.ts';
import type { SnapshotEvent } from '../machines/snapshot.machine.ts';
import type { VolumeEvent } from '../machines/volume.machine.ts';
import { DEREGISTERED_VISIBLE_MS, LINUX_BOOT_MS, SHUTDOWN_MS, STOP_MS, TERMINATED_VISIBLE_MS, WINDOWS_BOOT_MS } from './durations.ts';
import { snapshotIdsOf } from './block-devices.ts';
import { EBS_SNAPSHOT_USD_PER_GB_MONTH, EBS_VOLUME_USD_PER_GB_MONTH, HOURS_PER_MONTH } from './pricing.ts';
import { INSTANCE_TYPES } from './regions.ts';
import type { Transaction } from './world.ts';
import type { ImageRecord, InstanceRecord, SnapshotRecord, Timer, VolumeRecord } from './world-schema.ts';

export { snapshotIdsOf };

/** Monthly rate of a running instance, from the us-east-1 On-Demand list price. */
export function instanceMonthlyRate(instance: Pick<InstanceRecord, 'instanceType' | 'platform'>): number {
  const info = INSTANCE_TYPES[instance.instanceType];
  if (info === undefined) return 0;
  const hourly = instance.platform === 'windows' ? (info.windowsHourlyUsd ?? info.linuxHourlyUsd) : info.linuxHourlyUsd;
  return hourly * HOURS_PER_MONTH;
}

/** Monthly rate of a volume: size × the type's GB-month price. */
export function volumeMonthlyRate(volume: Pick<VolumeRecord, 'size' | 'volumeType'>): number {
  return volume.size * EBS_VOLUME_USD_PER_GB_MONTH[volume.volumeType];
}

/**
 * Monthly rate of a snapshot. AWS bills the blocks a snapshot stores (incremental after the
 * first); the simulator bills the full volume size, the upper bound, which is what a learner's
 * first snapshot of a full disk costs.
 */
export function snapshotMonthlyRate(snapshot: Pick<SnapshotRecord, 'volumeSize'>): number {
  return snapshot.volumeSize * EBS_SNAPSHOT_USD_PER_GB_MONTH;
}

/** Time a fresh instance takes to boot. */
export function bootDurationMs(instance: Pick<InstanceRecord, 'platform'>): number {
  return instance.platform === 'windows' ? WINDOWS_BOOT_MS : LINUX_BOOT_MS;
}

/** Timer event that removes a resource AWS no longer shows (terminated instance, deregistered AMI). */
export const PURGE_EVENT = 'purge';

function timer(at: number, resourceType: Timer['resourceType'], event: string): Timer {
  return { at, resourceType, event };
}

/** Moves an instance; returns the new record, or null if its statechart refuses the event. */
export function moveInstance(tx: Transaction, instance: InstanceRecord, event: InstanceEvent): InstanceRecord | null {
  const lifecycle = stepInstance(instance.lifecycle, event);
  if (lifecycle === null) return null;
  let next: InstanceRecord = { ...instance, lifecycle };
  const now = tx.now;
  switch (lifecycle.value) {
    case 'pending':
      // A restart after CreateImage's shutdown is a reboot: LaunchTime stays.
      next = event.type === 'instance.restart' ? next : { ...next, launchTime: now, stateTransitionReason: '' };
      tx.setTimer(instance.id, timer(now + bootDurationMs(instance), 'instance', 'instance.ready'));
      break;
    case 'running':
      if (event.type === 'instance.ready') {
        tx.setTimer(instance.id, undefined);
        tx.setMeterRate(instance.id, instanceMonthlyRate(instance));
        if (instance.pendingInstalls.length > 0) {
          installOnRootVolume(tx, instance, instance.pendingInstalls);
          next = { ...next, pendingInstalls: [] };
        }
      }
      break;
    case 'stopping':
      if (event.type === 'instance.image-reboot') {
        // CreateImage powers the instance down, then starts it again (a reboot: still billed).
        tx.setTimer(instance.id, timer(now + STOP_MS, 'instance', 'instance.restart'));
        break;
      }
      next = { ...next, stateTransitionReason: `User initiated (${awsReasonTime(now)})` };
      tx.setMeterRate(instance.id, 0);
      tx.setTimer(instance.id, timer(now + STOP_MS, 'instance', 'instance.stopped'));
      break;
    case 'stopped':
      tx.setTimer(instance.id, undefined);
      break;
    case 'shutting-down':
      next = { ...next, stateTransitionReason: `User initiated (${awsReasonTime(now)})` };
      tx.setMeterRate(instance.id, 0);
      tx.setTimer(instance.id, timer(now + SHUTDOWN_MS, 'instance', 'instance.terminated'));
      break;
    case 'terminated':
      // AWS forgets a terminated instance after about an hour; its bill line stays.
      tx.setTimer(instance.id, timer(now + TERMINATED_VISIBLE_MS, 'instance', PURGE_EVENT));
      tx.endMeter(instance.id, `${instance.instanceType} instance ${instance.id} (terminated)`);
      next = { ...next, terminatedAt: now, blockDevices: [] };
      releaseVolumesOnTermination(tx, instance);
      break;
  }
  tx.put('instance', next, event.type);
  return next;
}

/** AWS's StateTransitionReason timestamp: `2025-01-06 09:00:00 GMT`. */
function awsReasonTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}

/** What user data (at first boot) or a shell command installs lands on the root volume's disk. */
export function installOnRootVolume(tx: Transaction, instance: InstanceRecord, packages: readonly string[]): void {
  const root = instance.blockDevices.find((device) => device.deviceName === instance.rootDeviceName);
  if (root === undefined) return;
  const volume = tx.get('volume', root.volumeId);
  if (volume === undefined) return;
  const installed = [...volume.installed];
  for (const name of packages) if (!installed.includes(name)) installed.push(name);
  tx.put('volume', { ...volume, installed });
}

/** On termination volumes are detached; those marked DeleteOnTermination are deleted. */
function releaseVolumesOnTermination(tx: Transaction, instance: InstanceRecord): void {
  for (const device of instance.blockDevices) {
    const volume = tx.get('volume', device.volumeId);
    if (volume === undefined) continue;
    const detached = moveVolume(tx, { ...volume, attachment: null }, { type: 'volume.detach' }) ?? {
      ...volume,
      attachment: null,
    };
    if (device.deleteOnTermination) deleteVolume(tx, detached);
    else tx.put('volume', detached);
  }
}

/** Moves a volume; returns the new record, or null if its statechart refuses the event. */
export function moveVolume(tx: Transaction, volume: VolumeRecord, event: VolumeEvent): VolumeRecord | null {
  const lifecycle = stepVolume(volume.lifecycle, event);
  if (lifecycle === null) return null;
  const next: VolumeRecord = { ...volume, lifecycle };
  if (event.type === 'volume.created') tx.setTimer(volume.id, undefined);
  tx.put('volume', next, event.type);
  return next;
}

/** Deletes a volume: it stops existing and stops being billed. */
export function deleteVolume(tx: Transaction, volume: VolumeRecord): void {
  const deleted = stepVolume(volume.lifecycle, { type: 'volume.delete' });
  if (deleted !== null) tx.put('volume', { ...volume, lifecycle: deleted }, 'volume.delete');
  tx.setTimer(volume.id, undefined);
  tx.endMeter(volume.id, `${volume.size} GiB ${volume.volumeType} volume ${volume.id} (deleted)`);
  tx.remove('volume', volume.id);
}

/** Moves a snapshot; returns the new record, or null if its statechart refuses the event. */
export function moveSnapshot(tx: Transaction, snapshot: SnapshotRecord, event: SnapshotEvent): SnapshotRecord | null {
  const lifecycle = stepSnapshot(snapshot.lifecycle, event);
  if (lifecycle === null) return null;
  const next: SnapshotRecord = { ...snapshot, lifecycle };
  tx.setTimer(snapshot.id, undefined);
  tx.put('snapshot', next, event.type);
  return next;
}

/** Deletes a snapshot: it stops existing and stops being billed. */
export function deleteSnapshot(tx: Transaction, snapshot: SnapshotRecord): void {
  tx.setTimer(snapshot.id, undefined);
  tx.endMeter(snapshot.id, `${snapshot.volumeSize} GiB snapshot ${snapshot.id} (deleted)`);
  tx.remove('snapshot', snapshot.id);
}

/** Moves an image; returns the new record, or null if its statechart refuses the event. */
export function moveImage(tx: Transaction, image: ImageRecord, event: ImageEvent): ImageRecord | null {
  const lifecycle = stepImage(image.lifecycle, event);
  if (lifecycle === null) return null;
  let next: ImageRecord = { ...image, lifecycle };
  switch (lifecycle.value) {
    case 'available':
    case 'failed':
      tx.setTimer(image.id, undefined);
      break;
    case 'disabled':
      // DisableImage removes every launch permission; EnableImage does not restore them.
      next = { ...next, launchPermissions: [] };
      break;
    case 'deregistered':
      // A deregistered AMI can be described by ID for a short while, then it is gone.
      tx.setTimer(image.id, timer(tx.now + DEREGISTERED_VISIBLE_MS, 'image', PURGE_EVENT));
      next = { ...next, deregisteredAt: tx.now, launchPermissions: [] };
      releaseSnapshots(tx, image, image.lifecycle.value === 'pending' && image.sourceImageId !== null);
      break;
  }
  tx.put('image', next, event.type);
  return next;
}

/**
 * A deregistered image no longer holds its snapshots: they become deletable (and keep costing).
 * Deregistering a copy still in progress cancels it, so its unfinished snapshots are discarded.
 */
function releaseSnapshots(tx: Transaction, image: ImageRecord, cancelCopy: boolean): void {
  for (const snapshotId of snapshotIdsOf(image)) {
    const snapshot = tx.get('snapshot', snapshotId);
    if (snapshot === undefined) continue;
    if (cancelCopy && snapshot.lifecycle.value === 'pending' && snapshot.createdForImageId === image.id) {
      deleteSnapshot(tx, snapshot);
      continue;
    }
    tx.put('snapshot', { ...snapshot, usedByImageIds: snapshot.usedByImageIds.filter((id) => id !== image.id) });
  }
}

/** Fires one due timer: sends its event to the resource's statechart, with the state's effects. */
export function fireTimer(tx: Transaction, resourceId: string, due: Timer): void {
  tx.setTimer(resourceId, undefined);
  // Auto Scaling groups' timers are fired by the Auto Scaling rules (operations.ts), not here.
  // Run Command commands' timers likewise (api/run-command.ts, through operations.ts).
  if (
    due.resourceType === 'auto-scaling-group' ||
    due.resourceType === 'command' ||
    due.resourceType === 'recycle-bin' ||
    due.resourceType === 'lifecycle-policy' ||
    due.resourceType === 'imagebuilder-image' ||
    due.resourceType === 'imagebuilder-pipeline' ||
    due.resourceType === 'catalogue-release'
  ) {
    return;
  }
  if (due.event === PURGE_EVENT) {
    tx.remove(due.resourceType, resourceId);
    return;
  }
  switch (due.resourceType) {
    case 'instance': {
      const instance = tx.get('instance', resourceId);
      if (instance !== undefined) moveInstance(tx, instance, { type: due.event } as InstanceEvent);
      return;
    }
    case 'volume': {
      const volume = tx.get('volume', resourceId);
      if (volume !== undefined) moveVolume(tx, volume, { type: 'volume.created', attached: volume.attachment !== null });
      return;
    }
    case 'snapshot': {
      const snapshot = tx.get('snapshot', resourceId);
      if (snapshot === undefined) return;
      // A copy reads its source until it completes; if the source was deleted meanwhile, it fails.
      const sourceGone = snapshot.sourceSnapshotId !== null && tx.get('snapshot', snapshot.sourceSnapshotId) === undefined;
      moveSnapshot(
        tx,
        snapshot,
        sourceGone ? { type: 'snapshot.fail', message: `The source snapshot ${snapshot.sourceSnapshotId} no longer exists.` } : { type: 'snapshot.completed' },
      );
      return;
    }
    case 'image': {
      const image = tx.get('image', resourceId);
      if (image === undefined) return;
      const broken = snapshotIdsOf(image).find((id) => tx.get('snapshot', id)?.lifecycle.value !== 'completed');
      moveImage(
        tx,
        image,
        broken === undefined
          ? { type: 'image.ready' }
          : {
              type: 'image.fail',
              reason: { Code: 'Client.InvalidSnapshot.NotFound', Message: `Snapshot ${broken} could not be completed.` },
            },
      );
      return;
    }
  }
}
