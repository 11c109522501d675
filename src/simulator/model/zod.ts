/**
 * The engine's zod: `zod/mini`, the functional API whose unused parts a bundler drops, so the lab
 * ships only the validators the engine uses. Validation is the same as full zod's.
 *
 * zod/mini registers no messages (every issue would read "Invalid input"), whereas full zod
 * registers English ones on first use. The engine's messages reach people (a corrupted save, a
 * scenario's bad goal), so it registers those same English messages, unless the app chose a
 * locale of its own.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

if (z.config().localeError === undefined) z.config(en());

export { z };
