/**
 * Systems Manager Parameter Store (boto3 client `ssm`): AWS's public AMI parameters and the
 * learner's own parameters. Shapes and error codes from the service model (botocore
 * `ssm/2014-11-06/service-2.json`): GetParameter (ParameterNotFound, ParameterVersionNotFound),
 * GetParameters (`InvalidParameters` instead of errors), GetParametersByPath, PutParameter
 * (ParameterAlreadyExists, ParameterMaxVersionLimitExceeded, UnsupportedParameterType),
 * DeleteParameter (ParameterNotFound), DeleteParameters, LabelParameterVersion
 * (ParameterNotFound, ParameterVersionNotFound, ParameterVersionLabelLimitExceeded),
 * GetParameterHistory (ParameterNotFound). Request validation answers `ValidationException`.
 *
 * Public parameters (`/aws/service/...`) answer the calling Region's catalogue image, whose ID
 * differs per Region (Systems Manager user guide, "Calling AMI public parameters").
 *
 * `aws:ec2:image` (user guide, "Native parameter support for Amazon Machine Image IDs"): AWS
 * validates the value asynchronously — PutParameter answers success, and an invalid AMI (wrong
 * format, not found in the Region, or not available to the account) leaves the parameter
 * uncreated or unchanged. The lab's validation finishes at once in simulated time: the call still
 * answers success with the version it would have had, and the parameter is left as it was (the
 * EventBridge notification AWS sends is not modelled; the event log shows the call).
 */
import { catalogueImageId, newestReleaseName } from '../model/catalogue.ts';
import { type ApiResult, type Failure, fail, ok } from '../model/errors.ts';
import { isWellFormedId } from '../model/ids.ts';
import { canUseImage } from '../model/visibility.ts';
import type { ParameterRecord, ParameterVersion } from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import type { CallContext, Operation } from './context.ts';
import { parseJsonParams } from './json-params.ts';

/** Most versions AWS keeps of a Standard parameter (user guide, "Parameter Store quotas"). */
export const MAX_PARAMETER_VERSIONS = 100;
/** Most labels on one parameter version. */
export const MAX_LABELS_PER_VERSION = 10;
/** Most hierarchy levels in a name. */
const MAX_HIERARCHY_LEVELS = 15;
/** What a SecureString's value reads as without WithDecryption (the lab keeps no ciphertext). */
const ENCRYPTED_PLACEHOLDER = 'AQICAHiLabEncryptedValueDecryptWithWithDecryptionTrue==';

/**
 * AWS's public AMI parameters and the catalogue image each one names (Systems Manager user guide,
 * "Calling AMI public parameters"; Amazon Linux 2023 user guide, "AL2023 on Amazon EC2: SSM
 * parameters"; Canonical, "Find Ubuntu images on AWS": `/aws/service/canonical/ubuntu/server/
 * <release>/stable/current/<arch>/hvm/ebs-gp3/ami-id`).
 */
export const PUBLIC_AMI_PARAMETERS: Readonly<Record<string, string>> = {
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64': 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64': 'al2023-ami-2023.6.20241212.0-kernel-6.1-arm64',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64': 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64': 'al2023-ami-2023.6.20241212.0-kernel-6.1-arm64',
  '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2': 'amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2',
  '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base': 'Windows_Server-2022-English-Full-Base-2024.12.11',
  '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id': 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206',
};

const PUBLIC_NAMES = Object.keys(PUBLIC_AMI_PARAMETERS).sort();

