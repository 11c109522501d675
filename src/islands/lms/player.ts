/**
 * The quiz player for LMS packages and assignments: the same question markup and the same scoring
 * as the site's quizzes (question-markup.ts, score-answer.ts), plus what an LMS wants: the mastery
 * score, a time limit, shuffling per attempt, and resuming where the learner left. It reports
 * through a Tracker (SCORM, cmi5, or the site's postMessage/xAPI one) and never waits on it before
 * showing feedback.
 */
import type { ScoredQuestion } from '../../content-pipeline/questions/schema';
import { correctAnswerText } from '../../learning/answer-text';
import { seededShuffle } from '../../learning/random';
import { scoreAnswer } from '../../learning/score-answer';
import type { PlaySpec } from '../../packaging/package';
import { el, toDom } from '../shared/dom';
import { questionMarkup } from '../quiz/question-markup';
import { moveItem, readAnswer, showOptionResults, lock } from '../quiz/render-question';
import type { AttemptState, FinalResult, Tracker, TrackerStart } from './tracker';

function freshState(spec: PlaySpec): AttemptState {
  const indexes = spec.questions.map((_, i) => i);
  const seed = (spec.seed + Math.floor(Math.random() * 2 ** 16)) >>> 0;
  return { v: 1, order: spec.shuffle ? seededShuffle(indexes, seed) : indexes, answers: {}, elapsed: 0 };
}

function validResume(state: AttemptState | null, spec: PlaySpec): state is AttemptState {
  if (!state) return false;
  const n = spec.questions.length;
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < n;
  return state.order.length === n && new Set(state.order).size === n && state.order.every(inRange) && Object.keys(state.answers).every((k) => inRange(Number(k)));
}

