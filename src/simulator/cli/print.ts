/**
 * Output as the AWS CLI prints it: JSON with four-space indents and timestamps in ISO 8601 with
 * `+00:00`; nothing at all for an empty response; service errors in the CLI's one-line form.
 */
import type { AwsError } from '../model/errors.ts';

/** A timestamp as the CLI prints it: `2025-01-06T09:00:00+00:00`, or `…09:00:00.123000+00:00`. */
export function formatCliTimestamp(date: Date): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`}+00:00`;
}

/** A response as printed: timestamps as the CLI prints them, undefined members dropped. */
export function toPrintable(value: unknown): unknown {
  if (value instanceof Date) return formatCliTimestamp(value);
  if (Array.isArray(value)) return value.map(toPrintable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toPrintable(item);
    return out;
  }
  return value;
}

/** A response as `--output json` prints it; an empty response prints nothing (''). */
export function formatCliJson(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'object' && !Array.isArray(data) && !(data instanceof Date) && Object.keys(data).length === 0) return '';
  return JSON.stringify(toPrintable(data), null, 4);
}

/** A service error: `An error occurred (Code) when calling the Op operation: Message`. */
export function formatCliError(operation: string, error: AwsError): string {
  return `An error occurred (${error.Code}) when calling the ${operation} operation: ${error.Message}`;
}

/** The usage banner the CLI prints before an argument error. */
export const USAGE = [
  'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]',
  'To see help text, you can run:',
  '',
  '  aws help',
  '  aws <command> help',
  '  aws <command> <subcommand> help',
].join('\n');

/**
 * An argument error as the CLI prints it (argparse's order): the usage banner, a blank line, then
 * `aws: error: …`, with "Maybe you meant" suggestions after it.
 */
export function formatUsageError(message: string, suggestions: readonly string[] = []): string {
  const lines = [USAGE, '', `aws: error: ${message}`];
  if (suggestions.length > 0) lines.push('', 'Maybe you meant:', '', ...suggestions.map((s) => `  * ${s}`));
  return lines.join('\n');
}

/**
 * Options the command does not take, as the CLI prints them (`UnknownArgumentError`, outside
 * argparse): the usage banner, a blank line, then `Unknown options: …` without `aws: error:`.
 */
export function formatUnknownOptions(words: readonly string[]): string {
  return [USAGE, '', `Unknown options: ${words.join(', ')}`].join('\n');
}
