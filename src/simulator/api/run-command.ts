/**
 * SSM Run Command with the `AWS-RunShellScript` document: the lab's way to "configure" a running
 * instance (in AWS you would log in, or use Systems Manager Run Command).
 *
 * Run Command is asynchronous (issue 12): SendCommand answers `Pending`; the command is delivered
 * to each instance a moment later (`InProgress`) and the script then runs for a while before it
 * ends in `Success` — only then does what it installs land on the instance's root volume, so an
 * image made before that does not carry it. An instance that is no longer running when the
 * command reaches it gets `Failed` / `Undeliverable`; one that stops while the script runs,
 * `Failed`. GetCommandInvocation, ListCommands and ListCommandInvocations report the statuses
 * (AWS's `CommandStatus` and `CommandInvocationStatus` names). The clock moves a command with one
 * timer keyed by its CommandId (`fireCommandTimer`, called from operations.ts).
 *
 * SendCommand is not an EC2 operation, so it is kept out of `OPERATIONS` (and `OPERATION_NAMES`);
 * `send` reaches it by name through `LAB_OPERATIONS` and the `ssm` service.
 */
import { uuidFromText } from '../../shared/hash.ts';
import * as z from '../model/zod.ts';
import { type ApiResult, fail, ok } from '../model/errors.ts';
import { installOnRootVolume } from '../model/resources.ts';
import type { Transaction } from '../model/world.ts';
import type { CommandInvocation, CommandRecord, CommandStatus, Timer } from '../model/world-schema.ts';
import type { CallContext, Operation } from './context.ts';
import { dryRun, parseParams } from './params.ts';
import { packagesInstalledBy } from './user-data.ts';

/** The only SSM document the lab runs. */
export const RUN_SHELL_SCRIPT = 'AWS-RunShellScript';
/** The document's one plugin, as SSM names it. */
const PLUGIN_NAME = 'aws:runShellScript';

/** Pending → InProgress: the SSM Agent picks the command up. */
export const COMMAND_DELIVERY_MS = 2_000;
/** InProgress → Success: the script runs, longer for each package it installs. */
export const COMMAND_RUN_BASE_MS = 10_000;
export const COMMAND_RUN_MS_PER_PACKAGE = 10_000;

const DELIVER_EVENT = 'command.deliver';
const COMPLETE_EVENT = 'command.complete';

const sendCommandParams = z.strictObject({
  DocumentName: z.string(),
  InstanceIds: z.array(z.string()),
  Parameters: z.strictObject({ commands: z.array(z.string()) }),
  Comment: z.optional(z.string()),
  DryRun: dryRun,
});

function commandTimer(at: number, event: string): Timer {
  return { at, resourceType: 'command', event };
}

/** The command's status from its invocations' (SSM: the command is done when every invocation is). */
export function commandStatus(command: CommandRecord): CommandStatus {
  const statuses = command.invocations.map((invocation) => invocation.status);
  if (statuses.every((status) => status === 'Pending')) return 'Pending';
  if (statuses.some((status) => status === 'Pending' || status === 'InProgress')) return 'InProgress';
  return statuses.every((status) => status === 'Success') ? 'Success' : 'Failed';
}

/** SendCommand: accepts a shell script for running instances of the caller; it runs on the clock. */
export const sendCommand: Operation = (ctx, raw) => {
  const parsed = parseParams(sendCommandParams, raw);
  if (!parsed.ok) return parsed;
  const { DocumentName, InstanceIds, Parameters, Comment } = parsed.data;
  if (DocumentName !== RUN_SHELL_SCRIPT) return fail('InvalidDocument', `Document with name ${DocumentName} does not exist.`);
  if (InstanceIds.length === 0) return fail('ValidationException', 'InstanceIds or Targets must be specified.');
  for (const id of InstanceIds) {
    const instance = ctx.tx.get('instance', id);
    if (instance === undefined || instance.region !== ctx.region.RegionName || instance.ownerId !== ctx.account.accountId || instance.lifecycle.value !== 'running') {
      return fail('InvalidInstanceId', `Instances [[${id}]] not in a valid state for account ${ctx.account.accountId}`);
    }
  }
  const now = ctx.tx.now;
  const known = Object.keys(ctx.tx.world.commands ?? {}).length;
  const command: CommandRecord = {
    // A command ID in SSM's UUID form, derived from what the command is (so replays agree).
    commandId: uuidFromText(`${now}/${known}/${InstanceIds.join(',')}/${Parameters.commands.join('\n')}`),
    region: ctx.region.RegionName,
    ownerId: ctx.account.accountId,
    documentName: DocumentName,
    comment: Comment ?? '',
    commands: Parameters.commands,
    packages: packagesInstalledBy(Parameters.commands.join('\n')),
    requestedAt: now,
    invocations: [...new Set(InstanceIds)].map((instanceId) => ({
      instanceId,
      status: 'Pending',
      statusDetails: 'Pending',
      startedAt: null,
      endedAt: null,
      responseCode: -1,
      output: '',
    })),
  };
  ctx.tx.setCommand(command);
  ctx.tx.setTimer(command.commandId, commandTimer(now + COMMAND_DELIVERY_MS, DELIVER_EVENT));
  return ok({ Command: commandShape(command) });
};

