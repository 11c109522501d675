/** The lab that goes inside lab scenario packages (src/packaging/lab-player-bundle.ts), fetched by /assign/ when it zips one. */
import type { APIRoute } from 'astro';
import { labPlayerAssets } from '../../packaging/lab-player-bundle';

export const GET: APIRoute = async () => new Response((await labPlayerAssets()).js, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
