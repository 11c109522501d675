/**
 * Recycle Bin (boto3 client `rbin`, issue 14): retention rules for EBS snapshots and EBS-backed
 * AMIs. Shapes and errors from the service model (botocore `rbin/2021-06-15/service-2.json`):
 * CreateRule (ValidationException, ServiceQuotaExceededException), GetRule/ListTagsForResource
 * (ResourceNotFoundException, reason `RULE_NOT_FOUND`), UpdateRule/DeleteRule/LockRule/UnlockRule
 * (ConflictException, reason `INVALID_RULE_STATE`), TagResource/UntagResource; `RuleIdentifier` is
 * 11 characters of [0-9a-zA-Z], `UnlockDelayValue` 7–30 days (UnlockDelay, Recycle Bin API
 * reference), `LockState` `locked | pending_unlock | unlocked` (absent for a rule never locked).
 *
 * Rules from the user guide: retention 1–365 days for snapshots and AMIs
 * (ebs/latest/userguide/recycle-bin-create-rule); "You can't lock tag-level retention rules" and
 * only Region-level rules are locked; "A locked retention rule can't be modified or deleted"; during
 * the unlock delay it still can't; "You can re-lock a retention rule during the unlock delay
 * period"; "You can't change the unlock delay period after the initial lock"
 * (recycle-bin-lock.html, recycle-bin-unlock.html); 250 rules per Region (recycle-bin.html, Quotas).
 * Exclusion tags are for Region-level rules only (CloudFormation `AWS::Rbin::Rule`: "Region-level
 * retention rules … you can specify exclusion tags"); the lab refuses a locked rule with exclusion
 * tags, as the brief of issue 14 states it (AWS's lock page lists "Region-level retention rules
 * without exclusion tags" as what can be locked).
 */
import { type ApiResult, type Failure, fail, ok } from '../model/errors.ts';
import { FIRST_RULE_ACTIVATION_MS, RECYCLE_BIN_DAY_MS, ruleLockState, rulesOf, ruleStatus } from '../model/recycle-bin.ts';
import { RECYCLE_BIN_RESOURCE_TYPES, type RecycleBinRule, type ResourceTag, type Tag } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import type { CallContext, Operation } from './context.ts';
import { parseJsonParams } from './json-params.ts';

/** Retention rules per Region (Recycle Bin quotas). */
const MAX_RULES_PER_REGION = 250;
/** Tags per rule (rbin `TagList` max 200; the guide's quota on tag pairs per rule is 50). */
const MAX_RULE_TAGS = 50;

const resourceTagsParam = z.optional(
  z
    .array(z.strictObject({ ResourceTagKey: z.string().check(z.minLength(1), z.maxLength(128)), ResourceTagValue: z.optional(z.string().check(z.maxLength(256))) }))
    .check(z.maxLength(50)),
);
const tagsParam = z.optional(
  z.array(z.strictObject({ Key: z.string().check(z.minLength(1), z.maxLength(128)), Value: z.string().check(z.maxLength(256)) })).check(z.maxLength(200)),
);
const retentionParam = z.strictObject({
  RetentionPeriodValue: z.number().check(z.int(), z.gte(1), z.lte(3650)),
  RetentionPeriodUnit: z.literal('DAYS'),
});
const lockParam = z.strictObject({
  UnlockDelay: z.strictObject({ UnlockDelayValue: z.number().check(z.int(), z.gte(7), z.lte(30)), UnlockDelayUnit: z.literal('DAYS') }),
});
const identifierParam = z.string().check(z.regex(/^[0-9a-zA-Z]{11}$/, 'Member must satisfy regular expression pattern: [0-9a-zA-Z]{11}'));
const descriptionParam = z.optional(z.string().check(z.regex(/^[\S ]{0,255}$/, 'Member must satisfy regular expression pattern: ^[\\S ]{0,255}$')));

function ruleArn(rule: RecycleBinRule): string {
  return `arn:aws:rbin:${rule.region}:${rule.ownerId}:rule/${rule.identifier}`;
}

function resourceTagsShape(tags: readonly ResourceTag[]): ResourceTag[] {
  return tags.map((tag) => ({ ...tag }));
}

