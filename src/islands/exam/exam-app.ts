/**
 * The practice exam: a full-length exam shaped like SAA-C03 (65 questions, 130 minutes) or N
 * questions from all notes or chosen tags; a countdown, flag for review, free navigation, no
 * feedback until submit, then a report per exam domain, per tag and per note and a review of every
 * answer. Results are kept in IndexedDB.
 *
 * The exam in progress is saved as the learner goes (storage/exam-attempts.ts): questions, answers,
 * flags, the question on screen, the start time and the time left. Opening the page again offers to
 * resume it or discard it. The clock stops while the page is closed and resumes from the time left
 * at the last save (saved on every change, every 15 s and when the page is hidden).
 *
 * Plain TypeScript and DOM rather than a React island: it reuses the quiz's question renderer
 * (one markup and one stylesheet for every place a question appears), and an exam is a form with
 * a timer, which needs no virtual DOM.
 *
 * Loading (budget 60 KB gzip before the learner acts): the page reads the exam in progress and past
 * results without Dexie (storage/read-only.ts); Dexie and the writes (exam-later.ts) load on the
 * learner's first move.
 */
import type { Answer, Question } from '../../content-pipeline/questions/schema';
import {
  drawExam,
  drawFullExam,
  estimateScaledScore,
  FULL_EXAM,
  isExamQuestion,
  PASSING_SCALED_SCORE,
  planFullExam,
  reportExam,
  type ExamQuestion,
  type ExamReport,
  type ScoreLine,
} from '../../learning/exam';
import { DATABASE_NAME } from '../../storage/database-exists';
import { pickExamAttempt } from '../../storage/exam-attempts';
import { validExamResults } from '../../storage/exam-results';
import { readStores } from '../../storage/read-only';
import type { ExamAttemptRecord, ExamResultRecord } from '../../storage/records';
import { showStorageNotice, withdrawStorageNotice } from '../storage-notice/storage-notice';
import { loadQuestions } from '../quiz/load-questions';
import { createSaveStatus, type SaveStatus } from '../shared/save-status';
import { failureReason } from '../shared/save-with-retry';
import { classifyStorageFailure } from '../../storage/storage-health';
import { whenLearnerActs } from '../shared/when-learner-acts';
import { answerText, correctAnswerText, el, hasAnswer, lock, readAnswer, renderQuestion, showOptionResults, sourceLink } from '../quiz/render-question';

type Mode = ExamAttemptRecord['mode'];

/** Dexie and the exam's writes, loaded on the learner's first move (see the module comment). */
const writes = whenLearnerActs(() => import('./exam-later'));

/** Everything a session needs to start or resume. */
interface Session {
  id: string;
  mode: Mode;
  tags: string[];
  questions: ExamQuestion[];
  answers: Record<string, Answer>;
  flagged: string[];
  current: number;
  startedAt: number;
  durationMs: number;
  timeLeftMs: number;
}

interface Running {
  session: Session;
  questions: ExamQuestion[];
  panels: HTMLElement[];
  flagged: Set<string>;
  current: number;
  endsAt: number;
  timer: number;
}

/** How often the time left is saved while nothing else changes. */
const CLOCK_SAVE_MS = 15_000;

function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
}

function scoreTable(caption: string, lines: ScoreLine[]): HTMLTableElement {
  const body = el('tbody');
  for (const line of lines) {
    body.append(
      el(
        'tr',
        {},
        el('th', { scope: 'row', text: line.label }),
        el('td', { text: `${line.correct} / ${line.total}` }),
        el('td', { text: `${Math.floor((line.correct / line.total) * 100)}%` }),
      ),
    );
  }
  return el(
    'table',
    { class: 'score-table' },
    el('caption', { text: caption }),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col', text: caption.split(' ').pop() ?? '' }), el('th', { scope: 'col', text: 'Correct' }), el('th', { scope: 'col', text: 'Score' })),
    ),
    body,
  );
}

function newAttemptId(now: number): string {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);
  return `${now}-${random}`;
}

