import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Every failure is an RFC 9457 problem: right status, our media type, a code and the request id. */
function assertProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.body.status, status);
  assert.equal(res.body.code, code);
  assert.equal(typeof res.body.title, 'string');
  assert.equal(res.body.requestId, res.headers.get('x-request-id'));
}

describe('problem details for bad input', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  for (const limit of ['0', '101', 'ten', '2.5', '-1']) {
    test(`limit=${limit} is a 400 naming query.limit`, async () => {
      const res = await server.read(`/v1/libraries/demo/profiles?limit=${limit}`);
      assertProblem(res, 400, 'validation_failed');
      assert.equal(res.body.errors.length, 1);
      assert.equal(res.body.errors[0].path, 'query.limit');
      assert.match(res.body.errors[0].message, /between 1 and 100/);
    });
  }

  for (const cursor of ['not-a-cursor', btoa('{"a":1}'), btoa('["only one"]')]) {
    test(`a cursor the list never gave out (${cursor}) is a 400 naming query.cursor`, async () => {
      const res = await server.read(`/v1/libraries/demo/profiles?cursor=${encodeURIComponent(cursor)}`);
      assertProblem(res, 400, 'validation_failed');
      assert.deepEqual(res.body.errors.map((e: any) => e.path), ['query.cursor']);
    });
  }

  test('an unknown library is a 404 problem that names it', async () => {
    for (const path of ['/v1/libraries/atlantis', '/v1/libraries/atlantis/profiles']) {
      const res = await server.read(path);
      assertProblem(res, 404, 'not_found');
      assert.match(res.body.detail, /atlantis/);
    }
  });

  test('a library slug that cannot exist is a 400 naming path.lib', async () => {
    const res = await server.read('/v1/libraries/Not%20A%20Slug');
    assertProblem(res, 400, 'validation_failed');
    assert.equal(res.body.errors[0].path, 'path.lib');
  });

  test('an unknown profile is a 404 problem, and a malformed profile id a 400 naming path.id', async () => {
    const missing = await server.read('/v1/libraries/demo/profiles/prf_doesnotexist0000');
    assertProblem(missing, 404, 'not_found');
    const malformed = await server.read('/v1/libraries/demo/profiles/42');
    assertProblem(malformed, 400, 'validation_failed');
    assert.equal(malformed.body.errors[0].path, 'path.id');
  });

  test('an unknown route is a 404 problem', async () => {
    const res = await server.request('/v1/nothing-here');
    assertProblem(res, 404, 'route_not_found');
  });

  test('a body that is not declared as JSON is refused with 415, not read as empty', async () => {
    const res = await server.request('/v1/libraries/demo', { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'text/plain' } });
    assertProblem(res, 415, 'unsupported_media_type');
    assert.equal(res.body.errors[0].path, 'header.content-type');
  });

  test('a body over the size limit is a 413 problem', async () => {
    const res = await server.request('/v1/libraries/demo', {
      method: 'POST',
      body: JSON.stringify({ text: 'x'.repeat(70 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    assertProblem(res, 413, 'payload_too_large');
  });
});

describe('unexpected failures', () => {
  test('a database failure is a 500 problem that reveals no SQL or stack, and health says degraded', async () => {
    const server = await startTestServer({ seed: true });
    try {
      server.db.$client.close();
      const res = await server.read('/v1/libraries/demo/profiles');
      assertProblem(res, 500, 'internal_error');
      const text = JSON.stringify(res.body);
      assert.doesNotMatch(text, /select|from|sqlite|libsql|at \w+ \(/i);
      const health = await server.request('/v1/health');
      assert.equal(health.status, 503);
      assert.equal(health.body.database, 'unavailable');
    } finally {
      await server.close().catch(() => {});
    }
  });
});
