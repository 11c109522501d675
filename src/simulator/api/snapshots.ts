/**
 * CreateSnapshot, CopySnapshot, DeleteSnapshot, DescribeSnapshots, ModifySnapshotAttribute and
 * DescribeSnapshotAttribute.
 */
import * as z from '../model/zod.ts';
import { ACCOUNT_ID_PATTERN } from '../model/accounts.ts';
import { type ApiResult, fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import { findRegion } from '../model/regions.ts';
import { snapshotCopyDurationMs, snapshotDurationMs } from '../model/durations.ts';
import { deleteSnapshot } from '../model/resources.ts';
import { retainSnapshot } from '../model/recycle-bin.ts';
import type { ImageRecord, SnapshotRecord, Tag } from '../model/world-schema.ts';
import { canSeeSnapshot } from '../model/visibility.ts';
import { type CallContext, compileFilters, initialTags, lookUpSnapshot, matchesFilters, type Operation, tagFilterValues, tagsFor, tagsFromSpecifications } from './context.ts';
import { copyEncryption, createSnapshotRecord, isAwsManagedEbsKey, requestedCopyKey } from './ebs.ts';
import { dryRun, filtersParam, parseParams, tagSpecificationsParam } from './params.ts';
import { snapshotShape } from './shapes.ts';

const MAX_DESCRIPTION = 255;

/** A snapshot the caller owns, for changes only the owner may make. */
function lookUpOwnSnapshot(ctx: CallContext, snapshotId: string): ApiResult<SnapshotRecord> {
  const found = lookUpSnapshot(ctx, snapshotId);
  if (!found.ok) return found;
  if (found.data.ownerId !== ctx.account.accountId) return fail('AuthFailure', `Not authorized for snapshot:${snapshotId}`);
  return found;
}

const createSnapshotParams = z.strictObject({
  VolumeId: z.string(),
  Description: z.optional(z.string()),
  TagSpecifications: tagSpecificationsParam,
  DryRun: dryRun,
});

/** CreateSnapshot: a point-in-time copy of a volume, `pending` until it completes. */
export const createSnapshot: Operation = (ctx, raw) => {
  const parsed = parseParams(createSnapshotParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account, region } = ctx;
  if (!isWellFormedId('volume', params.VolumeId)) return malformedId('volume', params.VolumeId);
  const volume = tx.get('volume', params.VolumeId);
  if (volume === undefined || volume.region !== region.RegionName || volume.ownerId !== account.accountId) {
    return notFound('volume', [params.VolumeId]);
  }
  if (volume.lifecycle.value === 'creating') return fail('IncorrectState', `The volume '${volume.id}' is still being created.`);
  if ((params.Description ?? '').length > MAX_DESCRIPTION) {
    return fail('InvalidParameterValue', `Description exceeds the maximum length of ${MAX_DESCRIPTION} characters.`);
  }
  const tags = tagsFromSpecifications(params.TagSpecifications, ['snapshot']);
  if (!tags.ok) return tags;
  const snapshot = createSnapshotRecord(tx, {
    ownerId: account.accountId,
    region: region.RegionName,
    volumeId: volume.id,
    volumeSize: volume.size,
    encrypted: volume.encrypted,
    kmsKeyId: volume.kmsKeyId,
    description: params.Description ?? '',
    durationMs: snapshotDurationMs(volume.size),
    installed: volume.installed,
    createdForImageId: null,
    sourceSnapshotId: null,
    sourceRegion: null,
    tags: initialTags(account.accountId, tags.data['snapshot']),
  });
  return ok(snapshotShape(snapshot, account.accountId, tx.world));
};

const copySnapshotParams = z.strictObject({
  SourceRegion: z.string(),
  SourceSnapshotId: z.string(),
  Description: z.optional(z.string()),
  Encrypted: z.optional(z.boolean()),
  KmsKeyId: z.optional(z.string()),
  DestinationRegion: z.optional(z.string()),
  PresignedUrl: z.optional(z.string()),
  TagSpecifications: tagSpecificationsParam,
  DryRun: dryRun,
});

/** CopySnapshot, sent to the destination Region: a new snapshot with a new ID there. */
export const copySnapshot: Operation = (ctx, raw) => {
  const parsed = parseParams(copySnapshotParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account, region } = ctx;
  const sourceRegion = findRegion(params.SourceRegion);
  if (sourceRegion === undefined) return fail('InvalidRegion', `Invalid region: ${params.SourceRegion}`);
  const found = lookUpSnapshot({ ...ctx, region: sourceRegion }, params.SourceSnapshotId);
  if (!found.ok) return found;
  const source = found.data;
  if (source.lifecycle.value !== 'completed') {
    return fail('IncorrectState', `Snapshot '${source.id}' is not in state 'completed' and cannot be copied yet.`);
  }
  const requestedKey = requestedCopyKey(params, account.accountId, region.RegionName);
  if (!requestedKey.ok) return requestedKey;
  const { encrypted, kmsKeyId } = copyEncryption(source, requestedKey.data, account.accountId, region.RegionName);
  const tags = tagsFromSpecifications(params.TagSpecifications, ['snapshot']);
  if (!tags.ok) return tags;
  const copy = createSnapshotRecord(tx, {
    ownerId: account.accountId,
    region: region.RegionName,
    volumeId: 'vol-ffffffff',
    volumeSize: source.volumeSize,
    encrypted,
    kmsKeyId,
    description: params.Description ?? `[Copied ${source.id} from ${sourceRegion.RegionName}] ${source.description}`,
    durationMs: snapshotCopyDurationMs(source.volumeSize, sourceRegion.RegionName !== region.RegionName),
    installed: source.installed,
    createdForImageId: null,
    sourceSnapshotId: source.id,
    sourceRegion: sourceRegion.RegionName,
    tags: initialTags(account.accountId, tags.data['snapshot']),
  });
  return ok({ SnapshotId: copy.id });
};

const deleteSnapshotParams = z.strictObject({ SnapshotId: z.string(), DryRun: dryRun });

/** DeleteSnapshot: refused while a registered AMI uses the snapshot (deregister the AMI first). */
export const deleteSnapshotOperation: Operation = (ctx, raw) => {
  const parsed = parseParams(deleteSnapshotParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpOwnSnapshot(ctx, parsed.data.SnapshotId);
  if (!found.ok) return found;
  const snapshot = found.data;
  const user = snapshot.usedByImageIds[0];
  if (user !== undefined) {
    return fail('InvalidSnapshot.InUse', `The snapshot ${snapshot.id} is currently in use by ${user}`);
  }
  // A Recycle Bin rule may keep it (issue 14); otherwise it is gone.
  if (!retainSnapshot(ctx.tx, snapshot)) deleteSnapshot(ctx.tx, snapshot);
  return ok({});
};

const describeSnapshotsParams = z.strictObject({
  SnapshotIds: z.optional(z.array(z.string())),
  OwnerIds: z.optional(z.array(z.string())),
  RestorableByUserIds: z.optional(z.array(z.string())),
  Filters: filtersParam,
  MaxResults: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
  DryRun: dryRun,
});

const SNAPSHOT_FILTERS = new Set([
  'description',
  'encrypted',
  'owner-alias',
  'owner-id',
  'progress',
  'snapshot-id',
  'start-time',
  'status',
  'volume-id',
  'volume-size',
  'tag-key',
  'tag-value',
]);

/** `amazon` for snapshots of Amazon's public catalogue. */
function snapshotOwnerAlias(ctx: CallContext, snapshot: SnapshotRecord): string | null {
  const imageId = snapshot.createdForImageId;
  const image: ImageRecord | undefined = imageId === null ? undefined : ctx.tx.get('image', imageId);
  return image !== undefined && image.ownerId === snapshot.ownerId ? image.ownerAlias : null;
}

function snapshotFilterValues(ctx: CallContext, snapshot: SnapshotRecord, name: string, tags: readonly Tag[]): readonly string[] {
  const tagValues = tagFilterValues(name, tags);
  if (tagValues !== undefined) return tagValues;
  switch (name) {
    case 'description':
      return [snapshot.description];
    case 'encrypted':
      return [String(snapshot.encrypted)];
    case 'owner-alias': {
      const alias = snapshotOwnerAlias(ctx, snapshot);
      return alias === null ? [] : [alias];
    }
    case 'owner-id':
      return [snapshot.ownerId];
    case 'progress':
      return [String(snapshotShape(snapshot, ctx.account.accountId, ctx.tx.world)['Progress'])];
    case 'snapshot-id':
      return [snapshot.id];
    case 'start-time':
      return [new Date(snapshot.startTime).toISOString()];
    case 'status':
      return [snapshot.lifecycle.value];
    case 'volume-id':
      return [snapshot.volumeId];
    case 'volume-size':
      return [String(snapshot.volumeSize)];
    default:
      return [];
  }
}

/** DescribeSnapshots: the caller's, public, and shared snapshots in the Region. */
export const describeSnapshots: Operation = (ctx, raw) => {
  const parsed = parseParams(describeSnapshotsParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const { tx, account, region } = ctx;
  for (const owner of params.OwnerIds ?? []) {
    if (owner !== 'self' && owner !== 'amazon' && !ACCOUNT_ID_PATTERN.test(owner)) {
      return fail('InvalidUserID.Malformed', `Invalid user id: "${owner}"`);
    }
  }
  for (const user of params.RestorableByUserIds ?? []) {
    if (user !== 'self' && user !== 'all' && !ACCOUNT_ID_PATTERN.test(user)) {
      return fail('InvalidUserID.Malformed', `Invalid user id: "${user}"`);
    }
  }
  const filters = compileFilters(params.Filters, SNAPSHOT_FILTERS);
  if (!filters.ok) return filters;
  let candidates: SnapshotRecord[];
  if (params.SnapshotIds !== undefined && params.SnapshotIds.length > 0) {
    const malformed = params.SnapshotIds.find((id) => !isWellFormedId('snapshot', id));
    if (malformed !== undefined) return malformedId('snapshot', malformed);
    candidates = [];
    const missing: string[] = [];
    for (const id of params.SnapshotIds) {
      const snapshot = tx.get('snapshot', id);
      if (snapshot === undefined || snapshot.region !== region.RegionName || !canSeeSnapshot(snapshot, account)) missing.push(id);
      else if (!candidates.includes(snapshot)) candidates.push(snapshot);
    }
    if (missing.length > 0) return notFound('snapshot', missing);
  } else {
    candidates = [];
    const snapshots = tx.world.snapshots;
    for (const id in snapshots) {
      const snapshot = snapshots[id] as SnapshotRecord;
      if (snapshot.region === region.RegionName && canSeeSnapshot(snapshot, account)) candidates.push(snapshot);
    }
  }
  const owners = params.OwnerIds ?? [];
  const restorable = params.RestorableByUserIds ?? [];
  const Snapshots: Record<string, unknown>[] = [];
  for (const snapshot of candidates) {
    if (
      owners.length > 0 &&
      !owners.some((owner) =>
        owner === 'self' ? snapshot.ownerId === account.accountId : owner === 'amazon' ? snapshotOwnerAlias(ctx, snapshot) === 'amazon' : owner === snapshot.ownerId,
      )
    ) {
      continue;
    }
    if (
      restorable.length > 0 &&
      !restorable.some((user) =>
        user === 'all' ? snapshot.createVolumePermission.public : snapshot.createVolumePermission.userIds.includes(user === 'self' ? account.accountId : user),
      )
    ) {
      continue;
    }
    const tags = tagsFor(snapshot.tags, account.accountId);
    if (!matchesFilters(filters.data, (name) => snapshotFilterValues(ctx, snapshot, name, tags), tags)) continue;
    const shape = snapshotShape(snapshot, account.accountId, tx.world);
    const alias = snapshotOwnerAlias(ctx, snapshot);
    if (alias !== null) shape['OwnerAlias'] = alias;
    Snapshots.push(shape);
  }
  return ok({ Snapshots });
};

const permissionItem = z.strictObject({ UserId: z.optional(z.string()), Group: z.optional(z.string()) });

const modifySnapshotAttributeParams = z.strictObject({
  SnapshotId: z.string(),
  Attribute: z.optional(z.string()),
  CreateVolumePermission: z.optional(z.strictObject({ Add: z.optional(z.array(permissionItem)), Remove: z.optional(z.array(permissionItem)) })),
  OperationType: z.optional(z.enum(['add', 'remove'])),
  UserIds: z.optional(z.array(z.string())),
  GroupNames: z.optional(z.array(z.string())),
  DryRun: dryRun,
});

interface PermissionChange {
  readonly userIds: readonly string[];
  readonly everyone: boolean;
}

function toPermissionChange(items: readonly z.output<typeof permissionItem>[]): ApiResult<PermissionChange> {
  const userIds: string[] = [];
  let everyone = false;
  for (const item of items) {
    if (item.UserId !== undefined) {
      if (!ACCOUNT_ID_PATTERN.test(item.UserId)) {
        return fail('InvalidAMIAttributeItemValue', `Invalid attribute item value "${item.UserId}" for userId item type.`);
      }
      userIds.push(item.UserId);
    }
    if (item.Group !== undefined) {
      if (item.Group !== 'all') {
        return fail('InvalidAMIAttributeItemValue', `Invalid attribute item value "${item.Group}" for UserGroup item type.`);
      }
      everyone = true;
    }
  }
  return ok({ userIds, everyone });
}

/**
 * ModifySnapshotAttribute (createVolumePermission): lets other accounts, or everyone, create
 * volumes from the snapshot, which a grantee needs before it can copy an AMI shared with it.
 */
export const modifySnapshotAttribute: Operation = (ctx, raw) => {
  const parsed = parseParams(modifySnapshotAttributeParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (params.Attribute !== undefined && params.Attribute !== 'createVolumePermission') {
    return fail('InvalidParameterValue', `Value (${params.Attribute}) for parameter attribute is invalid. Valid values: createVolumePermission`);
  }
  const flat = [...(params.UserIds ?? []).map((UserId) => ({ UserId })), ...(params.GroupNames ?? []).map((Group) => ({ Group }))];
  const addItems = [...(params.CreateVolumePermission?.Add ?? []), ...(params.OperationType === 'remove' ? [] : flat)];
  const removeItems = [...(params.CreateVolumePermission?.Remove ?? []), ...(params.OperationType === 'remove' ? flat : [])];
  if (addItems.length === 0 && removeItems.length === 0) {
    return fail('MissingParameter', 'The request must contain the parameter CreateVolumePermission');
  }
  const add = toPermissionChange(addItems);
  if (!add.ok) return add;
  const remove = toPermissionChange(removeItems);
  if (!remove.ok) return remove;
  const found = lookUpOwnSnapshot(ctx, params.SnapshotId);
  if (!found.ok) return found;
  const snapshot = found.data;
  if (add.data.everyone && snapshot.encrypted) {
    return fail('InvalidParameterValue', `Encrypted snapshot '${snapshot.id}' cannot be made public.`);
  }
  if (add.data.userIds.length > 0 && isAwsManagedEbsKey(snapshot.kmsKeyId, snapshot.ownerId, snapshot.region)) {
    return fail(
      'InvalidParameterValue',
      `Snapshot '${snapshot.id}' is encrypted with the AWS managed key aws/ebs, which cannot be shared; copy it with a customer managed key first.`,
    );
  }
  const userIds = [...snapshot.createVolumePermission.userIds];
  for (const id of add.data.userIds) if (!userIds.includes(id)) userIds.push(id);
  const kept = userIds.filter((id) => !remove.data.userIds.includes(id));
  const isPublicNow = (snapshot.createVolumePermission.public || add.data.everyone) && !remove.data.everyone;
  ctx.tx.put('snapshot', { ...snapshot, createVolumePermission: { userIds: kept, public: isPublicNow } });
  return ok({});
};

const describeSnapshotAttributeParams = z.strictObject({ SnapshotId: z.string(), Attribute: z.string(), DryRun: dryRun });

/** DescribeSnapshotAttribute: createVolumePermission or productCodes of an owned snapshot. */
export const describeSnapshotAttribute: Operation = (ctx, raw) => {
  const parsed = parseParams(describeSnapshotAttributeParams, raw);
  if (!parsed.ok) return parsed;
  const { SnapshotId, Attribute } = parsed.data;
  if (Attribute !== 'createVolumePermission' && Attribute !== 'productCodes') {
    return fail('InvalidParameterValue', `Value (${Attribute}) for parameter attribute is invalid. Valid values: createVolumePermission | productCodes`);
  }
  const found = lookUpOwnSnapshot(ctx, SnapshotId);
  if (!found.ok) return found;
  if (Attribute === 'productCodes') return ok({ SnapshotId, ProductCodes: [] });
  const permission = found.data.createVolumePermission;
  return ok({
    SnapshotId,
    CreateVolumePermissions: [...(permission.public ? [{ Group: 'all' }] : []), ...permission.userIds.map((UserId) => ({ UserId }))],
  });
};
