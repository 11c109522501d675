/**
 * The bill of an account: one line per metered resource (instance hours, EBS volume GB-months,
 * snapshot GB-months) with what it is, its current monthly rate and what it has cost so far.
 * Lines for resources that no longer exist keep their cost, so the total never goes down.
 */
import { accruedAt } from './world.ts';
import type { ImageRecord, Meter, SnapshotRecord, World } from './world-schema.ts';

/** Why a line costs money, so the lab can group lines ("why am I still paying?"). */
export type BillCategory = 'running-instance' | 'idle-instance' | 'attached-volume' | 'unattached-volume' | 'image-snapshot' | 'orphaned-image-snapshot' | 'snapshot' | 'ended';

/** One line of a bill. */
export interface BillLine {
  readonly resourceId: string;
  readonly resourceType: Meter['resourceType'];
  readonly region: string;
  /** What the resource is, e.g. `8 GiB snapshot snap-… of deregistered ami-…`. */
  readonly description: string;
  readonly category: BillCategory;
  /** For snapshots made for an AMI: that AMI. */
  readonly imageId: string | null;
  /** Current rate in USD per month (0 when not billed now). */
  readonly ratePerMonthUsd: number;
  /** Cost accrued so far in USD. */
  readonly accruedUsd: number;
}

/** An account's bill at the current simulated time. */
export interface Bill {
  readonly accountId: string;
  readonly asOf: Date;
  readonly lines: readonly BillLine[];
  /** Sum of accrued costs, USD. */
  readonly totalAccruedUsd: number;
  /** Sum of current monthly rates, USD: what the account pays per month if nothing changes. */
  readonly totalPerMonthUsd: number;
}

function describeSnapshot(world: World, snapshot: SnapshotRecord): Pick<BillLine, 'description' | 'category' | 'imageId'> {
  const size = `${snapshot.volumeSize} GiB snapshot ${snapshot.id}`;
  const users = snapshot.usedByImageIds;
  const imageId = users[0] ?? snapshot.createdForImageId;
  const image: ImageRecord | undefined = imageId === null ? undefined : world.images[imageId];
  if (users.length > 0 && image !== undefined) {
    return { description: `${size} of ${image.id} (${image.lifecycle.value})`, category: 'image-snapshot', imageId: image.id };
  }
  // A purged image record means the AMI was deregistered a while ago.
  if (imageId !== null && (image === undefined || image.lifecycle.value === 'deregistered')) {
    return { description: `${size} of deregistered ${imageId}`, category: 'orphaned-image-snapshot', imageId };
  }
  if (snapshot.sourceSnapshotId !== null) {
    return { description: `${size}, copy of ${snapshot.sourceSnapshotId}`, category: 'snapshot', imageId: null };
  }
  return { description: `${size} of volume ${snapshot.volumeId}`, category: 'snapshot', imageId: null };
}

function describeLine(world: World, resourceId: string, meter: Meter): Pick<BillLine, 'description' | 'category' | 'imageId'> {
  if (meter.endedDescription !== null) return { description: meter.endedDescription, category: 'ended', imageId: null };
  switch (meter.resourceType) {
    case 'instance': {
      const instance = world.instances[resourceId];
      const state = instance?.lifecycle.value ?? 'terminated';
      const type = instance?.instanceType ?? 'instance';
      return {
        description: `${type} instance ${resourceId} (${state})`,
        category: state === 'running' ? 'running-instance' : 'idle-instance',
        imageId: null,
      };
    }
    case 'volume': {
      const volume = world.volumes[resourceId];
      if (volume === undefined) return { description: `volume ${resourceId}`, category: 'ended', imageId: null };
      const where = volume.attachment === null ? 'not attached' : `attached to ${volume.attachment.instanceId}`;
      return {
        description: `${volume.size} GiB ${volume.volumeType} volume ${resourceId} (${where})`,
        category: volume.attachment === null ? 'unattached-volume' : 'attached-volume',
        imageId: null,
      };
    }
    case 'snapshot': {
      const snapshot = world.snapshots[resourceId];
      if (snapshot === undefined) {
        // A deleted snapshot in the Recycle Bin is billed at the same rate until it leaves the bin (issue 14).
        const binned = world.recycleBin?.[resourceId];
        if (binned?.resourceType === 'snapshot') {
          const of = binned.record.createdForImageId === null ? '' : ` of ${binned.record.createdForImageId}`;
          return {
            description: `${binned.record.volumeSize} GiB snapshot ${resourceId}${of} in the Recycle Bin until ${new Date(binned.expiresAt).toISOString()}`,
            category: binned.record.createdForImageId === null ? 'snapshot' : 'orphaned-image-snapshot',
            imageId: binned.record.createdForImageId,
          };
        }
        return { description: `snapshot ${resourceId}`, category: 'ended', imageId: null };
      }
      return describeSnapshot(world, snapshot);
    }
  }
}

/** The bill of one account, from the meters in the world at its current time. */
export function computeBill(world: World, accountId: string): Bill {
  const lines: BillLine[] = [];
  let totalAccruedUsd = 0;
  let totalPerMonthUsd = 0;
  for (const resourceId in world.meters) {
    const meter = world.meters[resourceId] as Meter;
    if (meter.accountId !== accountId) continue;
    const accruedUsd = accruedAt(meter, world.now);
    lines.push({
      resourceId,
      resourceType: meter.resourceType,
      region: meter.region,
      ...describeLine(world, resourceId, meter),
      ratePerMonthUsd: meter.ratePerMonthUsd,
      accruedUsd,
    });
    totalAccruedUsd += accruedUsd;
    totalPerMonthUsd += meter.ratePerMonthUsd;
  }
  return { accountId, asOf: new Date(world.now), lines, totalAccruedUsd, totalPerMonthUsd };
}
