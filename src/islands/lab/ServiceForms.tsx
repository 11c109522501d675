/**
 * Forms for the actions beyond launching and the selected resource's own: opt-in Regions (Account
 * API), Parameter Store, launch templates, Auto Scaling, and the AMI, volume and snapshot actions
 * that only the console offered (deregistration protection, disable/enable, RegisterImage,
 * volumes, CopySnapshot, createVolumePermission). Each acts as the account acted as, in the
 * current Region unless the form says otherwise. Loaded when the learner opens a group.
 */
import type { World } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { findRegion, INSTANCE_TYPES, REGIONS } from '../../simulator/model/regions';
import { regionOptStatus } from '../../simulator/model/region-opt-in';
import { PUBLIC_AMI_PARAMETERS } from '../../simulator/api/ssm';
import { type FormSpec, numberOf, type Option, ServiceForm, type Values } from './ServiceForm';
import { automationForms } from './AutomationForms';
import { AutomationView } from './AutomationView';
import type { SendFromForm } from './types';
import { launchableImages, optInWords } from './world-view';

/** The groups of forms, in the order the panel lists them. */
const FORM_GROUPS = ['regions', 'parameters', 'templates', 'autoscaling', 'images', 'volumes', 'recyclebin', 'dlm', 'imagebuilder'] as const;
export type FormGroup = (typeof FORM_GROUPS)[number];

interface Props {
  readonly group: FormGroup;
  readonly world: Readonly<World>;
  readonly accountId: string;
  readonly region: string;
  readonly send: SendFromForm;
}

const INSTANCE_TYPE_OPTIONS: readonly Option[] = Object.keys(INSTANCE_TYPES).map((type) => ({ value: type, label: type }));
const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
const withDefined = (params: Record<string, unknown>) => Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
const listOf = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,]+/)
    .map((word) => word.trim())
    .filter((word) => word !== '');

/** What the forms can choose from in the account and Region. */
function choices(world: Readonly<World>, accountId: string, region: string) {
  const mine = <T extends { readonly ownerId: string; readonly region: string }>(record: T) => record.ownerId === accountId && record.region === region;
  const images = Object.values(world.images).filter((image) => mine(image) && image.lifecycle.value !== 'deregistered');
  const snapshots = Object.values(world.snapshots).filter(mine);
  const volumes = Object.values(world.volumes).filter((volume) => mine(volume) && volume.lifecycle.value !== 'deleted');
  const instances = Object.values(world.instances).filter((instance) => mine(instance) && instance.lifecycle.value !== 'terminated');
  const templates = Object.values(world.launchTemplates).filter(mine);
  const groups = Object.values(world.autoScalingGroups).filter((group) => mine(group) && !group.deleting);
  const parameters = Object.values(world.parameters).filter(mine);
  const zones = (findRegion(region)?.AvailabilityZones ?? []).map((zone) => ({ value: zone.ZoneName, label: `${zone.ZoneName} (${zone.ZoneId})` }));
  return {
    images: images.map((image) => ({
      value: image.id,
      label: `${image.name} (${image.id}, ${image.lifecycle.value}${image.deregistrationProtection !== 'disabled' ? ', protected' : ''})`,
    })),
    snapshots: snapshots.map((snapshot) => ({ value: snapshot.id, label: `${snapshot.id} (${snapshot.volumeSize} GiB, ${snapshot.lifecycle.value})` })),
    completedSnapshots: snapshots
      .filter((snapshot) => snapshot.lifecycle.value === 'completed')
      .map((snapshot) => ({ value: snapshot.id, label: `${snapshot.id} (${snapshot.volumeSize} GiB)` })),
    volumes,
    instances: instances.map((instance) => ({ value: instance.id, label: `${instance.id} (${instance.availabilityZone}, ${instance.lifecycle.value})` })),
    templates,
    templateOptions: templates.map((template) => ({ value: template.id, label: `${template.name} (${template.id})` })),
    groups: groups.map((group) => ({ value: group.name, label: group.name })),
    parameters: parameters.map((parameter) => ({ value: parameter.name, label: parameter.name })),
    zones,
    launchable: launchableImages(world, accountId, region),
  };
}

