/**
 * Lab scenario packages (SCORM 1.2, SCORM 2004 4th edition, cmi5): one SCO / AU that runs the lab itself
 * (lab-player.js, bundled from islands/lms/lab-package-entry.tsx with React, the simulator and the
 * scenario's checks; lab-player.css) on the scenario and its starting world, carried as JSON in
 * index.html. Self-contained: nothing in the package calls this site (links to lessons point at it).
 *
 * Suspend data (`encodeLabSuspend`): `{"v":1,"g":[goals met],"w":<world>|null}` where the world is
 * the lab's save (`cloud.save()`) and view, deflated and base64'd. It is kept only when the whole
 * string fits the version's limit: SCORM 2004's 64,000 characters, SCORM 1.2's 4,096 (which a world
 * rarely fits). Without it, the world is restored from the package's own IndexedDB in the learner's
 * browser (the lab's usual save, in a slot named by scenario and LMS learner id, so two learners
 * on one computer do not share a world); the goals met always travel in suspend data, so they
 * stay met in any browser. cmi5 keeps the same document, world included, in the xAPI State API.
 * Pure: no DOM, no storage.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ScenarioProps } from '../shared/scenario-props';
import { cmi5CourseStructure, escapeXml, scorm12Manifest, scorm2004Manifest, xmlIdentifier } from './manifests';
import type { PlayerAssets } from './package';

export type LabPackageFormat = 'scorm12' | 'scorm2004' | 'cmi5';

/**
 * Suspend data limits, in characters: SCORM 1.2 `cmi.suspend_data` (CMIString4096), 2004 (SPM
 * 64,000). cmi5 keeps the same document in the xAPI State API, which has no such limit.
 */
export const SUSPEND_LIMITS: Record<LabPackageFormat, number> = { scorm12: 4096, scorm2004: 64000, cmi5: Number.MAX_SAFE_INTEGER };

export interface LabPlaySpec {
  scenario: ScenarioProps;
  /** Absolute base of the site (for links to lessons only). */
  siteBase: string;
  lessonTitles: Record<string, string>;
}

export const LAB_SPEC_ELEMENT_ID = 'ami-lab-spec';

/** What a relaunch needs: the goals met, and the world when it fits. */
export interface LabSuspend {
  goalsMet: string[];
  world: { world: string; view: unknown } | null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Suspend data within `limit` characters: with the world if it fits, else the goals only. */
export function encodeLabSuspend(state: LabSuspend, limit: number): string {
  const goals = [...new Set(state.goalsMet)];
  if (state.world !== null) {
    const full = JSON.stringify({ v: 1, g: goals, w: toBase64(deflateSync(strToU8(JSON.stringify(state.world)), { level: 9 })) });
    if (full.length <= limit) return full;
  }
  const small = JSON.stringify({ v: 1, g: goals, w: null });
  // Goal ids are short; should a scenario ever have too many, keep what fits.
  return small.length <= limit ? small : JSON.stringify({ v: 1, g: goals.slice(0, Math.max(0, Math.floor(limit / 40))), w: null });
}

/** Reads suspend data back; anything malformed is a fresh start (null). */
export function decodeLabSuspend(text: string): LabSuspend | null {
  if (text.trim() === '') return null;
  try {
    const raw = JSON.parse(text) as { v?: unknown; g?: unknown; w?: unknown };
    if (raw.v !== 1 || !Array.isArray(raw.g)) return null;
    const goalsMet = raw.g.filter((g): g is string => typeof g === 'string');
    let world: LabSuspend['world'] = null;
    if (typeof raw.w === 'string') {
      const parsed = JSON.parse(strFromU8(inflateSync(fromBase64(raw.w)))) as { world?: unknown; view?: unknown };
      if (typeof parsed.world === 'string') world = { world: parsed.world, view: parsed.view ?? null };
    }
    return { goalsMet, world };
  } catch {
    return null;
  }
}

export function labPlayerHtml(spec: LabPlaySpec, lms: LabPackageFormat): string {
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Lab: ${escapeXml(spec.scenario.title)}</title>
<link rel="stylesheet" href="lab-player.css">
</head>
<body class="embed-body">
<main class="embed-main">
<h1>Lab: ${escapeXml(spec.scenario.title)}</h1>
<div id="ami-lab-player" data-lms="${lms}"><p>Loading the lab… (it needs JavaScript)</p></div>
</main>
<script type="application/json" id="${LAB_SPEC_ELEMENT_ID}">${json}</script>
<script src="lab-player.js"></script>
</body>
</html>
`;
}

export function labPackageFileName(slug: string, format: LabPackageFormat): string {
  return `ami-lab-lab-${xmlIdentifier(slug).toLowerCase()}-${format}.zip`;
}

/**
 * Every file of a lab package, by path. The mastery score is 100: the scenario is passed when every
 * goal is met (score = goals met / goals total).
 */
export function labPackageFiles(spec: LabPlaySpec, format: LabPackageFormat, assets: PlayerAssets): Record<string, string> {
  const files: Record<string, string> = {
    'index.html': labPlayerHtml(spec, format),
    'lab-player.js': assets.js,
    'lab-player.css': assets.css,
  };
  const input = {
    identifier: `ami-lab-lab-${spec.scenario.slug}`,
    title: `Lab: ${spec.scenario.title}`,
    description: `A guided AMI Lab scenario with ${spec.scenario.goals.length} goals, in a simulated AWS account.`,
    mastery: 100,
    timeLimit: 0,
    files: Object.keys(files),
    iriBase: spec.siteBase,
  };
  if (format === 'cmi5') files['cmi5.xml'] = cmi5CourseStructure(input);
  else files['imsmanifest.xml'] = format === 'scorm12' ? scorm12Manifest(input) : scorm2004Manifest(input);
  return files;
}
