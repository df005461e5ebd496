import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, schema, startServer, type MailMessage } from '@talking-library/server';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SECRET_KEY = 'ab'.repeat(32);
const production = { SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_URL: 'https://library.example', SECRET_KEY, NODE_ENV: 'production' };

/** A request with a Host header of our choosing (fetch always sends the real one). */
function withHost(url: string, host: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: { ...init.headers, host } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function inTempDir<T>(run: (databaseUrl: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-safe-'));
  try {
    return await run(`file:${join(dir, 'library.db')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('a development server', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('listens on 127.0.0.1 unless HOST says otherwise', () => {
    assert.equal(server.listeningOn, '127.0.0.1');
  });

  test('its demo sign-in and outbox refuse a page on another origin', async () => {
    const cases: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      // Another port of localhost is the same site but another origin.
      { origin: 'http://localhost:1', 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of cases) {
      const signIn = await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'coordinator' }, headers));
      assert.equal(signIn.status, 403, JSON.stringify(headers));
      assert.equal(signIn.body.code, 'development_only');
      const outbox = await server.request('/dev/outbox', { headers });
      assert.equal(outbox.status, 403, JSON.stringify(headers));
      assert.equal(outbox.headers.get('access-control-allow-origin'), null);
    }
  });

  test('its demo sign-in answers its own pages and tools that send no Origin', async () => {
    const own = await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' }, { origin: new URL(server.url).origin }));
    assert.equal(own.status, 201);
    const sameOrigin = await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' }, { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-origin' }));
    assert.equal(sameOrigin.status, 201, 'the browser says the page is ours, whatever name it used for the host');
    assert.equal((await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' }))).status, 201);
    assert.equal((await server.request('/dev/outbox')).status, 200);
  });
});

describe('a production server', () => {
  test('`talking-library serve` exits with a clear message instead of printing sign-in codes', async () => {
    await inTempDir(async (databaseUrl) => {
      const cli = join(import.meta.dirname, '../../server/src/cli.ts');
      const run = promisify(execFile)(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', cli, 'serve'], {
        env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: '0' },
      });
      const failed = await run.then(
        () => assert.fail('serve started'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /A production server needs:\n  SMTP_URL .*\n  PUBLIC_URL .*\n  SECRET_KEY/);
    });
  });

  test('refuses to start without SMTP_URL, PUBLIC_URL and SECRET_KEY, naming each', async () => {
    await inTempDir(async (databaseUrl) => {
      await assert.rejects(startServer({ databaseUrl, port: 0, quiet: true }, { NODE_ENV: 'production' }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['SMTP_URL', 'PUBLIC_URL', 'SECRET_KEY']) assert.match(error.message, new RegExp(name));
        return true;
      });
      for (const missing of ['SMTP_URL', 'PUBLIC_URL', 'SECRET_KEY']) {
        const env = { ...production, [missing]: '' };
        await assert.rejects(startServer({ databaseUrl, port: 0, quiet: true }, env), new RegExp(`needs:\\n  ${missing}`), missing);
      }
    });
  });

  test('does not seed the demo library, listens on every interface, and answers 404 on every development route', async () => {
    await inTempDir(async (databaseUrl) => {
      const mail: MailMessage[] = [];
      const server = await startServer({ databaseUrl, port: 0, quiet: true, seed: true, mailer: { send: async (m) => void mail.push(m) } }, production);
      try {
        assert.deepEqual(await server.db.select().from(schema.libraries), [], 'no demo library, no demo people');
        assert.ok(['::', '0.0.0.0'].includes(server.listeningOn), server.listeningOn);
        for (const path of ['/dev/outbox', '/v1/libraries/demo/dev/sessions', '/v1/dev/clock', '/v1/libraries/any/dev/anything']) {
          const res = await fetch(server.url + path, { method: path.endsWith('sessions') ? 'POST' : 'GET' });
          assert.equal(res.status, 404, path);
        }
        const doc = await (await fetch(`${server.url}/openapi.json`)).json();
        assert.ok(!Object.keys(doc.paths).some((path) => path.includes('/dev/')), 'no development routes in the document');
      } finally {
        await server.close();
      }
    });
  });
});

describe('the server’s own origin comes from PUBLIC_URL, never the Host header', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, publicUrl: 'https://library.example' })));
  after(() => server.close());

  test('a sign-in link may not lead to the origin a forged Host names', async () => {
    const body = JSON.stringify({ email: 'coordinator@demo.talking-library.test', redirectUrl: 'http://evil.example/steal' });
    const res = await withHost(`${server.url}/v1/libraries/demo/email-links`, 'evil.example', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'body.redirectUrl');
    assert.equal(server.outbox!.messages.length, 0, 'no mail carries a code to that site');
  });

  test('a sign-in link may lead to PUBLIC_URL', async () => {
    const res = await server.request('/v1/libraries/demo/email-links', send('POST', { email: 'own@example.org', redirectUrl: 'https://library.example/sign-in' }));
    assert.equal(res.status, 202);
    assert.match(server.outbox!.messages[0]!.text, /https:\/\/library\.example\/sign-in#tl-email=/);
  });

  test('a publishable key needs no listing on PUBLIC_URL, but a forged Host does not make another origin ours', async () => {
    const coordinator = bearer(await demoSession(server, 'coordinator'));
    const { body } = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Host check', allowedOrigins: [] }, coordinator));
    const own = await server.request('/v1/libraries/demo', { headers: { 'x-tl-key': body.publishableKey, origin: 'https://library.example' } });
    assert.equal(own.status, 200);
    const forged = await withHost(`${server.url}/v1/libraries/demo`, 'evil.example', { headers: { 'x-tl-key': body.publishableKey, origin: 'http://evil.example' } });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.code, 'origin_not_allowed');
  });
});
