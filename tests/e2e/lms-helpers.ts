/**
 * Shared by the LMS browser tests: a small quiz with one question of each kind, packages made by
 * the same functions the assignment builder uses, and a loopback server that plays the LMS side
 * (its pages, scorm-again's runtime, the package files unzipped as an LMS would).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type FrameLocator, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import type { ScoredQuestion } from '../../src/content-pipeline/questions/schema';
import { packageFiles, zipPackage, type PackageFormat, type PlaySpec } from '../../src/packaging/package';
import { playerAssets } from '../../src/packaging/player-bundle';
import { answerQuestion } from './quiz-helpers';

/** The runtime's classic scripts (they define window.Scorm12API / Scorm2004API), not its ES modules. */
const require = createRequire(import.meta.url);

const source = { path: 'AMIs.md', slug: 'amis', title: 'AMIs', heading: null, anchor: null, line: 1 };
const common = { origin: 'authored' as const, explanation: 'Because the note says so.', source, tags: ['aws/ec2'] };

/** One question of each scored kind, with explicit ids and answers. */
export const QUESTIONS: ScoredQuestion[] = [
  {
    ...common,
    id: 'q-share',
    kind: 'choice',
    stem: 'Who can launch a private AMI?',
    choose: 1,
    options: [
      { id: 'a', text: 'Only the owner and accounts it is shared with', correct: true, explanation: '' },
      { id: 'b', text: 'Any AWS account', correct: false, explanation: '' },
      { id: 'c', text: 'Nobody', correct: false, explanation: '' },
    ],
  },
  {
    ...common,
    id: 'q-copy',
    kind: 'choice',
    stem: 'Which two can a copy of an AMI change?',
    choose: 2,
    options: [
      { id: 'a', text: 'Region', correct: true, explanation: '' },
      { id: 'b', text: 'Encryption key', correct: true, explanation: '' },
      { id: 'c', text: 'Instance ID', correct: false, explanation: '' },
    ],
  },
  {
    ...common,
    id: 'q-tf',
    kind: 'truefalse',
    stem: 'True or false: an AMI is regional.',
    choose: 1,
    options: [
      { id: 'a', text: 'True', correct: true, explanation: '' },
      { id: 'b', text: 'False', correct: false, explanation: '' },
    ],
  },
  { ...common, id: 'q-cloze', kind: 'cloze', stem: 'EBS snapshots are stored in ____.', before: 'EBS snapshots are stored in', after: '.', answers: ['Amazon S3', 'S3'] },
  {
    ...common,
    id: 'q-order',
    kind: 'ordering',
    stem: 'Put the steps in order.',
    items: [
      { id: 'a', text: 'Launch an instance' },
      { id: 'b', text: 'Configure it' },
      { id: 'c', text: 'Create an image' },
    ],
  },
];

export function fixtureSpec(overrides: Partial<PlaySpec> = {}): PlaySpec {
  return { id: 'lesson:amis', title: 'Quiz: AMIs', questions: QUESTIONS, mastery: 80, timeLimit: 0, shuffle: false, seed: 7, ...overrides };
}

/** A package as an instructor downloads it, unzipped as an LMS unpacks it on import. */
export async function unpackedPackage(spec: PlaySpec, format: PackageFormat): Promise<Record<string, string>> {
  const zip = zipPackage(packageFiles(spec, format, await playerAssets(), 'https://ami-lab.example'));
  const files: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(unzipSync(zip))) files[path] = strFromU8(bytes);
  return files;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => boolean;

