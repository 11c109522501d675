/**
 * Every question and card as JSON, for the pages that work across lessons (practice exam, review,
 * the home page's "due today"). The browser validates it with the same zod schema.
 */
import type { APIRoute } from 'astro';
import { getAllQuestions } from '../data/questions';

export const GET: APIRoute = async () => new Response(JSON.stringify(await getAllQuestions()), { headers: { 'Content-Type': 'application/json' } });
