/**
 * Build time only: a scenario as the lab island takes it, for the scenario's page, the lab embed page
 * and the lab package's scenario JSON (/lms/labs/<scenario>.json).
 */
import type { LabEntry } from '../../data/labs';
import { buildStartingWorld, startSchema } from '../../simulator/scenarios/index';
import type { ScenarioProps } from '../lab/types';

export function scenarioProps(lab: LabEntry, titles: Readonly<Record<string, string>>): ScenarioProps {
  const start = startSchema.safeParse(lab.data.start);
  const built = start.success ? buildStartingWorld(start.data) : undefined;
  return {
    slug: lab.data.slug,
    title: lab.data.title,
    region: lab.data.region,
    startWorld: built?.ok === true ? built.cloud.save() : null,
    goals: lab.data.goals,
    hintsHtml: lab.data.hintsHtml,
    successHtml: lab.data.successHtml,
    instructionsHtml: lab.data.instructionsHtml,
    lessons: lab.data.lessons.map((slug) => ({ slug, title: titles[slug] ?? slug })),
  };
}
