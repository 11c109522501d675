/**
 * The Account Management API's Region operations (boto3 client `account`): EnableRegion,
 * DisableRegion, GetRegionOptStatus, ListRegions. Shapes and errors from the service model
 * (botocore `account/2021-02-01/service-2.json`): `RegionOptStatus` is one of ENABLED, ENABLING,
 * DISABLING, DISABLED, ENABLED_BY_DEFAULT; a change while one is in progress is a
 * `ConflictException` (its documentation: "if you try to enable a Region that is currently being
 * disabled"); a Region that cannot be opted into is a `ValidationException` with reason
 * `invalidRegionOptTarget`.
 *
 * The Account API is global: the request's Region does not matter (it is still checked to exist).
 * `AccountId` may name the caller itself; naming another account needs the organisation's
 * management account, which the lab's accounts are not, so it answers `AccessDeniedException`.
 */
import { type ApiResult, fail, ok } from '../model/errors.ts';
import { findRegion, type RegionInfo, REGIONS } from '../model/regions.ts';
import { REGION_DISABLE_MS, REGION_ENABLE_MS, regionOptInKey, regionOptStatus } from '../model/region-opt-in.ts';
import { REGION_OPT_STATUSES } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import type { CallContext, Operation } from './context.ts';
import { parseJsonParams } from './json-params.ts';

const accountIdParam = z.optional(z.string().check(z.regex(/^\d{12}$/, 'Member must satisfy regular expression pattern: ^\\d{12}$')));

/** The account an operation acts on: the caller, or (refused) another one. */
function targetAccount(ctx: CallContext, accountId: string | undefined): ApiResult<string> {
  if (accountId === undefined || accountId === ctx.account.accountId) return ok(ctx.account.accountId);
  return fail(
    'AccessDeniedException',
    `User: arn:aws:iam::${ctx.account.accountId}:root is not authorized to perform this operation on account ${accountId}: ` +
      'only the management account or a delegated administrator of its organization may name another account.',
  );
}

function regionNamed(name: string): ApiResult<RegionInfo> {
  const region = findRegion(name);
  if (region === undefined) return fail('ValidationException', `The specified Region ${name} is not a valid AWS Region.`);
  return ok(region);
}

function optTarget(name: string): ApiResult<RegionInfo> {
  const found = regionNamed(name);
  if (!found.ok) return found;
  if (!found.data.OptIn) {
    return fail('ValidationException', `The Region ${name} is enabled by default and cannot be enabled or disabled (reason: invalidRegionOptTarget).`);
  }
  return found;
}

const regionParams = z.strictObject({ AccountId: accountIdParam, RegionName: z.string() });

/** The two directions of a Region opt-in change, which differ only in these words and numbers. */
const OPT_IN_CHANGES = {
  enable: { enabled: true, settled: 'ENABLED', moving: 'ENABLING', blockedBy: 'DISABLING', waitFor: 'DISABLED', opposite: 'disabled', durationMs: REGION_ENABLE_MS },
  disable: { enabled: false, settled: 'DISABLED', moving: 'DISABLING', blockedBy: 'ENABLING', waitFor: 'ENABLED', opposite: 'enabled', durationMs: REGION_DISABLE_MS },
} as const;

/**
 * EnableRegion / DisableRegion: the Region is ENABLING (DISABLING) for a while, then ENABLED
 * (DISABLED); asking for the state it is in or moving to does nothing, and a Region moving the
 * other way is a conflict. A disabled Region's resources stay but cannot be reached.
 */
function changeRegionOptIn(direction: keyof typeof OPT_IN_CHANGES): Operation {
  const change = OPT_IN_CHANGES[direction];
  return (ctx, raw) => {
    const parsed = parseJsonParams(regionParams, raw);
    if (!parsed.ok) return parsed;
    const account = targetAccount(ctx, parsed.data.AccountId);
    if (!account.ok) return account;
    const region = optTarget(parsed.data.RegionName);
    if (!region.ok) return region;
    const status = regionOptStatus(ctx.tx.world, account.data, region.data);
    if (status === change.blockedBy) {
      return fail(
        'ConflictException',
        `The Region ${region.data.RegionName} is being ${change.opposite}; wait until it is ${change.waitFor} before ${direction === 'enable' ? 'enabling' : 'disabling'} it.`,
      );
    }
    if (status === change.settled || status === change.moving) return ok({});
    const now = ctx.tx.now;
    ctx.tx.setRegionOptIn(regionOptInKey(account.data, region.data.RegionName), { enabled: change.enabled, changedAt: now, settlesAt: now + change.durationMs });
    return ok({});
  };
}

export const enableRegion = changeRegionOptIn('enable');
export const disableRegion = changeRegionOptIn('disable');

/** GetRegionOptStatus: `{ RegionName, RegionOptStatus }`. */
export const getRegionOptStatus: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(regionParams, raw);
  if (!parsed.ok) return parsed;
  const account = targetAccount(ctx, parsed.data.AccountId);
  if (!account.ok) return account;
  const region = regionNamed(parsed.data.RegionName);
  if (!region.ok) return region;
  return ok({ RegionName: region.data.RegionName, RegionOptStatus: regionOptStatus(ctx.tx.world, account.data, region.data) });
};

const listParams = z.strictObject({
  AccountId: accountIdParam,
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(50))),
  NextToken: z.optional(z.string()),
  RegionOptStatusContains: z.optional(z.array(z.enum(REGION_OPT_STATUSES))),
});

/**
 * ListRegions: every Region with its status, optionally filtered by status. With `MaxResults`,
 * at most that many and a `NextToken` for the rest; without it, all of them.
 */
export const listRegions: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(listParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const account = targetAccount(ctx, params.AccountId);
  if (!account.ok) return account;
  const wanted = params.RegionOptStatusContains;
  const all = REGIONS.map((region) => ({ RegionName: region.RegionName, RegionOptStatus: regionOptStatus(ctx.tx.world, account.data, region) })).filter(
    (region) => wanted === undefined || wanted.length === 0 || wanted.includes(region.RegionOptStatus),
  );
  const start = params.NextToken === undefined ? 0 : Number.parseInt(params.NextToken, 10);
  if (!Number.isInteger(start) || start < 0 || start > all.length || (params.NextToken !== undefined && String(start) !== params.NextToken)) {
    return fail('ValidationException', `The NextToken ${params.NextToken ?? ''} is not valid.`);
  }
  const size = params.MaxResults ?? all.length;
  const Regions = all.slice(start, start + size);
  return ok(start + size < all.length ? { Regions, NextToken: String(start + size) } : { Regions });
};
