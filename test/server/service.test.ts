import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('service routes', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  test('health reports ok with the version and a reachable database', async () => {
    const res = await server.request('/v1/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok', version: '0.1.0', database: 'ok' });
  });

  test('every response carries a request id, and a caller-supplied one is echoed', async () => {
    const generated = await server.request('/v1/health');
    assert.match(generated.headers.get('x-request-id') ?? '', /^[\w-]{8,}$/);
    const echoed = await server.request('/v1/health', { headers: { 'x-request-id': 'partner-trace-42' } });
    assert.equal(echoed.headers.get('x-request-id'), 'partner-trace-42');
  });

  test('JSON responses carry security headers and a deny-all content security policy', async () => {
    const { headers } = await server.request('/v1/health');
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.equal(headers.get('referrer-policy'), 'no-referrer');
    assert.match(headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });

  test('a browser on another origin may read responses and sees the request id header', async () => {
    const preflight = await server.request('/v1/libraries/demo/profiles', {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-tl-key' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://partner.example');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-TL-Key/i);
    const res = await server.request('/v1/health', { headers: { origin: 'https://partner.example' } });
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });
});

describe('CORS with an allowlist', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ corsOrigins: ['https://community.example'] })));
  after(() => server.close());

  test('answers an allowed origin and gives no CORS grant to any other', async () => {
    const allowed = await server.request('/v1/health', { headers: { origin: 'https://community.example' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://community.example');
    const other = await server.request('/v1/health', { headers: { origin: 'https://elsewhere.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
