/**
 * Writes `file` whole or not at all, for the files the pipeline keeps in Astro's cache folder: the
 * data goes to `<file>.<process id>.tmp`, which is then renamed over `file`. A reader of the last
 * file keeps reading that one, and a process killed while writing leaves only its temporary file
 * (src/scripts/build-site.mjs removes those of a run it stopped, by that name).
 *
 * Plain Node runs this module (see cli/early-lessons.ts).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomically(file: string, data: string | NodeJS.ArrayBufferView): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}
