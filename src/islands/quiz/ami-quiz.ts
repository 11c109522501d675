/**
 * <ami-quiz>: enhances a server-rendered quiz (see components/Quiz.astro). Framework-free on
 * purpose: a lesson page's whole JavaScript budget is 60 KB gzip and react-dom alone is ~57 KB.
 * Answering is synchronous DOM work (feedback paints in the frame of the click); storage (Dexie)
 * loads on the first answer, through a dynamic import, never at page load.
 *
 * Events (bubbling, composed): `quiz-answered` and `quiz-completed`, with the details below. The
 * embed bridge forwards them to the host page.
 *
 * On a lesson page the learner's last answer to each question is shown again after a reload, with
 * its feedback. It is read at once when this browser already has the study database (asked without
 * loading Dexie), otherwise when the reader first acts (the browser cannot tell): a first visit
 * still loads no database code before the first answer.
 */
import type { Answer, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { seededShuffle } from '../../learning/random';
import { scoreAnswer, type ScoreResult } from '../../learning/score-answer';
import { correctAnswerText } from '../../learning/answer-text';
import { orderingMistakesText } from '../../learning/ordering-feedback';
import { studyDatabaseExists } from '../../storage/database-exists';
import { whenReaderActs } from '../lesson-progress/activate';
import { toDom } from '../shared/dom';
import { orderControlsMarkup } from './question-markup';
import { readAnswer } from './render-question';
import { parseEmbedOptions, type EmbedOptions } from '../embed/options';
import { createSaveStatus, type SaveStatus } from '../shared/save-status';

export interface QuizAnsweredDetail {
  quizId: string;
  questionId: string;
  correct: boolean;
  answer: Answer;
  answered: number;
  total: number;
}

export interface QuizCompletedDetail {
  quizId: string;
  correct: number;
  total: number;
  percent: number;
}

/** A stored answer, as the quiz shows it again. */
export interface StoredAnswer {
  answer: Answer;
  /** Epoch ms. */
  answeredAt: number;
}

/** What a quiz stores; implemented by the lesson/tag store and by the embed store. */
export interface QuizStore {
  save(questionId: string, answer: Answer, result: ScoreResult, now: number): Promise<void>;
  /** The learner's last answer per question of this quiz (lesson quizzes), to show again. */
  latest?(): Promise<Map<string, StoredAnswer>>;
}

export class AmiQuiz extends HTMLElement {
  private questions = new Map<string, ScoredQuestion>();
  private results = new Map<string, ScoreResult>();
  private options: EmbedOptions = { theme: null, shuffle: false, explanations: true, ids: null, origin: null };
  private store: Promise<QuizStore> | undefined;
  /** One save status per question, under its feedback: says when that answer is not stored yet. */
  private saveStatuses = new Map<string, SaveStatus>();

  connectedCallback(): void {
    if (this.dataset.enhanced === 'true') return;
    const key = this.querySelector('script[data-quiz-key]');
    const list = JSON.parse(key?.textContent ?? '[]') as ScoredQuestion[];
    for (const q of list) this.questions.set(q.id, q);
    if (this.dataset.context === 'embed') this.options = parseEmbedOptions(location.search);
    this.applyOptions();
    for (const item of this.items()) this.enhanceItem(item);
    this.addEventListener('click', this.onClick);
    this.addEventListener('keydown', this.onKeydown);
    this.dataset.enhanced = 'true';
    if (this.dataset.context === 'lesson' && this.dataset.lessonSlug) this.scheduleRestore();
  }

  private restoreStarted = false;

  /** Restores earlier answers: now if the browser has the database, else at the reader's first act. */
  private scheduleRestore(): void {
    const start = () => {
      if (this.restoreStarted) return;
      this.restoreStarted = true;
      void this.restore();
    };
    void studyDatabaseExists().then((exists) => {
      if (exists === true) start();
      else if (exists === null) whenReaderActs(start);
    });
  }

  /**
   * Shows the learner's last answer to each question with its feedback, as when they answered.
   * A question answered (or being answered) on this visit is left alone. A failed read is said
   * above the questions, with a Retry.
   */
  private async restore(): Promise<void> {
    let latest: Map<string, StoredAnswer>;
    try {
      latest = (await (await this.loadStore()).latest?.()) ?? new Map();
    } catch (error) {
      this.restoreFailed(error);
      return;
    }
    this.querySelector('[data-restore-status]')?.remove();
    let restored = 0;
    for (const item of this.items()) {
      const id = item.dataset.qid ?? '';
      const question = this.questions.get(id);
      const stored = latest.get(id);
      if (!question || !stored || this.results.has(id) || this.isTouched(item)) continue;
      // Scored again with today's question: a note edited since may have changed the answer.
      const result = scoreAnswer(question, stored.answer);
      if (result.outcome === 'unanswered') continue;
      this.putAnswer(item, question, stored.answer);
      this.showResult(item, question, stored.answer, result, stored.answeredAt);
      item.dataset.saved = 'true';
      item.dataset.restored = 'true';
      restored += 1;
    }
    if (restored > 0) this.showSummary(restored);
    this.dataset.restored = String(restored);
  }

  private restoreFailed(error: unknown): void {
    this.restoreStarted = false;
    void import('../storage-notice/storage-notice').then(
      (m) => m.showStorageNotice(error),
      () => undefined,
    );
    const intro = this.querySelector('.quiz-intro');
    if (!intro || this.querySelector('[data-restore-status]')) return;
    const box = document.createElement('p');
    box.className = 'status-note';
    box.dataset.restoreStatus = '';
    box.setAttribute('role', 'status');
    box.textContent = 'Your earlier answers could not be shown: this browser is not letting AMI Lab read its storage. ';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'button';
    retry.textContent = 'Try again';
    retry.addEventListener('click', () => {
      this.restoreStarted = true;
      void this.restore();
    });
    box.append(retry);
    intro.after(box);
  }

  /** Whether the learner has started answering this question on this visit. */
  private isTouched(item: HTMLElement): boolean {
    return [...item.querySelectorAll<HTMLInputElement>('input')].some((i) => i.checked || (i.type === 'text' && i.value !== ''));
  }

  /** Puts a stored answer back into the question's controls. */
  private putAnswer(item: HTMLElement, question: ScoredQuestion, answer: Answer): void {
    if (answer.kind === 'choice') {
      const chosen = new Set(answer.selected);
      for (const input of item.querySelectorAll<HTMLInputElement>('.quiz-options input')) input.checked = chosen.has(input.value);
    } else if (answer.kind === 'cloze') {
      const input = item.querySelector<HTMLInputElement>('.quiz-cloze input');
      if (input) input.value = answer.text;
    } else if (question.kind === 'ordering') {
      const list = item.querySelector('.quiz-order');
      if (!list) return;
      const lis = new Map([...list.querySelectorAll<HTMLElement>(':scope > li')].map((li) => [li.dataset.item ?? '', li]));
      for (const id of answer.order) {
        const li = lis.get(id);
        if (li) list.append(li);
      }
    }
  }

  private items(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.quiz-item')];
  }

  get quizId(): string {
    return this.dataset.quizId ?? '';
  }

  get total(): number {
    return this.items().length;
  }

  /** Embed options: a chosen set of questions, shuffled order, explanations hidden. */
  private applyOptions(): void {
    const list = this.querySelector('.quiz-list');
    if (!list) return;
    const { ids, shuffle, explanations } = this.options;
    if (ids) {
      const wanted = new Set(ids);
      for (const item of this.items()) if (!wanted.has(item.dataset.qid ?? '')) item.remove();
    }
    if (shuffle) {
      const seed = Math.floor(Math.random() * 2 ** 32);
      for (const item of seededShuffle(this.items(), seed)) list.append(item);
      for (const options of this.querySelectorAll('.quiz-options')) {
        for (const li of seededShuffle([...options.children], seed + 1)) options.append(li);
      }
    }
    if (!explanations) for (const el of this.querySelectorAll('[data-why], [data-explanation]')) el.remove();
    this.items().forEach((item, i) => {
      const number = item.querySelector('.quiz-number');
      if (number) number.textContent = `Question ${i + 1}`;
    });
    const intro = this.querySelector('.quiz-intro');
    if (intro && (ids || shuffle)) intro.textContent = `${this.total} ${this.total === 1 ? 'question' : 'questions'}. Scored like the exam: all or nothing, no partial credit.`;
  }

  private enhanceItem(item: HTMLElement): void {
    item.querySelector<HTMLElement>('[data-actions]')?.removeAttribute('hidden');
    const details = item.querySelector<HTMLDetailsElement>('[data-answer]');
    if (details) details.hidden = true;
    const order = item.querySelector('.quiz-order');
    if (order) {
      for (const li of order.children) li.append(toDom(orderControlsMarkup(li.querySelector('.quiz-order-text')?.textContent ?? '')));
    }
  }

  private onKeydown = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'text') {
      event.preventDefault();
      const item = target.closest<HTMLElement>('.quiz-item');
      if (item) this.check(item);
    }
  };

  private onClick = (event: MouseEvent): void => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('button');
    if (!target || !this.contains(target)) return;
    const item = target.closest<HTMLElement>('.quiz-item');
    if (target.dataset.check !== undefined && item) this.check(item);
    else if (target.dataset.move && item) this.move(target);
    else if (target.dataset.restart !== undefined) this.restart();
  };

  private move(button: HTMLElement): void {
    const li = button.closest('li');
    const list = li?.parentElement;
    if (!li || !list || li.closest('.quiz-item')?.getAttribute('data-state')) return;
    if (button.dataset.move === 'up' && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
    else if (button.dataset.move === 'down' && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
    button.focus();
    const position = [...list.children].indexOf(li) + 1;
    const feedback = li.closest('.quiz-item')?.querySelector('[data-feedback]');
    if (feedback) feedback.textContent = `Moved to position ${position} of ${list.children.length}.`;
  }

  /** Scores one question and shows the feedback, synchronously; storage follows asynchronously. */
  check(item: HTMLElement): void {
    const id = item.dataset.qid ?? '';
    const question = this.questions.get(id);
    const feedback = item.querySelector<HTMLElement>('[data-feedback]');
    if (!question || !feedback || this.results.has(id)) return;
    const answer = readAnswer(item, question);
    const result = scoreAnswer(question, answer);
    if (result.outcome === 'unanswered') {
      feedback.textContent = question.kind === 'cloze' ? 'Type the missing term first.' : 'Choose an answer first.';
      return;
    }
    this.showResult(item, question, answer, result);
    const correct = result.outcome === 'correct';
    feedback.tabIndex = -1;
    feedback.focus();
    const detail: QuizAnsweredDetail = { quizId: this.quizId, questionId: id, correct, answer, answered: this.results.size, total: this.total };
    this.dispatchEvent(new CustomEvent('quiz-answered', { detail, bubbles: true, composed: true }));
    if (this.results.size === this.total) this.complete();
    this.save(item, feedback, id, answer, result);
  }

  /** Marks one question answered: options right and wrong, feedback in words, explanation open. */
  private showResult(item: HTMLElement, question: ScoredQuestion, answer: Answer, result: ScoreResult, earlier?: number): void {
    const feedback = item.querySelector<HTMLElement>('[data-feedback]');
    if (!feedback) return;
    this.results.set(question.id, result);
    const correct = result.outcome === 'correct';
    item.dataset.state = correct ? 'correct' : 'incorrect';
    if (question.kind === 'choice' || question.kind === 'truefalse') {
      const chosen = new Set(answer.kind === 'choice' ? answer.selected : []);
      for (const li of item.querySelectorAll<HTMLElement>('.quiz-options > li')) {
        const option = question.options.find((o) => o.id === li.dataset.option);
        li.dataset.result = option?.correct ? 'correct' : chosen.has(li.dataset.option ?? '') ? 'wrong' : '';
        li.querySelector<HTMLElement>('[data-why]')?.removeAttribute('hidden');
      }
    }
    for (const input of item.querySelectorAll<HTMLInputElement>('input')) input.disabled = true;
    for (const button of item.querySelectorAll<HTMLButtonElement>('.quiz-move')) button.disabled = true;
    item.querySelector<HTMLElement>('[data-actions]')?.setAttribute('hidden', '');
    const mistakes = correct ? '' : orderingMistakesText(question, answer);
    const when = earlier === undefined ? '' : ` (Your answer of ${new Date(earlier).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.)`;
    feedback.textContent = `${correct ? 'Correct.' : `Incorrect. The answer is: ${correctAnswerText(question)}.`}${mistakes ? ` ${mistakes}` : ''}${when}`;
    const details = item.querySelector<HTMLDetailsElement>('[data-answer]');
    if (details && this.options.explanations) {
      details.hidden = false;
      details.open = true;
    }
  }

  /** After a restore: the score when every question has an answer, else how many are shown, and "Start again". */
  private showSummary(restored: number): void {
    const footer = this.querySelector<HTMLElement>('[data-footer]');
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    footer?.removeAttribute('hidden');
    this.querySelector<HTMLElement>('[data-restart]')?.removeAttribute('hidden');
    if (!summary) return;
    const correct = [...this.results.values()].filter((r) => r.outcome === 'correct').length;
    summary.textContent =
      this.results.size === this.total
        ? `You scored ${correct} of ${this.total} (${this.total === 0 ? 0 : Math.floor((correct / this.total) * 100)}%).`
        : `Your earlier ${restored === 1 ? 'answer is' : 'answers are'} shown (${restored} of ${this.total} questions). Start again to answer every question anew.`;
  }

  private complete(): void {
    const correct = [...this.results.values()].filter((r) => r.outcome === 'correct').length;
    const total = this.total;
    const percent = total === 0 ? 0 : Math.floor((correct / total) * 100);
    const footer = this.querySelector<HTMLElement>('[data-footer]');
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    footer?.removeAttribute('hidden');
    this.querySelector<HTMLElement>('[data-restart]')?.removeAttribute('hidden');
    if (summary) summary.textContent = `You scored ${correct} of ${total} (${percent}%).`;
    const detail: QuizCompletedDetail = { quizId: this.quizId, correct, total, percent };
    this.dispatchEvent(new CustomEvent('quiz-completed', { detail, bubbles: true, composed: true }));
  }

  private restart(): void {
    this.results.clear();
    for (const item of this.items()) {
      delete item.dataset.state;
      for (const input of item.querySelectorAll<HTMLInputElement>('input')) {
        input.disabled = false;
        input.checked = false;
        if (input.type === 'text') input.value = '';
      }
      for (const button of item.querySelectorAll<HTMLButtonElement>('.quiz-move')) button.disabled = false;
      for (const li of item.querySelectorAll<HTMLElement>('.quiz-options > li')) delete li.dataset.result;
      for (const why of item.querySelectorAll<HTMLElement>('[data-why]')) why.hidden = true;
      item.querySelector<HTMLElement>('[data-actions]')?.removeAttribute('hidden');
      const feedback = item.querySelector<HTMLElement>('[data-feedback]');
      if (feedback) feedback.textContent = '';
      const details = item.querySelector<HTMLDetailsElement>('[data-answer]');
      if (details) {
        details.hidden = true;
        details.open = false;
      }
    }
    this.querySelector<HTMLElement>('[data-footer]')?.setAttribute('hidden', '');
    this.querySelector<HTMLElement>('.quiz-item input, .quiz-item button')?.focus();
  }

  /**
   * Storage loads on the first answer. A failed load is not kept, so the next attempt (an automatic
   * retry, or the learner's Retry) loads it again: a network blip must not turn into lost answers.
   */
  private loadStore(): Promise<QuizStore> {
    this.store ??= (
      this.dataset.context === 'embed'
        ? import('../embed/embed-store').then((m) => m.createEmbedStore(this.quizId, this.options.origin ?? (document.referrer ? new URL(document.referrer).origin : null)))
        : import('./quiz-store').then((m) => m.createQuizStore(this.dataset.context === 'tag' ? 'tag' : 'lesson', this.dataset.lessonSlug ?? null))
    ).catch((error: unknown) => {
      this.store = undefined;
      throw error;
    });
    return this.store;
  }

  /**
   * Stores one answer. The quiz never waits for it: feedback is already shown, and a browser without
   * storage still gets a working quiz. A failure is said under the question's feedback, the answer
   * stays on screen and in memory, and it is written as soon as a retry succeeds.
   */
  private save(item: HTMLElement, feedback: HTMLElement, questionId: string, answer: Answer, result: ScoreResult): void {
    const notice = () => import('../storage-notice/storage-notice');
    // The notice is a second telling (loaded on demand); the message under the question says it already.
    const noNotice = () => undefined;
    let status = this.saveStatuses.get(questionId);
    if (!status) {
      const embed = this.dataset.context === 'embed';
      status = createSaveStatus({
        retryLabel: 'Retry saving',
        // On the site the page also says that progress is not kept; an embed is someone else's
        // page, so there the message under the question is all.
        ...(embed
          ? {}
          : {
              onFailure: (error: unknown) => void notice().then((m) => m.showStorageNotice(error), noNotice),
              onRecovered: () => void notice().then((m) => m.withdrawStorageNotice(), noNotice),
            }),
      });
      this.saveStatuses.set(questionId, status);
    }
    if (!status.element.isConnected) feedback.after(status.element);
    const answeredAt = Date.now();
    void status.save({
      what: 'Your answer',
      write: async () => (await this.loadStore()).save(questionId, answer, result, answeredAt),
      // Marks the answer as kept (tests wait on it before leaving the page).
      onSaved: () => {
        item.dataset.saved = 'true';
      },
    });
  }
}

if (!customElements.get('ami-quiz')) customElements.define('ami-quiz', AmiQuiz);
