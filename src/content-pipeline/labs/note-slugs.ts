/**
 * The lesson slugs of a notes folder, which lab scenarios may link to. Apart from build-labs.ts so
 * that the labs loader can tell whether anything changed without loading the simulator.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { slugifySegment } from '../slug.ts';

/** Lesson slugs of a notes folder (file names slugified, as the lesson URLs are). */
export function noteSlugsIn(notesDir: string): Set<string> {
  const slugs = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) slugs.add(slugifySegment(entry.name.slice(0, -3)));
    }
  };
  walk(notesDir);
  return slugs;
}
