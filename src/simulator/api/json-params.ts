/**
 * Parameters of the JSON-protocol services (SSM, Account): a schema failure is a
 * `ValidationException`, as those services answer, rather than EC2's `MissingParameter` /
 * `InvalidParameterValue`.
 */
import { type ApiResult, describeValue, fail, ok } from '../model/errors.ts';
import type * as z from '../model/zod.ts';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/**
 * Parses params with a schema. A failure reads like AWS's JSON services: "1 validation error
 * detected: Value null at 'name' failed to satisfy constraint: Member must not be null".
 */
export function parseJsonParams<S extends z.ZodMiniType>(schema: S, params: unknown): ApiResult<z.output<S>> {
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (issue === undefined) return fail('ValidationException', 'The request is invalid.');
  if (issue.code === 'unrecognized_keys') {
    return fail('ValidationException', `Unknown parameter in input: "${issue.keys[0] ?? ''}"`);
  }
  const field = issue.path.map(String).join('.');
  const name = field.charAt(0).toLowerCase() + field.slice(1);
  const value = valueAt(params, issue.path);
  if (value === undefined) {
    return fail('ValidationException', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  }
  return fail('ValidationException', `1 validation error detected: Value '${describeValue(value)}' at '${name}' failed to satisfy constraint: ${issue.message}`);
}
