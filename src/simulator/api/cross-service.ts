/**
 * Rules where EC2 meets the other services, applied before an EC2 operation runs so the EC2
 * modules stay as they are:
 *
 * - `resolve:ssm:<name>` as RunInstances' `ImageId` (EC2 user guide, "Use a Systems Manager
 *   parameter instead of an AMI ID"): the parameter (public, or the caller's, with an optional
 *   `:version` / `:label` selector) is read in the call's Region and its value launched.
 * - Copies from an opt-in Region the account has not enabled (CopyImage, CopySnapshot with a
 *   `SourceRegion`): AWS's documentation says only that both Regions must be enabled ("Copy an
 *   AMI": "To copy an AMI to or from an opt-in Region, you must enable the Region"); the lab
 *   answers as a call sent there would, `AuthFailure`, naming the Region (a choice, see README).
 */
import { type CatalogueRecord, catalogueEntryRecords, hasRegionCatalogue, RELEASE_TIMER_ID, regionCatalogueRecords, releaseEntries } from '../model/catalogue.ts';
import { type ApiResult, fail, type Failure, ok } from '../model/errors.ts';
import type { Transaction } from '../model/world.ts';
import { findRegion, REGIONS } from '../model/regions.ts';
import { isRegionUsable } from '../model/region-opt-in.ts';
import type { CallContext } from './context.ts';
import { resolveParameterValue } from './ssm.ts';

const RESOLVE_SSM = 'resolve:ssm:';

/** RunInstances params with a `resolve:ssm:` ImageId replaced by the parameter's value. */
export function resolveSsmImageId(ctx: CallContext, params: unknown): ApiResult<unknown> {
  if (params === null || typeof params !== 'object') return ok(params);
  const imageId = (params as { ImageId?: unknown }).ImageId;
  if (typeof imageId !== 'string' || !imageId.startsWith(RESOLVE_SSM)) return ok(params);
  const name = imageId.slice(RESOLVE_SSM.length);
  const value = resolveParameterValue(ctx, name);
  if (!value.ok) {
    return fail('InvalidParameterValue', `Invalid value '${imageId}' for ImageId. The SSM parameter ${name} could not be resolved: ${value.error.Code}.`);
  }
  return ok({ ...(params as Record<string, unknown>), ImageId: value.data });
}

/** `AuthFailure` when an EC2 call copies from an opt-in Region the account has not enabled. */
export function checkOptInSources(ctx: CallContext, params: unknown): Failure | null {
  if (params === null || typeof params !== 'object') return null;
  const sourceRegion = (params as { SourceRegion?: unknown }).SourceRegion;
  if (typeof sourceRegion !== 'string') return null;
  const region = findRegion(sourceRegion);
  if (region === undefined || isRegionUsable(ctx.tx.world, ctx.account.accountId, region)) return null;
  return fail(
    'AuthFailure',
    `AWS was not able to validate the provided access credentials in the source Region ${sourceRegion}: the Region is not enabled for account ${ctx.account.accountId}.`,
  );
}

/**
 * Adds a Region's public catalogue to the world on the Region's first use (see
 * `EAGER_CATALOGUE_REGIONS`): the images were always there in AWS, so nothing is logged. Inside
 * the call's transaction, so a failed first call leaves the world as it was.
 */
export function ensureRegionCatalogue(tx: Transaction, regionName: string): void {
  const world = tx.world;
  if (hasRegionCatalogue(world, regionName)) return;
  for (const record of regionCatalogueRecords(regionName, world.images, world.snapshots)) putCatalogueRecord(tx, record);
  // Builds released so far (issue 14) are there too.
  for (const at of world.catalogueReleases?.released ?? []) {
    for (const entry of releaseEntries(at)) for (const record of catalogueEntryRecords(regionName, entry, world.images, world.snapshots)) putCatalogueRecord(tx, record);
  }
}

function putCatalogueRecord(tx: Transaction, record: CatalogueRecord): void {
  if (record.type === 'image') tx.putExisting('image', record.image);
  else tx.putExisting('snapshot', record.snapshot);
}

/**
 * The catalogue's release timer came due (issue 14): a new Amazon Linux 2023 build in every Region
 * whose catalogue the world holds, and the next release scheduled.
 */
export function fireCatalogueRelease(tx: Transaction): void {
  tx.setTimer(RELEASE_TIMER_ID, undefined);
  const releases = tx.world.catalogueReleases;
  if (releases === undefined) return;
  const at = releases.nextAt;
  for (const region of REGIONS) {
    if (!hasRegionCatalogue(tx.world, region.RegionName)) continue;
    for (const entry of releaseEntries(at)) {
      for (const record of catalogueEntryRecords(region.RegionName, entry, tx.world.images, tx.world.snapshots)) {
        if (record.type === 'image') tx.put('image', record.image, 'catalogue.release');
        else tx.putExisting('snapshot', record.snapshot);
      }
    }
  }
  const nextAt = at + releases.everyDays * 24 * 3_600_000;
  tx.setCatalogueReleases({ ...releases, nextAt, released: [...releases.released, at] });
  tx.setTimer(RELEASE_TIMER_ID, { at: nextAt, resourceType: 'catalogue-release', event: 'release' });
}

/** The Regions an EC2 call reads from besides its own (a copy's `SourceRegion`). */
export function sourceRegionOf(params: unknown): string | undefined {
  if (params === null || typeof params !== 'object') return undefined;
  const sourceRegion = (params as { SourceRegion?: unknown }).SourceRegion;
  return typeof sourceRegion === 'string' && findRegion(sourceRegion) !== undefined ? sourceRegion : undefined;
}