/** A rule in the GetRule/UpdateRule/LockRule/UnlockRule response shape. */
function ruleShape(rule: RecycleBinRule, now: number): Record<string, unknown> {
  const lockState = ruleLockState(rule, now);
  return {
    Identifier: rule.identifier,
    Description: rule.description,
    ResourceType: rule.resourceType,
    RetentionPeriod: { RetentionPeriodValue: rule.retentionDays, RetentionPeriodUnit: 'DAYS' },
    ResourceTags: resourceTagsShape(rule.resourceTags),
    ...(rule.excludeResourceTags.length > 0 ? { ExcludeResourceTags: resourceTagsShape(rule.excludeResourceTags) } : {}),
    Status: ruleStatus(rule, now),
    ...(rule.unlockDelayDays === null ? {} : { LockConfiguration: { UnlockDelay: { UnlockDelayValue: rule.unlockDelayDays, UnlockDelayUnit: 'DAYS' } } }),
    ...(lockState === null ? {} : { LockState: lockState }),
    ...(lockState === 'pending_unlock' && rule.lockEndTime !== null ? { LockEndTime: new Date(rule.lockEndTime) } : {}),
    RuleArn: ruleArn(rule),
  };
}

function ruleNotFound(identifier: string): Failure {
  return fail('ResourceNotFoundException', `The specified retention rule ${identifier} doesn't exist. (Reason: RULE_NOT_FOUND)`);
}

function lookUpRule(ctx: CallContext, identifier: string): ApiResult<RecycleBinRule> {
  const rule = ctx.tx.world.recycleBinRules?.[identifier];
  if (rule === undefined || rule.ownerId !== ctx.account.accountId || rule.region !== ctx.region.RegionName) return ruleNotFound(identifier);
  return ok(rule);
}

/** A locked rule, or one in its unlock delay, can't be modified or deleted (recycle-bin-lock.html). */
function refuseIfLocked(rule: RecycleBinRule, now: number, action: string): Failure | null {
  const state = ruleLockState(rule, now);
  if (state === 'locked') {
    return fail(
      'ConflictException',
      `The retention rule ${rule.identifier} is locked and can't be ${action}. Unlock it and wait for its unlock delay to end. (Reason: INVALID_RULE_STATE)`,
    );
  }
  if (state === 'pending_unlock') {
    return fail(
      'ConflictException',
      `The retention rule ${rule.identifier} is in its unlock delay until ${new Date(rule.lockEndTime ?? now).toISOString()} and can't be ${action} until then. (Reason: INVALID_RULE_STATE)`,
    );
  }
  return null;
}

/** Retention for snapshots and AMIs is 1–365 days (the service model allows up to 3650 for other types). */
function checkRetention(days: number): Failure | null {
  if (days > 365) return fail('ValidationException', 'The retention period for EBS snapshots and EBS-backed AMIs must be between 1 and 365 days.');
  return null;
}

function checkTagLevels(resourceTags: readonly ResourceTag[], excludeTags: readonly ResourceTag[]): Failure | null {
  if (resourceTags.length > 0 && excludeTags.length > 0) {
    return fail('ValidationException', 'Exclusion tags can be specified for Region-level retention rules only; remove ResourceTags or ExcludeResourceTags.');
  }
  return null;
}

/** Tag-level rules, and Region-level rules with exclusion tags, can't be locked. */
function checkLockable(resourceTags: readonly ResourceTag[], excludeTags: readonly ResourceTag[]): Failure | null {
  if (resourceTags.length > 0) return fail('ValidationException', "Tag-level retention rules can't be locked; only Region-level retention rules can be locked.");
  if (excludeTags.length > 0)
    return fail('ValidationException', "Retention rules with exclusion tags can't be locked; only Region-level retention rules without exclusion tags can be locked.");
  return null;
}

const createRuleParams = z.strictObject({
  RetentionPeriod: retentionParam,
  Description: descriptionParam,
  Tags: tagsParam,
  ResourceType: z.enum(RECYCLE_BIN_RESOURCE_TYPES),
  ResourceTags: resourceTagsParam,
  ExcludeResourceTags: resourceTagsParam,
  LockConfiguration: z.optional(lockParam),
});

