import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs.js';
import { noteSlugsIn } from '../../../src/content-pipeline/labs/note-slugs.js';
import { createCloud, createDeferredCloud, restoreCloud, restoreDeferredCloud } from '../../../src/simulator';
import { restoreBuiltCloud } from '../../../src/simulator/deferred';
import { buildStartingWorld, startSchema } from '../../../src/simulator/scenarios/index.js';

const NOW = new Date('2025-01-06T09:00:00Z');
const LEARNER = '111122223333';

/** A few calls that touch images, instances and time, as a learner's first minutes would. */
function firstMinutes(cloud: ReturnType<typeof createCloud>): unknown[] {
  const images = cloud.send({ op: 'DescribeImages', region: 'us-east-1', account: LEARNER, params: { Owners: ['amazon'] } });
  const imageId = images.ok ? (images.data as { Images: Array<{ ImageId: string }> }).Images[0]?.ImageId : undefined;
  const run = cloud.send({ op: 'RunInstances', region: 'us-east-1', account: LEARNER, params: { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 } });
  cloud.advance(60_000);
  const described = cloud.send({ op: 'DescribeInstances', region: 'us-east-1', account: LEARNER, params: {} });
  return [images, run, described];
}

describe('a deferred cloud (the lab loads the EC2 rules on the first interaction)', () => {
  test('before its operations have loaded, a call is refused with ServiceUnavailable and changes nothing', () => {
    const cloud = createDeferredCloud({ seed: 7, now: NOW });
    const before = cloud.save();
    const result = cloud.send({ op: 'DescribeRegions', region: 'us-east-1', account: LEARNER, params: {} });
    expect(result).toEqual({ ok: false, error: { Code: 'ServiceUnavailable', Message: expect.stringContaining('cloud.ready()') } });
    expect(cloud.isReady()).toBe(false);
    expect(cloud.save()).toBe(before);
  });

  test('once ready, it answers exactly as createCloud does with the same seed', async () => {
    const deferred = createDeferredCloud({ seed: 7, now: NOW });
    await deferred.ready();
    expect(deferred.isReady()).toBe(true);
    const eager = createCloud({ seed: 7, now: NOW });
    const answers = firstMinutes(deferred);
    expect(answers.map((a) => (a as { ok: boolean }).ok)).toEqual([true, true, true]);
    expect(JSON.stringify(answers)).toBe(JSON.stringify(firstMinutes(eager)));
    expect(deferred.save()).toBe(eager.save());
  });

  test('a restored save comes back exactly, and goes on like restoreCloud once ready', async () => {
    const original = createCloud({ seed: 3, now: NOW });
    firstMinutes(original);
    const saved = original.save();
    const restored = await restoreDeferredCloud(saved);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.cloud.save()).toBe(saved);
    await restored.cloud.ready();
    const reference = restoreCloud(saved);
    if (!reference.ok) throw new Error('reference restore failed');
    expect(JSON.stringify(firstMinutes(restored.cloud))).toBe(JSON.stringify(firstMinutes(reference.cloud)));
  });

  test('a corrupt save is refused with a clear message, never a broken world', async () => {
    const refused = await restoreDeferredCloud('{"format":"ami-lab-world","version":1,"world":{"now":"soon"}}');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message.length).toBeGreaterThan(10);
    expect(await restoreDeferredCloud('not json at all')).toMatchObject({ ok: false });
  });
});

describe('a starting world built with the site (restoreBuiltCloud)', () => {
  test('gives the same world as the validating restore, for every scenario and the sandbox', async () => {
    const labsDir = fileURLToPath(new URL('../../../content/labs/', import.meta.url));
    const built = buildLabs({ labsDir, base: '/', noteSlugs: noteSlugsIn(fileURLToPath(new URL('../../../content/notes/', import.meta.url))) });
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
    const saves = built.scenarios.map((scenario) => {
      const start = buildStartingWorld(startSchema.parse(scenario.start));
      if (!start.ok) throw new Error(start.message);
      return start.cloud.save();
    });
    saves.push(createCloud({ seed: 5, now: NOW }).save());
    for (const save of saves) {
      const trusted = restoreBuiltCloud(save);
      const validated = await restoreDeferredCloud(save);
      if (!trusted.ok || !validated.ok) throw new Error('not restored');
      expect(trusted.cloud.world()).toEqual(validated.cloud.world());
      expect(trusted.cloud.save()).toBe(save);
    }
  });

  test('refuses what is not a save of this version', () => {
    expect(restoreBuiltCloud('{').ok).toBe(false);
    expect(restoreBuiltCloud(JSON.stringify({ format: 'ami-lab-world', version: 1, world: {} })).ok).toBe(false);
    expect(restoreBuiltCloud(JSON.stringify({ format: 'other', version: 3, world: {} })).ok).toBe(false);
  });
});
