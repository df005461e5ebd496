import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { codeBlocks, readmeSection, REPO_ROOT, type CodeBlock } from '../helpers/readme.js';

/**
 * The README's "Run your own library" walk-through, run as written: each shell block in a shell,
 * in order, from the repository's folder. Only the values of the two variables the README tells
 * the operator to set (DATABASE_URL and PORT) are the test's own; then HTTP shows the outcome.
 */

const README_BASE = 'http://localhost:8787';
let dir: string;
let port: number;
let section: CodeBlock[];
let environment: string;
let serving: ChildProcess | undefined;
let served = '';
const outputs: string[] = [];

before(async () => {
  const bin = join(REPO_ROOT, 'node_modules/.bin/talking-library');
  // Without the link npx would look for a package of that name on the registry: refuse instead.
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm install\` (it links the talking-library command).`);
  if (!existsSync(join(REPO_ROOT, 'server/dist/cli.js'))) throw new Error('server/dist is missing: run `npm run build` first (npm test does).');
  section = codeBlocks(await readmeSection('Run your own library'));
  dir = await mkdtemp(join(tmpdir(), 'tl-readme-operator-'));
  port = await freePort();
  const [first] = section;
  assert.equal(first?.lang, 'sh');
  const exports = first.code.trim().split('\n');
  assert.deepEqual(exports.map((line) => /^export (\w+)=/.exec(line)?.[1]), ['DATABASE_URL', 'PORT'], 'the first block sets DATABASE_URL and PORT, nothing else');
  environment = `export DATABASE_URL=file:${join(dir, 'commons.db')}\nexport PORT=${port}\n`;
});

after(async () => {
  if (serving?.pid) {
    process.kill(-serving.pid, 'SIGTERM');
    await new Promise((resolve) => serving!.once('exit', resolve));
  }
  await rm(dir, { recursive: true, force: true });
});

/** Each shell command of the walk-through, in a bash that stops at the first failure. */
function shell(script: string) {
  return promisify(execFile)('bash', ['-euo', 'pipefail', '-c', environment + script], { cwd: REPO_ROOT, env: childEnv() });
}

/** The test's environment without the variables the README sets, and no registry for npx to reach. */
function childEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, PORT: __, NODE_ENV: ___, SECRET_KEY: ____, HOST: _____, ...rest } = process.env;
  return { ...rest, npm_config_offline: 'true', npm_config_yes: 'false' };
}

const api = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);

test('every command of the walk-through runs, and the new library is served on the operator’s site with her pk_', async () => {
  const shells = section.slice(1).filter((b) => b.lang === 'sh');
  assert.ok(shells.length >= 2, 'a setup block and a serve block');
  for (const block of shells) {
    if (/talking-library serve\b/.test(block.code)) {
      await startServing(block.code);
    } else {
      const { stdout } = await shell(block.code);
      outputs.push(stdout);
    }
  }
  assert.ok(serving, 'the walk-through starts the server');

  const commands = shells.map((b) => b.code).join('\n');
  const slug = /create-library --slug (\S+)/.exec(commands)?.[1];
  const origin = /create-partner .*--origin (\S+)/.exec(commands)?.[1];
  const email = /create-coordinator .*--email (\S+)/.exec(commands)?.[1];
  assert.ok(slug && origin && email, 'the walk-through creates a library, a partner with an origin, and a coordinator');
  const publishableKey = outputs.join('\n').split('\n').find((line) => /^pk_\S+$/.test(line));
  assert.ok(publishableKey, 'create-partner printed the pk_ on a line of its own');

  // The embed snippet, with her key where the README says to put it.
  const snippet = section.find((b) => b.lang === 'html')?.code ?? '';
  assert.match(snippet, new RegExp(`library="${slug}"`));
  assert.match(snippet, /publishable-key="pk_…"/);
  const script = /<script type="module" src="([^"]+)"/.exec(snippet)?.[1] ?? '';
  const apiAttribute = /api="([^"]+)"/.exec(snippet)?.[1] ?? '';
  assert.equal(apiAttribute, README_BASE);
  const bundle = await api(script.replace(README_BASE, ''));
  assert.equal(bundle.status, 200, `the snippet's script ${script}`);
  assert.match(bundle.headers.get('content-type') ?? '', /javascript/);

  // From her site, the widget's first call: her key, her origin.
  const library = await api(`/v1/libraries/${slug}`, { headers: { 'x-tl-key': publishableKey, origin } });
  assert.equal(library.status, 200);
  assert.equal(library.headers.get('access-control-allow-origin'), origin);
  assert.equal(((await library.json()) as { name: string }).name, 'The Improvement Commons');
  const elsewhere = await api(`/v1/libraries/${slug}`, { headers: { 'x-tl-key': publishableKey, origin: 'https://elsewhere.example' } });
  assert.equal(elsewhere.status, 403, 'the key works only from the origins she listed');

  // She signs in by email as the library's coordinator; without SMTP the code is in the server's output.
  const post = (path: string, body: unknown) =>
    api(`/v1/libraries/${slug}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tl-key': publishableKey, origin }, body: JSON.stringify(body) });
  assert.equal((await post('/email-links', { email })).status, 202);
  const code = await waitFor(() => new RegExp(`to ${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*?\\b(\\d{6})\\b`, 'i').exec(served)?.[1]);
  const session = await post('/email-links/verify', { email, code });
  assert.equal(session.status, 201, await session.clone().text());
  const { sessionToken } = (await session.json()) as { sessionToken: string };
  const me = await api(`/v1/libraries/${slug}/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
  assert.ok(((await me.json()) as { roles: string[] }).roles.includes('coordinator'));
});

async function startServing(script: string): Promise<void> {
  // Its own process group, so the server and the npx that started it stop together.
  serving = spawn('bash', ['-euo', 'pipefail', '-c', environment + script], { cwd: REPO_ROOT, env: childEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  serving.stdout!.on('data', (chunk: Buffer) => (served += chunk.toString()));
  serving.stderr!.on('data', (chunk: Buffer) => (served += chunk.toString()));
  let exited = false;
  serving.once('exit', () => (exited = true));
  await waitFor(async () => {
    if (exited) throw new Error(`the server stopped:\n${served}`);
    return (await api('/v1/health').catch(() => undefined))?.ok || undefined;
  });
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, attempts = 240): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting; the server printed:\n${served}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