/** CreateRule: the first rule of the Region is `pending` for up to 30 minutes; later ones are active at once. */
const createRule: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(createRuleParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const resourceTags = params.ResourceTags ?? [];
  const excludeTags = params.ExcludeResourceTags ?? [];
  const problem =
    checkRetention(params.RetentionPeriod.RetentionPeriodValue) ??
    checkTagLevels(resourceTags, excludeTags) ??
    (params.LockConfiguration === undefined ? null : checkLockable(resourceTags, excludeTags));
  if (problem !== null) return problem;
  if ((params.Tags ?? []).length > MAX_RULE_TAGS)
    return fail('ServiceQuotaExceededException', `A retention rule can have at most ${MAX_RULE_TAGS} tags. (Reason: SERVICE_QUOTA_EXCEEDED)`);
  const existing = rulesOf(ctx.tx.world, ctx.account.accountId, ctx.region.RegionName);
  if (existing.length >= MAX_RULES_PER_REGION) {
    return fail('ServiceQuotaExceededException', `You have reached the quota of ${MAX_RULES_PER_REGION} retention rules in this Region. (Reason: SERVICE_QUOTA_EXCEEDED)`);
  }
  const now = ctx.tx.now;
  const rule: RecycleBinRule = {
    identifier: ctx.tx.issueRecycleBinRuleId(),
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.Description ?? '',
    resourceType: params.ResourceType,
    retentionDays: params.RetentionPeriod.RetentionPeriodValue,
    resourceTags,
    excludeResourceTags: excludeTags,
    createdAt: now,
    activeAt: existing.length === 0 ? now + FIRST_RULE_ACTIVATION_MS : now,
    lockState: params.LockConfiguration === undefined ? null : 'locked',
    unlockDelayDays: params.LockConfiguration?.UnlockDelay.UnlockDelayValue ?? null,
    lockEndTime: null,
    tags: params.Tags ?? [],
  };
  ctx.tx.setRecycleBinRule(rule.identifier, rule);
  const { LockEndTime: _omit, ...shape } = ruleShape(rule, now);
  return ok({ ...shape, Tags: rule.tags.map((tag) => ({ ...tag })) });
};

const identifierOnly = z.strictObject({ Identifier: identifierParam });

/** GetRule. */
const getRule: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(identifierOnly, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpRule(ctx, parsed.data.Identifier);
  if (!found.ok) return found;
  return ok(ruleShape(found.data, ctx.tx.now));
};

const listRulesParams = z.strictObject({
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
  NextToken: z.optional(z.string()),
  ResourceType: z.enum(RECYCLE_BIN_RESOURCE_TYPES),
  ResourceTags: resourceTagsParam,
  LockState: z.optional(z.enum(['locked', 'pending_unlock', 'unlocked'])),
  ExcludeResourceTags: resourceTagsParam,
});

function sameTags(a: readonly ResourceTag[], b: readonly ResourceTag[]): boolean {
  return b.every((wanted) => a.some((tag) => tag.ResourceTagKey === wanted.ResourceTagKey && tag.ResourceTagValue === wanted.ResourceTagValue));
}

/** ListRules: the Region's rules of one resource type, filtered by tags and lock state. */
const listRules: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(listRulesParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const now = ctx.tx.now;
  const Rules = rulesOf(ctx.tx.world, ctx.account.accountId, ctx.region.RegionName)
    .filter((rule) => rule.resourceType === params.ResourceType)
    .filter((rule) => params.ResourceTags === undefined || sameTags(rule.resourceTags, params.ResourceTags))
    .filter((rule) => params.ExcludeResourceTags === undefined || sameTags(rule.excludeResourceTags, params.ExcludeResourceTags))
    .filter((rule) => params.LockState === undefined || ruleLockState(rule, now) === params.LockState)
    .map((rule) => {
      const lockState = ruleLockState(rule, now);
      return {
        Identifier: rule.identifier,
        Description: rule.description,
        RetentionPeriod: { RetentionPeriodValue: rule.retentionDays, RetentionPeriodUnit: 'DAYS' },
        ...(lockState === null ? {} : { LockState: lockState }),
        RuleArn: ruleArn(rule),
        ...(rule.excludeResourceTags.length > 0 ? { ExcludeResourceTags: resourceTagsShape(rule.excludeResourceTags) } : {}),
      };
    });
  return ok({ Rules });
};

