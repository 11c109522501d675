/**
 * The Recycle Bin (issue 14): which retention rule keeps a deleted AMI or snapshot, putting it in
 * the bin, taking it out again, and deleting it for good when its retention period ends.
 *
 * AWS's rules, each from the Amazon EBS user guide:
 * - "If a resource matches more than one retention rule upon deletion, then the retention rule with
 *   the longest retention period takes precedence." — "When you create your first retention rule,
 *   it can take up to 30 minutes for the rule to become active … subsequent retention rules become
 *   active and start retaining resources almost immediately." — "You can't manually delete a
 *   resource from the Recycle Bin." — a resource in the bin gets the system tag
 *   `aws:recycle-bin:resource-in-bin` = `true`, removed on restore.
 *   (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/recycle-bin-factors.html)
 * - Tag-level rules keep resources with at least one of their tag pairs; Region-level rules keep
 *   every resource of the type except those with an exclusion tag
 *   (https://docs.aws.amazon.com/ebs/latest/userguide/recycle-bin-working-with-rules.html,
 *   CloudFormation `AWS::Rbin::Rule` `ExcludeResourceTags`).
 * - "Snapshots in the Recycle Bin are billed at the same rate as regular snapshots"; "AMIs in the
 *   Recycle Bin do not incur any additional charges" (recycle-bin-working-with-snaps.html,
 *   recycle-bin-working-with-amis.html).
 * - Deleting a rule does not release what it already keeps: "Resources that were sent to the
 *   Recycle Bin before the retention rule was deleted continue to be retained … according to the
 *   retention period defined in the retention rule" (recycle-bin-delete-rule.html).
 */
import { snapshotIdsOf } from './block-devices.ts';
import type { Transaction } from './world.ts';
import type { ImageRecord, RecycleBinEntry, RecycleBinRule, RecycleBinResourceType, ResourceTag, SnapshotRecord, Tag, World } from './world-schema.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The first rule of an account in a Region becomes active after up to 30 minutes (recycle-bin-factors.html). */
export const FIRST_RULE_ACTIVATION_MS = 30 * MINUTE;
/** One retention or unlock-delay day. */
export const RECYCLE_BIN_DAY_MS = DAY;
/** The system tag on a resource in the bin. */
export const IN_BIN_TAG: Tag = { Key: 'aws:recycle-bin:resource-in-bin', Value: 'true' };
/** Timer event that deletes a resource from the bin for good (ignored by "pending work" as AWS's own housekeeping). */
export const BIN_EXPIRY_EVENT = 'purge';

/** A rule's status at `now`: only `available` rules retain resources (rbin `RuleStatus`). */
export function ruleStatus(rule: RecycleBinRule, now: number): 'pending' | 'available' {
  return now >= rule.activeAt ? 'available' : 'pending';
}

/** A rule's lock state at `now` (rbin `LockState`), or null if it was never locked. */
export function ruleLockState(rule: RecycleBinRule, now: number): 'locked' | 'pending_unlock' | 'unlocked' | null {
  if (rule.lockState === 'unlocked' && rule.lockEndTime !== null && now < rule.lockEndTime) return 'pending_unlock';
  return rule.lockState;
}

function hasTag(tags: readonly Tag[], wanted: ResourceTag): boolean {
  return tags.some((tag) => tag.Key === wanted.ResourceTagKey && (wanted.ResourceTagValue === undefined || tag.Value === wanted.ResourceTagValue));
}

/** Whether a rule keeps a resource with these (owner's) tags. */
export function ruleMatches(rule: RecycleBinRule, tags: readonly Tag[]): boolean {
  if (rule.resourceTags.length > 0) return rule.resourceTags.some((wanted) => hasTag(tags, wanted));
  return !rule.excludeResourceTags.some((excluded) => hasTag(tags, excluded));
}

/** The rules of an account in a Region, in creation order. */
export function rulesOf(world: Readonly<World>, accountId: string, region: string): RecycleBinRule[] {
  return Object.values(world.recycleBinRules ?? {}).filter((rule) => rule.ownerId === accountId && rule.region === region);
}

/** The active rule with the longest retention that keeps a resource, if any. */
export function retainingRule(world: Readonly<World>, resourceType: RecycleBinResourceType, record: ImageRecord | SnapshotRecord): RecycleBinRule | undefined {
  const tags = record.tags[record.ownerId] ?? [];
  let best: RecycleBinRule | undefined;
  for (const rule of rulesOf(world, record.ownerId, record.region)) {
    if (rule.resourceType !== resourceType || ruleStatus(rule, world.now) !== 'available' || !ruleMatches(rule, tags)) continue;
    if (best === undefined || rule.retentionDays > best.retentionDays) best = rule;
  }
  return best;
}

function withBinTag<T extends ImageRecord | SnapshotRecord>(record: T): T {
  const own = (record.tags[record.ownerId] ?? []).filter((tag) => tag.Key !== IN_BIN_TAG.Key);
  return { ...record, tags: { ...record.tags, [record.ownerId]: [...own, IN_BIN_TAG] } };
}

