import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, DEMO_PUBLISHABLE_KEY, loadConfig } from '@talking-library/server';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const preflight = (server: TestServer, path: string, origin: string) =>
  server.request(path, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-tl-key' },
  });

describe('CORS', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('a library answers the origins its partner sites list, and exposes the request id', async () => {
    // The seeded demo partner lists http://localhost:8787.
    const res = await preflight(server, '/v1/libraries/demo/profiles', 'http://localhost:8787');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8787');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /X-TL-Key/i);
    const read = await server.request('/v1/libraries/demo', { headers: { origin: 'http://localhost:8787' } });
    assert.match(read.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
    assert.match(read.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  test('a library gives no CORS grant to an origin no partner lists', async () => {
    const res = await preflight(server, '/v1/libraries/demo/profiles', 'https://stranger.example');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  test("one rule for origins: the partner site's allowed origins decide both CORS and its publishable key", async () => {
    const coordinator = bearer(await demoSession(server, 'coordinator'));
    const partners = await server.request('/v1/libraries/demo/partners', { headers: coordinator });
    const demo = partners.body.data[0];
    const page = 'https://new-site.example';
    const fromPage = () => server.request('/v1/libraries/demo', { headers: { origin: page, 'x-tl-key': DEMO_PUBLISHABLE_KEY } });

    const before = await fromPage();
    assert.equal(before.headers.get('access-control-allow-origin'), null, 'no CORS grant for an unlisted page');
    assert.equal(before.status, 403);
    assert.equal(before.body.code, 'origin_not_allowed');
    assert.match(before.body.detail, /add https:\/\/new-site\.example to the partner site's allowedOrigins/);

    const listed = await server.request(`/v1/libraries/demo/partners/${demo.id}`, send('PATCH', { allowedOrigins: [...demo.allowedOrigins, page] }, coordinator));
    assert.equal(listed.status, 200);
    const after = await fromPage();
    assert.equal(after.status, 200, 'once listed, the key works');
    assert.equal(after.headers.get('access-control-allow-origin'), page, 'and CORS answers the page');
  });

  test("CORS_ORIGINS is refused with a message pointing to the partner site's allowed origins", () => {
    assert.throws(() => loadConfig({ CORS_ORIGINS: 'https://everywhere.example' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /CORS_ORIGINS: .*allowedOrigins/);
      return true;
    });
  });

  test("development routes never grant CORS, not even to a partner's origin", async () => {
    for (const path of ['/dev/outbox', '/v1/libraries/demo/dev/sessions']) {
      const res = await preflight(server, path, 'http://localhost:8787');
      assert.equal(res.headers.get('access-control-allow-origin'), null, path);
    }
  });

  test('health and the OpenAPI document are readable from any origin', async () => {
    for (const path of ['/v1/health', '/openapi.json']) {
      const res = await server.request(path, { headers: { origin: 'https://stranger.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://stranger.example');
    }
  });
});