/** A loopback server: package files under /pkg/<name>/, scorm-again under /vendor/, plus handlers. */
export async function startServer(packages: Record<string, Record<string, string>>, pages: Record<string, string>, extra?: Handler) {
  const vendor: Record<string, string> = {
    '/vendor/scorm12.js': readFileSync(require.resolve('scorm-again/scorm12/min'), 'utf8'),
    '/vendor/scorm2004.js': readFileSync(require.resolve('scorm-again/scorm2004/min'), 'utf8'),
  };
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', xml: 'application/xml' };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (extra?.(req, res, url, body)) return;
      const match = /^\/pkg\/([^/]+)\/(.+)$/.exec(url.pathname);
      const text = match ? packages[match[1] ?? '']?.[match[2] ?? ''] : (vendor[url.pathname] ?? pages[url.pathname]);
      if (text === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': types[url.pathname.split('.').pop() ?? ''] ?? 'text/html; charset=utf-8' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Answers the player's question `id` (right, or wrong) and checks it. */
export async function answerInPlayer(frame: FrameLocator | Page, id: string, wrong = false): Promise<void> {
  const question = QUESTIONS.find((q) => q.id === id);
  if (!question) throw new Error(`no question ${id}`);
  const item = frame.locator(`.quiz-item[data-qid="${id}"]`);
  await answerQuestion(item, question, { wrong });
  await item.getByRole('button', { name: 'Check answer' }).click();
  await expect(item.getByRole('status').first()).toHaveText(wrong ? /^Incorrect/ : 'Correct.');
}

/** The LMS side: scorm-again's runtime on the page (window.API / API_1484_11), the SCO in an iframe; what it recorded goes to window.__cmi on every commit. */
export function lmsPage(version: '1.2' | '2004'): string {
  const runtime = version === '1.2' ? 'scorm12' : 'scorm2004';
  const setup =
    version === '1.2'
      ? `api.cmi.core.entry = saved ? 'resume' : 'ab-initio'; api.cmi.student_data.mastery_score = mastery; if (maxTime) api.cmi.student_data.max_time_allowed = maxTime;`
      : `api.cmi.entry = saved ? 'resume' : 'ab-initio'; api.cmi.scaled_passing_score = String(Number(mastery) / 100); if (maxTime) api.cmi.max_time_allowed = maxTime;`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/vendor/${runtime}.js"></script></head><body>
<h1>Test LMS (SCORM ${version})</h1><button id="close" type="button">Close the activity</button><div id="slot"></div>
<script>
  const saved = window.__lmsSaved || null;
  const mastery = window.__lmsMastery || '80';
  const maxTime = window.__lmsMaxTime || '';
  const api = new ${version === '1.2' ? 'Scorm12API' : 'Scorm2004API'}({ logLevel: 5, autocommit: false });
  if (saved) api.loadFromJSON(saved);
  ${setup}
  window.${version === '1.2' ? 'API' : 'API_1484_11'} = api;
  window.__events = [];
  const record = (name) => () => { window.__events.push(name); window.__cmi = api.renderCMIToJSONObject(); };
  api.on('${version === '1.2' ? 'LMSCommit' : 'Commit'}', record('commit'));
  api.on('${version === '1.2' ? 'LMSFinish' : 'Terminate'}', record('finish'));
  const frame = document.createElement('iframe');
  frame.src = '/pkg/${runtime}/index.html';
  frame.title = 'Activity';
  frame.style.cssText = 'width:100%;height:2400px;border:0';
  document.getElementById('slot').append(frame);
  document.getElementById('close').addEventListener('click', () => frame.remove());
</script></body></html>`;
}

/** An xAPI statement as the test LRS keeps it (the fields the cmi5 tests read). */
export interface Statement {
  id?: string;
  actor: { mbox?: string; account?: { name: string } };
  verb: { id: string };
  object: { id: string; definition?: { type?: string; interactionType?: string } };
  result?: {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: boolean;
    completion?: boolean;
    duration?: string;
    response?: string;
    extensions?: Record<string, unknown>;
  };
  context?: { registration?: string; contextActivities?: { category?: Array<{ id: string }>; parent?: Array<{ id: string }> }; extensions?: Record<string, unknown> };
}

/** A minimal LRS: enough of xAPI 1.0.3 for a cmi5 AU, everything kept in memory. */
export function createLrs() {
  const statements: Statement[] = [];
  const states = new Map<string, string>();
  const tokens = new Set<string>();
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  };
  let fetches = 0;
  return {
    statements,
    states,
    newFetchUrl: (base: string) => {
      fetches += 1;
      return `${base}/fetch/${fetches}`;
    },
    handle: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL, body: string) => {
      const send = (status: number, value?: unknown): true => {
        res.writeHead(status, { ...cors, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' });
        res.end(value === undefined ? '' : JSON.stringify(value));
        return true;
      };
      if (req.method === 'OPTIONS') return send(204);
      if (url.pathname.startsWith('/fetch/')) {
        const token = `token-${url.pathname.slice(7)}`;
        tokens.add(token);
        return send(200, { 'auth-token': token });
      }
      if (!url.pathname.startsWith('/xapi/')) return false;
      const auth = (req.headers.authorization ?? '').replace(/^Basic /, '');
      if (!tokens.has(auth)) return send(401, { error: 'unknown token' });
      const resource = url.pathname.slice('/xapi/'.length);
      if (resource === 'statements') {
        if (req.method === 'GET') return send(200, { statements, more: '' });
        const list = (Array.isArray(JSON.parse(body)) ? JSON.parse(body) : [JSON.parse(body)]) as Statement[];
        const stored = list.map((s) => ({ ...s, id: s.id ?? randomUUID() }));
        statements.push(...stored);
        return send(
          200,
          stored.map((s) => s.id),
        );
      }
      if (resource === 'activities/state') {
        const key = `${url.searchParams.get('activityId')}|${url.searchParams.get('registration')}|${url.searchParams.get('stateId')}`;
        if (req.method === 'GET') {
          const value = states.get(key);
          return value === undefined ? send(404) : send(200, JSON.parse(value));
        }
        states.set(key, body);
        return send(204);
      }
      if (resource === 'agents/profile') return send(404);
      return send(404);
    },
  };
}