const updateRuleParams = z.strictObject({
  Identifier: identifierParam,
  RetentionPeriod: z.optional(retentionParam),
  Description: descriptionParam,
  ResourceType: z.optional(z.enum(RECYCLE_BIN_RESOURCE_TYPES)),
  ResourceTags: resourceTagsParam,
  ExcludeResourceTags: resourceTagsParam,
});

/** UpdateRule: description, retention and tags of an unlocked rule; never its resource type. */
const updateRule: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(updateRuleParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = lookUpRule(ctx, params.Identifier);
  if (!found.ok) return found;
  const rule = found.data;
  const now = ctx.tx.now;
  const locked = refuseIfLocked(rule, now, 'modified');
  if (locked !== null) return locked;
  if (params.ResourceType !== undefined && params.ResourceType !== rule.resourceType) {
    return fail('ValidationException', "You can't update a retention rule's resource type after creation.");
  }
  const resourceTags = params.ResourceTags ?? rule.resourceTags;
  const excludeTags = params.ExcludeResourceTags ?? rule.excludeResourceTags;
  const problem =
    (params.RetentionPeriod === undefined ? null : checkRetention(params.RetentionPeriod.RetentionPeriodValue)) ??
    checkTagLevels(resourceTags, excludeTags) ??
    // A rule that was ever locked stays a Region-level rule without exclusion tags.
    (rule.lockState === null ? null : checkLockable(resourceTags, excludeTags));
  if (problem !== null) return problem;
  const next: RecycleBinRule = {
    ...rule,
    description: params.Description ?? rule.description,
    retentionDays: params.RetentionPeriod?.RetentionPeriodValue ?? rule.retentionDays,
    resourceTags,
    excludeResourceTags: excludeTags,
  };
  ctx.tx.setRecycleBinRule(rule.identifier, next);
  return ok(ruleShape(next, now));
};

/** DeleteRule: what the rule already keeps stays in the bin for its retention period. */
const deleteRule: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(identifierOnly, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpRule(ctx, parsed.data.Identifier);
  if (!found.ok) return found;
  const locked = refuseIfLocked(found.data, ctx.tx.now, 'deleted');
  if (locked !== null) return locked;
  ctx.tx.setRecycleBinRule(found.data.identifier, undefined);
  return ok({});
};

const lockRuleParams = z.strictObject({ Identifier: identifierParam, LockConfiguration: lockParam });

/** LockRule: a Region-level rule without exclusion tags; again during or after its unlock delay, with the same delay. */
const lockRule: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(lockRuleParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpRule(ctx, parsed.data.Identifier);
  if (!found.ok) return found;
  const rule = found.data;
  const now = ctx.tx.now;
  const lockable = checkLockable(rule.resourceTags, rule.excludeResourceTags);
  if (lockable !== null) return lockable;
  if (ruleLockState(rule, now) === 'locked') return fail('ConflictException', `The retention rule ${rule.identifier} is already locked. (Reason: INVALID_RULE_STATE)`);
  const delay = parsed.data.LockConfiguration.UnlockDelay.UnlockDelayValue;
  if (rule.unlockDelayDays !== null && rule.unlockDelayDays !== delay) {
    return fail('ValidationException', `You can't change the unlock delay period after the initial lock; this rule's unlock delay is ${rule.unlockDelayDays} days.`);
  }
  const next: RecycleBinRule = { ...rule, lockState: 'locked', unlockDelayDays: delay, lockEndTime: null };
  ctx.tx.setRecycleBinRule(rule.identifier, next);
  return ok(ruleShape(next, now));
};

