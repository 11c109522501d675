/**
 * What the sandbox shows for one account: per Region, the zones with their instances and volumes,
 * the AMIs with their block device mappings and snapshots, and what is left loose. Derived from the
 * world only (no calls), following the engine's visibility rules.
 */
import type { ImageRecord, InstanceRecord, SnapshotRecord, VolumeRecord, World } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { type RegionInfo, REGIONS } from '../../simulator/model/regions';
import { regionOptStatus } from '../../simulator/model/region-opt-in';
import type { RegionOptStatus } from '../../simulator/model/world-schema';
import { canUseImage, isDeprecated, isPublic, isSharedWith } from '../../simulator/model/visibility';
import { installedOn, nameTag } from '../../simulator/scenarios/queries';

export interface InstanceView {
  readonly instance: InstanceRecord;
  readonly name: string | undefined;
  readonly volumes: readonly VolumeRecord[];
  readonly installed: readonly string[];
}

export interface ZoneView {
  readonly zone: string;
  readonly zoneId: string;
  readonly instances: readonly InstanceView[];
  /** Volumes in the zone attached to nothing. */
  readonly looseVolumes: readonly VolumeRecord[];
}

export interface MappingView {
  readonly deviceName: string;
  readonly snapshotId: string | null;
  readonly snapshot: SnapshotRecord | undefined;
  readonly sizeGiB: number | undefined;
  /**
   * The AMI under which the snapshot is already listed (an earlier AMI of the Region uses it too),
   * or null when it is listed here: each snapshot appears once in the world view.
   */
  readonly listedUnder: string | null;
  /** The other registered AMIs whose mappings use the snapshot too. */
  readonly alsoUsedBy: readonly string[];
}

export interface ImageView {
  readonly image: ImageRecord;
  readonly mappings: readonly MappingView[];
  readonly isPublic: boolean;
  readonly isDeprecated: boolean;
  /** How many launch permissions (other than public) it has. */
  readonly shares: number;
  /** Deregistered: AWS still lists it for a while, but it has no devices, no launches, no actions. */
  readonly deregistered: boolean;
}

/** A snapshot no registered AMI uses, with what still points at it. */
export interface LooseSnapshotView {
  readonly snapshot: SnapshotRecord;
  /** The AMI it was made for, when that AMI is deregistered or gone (null when made from a volume). */
  readonly madeFor: string | null;
  /** Whether that AMI is deregistered (still listed) rather than gone. */
  readonly madeForDeregistered: boolean;
}

export interface RegionView {
  readonly region: string;
  /** The console's name, e.g. `Europe (Frankfurt)`. */
  readonly displayName: string;
  /** The Account API's status for the account (`ENABLED_BY_DEFAULT` for Regions that need no opt-in). */
  readonly optInStatus: RegionOptStatus;
  readonly zones: readonly ZoneView[];
  readonly ownImages: readonly ImageView[];
  /** AMIs of other accounts shared with this one (or public, from a lab account). */
  readonly sharedImages: readonly ImageView[];
  /** The public catalogue (Amazon, Canonical…). */
  readonly catalogue: readonly ImageRecord[];
  /** The account's deregistered AMIs AWS still lists (no devices: their snapshots are loose). */
  readonly deregisteredImages: readonly ImageView[];
  /** Snapshots of the account not used by any registered AMI. */
  readonly looseSnapshots: readonly LooseSnapshotView[];
  readonly resourceCount: number;
  /** Launch templates, Auto Scaling groups and Parameter Store parameters of the account here. */
  readonly serviceCount: number;
}

const labAccounts = new Set(ACCOUNTS.map((account) => account.accountId));

/** The Name tag an account gave a resource. */
export const nameOf = nameTag;

const isDeregistered = (image: ImageRecord) => image.lifecycle.value === 'deregistered';

/**
 * One AMI's view. `listed` maps each snapshot already drawn in the Region to the AMI it is drawn
 * under, and is filled in as AMIs are viewed, so a snapshot two AMIs use is drawn once.
 * A deregistered AMI has no mappings: AWS keeps listing it briefly, but its snapshots are loose.
 */
