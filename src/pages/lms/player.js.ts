/**
 * The quiz player that goes inside every LMS package (see src/packaging/player-bundle.ts): one
 * self-contained script, fetched by the assignment builder when it zips a package.
 */
import type { APIRoute } from 'astro';
import { playerAssets } from '../../packaging/player-bundle';

export const GET: APIRoute = async () => new Response((await playerAssets()).js, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
