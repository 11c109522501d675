/**
 * EC2 Image Builder (boto3 client `imagebuilder`, issue 14), enough for a golden-image pipeline:
 * build components (AWS-managed ones and the learner's own, whose `dnf|yum|apt-get install` lines
 * install packages as Run Command does), image recipes (parent image by AMI ID, `ssm:<parameter>`
 * or the managed Amazon Linux 2023 image; semantic versions), infrastructure configurations,
 * distribution configurations (Regions, AMI names with `{{imagebuilder:buildDate}}`, launch
 * permissions for accounts, organizations and OUs), image pipelines run by hand
 * (StartImagePipelineExecution) or on a daily cron, and images moving through AWS's statuses on
 * the simulated clock (statechart `machines/imagebuilder-image.machine.ts`).
 *
 * Shapes from the API reference (imagebuilder 2019-12-02): Create* → `{requestId, clientToken,
 * <kind>Arn}`; Get* → `{requestId, <kind>}`; List* → `{requestId, <kind>SummaryList | ...VersionList}`;
 * Delete* → `{requestId, <kind>Arn}`. Errors: `ResourceNotFoundException`,
 * `InvalidParameterValueException`, `ResourceAlreadyExistsException`, `InvalidVersionNumberException`,
 * `ResourceDependencyException` ("Resource dependency error: The resource ARN '…' has other
 * resources depended on it.", as AWS answers it), `ResourceInUseException`, `InvalidRequestException`.
 * ARNs: `arn:aws:imagebuilder:<region>:<account>:component/<name>/<version>/<build>`,
 * `image-recipe/<name>/<version>`, `infrastructure-configuration/<name>`,
 * `distribution-configuration/<name>`, `image-pipeline/<name>`, `image/<recipe>/<version>/<build>`
 * (names lowercased, as AWS does).
 */
import { type AccountInfo, findAccount } from '../model/accounts.ts';
import { type ApiResult, type Failure, fail, ok } from '../model/errors.ts';
import { stepBuilderImage, INITIAL_BUILDER_IMAGE_LIFECYCLE } from '../machines/lifecycle.ts';
import type { BuilderImageEvent } from '../machines/imagebuilder-image.machine.ts';
import { findRegion } from '../model/regions.ts';
import { isRegionUsable } from '../model/region-opt-in.ts';
import { installOnRootVolume } from '../model/resources.ts';
import type { Transaction } from '../model/world.ts';
import type {
  BuilderComponent,
  BuilderDistributionConfiguration,
  BuilderImage,
  BuilderInfrastructure,
  BuilderPipeline,
  BuilderRecipe,
  ImageBuilderWorld,
} from '../model/world-schema.ts';
import * as z from '../model/zod.ts';
import type { CallContext, Operation } from './context.ts';
import { ensureRegionCatalogue } from './cross-service.ts';
import { modifyImageAttribute } from './image-attributes.ts';
import { copyImage, createImage } from './images.ts';
import { runInstances, terminateInstances } from './instances.ts';
import { parseJsonParams } from './json-params.ts';
import { resolveParameterValue } from './ssm.ts';
import { packagesInstalledBy } from './user-data.ts';

const MINUTE = 60_000;
/** Simulated durations of the build steps (AWS gives none; a real build takes 20–40 minutes). */
const PENDING_MS = MINUTE;
const CREATING_MS = 2 * MINUTE;
const BUILD_BASE_MS = 2 * MINUTE;
const BUILD_PER_PACKAGE_MS = 30_000;
const POLL_MS = MINUTE;
const INTEGRATING_MS = MINUTE;
/** The parameter the managed Amazon Linux 2023 image follows. */
const AL2023_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/** AWS-managed build components the lab offers (names and what they do from the Image Builder console's list). */
const MANAGED_COMPONENTS: readonly { name: string; version: string; description: string; packages: readonly string[] }[] = [
  { name: 'update-linux', version: '1.0.2', description: 'Updates Linux with the latest security updates.', packages: ['security-updates'] },
  { name: 'aws-cli-version-2-linux', version: '1.0.4', description: 'Installs the latest version of the AWS CLI version 2.', packages: ['aws-cli'] },
  { name: 'amazon-cloudwatch-agent-linux', version: '1.0.1', description: 'Installs the latest version of the Amazon CloudWatch agent.', packages: ['amazon-cloudwatch-agent'] },
  { name: 'reboot-linux', version: '1.0.1', description: 'Reboots the instance.', packages: [] },
];

type Kind = keyof ImageBuilderWorld;

function empty(): ImageBuilderWorld {
  return { components: {}, recipes: {}, infrastructure: {}, distributions: {}, pipelines: {}, images: {} };
}

function store(ctx: { tx: Transaction }): ImageBuilderWorld {
  return ctx.tx.world.imageBuilder ?? empty();
}

function arnPrefix(ctx: CallContext, owner = ctx.account.accountId): string {
  return `arn:aws:imagebuilder:${ctx.region.RegionName}:${owner}`;
}

function invalid(message: string): Failure {
  return fail('InvalidParameterValueException', message);
}

function notFound(arn: string): Failure {
  return fail('ResourceNotFoundException', `The resource ARN '${arn}' does not exist.`);
}

function dependency(arn: string): Failure {
  return fail('ResourceDependencyException', `Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`);
}

const NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
const nameParam = z.string().check(z.regex(NAME, 'Member must satisfy regular expression pattern: ^[-_A-Za-z-0-9][-_A-Za-z-0-9 ]{1,126}[-_A-Za-z-0-9]$'));
const tagsParam = z.optional(z.record(z.string(), z.string()));
const common = { description: z.optional(z.string().check(z.maxLength(1024))), tags: tagsParam, clientToken: z.optional(z.string()) };

function slug(name: string): string {
  return name.toLowerCase().replace(/ /g, '-');
}

function checkVersion(version: string): Failure | null {
  return SEMVER.test(version) ? null : fail('InvalidVersionNumberException', `The semantic version '${version}' is not valid: use <major>.<minor>.<patch>.`);
}

/** Runs a check on parameters as Image Builder's REST-JSON validation does. */
function parse<S extends z.ZodMiniType>(schema: S, raw: unknown): ApiResult<z.output<S>> {
  const parsed = parseJsonParams(schema, raw);
  return parsed.ok ? parsed : fail('InvalidRequestException', parsed.error.Message);
}

