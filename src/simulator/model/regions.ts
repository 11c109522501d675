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
  /**
   * Whether the Region is an opt-in Region (launched after March 20, 2019): disabled in every
   * account until enabled with the Account API's `EnableRegion`.
   */
  readonly OptIn: boolean;
  /** The Region's name in the console, e.g. `US East (N. Virginia)`. */
  readonly DisplayName: string;
}

// Zone-name → AZ-ID mappings differ per account in AWS; one fixed mapping stands for all accounts
// here (the us-east-1, us-west-1 and ap-northeast-1 ones are moto's, which mirror real accounts).
const zones = (region: string, short: string, pairs: readonly (readonly [string, number])[]): ZoneInfo[] =>
  pairs.map(([letter, n]) => ({ ZoneName: `${region}${letter}`, ZoneId: `${short}-az${n}` }));

/** Three zones a, b, c with AZ IDs az1, az2, az3: the shape of most Regions. */
const abc: readonly (readonly [string, number])[] = [
  ['a', 1],
  ['b', 2],
  ['c', 3],
];

const region = (RegionName: string, DisplayName: string, short: string, pairs: readonly (readonly [string, number])[], OptIn = false): RegionInfo => ({
  RegionName,
  DisplayName,
  AvailabilityZones: zones(RegionName, short, pairs),
  OptIn,
});

/**
 * Every AWS commercial Region (the `aws` partition) as of 2026, in the order DescribeRegions lists
 * them: the four the lab started with first, then the others. Sources: "AWS Regions" and its
 * document history (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html,
 * …/doc-history.html: ap-east-2 Taipei June 2025, ap-southeast-6 New Zealand September 2025,
 * mx-central-1 January 2025, ap-southeast-7 January 2025); opt-in status from the Account
 * Management guide ("Specify which AWS Regions your account can use": Regions introduced after
 * March 20, 2019 are disabled by default). AZ IDs are the Regions' real IDs; us-west-1 offers new
 * accounts two zones, ap-northeast-1 three (its apne1-az3 is closed to new accounts), ca-central-1
 * three (cac1-az1, az2, az4).
 */
export const REGIONS: readonly RegionInfo[] = [
  region('us-east-1', 'US East (N. Virginia)', 'use1', [
    ['a', 6],
    ['b', 1],
    ['c', 2],
    ['d', 4],
    ['e', 3],
    ['f', 5],
  ]),
  region('us-west-2', 'US West (Oregon)', 'usw2', [
    ['a', 2],
    ['b', 1],
    ['c', 3],
    ['d', 4],
  ]),
  region('eu-west-1', 'Europe (Ireland)', 'euw1', [
    ['a', 3],
    ['b', 1],
    ['c', 2],
  ]),
  region('ap-southeast-2', 'Asia Pacific (Sydney)', 'apse2', [
    ['a', 2],
    ['b', 1],
    ['c', 3],
  ]),
  region('us-east-2', 'US East (Ohio)', 'use2', abc),
  region('us-west-1', 'US West (N. California)', 'usw1', [
    ['a', 3],
    ['b', 1],
  ]),
  region('ca-central-1', 'Canada (Central)', 'cac1', [
    ['a', 1],
    ['b', 2],
    ['d', 4],
  ]),
  region('sa-east-1', 'South America (São Paulo)', 'sae1', abc),
  region('eu-west-2', 'Europe (London)', 'euw2', abc),
  region('eu-west-3', 'Europe (Paris)', 'euw3', abc),
  region('eu-central-1', 'Europe (Frankfurt)', 'euc1', abc),
  region('eu-north-1', 'Europe (Stockholm)', 'eun1', abc),
  region('ap-south-1', 'Asia Pacific (Mumbai)', 'aps1', abc),
  region('ap-northeast-1', 'Asia Pacific (Tokyo)', 'apne1', [
    ['a', 4],
    ['c', 1],
    ['d', 2],
  ]),
  region('ap-northeast-2', 'Asia Pacific (Seoul)', 'apne2', [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
  ]),
  region('ap-northeast-3', 'Asia Pacific (Osaka)', 'apne3', abc),
  region('ap-southeast-1', 'Asia Pacific (Singapore)', 'apse1', abc),
  // Opt-in Regions.
  region('af-south-1', 'Africa (Cape Town)', 'afs1', abc, true),
  region('ap-east-1', 'Asia Pacific (Hong Kong)', 'ape1', abc, true),
  region('ap-east-2', 'Asia Pacific (Taipei)', 'ape2', abc, true),
  region('ap-south-2', 'Asia Pacific (Hyderabad)', 'aps2', abc, true),
  region('ap-southeast-3', 'Asia Pacific (Jakarta)', 'apse3', abc, true),
  region('ap-southeast-4', 'Asia Pacific (Melbourne)', 'apse4', abc, true),
  region('ap-southeast-5', 'Asia Pacific (Malaysia)', 'apse5', abc, true),
  region('ap-southeast-6', 'Asia Pacific (New Zealand)', 'apse6', abc, true),
  region('ap-southeast-7', 'Asia Pacific (Thailand)', 'apse7', abc, true),
  region('ca-west-1', 'Canada West (Calgary)', 'caw1', abc, true),
  region('eu-central-2', 'Europe (Zurich)', 'euc2', abc, true),
  region('eu-south-1', 'Europe (Milan)', 'eus1', abc, true),
  region('eu-south-2', 'Europe (Spain)', 'eus2', abc, true),
  region('il-central-1', 'Israel (Tel Aviv)', 'ilc1', abc, true),
  region('me-central-1', 'Middle East (UAE)', 'mec1', abc, true),
  region('me-south-1', 'Middle East (Bahrain)', 'mes1', abc, true),
  region('mx-central-1', 'Mexico (Central)', 'mxc1', abc, true),
];

const REGION_BY_NAME = new Map(REGIONS.map((region) => [region.RegionName, region]));

/** Looks a Region up by its code. */
export function findRegion(name: string): RegionInfo | undefined {
  return REGION_BY_NAME.get(name);
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
