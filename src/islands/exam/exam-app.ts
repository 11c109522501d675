/**
 * The practice exam: draw N questions (all notes or chosen tags), a countdown, flag for review,
 * free navigation, no feedback until submit, then a report per tag and per note and a review of
 * every answer. Results are kept in IndexedDB.
 *
 * Plain TypeScript and DOM rather than a React island: it reuses the quiz's question renderer
 * (one markup and one stylesheet for every place a question appears), and an exam is a form with
 * a timer, which needs no virtual DOM. The page has no stated budget, but it loads in ~50 KB less.
 */
import type { Answer, Question, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { drawExam, reportExam, type ExamReport, type ScoreLine } from '../../learning/exam';
import { database } from '../../storage/db';
import { listExamResults, saveExamResult } from '../../storage/exam-results';
import type { ExamResultRecord } from '../../storage/records';
import { showStorageNotice } from '../storage-notice/storage-notice';
import { loadQuestions } from '../quiz/load-questions';
import { answerText, correctAnswerText, el, hasAnswer, lock, moveItem, readAnswer, renderQuestion, showOptionResults, sourceLink } from '../quiz/render-question';

interface Running {
  questions: ScoredQuestion[];
  panels: HTMLElement[];
  flagged: Set<string>;
  current: number;
  startedAt: number;
  endsAt: number;
  tags: string[];
  timer: number;
}

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
    body.append(el('tr', {}, el('th', { scope: 'row', text: line.label }), el('td', { text: `${line.correct} / ${line.total}` }), el('td', { text: `${Math.floor((line.correct / line.total) * 100)}%` })));
  }
  return el('table', { class: 'score-table' }, el('caption', { text: caption }), el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: caption.split(' ').pop() ?? '' }), el('th', { scope: 'col', text: 'Correct' }), el('th', { scope: 'col', text: 'Score' }))), body);
}

