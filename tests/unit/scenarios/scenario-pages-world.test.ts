/**
 * What a lab's pages hand to the lab is the starting world its scenario file describes, every
 * option included: each shipped scenario goes through the labs collection's schema, as Astro
 * stores it, and then through scenarioProps, as the lab page, the lab embed and the lab package
 * take it. (The collection once kept only a scenario's seed, time and steps, and the pages built the
 * world from those: "Rebuild the golden AMI when Amazon Linux is updated" lost its weekly Amazon
 * Linux release, and its last goal could not be met in the browser.)
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs';
import { noteSlugsIn } from '../../../src/content-pipeline/labs/note-slugs';
import { collections } from '../../../src/content.config';
import type { LabEntry } from '../../../src/data/labs';
import { scenarioProps } from '../../../src/islands/lab-embed/scenario-props';
import { restoreCloud } from '../../../src/simulator/index';
import { buildStartingWorld, startSchema } from '../../../src/simulator/scenarios/index';

const LABS = fileURLToPath(new URL('../../../content/labs/', import.meta.url));
const NOTES = fileURLToPath(new URL('../../../content/notes/', import.meta.url));
const DAY = 24 * 3_600_000;

describe("a lab's pages", () => {
  const built = buildLabs({ labsDir: LABS, base: '/', noteSlugs: noteSlugsIn(NOTES) });
  if (!built.ok) throw new Error(built.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  const schema = collections.labs.schema;
  if (schema === undefined || typeof schema === 'function') throw new Error('the labs collection has a schema object');

  test.each(built.scenarios.map((scenario) => [scenario.slug, scenario] as const))('%s: start from the world its file describes', (_slug, scenario) => {
    const stored = schema.parse(JSON.parse(JSON.stringify(scenario)));
    const props = scenarioProps({ id: scenario.slug, collection: 'labs', data: stored } as LabEntry, {});
    const fromFile = buildStartingWorld(startSchema.parse(scenario.start));
    if (!fromFile.ok) throw new Error(fromFile.message);
    expect(props.startWorld).toBe(fromFile.cloud.save());
  });

  test('the Amazon Linux update lab: Amazon publishes a new build a week on', () => {
    const scenario = built.scenarios.find((s) => s.slug === 'rebuild-the-golden-ami-when-amazon-linux-is-updated');
    if (!scenario) throw new Error('the lab is shipped');
    const props = scenarioProps({ id: scenario.slug, collection: 'labs', data: schema.parse(JSON.parse(JSON.stringify(scenario))) } as LabEntry, {});
    const restored = restoreCloud(props.startWorld ?? '');
    if (!restored.ok) throw new Error(restored.error.message);
    const { cloud } = restored;
    const [me] = cloud.accounts();
    const latest = () => {
      const result = cloud.send({
        op: 'GetParameter',
        service: 'ssm',
        region: 'us-east-1',
        account: me?.accountId ?? '',
        params: { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
      });
      if (!result.ok) throw new Error(result.error.Message);
      return (result.data as { Parameter: { Value: string } }).Parameter.Value;
    };
    const before = latest();
    cloud.advance(8 * DAY);
    expect(latest()).not.toBe(before);
  });
});
