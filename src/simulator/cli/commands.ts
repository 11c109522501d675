/**
 * The commands the lab's console understands: every operation the simulator answers, by its AWS CLI
 * name, with its options as the CLI spells them and the shape of each value.
 */
import { DESCRIBABLE_IMAGE_ATTRIBUTES } from '../api/image-attribute-names.ts';
import type { Shape } from './shorthand.ts';

/** How an option's words become a parameter. */
export type OptionKind =
  /** One word. */
  | { readonly type: 'scalar'; readonly shape: 'string' | 'int' }
  /** A flag; `--no-<name>` sets false. */
  | { readonly type: 'flag' }
  /** Several words (a list), or one structured value (JSON or shorthand). */
  | { readonly type: 'structured'; readonly shape: Shape }
  /** A timestamp (ISO 8601), sent as a string. */
  | { readonly type: 'timestamp' };

/** What an option's values are, so completion can offer them. */
export type ValueHint = 'image' | 'instance' | 'snapshot' | 'volume' | 'region' | 'zone' | 'resource' | 'account';

/** One option of a command. */
export interface OptionSpec {
  /** `--image-id` */
  readonly flag: string;
  /** SDK parameter name, e.g. `ImageId`; `$count` and `$userData` are handled by the parser. */
  readonly param: string;
  readonly kind: OptionKind;
  readonly required?: boolean;
  readonly hint?: ValueHint;
  /** Allowed values, for completion and for the CLI's own check. */
  readonly choices?: readonly string[];
}

/** One CLI command: service, name, the operation it calls and its options. */
export interface CommandSpec {
  readonly service: 'ec2' | 'ssm' | 'sts' | 'account' | 'autoscaling' | 'rbin' | 'dlm' | 'imagebuilder';
  readonly name: string;
  /** API operation, or `GetCallerIdentity` (answered by the console itself). */
  readonly op: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Whether the command takes `--dry-run` (every EC2 command does). */
  readonly dryRun: boolean;
}

const str = { type: 'scalar', shape: 'string' } as const;
const int = { type: 'scalar', shape: 'int' } as const;
const flag = { type: 'flag' } as const;
const strings = { type: 'structured', shape: { list: 'string' } } as const;
const structured = (shape: Shape): OptionKind => ({ type: 'structured', shape });

const FILTERS = structured({ list: { struct: { Name: 'string', Values: { list: 'string' } } } });
const TAG = { struct: { Key: 'string', Value: 'string' } } as const;
const TAGS = structured({ list: TAG });
const TAG_SPECIFICATIONS = structured({ list: { struct: { ResourceType: 'string', Tags: { list: TAG } } } });
const EBS = {
  struct: {
    SnapshotId: 'string',
    VolumeSize: 'int',
    VolumeType: 'string',
    DeleteOnTermination: 'bool',
    Encrypted: 'bool',
    KmsKeyId: 'string',
    Iops: 'int',
    Throughput: 'int',
  },
} as const;
const BLOCK_DEVICE_MAPPINGS = structured({
  list: { struct: { DeviceName: 'string', Ebs: EBS, VirtualName: 'string', NoDevice: 'string' } },
});
const LAUNCH_PERMISSION_ITEM = {
  struct: { UserId: 'string', Group: 'string', OrganizationArn: 'string', OrganizationalUnitArn: 'string' },
} as const;
const VALUE = structured({ struct: { Value: 'string' } });

const o = (flagName: string, param: string, kind: OptionKind, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  flag: flagName,
  param,
  kind,
  ...extra,
});

const filters = o('--filters', 'Filters', FILTERS);
const maxResults = o('--max-results', 'MaxResults', int);
const nextToken = o('--next-token', 'NextToken', str);
const tagSpecifications = o('--tag-specifications', 'TagSpecifications', TAG_SPECIFICATIONS);
const imageId = o('--image-id', 'ImageId', str, { required: true, hint: 'image' });
const instanceIdsRequired = o('--instance-ids', 'InstanceIds', strings, { required: true, hint: 'instance' });

const ec2 = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({
  service: 'ec2',
  name,
  op,
  summary,
  options,
  dryRun: true,
});

const ssm = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({ service: 'ssm', name, op, summary, options, dryRun: false });
const account = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({ service: 'account', name, op, summary, options, dryRun: false });
const parameterName = o('--name', 'Name', str, { required: true });
const withDecryption = o('--with-decryption', 'WithDecryption', flag);
const regionName = o('--region-name', 'RegionName', str, { required: true, hint: 'region' });
const accountId = o('--account-id', 'AccountId', str, { hint: 'account' });

const LAUNCH_TEMPLATE_DATA = structured({
  struct: {
    ImageId: 'string',
    InstanceType: 'string',
    KeyName: 'string',
    SecurityGroupIds: { list: 'string' },
    SecurityGroups: { list: 'string' },
    UserData: 'string',
    EbsOptimized: 'bool',
    Monitoring: { struct: { Enabled: 'bool' } },
    Placement: { struct: { AvailabilityZone: 'string', Tenancy: 'string', GroupName: 'string' } },
    BlockDeviceMappings: { list: { struct: { DeviceName: 'string', Ebs: EBS, VirtualName: 'string', NoDevice: 'string' } } },
    TagSpecifications: { list: { struct: { ResourceType: 'string', Tags: { list: TAG } } } },
  },
});
const templateId = o('--launch-template-id', 'LaunchTemplateId', str);
const templateName = o('--launch-template-name', 'LaunchTemplateName', str);