type Choices = ReturnType<typeof choices>;

/** A template's versions as a select offers them: `$Latest`, `$Default`, then each number. */
function versionOptions(c: Choices, templateId: string | undefined, withAliases = true): Option[] {
  const template = c.templates.find((candidate) => candidate.id === templateId);
  if (template === undefined) return [];
  const numbers = template.versions.map((version) => ({
    value: String(version.versionNumber),
    label: `${version.versionNumber}${version.versionNumber === template.defaultVersion ? ' (default)' : ''}${version.data.ImageId !== undefined ? ` · ${version.data.ImageId}` : ''}`,
  }));
  return withAliases ? [{ value: '$Latest', label: '$Latest' }, { value: '$Default', label: '$Default' }, ...numbers] : numbers;
}

/** AMI suggestions for a launch template: the learner's parameters as resolve:ssm:, then launchable AMIs. */
function imageSuggestions(c: Choices): string[] {
  return [...c.parameters.map((parameter) => `resolve:ssm:${parameter.value}`), ...c.launchable.map((image) => image.id)];
}

function regionForms(world: Readonly<World>, accountId: string, region: string): FormSpec[] {
  const optIn = REGIONS.filter((info) => info.OptIn).map((info) => {
    const words = optInWords(regionOptStatus(world, accountId, info));
    return { value: info.RegionName, label: `${info.DisplayName} ${info.RegionName} (${words})` };
  });
  const initial = optIn.some((option) => option.value === region) ? region : undefined;
  const regionField = { name: 'region', label: 'Opt-in Region', kind: 'select' as const, options: optIn, required: true, ...(initial === undefined ? {} : { initial }) };
  return [
    {
      title: 'Enable an opt-in Region',
      submit: 'Enable Region',
      fields: [{ ...regionField, hint: 'The Region is ENABLING for about 15 simulated minutes, then ENABLED: let the clock run.' }],
      call: (v) => ({ label: `Enable Region ${v['region']}`, op: 'EnableRegion', params: { RegionName: v['region'] }, service: 'account' }),
      describe: () => 'EnableRegion accepted: the Region is ENABLING.',
    },
    {
      title: 'Disable an opt-in Region',
      submit: 'Disable Region',
      danger: true,
      fields: [{ ...regionField, hint: 'Resources there stay, but cannot be reached until you enable it again.' }],
      call: (v) => ({ label: `Disable Region ${v['region']}`, op: 'DisableRegion', params: { RegionName: v['region'] }, service: 'account' }),
      describe: () => 'DisableRegion accepted: the Region is DISABLING.',
    },
  ];
}

