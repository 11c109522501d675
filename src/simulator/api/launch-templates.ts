/**
 * Launch templates (issue 13, item 3): CreateLaunchTemplate, CreateLaunchTemplateVersion
 * (`SourceVersion`), ModifyLaunchTemplate (default version), DescribeLaunchTemplates,
 * DescribeLaunchTemplateVersions, DeleteLaunchTemplate, DeleteLaunchTemplateVersions, and the
 * `LaunchTemplate` parameter of RunInstances (`$Latest`, `$Default`, a number).
 *
 * Shapes from the EC2 service model (botocore `ec2/2016-11-15`: `LaunchTemplate`,
 * `LaunchTemplateVersion`, `DeleteLaunchTemplateVersionsResponseErrorItem` with
 * `LaunchTemplateErrorCode`); error codes from the EC2 API reference "Error codes":
 * `InvalidLaunchTemplateName.AlreadyExistsException`, `InvalidLaunchTemplateName.MalformedException`,
 * `InvalidLaunchTemplateName.NotFoundException`, `InvalidLaunchTemplateId.Malformed`,
 * `InvalidLaunchTemplateId.NotFound`, `InvalidLaunchTemplateId.VersionNotFound`. Messages follow
 * moto's (`moto/ec2/exceptions.py`) where AWS documents none.
 */
import { type ApiResult, fail, type Failure, ok } from '../model/errors.ts';
import { type LaunchTemplateData, launchTemplateDataSchema, type LaunchTemplateRecord, type LaunchTemplateVersion } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import { type CallContext, compileFilters, initialTags, matchesFilters, type Operation, tagsFor, tagsFromSpecifications } from './context.ts';
import { blockDeviceMappingParam, dryRun, filtersParam, parseParams, tagSpecificationsParam } from './params.ts';

/** Most versions of one launch template (EC2 quotas: 10,000). */
const MAX_VERSIONS = 10_000;
const TEMPLATE_NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;
const TEMPLATE_ID = /^lt-[0-9a-f]{17}$/;

const launchTemplateDataParam = z.strictObject({
  ImageId: z.optional(z.string()),
  InstanceType: z.optional(z.string()),
  KeyName: z.optional(z.string()),
  SecurityGroupIds: z.optional(z.array(z.string())),
  SecurityGroups: z.optional(z.array(z.string())),
  UserData: z.optional(z.string()),
  EbsOptimized: z.optional(z.boolean()),
  Monitoring: z.optional(z.strictObject({ Enabled: z.optional(z.boolean()) })),
  Placement: z.optional(z.strictObject({ AvailabilityZone: z.optional(z.string()), Tenancy: z.optional(z.literal('default')), GroupName: z.optional(z.string()) })),
  BlockDeviceMappings: z.optional(z.array(blockDeviceMappingParam)),
  TagSpecifications: z.optional(z.array(z.strictObject({ ResourceType: z.string(), Tags: z.optional(z.array(z.strictObject({ Key: z.string(), Value: z.string() }))) }))),
});