function imageView(world: Readonly<World>, image: ImageRecord, listed: Map<string, string>): ImageView {
  const deregistered = isDeregistered(image);
  return {
    image,
    deregistered,
    isPublic: isPublic(image),
    isDeprecated: isDeprecated(image, world.now),
    shares: image.launchPermissions.filter((permission) => !('Group' in permission)).length,
    mappings: deregistered
      ? []
      : image.blockDeviceMappings.map((mapping) => {
          const snapshotId = mapping.Ebs?.SnapshotId ?? null;
          const snapshot = snapshotId === null ? undefined : world.snapshots[snapshotId];
          const listedUnder = snapshotId === null ? null : (listed.get(snapshotId) ?? null);
          if (snapshotId !== null && listedUnder === null) listed.set(snapshotId, image.id);
          const alsoUsedBy = (snapshot?.usedByImageIds ?? []).filter((id) => id !== image.id && world.images[id] !== undefined && !isDeregistered(world.images[id]));
          return { deviceName: mapping.DeviceName, snapshotId, snapshot, sizeGiB: mapping.Ebs?.VolumeSize, listedUnder, alsoUsedBy };
        }),
  };
}

/** Whether a registered AMI still uses the snapshot. */
function usedByRegisteredImage(world: Readonly<World>, snapshot: SnapshotRecord): boolean {
  return snapshot.usedByImageIds.some((id) => {
    const image = world.images[id];
    return image !== undefined && !isDeregistered(image);
  });
}

/** The view of every Region for one account. */
export function buildWorldView(world: Readonly<World>, accountId: string): RegionView[] {
  const instances = Object.values(world.instances).filter((i) => i.ownerId === accountId);
  const volumes = Object.values(world.volumes).filter((v) => v.ownerId === accountId && v.lifecycle.value !== 'deleted');
  const snapshots = Object.values(world.snapshots).filter((s) => s.ownerId === accountId);
  const images = Object.values(world.images);
  const services = serviceCounts(world, accountId);
  return REGIONS.map((region) => {
    const name = region.RegionName;
    const zones: ZoneView[] = region.AvailabilityZones.map((zone) => ({
      zone: zone.ZoneName,
      zoneId: zone.ZoneId,
      instances: instances
        .filter((i) => i.availabilityZone === zone.ZoneName)
        .map((instance) => ({
          instance,
          name: nameOf(instance, accountId),
          installed: installedOn(world, instance),
          volumes: instance.blockDevices.map((device) => world.volumes[device.volumeId]).filter((v): v is VolumeRecord => v !== undefined),
        })),
      looseVolumes: volumes.filter((v) => v.availabilityZone === zone.ZoneName && v.attachment === null),
    }));
    const inRegion = images.filter((image) => image.region === name);
    const listed = new Map<string, string>();
    const own = inRegion.filter((image) => image.ownerId === accountId);
    const ownImages = own.filter((image) => !isDeregistered(image)).map((image) => imageView(world, image, listed));
    const deregisteredImages = own.filter(isDeregistered).map((image) => imageView(world, image, listed));
    const sharedImages = inRegion
      .filter((image) => image.ownerId !== accountId && labAccounts.has(image.ownerId) && !isDeregistered(image) && (isPublic(image) || isSharedWith(image, accountId)))
      .map((image) => imageView(world, image, listed));
    const catalogue = inRegion.filter((image) => !labAccounts.has(image.ownerId));
    const looseSnapshots = snapshots
      .filter((s) => s.region === name && !listed.has(s.id) && !usedByRegisteredImage(world, s))
      .map((snapshot): LooseSnapshotView => {
        const madeFor = snapshot.createdForImageId;
        const image = madeFor === null ? undefined : world.images[madeFor];
        return { snapshot, madeFor, madeForDeregistered: image !== undefined && isDeregistered(image) };
      });
    const resourceCount =
      zones.reduce((sum, zone) => sum + zone.instances.length + zone.looseVolumes.length, 0) +
      ownImages.length +
      deregisteredImages.length +
      sharedImages.length +
      looseSnapshots.length;
    return {
      region: name,
      displayName: region.DisplayName,
      optInStatus: regionOptStatus(world, accountId, region),
      zones,
      ownImages,
      deregisteredImages,
      sharedImages,
      catalogue,
      looseSnapshots,
      resourceCount,
      serviceCount: services.get(name) ?? 0,
    };
  });
}

/** Images an account can launch in a Region (own, shared, public catalogue), for the launch form. */
export function launchableImages(world: Readonly<World>, accountId: string, region: string): ImageRecord[] {
  return Object.values(world.images).filter(
    (image) =>
      image.region === region &&
      image.lifecycle.value === 'available' &&
      canUseImage(image, accountId) &&
      !(isDeprecated(image, world.now) && image.ownerId !== accountId && !labAccounts.has(image.ownerId)),
  );
}