export async function startExamApp(root: HTMLElement): Promise<void> {
  const found = {
    setup: root.querySelector<HTMLFormElement>('[data-exam-setup]'),
    stage: root.querySelector<HTMLElement>('[data-exam-stage]'),
    history: root.querySelector<HTMLElement>('[data-exam-history]'),
    status: root.querySelector<HTMLElement>('[data-exam-status]'),
    resume: root.querySelector<HTMLElement>('[data-exam-resume]'),
  };
  const full = root.querySelector<HTMLFormElement>('[data-exam-full]');
  if (!found.setup || !found.stage || !found.history || !found.status || !found.resume) return;
  const { setup, stage, history, status, resume } = found as { [K in keyof typeof found]: NonNullable<(typeof found)[K]> };
  const loaded = await loadQuestions();
  if (!loaded.ok) {
    status.textContent = loaded.message;
    return;
  }
  const all: Question[] = loaded.questions;
  const examQuestions = new Map(all.filter(isExamQuestion).map((q) => [q.id, q]));
  const chooser = [setup, ...(full ? [full] : [])];
  const showChooser = (visible: boolean) => {
    for (const form of chooser) form.hidden = !visible;
  };
  // A link such as /exam/?tags=aws/ec2 (from a tag quiz) arrives with those tags ticked.
  const wanted = new Set(
    (new URLSearchParams(location.search).get('tags') ?? '')
      .split(',')
      .filter(Boolean)
      .map((t) => t.toLowerCase()),
  );
  for (const box of setup.querySelectorAll<HTMLInputElement>('input[name="tag"]')) {
    if (wanted.has(box.value.toLowerCase())) box.checked = true;
  }
  if (full) describeFullExam(full, planFullExam(all));

  const begin = (mode: Mode, questions: ExamQuestion[], tags: string[], minutes: number) => {
    status.textContent = '';
    showChooser(false);
    history.hidden = true;
    resume.hidden = true;
    const now = Date.now();
    const durationMs = minutes * 60_000;
    run({ id: newAttemptId(now), mode, tags, questions, answers: {}, flagged: [], current: 0, startedAt: now, durationMs, timeLeftMs: durationMs }, true);
  };

  setup.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(setup);
    const count = Math.max(1, Math.min(200, Number(data.get('count')) || 10));
    const minutes = Math.max(1, Math.min(300, Number(data.get('minutes')) || count * 2));
    const tags = data.getAll('tag').map(String);
    const questions = drawExam(all, { count, tags, seed: Date.now() >>> 0 });
    if (questions.length === 0) {
      status.textContent = 'No questions match those tags.';
      return;
    }
    begin('custom', questions, tags, minutes);
  });
  full?.addEventListener('submit', (event) => {
    event.preventDefault();
    const plan = planFullExam(all);
    if (plan.questions === 0) {
      status.textContent = 'Your notes have no multiple-choice questions to make an exam from.';
      return;
    }
    begin('full', drawFullExam(all, Date.now() >>> 0), [], plan.minutes);
  });

  // An exam left in progress comes first: resume it or discard it.
  const pending = await readPendingAttempt();
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-exam-setup] button[type="submit"], [data-exam-full] button[type="submit"]'))
    button.removeAttribute('disabled');
  if (pending) offerResume(pending);
  else void showHistory(history);

  async function readPendingAttempt(): Promise<ExamAttemptRecord | null> {
    try {
      const stored = pickExamAttempt((await readStores(DATABASE_NAME, ['examAttempts']))?.examAttempts ?? []);
      if (stored.kind === 'found') return stored.attempt;
      if (stored.kind === 'unreadable') {
        status.textContent = `An exam in progress was left by another version of this site and cannot be resumed (${stored.problem}). It has been discarded.`;
        if (stored.id)
          void discardSaves().save({
            what: 'Discarding the old exam',
            write: async () => {
              const { database, deleteExamAttempt } = await writes();
              return deleteExamAttempt(database(), stored.id);
            },
          });
      }
    } catch (error) {
      // The exam still works without storage; the notice says progress is not kept.
      showStorageNotice(error);
    }
    return null;
  }

  let discardStatus: SaveStatus | undefined;
  function discardSaves(): SaveStatus {
    if (!discardStatus) {
      discardStatus = createSaveStatus({ retryLabel: 'Retry', onFailure: showStorageNotice, onRecovered: withdrawStorageNotice });
      status.after(discardStatus.element);
    }
    return discardStatus;
  }

  function offerResume(attempt: ExamAttemptRecord): void {
    const questions = attempt.questionIds.flatMap((id) => {
      const q = examQuestions.get(id);
      return q ? [q] : [];
    });
    showChooser(false);
    history.hidden = true;
    const answered = questions.filter((q) => attempt.answers[q.id] !== undefined).length;
    const started = new Date(attempt.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const missing = attempt.questionIds.length - questions.length;
    const heading = el('h2', { id: 'resume-heading', tabindex: '-1', text: 'You have an exam in progress' });
    const resumeButton = el('button', { type: 'button', class: 'button button-primary', text: 'Resume exam' });
    const discardButton = el('button', { type: 'button', class: 'button', text: 'Discard it' });
    resume.replaceChildren(
      heading,
      el('p', {
        text: `${attempt.mode === 'full' ? 'Full-length exam' : 'Practice exam'} started ${started}: ${answered} of ${questions.length} questions answered, ${attempt.flagged.length} flagged, ${formatClock(attempt.timeLeftMs)} left.`,
      }),
      ...(missing > 0 ? [el('p', { class: 'status-note', text: `${missing} of its questions are no longer in your notes and are left out.` })] : []),
      el('div', { class: 'exam-nav' }, resumeButton, discardButton),
    );
    resume.setAttribute('aria-labelledby', 'resume-heading');
    resume.hidden = false;
    if (questions.length === 0) {
      resumeButton.disabled = true;
      resume.append(el('p', { text: 'None of its questions are in your notes any more: discard it to start a new exam.' }));
    }
    resumeButton.addEventListener('click', () => {
      resume.hidden = true;
      run(
        {
          id: attempt.id,
          mode: attempt.mode,
          tags: attempt.tags,
          questions,
          answers: attempt.answers,
          flagged: attempt.flagged.filter((id) => questions.some((q) => q.id === id)),
          current: Math.min(attempt.current, questions.length - 1),
          startedAt: attempt.startedAt,
          durationMs: attempt.durationMs,
          timeLeftMs: attempt.timeLeftMs,
        },
        false,
      );
    });
    discardButton.addEventListener('click', () => {
      resume.hidden = true;
      resume.replaceChildren();
      showChooser(true);
      // Say it is discarded only once the stored attempt is gone: a reload before then would offer it again.
      status.textContent = 'Discarding the exam in progress…';
      void discardSaves()
        .save({
          what: 'Discarding the exam',
          write: async () => {
            const { database, deleteExamAttempt } = await writes();
            return deleteExamAttempt(database(), attempt.id);
          },
        })
        .then((stored) => {
          if (stored) status.textContent = 'The exam in progress was discarded.';
        });
      void showHistory(history);
      setup.querySelector<HTMLElement>('input, button')?.focus();
    });
    heading.focus();
  }

  function run(session: Session, fresh: boolean): void {
    const stageEl = stage;
    const state: Running = {
      session,
      questions: session.questions,
      panels: [],
      flagged: new Set(session.flagged),
      current: session.current,
      endsAt: Date.now() + session.timeLeftMs,
      timer: 0,
    };
    const total = state.questions.length;
    const position = el('span', { text: '' });
    const clock = el('span', { class: 'exam-timer', role: 'timer', 'aria-label': 'Time left' });
    const submit = el('button', { type: 'button', class: 'button', text: 'Submit exam' });
    const bar = el('div', { class: 'exam-bar' }, position, el('span', {}, 'Time left ', clock), submit);
    const palette = el('ol', { class: 'exam-palette', 'aria-label': 'Questions' });
    const panelsBox = el('div', {});
    const previous = el('button', { type: 'button', class: 'button', text: 'Previous' });
    const flag = el('button', { type: 'button', class: 'button exam-flag', 'aria-pressed': 'false', text: 'Flag for review' });
    const next = el('button', { type: 'button', class: 'button', text: 'Next' });
    const confirm = el('div', { class: 'exam-confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-text' });
    confirm.hidden = true;
    const title = session.mode === 'full' ? (total === FULL_EXAM.questions ? 'Full-length practice exam' : `Full-set practice exam (${total} questions)`) : 'Practice exam';
    const heading = el('h2', { tabindex: '-1', text: title });
    // Progress is saved through its own status, in the bar; the result gets one under the score. A
    // progress save still being retried when the exam ends writes nothing (see persist), so it can
    // never bring back an exam whose result is stored.
    const saves = createSaveStatus({ retryLabel: 'Retry saving', onFailure: showStorageNotice, onRecovered: withdrawStorageNotice });
    stageEl.replaceChildren(
      heading,
      ...(fresh ? [] : [el('p', { class: 'status-note', 'data-exam-resumed': '', text: 'Resumed where you left off: your answers and flags are as you left them.' })]),
      bar,
      saves.element,
      palette,
      panelsBox,
      el('div', { class: 'exam-nav' }, previous, flag, next),
      confirm,
    );

    state.questions.forEach((q, i) => {
      const panel = el('section', { class: 'quiz-item', 'aria-label': `Question ${i + 1} of ${total}` }, renderQuestion(q, `Question ${i + 1} of ${total}`));
      const answer = session.answers[q.id];
      if (answer?.kind === 'choice') {
        const chosen = new Set(answer.selected);
        for (const input of panel.querySelectorAll<HTMLInputElement>('.quiz-options input')) input.checked = chosen.has(input.value);
      }
      panel.hidden = i !== state.current;
      panelsBox.append(panel);
      state.panels.push(panel);
      const jump = el('button', { type: 'button', text: String(i + 1) });
      jump.addEventListener('click', () => show(i));
      palette.append(el('li', {}, jump));
    });

    let finished = false;
    const snapshot = (): ExamAttemptRecord => {
      const answers: Record<string, Answer> = {};
      state.questions.forEach((q, i) => {
        const panel = state.panels[i] as HTMLElement;
        if (hasAnswer(panel, q)) answers[q.id] = readAnswer(panel, q);
      });
      return {
        id: session.id,
        mode: session.mode,
        tags: session.tags,
        questionIds: state.questions.map((q) => q.id),
        answers,
        flagged: [...state.flagged],
        current: state.current,
        startedAt: session.startedAt,
        durationMs: session.durationMs,
        timeLeftMs: Math.max(0, state.endsAt - Date.now()),
        updatedAt: Date.now(),
      };
    };
    /** Saves the exam as it stands; a newer save replaces an older one not stored yet. */
    const persist = () => {
      if (finished) return;
      const record = snapshot();
      void saves.save({
        what: 'Your exam progress',
        key: 'exam-attempt',
        write: async () => {
          if (finished) return;
          const { database, saveExamAttempt } = await writes();
          // Checked again: the exam may have ended while the code loaded.
          if (!finished) await saveExamAttempt(database(), record);
        },
      });
    };

    const refreshPalette = () => {
      palette.querySelectorAll('button').forEach((button, i) => {
        const q = state.questions[i];
        const panel = state.panels[i];
        if (!q || !panel) return;
        const answered = hasAnswer(panel, q);
        const flagged = state.flagged.has(q.id);
        button.dataset.answered = String(answered);
        button.dataset.flagged = String(flagged);
        button.setAttribute('aria-current', String(i === state.current));
        button.setAttribute('aria-label', `Question ${i + 1}${answered ? ', answered' : ', not answered'}${flagged ? ', flagged' : ''}`);
      });
    };
    const show = (index: number, save = true) => {
      state.current = Math.max(0, Math.min(total - 1, index));
      state.panels.forEach((p, i) => {
        p.hidden = i !== state.current;
      });
      position.textContent = `Question ${state.current + 1} of ${total}`;
      const q = state.questions[state.current];
      flag.setAttribute('aria-pressed', String(q ? state.flagged.has(q.id) : false));
      flag.textContent = q && state.flagged.has(q.id) ? 'Flagged ⚑' : 'Flag for review';
      previous.disabled = state.current === 0;
      next.disabled = state.current === total - 1;
      refreshPalette();
      if (save) persist();
    };
    panelsBox.addEventListener('change', () => {
      refreshPalette();
      persist();
    });
    previous.addEventListener('click', () => show(state.current - 1));
    next.addEventListener('click', () => show(state.current + 1));
    flag.addEventListener('click', () => {
      const q = state.questions[state.current];
      if (!q) return;
      if (state.flagged.has(q.id)) state.flagged.delete(q.id);
      else state.flagged.add(q.id);
      show(state.current);
    });
    submit.addEventListener('click', () => {
      const unanswered = state.questions.filter((q, i) => !hasAnswer(state.panels[i] as HTMLElement, q)).length;
      confirm.replaceChildren(
        el('p', { id: 'confirm-text', text: `Submit the exam? ${unanswered} unanswered (they count as wrong), ${state.flagged.size} flagged.` }),
        el(
          'div',
          { class: 'exam-nav' },
          el('button', { type: 'button', class: 'button button-primary', 'data-confirm': '', text: 'Submit now' }),
          el('button', { type: 'button', class: 'button', 'data-cancel': '', text: 'Keep working' }),
        ),
      );
      confirm.hidden = false;
      confirm.querySelector<HTMLButtonElement>('[data-confirm]')?.focus();
    });
    confirm.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      if (target.closest('[data-confirm]')) void finish();
      if (target.closest('[data-cancel]')) {
        confirm.hidden = true;
        submit.focus();
      }
    });
    let lastClockSave = Date.now();
    const tick = () => {
      const left = state.endsAt - Date.now();
      clock.textContent = formatClock(left);
      if (left <= 0) {
        void finish();
        return;
      }
      if (Date.now() - lastClockSave >= CLOCK_SAVE_MS) {
        lastClockSave = Date.now();
        persist();
      }
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') persist();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', persist);
    state.timer = window.setInterval(tick, 1000);
    tick();
    show(state.current, fresh);
    heading.focus();

    async function finish(): Promise<void> {
      if (finished) return;
      finished = true;
      window.clearInterval(state.timer);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', persist);
      const answers: Record<string, Answer | undefined> = {};
      state.questions.forEach((q, i) => {
        const panel = state.panels[i] as HTMLElement;
        answers[q.id] = hasAnswer(panel, q) ? readAnswer(panel, q) : undefined;
      });
      const report = reportExam(state.questions, answers);
      renderReport(stageEl, state, answers, report);
      const record: Omit<ExamResultRecord, 'id'> = {
        startedAt: session.startedAt,
        finishedAt: Date.now(),
        tags: session.tags,
        mode: session.mode,
        correct: report.correct,
        total: report.total,
        percent: report.percent,
        byDomain: report.byDomain,
        byTag: report.byTag,
        byNote: report.byNote,
        items: report.results.map((r) => ({
          questionId: r.questionId,
          answer: answers[r.questionId] ?? null,
          outcome: r.result.outcome,
          flagged: state.flagged.has(r.questionId),
        })),
      };
      // Said right under the score: the result stays on screen and in memory until it is stored.
      const results = createSaveStatus({ retryLabel: 'Retry saving', onFailure: showStorageNotice, onRecovered: withdrawStorageNotice });
      stageEl.querySelector('[data-exam-score]')?.after(results.element);
      await results.save({
        what: 'Your result',
        write: async () => {
          const { database, finishExamAttempt } = await writes();
          return finishExamAttempt(database(), session.id, record);
        },
      });
    }
  }

  function renderReport(stageEl: HTMLElement, state: Running, answers: Record<string, Answer | undefined>, report: ExamReport): void {
    const heading = el('h2', { tabindex: '-1', text: 'Your result' });
    const list = el('ol', { class: 'review-list', 'aria-label': 'Review of every answer' });
    report.results.forEach((r, i) => {
      const q = state.questions[i];
      const panel = state.panels[i];
      if (!q || !panel) return;
      const answer = answers[q.id];
      if (answer) showOptionResults(panel, q, answer);
      lock(panel);
      panel.hidden = false;
      panel.dataset.state = r.result.outcome === 'correct' ? 'correct' : 'incorrect';
      panel.removeAttribute('aria-label');
      const verdict = r.result.outcome === 'correct' ? 'Correct' : r.result.outcome === 'unanswered' ? 'Not answered (counts as wrong)' : 'Incorrect';
      panel.append(
        el('p', { class: r.result.outcome === 'correct' ? 'result-correct' : 'result-incorrect', text: `${verdict}${state.flagged.has(q.id) ? ' · flagged ⚑' : ''}` }),
        el('p', {}, el('strong', { text: 'Your answer: ' }), answerText(q, answer)),
        el('p', {}, el('strong', { text: 'Correct answer: ' }), correctAnswerText(q)),
        ...(q.explanation ? [el('p', { class: 'quiz-explanation', text: q.explanation })] : []),
        sourceLink(q),
      );
      list.append(el('li', {}, panel));
    });
    const again = el('a', { class: 'button', href: location.pathname, text: 'New practice exam' });
    const scaled = estimateScaledScore(report.correct, report.total);
    stageEl.replaceChildren(
      heading,
      el('p', { class: 'score-big', 'data-exam-score': '', text: `${report.correct} / ${report.total} (${report.percent}%)` }),
      el(
        'p',
        { 'data-exam-scaled': '' },
        el('strong', { text: `Estimated scaled score: ${scaled} of 1000` }),
        ` (${scaled >= PASSING_SCALED_SCORE ? 'at or above' : 'below'} the pass mark of ${PASSING_SCALED_SCORE}).`,
      ),
      el(
        'p',
        { class: 'status-note' },
        `All or nothing per question, unanswered counts as wrong. SAA-C03 reports a scaled score from 100 to 1000 and passes at 720, roughly 72%. AWS does not publish how it scales, so this estimate is simply your percentage × 10 (at least 100), not the score AWS would give.`,
      ),
      scoreTable('Score by exam domain', report.byDomain),
      scoreTable('Score by tag', report.byTag),
      scoreTable('Score by note', report.byNote),
      el('h2', { text: 'Review every answer' }),
      list,
      again,
    );
    heading.focus();
  }
}

