import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { send, sessionFor } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('sign-in limit', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, rateLimits: { signInPerMinute: 5 } })));
  after(() => server.close());

  test('sign-in attempts from one address past the budget get a 429 problem with Retry-After', async () => {
    const attempt = () => server.request('/v1/libraries/demo/sessions', send('POST', { token: 'guess' }));
    for (let i = 0; i < 5; i++) assert.equal((await attempt()).status, 401);
    const limited = await attempt();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('content-type'), 'application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  });

});

describe('write limit', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, rateLimits: { writesPerMinute: 3 } })));
  after(() => server.close());

  test('writes past the budget are refused per caller, and other callers are unaffected', async () => {
    const coordinator = await sessionFor(server, { email: 'first.coordinator@example.org', name: 'First', roles: ['coordinator'] });
    const invite = (headers: Record<string, string>, n: number) => server.request('/v1/libraries/demo/invites', send('POST', { email: `w${n}@example.org` }, headers));
    for (let i = 0; i < 3; i++) assert.equal((await invite(coordinator, i)).status, 201);
    const limited = await invite(coordinator, 99);
    assert.equal(limited.status, 429);
    assert.ok(limited.headers.get('retry-after'));
    const someoneElse = await sessionFor(server, { email: 'second.coordinator@example.org', name: 'Second', roles: ['coordinator'] });
    assert.equal((await invite(someoneElse, 100)).status, 201);
  });
});

describe('headers on every response', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, partnerSite: true })));
  after(() => server.close());

  test('API answers, problems and pages all carry the security headers', async () => {
    for (const path of ['/v1/health', '/v1/libraries/demo', '/v1/nowhere', '/docs', '/dev/outbox', '/']) {
      const { headers } = await server.request(path);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
      assert.ok(headers.get('content-security-policy'), path);
      assert.ok(headers.get('x-request-id'), path);
    }
  });

  test('the server’s own pages have a strict content security policy: no inline script, no plugins', async () => {
    for (const path of ['/', '/docs', '/dev/outbox']) {
      const csp = (await server.request(path)).headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /object-src 'none'/, path);
      assert.match(csp, /base-uri 'none'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, path);
    }
  });
});
