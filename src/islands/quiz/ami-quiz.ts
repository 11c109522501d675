/**
 * <ami-quiz>: enhances a server-rendered quiz (see components/Quiz.astro). Framework-free on
 * purpose: a lesson page's whole JavaScript budget is 60 KB gzip and react-dom alone is ~57 KB.
 * Answering is synchronous DOM work (feedback paints in the frame of the click); storage (Dexie)
 * loads on the first answer, through a dynamic import, never at page load.
 *
 * Events (bubbling, composed): `quiz-answered` and `quiz-completed`, with the details below. The
 * embed bridge forwards them to the host page.
 */
import type { Answer, ScoredQuestion } from '../../content-pipeline/questions/schema';
import { seededShuffle } from '../../learning/random';
import { scoreAnswer, type ScoreResult } from '../../learning/score-answer';
import { parseEmbedOptions, type EmbedOptions } from '../embed/options';

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

/** What a quiz stores; implemented by the lesson/tag store and by the embed store. */
export interface QuizStore {
  save(questionId: string, answer: Answer, result: ScoreResult, now: number): Promise<void>;
}

function readAnswer(item: HTMLElement, question: ScoredQuestion): Answer {
  if (question.kind === 'cloze') {
    return { kind: 'cloze', text: item.querySelector<HTMLInputElement>('.quiz-cloze input')?.value ?? '' };
  }
  if (question.kind === 'ordering') {
    return { kind: 'ordering', order: [...item.querySelectorAll<HTMLElement>('.quiz-order > li')].map((li) => li.dataset.item ?? '') };
  }
  return { kind: 'choice', selected: [...item.querySelectorAll<HTMLInputElement>('.quiz-options input:checked')].map((i) => i.value) };
}

function correctText(question: ScoredQuestion): string {
  if (question.kind === 'cloze') return question.answers[0] ?? '';
  if (question.kind === 'ordering') return question.items.map((i, n) => `${n + 1}. ${i.text}`).join(', ');
  return question.options.filter((o) => o.correct).map((o) => o.text).join(' + ');
}

export class AmiQuiz extends HTMLElement {
  private questions = new Map<string, ScoredQuestion>();
  private results = new Map<string, ScoreResult>();
  private options: EmbedOptions = { theme: null, shuffle: false, explanations: true, ids: null, origin: null };
  private store: Promise<QuizStore | null> | undefined;

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
      for (const li of order.children) {
        const text = li.querySelector('.quiz-order-text')?.textContent ?? '';
        const controls = document.createElement('span');
        controls.className = 'quiz-order-controls';
        for (const [dir, symbol] of [['up', '↑'], ['down', '↓']] as const) {
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'quiz-move';
          button.dataset.move = dir;
          button.textContent = symbol;
          button.setAttribute('aria-label', `Move “${text}” ${dir}`);
          controls.append(button);
        }
        li.append(controls);
      }
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
    this.results.set(id, result);
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
    feedback.textContent = correct ? 'Correct.' : `Incorrect. The answer is: ${correctText(question)}.`;
    feedback.tabIndex = -1;
    feedback.focus();
    const details = item.querySelector<HTMLDetailsElement>('[data-answer]');
    if (details && this.options.explanations) {
      details.hidden = false;
      details.open = true;
    }
    const detail: QuizAnsweredDetail = { quizId: this.quizId, questionId: id, correct, answer, answered: this.results.size, total: this.total };
    this.dispatchEvent(new CustomEvent('quiz-answered', { detail, bubbles: true, composed: true }));
    if (this.results.size === this.total) this.complete();
    void this.save(id, answer, result);
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

  /** Storage loads on the first answer; a browser without storage still gets a working quiz. */
  private async save(questionId: string, answer: Answer, result: ScoreResult): Promise<void> {
    this.store ??= (
      this.dataset.context === 'embed'
        ? import('../embed/embed-store').then((m) => m.createEmbedStore(this.quizId, this.options.origin ?? (document.referrer ? new URL(document.referrer).origin : null)))
        : import('./quiz-store').then((m) => m.createQuizStore(this.dataset.context === 'tag' ? 'tag' : 'lesson', this.dataset.lessonSlug ?? null))
    ).catch(() => null);
    const item = this.querySelector<HTMLElement>(`.quiz-item[data-qid="${CSS.escape(questionId)}"]`);
    try {
      const store = await this.store;
      await store?.save(questionId, answer, result, Date.now());
      // Marks the answer as kept (tests wait on it before leaving the page; so could a UI).
      if (item && store) item.dataset.saved = 'true';
    } catch (error) {
      // Storage can be unavailable (private mode, blocked third-party storage): the quiz still works.
      // On the site the learner is told their answers are not kept; an embed is someone else's page.
      if (this.dataset.context !== 'embed') void import('../storage-notice/storage-notice').then((m) => m.showStorageNotice(error));
    }
  }
}

if (!customElements.get('ami-quiz')) customElements.define('ami-quiz', AmiQuiz);
