/**
 * The public AMI catalogue each Region starts with, and the initial world.
 *
 * As in AWS, the same operating system image has a different AMI ID in every Region (moto, by
 * contrast, reuses one ID everywhere). IDs are derived from Region + name, so they are the same in
 * every world whatever the seed.
 */
import { PUBLISHERS } from './accounts.ts';
import { stableId, seedToState } from './ids.ts';
import type { ImageRecord, SnapshotRecord, World } from './world-schema.ts';
import type { VolumeType } from './pricing.ts';

/** Default start of simulated time when `now` is not given: a fixed instant, so runs replay. */
export const DEFAULT_START = Date.UTC(2025, 0, 6, 9, 0, 0);

/** One public image of the catalogue. */
export interface CatalogueEntry {
  readonly name: string;
  readonly description: string;
  readonly ownerId: string;
  readonly ownerAlias: string | null;
  readonly architecture: 'x86_64' | 'arm64';
  readonly platform: 'windows' | null;
  readonly rootDeviceName: string;
  readonly volumeSize: number;
  readonly volumeType: VolumeType;
  readonly bootMode: ImageRecord['bootMode'];
  readonly imdsSupport: ImageRecord['imdsSupport'];
  readonly creationDate: number;
  readonly deprecationTime: number;
  /** What a learner finds installed on an instance of this image. */
  readonly installed: readonly string[];
  /** Marketplace product codes (AWS's `ProductCodes`); absent for free images. */
  readonly productCodes?: readonly { readonly ProductCodeId: string; readonly ProductCodeType: 'marketplace' }[];
}

