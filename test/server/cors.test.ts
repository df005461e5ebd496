import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.js';

const preflight = (server: TestServer, path: string, origin: string) =>
  server.request(path, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-tl-key' },
  });

describe('CORS', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, corsOrigins: ['https://everywhere.example'] })));
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

  test('an origin the deployment allows everywhere is answered on every library', async () => {
    const res = await preflight(server, '/v1/libraries/demo/profiles', 'https://everywhere.example');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://everywhere.example');
  });

  test('health and the OpenAPI document are readable from any origin', async () => {
    for (const path of ['/v1/health', '/openapi.json']) {
      const res = await server.request(path, { headers: { origin: 'https://stranger.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://stranger.example');
    }
  });
});
