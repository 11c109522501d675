/**
 * The frontmatter of a lab scenario (content/labs/*.md): what it is, which lessons it practises,
 * its starting world, its goals (named checks of the simulator), hints and the success summary.
 */
import { z } from 'zod';
import { goalSchema, startSchema } from '../../simulator/scenarios/index.ts';

export const labFrontmatterSchema = z.strictObject({
  /** Title shown in the lab and on lessons. */
  title: z.string().min(1),
  /** Position in the list of scenarios. */
  order: z.number().int().nonnegative(),
  /** One sentence for lists. */
  description: z.string().min(1),
  /** Slugs of the lessons the scenario practises; each lesson links back to it. */
  lessons: z.array(z.string()).min(1),
  /** Region the sandbox shows first. */
  region: z.string().default('us-east-1'),
  /** The starting world. */
  start: startSchema.default({ seed: 1, now: '2025-01-06T09:00:00Z', steps: [] }),
  /** What the learner must achieve, each checked against the simulated cloud. */
  goals: z.array(goalSchema).min(1),
  /** Hints, revealed one at a time on request (Markdown). */
  hints: z.array(z.string()).default([]),
  /** What happened and why, shown when every goal is met (Markdown, wikilinks allowed). */
  success: z.string().min(1),
});

export type LabFrontmatter = z.output<typeof labFrontmatterSchema>;

/** A goal as the page hands it to the lab island. */
export interface LabGoal {
  readonly id: string;
  readonly text: string;
  readonly check: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A scenario ready for the site: frontmatter plus rendered HTML. */
export interface LabScenario {
  readonly slug: string;
  readonly path: string;
  readonly title: string;
  readonly order: number;
  readonly description: string;
  readonly lessons: readonly string[];
  readonly region: string;
  readonly start: LabFrontmatter['start'];
  readonly goals: readonly LabGoal[];
  readonly hintsHtml: readonly string[];
  readonly successHtml: string;
  readonly instructionsHtml: string;
}
