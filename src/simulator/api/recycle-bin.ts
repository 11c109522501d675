/**
 * EC2's own Recycle Bin calls (issue 14): ListImagesInRecycleBin, RestoreImageFromRecycleBin,
 * ListSnapshotsInRecycleBin, RestoreSnapshotFromRecycleBin. Shapes from the EC2 API reference
 * (`ImageRecycleBinInfo`: ImageId, Name, Description, RecycleBinEnterTime, RecycleBinExitTime;
 * `SnapshotRecycleBinInfo`: SnapshotId, RecycleBinEnterTime, RecycleBinExitTime, Description,
 * VolumeId; RestoreImageFromRecycleBin answers `Return`; RestoreSnapshotFromRecycleBin the
 * snapshot's fields). Only the owner sees and restores what is in its bin.
 *
 * An AMI whose snapshots are not all outside the bin cannot be restored: "To recover the deleted
 * AMI, its associated snapshot should be recovered first" (AWS serverless pattern
 * ami-recycle-bin), and an AMI whose snapshot is deleted for good is unrecoverable
 * (recycle-bin-factors.html). AWS documents no error code for either; the lab answers
 * `IncorrectState` for a snapshot still in the bin and `InvalidSnapshot.NotFound` for one gone.
 */
import { fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import { imageRestoreBlocker, restoreImage, restoreSnapshot } from '../model/recycle-bin.ts';
import type { RecycleBinEntry } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import type { CallContext, Operation } from './context.ts';
import { dryRun, parseParams } from './params.ts';

/** The caller's entries of one type in this Region: those named (map reads), or all (a walk of the bin). */
function entriesOf(ctx: CallContext, resourceType: RecycleBinEntry['resourceType'], ids: readonly string[] | undefined): RecycleBinEntry[] {
  const bin = ctx.tx.world.recycleBin ?? {};
  const candidates = ids === undefined ? Object.values(bin) : ids.flatMap((id) => (Object.hasOwn(bin, id) ? [bin[id] as RecycleBinEntry] : []));
  return candidates.filter((entry) => entry.resourceType === resourceType && entry.record.ownerId === ctx.account.accountId && entry.record.region === ctx.region.RegionName);
}

function ownEntry(ctx: CallContext, id: string): RecycleBinEntry | undefined {
  const entry = ctx.tx.world.recycleBin?.[id];
  if (entry === undefined || entry.record.ownerId !== ctx.account.accountId || entry.record.region !== ctx.region.RegionName) return undefined;
  return entry;
}

const listImagesParams = z.strictObject({
  ImageIds: z.optional(z.array(z.string())),
  NextToken: z.optional(z.string()),
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
  DryRun: dryRun,
});

/** ListImagesInRecycleBin: the caller's AMIs in the bin in this Region (those named, if any). */
export const listImagesInRecycleBin: Operation = (ctx, raw) => {
  const parsed = parseParams(listImagesParams, raw);
  if (!parsed.ok) return parsed;
  const wanted = parsed.data.ImageIds;
  for (const id of wanted ?? []) if (!isWellFormedId('image', id)) return malformedId('image', id);
  const Images = entriesOf(ctx, 'image', wanted).map((entry) => {
    const image = entry.record as Extract<RecycleBinEntry, { resourceType: 'image' }>['record'];
    return {
      ImageId: image.id,
      Name: image.name,
      ...(image.description === null ? {} : { Description: image.description }),
      RecycleBinEnterTime: new Date(entry.enteredAt),
      RecycleBinExitTime: new Date(entry.expiresAt),
    };
  });
  return ok({ Images });
};

const listSnapshotsParams = z.strictObject({
  SnapshotIds: z.optional(z.array(z.string())),
  NextToken: z.optional(z.string()),
  MaxResults: z.optional(z.number().check(z.int(), z.gte(5), z.lte(1000))),
  DryRun: dryRun,
});

/** ListSnapshotsInRecycleBin: the caller's snapshots in the bin in this Region (those named, if any). */
export const listSnapshotsInRecycleBin: Operation = (ctx, raw) => {
  const parsed = parseParams(listSnapshotsParams, raw);
  if (!parsed.ok) return parsed;
  const wanted = parsed.data.SnapshotIds;
  for (const id of wanted ?? []) if (!isWellFormedId('snapshot', id)) return malformedId('snapshot', id);
  const Snapshots = entriesOf(ctx, 'snapshot', wanted).map((entry) => {
    const snapshot = entry.record as Extract<RecycleBinEntry, { resourceType: 'snapshot' }>['record'];
    return {
      SnapshotId: snapshot.id,
      RecycleBinEnterTime: new Date(entry.enteredAt),
      RecycleBinExitTime: new Date(entry.expiresAt),
      Description: snapshot.description,
      VolumeId: snapshot.volumeId,
    };
  });
  return ok({ Snapshots });
};

const restoreImageParams = z.strictObject({ ImageId: z.string(), DryRun: dryRun });

/** RestoreImageFromRecycleBin: the AMI is registered again as it was, once its snapshots are back. */
export const restoreImageFromRecycleBin: Operation = (ctx, raw) => {
  const parsed = parseParams(restoreImageParams, raw);
  if (!parsed.ok) return parsed;
  const id = parsed.data.ImageId;
  if (!isWellFormedId('image', id)) return malformedId('image', id);
  const entry = ownEntry(ctx, id);
  if (entry?.resourceType !== 'image') return notFound('image', [id]);
  const blocker = imageRestoreBlocker(ctx.tx.world, entry.record);
  if (blocker !== null) {
    return blocker.inBin
      ? fail(
          'IncorrectState',
          `The snapshot ${blocker.snapshotId} of image ${id} is in the Recycle Bin. Restore the snapshot first (RestoreSnapshotFromRecycleBin), then the image.`,
        )
      : fail('InvalidSnapshot.NotFound', `The snapshot '${blocker.snapshotId}' of image ${id} does not exist, so the image cannot be restored.`);
  }
  restoreImage(ctx.tx, entry);
  return ok({ Return: true });
};

const restoreSnapshotParams = z.strictObject({ SnapshotId: z.string(), DryRun: dryRun });

/** RestoreSnapshotFromRecycleBin: the snapshot is back as it was. */
export const restoreSnapshotFromRecycleBin: Operation = (ctx, raw) => {
  const parsed = parseParams(restoreSnapshotParams, raw);
  if (!parsed.ok) return parsed;
  const id = parsed.data.SnapshotId;
  if (!isWellFormedId('snapshot', id)) return malformedId('snapshot', id);
  const entry = ownEntry(ctx, id);
  if (entry?.resourceType !== 'snapshot') return notFound('snapshot', [id]);
  const snapshot = restoreSnapshot(ctx.tx, entry);
  return ok({
    SnapshotId: snapshot.id,
    Description: snapshot.description,
    Encrypted: snapshot.encrypted,
    OwnerId: snapshot.ownerId,
    Progress: '100%',
    StartTime: new Date(snapshot.startTime),
    State: snapshot.lifecycle.value,
    VolumeId: snapshot.volumeId,
    VolumeSize: snapshot.volumeSize,
    SseType: snapshot.encrypted ? 'sse-kms' : 'none',
  });
};