/** The public images every Region offers. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    name: 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241212.0 x86_64 HVM kernel-6.1',
    ownerId: PUBLISHERS.amazonLinux,
    ownerAlias: 'amazon',
    architecture: 'x86_64',
    platform: null,
    rootDeviceName: '/dev/xvda',
    volumeSize: 8,
    volumeType: 'gp3',
    bootMode: 'uefi-preferred',
    imdsSupport: 'v2.0',
    creationDate: Date.UTC(2024, 11, 12, 19, 30, 0),
    deprecationTime: Date.UTC(2026, 11, 12, 19, 30, 0),
    installed: ['amazon-linux-2023-base'],
  },
  {
    name: 'al2023-ami-2023.6.20241212.0-kernel-6.1-arm64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241212.0 arm64 HVM kernel-6.1',
    ownerId: PUBLISHERS.amazonLinux,
    ownerAlias: 'amazon',
    architecture: 'arm64',
    platform: null,
    rootDeviceName: '/dev/xvda',
    volumeSize: 8,
    volumeType: 'gp3',
    bootMode: 'uefi',
    imdsSupport: 'v2.0',
    creationDate: Date.UTC(2024, 11, 12, 19, 31, 0),
    deprecationTime: Date.UTC(2026, 11, 12, 19, 31, 0),
    installed: ['amazon-linux-2023-base'],
  },
  {
    // An older build, already deprecated: hidden from listings unless IncludeDeprecated, still launchable by ID.
    name: 'al2023-ami-2023.4.20240401.1-kernel-6.1-x86_64',
    description: 'Amazon Linux 2023 AMI 2023.4.20240401.1 x86_64 HVM kernel-6.1',
    ownerId: PUBLISHERS.amazonLinux,
    ownerAlias: 'amazon',
    architecture: 'x86_64',
    platform: null,
    rootDeviceName: '/dev/xvda',
    volumeSize: 8,
    volumeType: 'gp3',
    bootMode: 'uefi-preferred',
    imdsSupport: 'v2.0',
    creationDate: Date.UTC(2024, 3, 1, 18, 0, 0),
    deprecationTime: Date.UTC(2024, 6, 1, 18, 0, 0),
    installed: ['amazon-linux-2023-base'],
  },
  {
    name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206',
    description: 'Canonical, Ubuntu, 24.04, amd64 noble image',
    ownerId: PUBLISHERS.canonical,
    ownerAlias: null,
    architecture: 'x86_64',
    platform: null,
    rootDeviceName: '/dev/sda1',
    volumeSize: 8,
    volumeType: 'gp3',
    bootMode: 'uefi-preferred',
    imdsSupport: null,
    creationDate: Date.UTC(2024, 11, 6, 8, 0, 0),
    deprecationTime: Date.UTC(2026, 11, 6, 8, 0, 0),
    installed: ['ubuntu-24.04-base'],
  },
  {
    name: 'Windows_Server-2022-English-Full-Base-2024.12.11',
    description: 'Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon',
    ownerId: PUBLISHERS.amazonWindows,
    ownerAlias: 'amazon',
    architecture: 'x86_64',
    platform: 'windows',
    rootDeviceName: '/dev/sda1',
    volumeSize: 30,
    volumeType: 'gp2',
    bootMode: null,
    imdsSupport: null,
    creationDate: Date.UTC(2024, 11, 11, 21, 0, 0),
    deprecationTime: Date.UTC(2026, 11, 11, 21, 0, 0),
    installed: ['windows-server-2022-base'],
  },
  {
    // Amazon Linux 2 (end of support 2026-06-30), named as AWS names it (amzn2-ami-hvm-*-gp2).
    name: 'amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2',
    description: 'Amazon Linux 2 AMI 2.0.20241217.0 x86_64 HVM gp2',
    ownerId: PUBLISHERS.amazonLinux,
    ownerAlias: 'amazon',
    architecture: 'x86_64',
    platform: null,
    rootDeviceName: '/dev/xvda',
    volumeSize: 8,
    volumeType: 'gp2',
    bootMode: null,
    imdsSupport: null,
    creationDate: Date.UTC(2024, 11, 17, 20, 0, 0),
    deprecationTime: Date.UTC(2026, 5, 30, 0, 0, 0),
    installed: ['amazon-linux-2-base'],
  },
  {
    // Red Hat's hourly (licence-included) RHEL image, named as Red Hat names them.
    name: 'RHEL-9.5.0_HVM-20241211-x86_64-0-Hourly2-GP3',
    description: 'Provided by Red Hat, Inc.',
    ownerId: PUBLISHERS.redHat,
    ownerAlias: null,
    architecture: 'x86_64',
    platform: null,
    rootDeviceName: '/dev/sda1',
    volumeSize: 10,
    volumeType: 'gp3',
    bootMode: 'uefi-preferred',
    imdsSupport: null,
    creationDate: Date.UTC(2024, 11, 11, 12, 0, 0),
    deprecationTime: Date.UTC(2026, 11, 11, 12, 0, 0),
    installed: ['rhel-9-base'],
  },
  {
    // A fictional Marketplace product (the lab does not name a real vendor's product): owned by
    // aws-marketplace, with a 25-character product code of type `marketplace`, as Marketplace AMIs are.
    name: 'lab-web-stack-1.0-x86_64-marketplace',
    description: 'Lab Web Stack 1.0 (AWS Marketplace)',
    ownerId: PUBLISHERS.awsMarketplace,
    ownerAlias: 'aws-marketplace',
    architecture: 'x86_64',
    platform: null,
    rootDeviceName: '/dev/xvda',
    volumeSize: 10,
    volumeType: 'gp3',
    bootMode: 'uefi-preferred',
    imdsSupport: 'v2.0',
    creationDate: Date.UTC(2024, 10, 20, 10, 0, 0),
    deprecationTime: Date.UTC(2026, 10, 20, 10, 0, 0),
    installed: ['amazon-linux-2023-base', 'lab-web-stack'],
    productCodes: [{ ProductCodeId: '6njl1pau431dv1qxipg63mvah', ProductCodeType: 'marketplace' }],
  },
];

/** The catalogue image of an entry in a Region: its ID is stable (hash of Region + name). */
export function catalogueImageId(region: string, name: string): string {
  return stableId('image', `${region}/${name}`);
}

/**
 * Adds the catalogue of one Region (images and their public snapshots) to the maps, skipping
 * records already there (a migrated save keeps its own copies, with their tags and launch times).
 */
