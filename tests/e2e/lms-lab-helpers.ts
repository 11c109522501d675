/** Shared by the lab package tests: the scenario as the site builds it, and the console as a learner types in it. */
import { fileURLToPath } from 'node:url';
import { expect, type FrameLocator, type Page } from '@playwright/test';
import { buildLabs } from '../../src/content-pipeline/labs/build-labs';
import { noteSlugsIn } from '../../src/content-pipeline/labs/note-slugs';
import type { LabPlaySpec } from '../../src/packaging/lab-package';
import { buildStartingWorld, startSchema } from '../../src/simulator/scenarios/index';

export const SLUG = 'disaster-recovery-in-another-region';

export function labSpec(): LabPlaySpec {
  const built = buildLabs({
    labsDir: fileURLToPath(new URL('../../content/labs/', import.meta.url)),
    base: '/',
    noteSlugs: noteSlugsIn(fileURLToPath(new URL('../../content/notes/', import.meta.url))),
  });
  if (!built.ok) throw new Error('labs do not build');
  const lab = built.scenarios.find((s) => s.slug === SLUG);
  if (!lab) throw new Error(`no scenario ${SLUG}`);
  const start = startSchema.safeParse(lab.start);
  const world = start.success ? buildStartingWorld(start.data) : undefined;
  return {
    scenario: {
      slug: lab.slug,
      title: lab.title,
      region: lab.region,
      startWorld: world?.ok === true ? world.cloud.save() : null,
      goals: lab.goals,
      hintsHtml: lab.hintsHtml,
      successHtml: lab.successHtml,
      instructionsHtml: lab.instructionsHtml,
      lessons: [],
    },
    siteBase: 'https://ami-lab.example/',
    lessonTitles: {},
  };
}

export async function run(frame: FrameLocator | Page, command: string): Promise<string> {
  const log = frame.getByRole('log', { name: 'Console output' });
  const before = await log.locator('.lab-console-entry').count();
  const input = frame.getByRole('textbox', { name: 'AWS CLI command' });
  await input.fill(command);
  await input.press('Enter');
  await expect.poll(async () => log.locator('.lab-console-entry').count()).toBeGreaterThan(before);
  return (await log.locator('.lab-console-entry').allInnerTexts()).slice(before + 1).join('\n');
}

export async function skipAhead(frame: FrameLocator | Page): Promise<void> {
  const skip = frame.getByRole('button', { name: 'Skip ahead' });
  if (await skip.isEnabled()) await skip.click();
  await expect(skip).toBeDisabled();
}
