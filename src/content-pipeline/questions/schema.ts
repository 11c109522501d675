/**
 * The shape of a question, from the pipeline to the page, the exam, the review queue and the embed.
 * Zod is the single source of truth: the content collection validates lessons against these
 * schemas, and the browser re-validates the JSON it fetches before scoring with it.
 *
 * Text is plain text (inline Markdown reduced to its words): questions are shown with
 * `textContent` in the browser, so nothing in a note can inject markup into a quiz or an embed.
 */
import { z } from 'zod';

/** Block-id alphabet (Obsidian allows Latin letters, digits and dashes). */
export const questionIdSchema = z.string().regex(/^[A-Za-z0-9-]+$/, 'ids use only letters, digits and dashes');

export const questionSourceSchema = z.object({
  /** Vault-relative note path. */
  path: z.string(),
  /** Lesson slug, for the link back to the lesson. */
  slug: z.string(),
  /** Lesson title, for "from <title>". */
  title: z.string(),
  /** Text of the heading the question sits under; null before the first heading. */
  heading: z.string().nullable(),
  /** Element id to link to: the question's block id for authored questions, else the heading id. */
  anchor: z.string().nullable(),
  /** 1-based line in the note. */
  line: z.number().int().positive(),
});
export type QuestionSource = z.infer<typeof questionSourceSchema>;

/** The four domains of the AWS Certified Solutions Architect – Associate (SAA-C03) exam guide. */
export const EXAM_DOMAINS = ['secure', 'resilient', 'high-performing', 'cost-optimized'] as const;
export const examDomainSchema = z.enum(EXAM_DOMAINS);
export type ExamDomain = z.infer<typeof examDomainSchema>;

const common = {
  /** Stable across rebuilds: review state and attempts are keyed by it. */
  id: questionIdSchema,
  /** Authored by the note's author, or generated from an exam fact, list or definition. */
  origin: z.enum(['authored', 'generated']),
  /** The question (for cards: the front). */
  stem: z.string().min(1),
  /** Why the answer is right; for generated questions it quotes the source sentence. */
  explanation: z.string(),
  /** Generated questions: the sentence they were made from, shown with the explanation. */
  sourceText: z.string().optional(),
  source: questionSourceSchema,
  /**
   * What the question is about, as the reader names it ("Amazon EFS › Performance": note title,
   * then the nearest heading that names something). Shown before the question, so a question read
   * away from its note (exam, review, embed) still has its subject.
   */
  context: z.string().optional(),
  /** Authored questions: the SAA-C03 domain, from the callout's `Domain:` line. */
  domain: examDomainSchema.optional(),
  /** Authored questions: the https page that backs the answer, from the callout's `Source:` line. */
  sourceUrl: z.url({ protocol: /^https$/ }).optional(),
  /** The note's tags, for tag quizzes and the exam report. */
  tags: z.array(z.string()),
};

export const choiceOptionSchema = z.object({
  /** Stable within the question (a, b, c…), so stored answers survive reordering on screen. */
  id: z.string().min(1),
  text: z.string().min(1),
  correct: z.boolean(),
  explanation: z.string(),
});

/** Single answer (choose 1) or multiple response (choose N), scored all or nothing. */
export const choiceQuestionSchema = z.object({
  ...common,
  kind: z.literal('choice'),
  options: z.array(choiceOptionSchema).min(2),
  /** How many options the learner must pick; equals the number of correct options. */
  choose: z.number().int().positive(),
});

/** True/false: two options, True and False, exactly one correct. */
export const trueFalseQuestionSchema = z.object({
  ...common,
  kind: z.literal('truefalse'),
  options: z.array(choiceOptionSchema).length(2),
  choose: z.literal(1),
});

/** Fill in one blank: `before ____ after`. */
export const clozeQuestionSchema = z.object({
  ...common,
  kind: z.literal('cloze'),
  before: z.string(),
  after: z.string(),
  /** Accepted answers (compared case- and punctuation-insensitively). */
  answers: z.array(z.string().min(1)).min(1),
});

/** Put the items in order; `items` is the correct order, the page shows them shuffled. */
export const orderingQuestionSchema = z.object({
  ...common,
  kind: z.literal('ordering'),
  items: z.array(z.object({ id: z.string().min(1), text: z.string().min(1) })).min(2),
});

/** Term/definition card: self-rated in review, never scored. */
export const cardQuestionSchema = z.object({
  ...common,
  kind: z.literal('card'),
  back: z.string().min(1),
});

export const questionSchema = z.discriminatedUnion('kind', [choiceQuestionSchema, trueFalseQuestionSchema, clozeQuestionSchema, orderingQuestionSchema, cardQuestionSchema]);

export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type ClozeQuestion = z.infer<typeof clozeQuestionSchema>;
export type OrderingQuestion = z.infer<typeof orderingQuestionSchema>;
export type CardQuestion = z.infer<typeof cardQuestionSchema>;
/** The question kinds that can be answered and scored (cards are only self-rated). */
export type ScoredQuestion = Exclude<Question, CardQuestion>;

export function isScored(question: Question): question is ScoredQuestion {
  return question.kind !== 'card';
}

/** A learner's answer, by question kind. */
export const answerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), selected: z.array(z.string()) }),
  z.object({ kind: z.literal('cloze'), text: z.string() }),
  z.object({ kind: z.literal('ordering'), order: z.array(z.string()) }),
]);
export type Answer = z.infer<typeof answerSchema>;