/** UnlockRule: the rule is `pending_unlock` for its unlock delay, then `unlocked`. */
const unlockRule: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(identifierOnly, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpRule(ctx, parsed.data.Identifier);
  if (!found.ok) return found;
  const rule = found.data;
  const now = ctx.tx.now;
  if (ruleLockState(rule, now) !== 'locked') return fail('ConflictException', `The retention rule ${rule.identifier} is not locked. (Reason: INVALID_RULE_STATE)`);
  const next: RecycleBinRule = { ...rule, lockState: 'unlocked', lockEndTime: now + (rule.unlockDelayDays ?? 7) * RECYCLE_BIN_DAY_MS };
  ctx.tx.setRecycleBinRule(rule.identifier, next);
  return ok(ruleShape(next, now));
};

const ARN_PATTERN = /^arn:aws(-[a-z]{1,3}){0,2}:rbin:[a-z\-0-9]{0,63}:[0-9]{12}:rule\/([0-9a-zA-Z]{11})$/;
const arnParam = z
  .string()
  .check(z.regex(ARN_PATTERN, 'Member must satisfy regular expression pattern: ^arn:aws(-[a-z]{1,3}){0,2}:rbin:[a-z\\-0-9]{0,63}:[0-9]{12}:rule/[0-9a-zA-Z]{11}$'));

function ruleOfArn(ctx: CallContext, arn: string): ApiResult<RecycleBinRule> {
  const identifier = ARN_PATTERN.exec(arn)?.[2] ?? '';
  const found = lookUpRule(ctx, identifier);
  if (!found.ok || ruleArn(found.data) !== arn) return ruleNotFound(identifier);
  return found;
}

const tagResourceParams = z.strictObject({
  ResourceArn: arnParam,
  Tags: z.array(z.strictObject({ Key: z.string().check(z.minLength(1), z.maxLength(128)), Value: z.string().check(z.maxLength(256)) })),
});

/** TagResource: adds or replaces tags on a rule (allowed on locked rules: tags are not the rule). */
const tagResource: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(tagResourceParams, raw);
  if (!parsed.ok) return parsed;
  const found = ruleOfArn(ctx, parsed.data.ResourceArn);
  if (!found.ok) return found;
  const tags: Tag[] = [...found.data.tags];
  for (const tag of parsed.data.Tags) {
    const index = tags.findIndex((existing) => existing.Key === tag.Key);
    if (index >= 0) tags[index] = { Key: tag.Key, Value: tag.Value };
    else tags.push({ Key: tag.Key, Value: tag.Value });
  }
  if (tags.length > MAX_RULE_TAGS) return fail('ServiceQuotaExceededException', `A retention rule can have at most ${MAX_RULE_TAGS} tags. (Reason: SERVICE_QUOTA_EXCEEDED)`);
  ctx.tx.setRecycleBinRule(found.data.identifier, { ...found.data, tags });
  return ok({});
};

const untagResourceParams = z.strictObject({ ResourceArn: arnParam, TagKeys: z.array(z.string().check(z.minLength(1), z.maxLength(128))) });

/** UntagResource: removes every tag with one of the keys. */
const untagResource: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(untagResourceParams, raw);
  if (!parsed.ok) return parsed;
  const found = ruleOfArn(ctx, parsed.data.ResourceArn);
  if (!found.ok) return found;
  const keys = new Set(parsed.data.TagKeys);
  ctx.tx.setRecycleBinRule(found.data.identifier, { ...found.data, tags: found.data.tags.filter((tag) => !keys.has(tag.Key)) });
  return ok({});
};

const listTagsParams = z.strictObject({ ResourceArn: arnParam });

/** ListTagsForResource. */
const listTagsForResource: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(listTagsParams, raw);
  if (!parsed.ok) return parsed;
  const found = ruleOfArn(ctx, parsed.data.ResourceArn);
  if (!found.ok) return found;
  return ok({ Tags: found.data.tags.map((tag) => ({ ...tag })) });
};

/** The Recycle Bin operations (boto3 client `rbin`), by API action name. */
export const RBIN_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateRule: createRule,
  GetRule: getRule,
  ListRules: listRules,
  UpdateRule: updateRule,
  DeleteRule: deleteRule,
  LockRule: lockRule,
  UnlockRule: unlockRule,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