/** IDs for console completion: what the account owns or can see in any Region. */
export function completionIds(world: Readonly<World>, accountId: string): { images: string[]; instances: string[]; snapshots: string[]; volumes: string[] } {
  return {
    images: Object.values(world.images)
      .filter((image) => image.ownerId === accountId || isSharedWith(image, accountId) || (isPublic(image) && labAccounts.has(image.ownerId)))
      .map((image) => image.id)
      .concat(
        Object.values(world.images)
          .filter((image) => !labAccounts.has(image.ownerId) && image.deprecationTime !== null && image.deprecationTime > world.now)
          .map((image) => image.id),
      ),
    instances: Object.values(world.instances)
      .filter((i) => i.ownerId === accountId)
      .map((i) => i.id),
    snapshots: Object.values(world.snapshots)
      .filter((s) => s.ownerId === accountId)
      .map((s) => s.id),
    volumes: Object.values(world.volumes)
      .filter((v) => v.ownerId === accountId)
      .map((v) => v.id),
  };
}

/** How many launch templates, Auto Scaling groups and parameters an account has per Region. */
function serviceCounts(world: Readonly<World>, accountId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (record: { readonly ownerId: string; readonly region: string }) => {
    if (record.ownerId === accountId) counts.set(record.region, (counts.get(record.region) ?? 0) + 1);
  };
  for (const template of Object.values(world.launchTemplates)) count(template);
  for (const group of Object.values(world.autoScalingGroups)) count(group);
  for (const parameter of Object.values(world.parameters)) count(parameter);
  return counts;
}

/**
 * Which Regions the world view draws open: those with something of the account's, the
 * scenario's, and the selected one. The other Regions are listed by name only, so 34 Regions stay
 * readable.
 */
export function isRegionInUse(view: RegionView, currentRegion: string, pinned: readonly string[]): boolean {
  return view.region === currentRegion || pinned.includes(view.region) || view.resourceCount + view.serviceCount > 0;
}

const REGION_NAMES = new Set(REGIONS.map((region) => region.RegionName));

/** The Regions a scenario works in: its own and any Region its goals name. */
export function scenarioRegions(scenario: { readonly region: string; readonly goals: readonly { readonly params: Readonly<Record<string, unknown>> }[] } | null): string[] {
  if (scenario === null) return [];
  const found = new Set([scenario.region]);
  for (const goal of scenario.goals) {
    for (const value of Object.values(goal.params)) if (typeof value === 'string' && REGION_NAMES.has(value)) found.add(value);
  }
  return [...found];
}

/** Geographies as the console groups Regions, by the code's prefix. */
const GEOGRAPHIES: readonly (readonly [string, readonly string[]])[] = [
  ['North America', ['us', 'ca', 'mx']],
  ['South America', ['sa']],
  ['Europe', ['eu']],
  ['Asia Pacific', ['ap']],
  ['Middle East', ['me', 'il']],
  ['Africa', ['af']],
];

/** The geography a Region belongs to, e.g. `Europe` for `eu-central-1`. */
export function geographyOf(regionName: string): string {
  const prefix = regionName.split('-')[0] ?? '';
  return GEOGRAPHIES.find(([, prefixes]) => prefixes.includes(prefix))?.[0] ?? 'Other';
}

/** A Region as the picker offers it. */
export interface RegionChoice {
  readonly region: RegionInfo;
  readonly status: RegionOptStatus;
  /** `Europe (Frankfurt) eu-central-1`, with the opt-in status when the Region needs one. */
  readonly label: string;
}

const STATUS_WORDS: Readonly<Record<RegionOptStatus, string>> = {
  ENABLED_BY_DEFAULT: '',
  ENABLED: 'enabled',
  ENABLING: 'enabling…',
  DISABLING: 'disabling…',
  DISABLED: 'not enabled',
};

/** How the lab words a Region's opt-in status ('' for Regions enabled by default). */
export function optInWords(status: RegionOptStatus): string {
  return STATUS_WORDS[status];
}

/** Every Region grouped by geography (in the order above, Regions in DescribeRegions order), with its status for the account. */
export function regionChoices(world: Readonly<World>, accountId: string): { readonly geography: string; readonly regions: readonly RegionChoice[] }[] {
  const groups = new Map<string, RegionChoice[]>();
  for (const [geography] of GEOGRAPHIES) groups.set(geography, []);
  for (const region of REGIONS) {
    const status = regionOptStatus(world, accountId, region);
    const words = optInWords(status);
    const list = groups.get(geographyOf(region.RegionName)) ?? [];
    list.push({ region, status, label: `${region.DisplayName} ${region.RegionName}${words === '' ? '' : ` (opt-in: ${words})`}` });
    groups.set(geographyOf(region.RegionName), list);
  }
  return [...groups].filter(([, regions]) => regions.length > 0).map(([geography, regions]) => ({ geography, regions }));
}
