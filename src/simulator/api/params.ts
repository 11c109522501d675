/**
 * Request parameters: zod schemas per operation, and the mapping of a schema failure to the error
 * EC2 itself would answer (`MissingParameter`, `UnknownParameter`, `InvalidParameterValue`).
 * Parameter names are those of the AWS SDK for JavaScript v3.
 */
import * as z from '../model/zod.ts';
import { type ApiResult, describeValue, fail, missingParameter, ok } from '../model/errors.ts';

/** Renders a zod path the way EC2 names a parameter: `BlockDeviceMappings.1.Ebs.VolumeSize`. */
function parameterName(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? String(part + 1) : String(part))).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Parses params with a schema; a failure becomes AWS's error for the first problem found. */
export function parseParams<S extends z.ZodMiniType>(schema: S, params: unknown): ApiResult<z.output<S>> {
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (issue === undefined) return fail('InvalidParameterValue', 'The request is invalid.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return fail('UnknownParameter', `The parameter ${parameterName([...issue.path, key])} is not recognized`);
  }
  const value = valueAt(params, issue.path);
  const name = parameterName(issue.path);
  if (issue.code === 'invalid_type' && value === undefined) return missingParameter(name);
  if (issue.path.length === 0) return fail('InvalidParameterValue', 'The request parameters must be an object.');
  if (issue.code === 'custom' || issue.code === 'invalid_format') {
    return fail('InvalidParameterValue', issue.message);
  }
  return fail('InvalidParameterValue', `Invalid value '${describeValue(value)}' for ${name}`);
}

/** `DryRun`, accepted by every operation. */
export const dryRun = z.optional(z.boolean());

/** A tag as callers give it. */
export const tagParam = z.strictObject({ Key: z.string(), Value: z.optional(z.string()) });

/** `TagSpecifications`: tags to put on the resources a call creates. */
export const tagSpecificationsParam = z.optional(z.array(z.strictObject({ ResourceType: z.string(), Tags: z.optional(z.array(tagParam)) })));

/** `Filters`: `Name` is checked by the operation so a missing one gets AWS's own error. */
export const filtersParam = z.optional(z.array(z.strictObject({ Name: z.optional(z.string()), Values: z.optional(z.array(z.string())) })));

/** A timestamp given as a Date (SDK v3), an ISO string or epoch ms. */
export const timestampParam = z.union([z.date(), z.string(), z.number()]);

/** Converts a timestamp parameter to epoch ms; NaN when it is not a date. */
export function toEpochMs(value: Date | string | number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

/** A block device mapping entry as RunInstances, CreateImage and RegisterImage accept it. */
export const blockDeviceMappingParam = z.strictObject({
  DeviceName: z.string(),
  Ebs: z.optional(
    z.strictObject({
      SnapshotId: z.optional(z.string()),
      VolumeSize: z.optional(z.number().check(z.int(), z.positive())),
      VolumeType: z.optional(z.string()),
      DeleteOnTermination: z.optional(z.boolean()),
      Encrypted: z.optional(z.boolean()),
      KmsKeyId: z.optional(z.string()),
      Iops: z.optional(z.number().check(z.int(), z.positive())),
      Throughput: z.optional(z.number().check(z.int(), z.positive())),
    }),
  ),
  VirtualName: z.optional(z.string()),
  NoDevice: z.optional(z.string()),
});

export type BlockDeviceMappingParam = z.output<typeof blockDeviceMappingParam>;
export type FiltersParam = z.output<typeof filtersParam>;
export type TagSpecificationsParam = z.output<typeof tagSpecificationsParam>;
