/**
 * The public AMI catalogue each Region starts with, and the initial world.
 *
 * As in AWS, the same operating system image has a different AMI ID in every Region (moto, by
 * contrast, reuses one ID everywhere). IDs are derived from Region + name, so they are the same in
 * every world whatever the seed.
 */
import { PUBLISHERS } from './accounts.js';
import { stableId, seedToState } from './ids.js';
import { REGIONS } from './regions.js';
import type { ImageRecord, SnapshotRecord, World } from './world-schema.js';
import type { VolumeType } from './pricing.js';

/** Default start of simulated time when `now` is not given: a fixed instant, so runs replay. */
export const DEFAULT_START = Date.UTC(2025, 0, 6, 9, 0, 0);

interface CatalogueEntry {
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
];

/** The initial world: catalogue images and their snapshots in every Region, nothing else. */
export function createInitialWorld(seed: number, now: number): World {
  const images: Record<string, ImageRecord> = {};
  const snapshots: Record<string, SnapshotRecord> = {};
  for (const region of REGIONS) {
    for (const entry of CATALOGUE) {
      const key = `${region.RegionName}/${entry.name}`;
      const imageId = stableId('image', key);
      const snapshotId = stableId('snapshot', key);
      snapshots[snapshotId] = {
        id: snapshotId,
        region: region.RegionName,
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
      };
      images[imageId] = {
        id: imageId,
        region: region.RegionName,
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
    }
  }
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
  };
}
