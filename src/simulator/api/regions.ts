/** DescribeRegions and DescribeAvailabilityZones. */
import * as z from '../model/zod.ts';
import { fail, ok } from '../model/errors.ts';
import { findRegion, REGIONS } from '../model/regions.ts';
import { ec2OptInStatus } from '../model/region-opt-in.ts';
import { compileFilters, type Operation, matchesFilters } from './context.ts';
import { dryRun, filtersParam, parseParams } from './params.ts';

const describeRegionsParams = z.strictObject({
  RegionNames: z.optional(z.array(z.string())),
  Filters: filtersParam,
  AllRegions: z.optional(z.boolean()),
  DryRun: dryRun,
});

const REGION_FILTERS = new Set(['region-name', 'endpoint', 'opt-in-status']);

/**
 * DescribeRegions: the Regions the account can use, or with `AllRegions` every Region, each with
 * its `OptInStatus` (`opt-in-not-required`, `opted-in`, `not-opted-in`; EC2 API reference,
 * DescribeRegions). Regions named in `RegionNames` are listed whatever their status.
 */
export const describeRegions: Operation = (ctx, raw) => {
  const parsed = parseParams(describeRegionsParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const unknown = (params.RegionNames ?? []).filter((name) => findRegion(name) === undefined);
  if (unknown.length > 0) return fail('InvalidParameterValue', `Invalid region names: ${unknown.join(', ')}`);
  const filters = compileFilters(params.Filters, REGION_FILTERS);
  if (!filters.ok) return filters;
  const named = params.RegionNames !== undefined && params.RegionNames.length > 0;
  const Regions = REGIONS.filter((region) => !named || (params.RegionNames ?? []).includes(region.RegionName))
    .map((region) => ({
      Endpoint: `ec2.${region.RegionName}.amazonaws.com`,
      RegionName: region.RegionName,
      OptInStatus: ec2OptInStatus(ctx.tx.world, ctx.account.accountId, region),
    }))
    .filter((region) => named || params.AllRegions === true || region.OptInStatus !== 'not-opted-in')
    .filter((region) =>
      matchesFilters(filters.data, (name) => (name === 'region-name' ? [region.RegionName] : name === 'endpoint' ? [region.Endpoint] : [region.OptInStatus]), []),
    );
  return ok({ Regions });
};

const describeZonesParams = z.strictObject({
  ZoneNames: z.optional(z.array(z.string())),
  ZoneIds: z.optional(z.array(z.string())),
  Filters: filtersParam,
  AllAvailabilityZones: z.optional(z.boolean()),
  DryRun: dryRun,
});

const ZONE_FILTERS = new Set(['zone-name', 'zone-id', 'region-name', 'state', 'zone-type', 'group-name']);

/** DescribeAvailabilityZones: the zones of the Region the call is sent to. */
export const describeAvailabilityZones: Operation = (ctx, raw) => {
  const parsed = parseParams(describeZonesParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const zones = ctx.region.AvailabilityZones;
  for (const name of params.ZoneNames ?? []) {
    if (!zones.some((zone) => zone.ZoneName === name)) {
      return fail('InvalidParameterValue', `The zone '${name}' does not exist.`);
    }
  }
  for (const id of params.ZoneIds ?? []) {
    if (!zones.some((zone) => zone.ZoneId === id)) {
      return fail('InvalidParameterValue', `The zone ID '${id}' does not exist.`);
    }
  }
  const filters = compileFilters(params.Filters, ZONE_FILTERS);
  if (!filters.ok) return filters;
  const regionName = ctx.region.RegionName;
  const AvailabilityZones = zones
    .filter((zone) => (params.ZoneNames === undefined || params.ZoneNames.includes(zone.ZoneName)) && (params.ZoneIds === undefined || params.ZoneIds.includes(zone.ZoneId)))
    .filter((zone) =>
      matchesFilters(
        filters.data,
        (name) => {
          switch (name) {
            case 'zone-name':
              return [zone.ZoneName];
            case 'zone-id':
              return [zone.ZoneId];
            case 'state':
              return ['available'];
            case 'zone-type':
              return ['availability-zone'];
            default:
              return [regionName];
          }
        },
        [],
      ),
    )
    .map((zone) => ({
      State: 'available',
      OptInStatus: ctx.region.OptIn ? 'opted-in' : 'opt-in-not-required',
      Messages: [],
      RegionName: regionName,
      ZoneName: zone.ZoneName,
      ZoneId: zone.ZoneId,
      GroupName: regionName,
      NetworkBorderGroup: regionName,
      ZoneType: 'availability-zone',
    }));
  return ok({ AvailabilityZones });
};
