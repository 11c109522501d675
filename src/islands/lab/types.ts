/** Shapes the lab pages hand to the island, and shared UI types. */
import type { ApiResult, CloudRequest } from '../../simulator/index';

export type { ScenarioProps } from '../../shared/scenario-props';

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