function parameterForms(c: Choices): FormSpec[] {
  return [
    {
      title: 'Put a parameter',
      submit: 'Put parameter',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: '/golden/ami', hint: 'A path such as /golden/ami. Overwrite to add a version.' },
        { name: 'value', label: 'Value', required: true, placeholder: 'ami-0123456789abcdef0', suggestions: c.launchable.map((image) => image.id) },
        { name: 'type', label: 'Type', kind: 'select', options: ['String', 'StringList', 'SecureString'].map((t) => ({ value: t, label: t })) },
        {
          name: 'dataType',
          label: 'Data type',
          kind: 'select',
          options: [
            { value: 'text', label: 'text' },
            { value: 'aws:ec2:image', label: 'aws:ec2:image (an AMI ID, checked)' },
          ],
        },
        { name: 'overwrite', label: 'Overwrite (add a version)', kind: 'checkbox' },
      ],
      call: (v) => ({
        label: `Put parameter ${v['name']}`,
        op: 'PutParameter',
        service: 'ssm',
        params: withDefined({
          Name: v['name']?.trim(),
          Value: v['value']?.trim(),
          Type: v['type'],
          DataType: v['dataType'],
          Overwrite: v['overwrite'] === 'true' ? true : undefined,
        }),
      }),
      describe: (data, v) =>
        `Parameter written: version ${(data as { Version?: number }).Version ?? '?'}.${
          v['dataType'] === 'aws:ec2:image' ? ' AWS checks an aws:ec2:image value after answering: if the parameter does not show in the world, the AMI was not usable here.' : ''
        }`,
    },
    {
      title: 'Get a parameter',
      submit: 'Get parameter',
      fields: [
        {
          name: 'name',
          label: 'Name',
          required: true,
          hint: 'Yours, or a public one such as /aws/service/ami-amazon-linux-latest/…; add :2 or :label for a version.',
          suggestions: [...c.parameters.map((p) => p.value), ...Object.keys(PUBLIC_AMI_PARAMETERS)],
        },
      ],
      call: (v) => ({ label: `Get parameter ${v['name']}`, op: 'GetParameter', service: 'ssm', params: { Name: v['name']?.trim() } }),
      describe: (data) => {
        const parameter = (data as { Parameter?: { Value?: string; Version?: number } }).Parameter;
        return `Value: ${parameter?.Value ?? '?'} (version ${parameter?.Version ?? '?'}).`;
      },
    },
    {
      title: 'Label a parameter version',
      submit: 'Add labels',
      fields: [
        { name: 'name', label: 'Parameter', kind: 'select', options: c.parameters, required: true },
        { name: 'version', label: 'Version', kind: 'number', hint: 'Empty: the latest version.' },
        { name: 'labels', label: 'Labels', required: true, placeholder: 'prod', hint: 'Comma-separated; a label moves from the version that had it.' },
      ],
      call: (v) => ({
        label: `Label ${v['name']}`,
        op: 'LabelParameterVersion',
        service: 'ssm',
        params: withDefined({ Name: v['name'], ParameterVersion: numberOf(v['version']), Labels: listOf(v['labels']) }),
      }),
      describe: (data) => {
        const answer = data as { ParameterVersion?: number; InvalidLabels?: string[] };
        return `Labelled version ${answer.ParameterVersion ?? '?'}${answer.InvalidLabels !== undefined && answer.InvalidLabels.length > 0 ? `; refused labels: ${answer.InvalidLabels.join(', ')}` : ''}.`;
      },
    },
    {
      title: 'Delete a parameter',
      submit: 'Delete parameter',
      danger: true,
      fields: [{ name: 'name', label: 'Parameter', kind: 'select', options: c.parameters, required: true }],
      call: (v) => ({ label: `Delete parameter ${v['name']}`, op: 'DeleteParameter', service: 'ssm', params: { Name: v['name'] } }),
      describe: () => 'Parameter deleted, with all its versions.',
    },
  ];
}

