/** Shapes the lab pages hand to the island, and shared UI types. */
import type { ApiResult, CloudRequest } from '../../simulator/index';

/** A goal of the open scenario. */
export interface ScenarioGoalProps {
  readonly id: string;
  readonly text: string;
  readonly check: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The open scenario, as the page renders it. */
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

/** A call the learner made, with where it came from and what AWS answered. */
export interface CallRecord {
  readonly source: 'form' | 'console';
  readonly label: string;
  readonly request: CloudRequest;
  readonly result: ApiResult;
}

/**
 * Sends a call from a form; AWS's answer shows in the result panel. `service` is the boto3 client
 * name (`ec2` when absent, `ssm`, `account`, `autoscaling`). It resolves with the call made (null
 * when none could be), for forms that show the outcome beside themselves.
 */
export type SendFromForm = (label: string, op: string, params: Record<string, unknown>, region?: string, service?: string) => Promise<CallRecord | null>;
