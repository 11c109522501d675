/**
 * Every operation a cloud runs: the EC2 API rules (with their zod parameter schemas) and the
 * lifecycle statecharts (XState). The bulk of the engine; a deferred cloud loads it on first need.
 */
import { dispatch } from './api/dispatch.js';
import type { CloudOperations } from './cloud-core.js';
import { lifecycleMachines } from './machines/lifecycle.js';
import { fireTimer } from './model/resources.js';

export const operations: CloudOperations = { dispatch, fireTimer, lifecycleMachines };
