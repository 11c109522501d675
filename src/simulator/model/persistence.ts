/**
 * Saving and restoring the world. A save is JSON with a format marker and a version stamp; a
 * restore validates it with the zod schema and checks that its references hold together, so a
 * save from an unknown version, or a corrupted one, is refused with a clear message and never
 * becomes a broken world.
 */
import { snapshotIdsOf } from './block-devices.ts';
import { addRegionCatalogue, EAGER_CATALOGUE_REGIONS } from './catalogue.ts';
import { SAVE_FORMAT_NAME, SAVE_FORMAT_VERSION, serializeWorld } from './save-format.ts';
import { type ImageRecord, type SavedWorld, savedWorldSchema, type SnapshotRecord, type World } from './world-schema.ts';

export { serializeWorld };

/** Why a save could not be restored: a message for people and the path of the bad value. */
export interface RestoreProblem {
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** Result of reading a save. */
export type RestoreResult = { readonly ok: true; readonly world: World } | { readonly ok: false; readonly error: RestoreProblem };

function problem(message: string, path: readonly (string | number)[] = []): RestoreResult {
  return { ok: false, error: { message, path } };
}

/** Cross-record checks the schema cannot express. */
function checkReferences(world: World): RestoreResult | null {
  for (const [id, timer] of Object.entries(world.timers)) {
    const collection = {
      instance: world.instances,
      image: world.images,
      snapshot: world.snapshots,
      volume: world.volumes,
      'auto-scaling-group': world.autoScalingGroups,
      command: world.commands ?? {},
      'recycle-bin': world.recycleBin ?? {},
      'lifecycle-policy': world.lifecyclePolicies ?? {},
      'imagebuilder-image': world.imageBuilder?.images ?? {},
      'imagebuilder-pipeline': world.imageBuilder?.pipelines ?? {},
      'catalogue-release': world.catalogueReleases === undefined ? {} : { 'catalogue-release': true },
    }[timer.resourceType];
    if (!(id in collection)) return problem(`Timer for ${timer.resourceType} ${id}, which does not exist.`, ['world', 'timers', id]);
  }
  for (const [id, instance] of Object.entries(world.instances)) {
    if (instance.id !== id) return problem(`Instance stored under ${id} has the ID ${instance.id}.`, ['world', 'instances', id, 'id']);
    for (const [index, device] of instance.blockDevices.entries()) {
      if (!(device.volumeId in world.volumes)) {
        return problem(`Instance ${id} names volume ${device.volumeId}, which does not exist.`, ['world', 'instances', id, 'blockDevices', index]);
      }
    }
  }
  for (const [id, volume] of Object.entries(world.volumes)) {
    if (volume.id !== id) return problem(`Volume stored under ${id} has the ID ${volume.id}.`, ['world', 'volumes', id, 'id']);
  }
  for (const [id, image] of Object.entries(world.images)) {
    if (image.id !== id) return problem(`Image stored under ${id} has the ID ${image.id}.`, ['world', 'images', id, 'id']);
    if (image.lifecycle.value === 'deregistered' || image.lifecycle.value === 'failed') continue;
    for (const snapshotId of snapshotIdsOf(image)) {
      if (!(snapshotId in world.snapshots)) {
        return problem(`Image ${id} needs snapshot ${snapshotId}, which does not exist.`, ['world', 'images', id, 'blockDeviceMappings']);
      }
    }
  }
  for (const [id, snapshot] of Object.entries(world.snapshots)) {
    if (snapshot.id !== id) return problem(`Snapshot stored under ${id} has the ID ${snapshot.id}.`, ['world', 'snapshots', id, 'id']);
    for (const imageId of snapshot.usedByImageIds) {
      if (!(imageId in world.images)) {
        return problem(`Snapshot ${id} is held by image ${imageId}, which does not exist.`, ['world', 'snapshots', id, 'usedByImageIds']);
      }
    }
  }
  for (const [id, entry] of Object.entries(world.recycleBin ?? {})) {
    if (entry.record.id !== id) return problem(`Recycle Bin entry stored under ${id} holds ${entry.record.id}.`, ['world', 'recycleBin', id, 'record', 'id']);
    if (id in world.images || id in world.snapshots) return problem(`${id} is both in the Recycle Bin and in use.`, ['world', 'recycleBin', id]);
    if (world.timers[id]?.resourceType !== 'recycle-bin') return problem(`${id} is in the Recycle Bin without a time to leave it.`, ['world', 'recycleBin', id]);
  }
  return null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Version 1 → 2 (issue 13): a version-1 world knew four Regions and a smaller catalogue, no Region
 * opt-ins and no Parameter Store. The four Regions' new catalogue images and snapshots are added
 * (those the save has keep their tags and launch times; other Regions' catalogues are added on
 * first use, as in a new world), and the new maps start empty. Runs on the parsed
 * value before validation, so a corrupted version-1 save is still reported by the schema.
 */
function migrateFromVersion1(saved: Record<string, unknown>): void {
  const world = saved['world'];
  if (isPlainObject(world)) {
    const images = world['images'];
    const snapshots = world['snapshots'];
    if (isPlainObject(images) && isPlainObject(snapshots)) {
      for (const region of EAGER_CATALOGUE_REGIONS) {
        addRegionCatalogue(region, images as Record<string, ImageRecord>, snapshots as Record<string, SnapshotRecord>);
      }
    }
    world['regionOptIns'] ??= {};
    world['parameters'] ??= {};
    world['launchTemplates'] ??= {};
    world['autoScalingGroups'] ??= {};
  }
  saved['version'] = 2;
}

/**
 * Version 2 → 3 (issue 14): the Recycle Bin, Data Lifecycle Manager and Image Builder. A version-2
 * world has no retention rules, nothing in the bin, no lifecycle policies and no Image Builder
 * resources; the maps are optional and start absent, so only the stamp changes.
 */
function migrateFromVersion2(saved: Record<string, unknown>): void {
  saved['version'] = 3;
}

/** Reads a save (JSON text or an already parsed value) into a world, or says why it cannot. */
export function readSavedWorld(input: unknown): RestoreResult {
  let value: unknown;
  try {
    // A fresh copy either way: the restored world must share nothing with the caller's value.
    value = JSON.parse(typeof input === 'string' ? input : JSON.stringify(input));
  } catch (error) {
    return problem(`The saved world is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || typeof value !== 'object' || (value as { format?: unknown }).format !== SAVE_FORMAT_NAME) {
    return problem(`This is not an AMI Lab saved world (expected "format": "${SAVE_FORMAT_NAME}").`, ['format']);
  }
  let version = (value as { version?: unknown }).version;
  if (version === 1) {
    migrateFromVersion1(value as Record<string, unknown>);
    version = 2;
  }
  if (version === 2) {
    migrateFromVersion2(value as Record<string, unknown>);
    version = 3;
  }
  if (version !== SAVE_FORMAT_VERSION) {
    return problem(
      `The saved world has format version ${JSON.stringify(version)}, but this simulator reads versions 1 to ${SAVE_FORMAT_VERSION} only. ` +
        'Start a new world, or open the save with the version of AMI Lab that wrote it.',
      ['version'],
    );
  }
  const parsed = savedWorldSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((part) => (typeof part === 'number' ? part : String(part)));
    return problem(`The saved world is corrupted at ${path.join('.') || '(root)'}: ${issue?.message ?? 'invalid value'}.`, path);
  }
  // The validated input itself becomes the world (zod would rebuild every object in schema key
  // order), so a restored world saves back byte for byte. Strict schemas mean nothing unchecked
  // rides along.
  const world = (value as SavedWorld).world;
  return checkReferences(world) ?? { ok: true, world };
}
