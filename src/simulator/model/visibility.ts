/**
 * Who may see and use an image or a snapshot: the launch-permission and createVolumePermission
 * rules, in one place for the EC2 operations, the scenario goal checks and the lab's views.
 */
import { type AccountInfo, findAccount } from './accounts.ts';
import { DEREGISTERED_VISIBLE_MS } from './durations.ts';
import type { ImageRecord, SnapshotRecord } from './world-schema.ts';

/** An account, or the ID of one of the lab's accounts (an unknown ID is granted nothing). */
export type AccountRef = AccountInfo | string;

function accountOf(ref: AccountRef): AccountInfo | undefined {
  return typeof ref === 'string' ? findAccount(ref) : ref;
}

/** Whether an image is public (launch permission for group `all`). */
export function isPublic(image: Pick<ImageRecord, 'launchPermissions'>): boolean {
  return image.launchPermissions.some((permission) => 'Group' in permission);
}

/** Whether an account is granted launch permission explicitly, through its organisation or OU. */
export function isSharedWith(image: Pick<ImageRecord, 'launchPermissions'>, ref: AccountRef): boolean {
  const account = accountOf(ref);
  if (account === undefined) return false;
  return image.launchPermissions.some(
    (permission) =>
      ('UserId' in permission && permission.UserId === account.accountId) ||
      ('OrganizationArn' in permission && permission.OrganizationArn === account.organizationArn) ||
      ('OrganizationalUnitArn' in permission && permission.OrganizationalUnitArn === account.organizationalUnitArn),
  );
}

/** Whether an account may launch an image (owner, public, or shared with it). */
export function canUseImage(image: Pick<ImageRecord, 'ownerId' | 'launchPermissions'>, ref: AccountRef): boolean {
  const accountId = typeof ref === 'string' ? ref : ref.accountId;
  return image.ownerId === accountId || isPublic(image) || isSharedWith(image, ref);
}

/** Whether an image is deprecated at `now`. */
export function isDeprecated(image: Pick<ImageRecord, 'deprecationTime'>, now: number): boolean {
  return image.deprecationTime !== null && image.deprecationTime <= now;
}

/** Whether a deregistered image can still be described by ID (a short while after deregistration). */
export function isRecentlyDeregistered(image: Pick<ImageRecord, 'deregisteredAt'>, now: number): boolean {
  return image.deregisteredAt !== null && now - image.deregisteredAt < DEREGISTERED_VISIBLE_MS;
}

/** Whether an account may see a snapshot: owner, public, or createVolumePermission for it. */
export function canSeeSnapshot(snapshot: SnapshotRecord, account: AccountInfo): boolean {
  return snapshot.ownerId === account.accountId || snapshot.createVolumePermission.public || snapshot.createVolumePermission.userIds.includes(account.accountId);
}
