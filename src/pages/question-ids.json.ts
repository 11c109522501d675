/**
 * The id of every question and card, in lesson order: all the home page's "due today" count needs.
 * It read them out of questions.json before, whose parse (416 KB for the ten shipped notes, megabytes
 * for a large vault) was a long task of 150–540 ms with the CPU slowed four times, most of the home
 * page's Total Blocking Time.
 */
import type { APIRoute } from 'astro';
import { getAllQuestions } from '../data/questions';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify((await getAllQuestions()).map((question) => question.id)), { headers: { 'Content-Type': 'application/json' } });
