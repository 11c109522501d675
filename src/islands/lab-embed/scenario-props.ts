/**
 * Build time only: a scenario as the lab island takes it, for the scenario's page, the lab embed page
 * and the lab package's scenario JSON (/lms/labs/<scenario>.json).
 */
import type { LabEntry } from '../../data/labs';
import type { ScenarioProps } from '../lab/types';

export function scenarioProps(lab: LabEntry, titles: Readonly<Record<string, string>>): ScenarioProps {
  return {
    slug: lab.data.slug,
    title: lab.data.title,
    region: lab.data.region,
    // Built and proved with the scenario (content-pipeline/labs/build-labs.ts), once for its three pages.
    startWorld: lab.data.startWorld,
    goals: lab.data.goals,
    hintsHtml: lab.data.hintsHtml,
    successHtml: lab.data.successHtml,
    instructionsHtml: lab.data.instructionsHtml,
    lessons: lab.data.lessons.map((slug) => ({ slug, title: titles[slug] ?? slug })),
  };
}
