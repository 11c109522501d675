/**
 * A guided lab scenario as the site hands it to whatever runs it: the lab island on the site, the
 * lab embed, and the lab packages for an LMS. Built from content/labs at build time.
 */

/** A goal of the scenario. */
export interface ScenarioGoalProps {
  readonly id: string;
  readonly text: string;
  readonly check: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The scenario, as the page renders it. */
export interface ScenarioProps {
  readonly slug: string;
  readonly title: string;
  readonly region: string;
  /** The starting world as a save (`cloud.save()`), built from the scenario's steps at build time; null if they failed. */
  readonly startWorld: string | null;
  readonly goals: readonly ScenarioGoalProps[];
  readonly hintsHtml: readonly string[];
  readonly successHtml: string;
  readonly instructionsHtml: string;
  readonly lessons: readonly { readonly slug: string; readonly title: string }[];
}
