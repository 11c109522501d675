/**
 * The assignment builder (/assign/): the form becomes an assignment (zod-checked), its code goes
 * into the learner link and the embed snippet, and the LMS packages are zipped here, in the
 * instructor's browser, from the site's player (/lms/player.js, /lms/player.css) and questions.json:
 * an assignment is whatever the instructor chose, so it cannot be built ahead of time, and zipping
 * a few hundred KB takes milliseconds.
 */
import type { Question } from '../../content-pipeline/questions/schema';
import { siteBase as base } from '../../base-url';
import { assignmentPlaySpec, assignmentSchema, decodeAssignment, encodeAssignment, selectionQuestions, type Assignment, type Selection } from '../../packaging/assignment';
import { FORMAT_LABELS, packageFileName, packageFiles, zipPackage, type PackageFormat, type PlayerAssets } from '../../packaging/package';
import { loadQuestions } from '../quiz/load-questions';
import { el } from '../shared/dom';

const form = document.querySelector<HTMLFormElement>('[data-builder]');
const errorBox = document.querySelector<HTMLElement>('[data-builder-error]');

function showError(message: string): void {
  if (!errorBox) return;
  errorBox.textContent = message;
  errorBox.hidden = message === '';
}

function field<T extends HTMLElement = HTMLInputElement>(name: string): T {
  return form?.querySelector<T>(`[name="${name}"]`) as T;
}

let questions: Question[] = [];
/** Ids the instructor unticked in the current selection. */
const excluded = new Set<string>();
let seed = Math.floor(Math.random() * 2 ** 32);
/** Hand-picked ids from an opened link. */
let picked: string[] = [];
let assets: Promise<PlayerAssets> | undefined;

function baseSelection(): Selection | null {
  const source = field<HTMLSelectElement>('source').value;
  if (source === 'lesson') return { k: 'lesson', slug: field<HTMLSelectElement>('lesson').value };
  if (source === 'tag') return { k: 'tag', tag: field<HTMLSelectElement>('tag').value };
  if (source === 'ids') return picked.length > 0 ? { k: 'ids', ids: picked } : null;
  const q = field('search').value.trim();
  return q ? { k: 'search', q } : null;
}

/** The form as an assignment, or the reason it is not one yet. */
function readForm(): { ok: true; assignment: Assignment } | { ok: false; message: string } {
  const selection = baseSelection();
  if (!selection) return { ok: false, message: field<HTMLSelectElement>('source').value === 'search' ? 'Type some search words.' : 'No questions are selected.' };
  const pool = selectionQuestions(selection, questions);
  const chosen = pool.filter((q) => !excluded.has(q.id));
  if (chosen.length === 0) return { ok: false, message: 'No questions are selected.' };
  const s: Selection = excluded.size > 0 ? { k: 'ids', ids: chosen.map((q) => q.id) } : selection;
  const count = field('count').value.trim();
  const candidate = {
    v: 1,
    t: field('title').value.trim() || 'Quiz',
    s,
    ...(count ? { n: Number(count) } : {}),
    seed,
    m: Number(field('mastery').value),
    l: Number(field('limit').value),
    sh: field('shuffle').checked,
  };
  const parsed = assignmentSchema.safeParse(candidate);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path[0];
    const names: Record<string, string> = { t: 'the title', n: 'the number to draw (1–300)', m: 'the pass mark (0–100)', l: 'the time limit (0–600 minutes)' };
    return { ok: false, message: `Check ${names[String(path)] ?? 'the form'}.` };
  }
  return { ok: true, assignment: parsed.data };
}

function renderPicks(): void {
  const list = document.querySelector<HTMLElement>('[data-questions]');
  const selection = baseSelection();
  const pool = selection ? selectionQuestions(selection, questions) : [];
  list?.replaceChildren(
    ...pool.map((q) => {
      const box = el('input', { type: 'checkbox', value: q.id });
      box.checked = !excluded.has(q.id);
      box.addEventListener('change', () => {
        if (box.checked) excluded.delete(q.id);
        else excluded.add(q.id);
        update();
      });
      return el('li', {}, el('label', {}, box, ' ', q.stem, el('small', { text: ` (${q.source.title})` })));
    }),
  );
}

function linkFor(code: string, withLrs: boolean): string {
  const url = new URL(`${base}assign/play/`, location.origin);
  url.searchParams.set('a', code);
  if (withLrs) {
    const lrs = field('lrs').value.trim();
    const auth = field('auth').value.trim();
    if (lrs && auth) {
      url.searchParams.set('lrs', lrs);
      url.searchParams.set('auth', auth);
    }
  }
  return url.href;
}

