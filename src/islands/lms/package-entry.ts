/**
 * The entry of player.js inside a package: reads the quiz from index.html, picks the runtime the
 * package was made for (data-lms) and starts the player.
 */
import type { PlaySpec } from '../../packaging/package';
import { SPEC_ELEMENT_ID } from '../../packaging/package';
import { createCmi5Tracker } from './cmi5-tracker';
import { startPlayer } from './player';
import { createScormTracker } from './scorm-tracker';

const root = document.getElementById('ami-player');
const data = document.getElementById(SPEC_ELEMENT_ID);
if (root && data) {
  const spec = JSON.parse(data.textContent ?? '{}') as PlaySpec;
  const lms = root.dataset.lms;
  const tracker = lms === 'cmi5' ? createCmi5Tracker(spec.questions.length) : createScormTracker(lms === 'scorm12' ? '1.2' : '2004', spec.questions.length);
  void startPlayer(root, spec, tracker);
}
