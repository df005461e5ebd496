import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  ApiError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  createClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UserAbortError,
} from '@talking-library/sdk';
import { DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { startScriptedServer } from '../helpers/scripted-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SESSION_BODY = '{"sessionToken":"t","member":{},"expiresAt":"2030-01-01T00:00:00Z"}';

describe('the SDK against a running API', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('reads health, the library and a profile with typed results', async () => {
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
    assert.equal((await client.health()).status, 'ok');
    const library = await client.libraries.get('demo');
    assert.equal(library.categories.length, 3);
    const page = await client.profiles.list('demo', { limit: 2 });
    assert.equal(page.data.length, 2);
    const profile = await client.profiles.get('demo', page.data[0]!.id);
    assert.equal(profile.displayName, page.data[0]!.displayName);
  });

  test('for await walks every profile across pages exactly once', async () => {
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
    const expected = (await server.read('/v1/libraries/demo/profiles?limit=100')).body.data.map((p: any) => p.id);
    const seen: string[] = [];
    for await (const profile of client.profiles.list('demo', { limit: 5 })) seen.push(profile.id);
    assert.deepEqual(seen, expected);
  });

  test('a 404 becomes a NotFoundError carrying the problem and the request id', async () => {
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
    const error = await client.libraries.get('atlantis').catch((e: unknown) => e);
    assert.ok(error instanceof NotFoundError);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'not_found');
    assert.match(error.requestId ?? '', /\w{8,}/);
    assert.equal(error.requestId, error.headers.get('x-request-id'));
  });

  test('a 400 becomes a BadRequestError whose field errors name the field', async () => {
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
    const error = await client.profiles.list('demo', { limit: 500 }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error instanceof BadRequestError);
    assert.match(error.fieldErrors['query.limit'] ?? '', /between 1 and 100/);
  });

  test('path values are escaped, so an id cannot reach another route', async () => {
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
    const error = await client.profiles.get('demo', '../../demo').catch((e: unknown) => e);
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.fieldErrors['path.id'] !== undefined, true);
  });
  test('a write whose answer was lost is retried and done once: the server replays its first answer', async () => {
    const coordinator = await server.request('/v1/libraries/demo/dev/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'coordinator' }) });
    // Between the SDK and the API: passes each request on, but drops the connection on the first answer.
    const lossy = await startScriptedServer(async (req, res, attempt) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      const answer = await fetch(server.url + req.url, { method: req.method!, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      if (attempt === 1) return res.socket?.destroy();
      // fetch decoded the body, so its encoding and length no longer describe what is passed on.
      const passed = Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length'));
      res.writeHead(answer.status, passed).end(await answer.text());
    });
    try {
      const client = createClient({ baseUrl: lossy.url, sessionToken: coordinator.body.sessionToken });
      const partner = await client.partners.create('demo', { name: 'Lost answer partner' });
      assert.equal(partner.name, 'Lost answer partner');
      assert.equal(lossy.requests.length, 2);
      const listed = (await client.partners.list('demo')).data;
      assert.equal(listed.filter((p) => p.name === 'Lost answer partner').length, 1, 'created once');
    } finally {
      await lossy.close();
    }
  });
});

