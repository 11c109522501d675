import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCloud, restoreCloud, SAVE_FORMAT_VERSION, WorldRestoreError } from '../../../src/simulator/index.js';
import { call, describeImage, expectOk, instanceWithImage, launch, MINUTE, newCloud, US_EAST_1, US_WEST_2 } from './support.js';

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
    const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CopyImage', { SourceRegion: US_EAST_1, SourceImageId: imageId, Name: 'in-flight' }, { region: US_WEST_2 }));
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
      expect(result.error.message).toMatch(/version 99.*reads versions 1 to 3/);
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

  describe('a version-2 save (before issue 14)', () => {
    // A version-2 world is a version-3 world without Recycle Bin rules or a bin: build one, stamp it 2.
    function version2Save(): string {
      const cloud = newCloud();
      launch(cloud);
      const saved = JSON.parse(cloud.save()) as { version: number; world: Record<string, unknown> };
      expect(saved.world['recycleBinRules']).toBeUndefined();
      expect(saved.world['recycleBin']).toBeUndefined();
      saved.version = 2;
      return JSON.stringify(saved);
    }

    it('is migrated to the current version, unchanged otherwise, and the Recycle Bin works in it', () => {
      const v2 = version2Save();
      const cloud = restored(v2);
      const saved = JSON.parse(cloud.save()) as { version: number; world: unknown };
      expect(saved.version).toBe(SAVE_FORMAT_VERSION);
      expect(saved.world).toEqual((JSON.parse(v2) as { world: unknown }).world);
      expectOk(call(cloud, 'CreateRule', { ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' } }, { service: 'rbin' }));
      expect(restored(cloud.save()).save()).toBe(cloud.save());
    });

    it('refuses a version-2 save that already claims a bin without its timer', () => {
      const saved = JSON.parse(version2Save()) as { world: Record<string, unknown> };
      const cloud = newCloud();
      const image = Object.values(cloud.world().images)[0];
      saved.world['recycleBin'] = { [image?.id ?? '']: { resourceType: 'image', record: image, enteredAt: 0, expiresAt: 1, ruleId: 'AAAAAAAAAAA' } };
      const result = restoreCloud(saved);
      expect(result.ok).toBe(false);
    });
  });

  describe('a version-1 save (before issue 13)', () => {
    // Written by the simulator at version 1: an instance launched, a catalogue AMI tagged, an image still pending.
    const v1 = readFileSync(new URL('./fixtures/world-v1.json', import.meta.url), 'utf8');

    it('is migrated: its resources, tags and pending work are kept, the new catalogue and maps added', () => {
      const parsed = JSON.parse(v1) as { version: number; world: { images: Record<string, { name: string; tags: Record<string, unknown> }>; timers: object } };
      expect(parsed.version).toBe(1);
      const cloud = restored(v1);
      const world = cloud.world();
      for (const [id, image] of Object.entries(parsed.world.images)) {
        expect(world.images[id]?.name).toBe(image.name);
        expect(world.images[id]?.tags).toEqual(image.tags);
      }
      expect(Object.keys(world.timers)).toEqual(Object.keys(parsed.world.timers));
      expect(world.regionOptIns).toEqual({});
      expect(world.parameters).toEqual({});
      expect(world.launchTemplates).toEqual({});
      expect(Object.values(world.images).some((image) => image.name.startsWith('amzn2-ami-hvm-') && image.region === US_EAST_1)).toBe(true);
      expect(JSON.parse(cloud.save()).version).toBe(SAVE_FORMAT_VERSION);
    });

    it('goes on working: the pending image completes and new services answer', () => {
      const cloud = restored(v1);
      const pending = Object.values(cloud.world().images).find((image) => image.name === 'golden-v1');
      cloud.advance(30 * MINUTE);
      expect(describeImage(cloud, pending?.id ?? '')['State']).toBe('available');
      expectOk(call(cloud, 'PutParameter', { Name: 'x', Value: 'y', Type: 'String' }, { service: 'ssm' }));
      expect(restored(cloud.save()).save()).toBe(cloud.save());
    });
  });
});
