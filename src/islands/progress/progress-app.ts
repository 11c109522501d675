/**
 * The progress page: lessons, quiz accuracy, readiness, reviews due, labs and exams, from what
 * this browser holds. Plain DOM (no framework): it is tables, bars and one SVG chart.
 *
 * Live: the page watches both databases (storage/live.ts), so progress made in another tab
 * (a lesson marked done, a review, a lab goal) or an import appears here without a reload.
 *
 * Loading (budget 60 KB gzip before the learner acts): the first paint reads both databases
 * without Dexie (storage/read-only.ts) and reads them again when another tab writes; Dexie, the
 * live queries and export, import and delete (progress-later.ts) load on the learner's first move.
 */
import { z } from 'zod';
import type { Question } from '../../content-pipeline/questions/schema';
import { accuracyByTag, accuracyOverTime, chooseGranularity, lessonCompletion, percent, type LessonInfo } from '../../learning/progress-stats';
import { estimateReadiness, type ReadinessLevel } from '../../learning/readiness';
import { summariseDue } from '../../learning/due';
import { endOfDay } from '../../learning/review-queue';
import { DATABASE_NAME } from '../../storage/database-exists';
import type { ProgressData } from '../../storage/progress-file';
import { labProgressFromRows, studyProgressFromRows } from '../../storage/progress-transfer';
import { LAB_DATABASE, onStorageChange, readStores } from '../../storage/read-only';
import { loadQuestions } from '../quiz/load-questions';
import { showStorageNotice, withdrawStorageNotice } from '../storage-notice/storage-notice';
import { accuracyChart } from './accuracy-chart';
import { bar, el, shortDate, table } from './dom';
import { showStorageStatus } from './storage-status';
import { siteBase as base } from '../../base-url';
import { whenLearnerActs } from '../shared/when-learner-acts';

/** What the build knows: lessons and lab scenarios (embedded in the page as JSON). */
const catalogSchema = z.object({
  lessons: z.array(z.object({ slug: z.string(), title: z.string(), folder: z.string(), tags: z.array(z.string()) })),
  labs: z.array(z.object({ slug: z.string(), title: z.string(), goals: z.number().int() })),
});
type Catalog = z.infer<typeof catalogSchema>;

interface State {
  catalog: Catalog;
  questions: Question[];
  study: ProgressData['study'] | null;
  lab: ProgressData['lab'] | null;
}

const LEVEL_TEXT: Record<ReadinessLevel, string> = { ready: 'Ready', nearly: 'Nearly', building: 'Building', 'not-started': 'Not started' };

