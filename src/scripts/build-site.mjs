// `astro build`, with the JavaScript heap sized to the vault (used by `npm run build`; extra
// arguments such as `--outDir` pass through to Astro).
//
// Why: V8 sizes its heap for the machine (24 GB here) and lets rendering garbage pile up before
// collecting it; a 2,000-note build peaked near 1.3 GB, a few hundred MB of it such garbage. A cap
// of 384 MB plus 0.1 MB per note leaves the live data room (5,000 notes built fine under a flat
// 512 MB) while making V8 collect sooner, which keeps the build's peak memory down.
//
// Plain JavaScript on purpose: this process stays alive beside the build, so it must stay small
// (under tsx it added about 100 MB to the build's memory). The note count is a rough one (every
// .md file outside dot-folders): it only sizes the heap.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';

function countNotes(dir) {
  let count = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) count += countNotes(join(dir, entry.name));
      else if (entry.name.endsWith('.md')) count += 1;
    }
  } catch {
    // A missing vault is reported by the content loader, with its own clear message.
  }
  return count;
}

const notesDir = process.env.NOTES_DIR?.trim() || 'content/notes';
const vault = isAbsolute(notesDir) ? notesDir : resolve(process.cwd(), notesDir);
const heapMb = Math.round(384 + 0.1 * countNotes(vault));
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, astro, 'build', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
