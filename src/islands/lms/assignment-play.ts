/**
 * /assign/play/?a=<code>: an instructor's assignment, for learners (alone, or in an iframe). The
 * code is read and checked first; a damaged link says so and shows no quiz.
 */
import { assignmentPlaySpec, decodeAssignment, type Assignment } from '../../packaging/assignment';
import { loadQuestions } from '../quiz/load-questions';
import { el } from '../shared/dom';
import { startPlayer } from './player';
import { createSiteTracker } from './site-tracker';

function fail(root: HTMLElement, message: string): void {
  root.replaceChildren(el('h1', { text: 'This assignment cannot be opened' }), el('p', { class: 'player-notice', role: 'alert', text: message }));
  root.dataset.error = 'true';
}

async function run(root: HTMLElement): Promise<void> {
  const code = new URLSearchParams(location.search).get('a');
  const decoded = decodeAssignment(code);
  if (!decoded.ok) return fail(root, decoded.message);
  const assignment: Assignment = decoded.assignment;
  const loaded = await loadQuestions();
  if (!loaded.ok) return fail(root, loaded.message);
  const spec = assignmentPlaySpec(assignment, loaded.questions, code ?? '');
  if (spec.questions.length === 0) return fail(root, 'None of the questions this assignment names exist on this version of the site. Ask your instructor for a new link.');
  document.title = `${spec.title} · AMI Lab`;
  await startPlayer(root, spec, createSiteTracker(spec, `ami-lab-assignment:${code}`));
}

const root = document.getElementById('ami-player');
if (root) void run(root);
