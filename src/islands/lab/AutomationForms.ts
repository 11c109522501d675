/**
 * Forms for the Recycle Bin (rbin rules, and EC2's restore from the bin), Data Lifecycle Manager
 * policies and EC2 Image Builder (components, recipes, configurations, pipelines, builds), as data
 * for ServiceForm. Each acts as the account acted as, in the current Region. Loaded with the service
 * forms, when the learner opens one of these groups.
 */
import type { World } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { INSTANCE_TYPES, REGIONS } from '../../simulator/model/regions';
import { buildBinView, buildBuilderView, buildPoliciesView, buildRulesView } from './automation-view';
import { type FormSpec, numberOf, type Option, type Values } from './ServiceForm';
import { launchableImages } from './world-view';

export type AutomationGroup = 'recyclebin' | 'dlm' | 'imagebuilder';

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
const withDefined = (params: Record<string, unknown>) => Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
const listOf = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,]+/)
    .map((word) => word.trim())
    .filter((word) => word !== '');

/** `Key=Value` words as rbin resource tags (`Key` alone matches any value). */
export function resourceTags(text: string | undefined): { ResourceTagKey: string; ResourceTagValue?: string }[] {
  return listOf(text).map((word) => {
    const at = word.indexOf('=');
    return at < 0 ? { ResourceTagKey: word } : { ResourceTagKey: word.slice(0, at), ResourceTagValue: word.slice(at + 1) };
  });
}

/** `Key=Value` as one DLM tag (an empty value when there is no `=`). */
export function dlmTag(text: string | undefined): { Key: string; Value: string } {
  const word = (text ?? '').trim();
  const at = word.indexOf('=');
  return at < 0 ? { Key: word, Value: '' } : { Key: word.slice(0, at), Value: word.slice(at + 1) };
}

const RESOURCE_TYPES: readonly Option[] = [
  { value: 'EC2_IMAGE', label: 'AMIs (EC2_IMAGE)' },
  { value: 'EBS_SNAPSHOT', label: 'Snapshots (EBS_SNAPSHOT)' },
];
const REGION_OPTIONS: readonly Option[] = REGIONS.map((info) => ({ value: info.RegionName, label: `${info.DisplayName} ${info.RegionName}` }));
const wholeDays = (min: number, max: number, field: string, label: string) => (v: Values) => {
  const n = numberOf(v[field]);
  return n !== undefined && (n < min || n > max) ? { field, message: `${label} must be between ${min} and ${max} days.` } : null;
};

