/**
 * SSM `SendCommand` with the `AWS-RunShellScript` document: the lab's way to "configure" a running
 * instance (in AWS you would log in, or use Systems Manager Run Command). What the script installs
 * lands on the instance's root volume at once, so an image made afterwards carries it.
 *
 * It is not an EC2 operation, so it is kept out of `OPERATIONS` (and `OPERATION_NAMES`); `send`
 * reaches it by name through `LAB_OPERATIONS`.
 */
import { z } from '../model/zod.js';
import { fail, ok } from '../model/errors.js';
import { installOnRootVolume } from '../model/resources.js';
import type { Operation } from './context.js';
import { dryRun, parseParams } from './params.js';
import { packagesInstalledBy } from './user-data.js';

/** The only SSM document the lab runs. */
export const RUN_SHELL_SCRIPT = 'AWS-RunShellScript';

const sendCommandParams = z.strictObject({
  DocumentName: z.string(),
  InstanceIds: z.array(z.string()),
  Parameters: z.strictObject({ commands: z.array(z.string()) }),
  Comment: z.optional(z.string()),
  DryRun: dryRun,
});

/** A command ID in SSM's UUID form, derived from what the command is (so replays agree). */
function commandId(seed: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i += 1) {
    h1 = Math.imul(h1 ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ seed.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  const hex = `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}${(h1 ^ h2).toString(16).padStart(8, '0')}${h1.toString(16).padStart(8, '0')}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SendCommand: runs a shell script on running instances of the caller; installs what it installs. */
export const sendCommand: Operation = (ctx, raw) => {
  const parsed = parseParams(sendCommandParams, raw);
  if (!parsed.ok) return parsed;
  const { DocumentName, InstanceIds, Parameters, Comment } = parsed.data;
  if (DocumentName !== RUN_SHELL_SCRIPT) return fail('InvalidDocument', `Document with name ${DocumentName} does not exist.`);
  if (InstanceIds.length === 0) return fail('ValidationException', 'InstanceIds or Targets must be specified.');
  const instances = [];
  for (const id of InstanceIds) {
    const instance = ctx.tx.get('instance', id);
    if (
      instance === undefined ||
      instance.region !== ctx.region.RegionName ||
      instance.ownerId !== ctx.account.accountId ||
      instance.lifecycle.value !== 'running'
    ) {
      return fail('InvalidInstanceId', `Instances [[${id}]] not in a valid state for account ${ctx.account.accountId}`);
    }
    instances.push(instance);
  }
  const packages = packagesInstalledBy(Parameters.commands.join('\n'));
  for (const instance of instances) installOnRootVolume(ctx.tx, instance, packages);
  const requested = new Date(ctx.tx.now);
  return ok({
    Command: {
      CommandId: commandId(`${ctx.tx.now}/${InstanceIds.join(',')}/${Parameters.commands.join('\n')}`),
      DocumentName,
      Comment: Comment ?? '',
      InstanceIds,
      Parameters,
      RequestedDateTime: requested,
      // Run Command is asynchronous in AWS; the lab's shell scripts finish at once.
      Status: 'Success',
      TargetCount: InstanceIds.length,
      CompletedCount: InstanceIds.length,
      ErrorCount: 0,
    },
  });
};