/** `aws ec2` launch template commands (issue 13). */
const LAUNCH_TEMPLATE_COMMANDS: readonly CommandSpec[] = [
  ec2('create-launch-template', 'CreateLaunchTemplate', 'Create a launch template (its version 1 is the default).', [
    o('--launch-template-name', 'LaunchTemplateName', str, { required: true }),
    o('--version-description', 'VersionDescription', str),
    o('--launch-template-data', 'LaunchTemplateData', LAUNCH_TEMPLATE_DATA),
    tagSpecifications,
    o('--client-token', 'ClientToken', str),
  ]),
  ec2('create-launch-template-version', 'CreateLaunchTemplateVersion', 'Add a version, optionally starting from --source-version.', [
    templateId,
    templateName,
    o('--source-version', 'SourceVersion', str),
    o('--version-description', 'VersionDescription', str),
    o('--launch-template-data', 'LaunchTemplateData', LAUNCH_TEMPLATE_DATA),
    o('--client-token', 'ClientToken', str),
  ]),
  ec2('modify-launch-template', 'ModifyLaunchTemplate', 'Change which version is the default.', [
    templateId,
    templateName,
    o('--default-version', 'DefaultVersion', str),
    o('--client-token', 'ClientToken', str),
  ]),
  ec2('describe-launch-templates', 'DescribeLaunchTemplates', 'Describe launch templates.', [
    o('--launch-template-ids', 'LaunchTemplateIds', strings),
    o('--launch-template-names', 'LaunchTemplateNames', strings),
    filters,
    maxResults,
    nextToken,
  ]),
  ec2('describe-launch-template-versions', 'DescribeLaunchTemplateVersions', 'Describe versions of a launch template ($Latest, $Default, numbers).', [
    templateId,
    templateName,
    o('--versions', 'Versions', strings),
    o('--min-version', 'MinVersion', str),
    o('--max-version', 'MaxVersion', str),
    maxResults,
    nextToken,
  ]),
  ec2('delete-launch-template', 'DeleteLaunchTemplate', 'Delete a launch template and all its versions.', [templateId, templateName]),
  ec2('delete-launch-template-versions', 'DeleteLaunchTemplateVersions', 'Delete versions (not the default one).', [
    templateId,
    templateName,
    o('--versions', 'Versions', strings, { required: true }),
  ]),
];

/** `aws ssm` Parameter Store commands (issue 13). */
const PARAMETER_STORE_COMMANDS: readonly CommandSpec[] = [
  ssm('get-parameter', 'GetParameter', 'Get a parameter (public /aws/service/... ones too); name:3 or name:label picks a version.', [parameterName, withDecryption]),
  ssm('get-parameters', 'GetParameters', 'Get up to ten parameters; unknown names come back in InvalidParameters.', [
    o('--names', 'Names', strings, { required: true }),
    withDecryption,
  ]),
  ssm('get-parameters-by-path', 'GetParametersByPath', 'List the parameters under a path, e.g. /aws/service/ami-amazon-linux-latest.', [
    o('--path', 'Path', str, { required: true }),
    o('--recursive', 'Recursive', flag),
    withDecryption,
    maxResults,
    nextToken,
  ]),
  ssm('get-parameter-history', 'GetParameterHistory', 'List every version of a parameter with its labels.', [parameterName, withDecryption, maxResults, nextToken]),
  ssm('put-parameter', 'PutParameter', 'Create a parameter, or add a version with --overwrite.', [
    parameterName,
    o('--value', 'Value', str, { required: true }),
    o('--type', 'Type', str, { choices: ['String', 'StringList', 'SecureString'] }),
    o('--data-type', 'DataType', str, { choices: ['text', 'aws:ec2:image'] }),
    o('--description', 'Description', str),
    o('--overwrite', 'Overwrite', flag),
    o('--allowed-pattern', 'AllowedPattern', str),
    o('--tier', 'Tier', str, { choices: ['Standard'] }),
    o('--key-id', 'KeyId', str),
    o('--tags', 'Tags', TAGS),
  ]),
  ssm('delete-parameter', 'DeleteParameter', 'Delete a parameter and all its versions.', [parameterName]),
  ssm('delete-parameters', 'DeleteParameters', 'Delete up to ten parameters.', [o('--names', 'Names', strings, { required: true })]),
  ssm('label-parameter-version', 'LabelParameterVersion', 'Attach labels to a version (the latest by default).', [
    parameterName,
    o('--parameter-version', 'ParameterVersion', int),
    o('--labels', 'Labels', strings, { required: true }),
  ]),
];

const autoscaling = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({ service: 'autoscaling', name, op, summary, options, dryRun: false });
const groupName = o('--auto-scaling-group-name', 'AutoScalingGroupName', str, { required: true });
const LAUNCH_TEMPLATE_SPEC = { struct: { LaunchTemplateId: 'string', LaunchTemplateName: 'string', Version: 'string' } } as const;
const GROUP_LAUNCH_TEMPLATE = structured(LAUNCH_TEMPLATE_SPEC);

const rbin = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({ service: 'rbin', name, op, summary, options, dryRun: false });
const ruleIdentifier = o('--identifier', 'Identifier', str, { required: true });
const ruleArn = o('--resource-arn', 'ResourceArn', str, { required: true });
const RESOURCE_TAGS = structured({ list: { struct: { ResourceTagKey: 'string', ResourceTagValue: 'string' } } });
const RETENTION_PERIOD = structured({ struct: { RetentionPeriodValue: 'int', RetentionPeriodUnit: 'string' } });
const LOCK_CONFIGURATION = structured({ struct: { UnlockDelay: { struct: { UnlockDelayValue: 'int', UnlockDelayUnit: 'string' } } } });
const RULE_RESOURCE_TYPES = ['EBS_SNAPSHOT', 'EC2_IMAGE'];

