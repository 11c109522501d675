/**
 * The embed's postMessage protocol (documented for instructors on /embed-guide/).
 *
 * Embed → host: `{ source: 'ami-lab', version: 1, quizId, type, ... }` with type
 *   `ready` (total), `resize` (height in CSS px), `answered` (questionId, correct, answered,
 *   total), `completed` (correct, total, percent); lab embeds (quizId `lab:<scenario>`) also
 *   `goal` (goalId, met, total), and their `completed` counts goals met as `correct`.
 * Host → embed: `{ source: 'ami-lab-host', type: 'hello' }`, which tells the embed the host's
 *   origin (when the iframe URL and the referrer do not) and asks for the current height.
 *
 * zod/mini (not classic zod) because these schemas ship in the embed page, whose JavaScript
 * budget is 60 KB gzip: the mini build tree-shakes to a few KB.
 */
import * as z from 'zod/mini';

const envelope = { source: z.literal('ami-lab'), version: z.literal(1), quizId: z.string() };

export const embedMessageSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('ready'), total: z.number() }),
  z.object({ ...envelope, type: z.literal('resize'), height: z.number() }),
  z.object({ ...envelope, type: z.literal('answered'), questionId: z.string(), correct: z.boolean(), answered: z.number(), total: z.number() }),
  z.object({ ...envelope, type: z.literal('completed'), correct: z.number(), total: z.number(), percent: z.number() }),
  // Lab scenario embeds (quizId `lab:<scenario>`): a goal met; `correct` in `completed` is goals met.
  z.object({ ...envelope, type: z.literal('goal'), goalId: z.string(), met: z.number(), total: z.number() }),
  z.object({ ...envelope, type: z.literal('xapi'), statement: z.record(z.string(), z.unknown()) }),
  z.object({ ...envelope, type: z.literal('lrs-error'), message: z.string() }),
]);
export type EmbedMessage = z.infer<typeof embedMessageSchema>;

export const hostMessageSchema = z.object({ source: z.literal('ami-lab-host'), type: z.literal('hello') });

type Body<T> = T extends unknown ? Omit<T, 'source' | 'version' | 'quizId'> : never;
export type EmbedMessageBody = Body<EmbedMessage>;
