/**
 * A quiz package: the files an LMS imports (descriptor, index.html, the player's JavaScript and CSS,
 * the questions as JSON inside index.html), zipped with fflate. The same function runs in the
 * assignment builder (the instructor's browser zips) and in tests, so what a test launches is what
 * an instructor downloads. Self-contained: nothing in a package calls this site.
 */
import { strToU8, zipSync } from 'fflate';
import type { ScoredQuestion } from '../content-pipeline/questions/schema';
import { cmi5CourseStructure, escapeXml, scorm12Manifest, scorm2004Manifest, xmlIdentifier } from './manifests';

export const PACKAGE_FORMATS = ['scorm12', 'scorm2004', 'cmi5'] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

export const FORMAT_LABELS: Record<PackageFormat, string> = {
  scorm12: 'SCORM 1.2',
  scorm2004: 'SCORM 2004 (4th edition)',
  cmi5: 'cmi5 (xAPI)',
};

/** What the player needs to run a quiz: the questions and the instructor's settings. */
export interface PlaySpec {
  /** Stable id of the quiz (`lesson:<slug>`, `tag:<tag>`, `assignment:<code hash>`). */
  id: string;
  title: string;
  questions: ScoredQuestion[];
  /** Percent needed to pass. */
  mastery: number;
  /** Minutes; 0 for none. */
  timeLimit: number;
  shuffle: boolean;
  /** Seed for the shuffle (each attempt adds its number). */
  seed: number;
}

/** The built player, as the site publishes it (/lms/player.js, /lms/player.css). */
export interface PlayerAssets {
  js: string;
  css: string;
}

/** The JSON island index.html carries (also read by the site's own assignment page). */
export const SPEC_ELEMENT_ID = 'ami-quiz-spec';

/** The page the LMS launches. `lms` tells the player which runtime API to look for. */
export function playerHtml(spec: PlaySpec, lms: PackageFormat | 'site'): string {
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeXml(spec.title)}</title>
<link rel="stylesheet" href="player.css">
</head>
<body class="embed-body">
<main id="ami-player" class="embed-main" data-lms="${lms}"><p>Loading the quiz… (it needs JavaScript)</p></main>
<script type="application/json" id="${SPEC_ELEMENT_ID}">${json}</script>
<script src="player.js"></script>
</body>
</html>
`;
}

export function packageFileName(spec: Pick<PlaySpec, 'id'>, format: PackageFormat): string {
  return `ami-lab-${xmlIdentifier(spec.id.replace(/:/g, '-')).toLowerCase()}-${format}.zip`;
}

/** Every file of a package, by path. */
export function packageFiles(spec: PlaySpec, format: PackageFormat, assets: PlayerAssets, iriBase: string): Record<string, string> {
  const files: Record<string, string> = {
    'index.html': playerHtml(spec, format),
    'player.js': assets.js,
    'player.css': assets.css,
  };
  const input = {
    identifier: `ami-lab-${spec.id}`,
    title: spec.title,
    description: `${spec.questions.length} questions from AMI Lab. Pass mark ${spec.mastery}%.`,
    mastery: spec.mastery,
    timeLimit: spec.timeLimit,
    files: Object.keys(files),
    iriBase,
  };
  if (format === 'scorm12') files['imsmanifest.xml'] = scorm12Manifest(input);
  else if (format === 'scorm2004') files['imsmanifest.xml'] = scorm2004Manifest(input);
  else files['cmi5.xml'] = cmi5CourseStructure(input);
  return files;
}

/** The package as a zip (descriptor at the root, as every LMS expects). */
export function zipPackage(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  // A fixed date: the same package zips to the same bytes.
  return zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}