/** Key of a learner's parameter in the world. */
export function parameterKey(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

/** `/a/b` and `a` are kept as given; AWS treats `/a` and `a` as different names only at the root. */
function arnOf(ctx: CallContext, name: string, owner: string): string {
  return `arn:aws:ssm:${ctx.region.RegionName}:${owner}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

const NOT_FOUND = (name: string): Failure => fail('ParameterNotFound', `Parameter ${name} not found.`);

/** A parameter as GetParameter answers it. */
interface ParameterShape {
  Name: string;
  Type: string;
  Value: string;
  Version: number;
  Selector?: string;
  LastModifiedDate: Date;
  ARN: string;
  DataType: string;
}

/** The public parameter `name` in the call's Region, if there is one. */
function publicParameter(ctx: CallContext, name: string): ParameterShape | undefined {
  let imageName = PUBLIC_AMI_PARAMETERS[name];
  if (imageName === undefined) return undefined;
  // With catalogue releases on (issue 14), the Amazon Linux 2023 "latest" parameters follow the newest build.
  const released = imageName.startsWith('al2023-ami-') ? newestReleaseName(ctx.tx.world, imageName.endsWith('-arm64') ? 'arm64' : 'x86_64') : null;
  if (released !== null) imageName = released;
  const imageId = catalogueImageId(ctx.region.RegionName, imageName);
  const image = ctx.tx.get('image', imageId);
  return {
    Name: name,
    Type: 'String',
    Value: imageId,
    Version: 1 + (released === null ? 0 : (ctx.tx.world.catalogueReleases?.released.length ?? 0)),
    LastModifiedDate: new Date(image?.creationDate ?? 0),
    ARN: `arn:aws:ssm:${ctx.region.RegionName}::parameter${name}`,
    DataType: 'text',
  };
}

function versionShape(ctx: CallContext, record: ParameterRecord, version: ParameterVersion, withDecryption: boolean): ParameterShape {
  return {
    Name: record.name,
    Type: version.type,
    Value: version.type === 'SecureString' && !withDecryption ? ENCRYPTED_PLACEHOLDER : version.value,
    Version: version.version,
    LastModifiedDate: new Date(version.lastModifiedDate),
    ARN: arnOf(ctx, record.name, record.ownerId),
    DataType: version.dataType,
  };
}

/** Splits `name:3` / `name:label` into the name and its selector. */
function splitSelector(nameWithSelector: string): { name: string; selector: string | null } {
  const colon = nameWithSelector.lastIndexOf(':');
  if (colon <= 0) return { name: nameWithSelector, selector: null };
  return { name: nameWithSelector.slice(0, colon), selector: nameWithSelector.slice(colon + 1) };
}

/** Looks a parameter (public or the caller's) up with an optional `:version` or `:label` selector. */
function lookUpParameter(ctx: CallContext, nameWithSelector: string, withDecryption: boolean): ApiResult<ParameterShape> {
  const { name, selector } = splitSelector(nameWithSelector);
  const publicOne = publicParameter(ctx, name);
  if (publicOne !== undefined) {
    if (selector === null) return ok(publicOne);
    if (selector === '1') return ok({ ...publicOne, Selector: `:${selector}` });
    return fail('ParameterVersionNotFound', `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`);
  }
  const record = ctx.tx.world.parameters[parameterKey(ctx.account.accountId, ctx.region.RegionName, name)];
  if (record === undefined) return NOT_FOUND(nameWithSelector);
  if (selector === null) return ok(versionShape(ctx, record, record.versions[record.versions.length - 1] as ParameterVersion, withDecryption));
  const byNumber = /^\d+$/.test(selector);
  const version = record.versions.find((candidate) => (byNumber ? candidate.version === Number(selector) : candidate.labels.includes(selector)));
  if (version === undefined) {
    return fail(
      'ParameterVersionNotFound',
      byNumber
        ? `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`
        : `Systems Manager could not find label ${selector} of ${name}. Verify the label and try again.`,
    );
  }
  return ok({ ...versionShape(ctx, record, version, withDecryption), Selector: `:${selector}` });
}

/** Resolves a parameter's current value (for `resolve:ssm:` in RunInstances). */
export function resolveParameterValue(ctx: CallContext, nameWithSelector: string): ApiResult<string> {
  const found = lookUpParameter(ctx, nameWithSelector, true);
  return found.ok ? ok(found.data.Value) : found;
}

const getParameterParams = z.strictObject({ Name: z.string().check(z.minLength(1), z.maxLength(2048)), WithDecryption: z.optional(z.boolean()) });

/** GetParameter: one parameter, optionally at a version (`name:3`) or label (`name:prod`). */
export const getParameter: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(getParameterParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpParameter(ctx, parsed.data.Name, parsed.data.WithDecryption === true);
  return found.ok ? ok({ Parameter: found.data }) : found;
};

const getParametersParams = z.strictObject({
  Names: z.array(z.string().check(z.minLength(1), z.maxLength(2048))).check(z.minLength(1), z.maxLength(10)),
  WithDecryption: z.optional(z.boolean()),
});

/** GetParameters: up to ten; names not found (or with a missing version/label) are listed in `InvalidParameters`. */
export const getParameters: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(getParametersParams, raw);
  if (!parsed.ok) return parsed;
  const Parameters: ParameterShape[] = [];
  const InvalidParameters: string[] = [];
  for (const name of new Set(parsed.data.Names)) {
    const found = lookUpParameter(ctx, name, parsed.data.WithDecryption === true);
    if (found.ok) Parameters.push(found.data);
    else InvalidParameters.push(name);
  }
  return ok({ Parameters, InvalidParameters });
};

const getByPathParams = z.strictObject({
  Path: z.string().check(z.minLength(1), z.maxLength(2048)),
  Recursive: z.optional(z.boolean()),
  WithDecryption: z.optional(z.boolean()),
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10))),
  NextToken: z.optional(z.string()),
  ParameterFilters: z.optional(z.array(z.unknown())),
});

/**
 * GetParametersByPath: the parameters under a path (one level, or all with `Recursive`), public
 * ones included, in name order. Pages of `MaxResults` (default 10, as AWS) with a `NextToken`.
 */
export const getParametersByPath: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(getByPathParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (params.ParameterFilters !== undefined && params.ParameterFilters.length > 0) {
    return fail('InvalidFilterKey', 'The lab does not model ParameterFilters on GetParametersByPath.');
  }
  if (!params.Path.startsWith('/')) return fail('ValidationException', 'The parameter path must begin with a forward slash (/).');
  const path = params.Path.endsWith('/') ? params.Path : `${params.Path}/`;
  const under = (name: string): boolean => name.startsWith(path) && (params.Recursive === true || !name.slice(path.length).includes('/'));
  const names: string[] = PUBLIC_NAMES.filter(under);
  const prefix = `${ctx.account.accountId}/${ctx.region.RegionName}/`;
  // The caller's own parameters in this Region: a prefix range of keys (parameters are few).
  for (const key in ctx.tx.world.parameters) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (under(name)) names.push(name);
  }
  names.sort();
  const start = params.NextToken === undefined ? 0 : Number.parseInt(params.NextToken, 10);
  if (!Number.isInteger(start) || start < 0 || start > names.length) return fail('InvalidNextToken', 'The specified token is not valid.');
  const size = params.MaxResults ?? 10;
  const Parameters: ParameterShape[] = [];
  for (const name of names.slice(start, start + size)) {
    const found = lookUpParameter(ctx, name, params.WithDecryption === true);
    if (found.ok) Parameters.push(found.data);
  }
  return ok(start + size < names.length ? { Parameters, NextToken: String(start + size) } : { Parameters });
};

const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]+$/;

/** Checks a name the learner creates, as PutParameter does. */
function checkNewName(name: string): Failure | null {
  if (!PARAMETER_NAME.test(name)) {
    return fail('ValidationException', 'Parameter name: can contain only letters, numbers, and the symbols . - _ /');
  }
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (/^(aws|ssm)/i.test(bare)) return fail('ValidationException', 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  if (name.includes('/') && !name.startsWith('/')) return fail('ValidationException', 'Parameter name must be a fully qualified name.');
  if (name.split('/').filter((part) => part !== '').length > MAX_HIERARCHY_LEVELS) {
    return fail('HierarchyLevelLimitExceededException', `A hierarchy can have a maximum of ${MAX_HIERARCHY_LEVELS} levels.`);
  }
  return null;
}

const putParameterParams = z.strictObject({
  Name: z.string().check(z.minLength(1), z.maxLength(2048)),
  Value: z.string().check(z.maxLength(4096)),
  Type: z.optional(z.string()),
  Description: z.optional(z.string().check(z.maxLength(1024))),
  Overwrite: z.optional(z.boolean()),
  DataType: z.optional(z.string()),
  Tier: z.optional(z.enum(['Standard', 'Advanced', 'Intelligent-Tiering'])),
  KeyId: z.optional(z.string()),
  AllowedPattern: z.optional(z.string()),
  Tags: z.optional(z.array(z.strictObject({ Key: z.string(), Value: z.string() }))),
});

const PARAMETER_TYPES = ['String', 'StringList', 'SecureString'] as const;
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Whether an `aws:ec2:image` value names an AMI the caller can launch in this Region. */
function isValidImageValue(ctx: CallContext, value: string): boolean {
  if (!AMI_ID.test(value) || !isWellFormedId('image', value)) return false;
  const image = ctx.tx.get('image', value);
  return image !== undefined && image.region === ctx.region.RegionName && image.lifecycle.value === 'available' && canUseImage(image, ctx.account);
}

/**
 * PutParameter: creates version 1, or with `Overwrite` adds a version. Standard tier only; keeps
 * 100 versions, dropping the oldest unless it has a label (`ParameterMaxVersionLimitExceeded`).
 */
export const putParameter: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(putParameterParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const nameError = checkNewName(params.Name);
  if (nameError !== null) return nameError;
  if (params.Tier !== undefined && params.Tier !== 'Standard') {
    return fail('ValidationException', 'The lab models the Standard tier only.');
  }
  if (params.Type !== undefined && !(PARAMETER_TYPES as readonly string[]).includes(params.Type)) {
    return fail('UnsupportedParameterType', `The parameter type ${params.Type} is not supported. Use String, StringList or SecureString.`);
  }
  if (params.DataType !== undefined && params.DataType !== 'text' && params.DataType !== 'aws:ec2:image') {
    return fail('ValidationException', `The following data type is not supported: ${params.DataType} (Data type names are all lowercase.)`);
  }
  if (params.Value.length === 0) {
    return fail('ValidationException', "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  const key = parameterKey(ctx.account.accountId, ctx.region.RegionName, params.Name);
  const existing = ctx.tx.world.parameters[key];
  if (existing !== undefined && params.Overwrite !== true) {
    return fail('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  if (existing !== undefined && params.Tags !== undefined) {
    return fail(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const latest = existing?.versions[existing.versions.length - 1];
  const type = (params.Type ?? latest?.type) as ParameterVersion['type'] | undefined;
  // An overwrite keeps the data type unless it names one.
  const dataType = (params.DataType ?? latest?.dataType ?? 'text') as ParameterVersion['dataType'];
  if (type === undefined) return fail('ValidationException', 'A parameter type is required when you create a parameter.');
  if (latest !== undefined && (latest.dataType === 'aws:ec2:image') !== (dataType === 'aws:ec2:image')) {
    return fail('ValidationException', `You can't change the data type of parameter ${params.Name} to or from aws:ec2:image.`);
  }
  if (dataType === 'aws:ec2:image' && type !== 'String') {
    return fail('ValidationException', 'The aws:ec2:image data type is supported for String parameters only.');
  }
  if (params.AllowedPattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(params.AllowedPattern);
    } catch {
      return fail('InvalidAllowedPatternException', `The allowed pattern ${params.AllowedPattern} is not a valid regular expression.`);
    }
    if (!pattern.test(params.Value)) {
      return fail('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${params.AllowedPattern}`);
    }
  }
  const version = (latest?.version ?? 0) + 1;
  if (dataType === 'aws:ec2:image' && !isValidImageValue(ctx, params.Value)) {
    // AWS validates aws:ec2:image asynchronously: the call succeeds, the parameter is not written.
    return ok({ Version: version, Tier: 'Standard' });
  }
  let versions = [...(existing?.versions ?? [])];
  if (versions.length >= MAX_PARAMETER_VERSIONS) {
    const oldest = versions[0] as ParameterVersion;
    if (oldest.labels.length > 0) {
      return fail(
        'ParameterMaxVersionLimitExceeded',
        `You attempted to create a new version of ${params.Name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
      );
    }
    versions = versions.slice(1);
  }
  versions.push({
    version,
    value: params.Value,
    type,
    dataType,
    description: params.Description ?? latest?.description ?? null,
    lastModifiedDate: ctx.tx.now,
    labels: [],
  });
  ctx.tx.setParameter(key, { name: params.Name, region: ctx.region.RegionName, ownerId: ctx.account.accountId, versions });
  return ok({ Version: version, Tier: 'Standard' });
};

const deleteParameterParams = z.strictObject({ Name: z.string().check(z.minLength(1), z.maxLength(2048)) });

/** DeleteParameter: removes every version; a missing (or public) parameter is ParameterNotFound. */
export const deleteParameter: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(deleteParameterParams, raw);
  if (!parsed.ok) return parsed;
  const key = parameterKey(ctx.account.accountId, ctx.region.RegionName, parsed.data.Name);
  if (ctx.tx.world.parameters[key] === undefined) return NOT_FOUND(parsed.data.Name);
  ctx.tx.setParameter(key, undefined);
  return ok({});
};

const deleteParametersParams = z.strictObject({ Names: z.array(z.string().check(z.minLength(1), z.maxLength(2048))).check(z.minLength(1), z.maxLength(10)) });

/** DeleteParameters: up to ten; those that do not exist are listed in `InvalidParameters`. */
export const deleteParameters: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(deleteParametersParams, raw);
  if (!parsed.ok) return parsed;
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const name of new Set(parsed.data.Names)) {
    const key = parameterKey(ctx.account.accountId, ctx.region.RegionName, name);
    if (ctx.tx.world.parameters[key] === undefined) InvalidParameters.push(name);
    else {
      ctx.tx.setParameter(key, undefined);
      DeletedParameters.push(name);
    }
  }
  return ok({ DeletedParameters, InvalidParameters });
};

const labelParams = z.strictObject({
  Name: z.string().check(z.minLength(1), z.maxLength(2048)),
  ParameterVersion: z.optional(z.number().check(z.int(), z.positive())),
  Labels: z.array(z.string()).check(z.minLength(1), z.maxLength(10)),
});

/** A label AWS accepts: 1–100 characters of letters, digits, `.`, `-`, `_`; not only digits; not starting with aws/ssm. */
function isValidLabel(label: string): boolean {
  return /^[a-zA-Z0-9_.-]{1,100}$/.test(label) && !/^\d+$/.test(label) && !/^(aws|ssm)/i.test(label);
}

/**
 * LabelParameterVersion: attaches labels to a version (the latest by default). A label names one
 * version at a time, so it moves from any other version. Invalid labels are returned in
 * `InvalidLabels`, not as an error.
 */
export const labelParameterVersion: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(labelParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const key = parameterKey(ctx.account.accountId, ctx.region.RegionName, params.Name);
  const record = ctx.tx.world.parameters[key];
  if (record === undefined) return NOT_FOUND(params.Name);
  const target = params.ParameterVersion ?? (record.versions[record.versions.length - 1] as ParameterVersion).version;
  const index = record.versions.findIndex((version) => version.version === target);
  if (index < 0) {
    return fail('ParameterVersionNotFound', `Systems Manager could not find version ${target} of ${params.Name}. Verify the version and try again.`);
  }
  const valid = [...new Set(params.Labels.filter(isValidLabel))];
  const InvalidLabels = params.Labels.filter((label) => !isValidLabel(label));
  const versions = record.versions.map((version, i) =>
    i === index
      ? { ...version, labels: [...version.labels, ...valid.filter((label) => !version.labels.includes(label))] }
      : { ...version, labels: version.labels.filter((label) => !valid.includes(label)) },
  );
  if ((versions[index] as ParameterVersion).labels.length > MAX_LABELS_PER_VERSION) {
    return fail('ParameterVersionLabelLimitExceeded', `A parameter version can have a maximum of ${MAX_LABELS_PER_VERSION} labels.`);
  }
  ctx.tx.setParameter(key, { ...record, versions });
  return ok({ InvalidLabels, ParameterVersion: target });
};

const historyParams = z.strictObject({
  Name: z.string().check(z.minLength(1), z.maxLength(2048)),
  WithDecryption: z.optional(z.boolean()),
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(50))),
  NextToken: z.optional(z.string()),
});

/** GetParameterHistory: every kept version, oldest first, with its labels. */
export const getParameterHistory: Operation = (ctx, raw) => {
  const parsed = parseJsonParams(historyParams, raw);
  if (!parsed.ok) return parsed;
  const record = ctx.tx.world.parameters[parameterKey(ctx.account.accountId, ctx.region.RegionName, parsed.data.Name)];
  if (record === undefined) return NOT_FOUND(parsed.data.Name);
  const Parameters = record.versions.map((version) => {
    const shape: Record<string, unknown> = {
      Name: record.name,
      Type: version.type,
      LastModifiedDate: new Date(version.lastModifiedDate),
      LastModifiedUser: `arn:aws:iam::${record.ownerId}:root`,
      Value: version.type === 'SecureString' && parsed.data.WithDecryption !== true ? ENCRYPTED_PLACEHOLDER : version.value,
      Version: version.version,
      Labels: [...version.labels],
      Tier: 'Standard',
      Policies: [],
      DataType: version.dataType,
    };
    if (version.description !== null) shape['Description'] = version.description;
    return shape;
  });
  return ok({ Parameters });
};
