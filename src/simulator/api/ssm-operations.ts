/** The Systems Manager operations the simulator answers (boto3 client `ssm`), by API action name. */
import type { Operation } from './context.ts';
import { getCommandInvocation, listCommandInvocations, listCommandsOperation, sendCommand } from './run-command.ts';
import { deleteParameter, deleteParameters, getParameter, getParameterHistory, getParameters, getParametersByPath, labelParameterVersion, putParameter } from './ssm.ts';

export const SSM_OPERATIONS: Readonly<Record<string, Operation>> = {
  GetParameter: getParameter,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath,
  GetParameterHistory: getParameterHistory,
  PutParameter: putParameter,
  DeleteParameter: deleteParameter,
  DeleteParameters: deleteParameters,
  LabelParameterVersion: labelParameterVersion,
  SendCommand: sendCommand,
  GetCommandInvocation: getCommandInvocation,
  ListCommands: listCommandsOperation,
  ListCommandInvocations: listCommandInvocations,
};
