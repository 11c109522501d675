/** Guided lab scenarios: starting worlds and goal checks, pure functions of the world. */
import { z } from 'zod';
import { startSchema as engineStartSchema } from './setup.ts';

export { goalSchema, isGoalMet } from './checks.ts';
export { buildStartingWorld } from './setup.ts';
export { settle } from './timers.ts';

/**
 * The starting world, for full-zod consumers at build time (the content pipeline gives it a
 * `.default`): the engine's zod/mini schema itself, wrapped, so there is one definition. The
 * browser validates with the mini schema (`./setup.js`); `@__PURE__` lets a bundle that does not
 * use this wrapper drop it, and full zod with it.
 */
export const startSchema = /* @__PURE__ */ z.lazy(() => engineStartSchema);
