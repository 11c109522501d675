/**
 * The entry of lab-player.js inside a lab scenario package (packaging/lab-package.ts): reads the
 * scenario from index.html, connects to the LMS (lab-scorm-tracker.ts), puts the world from suspend
 * data back into the lab's IndexedDB when this browser has none (or an older one), and runs the
 * ordinary LabApp, reporting each goal met to the LMS, and each world it stores, so that suspend
 * data follows the world.
 */
import { createRoot } from 'react-dom/client';
import { LAB_SPEC_ELEMENT_ID, type LabPlaySpec, type LabSuspend } from '../../packaging/lab-package';
import { labDatabase, type LabViewState } from '../../storage/lab-db';
import LabApp, { type LabProgressEvent } from '../lab/LabApp';
import type { StoredWorld } from '../lab/lab-session-effects';
import { createLabCmi5Tracker } from './lab-cmi5-tracker';
import { createLabScormTracker } from './lab-scorm-tracker';

/** A short, stable key for the learner id (slot names stay readable, ids stay out of them). */
function learnerKey(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

async function restore(slot: string, resume: LabSuspend | null): Promise<void> {
  if (resume === null) return;
  const db = labDatabase();
  const now = Date.now();
  try {
    if (resume.world !== null && (await db.sessions.get(slot)) === undefined) {
      await db.sessions.put({
        slot,
        world: resume.world.world,
        commandHistory: [],
        transcript: [],
        view: resume.world.view as LabViewState,
        ownerTab: 'lms-package',
        updatedAt: now,
        revision: 1,
      });
    }
    const progress = await db.progress.get(slot);
    const goalsMet = { ...(progress?.goalsMet ?? {}) };
    for (const id of resume.goalsMet) goalsMet[id] ??= now;
    await db.progress.put({
      slug: slot,
      goalsMet,
      hintsRevealed: progress?.hintsRevealed ?? 0,
      startedAt: progress?.startedAt ?? now,
      completedAt: progress?.completedAt ?? null,
      updatedAt: now,
    });
  } catch {
    // A browser that keeps nothing: the lab says so itself and starts from the scenario's world.
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('ami-lab-player');
  const data = document.getElementById(LAB_SPEC_ELEMENT_ID);
  if (!root || !data) return;
  const spec = JSON.parse(data.textContent ?? '{}') as LabPlaySpec;
  const goalIds = spec.scenario.goals.map((goal) => goal.id);
  const lms = root.dataset.lms;
  const tracker = lms === 'cmi5' ? createLabCmi5Tracker(spec.scenario, goalIds) : createLabScormTracker(lms === 'scorm12' ? '1.2' : '2004', goalIds);
  const start = await tracker.start();
  const slot = `${spec.scenario.slug}~${learnerKey(start.learnerId)}`;
  await restore(slot, start.resume);

  let met: readonly string[] = start.resume?.goalsMet ?? [];
  let world: LabSuspend['world'] = null;
  // The world this browser kept from an earlier launch (the same browser relaunching SCORM 1.2,
  // whose suspend data is too small for it), until the lab stores one.
  try {
    const record = await labDatabase().sessions.get(slot);
    if (record) world = { world: record.world, view: record.view };
  } catch {
    // Nothing saved in this browser: suspend data keeps the goals met.
  }
  // Each world the lab stores is the tracker's at once, before the lab shows "All changes saved",
  // so that leaving writes it: a learner who closes the activity then relaunches with that world.
  // (Read back from IndexedDB every few seconds, a close right after a save relaunched an older
  // world.) The LMS is written when a goal is met, again with the first world stored after it (a
  // goal is met by a change the lab stores within a second), and otherwise at most every 3 s, not
  // at every save (every change, while the clock runs).
  let written = world;
  let goalMetSinceSave = false;
  const write = () => {
    written = world;
    tracker.progress(met, world);
  };
  const onSaved = (saved: StoredWorld) => {
    world = { world: saved.world, view: saved.view };
    tracker.keep(world);
    if (goalMetSinceSave) {
      goalMetSinceSave = false;
      write();
    }
  };
  window.setInterval(() => {
    if (world !== written) write();
  }, 3000);
  const onProgress = (event: LabProgressEvent) => {
    met = [...new Set([...met, ...event.met])];
    goalMetSinceSave = true;
    write();
  };
  window.addEventListener('pagehide', () => tracker.leave());

  if (start.notice) {
    const notice = document.createElement('p');
    notice.className = 'lab-banner';
    notice.setAttribute('role', 'status');
    notice.textContent = start.notice;
    root.before(notice);
  }
  createRoot(root).render(<LabApp scenario={{ ...spec.scenario, slug: slot }} base={spec.siteBase} lessonTitles={spec.lessonTitles} onProgress={onProgress} onSaved={onSaved} />);
}

void main();