/** `aws rbin` Recycle Bin retention rules, and `aws ec2` calls on the bin (issue 14). */
const RECYCLE_BIN_COMMANDS: readonly CommandSpec[] = [
  rbin('create-rule', 'CreateRule', 'Create a retention rule: deleted snapshots or deregistered AMIs it matches go to the Recycle Bin.', [
    o('--retention-period', 'RetentionPeriod', RETENTION_PERIOD, { required: true }),
    o('--resource-type', 'ResourceType', str, { required: true, choices: RULE_RESOURCE_TYPES }),
    o('--description', 'Description', str),
    o('--resource-tags', 'ResourceTags', RESOURCE_TAGS),
    o('--exclude-resource-tags', 'ExcludeResourceTags', RESOURCE_TAGS),
    o('--lock-configuration', 'LockConfiguration', LOCK_CONFIGURATION),
    o('--tags', 'Tags', TAGS),
  ]),
  rbin('get-rule', 'GetRule', 'Describe a retention rule (status, lock state, unlock time).', [ruleIdentifier]),
  rbin('list-rules', 'ListRules', 'List the retention rules of this Region for one resource type.', [
    o('--resource-type', 'ResourceType', str, { required: true, choices: RULE_RESOURCE_TYPES }),
    o('--resource-tags', 'ResourceTags', RESOURCE_TAGS),
    o('--exclude-resource-tags', 'ExcludeResourceTags', RESOURCE_TAGS),
    o('--lock-state', 'LockState', str, { choices: ['locked', 'pending_unlock', 'unlocked'] }),
    maxResults,
    nextToken,
  ]),
  rbin('update-rule', 'UpdateRule', 'Change a rule’s retention period, description or tags (not while locked).', [
    ruleIdentifier,
    o('--retention-period', 'RetentionPeriod', RETENTION_PERIOD),
    o('--description', 'Description', str),
    o('--resource-type', 'ResourceType', str, { choices: RULE_RESOURCE_TYPES }),
    o('--resource-tags', 'ResourceTags', RESOURCE_TAGS),
    o('--exclude-resource-tags', 'ExcludeResourceTags', RESOURCE_TAGS),
  ]),
  rbin('delete-rule', 'DeleteRule', 'Delete a retention rule (what it keeps stays for its retention period).', [ruleIdentifier]),
  rbin('lock-rule', 'LockRule', 'Lock a Region-level rule so nobody can change or delete it.', [
    ruleIdentifier,
    o('--lock-configuration', 'LockConfiguration', LOCK_CONFIGURATION, { required: true }),
  ]),
  rbin('unlock-rule', 'UnlockRule', 'Unlock a rule; it can be changed once its unlock delay has passed.', [ruleIdentifier]),
  rbin('tag-resource', 'TagResource', 'Tag a retention rule.', [ruleArn, o('--tags', 'Tags', TAGS, { required: true })]),
  rbin('untag-resource', 'UntagResource', 'Remove tags from a retention rule.', [ruleArn, o('--tag-keys', 'TagKeys', strings, { required: true })]),
  rbin('list-tags-for-resource', 'ListTagsForResource', 'List the tags of a retention rule.', [ruleArn]),
  ec2('list-images-in-recycle-bin', 'ListImagesInRecycleBin', 'List your deregistered AMIs that a retention rule keeps in the Recycle Bin.', [
    o('--image-ids', 'ImageIds', strings, { hint: 'image' }),
    maxResults,
    nextToken,
  ]),
  ec2('restore-image-from-recycle-bin', 'RestoreImageFromRecycleBin', 'Restore an AMI from the Recycle Bin (restore its snapshots first).', [imageId]),
  ec2('list-snapshots-in-recycle-bin', 'ListSnapshotsInRecycleBin', 'List your deleted snapshots that a retention rule keeps in the Recycle Bin.', [
    o('--snapshot-ids', 'SnapshotIds', strings, { hint: 'snapshot' }),
    maxResults,
    nextToken,
  ]),
  ec2('restore-snapshot-from-recycle-bin', 'RestoreSnapshotFromRecycleBin', 'Restore a snapshot from the Recycle Bin.', [
    o('--snapshot-id', 'SnapshotId', str, { required: true, hint: 'snapshot' }),
  ]),
];

const dlm = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({ service: 'dlm', name, op, summary, options, dryRun: false });
const AGE_OR_COUNT = { struct: { Count: 'int', Interval: 'int', IntervalUnit: 'string' } } as const;
const AGE = { struct: { Interval: 'int', IntervalUnit: 'string' } } as const;
const POLICY_DETAILS = structured({
  struct: {
    PolicyType: 'string',
    ResourceTypes: { list: 'string' },
    ResourceLocations: { list: 'string' },
    TargetTags: { list: TAG },
    Parameters: { struct: { NoReboot: 'bool', ExcludeBootVolume: 'bool' } },
    Schedules: {
      list: {
        struct: {
          Name: 'string',
          CopyTags: 'bool',
          TagsToAdd: { list: TAG },
          CreateRule: { struct: { Location: 'string', Interval: 'int', IntervalUnit: 'string', Times: { list: 'string' }, CronExpression: 'string' } },
          RetainRule: AGE_OR_COUNT,
          DeprecateRule: AGE_OR_COUNT,
          CrossRegionCopyRules: {
            list: { struct: { TargetRegion: 'string', Target: 'string', Encrypted: 'bool', CmkArn: 'string', CopyTags: 'bool', RetainRule: AGE, DeprecateRule: AGE } },
          },
        },
      },
    },
  },
});
const policyId = o('--policy-id', 'PolicyId', str, { required: true });
const POLICY_STATES = ['ENABLED', 'DISABLED'];

/** `aws dlm` Data Lifecycle Manager commands (issue 14). */
const DLM_COMMANDS: readonly CommandSpec[] = [
  dlm('create-lifecycle-policy', 'CreateLifecyclePolicy', 'Create a snapshot or AMI lifecycle policy (schedules, retention, cross-Region copies).', [
    o('--execution-role-arn', 'ExecutionRoleArn', str, { required: true }),
    o('--description', 'Description', str, { required: true }),
    o('--state', 'State', str, { required: true, choices: POLICY_STATES }),
    o('--policy-details', 'PolicyDetails', POLICY_DETAILS, { required: true }),
  ]),
  dlm('get-lifecycle-policies', 'GetLifecyclePolicies', 'List lifecycle policies (summaries), optionally filtered.', [
    o('--policy-ids', 'PolicyIds', strings),
    o('--state', 'State', str, { choices: ['ENABLED', 'DISABLED', 'ERROR'] }),
    o('--resource-types', 'ResourceTypes', strings, { choices: ['VOLUME', 'INSTANCE'] }),
    o('--target-tags', 'TargetTags', strings),
    o('--tags-to-add', 'TagsToAdd', strings),
  ]),
  dlm('get-lifecycle-policy', 'GetLifecyclePolicy', 'Show a lifecycle policy in full.', [policyId]),
  dlm('update-lifecycle-policy', 'UpdateLifecyclePolicy', 'Enable, disable or change a lifecycle policy.', [
    policyId,
    o('--execution-role-arn', 'ExecutionRoleArn', str),
    o('--state', 'State', str, { choices: POLICY_STATES }),
    o('--description', 'Description', str),
    o('--policy-details', 'PolicyDetails', POLICY_DETAILS),
  ]),
  dlm('delete-lifecycle-policy', 'DeleteLifecyclePolicy', 'Delete a lifecycle policy (what it created stays).', [policyId]),
];