/** Moves a command on when its timer comes due: delivery, then the script's end. */
export function fireCommandTimer(tx: Transaction, commandId: string, due: Timer): void {
  tx.setTimer(commandId, undefined);
  const command = tx.world.commands?.[commandId];
  if (command === undefined) return;
  const now = tx.now;
  const isRunning = (instanceId: string) => {
    const instance = tx.get('instance', instanceId);
    return instance !== undefined && instance.lifecycle.value === 'running';
  };
  let invocations: CommandInvocation[];
  if (due.event === DELIVER_EVENT) {
    invocations = command.invocations.map((invocation) =>
      invocation.status !== 'Pending'
        ? invocation
        : isRunning(invocation.instanceId)
          ? { ...invocation, status: 'InProgress', statusDetails: 'InProgress', startedAt: now }
          : { ...invocation, status: 'Failed', statusDetails: 'Undeliverable', endedAt: now },
    );
    if (invocations.some((invocation) => invocation.status === 'InProgress')) {
      tx.setTimer(commandId, commandTimer(now + COMMAND_RUN_BASE_MS + COMMAND_RUN_MS_PER_PACKAGE * command.packages.length, COMPLETE_EVENT));
    }
  } else {
    invocations = command.invocations.map((invocation) => {
      if (invocation.status !== 'InProgress') return invocation;
      const instance = tx.get('instance', invocation.instanceId);
      if (instance === undefined || instance.lifecycle.value !== 'running') {
        return { ...invocation, status: 'Failed', statusDetails: 'Failed', endedAt: now, output: 'The instance stopped before the script finished.\n' };
      }
      // Only now, at Success, is the software on the disk.
      installOnRootVolume(tx, instance, command.packages);
      return { ...invocation, status: 'Success', statusDetails: 'Success', endedAt: now, responseCode: 0, output: scriptOutput(command.packages) };
    });
  }
  tx.setCommand({ ...command, invocations });
}

function scriptOutput(packages: readonly string[]): string {
  return packages.length === 0 ? '' : `Installed:\n${packages.map((name) => `  ${name}`).join('\n')}\n\nComplete!\n`;
}

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

function elapsed(invocation: CommandInvocation): string {
  if (invocation.startedAt === null || invocation.endedAt === null) return '';
  return `PT${(invocation.endedAt - invocation.startedAt) / 1000}S`;
}

/** A command as SendCommand and ListCommands return it. */
function commandShape(command: CommandRecord): Record<string, unknown> {
  const status = commandStatus(command);
  const done = command.invocations.filter((invocation) => invocation.endedAt !== null);
  return {
    CommandId: command.commandId,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: command.comment,
    Parameters: { commands: [...command.commands] },
    InstanceIds: command.invocations.map((invocation) => invocation.instanceId),
    Targets: [],
    RequestedDateTime: new Date(command.requestedAt),
    Status: status,
    StatusDetails: status,
    OutputS3Region: command.region,
    MaxConcurrency: '50',
    MaxErrors: '0',
    TargetCount: command.invocations.length,
    CompletedCount: done.length,
    ErrorCount: done.filter((invocation) => invocation.status === 'Failed' && invocation.statusDetails !== 'Undeliverable').length,
    DeliveryTimedOutCount: 0,
    TimeoutSeconds: 3600,
  };
}

function ownCommand(ctx: CallContext, commandId: string): CommandRecord | undefined {
  const command = ctx.tx.world.commands?.[commandId];
  return command !== undefined && command.ownerId === ctx.account.accountId && command.region === ctx.region.RegionName ? command : undefined;
}

const getCommandInvocationParams = z.strictObject({
  CommandId: z.string(),
  InstanceId: z.string(),
  PluginName: z.optional(z.string()),
});

