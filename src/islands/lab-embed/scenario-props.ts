/**
 * Build time only: a scenario as the lab island takes it, for the scenario's page, the lab embed page
 * and the lab package's scenario JSON (/lms/labs/<scenario>.json).
 */
import type { LabEntry } from '../../data/labs';
import { buildStartingWorld, startSchema } from '../../simulator/scenarios/index';
import type { ScenarioProps } from '../lab/types';

/**
 * Starting worlds by their recipe: a lab's page, its embed and its package share one build (the
 * world is 50 KB of JSON, so it is not kept in the content store, which `npm run dev` writes whole
 * on every reload).
 */
const startWorlds = new Map<string, string | null>();

function startWorld(start: unknown): string | null {
  const key = JSON.stringify(start);
  let world = startWorlds.get(key);
  if (world === undefined) {
    const parsed = startSchema.safeParse(start);
    const built = parsed.success ? buildStartingWorld(parsed.data) : undefined;
    world = built?.ok === true ? built.cloud.save() : null;
    startWorlds.set(key, world);
  }
  return world;
}

export function scenarioProps(lab: LabEntry, titles: Readonly<Record<string, string>>): ScenarioProps {
  return {
    slug: lab.data.slug,
    title: lab.data.title,
    region: lab.data.region,
    startWorld: startWorld(lab.data.start),
    goals: lab.data.goals,
    hintsHtml: lab.data.hintsHtml,
    successHtml: lab.data.successHtml,
    instructionsHtml: lab.data.instructionsHtml,
    lessons: lab.data.lessons.map((slug) => ({ slug, title: titles[slug] ?? slug })),
  };
}
