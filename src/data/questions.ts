/**
 * Queries over the lessons' questions for pages: by lesson, by tag (nested tags included), all.
 */
import type { Question, ScoredQuestion } from '../content-pipeline/questions/schema';
import { isScored } from '../content-pipeline/questions/schema';
import { hasTag, selectTagQuiz } from '../learning/exam';
import { getLessons, getTags, lessonQuestionsOf, tagSlug, type LessonEntry } from './lessons';

export function lessonQuestions(lesson: LessonEntry): ScoredQuestion[] {
  return lessonQuestionsOf(lesson).filter(isScored);
}

let allQuestions: Question[] | undefined;
let tagQuizzes: TagQuiz[] | undefined;

/** Every question and card of the vault, in lesson order. Computed once per build. */
export async function getAllQuestions(): Promise<Question[]> {
  allQuestions ??= (await getLessons()).flatMap((l) => lessonQuestionsOf(l));
  return allQuestions;
}

export interface TagQuiz {
  tag: string;
  slug: string;
  /** The quiz itself: a spread of at most TAG_QUIZ_SIZE questions over the tag's lessons. */
  questions: ScoredQuestion[];
  /** How many scored questions the tag has in all (the practice exam draws from all of them). */
  available: number;
  /** How many lessons they come from. */
  lessons: number;
}

/** One quiz per tag (and parent tag) that has at least one scored question. Computed once per build. */
export async function getTagQuizzes(): Promise<TagQuiz[]> {
  if (!tagQuizzes) {
    const all = (await getAllQuestions()).filter(isScored);
    tagQuizzes = (await getTags())
      .map((t) => {
        const tagged = all.filter((q) => hasTag(q, t.tag));
        return {
          tag: t.tag,
          slug: tagSlug(t.tag),
          questions: selectTagQuiz(tagged),
          available: tagged.length,
          lessons: new Set(tagged.map((q) => q.source.path)).size,
        };
      })
      .filter((t) => t.available > 0);
  }
  return tagQuizzes;
}
