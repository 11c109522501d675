/**
 * AWS-shaped errors and the result union every operation returns.
 *
 * Messages follow AWS's own wording where it is documented or observed; where it is not,
 * the README lists the choice made.
 */

/** An EC2 API error as the AWS SDK exposes it: `Code` and `Message`. */
export interface AwsError {
  readonly Code: string;
  readonly Message: string;
}

/** Result of one EC2 call: the response data, or AWS's error. */
export type ApiResult<T = unknown> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AwsError };

/** Builds a successful result. */
export function ok<T>(data: T): ApiResult<T> {
  return { ok: true, data };
}

/** Builds a failed result with AWS's code and message. */
export function fail(Code: string, Message: string): { readonly ok: false; readonly error: AwsError } {
  return { ok: false, error: { Code, Message } };
}

/** The failure half of {@link ApiResult}, for helpers that only ever fail. */
export type Failure = { readonly ok: false; readonly error: AwsError };

/** Resource kinds whose IDs the simulator issues, with AWS's prefixes. */
export const ID_PREFIX = {
  image: 'ami',
  instance: 'i',
  volume: 'vol',
  snapshot: 'snap',
  reservation: 'r',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const MALFORMED_CODE: Record<Exclude<IdKind, 'reservation'>, string> = {
  image: 'InvalidAMIID.Malformed',
  instance: 'InvalidInstanceID.Malformed',
  volume: 'InvalidVolumeID.Malformed',
  snapshot: 'InvalidSnapshotID.Malformed',
};

/** `InvalidAMIID.Malformed` and friends, in AWS's `Invalid id: "x" (expecting "ami-...")` form. */
export function malformedId(kind: Exclude<IdKind, 'reservation'>, id: string): Failure {
  return fail(MALFORMED_CODE[kind], `Invalid id: "${id}" (expecting "${ID_PREFIX[kind]}-...")`);
}

/** Not-found errors for one or several IDs, worded as AWS words each resource type. */
export function notFound(kind: Exclude<IdKind, 'reservation'>, ids: readonly string[]): Failure {
  const many = ids.length > 1;
  switch (kind) {
    case 'image':
      return fail('InvalidAMIID.NotFound', many ? `The image ids '[${ids.join(', ')}]' do not exist` : `The image id '[${ids[0]}]' does not exist`);
    case 'instance':
      return fail('InvalidInstanceID.NotFound', many ? `The instance IDs '${ids.join(', ')}' do not exist` : `The instance ID '${ids[0]}' does not exist`);
    case 'volume':
      return fail('InvalidVolume.NotFound', many ? `The volumes '${ids.join(', ')}' do not exist.` : `The volume '${ids[0]}' does not exist.`);
    case 'snapshot':
      return fail('InvalidSnapshot.NotFound', many ? `The snapshots '${ids.join(', ')}' do not exist.` : `The snapshot '${ids[0]}' does not exist.`);
  }
}

/** `MissingParameter`, worded as the EC2 query API words it. */
export function missingParameter(name: string): Failure {
  return fail('MissingParameter', `The request must contain the parameter ${name}`);
}

/** Renders a rejected value the way an error message can quote it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The answer to every `DryRun: true` call that would have succeeded. */
export const DRY_RUN_SUCCEEDED: Failure = fail('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');

/** The answer to a `DryRun: true` call the caller would not be allowed to make. */
export const DRY_RUN_UNAUTHORIZED: Failure = fail('UnauthorizedOperation', 'You are not authorized to perform this operation.');

/** What `send` answers when something unexpected escaped an operation; the world is rolled back. */
export const INTERNAL_ERROR: Failure = fail('InternalError', 'An internal error has occurred');