export function addRegionCatalogue(regionName: string, images: Record<string, ImageRecord>, snapshots: Record<string, SnapshotRecord>): void {
  for (const record of regionCatalogueRecords(regionName, images, snapshots)) {
    if (record.type === 'image') images[record.image.id] = record.image;
    else snapshots[record.snapshot.id] = record.snapshot;
  }
}

/** A catalogue record to add. */
export type CatalogueRecord = { readonly type: 'image'; readonly image: ImageRecord } | { readonly type: 'snapshot'; readonly snapshot: SnapshotRecord };

/** The catalogue records of a Region that the maps do not hold yet, snapshot before image. */
export function regionCatalogueRecords(regionName: string, images: Readonly<Record<string, ImageRecord>>, snapshots: Readonly<Record<string, SnapshotRecord>>): CatalogueRecord[] {
  return CATALOGUE.flatMap((entry) => catalogueEntryRecords(regionName, entry, images, snapshots));
}

/** The records of one catalogue entry in a Region that the maps do not hold yet, snapshot before image. */
export function catalogueEntryRecords(
  regionName: string,
  entry: CatalogueEntry,
  images: Readonly<Record<string, ImageRecord>>,
  snapshots: Readonly<Record<string, SnapshotRecord>>,
): CatalogueRecord[] {
  const records: CatalogueRecord[] = [];
  const key = `${regionName}/${entry.name}`;
  const imageId = stableId('image', key);
  const snapshotId = stableId('snapshot', key);
  if (!(snapshotId in snapshots)) {
    records.push({
      type: 'snapshot',
      snapshot: {
        id: snapshotId,
        region: regionName,
        ownerId: entry.ownerId,
        volumeId: 'vol-ffffffff',
        volumeSize: entry.volumeSize,
        encrypted: false,
        kmsKeyId: null,
        description: `Public snapshot for ${entry.name}`,
        startTime: entry.creationDate,
        completesAt: entry.creationDate,
        lifecycle: { value: 'completed', context: { stateMessage: null } },
        // Public so that anyone may copy the public AMI (copying needs read access to its storage).
        createVolumePermission: { userIds: [], public: true },
        installed: entry.installed,
        usedByImageIds: [imageId],
        createdForImageId: imageId,
        sourceSnapshotId: null,
        sourceRegion: null,
        tags: {},
      },
    });
  }
  if (imageId in images) return records;
  const image: ImageRecord = {
    id: imageId,
    region: regionName,
    ownerId: entry.ownerId,
    ownerAlias: entry.ownerAlias,
    name: entry.name,
    description: entry.description,
    creationDate: entry.creationDate,
    architecture: entry.architecture,
    platform: entry.platform,
    rootDeviceName: entry.rootDeviceName,
    blockDeviceMappings: [
      {
        DeviceName: entry.rootDeviceName,
        Ebs: {
          DeleteOnTermination: true,
          SnapshotId: snapshotId,
          VolumeSize: entry.volumeSize,
          VolumeType: entry.volumeType,
          Encrypted: false,
        },
      },
    ],
    lifecycle: { value: 'available', context: { stateReason: null } },
    launchPermissions: [{ Group: 'all' }],
    sourceInstanceId: null,
    sourceImageId: null,
    sourceImageRegion: null,
    deprecationTime: entry.deprecationTime,
    deregistrationProtection: 'disabled',
    protectionCooldownUntil: null,
    deregisteredAt: null,
    imdsSupport: entry.imdsSupport,
    bootMode: entry.bootMode,
    installed: entry.installed,
    lastLaunchedTime: null,
    tags: {},
  };
  records.push({ type: 'image', image: entry.productCodes === undefined ? image : { ...image, productCodes: entry.productCodes.map((code) => ({ ...code })) } });
  return records;
}

/**
 * Regions whose catalogue a new world holds from the start: the lab's original four. Every other
 * Region's catalogue is added on its first use (`ensureRegionCatalogue`), so a world pays, in
 * size and in save time, only for the Regions the learner visits. IDs are the same either way.
 */