/** The record without the bin's system tag, as a restore gives it back. */
export function withoutBinTag<T extends ImageRecord | SnapshotRecord>(record: T): T {
  const own = record.tags[record.ownerId];
  if (own === undefined || !own.some((tag) => tag.Key === IN_BIN_TAG.Key)) return record;
  const rest = own.filter((tag) => tag.Key !== IN_BIN_TAG.Key);
  const tags = { ...record.tags };
  if (rest.length > 0) tags[record.ownerId] = rest;
  else delete tags[record.ownerId];
  return { ...record, tags };
}

function binEntry(resourceType: 'image' | 'snapshot', record: ImageRecord | SnapshotRecord, rule: RecycleBinRule, now: number): RecycleBinEntry {
  const common = { enteredAt: now, expiresAt: now + rule.retentionDays * DAY, ruleId: rule.identifier };
  return resourceType === 'image'
    ? { resourceType, record: withBinTag(record as ImageRecord), ...common }
    : { resourceType, record: withBinTag(record as SnapshotRecord), ...common };
}

/**
 * Puts an AMI that is being deregistered into the bin if a rule keeps it. `before` is the record
 * as it was before deregistration (what a restore gives back); the deregistered record is taken
 * out of the images at once (an AMI in the bin is not described). Returns whether it was kept.
 * Rules apply to available and disabled AMIs (recycle-bin.html: "Retention rules also apply to
 * disabled AMIs"); a pending or failed one is not kept.
 */
export function retainImage(tx: Transaction, before: ImageRecord): boolean {
  if (before.lifecycle.value !== 'available' && before.lifecycle.value !== 'disabled') return false;
  const rule = retainingRule(tx.world, 'EC2_IMAGE', before);
  if (rule === undefined) return false;
  const entry = binEntry('image', before, rule, tx.now);
  tx.remove('image', before.id);
  tx.setRecycleBinEntry(before.id, entry);
  tx.setTimer(before.id, { at: entry.expiresAt, resourceType: 'recycle-bin', event: BIN_EXPIRY_EVENT });
  return true;
}

/**
 * Puts a snapshot that is being deleted into the bin if a rule keeps it; its meter runs on (a
 * snapshot in the bin is billed as before). Returns whether it was kept.
 */
export function retainSnapshot(tx: Transaction, snapshot: SnapshotRecord): boolean {
  if (snapshot.lifecycle.value !== 'completed') return false;
  const rule = retainingRule(tx.world, 'EBS_SNAPSHOT', snapshot);
  if (rule === undefined) return false;
  const entry = binEntry('snapshot', snapshot, rule, tx.now);
  tx.remove('snapshot', snapshot.id);
  tx.setRecycleBinEntry(snapshot.id, entry);
  tx.setTimer(snapshot.id, { at: entry.expiresAt, resourceType: 'recycle-bin', event: BIN_EXPIRY_EVENT });
  return true;
}

/** The retention period ended: the resource is deleted for good (a snapshot's bill line ends). */
export function expireFromBin(tx: Transaction, id: string): void {
  tx.setTimer(id, undefined);
  const entry = tx.world.recycleBin?.[id];
  if (entry === undefined) return;
  tx.setRecycleBinEntry(id, undefined);
  if (entry.resourceType === 'snapshot') {
    tx.endMeter(id, `${entry.record.volumeSize} GiB snapshot ${id} (deleted from the Recycle Bin)`);
  }
}

/** Why an AMI in the bin cannot be restored yet, or null: each of its snapshots must exist outside the bin. */
export function imageRestoreBlocker(world: Readonly<World>, image: ImageRecord): { readonly snapshotId: string; readonly inBin: boolean } | null {
  for (const snapshotId of snapshotIdsOf(image)) {
    if (snapshotId in world.snapshots) continue;
    return { snapshotId, inBin: world.recycleBin !== undefined && snapshotId in world.recycleBin };
  }
  return null;
}

/** Takes an AMI out of the bin: it is registered again as it was, holding its snapshots again. */
export function restoreImage(tx: Transaction, entry: Extract<RecycleBinEntry, { resourceType: 'image' }>): ImageRecord {
  const image: ImageRecord = { ...withoutBinTag(entry.record), restoredFromRecycleBinAt: tx.now };
  tx.setTimer(image.id, undefined);
  tx.setRecycleBinEntry(image.id, undefined);
  tx.put('image', image, 'image.restore-from-recycle-bin');
  for (const snapshotId of snapshotIdsOf(image)) {
    const snapshot = tx.get('snapshot', snapshotId);
    if (snapshot !== undefined && !snapshot.usedByImageIds.includes(image.id)) {
      tx.put('snapshot', { ...snapshot, usedByImageIds: [...snapshot.usedByImageIds, image.id] });
    }
  }
  return image;
}

/** Takes a snapshot out of the bin, as it was (its meter never stopped). */
export function restoreSnapshot(tx: Transaction, entry: Extract<RecycleBinEntry, { resourceType: 'snapshot' }>): SnapshotRecord {
  // A deleted snapshot was held by no registered AMI, so it comes back held by none.
  const snapshot = withoutBinTag(entry.record);
  tx.setTimer(snapshot.id, undefined);
  tx.setRecycleBinEntry(snapshot.id, undefined);
  tx.put('snapshot', snapshot, 'snapshot.restore-from-recycle-bin');
  return snapshot;
}
