/**
 * `astro build`, with the JavaScript heap sized to the vault (used by `npm run build`; extra
 * arguments such as `--outDir` pass through to Astro).
 *
 * Why: V8 sizes its heap for the machine (24 GB here) and lets rendering garbage pile up before
 * collecting it; a 2,000-note build peaked near 1.3 GB of which a few hundred MB was such garbage.
 * A cap of 512 MB plus 0.1 MB per note leaves the live data plenty of room (5,000 notes built
 * fine under 512 MB) while making V8 collect sooner, which keeps the build's peak memory down.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { scanVault } from '../content-pipeline/vault';
import { readVaultSettings } from '../content-pipeline/settings';

const settings = readVaultSettings(process.env, process.cwd());
let notes = 0;
try {
  notes = scanVault(settings.vaultDir).notes.length;
} catch {
  // A missing vault is reported by the content loader, with its own clear message.
}
const heapMb = Math.round(512 + 0.1 * notes);
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, astro, 'build', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
