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
});
