/** The lab package's stylesheet (the site's and the lab's). */
import type { APIRoute } from 'astro';
import { labPlayerAssets } from '../../packaging/lab-player-bundle';

export const GET: APIRoute = async () => new Response((await labPlayerAssets()).css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
