/** The player's stylesheet for LMS packages (the site's own, plus a few player rules). */
import type { APIRoute } from 'astro';
import { playerAssets } from '../../packaging/player-bundle';

export const GET: APIRoute = async () => new Response((await playerAssets()).css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