const imagebuilder = (name: string, op: string, summary: string, options: OptionSpec[]): CommandSpec => ({ service: 'imagebuilder', name, op, summary, options, dryRun: false });
const ibName = o('--name', 'name', str, { required: true });
const ibDescription = o('--description', 'description', str);
const ibClientToken = o('--client-token', 'clientToken', str);
const ibOwner = o('--owner', 'owner', str, { choices: ['Self', 'Shared', 'Amazon', 'ThirdParty'] });
const IB_FILTERS = structured({ list: { struct: { name: 'string', values: { list: 'string' } } } });
const ibArn = (flag: string, param: string): OptionSpec => o(flag, param, str, { required: true });
const LAUNCH_PERMISSION = {
  struct: { userIds: { list: 'string' }, userGroups: { list: 'string' }, organizationArns: { list: 'string' }, organizationalUnitArns: { list: 'string' } },
} as const;
const DISTRIBUTIONS = structured({
  list: {
    struct: {
      region: 'string',
      amiDistributionConfiguration: {
        struct: { name: 'string', description: 'string', launchPermission: LAUNCH_PERMISSION, kmsKeyId: 'string', targetAccountIds: { list: 'string' } },
      },
    },
  },
});

/** `aws imagebuilder` commands (issue 14). */
const IMAGEBUILDER_COMMANDS: readonly CommandSpec[] = [
  imagebuilder('create-component', 'CreateComponent', 'Create a build component from a YAML document (--data).', [
    ibName,
    o('--semantic-version', 'semanticVersion', str, { required: true }),
    o('--platform', 'platform', str, { required: true, choices: ['Linux', 'Windows', 'macOS'] }),
    o('--data', 'data', str),
    o('--uri', 'uri', str),
    ibDescription,
    ibClientToken,
  ]),
  imagebuilder('get-component', 'GetComponent', 'Show a component and its document.', [ibArn('--component-build-version-arn', 'componentBuildVersionArn')]),
  imagebuilder('list-components', 'ListComponents', 'List your components, or AWS-managed ones with --owner Amazon.', [ibOwner, o('--filters', 'filters', IB_FILTERS)]),
  imagebuilder('delete-component', 'DeleteComponent', 'Delete a component version (not while a recipe uses it).', [
    ibArn('--component-build-version-arn', 'componentBuildVersionArn'),
  ]),
  imagebuilder('create-image-recipe', 'CreateImageRecipe', 'Create a recipe: a parent image and the components to run on it.', [
    ibName,
    o('--semantic-version', 'semanticVersion', str, { required: true }),
    o('--parent-image', 'parentImage', str, { required: true }),
    o('--components', 'components', structured({ list: { struct: { componentArn: 'string' } } }), { required: true }),
    ibDescription,
    ibClientToken,
  ]),
  imagebuilder('get-image-recipe', 'GetImageRecipe', 'Show an image recipe.', [ibArn('--image-recipe-arn', 'imageRecipeArn')]),
  imagebuilder('list-image-recipes', 'ListImageRecipes', 'List your image recipes.', [ibOwner, o('--filters', 'filters', IB_FILTERS)]),
  imagebuilder('delete-image-recipe', 'DeleteImageRecipe', 'Delete an image recipe (not while a pipeline uses it).', [ibArn('--image-recipe-arn', 'imageRecipeArn')]),
  imagebuilder('create-infrastructure-configuration', 'CreateInfrastructureConfiguration', 'Say what the build instance is (instance types, instance profile).', [
    ibName,
    o('--instance-profile-name', 'instanceProfileName', str, { required: true }),
    o('--instance-types', 'instanceTypes', strings),
    o('--terminate-instance-on-failure', 'terminateInstanceOnFailure', flag),
    ibDescription,
    ibClientToken,
  ]),
  imagebuilder('get-infrastructure-configuration', 'GetInfrastructureConfiguration', 'Show an infrastructure configuration.', [
    ibArn('--infrastructure-configuration-arn', 'infrastructureConfigurationArn'),
  ]),
  imagebuilder('list-infrastructure-configurations', 'ListInfrastructureConfigurations', 'List your infrastructure configurations.', [o('--filters', 'filters', IB_FILTERS)]),
  imagebuilder('delete-infrastructure-configuration', 'DeleteInfrastructureConfiguration', 'Delete an infrastructure configuration.', [
    ibArn('--infrastructure-configuration-arn', 'infrastructureConfigurationArn'),
  ]),
  imagebuilder('create-distribution-configuration', 'CreateDistributionConfiguration', 'Say where output AMIs go, what they are called and who may launch them.', [
    ibName,
    o('--distributions', 'distributions', DISTRIBUTIONS, { required: true }),
    ibDescription,
    ibClientToken,
  ]),
  imagebuilder('get-distribution-configuration', 'GetDistributionConfiguration', 'Show a distribution configuration.', [
    ibArn('--distribution-configuration-arn', 'distributionConfigurationArn'),
  ]),
  imagebuilder('list-distribution-configurations', 'ListDistributionConfigurations', 'List your distribution configurations.', [o('--filters', 'filters', IB_FILTERS)]),
  imagebuilder('delete-distribution-configuration', 'DeleteDistributionConfiguration', 'Delete a distribution configuration.', [
    ibArn('--distribution-configuration-arn', 'distributionConfigurationArn'),
  ]),
  imagebuilder('create-image-pipeline', 'CreateImagePipeline', 'Tie a recipe, infrastructure and distribution together, with an optional cron schedule.', [
    ibName,
    o('--image-recipe-arn', 'imageRecipeArn', str, { required: true }),
    o('--infrastructure-configuration-arn', 'infrastructureConfigurationArn', str, { required: true }),
    o('--distribution-configuration-arn', 'distributionConfigurationArn', str),
    o('--schedule', 'schedule', structured({ struct: { scheduleExpression: 'string', timezone: 'string', pipelineExecutionStartCondition: 'string' } })),
    o('--status', 'status', str, { choices: ['ENABLED', 'DISABLED'] }),
    ibDescription,
    ibClientToken,
  ]),
  imagebuilder('get-image-pipeline', 'GetImagePipeline', 'Show a pipeline, with its last and next run.', [ibArn('--image-pipeline-arn', 'imagePipelineArn')]),
  imagebuilder('list-image-pipelines', 'ListImagePipelines', 'List your image pipelines.', [o('--filters', 'filters', IB_FILTERS)]),
  imagebuilder('delete-image-pipeline', 'DeleteImagePipeline', 'Delete a pipeline (not while it builds).', [ibArn('--image-pipeline-arn', 'imagePipelineArn')]),
  imagebuilder('start-image-pipeline-execution', 'StartImagePipelineExecution', 'Build an image now.', [ibArn('--image-pipeline-arn', 'imagePipelineArn'), ibClientToken]),
  imagebuilder('get-image', 'GetImage', 'Show a build: its status and output AMIs.', [ibArn('--image-build-version-arn', 'imageBuildVersionArn')]),
  imagebuilder('list-image-pipeline-images', 'ListImagePipelineImages', 'List the builds of a pipeline.', [ibArn('--image-pipeline-arn', 'imagePipelineArn')]),
  imagebuilder('cancel-image-creation', 'CancelImageCreation', 'Cancel a build in progress.', [ibArn('--image-build-version-arn', 'imageBuildVersionArn'), ibClientToken]),
];

