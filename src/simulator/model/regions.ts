/**
 * The Regions and Availability Zones of the simulated world, with their real names, and the
 * instance types each zone offers.
 */

/** An Availability Zone: its per-account name and its AZ ID (the same for every account). */
export interface ZoneInfo {
  readonly ZoneName: string;
  readonly ZoneId: string;
}

/** A Region with its zones. */
export interface RegionInfo {
  readonly RegionName: string;
  readonly AvailabilityZones: readonly ZoneInfo[];
}

// Zone-name → AZ-ID mappings differ per account in AWS; one fixed mapping stands for all accounts
// here (the us-east-1 one is moto's, which mirrors a real account).
const zones = (region: string, short: string, pairs: readonly (readonly [string, number])[]): ZoneInfo[] =>
  pairs.map(([letter, n]) => ({ ZoneName: `${region}${letter}`, ZoneId: `${short}-az${n}` }));

/** Every Region the simulator models, in the order DescribeRegions lists them. */
export const REGIONS: readonly RegionInfo[] = [
  {
    RegionName: 'us-east-1',
    AvailabilityZones: zones('us-east-1', 'use1', [
      ['a', 6],
      ['b', 1],
      ['c', 2],
      ['d', 4],
      ['e', 3],
      ['f', 5],
    ]),
  },
  {
    RegionName: 'us-west-2',
    AvailabilityZones: zones('us-west-2', 'usw2', [
      ['a', 2],
      ['b', 1],
      ['c', 3],
      ['d', 4],
    ]),
  },
  {
    RegionName: 'eu-west-1',
    AvailabilityZones: zones('eu-west-1', 'euw1', [
      ['a', 3],
      ['b', 1],
      ['c', 2],
    ]),
  },
  {
    RegionName: 'ap-southeast-2',
    AvailabilityZones: zones('ap-southeast-2', 'apse2', [
      ['a', 2],
      ['b', 1],
      ['c', 3],
    ]),
  },
];

const REGION_BY_NAME = new Map(REGIONS.map((region) => [region.RegionName, region]));

/** Looks a Region up by its code. */
export function findRegion(name: string): RegionInfo | undefined {
  return REGION_BY_NAME.get(name);
}

/** The Region an AZ name belongs to, if it is one of ours. */
export function regionOfZone(zoneName: string): RegionInfo | undefined {
  for (const region of REGIONS) {
    if (region.AvailabilityZones.some((zone) => zone.ZoneName === zoneName)) return region;
  }
  return undefined;
}

/** What the simulator knows about an instance type. */
export interface InstanceTypeInfo {
  readonly architecture: 'x86_64' | 'arm64';
  readonly vcpus: number;
  /** On-Demand USD per hour in us-east-1, Linux and Windows (Windows includes the licence). */
  readonly linuxHourlyUsd: number;
  readonly windowsHourlyUsd: number | null;
}

/**
 * Instance types the lab offers, with us-east-1 On-Demand list prices (USD per hour).
 * Graviton (arm64) types cannot run Windows.
 */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeInfo>> = {
  'm1.small': { architecture: 'x86_64', vcpus: 1, linuxHourlyUsd: 0.044, windowsHourlyUsd: 0.075 },
  't2.micro': { architecture: 'x86_64', vcpus: 1, linuxHourlyUsd: 0.0116, windowsHourlyUsd: 0.0162 },
  't2.small': { architecture: 'x86_64', vcpus: 1, linuxHourlyUsd: 0.023, windowsHourlyUsd: 0.032 },
  't3.micro': { architecture: 'x86_64', vcpus: 2, linuxHourlyUsd: 0.0104, windowsHourlyUsd: 0.0196 },
  't3.small': { architecture: 'x86_64', vcpus: 2, linuxHourlyUsd: 0.0208, windowsHourlyUsd: 0.0392 },
  't3.medium': { architecture: 'x86_64', vcpus: 2, linuxHourlyUsd: 0.0416, windowsHourlyUsd: 0.06 },
  't4g.micro': { architecture: 'arm64', vcpus: 2, linuxHourlyUsd: 0.0084, windowsHourlyUsd: null },
  'm4.large': { architecture: 'x86_64', vcpus: 2, linuxHourlyUsd: 0.1, windowsHourlyUsd: 0.192 },
  'm5.large': { architecture: 'x86_64', vcpus: 2, linuxHourlyUsd: 0.096, windowsHourlyUsd: 0.188 },
  'c5.large': { architecture: 'x86_64', vcpus: 2, linuxHourlyUsd: 0.085, windowsHourlyUsd: 0.177 },
};

/**
 * us-east-1e (use1-az3) is AWS's oldest zone and offers no current-generation types; launching a
 * t3 there fails with `Unsupported`, a trap learners meet in practice.
 */
const OLD_GENERATION_ONLY_ZONES = new Set(['us-east-1e']);
const OLD_GENERATION_TYPES = new Set(['m1.small', 't2.micro', 't2.small', 'm4.large']);

/** Whether a zone offers an instance type. */
export function zoneOffersType(zoneName: string, instanceType: string): boolean {
  if (!(instanceType in INSTANCE_TYPES)) return false;
  return !OLD_GENERATION_ONLY_ZONES.has(zoneName) || OLD_GENERATION_TYPES.has(instanceType);
}

/** Zones of a Region that offer a type, in order; RunInstances without a placement picks the first. */
export function zonesOffering(region: RegionInfo, instanceType: string): readonly ZoneInfo[] {
  return region.AvailabilityZones.filter((zone) => zoneOffersType(zone.ZoneName, instanceType));
}