function section(root: HTMLElement, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-section="${name}"]`);
}

/** Replaces a section's content, keeping open any "show the numbers" the learner opened. */
function fill(target: HTMLElement | null, ...nodes: Node[]): void {
  if (!target) return;
  const open = new Set([...target.querySelectorAll<HTMLDetailsElement>('details[data-keep-open]')].filter((d) => d.open).map((d) => d.dataset.keepOpen));
  target.replaceChildren(...nodes);
  for (const details of target.querySelectorAll<HTMLDetailsElement>('details[data-keep-open]')) if (open.has(details.dataset.keepOpen)) details.open = true;
}

function stat(value: string, label: string, name: string): HTMLElement {
  return el('li', { 'data-stat': name }, el('strong', { text: value }), el('span', { text: label }));
}

function render(root: HTMLElement, state: State): void {
  const study = state.study ?? { lessonProgress: [], quizAttempts: [], reviewCards: [], examResults: [] };
  const lab = state.lab ?? { scenarioProgress: [] };
  const now = new Date();
  const lessons: LessonInfo[] = state.catalog.lessons;
  const completion = lessonCompletion(lessons, study.lessonProgress);
  const answered = study.quizAttempts.filter((a) => a.outcome !== 'unanswered');
  const correct = answered.filter((a) => a.outcome === 'correct').length;
  const tagsByQuestion = new Map(state.questions.map((q) => [q.id, q.tags]));
  const cards = new Map(study.reviewCards.map((r) => [r.questionId, r.card]));
  const readiness = estimateReadiness(state.questions, cards, now);
  // The same count as the home page and the review session (learning/due.ts).
  const due = summariseDue(
    state.questions.map((q) => q.id),
    new Map(study.reviewCards.map((r) => [r.questionId, r])),
    now,
  );
  const labBySlug = new Map(lab.scenarioProgress.map((p) => [p.slug, p]));
  const labsDone = state.catalog.labs.filter((l) => labBySlug.get(l.slug)?.completedAt).length;
  const exams = [...study.examResults].sort((a, b) => b.finishedAt - a.finishedAt);

  fill(
    section(root, 'summary'),
    el(
      'ul',
      { class: 'stats progress-stats' },
      stat(`${completion.overall.done} / ${completion.overall.total}`, 'lessons done', 'lessons'),
      stat(answered.length === 0 ? '–' : `${percent(correct, answered.length)}%`, `quiz accuracy (${answered.length} answers)`, 'accuracy'),
      stat(String(due.dueNow.length + due.laterToday.length + due.fresh.length), 'reviews due today', 'due'),
      stat(`${Math.round(readiness.overall.readiness * 100)}%`, 'readiness (all topics)', 'readiness'),
      stat(`${labsDone} / ${state.catalog.labs.length}`, 'labs completed', 'labs'),
      stat(String(exams.length), exams.length === 1 ? 'practice exam' : 'practice exams', 'exams'),
    ),
  );

  const completionRows = (rows: typeof completion.byFolder) => rows.map((r) => [r.label, bar(percent(r.done, r.total), `${r.done} of ${r.total} done`), String(r.opened)]);
  fill(
    section(root, 'lessons'),
    table('Lessons by folder', ['Folder', 'Done', 'Opened'], completionRows(completion.byFolder)),
    ...(completion.byTag.length > 0
      ? [
          el(
            'details',
            { class: 'chart-data', 'data-keep-open': 'lessons-by-tag' },
            el('summary', { text: `Lessons by tag (${completion.byTag.length} tags)` }),
            table('Lessons by tag', ['Tag', 'Done', 'Opened'], completionRows(completion.byTag)),
          ),
        ]
      : []),
  );

  const granularity = chooseGranularity(answered);
  const byTag = accuracyByTag(answered, tagsByQuestion);
  fill(
    section(root, 'accuracy'),
    accuracyChart(accuracyOverTime(answered, granularity), granularity),
    ...(byTag.length > 0
      ? [
          table(
            'Quiz accuracy by tag',
            ['Tag', 'Accuracy', 'Answered'],
            byTag.map((r) => [r.label, bar(percent(r.correct, r.answered), `${percent(r.correct, r.answered)}%`), String(r.answered)]),
          ),
        ]
      : []),
  );

  fill(
    section(root, 'readiness'),
    el(
      'p',
      {},
      `Overall: ${Math.round(readiness.overall.readiness * 100)}% (${readiness.overall.studied} of ${readiness.overall.items} items reviewed). `,
      el('a', { href: `${base}review/`, text: 'Review to raise it' }),
    ),
    ...(readiness.topics.length > 0
      ? [
          table(
            'Readiness by topic, weakest first',
            ['Topic', 'Readiness', 'Reviewed', 'Level'],
            readiness.topics.map((t) => [t.topic, bar(Math.round(t.readiness * 100), `${Math.round(t.readiness * 100)}%`), `${t.studied} of ${t.items}`, LEVEL_TEXT[t.level]]),
          ),
        ]
      : []),
  );

  const nextDue = study.reviewCards
    .map((r) => r.card.due)
    .filter((d) => d > endOfDay(now).getTime())
    .sort((a, b) => a - b)[0];
  fill(
    section(root, 'reviews'),
    el(
      'p',
      { 'data-reviews-due': '' },
      `${due.dueNow.length} due now, ${due.laterToday.length} more later today, ${due.fresh.length} new to start today. `,
      el('a', { href: `${base}review/`, text: 'Start a review' }),
    ),
    ...(nextDue ? [el('p', { class: 'status-note', text: `After today, the next review is due ${shortDate(nextDue)}.` })] : []),
  );

  fill(
    section(root, 'labs'),
    state.catalog.labs.length === 0
      ? el('p', { class: 'status-note', text: 'No lab scenarios in this vault.' })
      : el(
          'ul',
          { class: 'lesson-list' },
          ...state.catalog.labs.map((l) => {
            const progress = labBySlug.get(l.slug);
            const met = progress ? Object.keys(progress.goalsMet).length : 0;
            const text = progress?.completedAt ? `Completed ${shortDate(progress.completedAt)}` : progress ? `${met} of ${l.goals} goals` : 'Not started';
            return el(
              'li',
              {},
              el('a', { href: `${base}lab/${l.slug}/`, text: l.title }),
              el('span', { class: 'lesson-state', 'data-state': progress?.completedAt ? 'done' : progress ? 'opened' : 'new', text }),
            );
          }),
        ),
  );

  fill(
    section(root, 'exams'),
    exams.length === 0
      ? el('p', {}, 'No practice exams yet. ', el('a', { href: `${base}exam/`, text: 'Take one' }))
      : table(
          'Practice exams, newest first',
          ['Date', 'Score', 'Topics'],
          exams.map((r) => [
            new Date(r.finishedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
            bar(r.percent, `${r.correct} / ${r.total} (${r.percent}%)`),
            r.tags.length > 0 ? r.tags.map((t) => `#${t}`).join(', ') : 'All notes',
          ]),
        ),
  );
  root.dataset.progressReady = 'true';
}

