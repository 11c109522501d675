/**
 * Fetches the vault's questions (questions.json, written at build time) and validates them with
 * the pipeline's own zod schema before any scoring uses them: a stale cached file from an older
 * build must fail loudly, not score wrongly.
 */
import { z } from 'zod';
import { questionSchema, type Question } from '../../content-pipeline/questions/schema';
import { siteBase as base } from '../../base-url';

export type LoadResult = { ok: true; questions: Question[] } | { ok: false; message: string };

export async function loadQuestions(): Promise<LoadResult> {
  try {
    const response = await fetch(`${base}questions.json`);
    if (!response.ok) return { ok: false, message: `Questions could not be loaded (HTTP ${response.status}).` };
    const parsed = z.array(questionSchema).safeParse(await response.json());
    return parsed.success ? { ok: true, questions: parsed.data } : { ok: false, message: 'The question file does not match this version of the site. Reload the page.' };
  } catch {
    return { ok: false, message: 'Questions could not be loaded. Check your connection and reload.' };
  }
}
