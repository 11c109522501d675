/**
 * The engine's zod: `zod/mini`, the functional API whose unused parts a bundler drops, so the lab
 * ships only the validators the engine uses. Validation is the same as full zod's.
 *
 * zod/mini registers no messages (every issue would read "Invalid input"), whereas full zod
 * registers English ones on first use. The engine's messages reach people (a corrupted save, a
 * scenario's bad goal), so it registers those same English messages, unless the app chose a
 * locale of its own.
 *
 * Import it as `import * as z from './zod.ts'`. It re-exports zod/mini's functions one by one
 * (`export *`): exporting zod/mini's namespace object instead (`export { z }`) made bundlers build
 * that object whole, and with it every locale zod has (the LMS lab player was 405 KB gzip with
 * them, 328 KB without).
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

if (config().localeError === undefined) config(en());

export * from 'zod/mini';