function update(): void {
  for (const part of form?.querySelectorAll<HTMLElement>('[data-for]') ?? []) part.hidden = part.dataset.for !== field<HTMLSelectElement>('source').value;
  const read = readForm();
  const out = document.querySelector<HTMLElement>('[data-output]');
  const summary = document.querySelector<HTMLElement>('[data-summary]');
  const count = document.querySelector<HTMLElement>('[data-count]');
  const selection = baseSelection();
  if (count) count.textContent = String(selection ? selectionQuestions(selection, questions).filter((q) => !excluded.has(q.id)).length : 0);
  if (!read.ok) {
    showError(read.message);
    if (out) out.hidden = true;
    return;
  }
  showError('');
  if (out) out.hidden = false;
  const code = encodeAssignment(read.assignment);
  const spec = assignmentPlaySpec(read.assignment, questions, code);
  if (summary)
    summary.textContent = `${spec.questions.length} ${spec.questions.length === 1 ? 'question' : 'questions'}, pass mark ${spec.mastery}%${spec.timeLimit ? `, ${spec.timeLimit} minutes` : ', no time limit'}${spec.shuffle ? ', shuffled' : ''}.`;
  const link = linkFor(code, false);
  const linkBox = document.querySelector<HTMLInputElement>('[data-link]');
  if (linkBox) linkBox.value = link;
  document.querySelector<HTMLAnchorElement>('[data-open]')?.setAttribute('href', link);
  const snippet = document.querySelector<HTMLTextAreaElement>('[data-snippet]');
  if (snippet) {
    const title = read.assignment.t.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    snippet.value = `<iframe src="${linkFor(code, true).replace(/&/g, '&amp;')}" title="${title}" width="100%" height="600" style="border:0;max-width:100%" loading="lazy" data-ami-quiz></iframe>\n<script src="${new URL(`${base}embed/resizer.js`, location.origin).href}" async></script>`;
  }
  history.replaceState(null, '', `?a=${code}`);
}

async function download(format: PackageFormat, status: HTMLElement): Promise<void> {
  const read = readForm();
  if (!read.ok) return showError(read.message);
  status.textContent = `Making the ${FORMAT_LABELS[format]} package…`;
  try {
    assets ??= Promise.all([fetch(`${base}lms/player.js`), fetch(`${base}lms/player.css`)]).then(async ([js, css]) => {
      if (!js.ok || !css.ok) throw new Error(`HTTP ${js.ok ? css.status : js.status}`);
      return { js: await js.text(), css: await css.text() };
    });
    const code = encodeAssignment(read.assignment);
    const spec = assignmentPlaySpec(read.assignment, questions, code);
    const zip = zipPackage(packageFiles(spec, format, await assets, new URL(base, location.origin).href));
    const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }));
    const a = el('a', { href: url, download: packageFileName(spec, format) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `${FORMAT_LABELS[format]} package ready: ${packageFileName(spec, format)} (${Math.ceil(zip.length / 1024)} KB).`;
  } catch (error) {
    assets = undefined;
    status.textContent = `The package could not be made (${error instanceof Error ? error.message : 'unknown error'}). Check your connection and try again.`;
  }
}

/** Fills the form from `?a=` (an assignment to edit) or `?lesson=` / `?tag=` presets. */
function applyPreset(params: URLSearchParams): void {
  const code = params.get('a');
  if (code) {
    const decoded = decodeAssignment(code);
    if (!decoded.ok) {
      // Kept above the form (the form's own messages come and go as it is edited).
      form?.before(el('p', { class: 'player-notice', role: 'alert', text: `${decoded.message} The form below starts afresh.` }));
      return;
    }
    const a = decoded.assignment;
    field('title').value = a.t;
    seed = a.seed;
    if (a.n) field('count').value = String(a.n);
    field('mastery').value = String(a.m);
    field('limit').value = String(a.l);
    field('shuffle').checked = a.sh;
    if (a.s.k === 'ids') {
      // Hand-picked questions: offered as their own source, so the pick survives a round trip.
      picked = a.s.ids;
      const source = field<HTMLSelectElement>('source');
      source.append(el('option', { value: 'ids', text: 'The questions this link picked' }));
      source.value = 'ids';
    } else {
      field<HTMLSelectElement>('source').value = a.s.k;
      if (a.s.k === 'lesson') field<HTMLSelectElement>('lesson').value = a.s.slug;
      else if (a.s.k === 'tag') field<HTMLSelectElement>('tag').value = a.s.tag;
      else field('search').value = a.s.q;
    }
    return;
  }
  const lesson = params.get('lesson');
  const tag = params.get('tag');
  if (lesson) {
    field<HTMLSelectElement>('source').value = 'lesson';
    field<HTMLSelectElement>('lesson').value = lesson;
  } else if (tag) {
    field<HTMLSelectElement>('source').value = 'tag';
    field<HTMLSelectElement>('tag').value = tag;
  }
  const select = field<HTMLSelectElement>(lesson ? 'lesson' : tag ? 'tag' : 'lesson');
  field('title').value = `Quiz: ${select.selectedOptions[0]?.textContent ?? 'AMI Lab'}`;
}

async function start(): Promise<void> {
  if (!form) return;
  const loaded = await loadQuestions();
  if (!loaded.ok) return showError(loaded.message);
  questions = loaded.questions;
  applyPreset(new URLSearchParams(location.search));
  const onSelectionChange = () => {
    excluded.clear();
    renderPicks();
    update();
  };
  for (const name of ['source', 'lesson', 'tag', 'search']) field(name).addEventListener('input', onSelectionChange);
  form.addEventListener('input', (event) => {
    if (!['source', 'lesson', 'tag', 'search'].includes((event.target as HTMLInputElement).name)) update();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  const status = document.querySelector<HTMLElement>('[data-download-status]');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-download]')) {
    button.addEventListener('click', () => status && void download(button.dataset.download as PackageFormat, status));
  }
  renderPicks();
  update();
  form.dataset.ready = 'true';
}

void start();
