/**
 * Astro loads its config with plain Node when it can, and otherwise starts a Vite server to load it
 * (about 0.1 s of every build and dev start): the config, its integrations and what they import
 * must load with Node's type stripping, so every relative import among them names its `.ts` file.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

test("Astro's config loads with plain Node", () => {
  const script = "const { default: config } = await import('./astro.config.mjs'); console.log(config.integrations.map((i) => i.name).join(' '));";
  const names = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(names.trim().split(' ')).toEqual(expect.arrayContaining(['ami-lab-vault-attachments', 'ami-lab-lms-bundles', 'ami-lab-lesson-embeds']));
});