function templateForms(c: Choices): FormSpec[] {
  const templateField = { name: 'template', label: 'Launch template', kind: 'select' as const, options: c.templateOptions, required: true };
  return [
    {
      title: 'Create a launch template',
      submit: 'Create launch template',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'web' },
        {
          name: 'imageId',
          label: 'AMI (ImageId)',
          required: true,
          placeholder: 'resolve:ssm:/golden/ami',
          suggestions: imageSuggestions(c),
          hint: 'An AMI ID, or resolve:ssm:<parameter name> to read it from Parameter Store at each launch.',
        },
        { name: 'type', label: 'Instance type', kind: 'select', options: INSTANCE_TYPE_OPTIONS, initial: 't3.micro' },
        { name: 'description', label: 'Version description' },
      ],
      call: (v) => ({
        label: `Create launch template ${v['name']}`,
        op: 'CreateLaunchTemplate',
        params: withDefined({
          LaunchTemplateName: v['name']?.trim(),
          VersionDescription: optional(v['description']),
          LaunchTemplateData: { ImageId: v['imageId']?.trim(), InstanceType: v['type'] },
        }),
      }),
      describe: (data) => `Created ${(data as { LaunchTemplate?: { LaunchTemplateId?: string } }).LaunchTemplate?.LaunchTemplateId ?? 'the template'}, version 1 (the default).`,
    },
    {
      title: 'Create a launch template version',
      submit: 'Create version',
      fields: [
        templateField,
        { name: 'source', label: 'Source version', kind: 'select', options: (v: Values) => [{ value: '', label: 'None (start empty)' }, ...versionOptions(c, v['template'])] },
        { name: 'imageId', label: 'AMI (ImageId)', suggestions: imageSuggestions(c), hint: 'Empty: keep the source version’s.' },
        { name: 'type', label: 'Instance type', kind: 'select', options: [{ value: '', label: 'Keep the source version’s' }, ...INSTANCE_TYPE_OPTIONS] },
        { name: 'description', label: 'Version description' },
      ],
      call: (v) => ({
        label: `New version of ${v['template']}`,
        op: 'CreateLaunchTemplateVersion',
        params: withDefined({
          LaunchTemplateId: v['template'],
          SourceVersion: optional(v['source']),
          VersionDescription: optional(v['description']),
          LaunchTemplateData: withDefined({ ImageId: optional(v['imageId']), InstanceType: optional(v['type']) }),
        }),
      }),
      describe: (data) =>
        `Created version ${(data as { LaunchTemplateVersion?: { VersionNumber?: number } }).LaunchTemplateVersion?.VersionNumber ?? '?'}; the default is unchanged.`,
    },
    {
      title: 'Set the default version',
      submit: 'Set default version',
      fields: [templateField, { name: 'version', label: 'Default version', kind: 'select', required: true, options: (v: Values) => versionOptions(c, v['template'], false) }],
      call: (v) => ({ label: `Default version of ${v['template']}`, op: 'ModifyLaunchTemplate', params: { LaunchTemplateId: v['template'], DefaultVersion: v['version'] } }),
      describe: (data) => `The default version is now ${(data as { LaunchTemplate?: { DefaultVersionNumber?: number } }).LaunchTemplate?.DefaultVersionNumber ?? '?'}.`,
    },
    {
      title: 'Delete a launch template',
      submit: 'Delete launch template',
      danger: true,
      fields: [templateField],
      call: (v) => ({ label: `Delete ${v['template']}`, op: 'DeleteLaunchTemplate', params: { LaunchTemplateId: v['template'] } }),
      describe: () => 'Launch template deleted, with all its versions.',
    },
  ];
}

function sizeCheck(v: Values): { field: string; message: string } | null {
  const min = numberOf(v['min']);
  const max = numberOf(v['max']);
  const desired = numberOf(v['desired']);
  if (min !== undefined && max !== undefined && min > max) return { field: 'max', message: 'Maximum must be at least the minimum.' };
  if (desired !== undefined && ((min !== undefined && desired < min) || (max !== undefined && desired > max))) {
    return { field: 'desired', message: 'Desired capacity must be between the minimum and the maximum.' };
  }
  return null;
}