/** `aws autoscaling` commands (issue 13). */
const AUTOSCALING_COMMANDS: readonly CommandSpec[] = [
  autoscaling('create-auto-scaling-group', 'CreateAutoScalingGroup', 'Create a group that keeps instances of a launch template running.', [
    groupName,
    o('--launch-template', 'LaunchTemplate', GROUP_LAUNCH_TEMPLATE),
    // Sizes are required by the API, which says so (ValidationError); not checked here, as the AWS CLI does.
    o('--min-size', 'MinSize', int),
    o('--max-size', 'MaxSize', int),
    o('--desired-capacity', 'DesiredCapacity', int),
    o('--availability-zones', 'AvailabilityZones', strings, { hint: 'zone' }),
    o('--health-check-grace-period', 'HealthCheckGracePeriod', int),
    o('--default-instance-warmup', 'DefaultInstanceWarmup', int),
  ]),
  autoscaling('update-auto-scaling-group', 'UpdateAutoScalingGroup', 'Change sizes, zones or the launch template of a group.', [
    groupName,
    o('--launch-template', 'LaunchTemplate', GROUP_LAUNCH_TEMPLATE),
    o('--min-size', 'MinSize', int),
    o('--max-size', 'MaxSize', int),
    o('--desired-capacity', 'DesiredCapacity', int),
    o('--availability-zones', 'AvailabilityZones', strings, { hint: 'zone' }),
    o('--health-check-grace-period', 'HealthCheckGracePeriod', int),
    o('--default-instance-warmup', 'DefaultInstanceWarmup', int),
  ]),
  autoscaling('set-desired-capacity', 'SetDesiredCapacity', 'Scale a group out or in.', [
    groupName,
    o('--desired-capacity', 'DesiredCapacity', int),
    o('--honor-cooldown', 'HonorCooldown', flag),
  ]),
  autoscaling('describe-auto-scaling-groups', 'DescribeAutoScalingGroups', 'Describe groups and their instances.', [
    o('--auto-scaling-group-names', 'AutoScalingGroupNames', strings),
    o('--max-records', 'MaxRecords', int),
    nextToken,
  ]),
  autoscaling('describe-auto-scaling-instances', 'DescribeAutoScalingInstances', 'Describe the instances of your groups.', [
    o('--instance-ids', 'InstanceIds', strings, { hint: 'instance' }),
    o('--max-records', 'MaxRecords', int),
    nextToken,
  ]),
  autoscaling('delete-auto-scaling-group', 'DeleteAutoScalingGroup', 'Delete a group (--force-delete terminates its instances).', [
    groupName,
    o('--force-delete', 'ForceDelete', flag),
  ]),
  autoscaling('start-instance-refresh', 'StartInstanceRefresh', 'Replace the group’s instances in rolling batches.', [
    groupName,
    o('--strategy', 'Strategy', str, { choices: ['Rolling'] }),
    o('--desired-configuration', 'DesiredConfiguration', structured({ struct: { LaunchTemplate: LAUNCH_TEMPLATE_SPEC } })),
    o(
      '--preferences',
      'Preferences',
      structured({ struct: { MinHealthyPercentage: 'int', MaxHealthyPercentage: 'int', InstanceWarmup: 'int', SkipMatching: 'bool', AutoRollback: 'bool' } }),
    ),
  ]),
  autoscaling('describe-instance-refreshes', 'DescribeInstanceRefreshes', 'Show a group’s instance refreshes and their progress.', [
    groupName,
    o('--instance-refresh-ids', 'InstanceRefreshIds', strings),
    o('--max-records', 'MaxRecords', int),
    nextToken,
  ]),
  autoscaling('cancel-instance-refresh', 'CancelInstanceRefresh', 'Cancel the instance refresh in progress.', [groupName]),
  autoscaling('rollback-instance-refresh', 'RollbackInstanceRefresh', 'Undo the instance refresh in progress: go back to the group’s previous configuration.', [groupName]),
  autoscaling('describe-scaling-activities', 'DescribeScalingActivities', 'List a group’s launches and terminations, with why each failed.', [
    o('--auto-scaling-group-name', 'AutoScalingGroupName', str),
    o('--activity-ids', 'ActivityIds', strings),
    o('--include-deleted-groups', 'IncludeDeletedGroups', flag),
    o('--max-records', 'MaxRecords', int),
    nextToken,
  ]),
];

