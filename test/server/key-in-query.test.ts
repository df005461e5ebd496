import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PUBLISHABLE_KEY, type Logger } from '@talking-library/server';
import { demoKey } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// The seeded demo partner lists this origin.
const LISTED = 'http://localhost:8787';
const withKey = (path: string, key = DEMO_PUBLISHABLE_KEY) => `${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`;

describe('the publishable key as ?key= on reads', () => {
  const logged: string[] = [];
  const logger: Logger = {
    info: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
    error: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
  };
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, logger, quiet: false })));
  after(() => server.close());

  test('a GET with ?key= from an allowed origin is answered, with a CORS grant', async () => {
    const res = await server.request(withKey('/v1/libraries/demo/profiles?limit=2'), { headers: { origin: LISTED } });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.length, 2);
    assert.equal(res.headers.get('access-control-allow-origin'), LISTED);
  });

  test('HEAD takes ?key= as GET does', async () => {
    const res = await server.request(withKey('/v1/libraries/demo'), { method: 'HEAD', headers: { origin: LISTED } });
    assert.equal(res.status, 200);
  });

  test('a GET with ?key= from an origin the partner did not list is 403 origin_not_allowed', async () => {
    const res = await server.request(withKey('/v1/libraries/demo/profiles'), { headers: { origin: 'https://stranger.example' } });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'origin_not_allowed');
  });

  test('a GET with a wrong ?key= is 401 invalid_key', async () => {
    const res = await server.request(withKey('/v1/libraries/demo/profiles', 'pk_not_a_real_key'), { headers: { origin: LISTED } });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'invalid_key');
  });

  test('a key in both the header and the query must be the same key', async () => {
    const same = await server.request(withKey('/v1/libraries/demo'), { headers: { origin: LISTED, ...demoKey } });
    assert.equal(same.status, 200);
    const differ = await server.request(withKey('/v1/libraries/demo', 'pk_another'), { headers: { origin: LISTED, ...demoKey } });
    assert.equal(differ.status, 400);
    assert.deepEqual(differ.body.errors.map((e: { path: string }) => e.path), ['query.key']);
  });

  test('?key= given twice is refused, naming the field', async () => {
    const res = await server.request(`${withKey(withKey('/v1/libraries/demo'))}`, { headers: { origin: LISTED } });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'query.key');
  });

  test('a write takes the key from X-TL-Key only: ?key= on a POST is a 400 naming query.key', async () => {
    const res = await server.request(withKey('/v1/libraries/demo/email-links'), {
      method: 'POST',
      headers: { origin: LISTED, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.test' }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'query.key');
  });

  test('the key reaches no log line, whatever the answer', async () => {
    logged.length = 0;
    await server.request(withKey('/v1/libraries/demo/profiles?q=garden'), { headers: { origin: LISTED } });
    await server.request(withKey('/v1/libraries/demo/profiles'), { headers: { origin: 'https://stranger.example' } });
    assert.ok(logged.length >= 2, 'both requests were logged');
    for (const line of logged) assert.ok(!line.includes(DEMO_PUBLISHABLE_KEY), line);
  });

  test('an answer to a keyed GET stays cacheable and varies by the credentials it was not given', async () => {
    const res = await server.request(withKey('/v1/libraries/demo'), { headers: { origin: LISTED } });
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get('cache-control'), 'no-store');
    if (res.headers.has('etag')) assert.match(res.headers.get('vary') ?? '', /Authorization, X-TL-Key/);
    assert.match(res.headers.get('vary') ?? '', /Origin/, 'a CORS grant depends on the Origin');
  });
});