export const EAGER_CATALOGUE_REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** Whether a Region's catalogue is complete in the world (the newest entry is the last added). */
export function hasRegionCatalogue(world: Readonly<World>, regionName: string): boolean {
  let id = LAST_ENTRY_IDS.get(regionName);
  if (id === undefined) {
    id = catalogueImageId(regionName, (CATALOGUE[CATALOGUE.length - 1] as CatalogueEntry).name);
    LAST_ENTRY_IDS.set(regionName, id);
  }
  return id in world.images;
}

/** The newest catalogue entry's image ID per Region (every call asks; hashing each time would cost). */
const LAST_ENTRY_IDS = new Map<string, string>();

/** The initial world: catalogue images and their snapshots in every Region, nothing else. */
export function createInitialWorld(seed: number, now: number, releaseEveryDays?: number): World {
  const images: Record<string, ImageRecord> = {};
  const snapshots: Record<string, SnapshotRecord> = {};
  for (const region of EAGER_CATALOGUE_REGIONS) addRegionCatalogue(region, images, snapshots);
  return {
    now,
    idState: seedToState(seed),
    instances: {},
    volumes: {},
    snapshots,
    images,
    timers: {},
    meters: {},
    imageBlockPublicAccess: {},
    regionOptIns: {},
    parameters: {},
    launchTemplates: {},
    autoScalingGroups: {},
    ...(releaseEveryDays === undefined ? {} : initialReleases(now, releaseEveryDays)),
  };
}

const DAY = 24 * 3_600_000;
const TWO_YEARS = 2 * 365 * DAY;

/**
 * Issue 14: a catalogue that moves. With releases on, a new Amazon Linux 2023 build (x86_64 and
 * arm64) is published every `everyDays` simulated days, in every Region whose catalogue the world
 * holds (and in Regions visited later); the SSM "latest" parameters follow the newest. Older builds
 * stay, deprecated two years after their creation as AWS does for public AMIs ("AWS sets a public
 * AMI's deprecation time to at most two years after its creation", `durations.ts`). Names and IDs
 * derive from the release date, so every world with the same start gets the same releases.
 */
function initialReleases(now: number, everyDays: number): Pick<World, 'catalogueReleases' | 'timers'> {
  const nextAt = now + everyDays * DAY;
  return { catalogueReleases: { everyDays, nextAt, released: [] }, timers: { [RELEASE_TIMER_ID]: { at: nextAt, resourceType: 'catalogue-release', event: 'release' } } };
}

/** Key of the catalogue's release timer. */
export const RELEASE_TIMER_ID = 'catalogue-release';

/** The Amazon Linux 2023 builds of one release date. */
export function releaseEntries(at: number): CatalogueEntry[] {
  const date = new Date(at).toISOString().slice(0, 10).replace(/-/g, '');
  return (['x86_64', 'arm64'] as const).map((architecture) => ({
    name: `al2023-ami-2023.6.${date}.0-kernel-6.1-${architecture}`,
    description: `Amazon Linux 2023 AMI 2023.6.${date}.0 ${architecture} HVM kernel-6.1`,
    ownerId: PUBLISHERS.amazonLinux,
    ownerAlias: 'amazon',
    architecture,
    platform: null,
    rootDeviceName: '/dev/xvda',
    volumeSize: 8,
    volumeType: 'gp3',
    bootMode: architecture === 'x86_64' ? 'uefi-preferred' : 'uefi',
    imdsSupport: 'v2.0',
    creationDate: at,
    deprecationTime: at + TWO_YEARS,
    installed: ['amazon-linux-2023-base'],
  }));
}

/** The name of the newest Amazon Linux 2023 build of an architecture in a world with releases (null without). */
export function newestReleaseName(world: Readonly<World>, architecture: 'x86_64' | 'arm64'): string | null {
  const released = world.catalogueReleases?.released ?? [];
  const last = released[released.length - 1];
  if (last === undefined) return null;
  return releaseEntries(last).find((entry) => entry.architecture === architecture)?.name ?? null;
}