export async function startExamApp(root: HTMLElement): Promise<void> {
  const setup = root.querySelector<HTMLFormElement>('[data-exam-setup]');
  const stage = root.querySelector<HTMLElement>('[data-exam-stage]');
  const history = root.querySelector<HTMLElement>('[data-exam-history]');
  const status = root.querySelector<HTMLElement>('[data-exam-status]');
  if (!setup || !stage || !history || !status) return;
  let all: Question[] = [];
  const loaded = await loadQuestions();
  if (!loaded.ok) {
    status.textContent = loaded.message;
    return;
  }
  all = loaded.questions;
  setup.querySelector<HTMLButtonElement>('button[type="submit"]')?.removeAttribute('disabled');
  void showHistory(history);
  // A link such as /exam/?tags=aws/ec2 (from a tag quiz) arrives with those tags ticked.
  const wanted = new Set((new URLSearchParams(location.search).get('tags') ?? '').split(',').filter(Boolean).map((t) => t.toLowerCase()));
  for (const box of setup.querySelectorAll<HTMLInputElement>('input[name="tag"]')) {
    if (wanted.has(box.value.toLowerCase())) box.checked = true;
  }

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
    status.textContent = '';
    setup.hidden = true;
    history.hidden = true;
    run(stage, { questions, tags, minutes });
  });

  function run(stageEl: HTMLElement, config: { questions: ScoredQuestion[]; tags: string[]; minutes: number }): void {
    const now = Date.now();
    const state: Running = {
      questions: config.questions,
      panels: [],
      flagged: new Set(),
      current: 0,
      startedAt: now,
      endsAt: now + config.minutes * 60_000,
      tags: config.tags,
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
    const heading = el('h2', { tabindex: '-1', text: 'Practice exam' });
    stageEl.replaceChildren(heading, bar, palette, panelsBox, el('div', { class: 'exam-nav' }, previous, flag, next), confirm);

    state.questions.forEach((q, i) => {
      const panel = el('section', { class: 'quiz-item', 'aria-label': `Question ${i + 1} of ${total}` }, renderQuestion(q, `Question ${i + 1} of ${total}`));
      panel.hidden = i !== 0;
      panelsBox.append(panel);
      state.panels.push(panel);
      const jump = el('button', { type: 'button', text: String(i + 1) });
      jump.addEventListener('click', () => show(i));
      palette.append(el('li', {}, jump));
    });

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
    const show = (index: number) => {
      state.current = Math.max(0, Math.min(total - 1, index));
      state.panels.forEach((p, i) => (p.hidden = i !== state.current));
      position.textContent = `Question ${state.current + 1} of ${total}`;
      const q = state.questions[state.current];
      flag.setAttribute('aria-pressed', String(q ? state.flagged.has(q.id) : false));
      flag.textContent = q && state.flagged.has(q.id) ? 'Flagged ⚑' : 'Flag for review';
      previous.disabled = state.current === 0;
      next.disabled = state.current === total - 1;
      refreshPalette();
    };
    panelsBox.addEventListener('change', refreshPalette);
    panelsBox.addEventListener('input', refreshPalette);
    panelsBox.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLElement>('.quiz-move');
      if (!button) return;
      moveItem(button);
      const panel = button.closest<HTMLElement>('.quiz-item');
      if (panel) panel.dataset.reordered = 'true';
      refreshPalette();
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
        el('div', { class: 'exam-nav' }, el('button', { type: 'button', class: 'button button-primary', 'data-confirm': '', text: 'Submit now' }), el('button', { type: 'button', class: 'button', 'data-cancel': '', text: 'Keep working' })),
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
    const tick = () => {
      const left = state.endsAt - Date.now();
      clock.textContent = formatClock(left);
      if (left <= 0) void finish();
    };
    state.timer = window.setInterval(tick, 1000);
    tick();
    show(0);
    heading.focus();

    let finished = false;
    async function finish(): Promise<void> {
      if (finished) return;
      finished = true;
      window.clearInterval(state.timer);
      const answers: Record<string, Answer | undefined> = {};
      state.questions.forEach((q, i) => {
        const panel = state.panels[i] as HTMLElement;
        answers[q.id] = hasAnswer(panel, q) ? readAnswer(panel, q) : undefined;
      });
      const report = reportExam(state.questions, answers);
      renderReport(stageEl, state, answers, report);
      const record: Omit<ExamResultRecord, 'id'> = {
        startedAt: state.startedAt,
        finishedAt: Date.now(),
        tags: state.tags,
        correct: report.correct,
        total: report.total,
        percent: report.percent,
        byTag: report.byTag,
        byNote: report.byNote,
        items: report.results.map((r) => ({ questionId: r.questionId, answer: answers[r.questionId] ?? null, outcome: r.result.outcome, flagged: state.flagged.has(r.questionId) })),
      };
      try {
        await saveExamResult(database(), record);
      } catch (error) {
        if (status) status.textContent = 'This result could not be saved: storage is unavailable in this browser.';
        showStorageNotice(error);
      }
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
    stageEl.replaceChildren(
      heading,
      el('p', { class: 'score-big', 'data-exam-score': '', text: `${report.correct} / ${report.total} (${report.percent}%)` }),
      el('p', { class: 'status-note', text: 'All or nothing per question, unanswered counts as wrong. AWS exams pass at a scaled 720 of 1000, roughly 72%.' }),
      scoreTable('Score by tag', report.byTag),
      scoreTable('Score by note', report.byNote),
      el('h2', { text: 'Review every answer' }),
      list,
      again,
    );
    heading.focus();
  }
}

async function showHistory(box: HTMLElement): Promise<void> {
  let results: ExamResultRecord[] = [];
  try {
    results = await listExamResults(database());
  } catch (error) {
    showStorageNotice(error);
    return;
  }
  if (results.length === 0) return;
  const list = el('ul', { class: 'lesson-list' });
  for (const r of results.slice(0, 20)) {
    const when = new Date(r.finishedAt).toLocaleString();
    list.append(el('li', {}, el('span', { text: `${when}${r.tags.length > 0 ? ` · #${r.tags.join(', #')}` : ''}` }), el('strong', { text: `${r.correct} / ${r.total} (${r.percent}%)` })));
  }
  box.replaceChildren(el('h2', { text: 'Past results' }), list);
  box.hidden = false;
}
