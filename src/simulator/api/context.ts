/**
 * What every operation receives, and the rules shared by several operations: looking images and
 * snapshots up (who may see them is model/visibility.ts), tags per account, Describe filters with
 * AWS's wildcards.
 */
import type { AccountInfo } from '../model/accounts.ts';
import { type ApiResult, type Failure, fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import type { RegionInfo } from '../model/regions.ts';
import type { Transaction } from '../model/world.ts';
import type { ImageRecord, SnapshotRecord, Tag, TagsByAccount } from '../model/world-schema.ts';
import { canSeeSnapshot, isRecentlyDeregistered } from '../model/visibility.ts';
import type { FiltersParam, TagSpecificationsParam } from './params.ts';

/** One call: the open transaction, the Region it was sent to and the calling account. */
export interface CallContext {
  readonly tx: Transaction;
  readonly region: RegionInfo;
  readonly account: AccountInfo;
}

/** An operation handler: validates, applies (through the transaction) and shapes the response. */
export type Operation = (ctx: CallContext, params: unknown) => ApiResult;

/**
 * Looks an image up for an operation on it: malformed → `InvalidAMIID.Malformed`; missing in this
 * Region (including an AMI of another Region, or one purged after deregistration) →
 * `InvalidAMIID.NotFound`.
 */
export function lookUpImage(ctx: CallContext, imageId: string): ApiResult<ImageRecord> {
  if (!isWellFormedId('image', imageId)) return malformedId('image', imageId);
  const image = ctx.tx.get('image', imageId);
  if (image === undefined || image.region !== ctx.region.RegionName) return notFound('image', [imageId]);
  if (image.lifecycle.value === 'deregistered' && !isRecentlyDeregistered(image, ctx.tx.now)) {
    return notFound('image', [imageId]);
  }
  return ok(image);
}

/**
 * Looks an image up for a change only its owner may make (modify, deregister, deprecate, …).
 * Another account's image gives `AuthFailure`; a deregistered one `InvalidAMIID.Unavailable`.
 */
export function lookUpOwnImage(ctx: CallContext, imageId: string): ApiResult<ImageRecord> {
  const found = lookUpImage(ctx, imageId);
  if (!found.ok) return found;
  const image = found.data;
  if (image.ownerId !== ctx.account.accountId) {
    return fail('AuthFailure', `Not authorized for image:${imageId}`);
  }
  if (image.lifecycle.value === 'deregistered') return imageUnavailable(imageId);
  return found;
}

/** `InvalidAMIID.Unavailable` for a deregistered image. */
export function imageUnavailable(imageId: string): Failure {
  return fail('InvalidAMIID.Unavailable', `The image id '[${imageId}]' is no longer available`);
}

/** Looks a snapshot up in the call's Region, visible to the caller. */
export function lookUpSnapshot(ctx: CallContext, snapshotId: string): ApiResult<SnapshotRecord> {
  if (!isWellFormedId('snapshot', snapshotId)) return malformedId('snapshot', snapshotId);
  const snapshot = ctx.tx.get('snapshot', snapshotId);
  if (snapshot === undefined || snapshot.region !== ctx.region.RegionName || !canSeeSnapshot(snapshot, ctx.account)) {
    return notFound('snapshot', [snapshotId]);
  }
  return ok(snapshot);
}

/** The tags an account sees on a resource (each account has its own). */
export function tagsFor(tags: TagsByAccount, accountId: string): readonly Tag[] {
  return tags[accountId] ?? [];
}

/** Maximum tags per resource per account. */
export const MAX_TAGS = 50;

/** Checks tag keys and values as EC2 does; returns an error or null. */
export function validateTags(tags: readonly { Key: string; Value?: string | undefined }[]): Failure | null {
  for (const tag of tags) {
    if (tag.Key.length === 0 || tag.Key.length > 128) {
      return fail('InvalidParameterValue', `Tag key exceeds the maximum length of 128 characters or is empty: '${tag.Key}'`);
    }
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      return fail('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    }
    if ((tag.Value ?? '').length > 256) {
      return fail('InvalidParameterValue', `Tag value exceeds the maximum length of 256 characters: '${tag.Value ?? ''}'`);
    }
  }
  return null;
}

/** Adds or replaces tags of one account on a resource's tag set. */
export function withTags(tags: TagsByAccount, accountId: string, added: readonly { Key: string; Value?: string | undefined }[]): ApiResult<TagsByAccount> {
  const current = [...tagsFor(tags, accountId)];
  for (const tag of added) {
    const value = tag.Value ?? '';
    const index = current.findIndex((existing) => existing.Key === tag.Key);
    if (index >= 0) current[index] = { Key: tag.Key, Value: value };
    else current.push({ Key: tag.Key, Value: value });
  }
  if (current.length > MAX_TAGS) {
    return fail('TagLimitExceeded', `The maximum number of tags (${MAX_TAGS}) per resource has been exceeded.`);
  }
  return ok({ ...tags, [accountId]: current });
}

/**
 * Tags from `TagSpecifications` for one resource type. A resource type the operation cannot tag
 * is rejected, with AWS's message.
 */
export function tagsFromSpecifications(specifications: TagSpecificationsParam, allowedTypes: readonly string[]): ApiResult<Record<string, { Key: string; Value: string }[]>> {
  const byType: Record<string, { Key: string; Value: string }[]> = {};
  for (const specification of specifications ?? []) {
    if (!allowedTypes.includes(specification.ResourceType)) {
      return fail('InvalidParameterValue', `'${specification.ResourceType}' is not a valid taggable resource type for this operation.`);
    }
    const tags = specification.Tags ?? [];
    const invalid = validateTags(tags);
    if (invalid !== null) return invalid;
    const list = byType[specification.ResourceType] ?? [];
    byType[specification.ResourceType] = list;
    for (const tag of tags) list.push({ Key: tag.Key, Value: tag.Value ?? '' });
  }
  return ok(byType);
}

/** A tag set holding one account's tags, or none. */
export function initialTags(accountId: string, tags: readonly Tag[] | undefined): TagsByAccount {
  return tags === undefined || tags.length === 0 ? {} : { [accountId]: tags };
}

/** Compiles an EC2 filter value: `*` any run, `?` one character, `\` escapes. */
export function compileWildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '\\' && i + 1 < pattern.length) {
      i += 1;
      source += pattern.charAt(i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A compiled filter: the values a record yields for its name must match one pattern. */
export interface CompiledFilter {
  readonly name: string;
  readonly patterns: readonly RegExp[];
}

/**
 * Validates and compiles `Filters` against the filter names an operation supports (names of the
 * form `tag:<key>` are always allowed).
 */
export function compileFilters(filters: FiltersParam, supported: ReadonlySet<string>): ApiResult<CompiledFilter[]> {
  const compiled: CompiledFilter[] = [];
  for (const filter of filters ?? []) {
    if (filter.Name === undefined || filter.Name === '') {
      return fail('InvalidParameterValue', 'The filter name must be specified.');
    }
    if (!filter.Name.startsWith('tag:') && !supported.has(filter.Name)) {
      return fail('InvalidParameterValue', `The filter '${filter.Name}' is invalid`);
    }
    compiled.push({ name: filter.Name, patterns: (filter.Values ?? []).map(compileWildcard) });
  }
  return ok(compiled);
}

/**
 * Whether a record passes every filter. `valuesOf` gives the record's values for a filter name;
 * for `tag:<key>` the caller's tag values are used.
 */
export function matchesFilters(filters: readonly CompiledFilter[], valuesOf: (name: string) => readonly string[], tags: readonly Tag[]): boolean {
  for (const filter of filters) {
    const values = filter.name.startsWith('tag:') ? tags.filter((tag) => tag.Key === filter.name.slice(4)).map((tag) => tag.Value) : valuesOf(filter.name);
    if (!values.some((value) => filter.patterns.some((pattern) => pattern.test(value)))) return false;
  }
  return true;
}

/** Values of the generic tag filters (`tag-key`, `tag-value`). */
export function tagFilterValues(name: string, tags: readonly Tag[]): readonly string[] | undefined {
  if (name === 'tag-key') return tags.map((tag) => tag.Key);
  if (name === 'tag-value') return tags.map((tag) => tag.Value);
  return undefined;
}

/** Checks that a list of IDs is present and non-empty; EC2 answers `MissingParameter` otherwise. */
export function requireIds(ids: readonly string[] | undefined, name: string): Failure | null {
  if (ids === undefined || ids.length === 0) return fail('MissingParameter', `The request must contain the parameter ${name}`);
  return null;
}