function autoScalingForms(c: Choices): FormSpec[] {
  const groupField = { name: 'group', label: 'Auto Scaling group', kind: 'select' as const, options: c.groups, required: true };
  return [
    {
      title: 'Create an Auto Scaling group',
      submit: 'Create group',
      fields: [
        { name: 'name', label: 'Group name', required: true, placeholder: 'web-asg' },
        { name: 'template', label: 'Launch template', kind: 'select', options: c.templateOptions, required: true },
        { name: 'version', label: 'Template version', kind: 'select', required: true, options: (v: Values) => versionOptions(c, v['template']) },
        { name: 'min', label: 'Minimum', kind: 'number', required: true, initial: '1' },
        { name: 'max', label: 'Maximum', kind: 'number', required: true, initial: '4' },
        { name: 'desired', label: 'Desired capacity', kind: 'number', required: true, initial: '2' },
        {
          name: 'zones',
          label: 'Availability Zones',
          kind: 'zones',
          options: c.zones,
          required: true,
          initial: c.zones
            .slice(0, 2)
            .map((zone) => zone.value)
            .join(','),
          hint: 'The group spreads its instances evenly over them.',
        },
      ],
      check: sizeCheck,
      call: (v) => ({
        label: `Create Auto Scaling group ${v['name']}`,
        op: 'CreateAutoScalingGroup',
        service: 'autoscaling',
        params: {
          AutoScalingGroupName: v['name']?.trim(),
          LaunchTemplate: { LaunchTemplateId: v['template'], Version: v['version'] },
          MinSize: numberOf(v['min']),
          MaxSize: numberOf(v['max']),
          DesiredCapacity: numberOf(v['desired']),
          AvailabilityZones: listOf(v['zones']),
        },
      }),
      describe: () => 'Group created: it launches instances to its desired capacity, spread over its zones.',
    },
    {
      title: 'Update an Auto Scaling group',
      submit: 'Update group',
      fields: [
        groupField,
        { name: 'min', label: 'Minimum', kind: 'number', hint: 'Empty: unchanged.' },
        { name: 'max', label: 'Maximum', kind: 'number' },
        { name: 'desired', label: 'Desired capacity', kind: 'number' },
        { name: 'template', label: 'Launch template', kind: 'select', options: [{ value: '', label: 'Unchanged' }, ...c.templateOptions] },
        { name: 'version', label: 'Template version', kind: 'select', options: (v: Values) => [{ value: '', label: 'Unchanged' }, ...versionOptions(c, v['template'])] },
      ],
      check: sizeCheck,
      call: (v) => ({
        label: `Update ${v['group']}`,
        op: 'UpdateAutoScalingGroup',
        service: 'autoscaling',
        params: withDefined({
          AutoScalingGroupName: v['group'],
          MinSize: numberOf(v['min']),
          MaxSize: numberOf(v['max']),
          DesiredCapacity: numberOf(v['desired']),
          LaunchTemplate: optional(v['template']) === undefined ? undefined : withDefined({ LaunchTemplateId: v['template'], Version: optional(v['version']) }),
        }),
      }),
      describe: () => 'Group updated. Running instances keep their template version: start an instance refresh to replace them.',
    },
    {
      title: 'Set desired capacity',
      submit: 'Set desired capacity',
      fields: [groupField, { name: 'desired', label: 'Desired capacity', kind: 'number', required: true }],
      call: (v) => ({
        label: `Desired capacity of ${v['group']}`,
        op: 'SetDesiredCapacity',
        service: 'autoscaling',
        params: { AutoScalingGroupName: v['group'], DesiredCapacity: numberOf(v['desired']) },
      }),
      describe: () => 'Desired capacity set: the group launches or terminates to match.',
    },
    {
      title: 'Start an instance refresh',
      submit: 'Start instance refresh',
      fields: [
        groupField,
        {
          name: 'minHealthy',
          label: 'Minimum healthy percentage',
          kind: 'number',
          initial: '90',
          hint: 'How much of the group must stay in service; each batch replaces the rest (at least one).',
        },
        { name: 'warmup', label: 'Instance warmup (seconds)', kind: 'number', hint: 'Empty: the group’s default.' },
        { name: 'skipMatching', label: 'Skip matching (keep instances already on the target version)', kind: 'checkbox' },
        { name: 'autoRollback', label: 'Roll back automatically if the refresh fails', kind: 'checkbox' },
        { name: 'template', label: 'Desired launch template', kind: 'select', options: [{ value: '', label: 'The group’s own' }, ...c.templateOptions] },
        { name: 'version', label: 'Desired version', kind: 'select', options: (v: Values) => [{ value: '', label: 'The group’s own' }, ...versionOptions(c, v['template'])] },
      ],
      check: (v) => {
        const percentage = numberOf(v['minHealthy']);
        return percentage !== undefined && percentage > 100 ? { field: 'minHealthy', message: 'Minimum healthy percentage is at most 100.' } : null;
      },
      call: (v) => ({
        label: `Instance refresh of ${v['group']}`,
        op: 'StartInstanceRefresh',
        service: 'autoscaling',
        params: withDefined({
          AutoScalingGroupName: v['group'],
          Preferences: withDefined({
            MinHealthyPercentage: numberOf(v['minHealthy']),
            InstanceWarmup: numberOf(v['warmup']),
            SkipMatching: v['skipMatching'] === 'true' ? true : undefined,
            AutoRollback: v['autoRollback'] === 'true' ? true : undefined,
          }),
          DesiredConfiguration:
            optional(v['template']) === undefined ? undefined : { LaunchTemplate: withDefined({ LaunchTemplateId: v['template'], Version: optional(v['version']) }) },
        }),
      }),
      describe: (data) => `Instance refresh ${(data as { InstanceRefreshId?: string }).InstanceRefreshId ?? ''} started: watch its progress in the world view.`,
    },
    {
      title: 'Cancel the instance refresh',
      submit: 'Cancel instance refresh',
      fields: [groupField],
      call: (v) => ({ label: `Cancel refresh of ${v['group']}`, op: 'CancelInstanceRefresh', service: 'autoscaling', params: { AutoScalingGroupName: v['group'] } }),
      describe: () => 'Cancelling: the batch in progress finishes, no new one starts.',
    },
    {
      title: 'Roll back the instance refresh',
      submit: 'Roll back instance refresh',
      fields: [{ ...groupField, hint: 'Replaces the instances the refresh launched with the group’s own configuration. Needs a desired configuration and a numbered version.' }],
      call: (v) => ({ label: `Roll back refresh of ${v['group']}`, op: 'RollbackInstanceRefresh', service: 'autoscaling', params: { AutoScalingGroupName: v['group'] } }),
      describe: () => 'Rolling back: the instances launched by the refresh are replaced with the group’s own configuration.',
    },
    {
      title: 'Delete an Auto Scaling group',
      submit: 'Delete group',
      danger: true,
      fields: [groupField, { name: 'force', label: 'Force delete (terminate its instances)', kind: 'checkbox' }],
      call: (v) => ({
        label: `Delete ${v['group']}`,
        op: 'DeleteAutoScalingGroup',
        service: 'autoscaling',
        params: withDefined({ AutoScalingGroupName: v['group'], ForceDelete: v['force'] === 'true' ? true : undefined }),
      }),
      describe: () => 'Group deleted (with force delete, its instances terminate first).',
    },
  ];
}