export async function startProgressApp(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>('[data-progress-status]');
  const catalogJson = document.getElementById('progress-catalog')?.textContent ?? '';
  const catalog = catalogSchema.safeParse(JSON.parse(catalogJson || '{}'));
  if (!catalog.success) {
    if (status) status.textContent = 'This page does not match this version of the site. Reload it.';
    return;
  }
  const loaded = await loadQuestions();
  const state: State = { catalog: catalog.data, questions: loaded.ok ? loaded.questions : [], study: null, lab: null };
  if (!loaded.ok && status) status.textContent = `${loaded.message} Readiness and review counts need them.`;

  let available = true;
  let watching = false;
  let stopRawWatch: (() => void) | undefined;
  const unavailable = (error: unknown) => {
    if (!available) return;
    available = false;
    showStorageNotice(error);
    if (status) status.textContent = 'Nothing can be shown: this browser is not keeping progress for this site.';
    const persistence = root.querySelector<HTMLElement>('[data-persistence]');
    if (persistence) persistence.textContent = 'Not kept: this browser is not letting AMI Lab store data here, so nothing from this visit will be kept.';
    root.querySelector<HTMLElement>('[data-persist]')?.setAttribute('hidden', '');
    render(root, state);
    root.dataset.storage = 'unavailable';
  };

  // Dexie, live queries and export/import/delete (progress-later.ts) load on the learner's first
  // move; until then the page shows a read without Dexie, and follows other tabs' writes by reading
  // again (storage/read-only.ts).
  let transferReady = false;
  const whenNeeded = whenLearnerActs(
    () => import('./progress-later'),
    (later) => {
      const db = later.database();
      const labDb = later.labDatabase();
      /** Reads once, then follows both databases live; run again when storage comes back. */
      const show = async () => {
        // One plain read first: a live query whose database cannot open may never report it.
        try {
          await later.readStudyProgress(later.reopenIfFailed(db));
          later.reopenIfFailed(labDb);
        } catch (error) {
          unavailable(error);
          return;
        }
        if (!available) {
          // Storage was refused at load and works now: the page stops saying nothing is kept.
          withdrawStorageNotice();
          if (status) status.textContent = '';
          void showStorageStatus(root, () => available);
        }
        available = true;
        delete root.dataset.storage;
        if (watching) return;
        watching = true;
        stopRawWatch?.();
        later.watchQuery(
          () => later.readStudyProgress(db),
          (study) => {
            state.study = study;
            if (status && loaded.ok) status.textContent = '';
            render(root, state);
          },
          unavailable,
        );
        later.watchQuery(
          () => later.readLabProgress(labDb),
          (lab) => {
            state.lab = lab;
            render(root, state);
          },
          unavailable,
        );
      };
      // An import, export or delete that succeeds proves storage works again (it was refused at load,
      // and the learner pressed Retry once the browser allowed it): show what is stored.
      later.startTransferControls(root, db, labDb, () => {
        if (!available || !watching) void show();
      });
      transferReady = true;
      if (available) void show();
    },
  );
  // A press on Export, Import or Delete before that code has loaded waits for it, then happens.
  const holdUntilReady = (event: Event) => {
    if (transferReady) return;
    const target = event.target as HTMLElement;
    const control = event.type === 'submit' ? target.closest('[data-import-form]') : target.closest('[data-export], [data-delete-all]');
    if (!control) return;
    event.preventDefault();
    event.stopPropagation();
    void whenNeeded().then(() => {
      if (control instanceof HTMLFormElement) control.requestSubmit();
      else (control as HTMLElement).click();
    });
  };
  root.addEventListener('click', holdUntilReady, true);
  root.addEventListener('submit', holdUntilReady, true);

  /** The first paint (and, until Dexie takes over, every change another tab makes). */
  const readWithoutDexie = async (): Promise<boolean> => {
    try {
      const [study, lab] = await Promise.all([readStores(DATABASE_NAME, ['lessonProgress', 'quizAttempts', 'reviewCards', 'examResults']), readStores(LAB_DATABASE, ['progress'])]);
      if (watching) return true;
      state.study = study ? studyProgressFromRows(study) : null;
      state.lab = lab ? labProgressFromRows(lab.progress) : null;
    } catch (error) {
      unavailable(error);
      return false;
    }
    if (status && loaded.ok) status.textContent = '';
    render(root, state);
    return true;
  };
  if (await readWithoutDexie()) {
    void showStorageStatus(root, () => available);
    if (!watching) stopRawWatch = onStorageChange(() => void readWithoutDexie());
  }
}
