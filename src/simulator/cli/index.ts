/** The lab console: `aws …` parsing, running, printing, completion and error explanations. */
export { COMMANDS } from './commands.js';
export { parseLine } from './parse.js';
export { formatCliError, formatCliJson, formatCliTimestamp } from './print.js';
export { runConsoleLine, type ConsoleOutcome } from './run.js';
export { completeLine } from './complete.js';
export { ERROR_EXPLANATIONS, LESSONS, explainError } from './explanations.js';
export { tokenize } from './tokenize.js';