function imageForms(c: Choices): FormSpec[] {
  const imageField = { name: 'image', label: 'AMI', kind: 'select' as const, options: c.images, required: true };
  const completed = c.completedSnapshots;
  return [
    {
      title: 'Deregistration protection',
      submit: 'Apply',
      fields: [
        imageField,
        {
          name: 'action',
          label: 'Protection',
          kind: 'select',
          options: [
            { value: 'on', label: 'Turn on' },
            { value: 'off', label: 'Turn off' },
          ],
        },
        { name: 'cooldown', label: 'With a 24-hour cooldown (turning it off takes effect a day later)', kind: 'checkbox' },
      ],
      call: (v) =>
        v['action'] === 'off'
          ? { label: `Unprotect ${v['image']}`, op: 'DisableImageDeregistrationProtection', params: { ImageId: v['image'] } }
          : {
              label: `Protect ${v['image']}`,
              op: 'EnableImageDeregistrationProtection',
              params: withDefined({ ImageId: v['image'], WithCooldown: v['cooldown'] === 'true' ? true : undefined }),
            },
    },
    {
      title: 'Disable or enable an AMI',
      submit: 'Apply',
      fields: [
        imageField,
        {
          name: 'action',
          label: 'Action',
          kind: 'select',
          options: [
            { value: 'disable', label: 'Disable (no new launches; hidden from others)' },
            { value: 'enable', label: 'Enable again' },
          ],
        },
      ],
      call: (v) =>
        v['action'] === 'enable'
          ? { label: `Enable ${v['image']}`, op: 'EnableImage', params: { ImageId: v['image'] } }
          : { label: `Disable ${v['image']}`, op: 'DisableImage', params: { ImageId: v['image'] } },
    },
    {
      title: 'Register an AMI from a snapshot',
      submit: 'Register image',
      fields: [
        { name: 'name', label: 'AMI name', required: true, placeholder: 'restored-v1' },
        { name: 'snapshot', label: 'Root snapshot', kind: 'select', options: completed, required: true },
        { name: 'device', label: 'Root device name', required: true, initial: '/dev/xvda' },
        {
          name: 'architecture',
          label: 'Architecture',
          kind: 'select',
          options: [
            { value: 'x86_64', label: 'x86_64' },
            { value: 'arm64', label: 'arm64' },
          ],
        },
      ],
      call: (v) => ({
        label: `Register ${v['name']}`,
        op: 'RegisterImage',
        params: {
          Name: v['name']?.trim(),
          Architecture: v['architecture'],
          RootDeviceName: v['device']?.trim(),
          VirtualizationType: 'hvm',
          BlockDeviceMappings: [{ DeviceName: v['device']?.trim(), Ebs: { SnapshotId: v['snapshot'] } }],
        },
      }),
      describe: (data) => `Registered ${(data as { ImageId?: string }).ImageId ?? 'the AMI'}.`,
    },
  ];
}

