/**
 * CreateTags and DeleteTags on images, instances, volumes and snapshots. Tags belong to the account
 * that writes them: a grantee may tag a shared AMI, and only it sees those tags.
 */
import * as z from '../model/zod.ts';
import { type ApiResult, fail, malformedId, notFound, ok } from '../model/errors.ts';
import { isWellFormedId, kindOfId } from '../model/ids.ts';
import type { RecordByType } from '../model/world.ts';
import type { ResourceType, TagsByAccount } from '../model/world-schema.ts';
import { canSeeSnapshot, canUseImage } from '../model/visibility.ts';
import { type CallContext, type Operation, tagsFor, validateTags, withTags } from './context.ts';
import { dryRun, parseParams, tagParam } from './params.ts';

interface TaggableRecord {
  readonly type: ResourceType;
  readonly record: RecordByType[ResourceType];
}

/** Resolves a resource ID of any taggable kind, visible to the caller in the call's Region. */
function lookUpTaggable(ctx: CallContext, id: string): ApiResult<TaggableRecord> {
  const kind = kindOfId(id);
  if (kind === undefined) return fail('InvalidID', `The ID '${id}' is not valid`);
  if (!isWellFormedId(kind, id)) return malformedId(kind, id);
  const record = ctx.tx.get(kind, id);
  const region = ctx.region.RegionName;
  const caller = ctx.account;
  let visible = false;
  if (record !== undefined && record.region === region) {
    if (kind === 'image') {
      const image = record as RecordByType['image'];
      visible = image.lifecycle.value !== 'deregistered' && (canUseImage(image, caller) || image.ownerId === caller.accountId);
    } else if (kind === 'snapshot') visible = canSeeSnapshot(record as RecordByType['snapshot'], caller);
    else visible = record.ownerId === caller.accountId;
  }
  if (!visible || record === undefined) return notFound(kind, [id]);
  return ok({ type: kind, record });
}

const createTagsParams = z.strictObject({ Resources: z.array(z.string()), Tags: z.array(tagParam), DryRun: dryRun });

function putTags(ctx: CallContext, target: TaggableRecord, tags: TagsByAccount): void {
  ctx.tx.put(target.type, { ...target.record, tags } as RecordByType[ResourceType]);
}

/** CreateTags: adds or overwrites the caller's tags on each resource; all or nothing. */
export const createTags: Operation = (ctx, raw) => {
  const parsed = parseParams(createTagsParams, raw);
  if (!parsed.ok) return parsed;
  const { Resources, Tags } = parsed.data;
  if (Resources.length === 0) return fail('MissingParameter', 'The request must contain the parameter ResourceId');
  const invalid = validateTags(Tags);
  if (invalid !== null) return invalid;
  const targets: TaggableRecord[] = [];
  for (const id of Resources) {
    const target = lookUpTaggable(ctx, id);
    if (!target.ok) return target;
    targets.push(target.data);
  }
  for (const target of targets) {
    const current = ctx.tx.get(target.type, target.record.id) ?? target.record;
    const tagged = withTags(current.tags, ctx.account.accountId, Tags);
    if (!tagged.ok) return tagged;
    putTags(ctx, { type: target.type, record: current }, tagged.data);
  }
  return ok({});
};

const deleteTagsParams = z.strictObject({
  Resources: z.array(z.string()),
  Tags: z.optional(z.array(z.strictObject({ Key: z.string(), Value: z.optional(z.string()) }))),
  DryRun: dryRun,
});

/**
 * DeleteTags: removes the caller's tags; without `Tags` every tag of the caller goes, and a tag
 * given with a value is removed only if the value matches.
 */
export const deleteTags: Operation = (ctx, raw) => {
  const parsed = parseParams(deleteTagsParams, raw);
  if (!parsed.ok) return parsed;
  const { Resources, Tags } = parsed.data;
  if (Resources.length === 0) return fail('MissingParameter', 'The request must contain the parameter ResourceId');
  const targets: TaggableRecord[] = [];
  for (const id of Resources) {
    const target = lookUpTaggable(ctx, id);
    if (!target.ok) return target;
    targets.push(target.data);
  }
  const accountId = ctx.account.accountId;
  for (const target of targets) {
    const current = ctx.tx.get(target.type, target.record.id) ?? target.record;
    const mine = tagsFor(current.tags, accountId);
    const kept = Tags === undefined ? [] : mine.filter((tag) => !Tags.some((removed) => removed.Key === tag.Key && (removed.Value === undefined || removed.Value === tag.Value)));
    if (kept.length === mine.length) continue;
    const { [accountId]: _removed, ...others } = current.tags;
    putTags(ctx, { type: target.type, record: current }, kept.length === 0 ? others : { ...others, [accountId]: kept });
  }
  return ok({});
};
