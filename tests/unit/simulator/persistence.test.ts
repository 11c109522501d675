import { describe, expect, it } from 'vitest';
import { createCloud, restoreCloud, SAVE_FORMAT_VERSION, WorldRestoreError } from '../../../src/simulator/index.js';
import {
  call,
  describeImage,
  expectOk,
  instanceWithImage,
  launch,
  MINUTE,
  newCloud,
  US_EAST_1,
  US_WEST_2,
} from './support.js';

function restored(json: unknown): ReturnType<typeof newCloud> {
  const result = restoreCloud(json);
  if (!result.ok) throw new Error(result.error.message);
  return result.cloud;
}

describe('save and restore', () => {
  it('saves JSON with a format marker and version stamp', () => {
    const saved = JSON.parse(newCloud().save()) as Record<string, unknown>;
    expect(saved['format']).toBe('ami-lab-world');
    expect(saved['version']).toBe(SAVE_FORMAT_VERSION);
  });

  it('restores the world exactly: a second save is identical and answers are the same', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const json = cloud.save();
    const copy = restored(json);
    expect(copy.save()).toBe(json);
    expect(describeImage(copy, imageId)).toEqual(describeImage(cloud, imageId));
    expect(copy.bill('111122223333')).toEqual(cloud.bill('111122223333'));
  });

  it('goes on issuing the same IDs after a restore (the ID generator is part of the world)', () => {
    const cloud = newCloud(5);
    launch(cloud);
    const copy = restored(cloud.save());
    expect(launch(copy)).toBe(launch(cloud));
  });

  it('restores mid-copy: pending resources finish exactly as they would have', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const { ImageId } = expectOk<{ ImageId: string }>(
      call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'in-flight' }, { region: US_WEST_2 }),
    );
    cloud.advance(3 * MINUTE);
    const copy = restored(cloud.save());
    expect(describeImage(copy, ImageId, { region: US_WEST_2 })['State']).toBe('pending');
    cloud.advance(60 * MINUTE);
    copy.advance(60 * MINUTE);
    expect(describeImage(copy, ImageId, { region: US_WEST_2 })['State']).toBe('available');
    expect(copy.save()).toBe(cloud.save());
  });

  it('accepts the parsed save as well as the JSON text, without sharing objects with it', () => {
    const cloud = newCloud();
    launch(cloud);
    const parsed = JSON.parse(cloud.save()) as { world: { now: number } };
    const copy = restored(parsed);
    parsed.world.now = 0;
    expect(copy.now().getTime()).toBe(cloud.now().getTime());
  });

  it('refuses a save from an unknown version with a clear message', () => {
    const saved = JSON.parse(newCloud().save()) as Record<string, unknown>;
    const result = restoreCloud({ ...saved, version: 99 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/version 99.*reads version 1/);
      expect(result.error.path).toEqual(['version']);
    }
  });

  it('refuses a corrupted save, naming where it is broken', () => {
    const saved = JSON.parse(newCloud().save()) as { world: { images: Record<string, { lifecycle: { value: string } }> } };
    const [firstId] = Object.keys(saved.world.images);
    const image = saved.world.images[firstId ?? ''];
    if (image === undefined) throw new Error('no image to corrupt');
    image.lifecycle.value = 'exploded';
    const result = restoreCloud(saved);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.path).toEqual(['world', 'images', firstId, 'lifecycle', 'value']);
      expect(result.error.message).toMatch(/corrupted at world\.images\./);
    }
  });

  it('refuses a save whose references do not hold together', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    const saved = JSON.parse(cloud.save()) as { world: { snapshots: Record<string, unknown>; images: Record<string, { blockDeviceMappings: { Ebs: { SnapshotId: string } }[] }> } };
    const snapshotId = saved.world.images[imageId]?.blockDeviceMappings[0]?.Ebs.SnapshotId ?? '';
    delete saved.world.snapshots[snapshotId];
    const result = restoreCloud(saved);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`needs snapshot ${snapshotId}`);
  });

  it('refuses text that is not JSON, or JSON that is not a save', () => {
    expect(restoreCloud('{not json').ok).toBe(false);
    const other = restoreCloud({ hello: 'world' });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.message).toMatch(/not an AMI Lab saved world/);
  });

  it('createCloud({ restore }) throws a WorldRestoreError (not a bare error) for a bad save', () => {
    expect(() => createCloud({ restore: '{"format":"ami-lab-world","version":0}' })).toThrow(WorldRestoreError);
    try {
      createCloud({ restore: '{"format":"ami-lab-world","version":0}' });
    } catch (error) {
      expect((error as WorldRestoreError).path).toEqual(['version']);
    }
  });

  it('gives the same IDs for the same seed and different ones for another seed', () => {
    const a = launch(newCloud(7));
    const b = launch(newCloud(7));
    const c = launch(newCloud(8));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('starts at the given time', () => {
    const start = new Date('2030-05-01T12:00:00Z');
    expect(createCloud({ now: start }).now()).toEqual(start);
    expect(createCloud({ now: start.getTime() }).now()).toEqual(start);
  });
});
