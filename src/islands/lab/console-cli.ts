/** The console's CLI machinery, loaded when the learner first uses the console. */
export { completeLine } from '../../simulator/cli/complete';
export { explainError } from '../../simulator/cli/explanations';
export { runConsoleLine } from '../../simulator/cli/run';
