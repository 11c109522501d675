/** Reading block device mappings (no statecharts, no validator: safe for any bundle). */
import type { ImageRecord } from './world-schema.ts';

/** Snapshot IDs named by an image's block device mapping, in mapping order. */
export function snapshotIdsOf(image: Pick<ImageRecord, 'blockDeviceMappings'>): string[] {
  const ids: string[] = [];
  for (const mapping of image.blockDeviceMappings) {
    const id = mapping.Ebs?.SnapshotId;
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