/** `aws account` Region opt-in commands (issue 13). */
const ACCOUNT_COMMANDS: readonly CommandSpec[] = [
  account('list-regions', 'ListRegions', 'List every Region with its opt-in status.', [
    accountId,
    o('--region-opt-status-contains', 'RegionOptStatusContains', strings, { choices: ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'] }),
    maxResults,
    nextToken,
  ]),
  account('get-region-opt-status', 'GetRegionOptStatus', 'Show whether a Region is enabled for the account.', [regionName, accountId]),
  account('enable-region', 'EnableRegion', 'Opt in to a Region (ENABLING, then ENABLED).', [regionName, accountId]),
  account('disable-region', 'DisableRegion', 'Opt out of a Region (DISABLING, then DISABLED).', [regionName, accountId]),
];

/** Every command of the console. */
export const COMMANDS: readonly CommandSpec[] = [
  ec2('describe-regions', 'DescribeRegions', 'List the Regions.', [
    o('--region-names', 'RegionNames', strings, { hint: 'region' }),
    filters,
    o('--all-regions', 'AllRegions', flag),
  ]),
  ec2('describe-availability-zones', 'DescribeAvailabilityZones', 'List the Availability Zones of the Region.', [
    o('--zone-names', 'ZoneNames', strings, { hint: 'zone' }),
    o('--zone-ids', 'ZoneIds', strings),
    filters,
    o('--all-availability-zones', 'AllAvailabilityZones', flag),
  ]),
  ec2('run-instances', 'RunInstances', 'Launch instances from an AMI.', [
    o('--image-id', 'ImageId', str, { hint: 'image' }),
    o('--launch-template', 'LaunchTemplate', structured({ struct: { LaunchTemplateId: 'string', LaunchTemplateName: 'string', Version: 'string' } })),
    o('--instance-type', 'InstanceType', str, { choices: ['t3.micro', 't3.small', 't3.medium', 't4g.micro', 'm5.large', 'c5.large'] }),
    o('--count', '$count', str),
    o('--placement', 'Placement', structured({ struct: { AvailabilityZone: 'string', Tenancy: 'string', GroupName: 'string' } }), { hint: 'zone' }),
    o('--block-device-mappings', 'BlockDeviceMappings', BLOCK_DEVICE_MAPPINGS),
    tagSpecifications,
    o('--user-data', '$userData', str),
    o('--key-name', 'KeyName', str),
    o('--security-group-ids', 'SecurityGroupIds', strings),
    o('--security-groups', 'SecurityGroups', strings),
    o('--client-token', 'ClientToken', str),
    o('--monitoring', 'Monitoring', structured({ struct: { Enabled: 'bool' } })),
    o('--ebs-optimized', 'EbsOptimized', flag),
  ]),
  ec2('describe-instances', 'DescribeInstances', 'Describe instances.', [o('--instance-ids', 'InstanceIds', strings, { hint: 'instance' }), filters, maxResults, nextToken]),
  ec2('stop-instances', 'StopInstances', 'Stop EBS-backed instances.', [instanceIdsRequired, o('--force', 'Force', flag)]),
  ec2('start-instances', 'StartInstances', 'Start stopped instances.', [instanceIdsRequired]),
  ec2('reboot-instances', 'RebootInstances', 'Reboot instances.', [instanceIdsRequired]),
  ec2('terminate-instances', 'TerminateInstances', 'Terminate instances.', [instanceIdsRequired]),
  ec2('create-image', 'CreateImage', 'Create an AMI from an instance.', [
    o('--instance-id', 'InstanceId', str, { required: true, hint: 'instance' }),
    o('--name', 'Name', str, { required: true }),
    o('--description', 'Description', str),
    o('--no-reboot', 'NoReboot', flag),
    o('--block-device-mappings', 'BlockDeviceMappings', BLOCK_DEVICE_MAPPINGS),
    tagSpecifications,
  ]),
  ec2('register-image', 'RegisterImage', 'Register an AMI from snapshots.', [
    o('--name', 'Name', str, { required: true }),
    o('--description', 'Description', str),
    o('--architecture', 'Architecture', str, { choices: ['x86_64', 'arm64'] }),
    o('--root-device-name', 'RootDeviceName', str),
    o('--block-device-mappings', 'BlockDeviceMappings', BLOCK_DEVICE_MAPPINGS),
    o('--virtualization-type', 'VirtualizationType', str),
    o('--boot-mode', 'BootMode', str, { choices: ['legacy-bios', 'uefi', 'uefi-preferred'] }),
    o('--ena-support', 'EnaSupport', flag),
    o('--sriov-net-support', 'SriovNetSupport', str),
    o('--imds-support', 'ImdsSupport', str),
    o('--image-location', 'ImageLocation', str),
    tagSpecifications,
  ]),
  ec2('copy-image', 'CopyImage', 'Copy an AMI into the Region of the request.', [
    o('--source-region', 'SourceRegion', str, { required: true, hint: 'region' }),
    o('--source-image-id', 'SourceImageId', str, { required: true, hint: 'image' }),
    o('--name', 'Name', str, { required: true }),
    o('--description', 'Description', str),
    o('--encrypted', 'Encrypted', flag),
    o('--kms-key-id', 'KmsKeyId', str),
    o('--client-token', 'ClientToken', str),
    o('--copy-image-tags', 'CopyImageTags', flag),
    tagSpecifications,
  ]),
  ec2('describe-images', 'DescribeImages', 'Describe the AMIs you can see.', [
    o('--image-ids', 'ImageIds', strings, { hint: 'image' }),
    o('--owners', 'Owners', strings, { choices: ['self', 'amazon', 'aws-marketplace'], hint: 'account' }),
    o('--executable-users', 'ExecutableUsers', strings, { choices: ['self', 'all'], hint: 'account' }),
    filters,
    o('--include-deprecated', 'IncludeDeprecated', flag),
    o('--include-disabled', 'IncludeDisabled', flag),
    maxResults,
    nextToken,
  ]),
  ec2('deregister-image', 'DeregisterImage', 'Deregister an AMI (its snapshots stay unless deleted too).', [
    imageId,
    o('--delete-associated-snapshots', 'DeleteAssociatedSnapshots', flag),
  ]),
  ec2('describe-image-attribute', 'DescribeImageAttribute', 'Describe one attribute of an AMI.', [
    imageId,
    o('--attribute', 'Attribute', str, { required: true, choices: [...DESCRIBABLE_IMAGE_ATTRIBUTES] }),
  ]),
  ec2('modify-image-attribute', 'ModifyImageAttribute', 'Change launch permissions or the description of an AMI.', [
    imageId,
    o('--attribute', 'Attribute', str, { choices: ['description', 'imdsSupport', 'launchPermission'] }),
    o('--description', 'Description', VALUE),
    o('--imds-support', 'ImdsSupport', VALUE),
    o('--launch-permission', 'LaunchPermission', structured({ struct: { Add: { list: LAUNCH_PERMISSION_ITEM }, Remove: { list: LAUNCH_PERMISSION_ITEM } } })),
    o('--operation-type', 'OperationType', str, { choices: ['add', 'remove'] }),
    o('--user-ids', 'UserIds', strings, { hint: 'account' }),
    o('--user-groups', 'UserGroups', strings, { choices: ['all'] }),
    o('--organization-arns', 'OrganizationArns', strings),
    o('--organizational-unit-arns', 'OrganizationalUnitArns', strings),
    o('--value', 'Value', str),
  ]),
  ec2('reset-image-attribute', 'ResetImageAttribute', 'Reset launch permissions (make the AMI private to you).', [
    imageId,
    o('--attribute', 'Attribute', str, { required: true, choices: ['launchPermission'] }),
  ]),
  ec2('cancel-image-launch-permission', 'CancelImageLaunchPermission', 'Stop seeing an AMI shared with your account.', [imageId]),
  ec2('enable-image-deprecation', 'EnableImageDeprecation', 'Set the date an AMI becomes deprecated.', [
    imageId,
    o('--deprecate-at', 'DeprecateAt', { type: 'timestamp' }, { required: true }),
  ]),
  ec2('disable-image-deprecation', 'DisableImageDeprecation', 'Cancel the deprecation of an AMI.', [imageId]),
  ec2('enable-image-deregistration-protection', 'EnableImageDeregistrationProtection', 'Protect an AMI from deregistration.', [
    imageId,
    o('--with-cooldown', 'WithCooldown', flag),
  ]),
  ec2('disable-image-deregistration-protection', 'DisableImageDeregistrationProtection', 'Remove deregistration protection.', [imageId]),
  ec2('disable-image', 'DisableImage', 'Disable an AMI (nobody can launch it until enabled).', [imageId]),
  ec2('enable-image', 'EnableImage', 'Re-enable a disabled AMI.', [imageId]),
  ec2('enable-image-block-public-access', 'EnableImageBlockPublicAccess', 'Block new public sharing of AMIs in this Region.', [
    o('--image-block-public-access-state', 'ImageBlockPublicAccessState', str, { required: true, choices: ['block-new-sharing'] }),
  ]),
  ec2('disable-image-block-public-access', 'DisableImageBlockPublicAccess', 'Allow public sharing of AMIs again.', []),
  ec2('get-image-block-public-access-state', 'GetImageBlockPublicAccessState', 'Show whether public sharing is blocked.', []),
  ec2('create-tags', 'CreateTags', 'Add or overwrite tags.', [
    o('--resources', 'Resources', strings, { required: true, hint: 'resource' }),
    o('--tags', 'Tags', TAGS, { required: true }),
  ]),
  ec2('delete-tags', 'DeleteTags', 'Remove tags.', [o('--resources', 'Resources', strings, { required: true, hint: 'resource' }), o('--tags', 'Tags', TAGS)]),
  ec2('create-volume', 'CreateVolume', 'Create an EBS volume in an Availability Zone.', [
    o('--availability-zone', 'AvailabilityZone', str, { required: true, hint: 'zone' }),
    o('--size', 'Size', int),
    o('--snapshot-id', 'SnapshotId', str, { hint: 'snapshot' }),
    o('--volume-type', 'VolumeType', str, { choices: ['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1', 'standard'] }),
    o('--iops', 'Iops', int),
    o('--throughput', 'Throughput', int),
    o('--encrypted', 'Encrypted', flag),
    o('--kms-key-id', 'KmsKeyId', str),
    tagSpecifications,
    o('--client-token', 'ClientToken', str),
  ]),
  ec2('attach-volume', 'AttachVolume', 'Attach a volume to an instance in the same AZ.', [
    o('--device', 'Device', str, { required: true }),
    o('--instance-id', 'InstanceId', str, { required: true, hint: 'instance' }),
    o('--volume-id', 'VolumeId', str, { required: true, hint: 'volume' }),
  ]),
  ec2('detach-volume', 'DetachVolume', 'Detach a volume.', [
    o('--volume-id', 'VolumeId', str, { required: true, hint: 'volume' }),
    o('--instance-id', 'InstanceId', str, { hint: 'instance' }),
    o('--device', 'Device', str),
    o('--force', 'Force', flag),
  ]),
  ec2('delete-volume', 'DeleteVolume', 'Delete an unattached volume.', [o('--volume-id', 'VolumeId', str, { required: true, hint: 'volume' })]),
  ec2('describe-volumes', 'DescribeVolumes', 'Describe volumes.', [o('--volume-ids', 'VolumeIds', strings, { hint: 'volume' }), filters, maxResults, nextToken]),
  ec2('create-snapshot', 'CreateSnapshot', 'Snapshot a volume.', [
    o('--volume-id', 'VolumeId', str, { required: true, hint: 'volume' }),
    o('--description', 'Description', str),
    tagSpecifications,
  ]),
  ec2('copy-snapshot', 'CopySnapshot', 'Copy a snapshot into the Region of the request.', [
    o('--source-region', 'SourceRegion', str, { required: true, hint: 'region' }),
    o('--source-snapshot-id', 'SourceSnapshotId', str, { required: true, hint: 'snapshot' }),
    o('--description', 'Description', str),
    o('--encrypted', 'Encrypted', flag),
    o('--kms-key-id', 'KmsKeyId', str),
    o('--destination-region', 'DestinationRegion', str, { hint: 'region' }),
    o('--presigned-url', 'PresignedUrl', str),
    tagSpecifications,
  ]),
  ec2('delete-snapshot', 'DeleteSnapshot', 'Delete a snapshot (refused while a registered AMI uses it).', [
    o('--snapshot-id', 'SnapshotId', str, { required: true, hint: 'snapshot' }),
  ]),
  ec2('describe-snapshots', 'DescribeSnapshots', 'Describe snapshots.', [
    o('--snapshot-ids', 'SnapshotIds', strings, { hint: 'snapshot' }),
    o('--owner-ids', 'OwnerIds', strings, { hint: 'account' }),
    o('--restorable-by-user-ids', 'RestorableByUserIds', strings, { hint: 'account' }),
    filters,
    maxResults,
    nextToken,
  ]),
  ec2('modify-snapshot-attribute', 'ModifySnapshotAttribute', 'Share a snapshot (createVolumePermission).', [
    o('--snapshot-id', 'SnapshotId', str, { required: true, hint: 'snapshot' }),
    o('--attribute', 'Attribute', str, { choices: ['createVolumePermission'] }),
    o(
      '--create-volume-permission',
      'CreateVolumePermission',
      structured({ struct: { Add: { list: { struct: { UserId: 'string', Group: 'string' } } }, Remove: { list: { struct: { UserId: 'string', Group: 'string' } } } } }),
    ),
    o('--operation-type', 'OperationType', str, { choices: ['add', 'remove'] }),
    o('--user-ids', 'UserIds', strings, { hint: 'account' }),
    o('--group-names', 'GroupNames', strings, { choices: ['all'] }),
  ]),
  ec2('describe-snapshot-attribute', 'DescribeSnapshotAttribute', 'Describe one attribute of a snapshot.', [
    o('--snapshot-id', 'SnapshotId', str, { required: true, hint: 'snapshot' }),
    o('--attribute', 'Attribute', str, { required: true, choices: ['createVolumePermission', 'productCodes'] }),
  ]),
  {
    service: 'ssm',
    name: 'send-command',
    op: 'SendCommand',
    summary: 'Run a shell script on running instances (how the lab "configures" an instance).',
    dryRun: false,
    options: [
      o('--document-name', 'DocumentName', str, { required: true, choices: ['AWS-RunShellScript'] }),
      o('--instance-ids', 'InstanceIds', strings, { required: true, hint: 'instance' }),
      o('--parameters', 'Parameters', structured({ struct: { commands: { list: 'string' } } }), { required: true }),
      o('--comment', 'Comment', str),
    ],
  },
  // Run Command's statuses on the simulated clock (issue 12).
  ssm('get-command-invocation', 'GetCommandInvocation', "One instance's Run Command status and output (Pending, InProgress, Success, Failed).", [
    o('--command-id', 'CommandId', str, { required: true }),
    o('--instance-id', 'InstanceId', str, { required: true, hint: 'instance' }),
    o('--plugin-name', 'PluginName', str),
  ]),
  ssm('list-commands', 'ListCommands', 'List Run Command commands with their status.', [
    o('--command-id', 'CommandId', str),
    o('--instance-id', 'InstanceId', str, { hint: 'instance' }),
    maxResults,
    nextToken,
  ]),
  ssm('list-command-invocations', 'ListCommandInvocations', 'List Run Command invocations (one per command and instance); --details adds the output.', [
    o('--command-id', 'CommandId', str),
    o('--instance-id', 'InstanceId', str, { hint: 'instance' }),
    o('--details', 'Details', flag),
    maxResults,
    nextToken,
  ]),
  ...LAUNCH_TEMPLATE_COMMANDS,
  ...PARAMETER_STORE_COMMANDS,
  ...ACCOUNT_COMMANDS,
  ...AUTOSCALING_COMMANDS,
  ...RECYCLE_BIN_COMMANDS,
  ...DLM_COMMANDS,
  ...IMAGEBUILDER_COMMANDS,
  {
    service: 'sts',
    name: 'get-caller-identity',
    op: 'GetCallerIdentity',
    summary: 'Show which account the console is acting as.',
    dryRun: false,
    options: [],
  },
];

/** The services the console knows, in the order `aws help` lists them. */
export const SERVICES = ['ec2', 'ssm', 'account', 'autoscaling', 'rbin', 'dlm', 'imagebuilder', 'sts'] as const;

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly string[] = ['--region', '--profile', '--output', '--query', '--no-cli-pager', '--debug'];

/** Finds a command by service and name. */
export function findCommand(service: string, name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.service === service && command.name === name);
}

/** Command names of a service. */
export function commandNames(service: string): string[] {
  return COMMANDS.filter((command) => command.service === service).map((command) => command.name);
}

/** Option flags a command accepts, including `--dry-run`/`--no-dry-run` and `--no-…` forms of flags. */
export function optionFlags(command: CommandSpec): string[] {
  const flags: string[] = [];
  for (const option of command.options) {
    flags.push(option.flag);
    if (option.kind.type === 'flag' && !option.flag.startsWith('--no-')) flags.push(`--no-${option.flag.slice(2)}`);
    if (option.flag === '--no-reboot') flags.push('--reboot');
  }
  if (command.dryRun) flags.push('--dry-run', '--no-dry-run');
  return flags;
}