/** GetCommandInvocation: one instance's status and output. */
export const getCommandInvocation: Operation = (ctx, raw) => {
  const parsed = parseParams(getCommandInvocationParams, raw);
  if (!parsed.ok) return parsed;
  const { CommandId, InstanceId, PluginName } = parsed.data;
  const command = ownCommand(ctx, CommandId);
  if (command === undefined) return fail('InvalidCommandId', '');
  const invocation = command.invocations.find((candidate) => candidate.instanceId === InstanceId);
  if (invocation === undefined) return fail('InvocationDoesNotExist', '');
  if (PluginName !== undefined && PluginName !== PLUGIN_NAME) return fail('InvalidPluginName', '');
  return ok({
    CommandId,
    InstanceId,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: PLUGIN_NAME,
    ResponseCode: invocation.responseCode,
    ExecutionStartDateTime: iso(invocation.startedAt),
    ExecutionElapsedTime: elapsed(invocation),
    ExecutionEndDateTime: iso(invocation.endedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputContent: invocation.output,
    StandardOutputUrl: '',
    StandardErrorContent: '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  });
};

const listParams = z.strictObject({
  CommandId: z.optional(z.string()),
  InstanceId: z.optional(z.string()),
  MaxResults: z.optional(z.number().check(z.int(), z.gte(1), z.lte(50))),
  NextToken: z.optional(z.string()),
  Details: z.optional(z.boolean()),
});

/** The caller's commands in this Region, newest first, narrowed to a command or an instance. */
function listCommands(ctx: CallContext, commandId: string | undefined, instanceId: string | undefined): CommandRecord[] | ApiResult {
  if (commandId !== undefined && ownCommand(ctx, commandId) === undefined) return fail('InvalidCommandId', '');
  return Object.values(ctx.tx.world.commands ?? {})
    .filter((command) => command.ownerId === ctx.account.accountId && command.region === ctx.region.RegionName)
    .filter((command) => commandId === undefined || command.commandId === commandId)
    .filter((command) => instanceId === undefined || command.invocations.some((invocation) => invocation.instanceId === instanceId))
    .reverse();
}

/** One page of `items` (NextToken is the offset the previous page stopped at). */
function page<T>(items: readonly T[], maxResults: number | undefined, nextToken: string | undefined): { items: T[]; next?: string } | ApiResult {
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0 || start > items.length || (nextToken !== undefined && !/^\d+$/.test(nextToken))) {
    return fail('InvalidNextToken', 'The specified token is not valid.');
  }
  const end = maxResults === undefined ? items.length : Math.min(items.length, start + maxResults);
  return end < items.length ? { items: items.slice(start, end), next: String(end) } : { items: items.slice(start, end) };
}

const isApiResult = (value: unknown): value is ApiResult => value !== null && typeof value === 'object' && 'ok' in value;

/** ListCommands: the commands with their overall status and counts. */
export const listCommandsOperation: Operation = (ctx, raw) => {
  const parsed = parseParams(listParams, raw);
  if (!parsed.ok) return parsed;
  const { CommandId, InstanceId, MaxResults, NextToken, Details } = parsed.data;
  if (Details !== undefined) return fail('ValidationException', 'Details is not a parameter of ListCommands.');
  const commands = listCommands(ctx, CommandId, InstanceId);
  if (isApiResult(commands)) return commands;
  const paged = page(commands, MaxResults, NextToken);
  if (isApiResult(paged)) return paged;
  return ok({ Commands: paged.items.map(commandShape), ...(paged.next === undefined ? {} : { NextToken: paged.next }) });
};

/** ListCommandInvocations: one entry per command and instance; `Details` adds the plugin's output. */
export const listCommandInvocations: Operation = (ctx, raw) => {
  const parsed = parseParams(listParams, raw);
  if (!parsed.ok) return parsed;
  const { CommandId, InstanceId, MaxResults, NextToken, Details } = parsed.data;
  const commands = listCommands(ctx, CommandId, InstanceId);
  if (isApiResult(commands)) return commands;
  const rows = commands.flatMap((command) =>
    command.invocations.filter((invocation) => InstanceId === undefined || invocation.instanceId === InstanceId).map((invocation) => ({ command, invocation })),
  );
  const paged = page(rows, MaxResults, NextToken);
  if (isApiResult(paged)) return paged;
  const CommandInvocations = paged.items.map(({ command, invocation }) => ({
    CommandId: command.commandId,
    InstanceId: invocation.instanceId,
    InstanceName: '',
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    RequestedDateTime: new Date(command.requestedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins:
      Details === true
        ? [
            {
              Name: PLUGIN_NAME,
              Status: invocation.status,
              StatusDetails: invocation.statusDetails,
              ResponseCode: invocation.responseCode,
              ...(invocation.startedAt === null ? {} : { ResponseStartDateTime: new Date(invocation.startedAt) }),
              ...(invocation.endedAt === null ? {} : { ResponseFinishDateTime: new Date(invocation.endedAt) }),
              Output: invocation.output,
              StandardOutputUrl: '',
              StandardErrorUrl: '',
              OutputS3Region: command.region,
            },
          ]
        : [],
  }));
  return ok({ CommandInvocations, ...(paged.next === undefined ? {} : { NextToken: paged.next }) });
};