function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export async function startPlayer(root: HTMLElement, spec: PlaySpec, tracker: Tracker): Promise<void> {
  const sessionStart = Date.now();
  const begun: TrackerStart = await tracker.start().catch(() => ({ resume: null, mastery: null, notice: 'The connection to the LMS failed: your answers may not be recorded.' }));
  const state = validResume(begun.resume, spec) ? begun.resume : freshState(spec);
  const mastery = begun.mastery ?? spec.mastery;
  const limitMs = begun.timeLimitMs ?? spec.timeLimit * 60_000;
  const limitText = limitMs >= 60_000 && limitMs % 60_000 === 0 ? `${limitMs / 60_000} minutes` : `${Math.ceil(limitMs / 1000)} seconds`;
  const total = spec.questions.length;
  let finished = false;
  let lastCheck = Date.now();

  const heading = el('h1', { id: 'player-heading', text: spec.title });
  const intro = el('p', {
    class: 'quiz-intro',
    text: `${total} ${total === 1 ? 'question' : 'questions'}. Pass mark ${mastery}%.${limitMs > 0 ? ` Time limit ${limitText}.` : ''} Scored like the exam: all or nothing, no partial credit.`,
  });
  const notice = el('p', { class: 'player-notice', role: 'alert', text: begun.notice });
  if (!begun.notice) notice.hidden = true;
  const clock = el('p', { class: 'player-clock', 'aria-live': 'off' });
  clock.hidden = limitMs === 0;
  const resumed = Object.keys(state.answers).length > 0;
  const welcome = el('p', { class: 'player-resumed', role: 'status', text: resumed ? `Welcome back: ${Object.keys(state.answers).length} of ${total} answered so far.` : '' });
  const list = el('ol', { class: 'quiz-list' });
  const summary = el('p', { class: 'quiz-summary', 'data-summary': '', role: 'status' });
  const leave = el('button', { type: 'button', class: 'button', 'data-leave': '', text: 'Save and continue later' });
  const footer = el('div', { class: 'quiz-footer' }, summary, leave);
  /** The LMS's way back (cmi5 returnURL), offered once the session is over; http(s) only. */
  const offerReturn = () => {
    const url = begun.returnUrl ? new URL(begun.returnUrl, location.href) : null;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !footer.querySelector('[data-return]')) {
      footer.append(el('a', { class: 'button', href: url.href, 'data-return': '', text: 'Back to the course' }));
    }
  };
  const section = el('section', { class: 'quiz', 'aria-labelledby': 'player-heading' }, heading, intro, notice, clock, welcome, list, footer);
  root.replaceChildren(section);

  const answeredCount = () => Object.keys(state.answers).length;
  const correctCount = () => Object.values(state.answers).filter((a) => a.c).length;

  const showResult = (item: HTMLElement, question: ScoredQuestion, correct: boolean, answer: Parameters<typeof showOptionResults>[2]) => {
    item.dataset.state = correct ? 'correct' : 'incorrect';
    showOptionResults(item, question, answer);
    lock(item);
    item.querySelector<HTMLElement>('[data-actions]')?.setAttribute('hidden', '');
    const feedback = item.querySelector<HTMLElement>('[data-feedback]');
    if (feedback) feedback.textContent = correct ? 'Correct.' : `Incorrect. The answer is: ${correctAnswerText(question)}.`;
    const explanation = item.querySelector<HTMLElement>('[data-explanation]');
    if (explanation) explanation.hidden = false;
  };

  const restoreAnswer = (item: HTMLElement, answer: AttemptState['answers'][string]['a']) => {
    if (answer.kind === 'choice') {
      for (const input of item.querySelectorAll<HTMLInputElement>('.quiz-options input')) input.checked = answer.selected.includes(input.value);
    } else if (answer.kind === 'cloze') {
      const input = item.querySelector<HTMLInputElement>('.quiz-cloze input');
      if (input) input.value = answer.text;
    } else {
      const order = item.querySelector('.quiz-order');
      for (const id of answer.order) {
        const li = order?.querySelector(`[data-item="${CSS.escape(id)}"]`);
        if (li) order?.append(li);
      }
    }
  };

  const finish = (reason: 'done' | 'time') => {
    if (finished) return;
    finished = true;
    leave.hidden = true;
    for (const item of list.querySelectorAll<HTMLElement>('.quiz-item')) {
      lock(item);
      item.querySelector<HTMLElement>('[data-actions]')?.setAttribute('hidden', '');
    }
    const correct = correctCount();
    const scaled = total === 0 ? 0 : correct / total;
    const percent = Math.floor(scaled * 100);
    const passed = percent >= mastery;
    const sessionMs = Date.now() - sessionStart;
    summary.textContent = `${reason === 'time' ? 'Time is up. ' : ''}You scored ${correct} of ${total} (${percent}%): ${passed ? 'passed' : 'not passed'} (pass mark ${mastery}%).`;
    const result: FinalResult = { correct, total, scaled, passed, sessionMs };
    root.dataset.finished = 'true';
    offerReturn();
    void tracker.finish(result, { ...state, elapsed: state.elapsed + sessionMs }).then(
      () => {
        root.dataset.reported = 'true';
      },
      (error: unknown) => {
        notice.hidden = false;
        notice.textContent = `Your result could not be recorded${error instanceof Error && error.message ? `: ${error.message}` : '.'}`;
      },
    );
  };

  const check = (item: HTMLElement, index: number) => {
    const question = spec.questions[index];
    const feedback = item.querySelector<HTMLElement>('[data-feedback]');
    if (!question || !feedback || finished || state.answers[index]) return;
    const answer = readAnswer(item, question);
    const score = scoreAnswer(question, answer);
    if (score.outcome === 'unanswered') {
      feedback.textContent = question.kind === 'cloze' ? 'Type the missing term first.' : 'Choose an answer first.';
      return;
    }
    const now = Date.now();
    const correct = score.outcome === 'correct';
    state.answers[index] = { a: answer, c: correct, t: now - lastCheck };
    const latencyMs = now - lastCheck;
    lastCheck = now;
    showResult(item, question, correct, answer);
    feedback.tabIndex = -1;
    feedback.focus();
    const snapshot = { ...state, elapsed: state.elapsed + (now - sessionStart) };
    void tracker.answered({ question, answer, correct, latencyMs, answered: answeredCount(), total }, snapshot).then(
      () => {
        item.dataset.saved = 'true';
      },
      (error: unknown) => {
        notice.hidden = false;
        notice.textContent = `An answer could not be recorded${error instanceof Error && error.message ? `: ${error.message}` : '.'}`;
      },
    );
    if (answeredCount() === total) finish('done');
  };

  state.order.forEach((index, position) => {
    const question = spec.questions[index];
    if (!question) return;
    const item = el('li', { class: 'quiz-item', 'data-qid': question.id, 'data-kind': question.kind });
    item.append(toDom(questionMarkup(question, `Question ${position + 1}`, { orderControls: true })));
    if (spec.shuffle) {
      const options = item.querySelector('.quiz-options');
      if (options) for (const li of seededShuffle([...options.children], spec.seed + index)) options.append(li);
    }
    const actions = el('div', { class: 'quiz-actions', 'data-actions': '' }, el('button', { type: 'button', class: 'button', 'data-check': '', text: 'Check answer' }));
    const feedback = el('p', { class: 'quiz-feedback', 'data-feedback': '', role: 'status' });
    item.append(actions, feedback);
    if (question.explanation) {
      const explanation = el('p', { class: 'quiz-explanation', 'data-explanation': '', text: question.explanation });
      explanation.hidden = true;
      item.append(explanation);
    }
    item.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLElement>('button');
      if (!button) return;
      if (button.dataset.check !== undefined) check(item, index);
      else if (button.dataset.move && !item.dataset.state) {
        const at = moveItem(button);
        item.dataset.reordered = 'true';
        if (at) feedback.textContent = `Moved to position ${at}.`;
      }
    });
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text') {
        event.preventDefault();
        check(item, index);
      }
    });
    const saved = state.answers[index];
    if (saved) {
      restoreAnswer(item, saved.a);
      showResult(item, question, saved.c, saved.a);
    }
    list.append(item);
  });

  const suspend = (leaving: boolean) => {
    if (finished) return;
    finished = true;
    void tracker.suspend({ ...state, elapsed: state.elapsed + (Date.now() - sessionStart) }, Date.now() - sessionStart, leaving);
  };
  leave.addEventListener('click', () => {
    suspend(false);
    for (const item of list.querySelectorAll<HTMLElement>('.quiz-item')) lock(item);
    leave.hidden = true;
    summary.textContent = 'Your place is saved. You can close this window and come back later.';
    offerReturn();
  });
  // The LMS closing the window or the frame: keep the place.
  addEventListener('pagehide', () => suspend(true));

  if (limitMs > 0) {
    const deadline = Date.now() + limitMs - state.elapsed;
    const tick = () => {
      if (finished) return;
      const left = deadline - Date.now();
      clock.textContent = `Time left: ${formatClock(left)}`;
      if (left <= 0) finish('time');
      else setTimeout(tick, Math.min(1000, left));
    };
    tick();
  }
  root.dataset.ready = 'true';
  if (total > 0 && answeredCount() === total) finish('done');
}