function requestId(ctx: CallContext): string {
  return `${ctx.tx.now.toString(16)}-${ctx.account.accountId.slice(-4)}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

function put<K extends Kind>(ctx: { tx: Transaction }, kind: K, arn: string, value: ImageBuilderWorld[K][string] | undefined): void {
  ctx.tx.setImageBuilder(kind, arn, value);
}

function mineIn<T extends { ownerId: string; region: string }>(ctx: CallContext, records: Record<string, T>): T[] {
  return Object.values(records).filter((record) => record.ownerId === ctx.account.accountId && record.region === ctx.region.RegionName);
}

// ——— Components ———

interface ComponentView {
  readonly arn: string;
  readonly name: string;
  readonly version: string;
  readonly owner: string;
  readonly description: string | null;
  readonly packages: readonly string[];
  readonly data: string;
  readonly dateCreated: number;
  readonly tags: Readonly<Record<string, string>>;
}

function managedComponents(ctx: CallContext): ComponentView[] {
  return MANAGED_COMPONENTS.map((component) => ({
    arn: `${arnPrefix(ctx, 'aws')}:component/${component.name}/${component.version}/1`,
    name: component.name,
    version: component.version,
    owner: 'Amazon',
    description: component.description,
    packages: component.packages,
    data: `name: ${component.name}\ndescription: ${component.description}\nschemaVersion: 1.0\n`,
    dateCreated: Date.UTC(2024, 0, 1),
    tags: {},
  }));
}

function componentView(component: BuilderComponent): ComponentView {
  return { ...component, owner: component.ownerId };
}

/** A component by ARN: an exact build version, a version without its build, or `x.x.x` (the newest). */
function findComponent(ctx: CallContext, arn: string): ComponentView | undefined {
  const all = [...managedComponents(ctx), ...mineIn(ctx, store(ctx).components).map(componentView)];
  const exact = all.find((component) => component.arn === arn || component.arn === `${arn}/1`);
  if (exact !== undefined) return exact;
  const wildcard = /^(.*:component\/[^/]+)\/x\.x\.x$/.exec(arn);
  if (wildcard === null) return undefined;
  return all.filter((component) => component.arn.startsWith(`${wildcard[1]}/`)).sort((a, b) => compareVersions(b.version, a.version))[0];
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

const createComponentParams = z.strictObject({
  name: nameParam,
  semanticVersion: z.string(),
  platform: z.enum(['Linux', 'Windows', 'macOS']),
  data: z.optional(z.string().check(z.maxLength(16000))),
  uri: z.optional(z.string()),
  changeDescription: z.optional(z.string()),
  supportedOsVersions: z.optional(z.array(z.string())),
  kmsKeyId: z.optional(z.string()),
  ...common,
});

/** CreateComponent: a build component whose document installs packages (its install lines). */
const createComponent: Operation = (ctx, raw) => {
  const parsed = parse(createComponentParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const version = checkVersion(params.semanticVersion);
  if (version !== null) return version;
  if (params.platform !== 'Linux') return invalid('The lab builds Linux images only.');
  if (params.uri !== undefined) return invalid('The lab does not read component documents from S3: give the document inline as data.');
  if (params.data === undefined) return invalid('Either data or uri must be specified.');
  const arn = `${arnPrefix(ctx)}:component/${slug(params.name)}/${params.semanticVersion}/1`;
  if (arn in store(ctx).components) return fail('ResourceAlreadyExistsException', `The component ${arn} already exists. Use a new semantic version.`);
  put(ctx, 'components', arn, {
    arn,
    name: params.name,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.description ?? null,
    dateCreated: ctx.tx.now,
    tags: params.tags ?? {},
    version: params.semanticVersion,
    platform: 'Linux',
    data: params.data,
    // A YAML document may quote the command (`["sudo dnf install -y nginx"]`): package names stop at quotes and brackets.
    packages: packagesInstalledBy(params.data)
      .map((word) => word.replace(/["'[\],]/g, ''))
      .filter((word) => word.length > 0),
  });
  return ok({ requestId: requestId(ctx), clientToken: params.clientToken ?? '', componentBuildVersionArn: arn });
};

const componentArnParams = z.strictObject({ componentBuildVersionArn: z.string() });

const getComponent: Operation = (ctx, raw) => {
  const parsed = parse(componentArnParams, raw);
  if (!parsed.ok) return parsed;
  const component = findComponent(ctx, parsed.data.componentBuildVersionArn);
  if (component === undefined) return notFound(parsed.data.componentBuildVersionArn);
  return ok({
    requestId: requestId(ctx),
    component: {
      arn: component.arn,
      name: component.name,
      version: component.version,
      description: component.description ?? undefined,
      type: 'BUILD',
      platform: 'Linux',
      owner: component.owner,
      data: component.data,
      dateCreated: isoDate(component.dateCreated),
      tags: { ...component.tags },
    },
  });
};

const listComponentsParams = z.strictObject({
  owner: z.optional(z.enum(['Self', 'Shared', 'Amazon', 'ThirdParty', 'AWSMarketplace'])),
  filters: z.optional(z.array(z.strictObject({ name: z.string(), values: z.array(z.string()) }))),
  byName: z.optional(z.boolean()),
  maxResults: z.optional(z.number()),
  nextToken: z.optional(z.string()),
});

const listComponents: Operation = (ctx, raw) => {
  const parsed = parse(listComponentsParams, raw);
  if (!parsed.ok) return parsed;
  const owner = parsed.data.owner ?? 'Self';
  const pool = owner === 'Amazon' ? managedComponents(ctx) : owner === 'Self' ? mineIn(ctx, store(ctx).components).map(componentView) : [];
  const nameFilter = parsed.data.filters?.find((filter) => filter.name === 'name')?.values;
  const componentVersionList = pool
    .filter((component) => nameFilter === undefined || nameFilter.includes(component.name))
    .map((component) => ({
      arn: component.arn.replace(/\/\d+$/, ''),
      name: component.name,
      version: component.version,
      platform: 'Linux',
      type: 'BUILD',
      owner: component.owner,
      dateCreated: isoDate(component.dateCreated),
    }));
  return ok({ requestId: requestId(ctx), componentVersionList });
};

const deleteComponent: Operation = (ctx, raw) => {
  const parsed = parse(componentArnParams, raw);
  if (!parsed.ok) return parsed;
  const arn = parsed.data.componentBuildVersionArn;
  const component = store(ctx).components[arn];
  if (component === undefined || component.ownerId !== ctx.account.accountId) return notFound(arn);
  if (mineIn(ctx, store(ctx).recipes).some((recipe) => recipe.components.some((used) => findComponent(ctx, used)?.arn === arn))) return dependency(arn);
  put(ctx, 'components', arn, undefined);
  return ok({ requestId: requestId(ctx), componentBuildVersionArn: arn });
};

// ——— Image recipes ———

/** The AMI a parent image names now: an AMI ID, an SSM parameter (`ssm:<name>`), or the managed AL2023 image. */
function resolveParentImage(ctx: CallContext, parentImage: string): ApiResult<string> {
  let imageId = parentImage;
  if (parentImage.startsWith('ssm:')) {
    const value = resolveParameterValue(ctx, parentImage.slice(4));
    if (!value.ok) return invalid(`The SSM parameter ${parentImage.slice(4)} does not exist or is not an AMI ID.`);
    imageId = value.data;
  } else if (/^arn:aws[^:]*:imagebuilder:[^:]+:aws:image\/amazon-linux-2023-x86\//.test(parentImage)) {
    const value = resolveParameterValue(ctx, AL2023_PARAMETER);
    if (!value.ok) return invalid(`The parent image ${parentImage} is not available in this Region.`);
    imageId = value.data;
  }
  const image = ctx.tx.get('image', imageId);
  if (image === undefined || image.region !== ctx.region.RegionName || image.lifecycle.value !== 'available') {
    return invalid(`The parent image ${parentImage} does not resolve to an available AMI in ${ctx.region.RegionName}.`);
  }
  return ok(imageId);
}

const createRecipeParams = z.strictObject({
  name: nameParam,
  semanticVersion: z.string(),
  parentImage: z.string(),
  components: z.array(z.strictObject({ componentArn: z.string(), parameters: z.optional(z.array(z.unknown())) })).check(z.minLength(1)),
  blockDeviceMappings: z.optional(z.array(z.unknown())),
  workingDirectory: z.optional(z.string()),
  additionalInstanceConfiguration: z.optional(z.unknown()),
  ...common,
});

const createImageRecipe: Operation = (ctx, raw) => {
  const parsed = parse(createRecipeParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const version = checkVersion(params.semanticVersion);
  if (version !== null) return version;
  const parent = resolveParentImage(ctx, params.parentImage);
  if (!parent.ok) return parent;
  for (const { componentArn } of params.components) {
    if (findComponent(ctx, componentArn) === undefined) return invalid(`The component ${componentArn} does not exist in ${ctx.region.RegionName}.`);
  }
  const arn = `${arnPrefix(ctx)}:image-recipe/${slug(params.name)}/${params.semanticVersion}`;
  if (arn in store(ctx).recipes) return fail('ResourceAlreadyExistsException', `The image recipe ${arn} already exists. Use a new semantic version.`);
  put(ctx, 'recipes', arn, {
    arn,
    name: params.name,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.description ?? null,
    dateCreated: ctx.tx.now,
    tags: params.tags ?? {},
    version: params.semanticVersion,
    parentImage: params.parentImage,
    components: params.components.map((component) => component.componentArn),
  });
  return ok({ requestId: requestId(ctx), clientToken: params.clientToken ?? '', imageRecipeArn: arn });
};

const recipeArnParams = z.strictObject({ imageRecipeArn: z.string() });

function recipeShape(recipe: BuilderRecipe): Record<string, unknown> {
  return {
    arn: recipe.arn,
    type: 'AMI',
    name: recipe.name,
    description: recipe.description ?? undefined,
    platform: 'Linux',
    owner: recipe.ownerId,
    version: recipe.version,
    components: recipe.components.map((componentArn) => ({ componentArn })),
    parentImage: recipe.parentImage,
    dateCreated: isoDate(recipe.dateCreated),
    tags: { ...recipe.tags },
  };
}

function ownRecipe(ctx: CallContext, arn: string): BuilderRecipe | undefined {
  const recipe = store(ctx).recipes[arn];
  return recipe !== undefined && recipe.ownerId === ctx.account.accountId && recipe.region === ctx.region.RegionName ? recipe : undefined;
}

const getImageRecipe: Operation = (ctx, raw) => {
  const parsed = parse(recipeArnParams, raw);
  if (!parsed.ok) return parsed;
  const recipe = ownRecipe(ctx, parsed.data.imageRecipeArn);
  if (recipe === undefined) return notFound(parsed.data.imageRecipeArn);
  return ok({ requestId: requestId(ctx), imageRecipe: recipeShape(recipe) });
};

const listParams = z.strictObject({
  owner: z.optional(z.enum(['Self', 'Shared', 'Amazon', 'ThirdParty', 'AWSMarketplace'])),
  filters: z.optional(z.array(z.strictObject({ name: z.string(), values: z.array(z.string()) }))),
  maxResults: z.optional(z.number()),
  nextToken: z.optional(z.string()),
});

const listImageRecipes: Operation = (ctx, raw) => {
  const parsed = parse(listParams, raw);
  if (!parsed.ok) return parsed;
  const recipes = parsed.data.owner === undefined || parsed.data.owner === 'Self' ? mineIn(ctx, store(ctx).recipes) : [];
  return ok({
    requestId: requestId(ctx),
    imageRecipeSummaryList: recipes.map((recipe) => ({
      arn: recipe.arn,
      name: recipe.name,
      platform: 'Linux',
      owner: recipe.ownerId,
      parentImage: recipe.parentImage,
      dateCreated: isoDate(recipe.dateCreated),
      tags: { ...recipe.tags },
    })),
  });
};

const deleteImageRecipe: Operation = (ctx, raw) => {
  const parsed = parse(recipeArnParams, raw);
  if (!parsed.ok) return parsed;
  const arn = parsed.data.imageRecipeArn;
  if (ownRecipe(ctx, arn) === undefined) return notFound(arn);
  if (mineIn(ctx, store(ctx).pipelines).some((pipeline) => pipeline.recipeArn === arn)) return dependency(arn);
  put(ctx, 'recipes', arn, undefined);
  return ok({ requestId: requestId(ctx), imageRecipeArn: arn });
};

// ——— Infrastructure and distribution configurations ———

const createInfrastructureParams = z.strictObject({
  name: nameParam,
  instanceProfileName: z.string().check(z.minLength(1)),
  instanceTypes: z.optional(z.array(z.string())),
  securityGroupIds: z.optional(z.array(z.string())),
  subnetId: z.optional(z.string()),
  keyPair: z.optional(z.string()),
  terminateInstanceOnFailure: z.optional(z.boolean()),
  snsTopicArn: z.optional(z.string()),
  logging: z.optional(z.unknown()),
  resourceTags: z.optional(z.record(z.string(), z.string())),
  instanceMetadataOptions: z.optional(z.unknown()),
  ...common,
});

const createInfrastructureConfiguration: Operation = (ctx, raw) => {
  const parsed = parse(createInfrastructureParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const arn = `${arnPrefix(ctx)}:infrastructure-configuration/${slug(params.name)}`;
  if (arn in store(ctx).infrastructure) return fail('ResourceAlreadyExistsException', `The infrastructure configuration ${arn} already exists.`);
  put(ctx, 'infrastructure', arn, {
    arn,
    name: params.name,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.description ?? null,
    dateCreated: ctx.tx.now,
    tags: params.tags ?? {},
    instanceTypes: params.instanceTypes ?? [],
    instanceProfileName: params.instanceProfileName,
  });
  return ok({ requestId: requestId(ctx), clientToken: params.clientToken ?? '', infrastructureConfigurationArn: arn });
};

const distributionParam = z.strictObject({
  region: z.string(),
  amiDistributionConfiguration: z.optional(
    z.strictObject({
      name: z.optional(z.string()),
      description: z.optional(z.string()),
      targetAccountIds: z.optional(z.array(z.string())),
      amiTags: z.optional(z.record(z.string(), z.string())),
      kmsKeyId: z.optional(z.string()),
      launchPermission: z.optional(
        z.strictObject({
          userIds: z.optional(z.array(z.string().check(z.regex(/^\d{12}$/, 'Member must satisfy regular expression pattern: ^[0-9]{12}$')))),
          userGroups: z.optional(z.array(z.string())),
          organizationArns: z.optional(z.array(z.string())),
          organizationalUnitArns: z.optional(z.array(z.string())),
        }),
      ),
    }),
  ),
  licenseConfigurationArns: z.optional(z.array(z.string())),
});

const createDistributionParams = z.strictObject({ name: nameParam, distributions: z.array(distributionParam).check(z.minLength(1)), ...common });

const createDistributionConfiguration: Operation = (ctx, raw) => {
  const parsed = parse(createDistributionParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  const regions = params.distributions.map((distribution) => distribution.region);
  if (new Set(regions).size !== regions.length) return invalid('Each Region can appear only once in a distribution configuration.');
  for (const distribution of params.distributions) {
    if (findRegion(distribution.region) === undefined) return invalid(`The value supplied for parameter 'region' is not valid: ${distribution.region}.`);
    const amiName = distribution.amiDistributionConfiguration?.name;
    if (amiName !== undefined && !/^[-_A-Za-z0-9{][-_A-Za-z0-9\s:{}.]+[-_A-Za-z0-9}]$/.test(amiName)) return invalid(`The AMI name '${amiName}' is not valid.`);
    if ((distribution.amiDistributionConfiguration?.targetAccountIds ?? []).length > 0)
      return invalid('The lab does not model distribution to other accounts (targetAccountIds); share with launchPermission instead.');
  }
  const arn = `${arnPrefix(ctx)}:distribution-configuration/${slug(params.name)}`;
  if (arn in store(ctx).distributions) return fail('ResourceAlreadyExistsException', `The distribution configuration ${arn} already exists.`);
  put(ctx, 'distributions', arn, {
    arn,
    name: params.name,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.description ?? null,
    dateCreated: ctx.tx.now,
    tags: params.tags ?? {},
    distributions: params.distributions.map((distribution) => ({
      region: distribution.region,
      amiName: distribution.amiDistributionConfiguration?.name ?? null,
      userIds: distribution.amiDistributionConfiguration?.launchPermission?.userIds ?? [],
      organizationArns: distribution.amiDistributionConfiguration?.launchPermission?.organizationArns ?? [],
      organizationalUnitArns: distribution.amiDistributionConfiguration?.launchPermission?.organizationalUnitArns ?? [],
    })),
  });
  return ok({ requestId: requestId(ctx), clientToken: params.clientToken ?? '', distributionConfigurationArn: arn });
};

function simpleGetDelete<K extends 'infrastructure' | 'distributions'>(
  kind: K,
  param: 'infrastructureConfigurationArn' | 'distributionConfigurationArn',
  shapeKey: string,
  shape: (record: ImageBuilderWorld[K][string]) => Record<string, unknown>,
): { get: Operation; list: Operation; del: Operation } {
  const schema = z.strictObject({ [param]: z.string() }) as unknown as z.ZodMiniType<Record<string, string>>;
  const own = (ctx: CallContext, arn: string) => {
    const record = store(ctx)[kind][arn] as ImageBuilderWorld[K][string] | undefined;
    return record !== undefined && record.ownerId === ctx.account.accountId && record.region === ctx.region.RegionName ? record : undefined;
  };
  return {
    get: (ctx, raw) => {
      const parsed = parse(schema, raw);
      if (!parsed.ok) return parsed;
      const arn = parsed.data[param] ?? '';
      const record = own(ctx, arn);
      return record === undefined ? notFound(arn) : ok({ requestId: requestId(ctx), [shapeKey]: shape(record) });
    },
    list: (ctx, raw) => {
      const parsed = parse(listParams, raw);
      if (!parsed.ok) return parsed;
      return ok({ requestId: requestId(ctx), [`${shapeKey}SummaryList`]: mineIn(ctx, store(ctx)[kind] as Record<string, ImageBuilderWorld[K][string]>).map(shape) });
    },
    del: (ctx, raw) => {
      const parsed = parse(schema, raw);
      if (!parsed.ok) return parsed;
      const arn = parsed.data[param] ?? '';
      if (own(ctx, arn) === undefined) return notFound(arn);
      const used = mineIn(ctx, store(ctx).pipelines).some((pipeline) => pipeline.infrastructureArn === arn || pipeline.distributionArn === arn);
      if (used) return dependency(arn);
      put(ctx, kind, arn, undefined);
      return ok({ requestId: requestId(ctx), [param]: arn });
    },
  };
}

const infrastructureOps = simpleGetDelete('infrastructure', 'infrastructureConfigurationArn', 'infrastructureConfiguration', (record) => {
  const infra = record as BuilderInfrastructure;
  return {
    arn: infra.arn,
    name: infra.name,
    description: infra.description ?? undefined,
    instanceTypes: [...infra.instanceTypes],
    instanceProfileName: infra.instanceProfileName,
    dateCreated: isoDate(infra.dateCreated),
    tags: { ...infra.tags },
  };
});

const distributionOps = simpleGetDelete('distributions', 'distributionConfigurationArn', 'distributionConfiguration', (record) => {
  const configuration = record as BuilderDistributionConfiguration;
  return {
    arn: configuration.arn,
    name: configuration.name,
    description: configuration.description ?? undefined,
    distributions: configuration.distributions.map((distribution) => ({
      region: distribution.region,
      amiDistributionConfiguration: {
        ...(distribution.amiName === null ? {} : { name: distribution.amiName }),
        launchPermission: {
          userIds: [...distribution.userIds],
          organizationArns: [...distribution.organizationArns],
          organizationalUnitArns: [...distribution.organizationalUnitArns],
        },
      },
    })),
    regions: configuration.distributions.map((distribution) => distribution.region),
    dateCreated: isoDate(configuration.dateCreated),
    tags: { ...configuration.tags },
  };
});

// ——— Pipelines ———

/** A daily `cron(M H * * ? *)`: the next match at or after `after`; other forms are refused. */
function nextCron(expression: string, after: number): number | null {
  const match = /^cron\((\d{1,2}) (\d{1,2}) (\*|\?) \* (\*|\?) \*\)$/.exec(expression);
  if (match === null || Number(match[1]) > 59 || Number(match[2]) > 23) return null;
  const day = new Date(after);
  let at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(match[2]), Number(match[1]));
  while (at < after) at += 24 * 60 * MINUTE;
  return at;
}

const createPipelineParams = z.strictObject({
  name: nameParam,
  imageRecipeArn: z.string(),
  infrastructureConfigurationArn: z.string(),
  distributionConfigurationArn: z.optional(z.string()),
  schedule: z.optional(
    z.strictObject({
      scheduleExpression: z.optional(z.string()),
      timezone: z.optional(z.literal('Etc/UTC')),
      pipelineExecutionStartCondition: z.optional(z.enum(['EXPRESSION_MATCH_ONLY', 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE'])),
    }),
  ),
  status: z.optional(z.enum(['ENABLED', 'DISABLED'])),
  enhancedImageMetadataEnabled: z.optional(z.boolean()),
  imageTestsConfiguration: z.optional(z.unknown()),
  ...common,
});

function setPipelineTimer(tx: Transaction, pipeline: BuilderPipeline): void {
  if (pipeline.status === 'ENABLED' && pipeline.nextRunAt !== null)
    tx.setTimer(pipeline.arn, { at: pipeline.nextRunAt, resourceType: 'imagebuilder-pipeline', event: 'pipeline.run' });
  else tx.setTimer(pipeline.arn, undefined);
}

const createImagePipeline: Operation = (ctx, raw) => {
  const parsed = parse(createPipelineParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (ownRecipe(ctx, params.imageRecipeArn) === undefined) return invalid(`The image recipe ${params.imageRecipeArn} does not exist.`);
  if (infrastructureOf(ctx, params.infrastructureConfigurationArn) === undefined)
    return invalid(`The infrastructure configuration ${params.infrastructureConfigurationArn} does not exist.`);
  if (params.distributionConfigurationArn !== undefined && distributionOf(ctx, params.distributionConfigurationArn) === undefined) {
    return invalid(`The distribution configuration ${params.distributionConfigurationArn} does not exist.`);
  }
  const expression = params.schedule?.scheduleExpression ?? null;
  const nextRunAt = expression === null ? null : nextCron(expression, ctx.tx.now + 1);
  if (expression !== null && nextRunAt === null) return invalid(`The lab models daily schedules of the form cron(M H * * ? *) only, not ${expression}.`);
  const arn = `${arnPrefix(ctx)}:image-pipeline/${slug(params.name)}`;
  if (arn in store(ctx).pipelines) return fail('ResourceAlreadyExistsException', `The image pipeline ${arn} already exists.`);
  const pipeline: BuilderPipeline = {
    arn,
    name: params.name,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: params.description ?? null,
    dateCreated: ctx.tx.now,
    tags: params.tags ?? {},
    recipeArn: params.imageRecipeArn,
    infrastructureArn: params.infrastructureConfigurationArn,
    distributionArn: params.distributionConfigurationArn ?? null,
    status: params.status ?? 'ENABLED',
    scheduleExpression: expression,
    startCondition: params.schedule?.pipelineExecutionStartCondition ?? 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
    lastParentImageId: null,
    lastRunAt: null,
    nextRunAt,
  };
  put(ctx, 'pipelines', arn, pipeline);
  setPipelineTimer(ctx.tx, pipeline);
  return ok({ requestId: requestId(ctx), clientToken: params.clientToken ?? '', imagePipelineArn: arn });
};

function infrastructureOf(ctx: CallContext, arn: string): BuilderInfrastructure | undefined {
  const record = store(ctx).infrastructure[arn];
  return record?.ownerId === ctx.account.accountId && record.region === ctx.region.RegionName ? record : undefined;
}

function distributionOf(ctx: CallContext, arn: string): BuilderDistributionConfiguration | undefined {
  const record = store(ctx).distributions[arn];
  return record?.ownerId === ctx.account.accountId && record.region === ctx.region.RegionName ? record : undefined;
}

function ownPipeline(ctx: CallContext, arn: string): BuilderPipeline | undefined {
  const record = store(ctx).pipelines[arn];
  return record?.ownerId === ctx.account.accountId && record.region === ctx.region.RegionName ? record : undefined;
}

function pipelineShape(pipeline: BuilderPipeline): Record<string, unknown> {
  return {
    arn: pipeline.arn,
    name: pipeline.name,
    description: pipeline.description ?? undefined,
    platform: 'Linux',
    imageRecipeArn: pipeline.recipeArn,
    infrastructureConfigurationArn: pipeline.infrastructureArn,
    ...(pipeline.distributionArn === null ? {} : { distributionConfigurationArn: pipeline.distributionArn }),
    ...(pipeline.scheduleExpression === null
      ? {}
      : { schedule: { scheduleExpression: pipeline.scheduleExpression, timezone: 'Etc/UTC', pipelineExecutionStartCondition: pipeline.startCondition } }),
    status: pipeline.status,
    dateCreated: isoDate(pipeline.dateCreated),
    ...(pipeline.lastRunAt === null ? {} : { dateLastRun: isoDate(pipeline.lastRunAt) }),
    ...(pipeline.nextRunAt === null || pipeline.status !== 'ENABLED' ? {} : { dateNextRun: isoDate(pipeline.nextRunAt) }),
    tags: { ...pipeline.tags },
  };
}

const pipelineArnParams = z.strictObject({ imagePipelineArn: z.string() });

const getImagePipeline: Operation = (ctx, raw) => {
  const parsed = parse(pipelineArnParams, raw);
  if (!parsed.ok) return parsed;
  const pipeline = ownPipeline(ctx, parsed.data.imagePipelineArn);
  return pipeline === undefined ? notFound(parsed.data.imagePipelineArn) : ok({ requestId: requestId(ctx), imagePipeline: pipelineShape(pipeline) });
};

const listImagePipelines: Operation = (ctx, raw) => {
  const parsed = parse(listParams, raw);
  if (!parsed.ok) return parsed;
  return ok({ requestId: requestId(ctx), imagePipelineList: mineIn(ctx, store(ctx).pipelines).map(pipelineShape) });
};

function isBuilding(image: BuilderImage): boolean {
  return !['AVAILABLE', 'FAILED', 'CANCELLED'].includes(image.lifecycle.value);
}

const deleteImagePipeline: Operation = (ctx, raw) => {
  const parsed = parse(pipelineArnParams, raw);
  if (!parsed.ok) return parsed;
  const arn = parsed.data.imagePipelineArn;
  if (ownPipeline(ctx, arn) === undefined) return notFound(arn);
  if (Object.values(store(ctx).images).some((image) => image.pipelineArn === arn && isBuilding(image))) {
    return fail('ResourceInUseException', `The image pipeline ${arn} has an image build in progress. Wait for it to finish, or cancel it (CancelImageCreation).`);
  }
  ctx.tx.setTimer(arn, undefined);
  put(ctx, 'pipelines', arn, undefined);
  return ok({ requestId: requestId(ctx), imagePipelineArn: arn });
};

/** A new build of a pipeline's recipe: PENDING, with its timer. */
function startBuild(ctx: CallContext, pipeline: BuilderPipeline): ApiResult<BuilderImage> {
  const recipe = ownRecipe(ctx, pipeline.recipeArn);
  if (recipe === undefined) return invalid(`The image recipe ${pipeline.recipeArn} no longer exists.`);
  const builds = Object.values(store(ctx).images).filter((image) => image.recipeArn === recipe.arn);
  const buildVersion = builds.length + 1;
  const arn = `${arnPrefix(ctx)}:image/${slug(recipe.name)}/${recipe.version}/${buildVersion}`;
  const image: BuilderImage = {
    arn,
    name: recipe.name,
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    description: null,
    dateCreated: ctx.tx.now,
    tags: {},
    version: recipe.version,
    buildVersion,
    recipeArn: recipe.arn,
    infrastructureArn: pipeline.infrastructureArn,
    distributionArn: pipeline.distributionArn,
    pipelineArn: pipeline.arn,
    lifecycle: INITIAL_BUILDER_IMAGE_LIFECYCLE,
    parentImageId: null,
    buildInstanceId: null,
    amiId: null,
    outputAmis: [],
  };
  put(ctx, 'images', arn, image);
  ctx.tx.setTimer(arn, { at: ctx.tx.now + PENDING_MS, resourceType: 'imagebuilder-image', event: 'build.next' });
  const parent = resolveParentImage(ctx, recipe.parentImage);
  put(ctx, 'pipelines', pipeline.arn, { ...pipeline, lastRunAt: ctx.tx.now, lastParentImageId: parent.ok ? parent.data : pipeline.lastParentImageId });
  return ok(image);
}

const startParams = z.strictObject({ imagePipelineArn: z.string(), clientToken: z.optional(z.string()), tags: tagsParam });

/** StartImagePipelineExecution: a build now, whatever the schedule. */
const startImagePipelineExecution: Operation = (ctx, raw) => {
  const parsed = parse(startParams, raw);
  if (!parsed.ok) return parsed;
  const pipeline = ownPipeline(ctx, parsed.data.imagePipelineArn);
  if (pipeline === undefined) return notFound(parsed.data.imagePipelineArn);
  const started = startBuild(ctx, pipeline);
  if (!started.ok) return started;
  return ok({ requestId: requestId(ctx), clientToken: parsed.data.clientToken ?? '', imageBuildVersionArn: started.data.arn });
};

// ——— Images ———

function imageShape(image: BuilderImage): Record<string, unknown> {
  return {
    arn: image.arn,
    name: image.name,
    type: 'AMI',
    version: image.version,
    platform: 'Linux',
    state: { status: image.lifecycle.value, ...(image.lifecycle.context.reason === null ? {} : { reason: image.lifecycle.context.reason }) },
    imageRecipe: { arn: image.recipeArn },
    infrastructureConfiguration: { arn: image.infrastructureArn },
    ...(image.distributionArn === null ? {} : { distributionConfiguration: { arn: image.distributionArn } }),
    ...(image.pipelineArn === null ? {} : { sourcePipelineArn: image.pipelineArn }),
    dateCreated: isoDate(image.dateCreated),
    outputResources: { amis: image.outputAmis.map((ami) => ({ region: ami.region, image: ami.image, name: ami.name, accountId: ami.accountId })) },
    buildType: 'USER_INITIATED',
    tags: { ...image.tags },
  };
}

const imageArnParams = z.strictObject({ imageBuildVersionArn: z.string() });

function ownImage(ctx: CallContext, arn: string): BuilderImage | undefined {
  const record = store(ctx).images[arn];
  return record?.ownerId === ctx.account.accountId && record.region === ctx.region.RegionName ? record : undefined;
}

const getImage: Operation = (ctx, raw) => {
  const parsed = parse(imageArnParams, raw);
  if (!parsed.ok) return parsed;
  const image = ownImage(ctx, parsed.data.imageBuildVersionArn);
  return image === undefined ? notFound(parsed.data.imageBuildVersionArn) : ok({ requestId: requestId(ctx), image: imageShape(image) });
};

const listPipelineImagesParams = z.strictObject({
  imagePipelineArn: z.string(),
  filters: z.optional(z.array(z.unknown())),
  maxResults: z.optional(z.number()),
  nextToken: z.optional(z.string()),
});

const listImagePipelineImages: Operation = (ctx, raw) => {
  const parsed = parse(listPipelineImagesParams, raw);
  if (!parsed.ok) return parsed;
  if (ownPipeline(ctx, parsed.data.imagePipelineArn) === undefined) return notFound(parsed.data.imagePipelineArn);
  const imageSummaryList = Object.values(store(ctx).images)
    .filter((image) => image.pipelineArn === parsed.data.imagePipelineArn)
    .map((image) => {
      const { imageRecipe: _recipe, infrastructureConfiguration: _infrastructure, distributionConfiguration: _distribution, ...summary } = imageShape(image);
      return summary;
    });
  return ok({ requestId: requestId(ctx), imageSummaryList });
};

const cancelImageCreation: Operation = (ctx, raw) => {
  const parsed = parse(z.strictObject({ imageBuildVersionArn: z.string(), clientToken: z.optional(z.string()) }), raw);
  if (!parsed.ok) return parsed;
  const image = ownImage(ctx, parsed.data.imageBuildVersionArn);
  if (image === undefined) return notFound(parsed.data.imageBuildVersionArn);
  if (!isBuilding(image)) return fail('ResourceInUseException', `The image ${image.arn} is ${image.lifecycle.value}; only a build in progress can be cancelled.`);
  finishBuild(ctx, image, { type: 'build.cancel' });
  return ok({ requestId: requestId(ctx), clientToken: parsed.data.clientToken ?? '', imageBuildVersionArn: image.arn });
};

/** The Image Builder operations (boto3 client `imagebuilder`), by API action name. */
export const IMAGEBUILDER_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateComponent: createComponent,
  GetComponent: getComponent,
  ListComponents: listComponents,
  DeleteComponent: deleteComponent,
  CreateImageRecipe: createImageRecipe,
  GetImageRecipe: getImageRecipe,
  ListImageRecipes: listImageRecipes,
  DeleteImageRecipe: deleteImageRecipe,
  CreateInfrastructureConfiguration: createInfrastructureConfiguration,
  GetInfrastructureConfiguration: infrastructureOps.get,
  ListInfrastructureConfigurations: infrastructureOps.list,
  DeleteInfrastructureConfiguration: infrastructureOps.del,
  CreateDistributionConfiguration: createDistributionConfiguration,
  GetDistributionConfiguration: distributionOps.get,
  ListDistributionConfigurations: distributionOps.list,
  DeleteDistributionConfiguration: distributionOps.del,
  CreateImagePipeline: createImagePipeline,
  GetImagePipeline: getImagePipeline,
  ListImagePipelines: listImagePipelines,
  DeleteImagePipeline: deleteImagePipeline,
  StartImagePipelineExecution: startImagePipelineExecution,
  GetImage: getImage,
  ListImagePipelineImages: listImagePipelineImages,
  CancelImageCreation: cancelImageCreation,
};

// ——— Builds on the clock ———

function contextOf(tx: Transaction, ownerId: string, regionName: string): CallContext | null {
  const region = findRegion(regionName);
  const account: AccountInfo | undefined = findAccount(ownerId);
  if (region === undefined || account === undefined || !isRegionUsable(tx.world, ownerId, region)) return null;
  ensureRegionCatalogue(tx, regionName);
  return { tx, region, account };
}

/** Runs an EC2 operation for a build; a refusal changes nothing and gives AWS's message. */
function attempt(ctx: CallContext, operation: Operation, params: Record<string, unknown>): ApiResult<Record<string, unknown>> {
  const mark = ctx.tx.savepoint();
  const result = operation(ctx, params);
  if (!result.ok) ctx.tx.rollbackTo(mark);
  return result as ApiResult<Record<string, unknown>>;
}

/** The tags Image Builder puts on every AMI it makes, in the build's Region and in each copy. */
function outputAmiTags(image: { arn: string }) {
  return [
    {
      ResourceType: 'image',
      Tags: [
        { Key: 'CreatedBy', Value: 'EC2 Image Builder' },
        { Key: 'Ec2ImageBuilderArn', Value: image.arn },
      ],
    },
  ];
}

/** `{{imagebuilder:buildDate}}` as the lab writes it (no colons: AMI names may not have them). */
function buildDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
}

function amiNameFor(image: BuilderImage, template: string | null, at: number): string {
  const name = template ?? `${image.name} ${image.version}-${image.buildVersion} {{imagebuilder:buildDate}}`;
  return name.replace(/\{\{\s*imagebuilder:buildDate\s*\}\}/g, buildDate(at)).replace(/\{\{\s*imagebuilder:buildVersion\s*\}\}/g, String(image.buildVersion));
}

function moveBuild(ctx: { tx: Transaction }, image: BuilderImage, event: BuilderImageEvent, changes: Partial<BuilderImage> = {}, nextIn?: number): BuilderImage {
  const lifecycle = stepBuilderImage(image.lifecycle, event) ?? image.lifecycle;
  const next: BuilderImage = { ...image, ...changes, lifecycle };
  put(ctx, 'images', image.arn, next);
  if (nextIn === undefined) ctx.tx.setTimer(image.arn, undefined);
  else ctx.tx.setTimer(image.arn, { at: ctx.tx.now + nextIn, resourceType: 'imagebuilder-image', event: 'build.next' });
  return next;
}

/** Ends a build (FAILED or CANCELLED), terminating its build instance. */
function finishBuild(ctx: CallContext, image: BuilderImage, event: BuilderImageEvent): void {
  if (image.buildInstanceId !== null && ctx.tx.get('instance', image.buildInstanceId)?.lifecycle.value !== 'terminated') {
    attempt(ctx, terminateInstances, { InstanceIds: [image.buildInstanceId] });
  }
  moveBuild(ctx, image, event);
}

function fail_(ctx: CallContext, image: BuilderImage, reason: string): void {
  finishBuild(ctx, image, { type: 'build.fail', reason });
}

/** A build's timer came due: the next step of PENDING → … → AVAILABLE. */
export function fireBuilderImageTimer(tx: Transaction, arn: string): void {
  tx.setTimer(arn, undefined);
  const image = tx.world.imageBuilder?.images[arn];
  if (image === undefined || !isBuilding(image)) return;
  const ctx = contextOf(tx, image.ownerId, image.region);
  if (ctx === null) return;
  const builder = store(ctx);
  switch (image.lifecycle.value) {
    case 'PENDING': {
      // CREATING: launch the build instance from the parent image, as the infrastructure configuration says.
      const recipe = builder.recipes[image.recipeArn];
      if (recipe === undefined) {
        fail_(ctx, image, `The image recipe ${image.recipeArn} no longer exists.`);
        return;
      }
      const parent = resolveParentImage(ctx, recipe.parentImage);
      if (!parent.ok) {
        fail_(ctx, image, parent.error.Message);
        return;
      }
      const infrastructure = builder.infrastructure[image.infrastructureArn];
      const launched = attempt(ctx, runInstances, {
        ImageId: parent.data,
        InstanceType: infrastructure?.instanceTypes[0] ?? 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: `Build instance for ${image.name} ${image.version}/${image.buildVersion}` }] }],
      });
      if (!launched.ok) {
        fail_(ctx, image, `Launching the build instance failed: ${launched.error.Message}`);
        return;
      }
      const instanceId = (launched.data['Instances'] as { InstanceId: string }[] | undefined)?.[0]?.InstanceId ?? null;
      moveBuild(ctx, image, { type: 'build.next' }, { parentImageId: parent.data, buildInstanceId: instanceId }, CREATING_MS);
      return;
    }
    case 'CREATING': {
      // BUILDING: the components run on the build instance; what they install lands on its disk.
      const instance = image.buildInstanceId === null ? undefined : tx.get('instance', image.buildInstanceId);
      if (instance === undefined || instance.lifecycle.value !== 'running') {
        fail_(ctx, image, 'The build instance is not running.');
        return;
      }
      const recipe = builder.recipes[image.recipeArn];
      const packages = (recipe?.components ?? []).flatMap((componentArn) => findComponent(ctx, componentArn)?.packages ?? []);
      installOnRootVolume(tx, instance, packages);
      moveBuild(ctx, image, { type: 'build.next' }, {}, BUILD_BASE_MS + BUILD_PER_PACKAGE_MS * packages.length);
      return;
    }
    case 'BUILDING': {
      // TESTING: the AMI is made from the build instance, which is then terminated.
      const instanceId = image.buildInstanceId ?? '';
      const distribution = image.distributionArn === null ? undefined : builder.distributions[image.distributionArn];
      const here = distribution?.distributions.find((candidate) => candidate.region === image.region);
      const name = amiNameFor(image, here?.amiName ?? null, image.dateCreated);
      const created = attempt(ctx, createImage, {
        InstanceId: instanceId,
        Name: name,
        NoReboot: true,
        TagSpecifications: outputAmiTags(image),
      });
      if (!created.ok) {
        fail_(ctx, image, `Creating the AMI failed: ${created.error.Message}`);
        return;
      }
      const amiId = String(created.data['ImageId']);
      attempt(ctx, terminateInstances, { InstanceIds: [instanceId] });
      moveBuild(ctx, image, { type: 'build.next' }, { amiId, outputAmis: [{ region: image.region, image: amiId, name, accountId: image.ownerId }] }, POLL_MS);
      return;
    }
    case 'TESTING': {
      const ami = image.amiId === null ? undefined : tx.get('image', image.amiId);
      if (ami === undefined || ami.lifecycle.value === 'failed') {
        fail_(ctx, image, 'The output AMI failed.');
        return;
      }
      if (ami.lifecycle.value !== 'available') {
        tx.setTimer(image.arn, { at: tx.now + POLL_MS, resourceType: 'imagebuilder-image', event: 'build.next' });
        return;
      }
      // DISTRIBUTING: copies to the other Regions of the distribution configuration.
      const distribution = image.distributionArn === null ? undefined : builder.distributions[image.distributionArn];
      const outputs = [...image.outputAmis];
      for (const target of distribution?.distributions ?? []) {
        if (target.region === image.region) continue;
        const targetCtx = contextOf(tx, image.ownerId, target.region);
        if (targetCtx === null) {
          fail_(ctx, image, `Distribution to ${target.region} failed: the Region is not enabled for the account.`);
          return;
        }
        const name = amiNameFor(image, target.amiName, image.dateCreated);
        const copied = attempt(targetCtx, copyImage, {
          SourceRegion: image.region,
          SourceImageId: ami.id,
          Name: name,
          TagSpecifications: outputAmiTags(image),
        });
        if (!copied.ok) {
          fail_(ctx, image, `Distribution to ${target.region} failed: ${copied.error.Message}`);
          return;
        }
        outputs.push({ region: target.region, image: String(copied.data['ImageId']), name, accountId: image.ownerId });
      }
      moveBuild(ctx, image, { type: 'build.next' }, { outputAmis: outputs }, POLL_MS);
      return;
    }
    case 'DISTRIBUTING': {
      const amis = image.outputAmis.map((output) => tx.get('image', output.image));
      if (amis.some((ami) => ami === undefined || ami.lifecycle.value === 'failed')) {
        fail_(ctx, image, 'Distribution failed: an AMI copy failed.');
        return;
      }
      if (amis.some((ami) => ami?.lifecycle.value !== 'available')) {
        tx.setTimer(image.arn, { at: tx.now + POLL_MS, resourceType: 'imagebuilder-image', event: 'build.next' });
        return;
      }
      // Launch permissions, once every copy is available.
      const distribution = image.distributionArn === null ? undefined : builder.distributions[image.distributionArn];
      for (const output of image.outputAmis) {
        const target = distribution?.distributions.find((candidate) => candidate.region === output.region);
        if (target === undefined) continue;
        const add = [
          ...target.userIds.map((UserId) => ({ UserId })),
          ...target.organizationArns.map((OrganizationArn) => ({ OrganizationArn })),
          ...target.organizationalUnitArns.map((OrganizationalUnitArn) => ({ OrganizationalUnitArn })),
        ];
        const targetCtx = contextOf(tx, image.ownerId, output.region);
        if (add.length === 0 || targetCtx === null) continue;
        const shared = attempt(targetCtx, modifyImageAttribute, { ImageId: output.image, LaunchPermission: { Add: add } });
        if (!shared.ok) {
          fail_(ctx, image, `Setting launch permissions in ${output.region} failed: ${shared.error.Message}`);
          return;
        }
      }
      moveBuild(ctx, image, { type: 'build.next' }, {}, INTEGRATING_MS);
      return;
    }
    case 'INTEGRATING':
      moveBuild(ctx, image, { type: 'build.next' });
      return;
    default:
      return;
  }
}

/** A pipeline's schedule came due: a build, unless it waits for a new parent image that has not come. */
export function fireBuilderPipelineTimer(tx: Transaction, arn: string): void {
  tx.setTimer(arn, undefined);
  const pipeline = tx.world.imageBuilder?.pipelines[arn];
  if (pipeline === undefined || pipeline.status !== 'ENABLED' || pipeline.scheduleExpression === null) return;
  const ctx = contextOf(tx, pipeline.ownerId, pipeline.region);
  const next = { ...pipeline, nextRunAt: nextCron(pipeline.scheduleExpression, tx.now + 1) };
  put({ tx }, 'pipelines', arn, next);
  setPipelineTimer(tx, next);
  if (ctx === null) return;
  const recipe = ownRecipe(ctx, pipeline.recipeArn);
  const parent = recipe === undefined ? undefined : resolveParentImage(ctx, recipe.parentImage);
  // EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE: build only when the parent image changed since the last build.
  if (pipeline.startCondition === 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE' && parent?.ok === true && parent.data === pipeline.lastParentImageId) return;
  startBuild(ctx, next);
}
