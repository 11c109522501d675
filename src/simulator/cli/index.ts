/** The lab console: `aws …` parsing, running, printing, completion and error explanations. */
export { COMMANDS } from './commands.ts';
export { parseLine } from './parse.ts';
export { formatCliError, formatCliJson, formatCliTimestamp } from './print.ts';
export { runConsoleLine, type ConsoleOutcome } from './run.ts';
export { completeLine } from './complete.ts';
export { ERROR_EXPLANATIONS, LESSONS, explainError } from './explanations.ts';
export { tokenize } from './tokenize.ts';
