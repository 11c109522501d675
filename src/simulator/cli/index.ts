/** The lab console: `aws …` parsing, running, printing, completion and error explanations. */
export { COMMANDS, PROFILES, SERVICES, findCommand, type CommandSpec, type OptionSpec } from './commands.js';
export { parseLine, CONSOLE_HELP, type ParsedLine } from './parse.js';
export { formatCliError, formatCliJson, formatCliTimestamp } from './print.js';
export { runConsoleLine, accountForProfile, profileForAccount, type ConsoleEnvironment, type ConsoleLine, type ConsoleOutcome } from './run.js';
export { completeLine, type Completion, type CompletionSources } from './complete.js';
export { ERROR_EXPLANATIONS, LESSONS, explainError, type ErrorExplanation } from './explanations.js';
export { tokenize } from './tokenize.js';
