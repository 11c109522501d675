/**
 * Queries over the lessons' questions for pages: by lesson, by tag (nested tags included), all.
 */
import type { Question, ScoredQuestion } from '../content-pipeline/questions/schema';
import { isScored } from '../content-pipeline/questions/schema';
import { hasTag } from '../learning/exam';
export { displayOrder } from '../learning/random';
import { getLessons, getTags, tagSlug, type LessonEntry } from './lessons';

export function lessonQuestions(lesson: LessonEntry): ScoredQuestion[] {
  return lesson.data.questions.filter(isScored);
}

/** Every question and card of the vault, in lesson order. */
export async function getAllQuestions(): Promise<Question[]> {
  return (await getLessons()).flatMap((l) => l.data.questions);
}

export interface TagQuiz {
  tag: string;
  slug: string;
  questions: ScoredQuestion[];
}

/** One quiz per tag (and parent tag) that has at least one scored question. */
export async function getTagQuizzes(): Promise<TagQuiz[]> {
  const all = (await getAllQuestions()).filter(isScored);
  return (await getTags())
    .map((t) => ({ tag: t.tag, slug: tagSlug(t.tag), questions: all.filter((q) => hasTag(q, t.tag)) }))
    .filter((t) => t.questions.length > 0);
}

/** Link from a question to the place in its note it came from. */
export function questionSourceUrl(base: string, question: Question): string {
  const anchor = question.source.anchor ? `#${encodeURIComponent(question.source.anchor).replace(/%5E/g, '^')}` : '';
  return `${base}notes/${question.source.slug}/${anchor}`;
}