describe('the SDK when the network misbehaves', () => {
  test('retries 503s, waiting as Retry-After says, then returns the answer', async () => {
    const api = await startScriptedServer((_req, res, attempt) => {
      if (attempt < 3) res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{"title":"Busy","status":503,"code":"busy","type":"about:blank"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"t","database":"ok"}');
    });
    try {
      const health = await createClient({ baseUrl: api.url }).health();
      assert.equal(health.status, 'ok');
      assert.equal(api.requests.length, 3);
    } finally {
      await api.close();
    }
  });

  test('does not retry a 404, and gives up on 5xx after maxRetries', async () => {
    const api = await startScriptedServer((req, res) => {
      const status = req.url?.includes('missing') ? 404 : 500;
      res.writeHead(status, { 'content-type': 'text/html', 'retry-after': '0' }).end('<h1>oops</h1>');
    });
    try {
      const client = createClient({ baseUrl: api.url, maxRetries: 1 });
      await assert.rejects(client.libraries.get('missing'), NotFoundError);
      assert.equal(api.requests.length, 1);
      const error = await client.libraries.get('broken').catch((e: unknown) => e);
      assert.ok(error instanceof InternalServerError);
      assert.equal(error.problem.status, 500, 'a non-JSON error body still yields a problem');
      assert.equal(api.requests.length, 3);
    } finally {
      await api.close();
    }
  });

  test('a write is retried after a 5xx with the same Idempotency-Key', async () => {
    const api = await startScriptedServer((_req, res, attempt) => {
      if (attempt < 3) res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{"title":"Busy","status":503,"code":"busy","type":"about:blank"}');
      else res.writeHead(201, { 'content-type': 'application/json' }).end(SESSION_BODY);
    });
    try {
      await createClient({ baseUrl: api.url }).sessions.exchange('demo', 'token');
      assert.equal(api.requests.length, 3);
      assert.equal(new Set(api.requests.map((r) => r.headers['idempotency-key'])).size, 1, 'one key across attempts');
    } finally {
      await api.close();
    }
  });

  test('a write is retried after the connection drops, with the same Idempotency-Key', async () => {
    const api = await startScriptedServer((_req, res, attempt) => {
      if (attempt === 1) res.socket?.destroy();
      else res.writeHead(201, { 'content-type': 'application/json' }).end(SESSION_BODY);
    });
    try {
      await createClient({ baseUrl: api.url }).sessions.exchange('demo', 'token');
      assert.equal(api.requests.length, 2);
      assert.equal(api.requests[0]!.headers['idempotency-key'], api.requests[1]!.headers['idempotency-key']);
    } finally {
      await api.close();
    }
  });

  test('a write still running elsewhere (409 request_in_progress) is retried after its Retry-After; another 409 is not', async () => {
    const api = await startScriptedServer((req, res, attempt) => {
      if (req.url?.includes('other')) res.writeHead(409, { 'content-type': 'application/problem+json' }).end('{"title":"Conflict","status":409,"code":"slug_taken","type":"about:blank"}');
      else if (attempt === 1) res.writeHead(409, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{"title":"In progress","status":409,"code":"request_in_progress","type":"about:blank"}');
      else res.writeHead(201, { 'content-type': 'application/json' }).end(SESSION_BODY);
    });
    try {
      const client = createClient({ baseUrl: api.url });
      await client.sessions.exchange('demo', 'token');
      assert.equal(api.requests.length, 2);
      assert.equal(api.requests[0]!.headers['idempotency-key'], api.requests[1]!.headers['idempotency-key']);
      await assert.rejects(client.sessions.exchange('other', 'token'), ConflictError);
      assert.equal(api.requests.length, 3, 'a real conflict is not repeated');
    } finally {
      await api.close();
    }
  });

  test('nothing waits out a Retry-After over a minute', async () => {
    const api = await startScriptedServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '900' }).end('{"title":"No","status":429,"code":"rate_limited","type":"about:blank"}');
    });
    try {
      const client = createClient({ baseUrl: api.url, maxRetries: 3 });
      const started = Date.now();
      await assert.rejects(client.sessions.exchange('demo', 'token'), RateLimitError);
      await assert.rejects(client.health(), RateLimitError);
      assert.equal(api.requests.length, 2, 'a 15-minute Retry-After is not waited out');
      assert.ok(Date.now() - started < 1000);
    } finally {
      await api.close();
    }
  });

  test('a write refused with 429 is retried with the same Idempotency-Key', async () => {
    const api = await startScriptedServer((_req, res, attempt) => {
      if (attempt === 1) res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{"title":"Slow down","status":429,"code":"rate_limited","type":"about:blank"}');
      else res.writeHead(201, { 'content-type': 'application/json' }).end(SESSION_BODY);
    });
    try {
      await createClient({ baseUrl: api.url }).sessions.exchange('demo', 'token');
      assert.equal(api.requests.length, 2);
      const keys = api.requests.map((r) => r.headers['idempotency-key']);
      assert.match(keys[0] as string, /^[0-9a-f-]{36}$/);
      assert.equal(keys[0], keys[1]);
    } finally {
      await api.close();
    }
  });

  test('a request that takes longer than the timeout fails with TimeoutError', async () => {
    const api = await startScriptedServer(() => {
      /* never answers */
    });
    try {
      const client = createClient({ baseUrl: api.url, timeout: 100, maxRetries: 0 });
      await assert.rejects(client.health(), TimeoutError);
    } finally {
      await api.close();
    }
  });

  test('the caller’s AbortSignal stops the request with UserAbortError and no retry', async () => {
    const api = await startScriptedServer(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(createClient({ baseUrl: api.url }).health({ signal: controller.signal }), UserAbortError);
      assert.equal(api.requests.length, 1);
    } finally {
      await api.close();
    }
  });

  test('an unreachable server is a ConnectionError', async () => {
    const api = await startScriptedServer(() => {});
    await api.close();
    await assert.rejects(createClient({ baseUrl: api.url, maxRetries: 0 }).health(), ConnectionError);
  });

  test('sends the publishable key and a session token from a callback', async () => {
    const api = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    try {
      await createClient({ baseUrl: api.url, publishableKey: 'pk_test_123', sessionToken: async () => 'sess_abc' }).health();
      assert.equal(api.requests[0]!.headers['x-tl-key'], 'pk_test_123');
      assert.equal(api.requests[0]!.headers.authorization, 'Bearer sess_abc');
    } finally {
      await api.close();
    }
  });
});

test('the built client entry carries no zod at run time', async () => {
  const code = await readFile(new URL('../../sdk/dist/index.js', import.meta.url), 'utf8');
  assert.doesNotMatch(code, /from\s*["']zod/);
  assert.doesNotMatch(code, /import\(\s*["']zod/);
  assert.doesNotMatch(code, /schema\/index/);
});
