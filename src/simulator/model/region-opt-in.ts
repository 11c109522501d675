/**
 * Opt-in Regions (issue 13, item 1). Regions AWS introduced after March 20, 2019 are disabled in
 * every account until the account enables them (Account Management guide, "Specify which AWS
 * Regions your account can use"); enabling and disabling take time (AWS: "a few minutes, up to
 * several hours"), during which the Account API answers `ENABLING` / `DISABLING`.
 *
 * The status is derived from the world's `regionOptIns` record and the clock, so it needs no timer.
 */
import { type Failure, fail } from './errors.ts';
import type { RegionInfo } from './regions.ts';
import type { RegionOptStatus, World } from './world-schema.ts';

/** How long EnableRegion takes in simulated time (AWS: minutes, up to several hours). */
export const REGION_ENABLE_MS = 15 * 60_000;
/** How long DisableRegion takes in simulated time. */
export const REGION_DISABLE_MS = 15 * 60_000;

/** Key of an account's opt-in record for a Region. */
export function regionOptInKey(accountId: string, regionName: string): string {
  return `${accountId}/${regionName}`;
}

/** The Account API's `RegionOptStatus` of a Region for an account at `now`. */
export function regionOptStatus(world: Readonly<World>, accountId: string, region: RegionInfo): RegionOptStatus {
  if (!region.OptIn) return 'ENABLED_BY_DEFAULT';
  const record = world.regionOptIns[regionOptInKey(accountId, region.RegionName)];
  if (record === undefined) return 'DISABLED';
  const settled = world.now >= record.settlesAt;
  if (record.enabled) return settled ? 'ENABLED' : 'ENABLING';
  return settled ? 'DISABLED' : 'DISABLING';
}

/** Whether an account can use a Region now (enabled by default, or enabled and done enabling). */
export function isRegionUsable(world: Readonly<World>, accountId: string, region: RegionInfo): boolean {
  const status = regionOptStatus(world, accountId, region);
  return status === 'ENABLED_BY_DEFAULT' || status === 'ENABLED';
}

/** EC2's `OptInStatus` of a Region for DescribeRegions. */
export function ec2OptInStatus(world: Readonly<World>, accountId: string, region: RegionInfo): 'opt-in-not-required' | 'opted-in' | 'not-opted-in' {
  if (!region.OptIn) return 'opt-in-not-required';
  return isRegionUsable(world, accountId, region) ? 'opted-in' : 'not-opted-in';
}

/**
 * The answer to a call sent to a Region the account has not enabled. AWS rejects the credentials
 * there: EC2 answers `AuthFailure` "AWS was not able to validate the provided access credentials"
 * (AWS re:Post knowledge center, "Why did I get the error 'AWS was not able to validate the
 * provided access credentials' in some AWS Regions?": Regions not enabled by default reject
 * the request); JSON-protocol services such as SSM answer `UnrecognizedClientException`
 * "The security token included in the request is invalid." (the same rejection in their protocol).
 */
export function regionNotEnabled(service: string): Failure {
  if (service === 'ec2' || service === 'autoscaling') {
    return fail('AuthFailure', 'AWS was not able to validate the provided access credentials');
  }
  return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
}
