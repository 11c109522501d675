/** Guided lab scenarios: starting worlds and goal checks, pure functions of the world. */
export { GOAL_CHECKS, GOAL_CHECK_NAMES, goalSchema, isGoalMet, type Goal, type GoalCheck, type GoalCheckName } from './checks.js';
export {
  buildStartingWorld,
  nextPendingAt,
  pendingTimers,
  settle,
  setupStepSchema,
  startSchema,
  type ScenarioStart,
  type SetupStep,
  type StartResult,
} from './setup.js';
export { accountIdOf, LEARNER, nameTag } from './queries.js';
