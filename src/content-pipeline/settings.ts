/**
 * Where the vault is and how to read it, from the environment, so any Obsidian vault builds with
 * `NOTES_DIR=/path/to/vault npm run build`. Shared by the Astro loader and `npm run notes:check`.
 */
import { isAbsolute, resolve } from 'node:path';

export interface VaultSettings {
  vaultDir: string;
  /** Fail the build when links or embeds are broken (they are always reported). */
  failOnProblems: boolean;
  strictLineBreaks: boolean | undefined;
  /** `$…$` inline math: undefined follows Obsidian's rule; true is any `$…$`, false none (see obsidian/math.ts). */
  singleDollarMath: boolean | undefined;
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return /^(1|true|yes|on)$/i.test(value);
}

export function readVaultSettings(env: NodeJS.ProcessEnv, projectRoot: string): VaultSettings {
  const dir = env.NOTES_DIR?.trim() || 'content/notes';
  return {
    vaultDir: isAbsolute(dir) ? dir : resolve(projectRoot, dir),
    failOnProblems: flag(env.NOTES_STRICT) ?? false,
    strictLineBreaks: flag(env.NOTES_STRICT_LINE_BREAKS),
    singleDollarMath: flag(env.NOTES_SINGLE_DOLLAR_MATH),
  };
}