/** The full-length exam's description, from the questions the vault really has. */
function describeFullExam(form: HTMLFormElement, plan: ReturnType<typeof planFullExam>): void {
  const text = form.querySelector<HTMLElement>('[data-exam-full-text]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!text || !button) return;
  if (plan.available === 0) {
    text.textContent = 'Your notes have no multiple-choice questions yet, so there is no full-length exam to take.';
    button.hidden = true;
    return;
  }
  text.textContent = plan.short
    ? `Your notes have ${plan.available} multiple-choice and multiple-response questions, fewer than the real exam’s ${FULL_EXAM.questions}. The full set is all ${plan.questions} of them, in ${plan.minutes} minutes (2 minutes a question, the real exam’s pace).`
    : `${FULL_EXAM.questions} questions in ${FULL_EXAM.minutes} minutes, like SAA-C03: multiple choice and multiple response, authored questions first, spread over the four exam domains by the exam guide’s weights. Results per domain and per tag.`;
  button.textContent = plan.short ? `Start the full set (${plan.questions} questions)` : 'Start full-length exam';
}

async function showHistory(box: HTMLElement): Promise<void> {
  let results: ExamResultRecord[] = [];
  try {
    results = validExamResults((await readStores(DATABASE_NAME, ['examResults']))?.examResults ?? []);
  } catch (error) {
    showStorageNotice(error);
    // Reading can fail for a moment too (another tab upgrading the database): say so, offer a retry.
    const retry = el('button', { type: 'button', class: 'button', text: 'Try again' });
    retry.addEventListener('click', () => void showHistory(box));
    box.replaceChildren(
      el('h2', { text: 'Past results' }),
      el('p', { role: 'status', text: `Past results could not be read: ${failureReason(classifyStorageFailure(error))}.` }),
      retry,
    );
    box.hidden = false;
    return;
  }
  if (results.length === 0) {
    box.replaceChildren();
    box.hidden = true;
    return;
  }
  const list = el('ul', { class: 'lesson-list' });
  for (const r of results.slice(0, 20)) {
    const when = new Date(r.finishedAt).toLocaleString();
    const what = r.mode === 'full' ? ' · full-length' : r.tags.length > 0 ? ` · #${r.tags.join(', #')}` : '';
    list.append(el('li', {}, el('span', { text: `${when}${what}` }), el('strong', { text: `${r.correct} / ${r.total} (${r.percent}%)` })));
  }
  box.replaceChildren(el('h2', { text: 'Past results' }), list);
  box.hidden = false;
}