/** Looks a template up by ID or name (exactly one of them), in the call's account and Region. */
export function lookUpLaunchTemplate(ctx: CallContext, id: string | undefined, name: string | undefined): ApiResult<LaunchTemplateRecord> {
  if (id !== undefined && name !== undefined) {
    return fail('InvalidParameterCombination', 'Both LaunchTemplateId and LaunchTemplateName are specified. Specify one or the other.');
  }
  if (id !== undefined) {
    if (!TEMPLATE_ID.test(id))
      return fail('InvalidLaunchTemplateId.Malformed', `The specified ID for the launch template (${id}) is not valid. Launch template IDs start with 'lt-'.`);
    const template = ctx.tx.world.launchTemplates[id];
    if (template === undefined || template.ownerId !== ctx.account.accountId || template.region !== ctx.region.RegionName) {
      return fail('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
    }
    return ok(template);
  }
  if (name !== undefined) {
    const template = templateNamed(ctx, name);
    if (template === undefined) {
      return fail('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
    }
    return ok(template);
  }
  return fail('MissingParameter', 'The request must contain the parameter LaunchTemplateName or LaunchTemplateId');
}

/** The caller's template with this name in the call's Region (templates are few: a walk of them). */
function templateNamed(ctx: CallContext, name: string): LaunchTemplateRecord | undefined {
  const templates = ctx.tx.world.launchTemplates;
  for (const id in templates) {
    const template = templates[id] as LaunchTemplateRecord;
    if (template.name === name && template.ownerId === ctx.account.accountId && template.region === ctx.region.RegionName) return template;
  }
  return undefined;
}

/** Resolves `$Latest`, `$Default` or a version number to a version of the template. */
export function resolveVersion(template: LaunchTemplateRecord, version: string | undefined): ApiResult<LaunchTemplateVersion> {
  const wanted = version === undefined || version === '$Default' ? template.defaultVersion : version === '$Latest' ? latestKept(template) : Number(version);
  const found = Number.isInteger(wanted) ? template.versions.find((candidate) => candidate.versionNumber === wanted) : undefined;
  if (found === undefined) {
    return fail('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${version ?? '$Default'} of ${template.id}.`);
  }
  return ok(found);
}

/** The highest version still kept (`$Latest`). */
function latestKept(template: LaunchTemplateRecord): number {
  return template.versions.reduce((highest, version) => Math.max(highest, version.versionNumber), 0);
}

function templateShape(template: LaunchTemplateRecord, callerId: string): Record<string, unknown> {
  const shape: Record<string, unknown> = {
    LaunchTemplateId: template.id,
    LaunchTemplateName: template.name,
    CreateTime: new Date(template.createTime),
    CreatedBy: `arn:aws:iam::${template.ownerId}:root`,
    DefaultVersionNumber: template.defaultVersion,
    LatestVersionNumber: latestKept(template),
  };
  const tags = tagsFor(template.tags, callerId);
  if (tags.length > 0) shape['Tags'] = tags.map((tag) => ({ ...tag }));
  return shape;
}

function versionShape(template: LaunchTemplateRecord, version: LaunchTemplateVersion): Record<string, unknown> {
  const shape: Record<string, unknown> = {
    LaunchTemplateId: template.id,
    LaunchTemplateName: template.name,
    VersionNumber: version.versionNumber,
    CreateTime: new Date(version.createTime),
    CreatedBy: `arn:aws:iam::${template.ownerId}:root`,
    DefaultVersion: version.versionNumber === template.defaultVersion,
    LaunchTemplateData: structuredClone(version.data) as unknown,
  };
  if (version.description !== null) shape['VersionDescription'] = version.description;
  return shape;
}

/** The data as the world keeps it (the persisted schema), or why it cannot be kept. */
function toStoredData(data: unknown): ApiResult<LaunchTemplateData> {
  const parsed = launchTemplateDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('InvalidParameterValue', `Invalid value for LaunchTemplateData.${(issue?.path ?? []).map(String).join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  return ok(parsed.data);
}

function checkData(data: LaunchTemplateData): Failure | null {
  if (data.ImageId !== undefined && !data.ImageId.startsWith('resolve:ssm:') && !/^ami-[0-9a-f]+$/.test(data.ImageId)) {
    return fail('InvalidAMIID.Malformed', `Invalid id: "${data.ImageId}" (expecting "ami-...")`);
  }
  return null;
}

const createParams = z.strictObject({
  LaunchTemplateName: z.string(),
  VersionDescription: z.optional(z.string().check(z.maxLength(255))),
  LaunchTemplateData: launchTemplateDataParam,
  TagSpecifications: tagSpecificationsParam,
  ClientToken: z.optional(z.string()),
  DryRun: dryRun,
});

/** CreateLaunchTemplate: version 1, which is the default. Names are unique per account and Region. */
export const createLaunchTemplate: Operation = (ctx, raw) => {
  const parsed = parseParams(createParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (!TEMPLATE_NAME.test(params.LaunchTemplateName)) {
    return fail(
      'InvalidLaunchTemplateName.MalformedException',
      'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
    );
  }
  if (templateNamed(ctx, params.LaunchTemplateName) !== undefined) {
    return fail('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
  }
  const stored = toStoredData(params.LaunchTemplateData);
  if (!stored.ok) return stored;
  const invalid = checkData(stored.data);
  if (invalid !== null) return invalid;
  const tags = tagsFromSpecifications(params.TagSpecifications, ['launch-template']);
  if (!tags.ok) return tags;
  const id = ctx.tx.issueLaunchTemplateId();
  const template: LaunchTemplateRecord = {
    id,
    name: params.LaunchTemplateName,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    createTime: ctx.tx.now,
    defaultVersion: 1,
    latestVersion: 1,
    versions: [{ versionNumber: 1, description: params.VersionDescription ?? null, createTime: ctx.tx.now, data: stored.data }],
    tags: initialTags(ctx.account.accountId, tags.data['launch-template']),
  };
  ctx.tx.setLaunchTemplate(id, template);
  return ok({ LaunchTemplate: templateShape(template, ctx.account.accountId) });
};

const createVersionParams = z.strictObject({
  LaunchTemplateId: z.optional(z.string()),
  LaunchTemplateName: z.optional(z.string()),
  SourceVersion: z.optional(z.string()),
  VersionDescription: z.optional(z.string().check(z.maxLength(255))),
  LaunchTemplateData: launchTemplateDataParam,
  ClientToken: z.optional(z.string()),
  ResolveAlias: z.optional(z.boolean()),
  DryRun: dryRun,
});

/**
 * CreateLaunchTemplateVersion: a new version numbered after the highest ever issued. With
 * `SourceVersion`, the new version starts from that one's data and the given data overrides it
 * (top-level fields replaced, as AWS does); the default version does not change.
 */
export const createLaunchTemplateVersion: Operation = (ctx, raw) => {
  const parsed = parseParams(createVersionParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = lookUpLaunchTemplate(ctx, params.LaunchTemplateId, params.LaunchTemplateName);
  if (!found.ok) return found;
  const template = found.data;
  const given = toStoredData(params.LaunchTemplateData);
  if (!given.ok) return given;
  let data: LaunchTemplateData = given.data;
  if (params.SourceVersion !== undefined) {
    const source = resolveVersion(template, params.SourceVersion);
    if (!source.ok) return source;
    data = { ...source.data.data, ...given.data };
  }
  const invalid = checkData(data);
  if (invalid !== null) return invalid;
  if (template.versions.length >= MAX_VERSIONS) {
    return fail('LaunchTemplateVersionLimitExceeded', `The launch template ${template.id} has the maximum number of versions (${MAX_VERSIONS}).`);
  }
  const version: LaunchTemplateVersion = {
    versionNumber: template.latestVersion + 1,
    description: params.VersionDescription ?? null,
    createTime: ctx.tx.now,
    data,
  };
  const next: LaunchTemplateRecord = { ...template, latestVersion: version.versionNumber, versions: [...template.versions, version] };
  ctx.tx.setLaunchTemplate(template.id, next);
  return ok({ LaunchTemplateVersion: versionShape(next, version) });
};

const modifyParams = z.strictObject({
  LaunchTemplateId: z.optional(z.string()),
  LaunchTemplateName: z.optional(z.string()),
  DefaultVersion: z.optional(z.string()),
  ClientToken: z.optional(z.string()),
  DryRun: dryRun,
});

/** ModifyLaunchTemplate: sets the default version (`$Default`). */
export const modifyLaunchTemplate: Operation = (ctx, raw) => {
  const parsed = parseParams(modifyParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = lookUpLaunchTemplate(ctx, params.LaunchTemplateId, params.LaunchTemplateName);
  if (!found.ok) return found;
  let template = found.data;
  if (params.DefaultVersion !== undefined) {
    const version = resolveVersion(template, params.DefaultVersion);
    if (!version.ok) return version;
    template = { ...template, defaultVersion: version.data.versionNumber };
    ctx.tx.setLaunchTemplate(template.id, template);
  }
  return ok({ LaunchTemplate: templateShape(template, ctx.account.accountId) });
};

const TEMPLATE_FILTERS = new Set(['launch-template-name', 'create-time']);

const describeParams = z.strictObject({
  LaunchTemplateIds: z.optional(z.array(z.string())),
  LaunchTemplateNames: z.optional(z.array(z.string())),
  Filters: filtersParam,
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(200))),
  NextToken: z.optional(z.string()),
  IncludeManagedResources: z.optional(z.boolean()),
  DryRun: dryRun,
});

/** DescribeLaunchTemplates: the caller's templates in the Region, by ID, name or filter. */
export const describeLaunchTemplates: Operation = (ctx, raw) => {
  const parsed = parseParams(describeParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const filters = compileFilters(params.Filters, TEMPLATE_FILTERS);
  if (!filters.ok) return filters;
  const candidates: LaunchTemplateRecord[] = [];
  if ((params.LaunchTemplateIds ?? []).length > 0 || (params.LaunchTemplateNames ?? []).length > 0) {
    for (const id of params.LaunchTemplateIds ?? []) {
      const found = lookUpLaunchTemplate(ctx, id, undefined);
      if (!found.ok) return found;
      candidates.push(found.data);
    }
    for (const name of params.LaunchTemplateNames ?? []) {
      const found = lookUpLaunchTemplate(ctx, undefined, name);
      if (!found.ok) return found;
      if (!candidates.includes(found.data)) candidates.push(found.data);
    }
  } else {
    const templates = ctx.tx.world.launchTemplates;
    for (const id in templates) {
      const template = templates[id] as LaunchTemplateRecord;
      if (template.ownerId === ctx.account.accountId && template.region === ctx.region.RegionName) candidates.push(template);
    }
  }
  const callerId = ctx.account.accountId;
  const LaunchTemplates = candidates
    .filter((template) =>
      matchesFilters(filters.data, (name) => (name === 'launch-template-name' ? [template.name] : [new Date(template.createTime).toISOString()]), tagsFor(template.tags, callerId)),
    )
    .map((template) => templateShape(template, callerId));
  return ok({ LaunchTemplates });
};

const describeVersionsParams = z.strictObject({
  LaunchTemplateId: z.optional(z.string()),
  LaunchTemplateName: z.optional(z.string()),
  Versions: z.optional(z.array(z.string())),
  MinVersion: z.optional(z.string()),
  MaxVersion: z.optional(z.string()),
  Filters: filtersParam,
  MaxResults: z.optional(z.number().check(z.int())),
  NextToken: z.optional(z.string()),
  ResolveAlias: z.optional(z.boolean()),
  IncludeManagedResources: z.optional(z.boolean()),
  DryRun: dryRun,
});

/** DescribeLaunchTemplateVersions: every kept version, or those named (`$Latest`, `$Default`, numbers), or a range. */
export const describeLaunchTemplateVersions: Operation = (ctx, raw) => {
  const parsed = parseParams(describeVersionsParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (params.Filters !== undefined && params.Filters.length > 0) return fail('InvalidParameterValue', 'The lab does not model filters on DescribeLaunchTemplateVersions.');
  const found = lookUpLaunchTemplate(ctx, params.LaunchTemplateId, params.LaunchTemplateName);
  if (!found.ok) return found;
  const template = found.data;
  let versions: LaunchTemplateVersion[];
  if (params.Versions !== undefined && params.Versions.length > 0) {
    versions = [];
    for (const wanted of params.Versions) {
      const version = resolveVersion(template, wanted);
      if (!version.ok) return version;
      if (!versions.includes(version.data)) versions.push(version.data);
    }
  } else {
    const min = params.MinVersion === undefined ? 0 : Number(params.MinVersion);
    const max = params.MaxVersion === undefined ? Number.POSITIVE_INFINITY : Number(params.MaxVersion);
    if (Number.isNaN(min) || Number.isNaN(max)) return fail('InvalidParameterValue', 'MinVersion and MaxVersion must be version numbers.');
    versions = template.versions.filter((version) => version.versionNumber >= min && version.versionNumber <= max);
  }
  return ok({ LaunchTemplateVersions: versions.map((version) => versionShape(template, version)) });
};

const deleteParams = z.strictObject({
  LaunchTemplateId: z.optional(z.string()),
  LaunchTemplateName: z.optional(z.string()),
  DryRun: dryRun,
});

/** DeleteLaunchTemplate: the template and every version. Instances launched from it are untouched. */
export const deleteLaunchTemplate: Operation = (ctx, raw) => {
  const parsed = parseParams(deleteParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpLaunchTemplate(ctx, parsed.data.LaunchTemplateId, parsed.data.LaunchTemplateName);
  if (!found.ok) return found;
  ctx.tx.setLaunchTemplate(found.data.id, undefined);
  return ok({ LaunchTemplate: templateShape(found.data, ctx.account.accountId) });
};

const deleteVersionsParams = z.strictObject({
  LaunchTemplateId: z.optional(z.string()),
  LaunchTemplateName: z.optional(z.string()),
  Versions: z.array(z.string()).check(z.minLength(1), z.maxLength(200)),
  DryRun: dryRun,
});

/**
 * DeleteLaunchTemplateVersions: deletes numbered versions; each that cannot be deleted (missing,
 * or the default: use DeleteLaunchTemplate) is reported, not refused.
 */
export const deleteLaunchTemplateVersions: Operation = (ctx, raw) => {
  const parsed = parseParams(deleteVersionsParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const found = lookUpLaunchTemplate(ctx, params.LaunchTemplateId, params.LaunchTemplateName);
  if (!found.ok) return found;
  const template = found.data;
  const deleted = new Set<number>();
  const Successfully: Record<string, unknown>[] = [];
  const Unsuccessfully: Record<string, unknown>[] = [];
  for (const wanted of params.Versions) {
    const number = Number(wanted);
    const version = template.versions.find((candidate) => candidate.versionNumber === number);
    const base = { LaunchTemplateId: template.id, LaunchTemplateName: template.name, VersionNumber: Number.isInteger(number) ? number : 0 };
    if (version === undefined || deleted.has(number)) {
      Unsuccessfully.push({ ...base, ResponseError: { Code: 'launchTemplateVersionDoesNotExist', Message: `Could not find launch template version ${wanted}` } });
    } else if (number === template.defaultVersion) {
      Unsuccessfully.push({
        ...base,
        ResponseError: {
          Code: 'unexpectedError',
          Message: 'Cannot delete the default version of a launch template. Use DeleteLaunchTemplate, or make another version the default first.',
        },
      });
    } else {
      deleted.add(number);
      Successfully.push(base);
    }
  }
  if (deleted.size > 0) ctx.tx.setLaunchTemplate(template.id, { ...template, versions: template.versions.filter((version) => !deleted.has(version.versionNumber)) });
  return ok({ SuccessfullyDeletedLaunchTemplateVersions: Successfully, UnsuccessfullyDeletedLaunchTemplateVersions: Unsuccessfully });
};

/**
 * RunInstances' `LaunchTemplate` ({ LaunchTemplateId | LaunchTemplateName, Version }): the
 * version's data, with the call's own parameters taking precedence (EC2 user guide, "Launch an
 * instance from a launch template": "parameters you specify override those in the template").
 * `Version` defaults to `$Default`.
 */
export function applyLaunchTemplate(ctx: CallContext, params: Record<string, unknown>): ApiResult<Record<string, unknown>> {
  const spec = params['LaunchTemplate'];
  if (spec === undefined) return ok(params);
  const parsedSpec = z.strictObject({ LaunchTemplateId: z.optional(z.string()), LaunchTemplateName: z.optional(z.string()), Version: z.optional(z.string()) }).safeParse(spec);
  if (!parsedSpec.success) return fail('InvalidParameterValue', 'LaunchTemplate must give LaunchTemplateId or LaunchTemplateName, and optionally Version.');
  const found = lookUpLaunchTemplate(ctx, parsedSpec.data.LaunchTemplateId, parsedSpec.data.LaunchTemplateName);
  if (!found.ok) return found;
  const version = resolveVersion(found.data, parsedSpec.data.Version);
  if (!version.ok) return version;
  const { LaunchTemplate: _spec, ...own } = params;
  return ok({ ...(structuredClone(version.data.data) as Record<string, unknown>), ...own });
}
