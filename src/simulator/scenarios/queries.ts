/**
 * Questions about the world that goal checks ask: names, owners, what is installed. Who may see or
 * launch an image is model/visibility.ts.
 */
import { ACCOUNTS, type AccountInfo } from '../model/accounts.ts';
import type { ImageRecord, InstanceRecord, World } from '../model/world-schema.ts';

/** The lab's accounts by role. */
export type Role = AccountInfo['role'];

/** Account ID of a role. */
export function accountIdOf(role: Role): string {
  return (ACCOUNTS.find((account) => account.role === role) as AccountInfo).accountId;
}

/** The learner's account ID. */
export const LEARNER = accountIdOf('learner');

/** Value of the `Name` tag an account put on a resource. */
export function nameTag(record: { tags: Readonly<Record<string, readonly { Key: string; Value: string }[]>> }, accountId: string): string | undefined {
  return record.tags[accountId]?.find((tag) => tag.Key === 'Name')?.Value;
}

/** Instances of an account. */
export function instancesOf(world: World, accountId: string): InstanceRecord[] {
  return Object.values(world.instances).filter((instance) => instance.ownerId === accountId);
}

/** Images of an account (deregistered ones included while AWS still shows them). */
export function imagesOf(world: World, accountId: string): ImageRecord[] {
  return Object.values(world.images).filter((image) => image.ownerId === accountId);
}

/** The learner's instance with this Name tag. */
export function instanceNamed(world: World, name: string, accountId = LEARNER): InstanceRecord | undefined {
  return instancesOf(world, accountId).find((instance) => nameTag(instance, accountId) === name);
}

/** The learner's image with this AMI name (unique per account and Region), in a Region if given. */
export function imageNamed(world: World, name: string, region?: string, accountId = LEARNER): ImageRecord | undefined {
  return (
    imagesOf(world, accountId).find((image) => image.name === name && (region === undefined || image.region === region) && image.lifecycle.value !== 'deregistered') ??
    imagesOf(world, accountId).find((image) => image.name === name && (region === undefined || image.region === region))
  );
}

/** What is installed on an instance's root volume. */
export function installedOn(world: World, instance: InstanceRecord): readonly string[] {
  const root = instance.blockDevices.find((device) => device.deviceName === instance.rootDeviceName);
  const volume = root === undefined ? undefined : world.volumes[root.volumeId];
  return volume?.installed ?? [];
}

/** Packages on top of what the image it came from had (catalogue base images carry a base package). */
export function addedSoftware(installed: readonly string[]): readonly string[] {
  return installed.filter((name) => !name.endsWith('-base'));
}

/** Whether `installed` has `software` (or, without it, anything added to a base image). */
export function hasSoftware(installed: readonly string[], software: string | undefined): boolean {
  return software === undefined ? addedSoftware(installed).length > 0 : installed.includes(software);
}

/** Whether an instance is up (pending or running). */
export function isUp(instance: InstanceRecord): boolean {
  return instance.lifecycle.value === 'running';
}
