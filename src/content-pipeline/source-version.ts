/**
 * The code a content loader runs, as one digest: every file under the given source folders, under
 * src/shared/ (which every layer may import: the pipeline's question ids hash with shared/hash.ts)
 * and the lockfile (the packages that code calls). A loader keeps what it made between builds only
 * for as long as this is unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sourceVersion(projectRoot: string, folders: readonly string[]): string {
  const hash = createHash('sha256');
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const walk = (relativeDir: string): void => {
    for (const entry of readdirSync(join(projectRoot, relativeDir), { withFileTypes: true }).sort(byName)) {
      const path = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(`code ${path}\0`).update(readFileSync(join(projectRoot, path)));
    }
  };
  for (const folder of [...folders, 'src/shared']) walk(folder);
  if (existsSync(join(projectRoot, 'package-lock.json'))) hash.update(readFileSync(join(projectRoot, 'package-lock.json')));
  return hash.digest('hex');
}
