/**
 * What the world view shows of the services beside EC2, for one account in one Region: launch
 * templates with their versions, Auto Scaling groups with their instances per Availability Zone and
 * their instance refresh, and the learner's Parameter Store parameters. Derived from the world only
 * (no calls). Loaded with the views that draw them, never in the lab's first load.
 */
import { refreshPercentage } from '../../simulator/model/instance-refresh';
import type { AutoScalingGroupRecord, InstanceRecord, InstanceRefresh, LaunchTemplateRecord, ParameterRecord, ParameterVersion, World } from '../../simulator/model/world-schema';

export interface TemplateVersionView {
  readonly versionNumber: number;
  readonly description: string | null;
  /** The AMI: an ID, or `resolve:ssm:<name>`, or '' when the version gives none. */
  readonly imageId: string;
  readonly instanceType: string;
  readonly isDefault: boolean;
  readonly isLatest: boolean;
}

export interface TemplateView {
  readonly id: string;
  readonly name: string;
  readonly defaultVersion: number;
  readonly latestVersion: number;
  readonly versions: readonly TemplateVersionView[];
}

export interface MemberView {
  readonly instanceId: string;
  readonly state: string;
  readonly launchTemplateVersion: number;
}

export interface RefreshView {
  readonly id: string;
  readonly status: InstanceRefresh['status'];
  readonly percentage: number;
  readonly instancesToUpdate: number;
  readonly minHealthyPercentage: number;
  readonly instanceWarmupSeconds: number;
  readonly skipMatching: boolean;
  readonly targetVersion: number;
  readonly statusReason: string | null;
}

export interface GroupView {
  readonly name: string;
  readonly templateName: string;
  /** As the group names it: `$Latest`, `$Default` or a number. */
  readonly templateVersion: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly deleting: boolean;
  readonly lastFailure: string | null;
  /** Every zone of the group, in the group's order, with its instances (possibly none). */
  readonly zones: readonly { readonly zone: string; readonly members: readonly MemberView[] }[];
  /** The newest instance refresh, if the group has had one. */
  readonly refresh: RefreshView | null;
}

export interface ParameterView {
  readonly name: string;
  readonly version: number;
  readonly value: string;
  readonly type: ParameterVersion['type'];
  readonly dataType: ParameterVersion['dataType'];
  /** Labels per version that has any, newest first, e.g. `2: prod`. */
  readonly labels: readonly string[];
}

export interface ServicesView {
  readonly templates: readonly TemplateView[];
  readonly groups: readonly GroupView[];
  readonly parameters: readonly ParameterView[];
}

const here = (accountId: string, region: string) => (record: { readonly ownerId: string; readonly region: string }) => record.ownerId === accountId && record.region === region;

function templateView(template: LaunchTemplateRecord): TemplateView {
  const latest = template.versions.reduce((highest, version) => Math.max(highest, version.versionNumber), 0);
  return {
    id: template.id,
    name: template.name,
    defaultVersion: template.defaultVersion,
    latestVersion: latest,
    versions: template.versions.map((version) => ({
      versionNumber: version.versionNumber,
      description: version.description,
      imageId: version.data.ImageId ?? '',
      instanceType: version.data.InstanceType ?? '',
      isDefault: version.versionNumber === template.defaultVersion,
      isLatest: version.versionNumber === latest,
    })),
  };
}

function refreshView(refresh: InstanceRefresh): RefreshView {
  return {
    id: refresh.id,
    status: refresh.status,
    percentage: refreshPercentage(refresh),
    instancesToUpdate: refresh.remaining.length,
    minHealthyPercentage: refresh.minHealthyPercentage,
    instanceWarmupSeconds: refresh.instanceWarmupSeconds,
    skipMatching: refresh.skipMatching,
    targetVersion: refresh.targetVersion,
    statusReason: refresh.statusReason,
  };
}

function groupView(world: Readonly<World>, group: AutoScalingGroupRecord): GroupView {
  const zones = [...group.availabilityZones];
  for (const member of group.members) if (!zones.includes(member.availabilityZone)) zones.push(member.availabilityZone);
  const last = group.refreshes[group.refreshes.length - 1];
  return {
    name: group.name,
    templateName: world.launchTemplates[group.launchTemplateId]?.name ?? group.launchTemplateId,
    templateVersion: group.launchTemplateVersion,
    minSize: group.minSize,
    maxSize: group.maxSize,
    desiredCapacity: group.desiredCapacity,
    deleting: group.deleting,
    lastFailure: group.lastFailure,
    zones: zones.map((zone) => ({
      zone,
      members: group.members
        .filter((member) => member.availabilityZone === zone)
        .map((member) => {
          const instance: InstanceRecord | undefined = world.instances[member.instanceId];
          return { instanceId: member.instanceId, state: instance?.lifecycle.value ?? 'unknown', launchTemplateVersion: member.launchTemplateVersion };
        }),
    })),
    refresh: last === undefined ? null : refreshView(last),
  };
}

function parameterView(record: ParameterRecord): ParameterView | null {
  const latest = record.versions[record.versions.length - 1];
  if (latest === undefined) return null;
  return {
    name: record.name,
    version: latest.version,
    value: latest.type === 'SecureString' ? '(SecureString, encrypted)' : latest.value,
    type: latest.type,
    dataType: latest.dataType,
    labels: [...record.versions]
      .reverse()
      .filter((version) => version.labels.length > 0)
      .map((version) => `${version.version}: ${version.labels.join(', ')}`),
  };
}

/** The launch templates, Auto Scaling groups and parameters of an account in a Region, sorted by name. */
export function buildServicesView(world: Readonly<World>, accountId: string, region: string): ServicesView {
  const mine = here(accountId, region);
  const byName = (a: { readonly name: string }, b: { readonly name: string }) => a.name.localeCompare(b.name);
  return {
    templates: Object.values(world.launchTemplates).filter(mine).map(templateView).sort(byName),
    groups: Object.values(world.autoScalingGroups)
      .filter(mine)
      .map((group) => groupView(world, group))
      .sort(byName),
    parameters: Object.values(world.parameters)
      .filter(mine)
      .map(parameterView)
      .filter((view): view is ParameterView => view !== null)
      .sort(byName),
  };
}