function recycleBinForms(world: Readonly<World>, accountId: string, region: string): FormSpec[] {
  const rules = buildRulesView(world, accountId, region).map((rule) => ({
    value: rule.id,
    label: `${rule.id} (${rule.resourceType}, ${rule.retentionDays} days, ${rule.scope}${rule.lock === null ? '' : `, ${rule.lock}`})`,
  }));
  const bin = buildBinView(world, accountId, region);
  const images = bin.filter((item) => item.kind === 'image').map((item) => ({ value: item.id, label: `${item.name} (${item.id})` }));
  const snapshots = bin.filter((item) => item.kind === 'snapshot').map((item) => ({ value: item.id, label: `${item.id} (${item.name})` }));
  const ruleField = { name: 'rule', label: 'Rule', kind: 'select' as const, options: rules, required: true };
  return [
    {
      title: 'Create a retention rule',
      submit: 'Create rule',
      fields: [
        { name: 'type', label: 'Resource type', kind: 'select', options: RESOURCE_TYPES },
        { name: 'days', label: 'Retention (days)', kind: 'number', required: true, initial: '7', hint: '1 to 3650 days in the bin before deletion for good.' },
        {
          name: 'scope',
          label: 'Applies to',
          kind: 'select',
          options: [
            { value: 'region', label: 'Every resource of the type in the Region (Region-level)' },
            { value: 'tags', label: 'Only resources with these tags (tag-level)' },
          ],
        },
        {
          name: 'tags',
          label: 'Tags',
          placeholder: 'keep=true',
          hint: 'Key=Value, comma-separated. Tag-level: the tags to keep. Region-level: exclusion tags (resources with them are not kept).',
        },
        { name: 'description', label: 'Description' },
      ],
      check: (v) =>
        v['scope'] === 'tags' && listOf(v['tags']).length === 0
          ? { field: 'tags', message: 'A tag-level rule needs at least one tag.' }
          : wholeDays(1, 3650, 'days', 'Retention')(v),
      call: (v) => {
        const tags = resourceTags(v['tags']);
        return {
          label: `Create ${v['scope'] === 'tags' ? 'tag-level' : 'Region-level'} retention rule`,
          op: 'CreateRule',
          service: 'rbin',
          params: withDefined({
            ResourceType: v['type'],
            RetentionPeriod: { RetentionPeriodValue: numberOf(v['days']), RetentionPeriodUnit: 'DAYS' },
            Description: optional(v['description']),
            ResourceTags: v['scope'] === 'tags' ? tags : undefined,
            ExcludeResourceTags: v['scope'] !== 'tags' && tags.length > 0 ? tags : undefined,
          }),
        };
      },
      describe: (data) => {
        const answer = data as { Identifier?: string; Status?: string };
        return `Rule ${answer.Identifier ?? ''} created (${answer.Status ?? '?'}).${answer.Status === 'pending' ? ' The first rule of a Region takes up to 30 minutes to become available: let the clock run.' : ''}`;
      },
    },
    {
      title: 'Update a retention rule',
      submit: 'Update rule',
      fields: [
        ruleField,
        { name: 'days', label: 'Retention (days)', kind: 'number', hint: 'Empty: unchanged.' },
        { name: 'description', label: 'Description', hint: 'Empty: unchanged.' },
      ],
      check: wholeDays(1, 3650, 'days', 'Retention'),
      call: (v) => ({
        label: `Update rule ${v['rule']}`,
        op: 'UpdateRule',
        service: 'rbin',
        params: withDefined({
          Identifier: v['rule'],
          RetentionPeriod: numberOf(v['days']) === undefined ? undefined : { RetentionPeriodValue: numberOf(v['days']), RetentionPeriodUnit: 'DAYS' },
          Description: optional(v['description']),
        }),
      }),
      describe: () => 'Rule updated. Resources already in the bin keep their retention.',
    },
    {
      title: 'Lock a retention rule',
      submit: 'Lock rule',
      fields: [ruleField, { name: 'delay', label: 'Unlock delay (days)', kind: 'number', required: true, initial: '7', hint: '7 to 30: how long an unlock takes.' }],
      check: wholeDays(7, 30, 'delay', 'The unlock delay'),
      call: (v) => ({
        label: `Lock rule ${v['rule']}`,
        op: 'LockRule',
        service: 'rbin',
        params: { Identifier: v['rule'], LockConfiguration: { UnlockDelay: { UnlockDelayValue: numberOf(v['delay']), UnlockDelayUnit: 'DAYS' } } },
      }),
      describe: () => 'Rule locked: it cannot be changed or deleted until it is unlocked and its delay has passed.',
    },
    {
      title: 'Unlock a retention rule',
      submit: 'Unlock rule',
      fields: [ruleField],
      call: (v) => ({ label: `Unlock rule ${v['rule']}`, op: 'UnlockRule', service: 'rbin', params: { Identifier: v['rule'] } }),
      describe: (data) => {
        const end = (data as { LockEndTime?: Date }).LockEndTime;
        return `Unlock started: the rule is pending_unlock${end instanceof Date ? ` until ${end.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}.`;
      },
    },
    {
      title: 'Delete a retention rule',
      submit: 'Delete rule',
      danger: true,
      fields: [ruleField],
      call: (v) => ({ label: `Delete rule ${v['rule']}`, op: 'DeleteRule', service: 'rbin', params: { Identifier: v['rule'] } }),
      describe: () => 'Rule deleted. What is already in the bin stays until its time is up.',
    },
    {
      title: 'Restore an AMI from the Recycle Bin',
      submit: 'Restore AMI',
      fields: [{ name: 'image', label: 'AMI in the bin', kind: 'select', options: images, required: true }],
      call: (v) => ({ label: `Restore ${v['image']}`, op: 'RestoreImageFromRecycleBin', params: { ImageId: v['image'] } }),
      describe: (_data, v) => `${v['image']} is back, with its ID, tags and launch permissions.`,
    },
    {
      title: 'Restore a snapshot from the Recycle Bin',
      submit: 'Restore snapshot',
      fields: [{ name: 'snapshot', label: 'Snapshot in the bin', kind: 'select', options: snapshots, required: true }],
      call: (v) => ({ label: `Restore ${v['snapshot']}`, op: 'RestoreSnapshotFromRecycleBin', params: { SnapshotId: v['snapshot'] } }),
      describe: (_data, v) => `${v['snapshot']} is back.`,
    },
  ];
}

function dlmForms(world: Readonly<World>, accountId: string, region: string): FormSpec[] {
  const policies = buildPoliciesView(world, accountId, region).map((policy) => ({
    value: policy.id,
    label: `${policy.id} (${policy.type}, ${policy.state}${policy.description === '' ? '' : `, ${policy.description}`})`,
  }));
  const policyField = { name: 'policy', label: 'Policy', kind: 'select' as const, options: policies, required: true };
  return [
    {
      title: 'Create a lifecycle policy',
      submit: 'Create policy',
      fields: [
        {
          name: 'type',
          label: 'Policy type',
          kind: 'select',
          options: [
            { value: 'IMAGE_MANAGEMENT', label: 'AMI policy (instances by tag)' },
            { value: 'VOLUME', label: 'Snapshot policy (volumes by tag)' },
            { value: 'INSTANCE', label: 'Snapshot policy (all volumes of instances by tag)' },
          ],
        },
        { name: 'description', label: 'Description', required: true, placeholder: 'Daily AMIs of web servers' },
        { name: 'target', label: 'Target tag', required: true, placeholder: 'Backup=daily', hint: 'Key=Value: the instances or volumes with this tag.' },
        {
          name: 'every',
          label: 'Every',
          kind: 'select',
          initial: '24',
          options: [1, 2, 3, 4, 6, 8, 12, 24].map((hours) => ({ value: String(hours), label: hours === 24 ? 'day (24 hours)' : `${hours} hours` })),
        },
        { name: 'time', label: 'Starting at (UTC, hh:mm)', initial: '09:00', hint: 'The daily time, or the first run of the interval.' },
        { name: 'count', label: 'Keep this many', kind: 'number', required: true, initial: '7', hint: '1 to 1000: older ones are retired (AMIs deregistered).' },
        { name: 'noReboot', label: 'No reboot (AMI policies; the instances keep running)', kind: 'checkbox', initial: 'true' },
        {
          name: 'copyRegion',
          label: 'Copy to Region',
          kind: 'select',
          options: [{ value: '', label: 'No cross-Region copy' }, ...REGION_OPTIONS.filter((o) => o.value !== region)],
        },
        { name: 'copyDays', label: 'Keep copies (days)', kind: 'number', initial: '7' },
      ],
      check: (v) => {
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test((v['time'] ?? '').trim())) return { field: 'time', message: 'Starting at must be a time such as 09:00.' };
        const count = numberOf(v['count']);
        if (count !== undefined && (count < 1 || count > 1000)) return { field: 'count', message: 'Keep between 1 and 1000.' };
        if (v['copyRegion'] !== '' && (numberOf(v['copyDays']) ?? 0) < 1) return { field: 'copyDays', message: 'Say how many days to keep the copies (1 or more).' };
        return null;
      },
      call: (v) => {
        const ami = v['type'] === 'IMAGE_MANAGEMENT';
        const copy =
          ami && v['copyRegion'] !== ''
            ? [{ TargetRegion: v['copyRegion'], Encrypted: false, CopyTags: true, RetainRule: { Interval: numberOf(v['copyDays']), IntervalUnit: 'DAYS' } }]
            : undefined;
        return {
          label: `Create ${ami ? 'AMI' : 'snapshot'} lifecycle policy`,
          op: 'CreateLifecyclePolicy',
          service: 'dlm',
          params: {
            Description: v['description']?.trim(),
            State: 'ENABLED',
            ExecutionRoleArn: `arn:aws:iam::${accountId}:role/AWSDataLifecycleManagerDefaultRole${ami ? 'ForAMIManagement' : ''}`,
            PolicyDetails: withDefined({
              PolicyType: ami ? 'IMAGE_MANAGEMENT' : 'EBS_SNAPSHOT_MANAGEMENT',
              ResourceTypes: [ami ? 'INSTANCE' : v['type']],
              TargetTags: [dlmTag(v['target'])],
              Parameters: ami ? { NoReboot: v['noReboot'] === 'true' } : undefined,
              Schedules: [
                withDefined({
                  Name: ami ? 'AMI schedule' : 'Snapshot schedule',
                  CopyTags: true,
                  CreateRule: { Interval: numberOf(v['every']), IntervalUnit: 'HOURS', Times: [v['time']?.trim()] },
                  RetainRule: { Count: numberOf(v['count']) },
                  CrossRegionCopyRules: copy,
                }),
              ],
            }),
          },
        };
      },
      describe: (data) => `Policy ${(data as { PolicyId?: string }).PolicyId ?? ''} created; its first run is at the next scheduled time (Skip ahead or run the clock).`,
    },
    {
      title: 'Enable or disable a lifecycle policy',
      submit: 'Update policy',
      fields: [
        policyField,
        {
          name: 'state',
          label: 'State',
          kind: 'select',
          options: [
            { value: 'ENABLED', label: 'Enabled (runs on its schedule)' },
            { value: 'DISABLED', label: 'Disabled (no runs)' },
          ],
        },
      ],
      call: (v) => ({ label: `Set ${v['policy']} ${v['state']}`, op: 'UpdateLifecyclePolicy', service: 'dlm', params: { PolicyId: v['policy'], State: v['state'] } }),
      describe: (_data, v) => `Policy ${v['state'] === 'ENABLED' ? 'enabled' : 'disabled'}.`,
    },
    {
      title: 'Delete a lifecycle policy',
      submit: 'Delete policy',
      danger: true,
      fields: [policyField],
      call: (v) => ({ label: `Delete ${v['policy']}`, op: 'DeleteLifecyclePolicy', service: 'dlm', params: { PolicyId: v['policy'] } }),
      describe: () => 'Policy deleted. The AMIs and snapshots it made stay, and are no longer retired by it.',
    },
  ];
}

const MANAGED_COMPONENTS = ['update-linux/1.0.2', 'aws-cli-version-2-linux/1.0.4', 'amazon-cloudwatch-agent-linux/1.0.1', 'reboot-linux/1.0.1'];
const AL2023_PARAMETER = 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const SEMVER = /^\d+\.\d+\.\d+$/;

function imageBuilderForms(world: Readonly<World>, accountId: string, region: string): FormSpec[] {
  const view = buildBuilderView(world, accountId, region);
  const components: Option[] = [
    ...view.components.map((c) => ({ value: c.arn, label: `${c.name} ${c.version} (yours)` })),
    ...MANAGED_COMPONENTS.map((c) => ({ value: `arn:aws:imagebuilder:${region}:aws:component/${c}/1`, label: `${c.replace('/', ' ')} (Amazon)` })),
  ];
  const recipes = view.recipes.map((r) => ({ value: r.arn, label: `${r.name} ${r.version}` }));
  const infrastructure = view.infrastructure.map((i) => ({ value: i.arn, label: i.name }));
  const distributions = view.distributions.map((d) => ({ value: d.arn, label: `${d.name} (${d.regions.join(', ')})` }));
  const pipelines = view.pipelines.map((p) => ({ value: p.arn, label: `${p.name} (${p.schedule})` }));
  const building = view.images
    .filter((image) => image.inProgress)
    .map((image) => ({ value: image.arn, label: `${image.name} ${image.version}/${image.buildVersion} (${image.status})` }));
  const own = view.components.map((c) => ({ value: c.arn, label: `${c.name} ${c.version}` }));
  const launchable = launchableImages(world, accountId, region).map((image) => image.id);
  const semverCheck = (v: Values) => (SEMVER.test((v['version'] ?? '').trim()) ? null : { field: 'version', message: 'Version must be major.minor.patch, such as 1.0.0.' });
  const deleteForm = (title: string, label: string, options: readonly Option[], op: string, key: string): FormSpec => ({
    title,
    submit: 'Delete',
    danger: true,
    fields: [{ name: 'arn', label, kind: 'select', options, required: true }],
    call: (v) => ({ label: `${op} ${v['arn']}`, op, service: 'imagebuilder', params: { [key]: v['arn'] } }),
    describe: () => 'Deleted.',
  });
  return [
    {
      title: 'Create a build component',
      submit: 'Create component',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'install-nginx' },
        { name: 'version', label: 'Version', required: true, initial: '1.0.0' },
        { name: 'packages', label: 'Packages to install', required: true, placeholder: 'nginx', hint: 'Space- or comma-separated; the component runs dnf install -y with them.' },
      ],
      check: semverCheck,
      call: (v) => {
        const packages = listOf(v['packages']);
        return {
          label: `Create component ${v['name']}`,
          op: 'CreateComponent',
          service: 'imagebuilder',
          params: {
            name: v['name']?.trim(),
            semanticVersion: v['version']?.trim(),
            platform: 'Linux',
            data: `name: ${v['name']?.trim()}\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Install\n        action: ExecuteBash\n        inputs:\n          commands:\n            - dnf install -y ${packages.join(' ')}\n`,
          },
        };
      },
      describe: (data) => `Created ${(data as { componentBuildVersionArn?: string }).componentBuildVersionArn ?? 'the component'}.`,
    },
    {
      title: 'Create an image recipe',
      submit: 'Create recipe',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'golden' },
        { name: 'version', label: 'Version', required: true, initial: '1.0.0' },
        {
          name: 'parent',
          label: 'Parent image',
          required: true,
          initial: AL2023_PARAMETER,
          suggestions: [AL2023_PARAMETER, ...launchable],
          hint: 'An AMI ID, or ssm:<parameter name> to use the AMI a parameter names when each build starts.',
        },
        { name: 'component', label: 'Component', kind: 'select', options: components, required: true },
        { name: 'component2', label: 'Second component', kind: 'select', options: [{ value: '', label: 'None' }, ...components] },
      ],
      check: semverCheck,
      call: (v) => ({
        label: `Create recipe ${v['name']} ${v['version']}`,
        op: 'CreateImageRecipe',
        service: 'imagebuilder',
        params: {
          name: v['name']?.trim(),
          semanticVersion: v['version']?.trim(),
          parentImage: v['parent']?.trim(),
          components: [v['component'], v['component2']].filter((arn) => arn !== undefined && arn !== '').map((componentArn) => ({ componentArn })),
        },
      }),
      describe: (data) => `Created ${(data as { imageRecipeArn?: string }).imageRecipeArn ?? 'the recipe'}.`,
    },
    {
      title: 'Create an infrastructure configuration',
      submit: 'Create infrastructure configuration',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'builder' },
        { name: 'type', label: 'Build instance type', kind: 'select', options: Object.keys(INSTANCE_TYPES).map((t) => ({ value: t, label: t })), initial: 't3.micro' },
        { name: 'profile', label: 'Instance profile', required: true, initial: 'EC2InstanceProfileForImageBuilder' },
      ],
      call: (v) => ({
        label: `Create infrastructure configuration ${v['name']}`,
        op: 'CreateInfrastructureConfiguration',
        service: 'imagebuilder',
        params: { name: v['name']?.trim(), instanceTypes: [v['type']], instanceProfileName: v['profile']?.trim() },
      }),
      describe: () => 'Infrastructure configuration created.',
    },
    {
      title: 'Create a distribution configuration',
      submit: 'Create distribution configuration',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'golden-everywhere' },
        { name: 'amiName', label: 'AMI name', initial: 'golden-{{imagebuilder:buildDate}}', hint: '{{imagebuilder:buildDate}} is filled in at each build.' },
        { name: 'regions', label: 'Other Regions', placeholder: 'us-west-2', hint: `Comma-separated; ${region} is always included.` },
        { name: 'accounts', label: 'Launch permission for accounts', placeholder: ACCOUNTS[1]?.accountId ?? '', hint: '12-digit account IDs, comma-separated.' },
      ],
      call: (v) => {
        const accounts = listOf(v['accounts']);
        const ami = withDefined({ name: optional(v['amiName']), launchPermission: accounts.length > 0 ? { userIds: accounts } : undefined });
        return {
          label: `Create distribution configuration ${v['name']}`,
          op: 'CreateDistributionConfiguration',
          service: 'imagebuilder',
          params: {
            name: v['name']?.trim(),
            distributions: [region, ...listOf(v['regions']).filter((r) => r !== region)].map((r) => ({ region: r, amiDistributionConfiguration: ami })),
          },
        };
      },
      describe: () => 'Distribution configuration created.',
    },
    {
      title: 'Create an image pipeline',
      submit: 'Create pipeline',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'golden-pipeline' },
        { name: 'recipe', label: 'Recipe', kind: 'select', options: recipes, required: true },
        { name: 'infrastructure', label: 'Infrastructure configuration', kind: 'select', options: infrastructure, required: true },
        { name: 'distribution', label: 'Distribution configuration', kind: 'select', options: [{ value: '', label: `None (the AMI stays in ${region})` }, ...distributions] },
        {
          name: 'schedule',
          label: 'Schedule',
          kind: 'select',
          options: [
            { value: '', label: 'Manual only' },
            { value: 'daily', label: 'Daily' },
          ],
        },
        { name: 'time', label: 'Daily at (UTC, hh:mm)', initial: '09:00' },
      ],
      check: (v) =>
        v['schedule'] === 'daily' && !/^([01]?\d|2[0-3]):[0-5]\d$/.test((v['time'] ?? '').trim()) ? { field: 'time', message: 'Daily at must be a time such as 09:00.' } : null,
      call: (v) => {
        const [hours, minutes] = (v['time'] ?? '09:00').trim().split(':');
        return {
          label: `Create pipeline ${v['name']}`,
          op: 'CreateImagePipeline',
          service: 'imagebuilder',
          params: withDefined({
            name: v['name']?.trim(),
            imageRecipeArn: v['recipe'],
            infrastructureConfigurationArn: v['infrastructure'],
            distributionConfigurationArn: optional(v['distribution']),
            schedule:
              v['schedule'] === 'daily'
                ? { scheduleExpression: `cron(${Number(minutes)} ${Number(hours)} * * ? *)`, pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' }
                : undefined,
          }),
        };
      },
      describe: () => 'Pipeline created. Run it now with "Start a pipeline".',
    },
    {
      title: 'Start a pipeline',
      submit: 'Run pipeline',
      fields: [{ name: 'pipeline', label: 'Pipeline', kind: 'select', options: pipelines, required: true }],
      call: (v) => ({ label: `Run ${v['pipeline']}`, op: 'StartImagePipelineExecution', service: 'imagebuilder', params: { imagePipelineArn: v['pipeline'] } }),
      describe: (data) => `Build started: ${(data as { imageBuildVersionArn?: string }).imageBuildVersionArn ?? ''}. Run the clock to watch it move.`,
    },
    {
      title: 'Cancel a build',
      submit: 'Cancel build',
      danger: true,
      fields: [{ name: 'image', label: 'Build in progress', kind: 'select', options: building, required: true }],
      call: (v) => ({ label: `Cancel ${v['image']}`, op: 'CancelImageCreation', service: 'imagebuilder', params: { imageBuildVersionArn: v['image'] } }),
      describe: () => 'Build cancelled.',
    },
    deleteForm('Delete a pipeline', 'Pipeline', pipelines, 'DeleteImagePipeline', 'imagePipelineArn'),
    deleteForm('Delete a recipe', 'Recipe', recipes, 'DeleteImageRecipe', 'imageRecipeArn'),
    deleteForm('Delete a component', 'Component', own, 'DeleteComponent', 'componentBuildVersionArn'),
    deleteForm('Delete an infrastructure configuration', 'Infrastructure configuration', infrastructure, 'DeleteInfrastructureConfiguration', 'infrastructureConfigurationArn'),
    deleteForm('Delete a distribution configuration', 'Distribution configuration', distributions, 'DeleteDistributionConfiguration', 'distributionConfigurationArn'),
  ];
}

/** The forms of one of the automation groups. */
export function automationForms(group: AutomationGroup, world: Readonly<World>, accountId: string, region: string): FormSpec[] {
  switch (group) {
    case 'recyclebin':
      return recycleBinForms(world, accountId, region);
    case 'dlm':
      return dlmForms(world, accountId, region);
    case 'imagebuilder':
      return imageBuilderForms(world, accountId, region);
  }
}