const ACCOUNT_TARGETS: readonly Option[] = [
  ...ACCOUNTS.map((account) => ({ value: account.accountId, label: `${account.name} (${account.accountId})` })),
  { value: 'all', label: 'Everyone (public)' },
];

function volumeForms(c: Choices, region: string): FormSpec[] {
  const available = c.volumes
    .filter((volume) => volume.lifecycle.value === 'available')
    .map((volume) => ({ value: volume.id, label: `${volume.id} (${volume.size} GiB, ${volume.availabilityZone})` }));
  const attached = c.volumes
    .filter((volume) => volume.attachment !== null)
    .map((volume) => ({ value: volume.id, label: `${volume.id} (on ${volume.attachment?.instanceId ?? '?'})` }));
  const all = c.volumes.map((volume) => ({ value: volume.id, label: `${volume.id} (${volume.lifecycle.value})` }));
  const completed = c.completedSnapshots;
  return [
    {
      title: 'Create a volume',
      submit: 'Create volume',
      fields: [
        { name: 'zone', label: 'Availability Zone', kind: 'select', options: c.zones, required: true },
        { name: 'snapshot', label: 'From snapshot', kind: 'select', options: [{ value: '', label: 'None (a blank volume)' }, ...completed] },
        { name: 'size', label: 'Size (GiB)', kind: 'number', initial: '8', hint: 'Required for a blank volume; at least the snapshot’s size.' },
        { name: 'type', label: 'Volume type', kind: 'select', options: ['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1', 'standard'].map((t) => ({ value: t, label: t })) },
      ],
      check: (v) => (optional(v['snapshot']) === undefined && optional(v['size']) === undefined ? { field: 'size', message: 'Give a size, or choose a snapshot.' } : null),
      call: (v) => ({
        label: `Create a volume in ${v['zone']}`,
        op: 'CreateVolume',
        params: withDefined({ AvailabilityZone: v['zone'], SnapshotId: optional(v['snapshot']), Size: numberOf(v['size']), VolumeType: v['type'] }),
      }),
      describe: (data) => `Created ${(data as { VolumeId?: string }).VolumeId ?? 'the volume'}.`,
    },
    {
      title: 'Attach a volume',
      submit: 'Attach volume',
      fields: [
        { name: 'volume', label: 'Volume', kind: 'select', options: available, required: true },
        { name: 'instance', label: 'Instance', kind: 'select', options: c.instances, required: true, hint: 'In the same Availability Zone as the volume.' },
        { name: 'device', label: 'Device name', required: true, initial: '/dev/sdf' },
      ],
      call: (v) => ({ label: `Attach ${v['volume']}`, op: 'AttachVolume', params: { VolumeId: v['volume'], InstanceId: v['instance'], Device: v['device']?.trim() } }),
    },
    {
      title: 'Detach a volume',
      submit: 'Detach volume',
      fields: [{ name: 'volume', label: 'Volume', kind: 'select', options: attached, required: true }],
      call: (v) => ({ label: `Detach ${v['volume']}`, op: 'DetachVolume', params: { VolumeId: v['volume'] } }),
    },
    {
      title: 'Delete a volume',
      submit: 'Delete volume',
      danger: true,
      fields: [{ name: 'volume', label: 'Volume', kind: 'select', options: all, required: true }],
      call: (v) => ({ label: `Delete ${v['volume']}`, op: 'DeleteVolume', params: { VolumeId: v['volume'] } }),
    },
    {
      title: 'Copy a snapshot',
      submit: 'Copy snapshot',
      fields: [
        { name: 'snapshot', label: `Snapshot (in ${region})`, kind: 'select', options: completed, required: true },
        {
          name: 'destination',
          label: 'Destination Region',
          kind: 'select',
          options: REGIONS.map((info) => ({ value: info.RegionName, label: `${info.DisplayName} ${info.RegionName}` })),
          initial: region,
        },
        { name: 'description', label: 'Description' },
        { name: 'encrypted', label: 'Encrypt the copy (aws/ebs key)', kind: 'checkbox' },
      ],
      call: (v) => ({
        label: `Copy ${v['snapshot']} to ${v['destination']}`,
        op: 'CopySnapshot',
        region: v['destination'],
        params: withDefined({
          SourceRegion: region,
          SourceSnapshotId: v['snapshot'],
          Description: optional(v['description']),
          Encrypted: v['encrypted'] === 'true' ? true : undefined,
        }),
      }),
      describe: (data) => `Copy started: ${(data as { SnapshotId?: string }).SnapshotId ?? ''}.`,
    },
    {
      title: 'Snapshot permissions (createVolumePermission)',
      submit: 'Apply',
      fields: [
        { name: 'snapshot', label: 'Snapshot', kind: 'select', options: c.snapshots, required: true },
        { name: 'target', label: 'Who', kind: 'select', options: ACCOUNT_TARGETS, initial: ACCOUNTS[1]?.accountId ?? '' },
        {
          name: 'action',
          label: 'Action',
          kind: 'select',
          options: [
            { value: 'Add', label: 'Allow creating volumes from it' },
            { value: 'Remove', label: 'Remove that permission' },
          ],
        },
      ],
      call: (v) => {
        const kind = v['action'] === 'Remove' ? 'Remove' : 'Add';
        const item = v['target'] === 'all' ? { Group: 'all' } : { UserId: v['target'] };
        return {
          label: `${kind === 'Add' ? 'Share' : 'Unshare'} ${v['snapshot']}`,
          op: 'ModifySnapshotAttribute',
          params: { SnapshotId: v['snapshot'], Attribute: 'createVolumePermission', CreateVolumePermission: { [kind]: [item] } },
        };
      },
    },
  ];
}

function formsOf(group: FormGroup, world: Readonly<World>, accountId: string, region: string): FormSpec[] {
  if (group === 'regions') return regionForms(world, accountId, region);
  if (group === 'recyclebin' || group === 'dlm' || group === 'imagebuilder') return automationForms(group, world, accountId, region);
  const c = choices(world, accountId, region);
  switch (group) {
    case 'parameters':
      return parameterForms(c);
    case 'templates':
      return templateForms(c);
    case 'autoscaling':
      return autoScalingForms(c);
    case 'images':
      return imageForms(c);
    case 'volumes':
      return volumeForms(c, region);
    default:
      return [];
  }
}

/** The forms of one group, for the account acted as in the current Region. */
export function ServiceFormGroup({ group, world, accountId, region, send }: Props) {
  const forms = (
    <div className="lab-forms">
      {formsOf(group, world, accountId, region).map((spec) => (
        <ServiceForm key={spec.title} spec={spec} send={send} />
      ))}
    </div>
  );
  if (group !== 'recyclebin' && group !== 'dlm' && group !== 'imagebuilder') return forms;
  return (
    <>
      <AutomationView group={group} world={world} accountId={accountId} region={region} send={send} />
      {forms}
    </>
  );
}
