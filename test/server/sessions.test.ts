import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('sessions', () => {
  let server: TestServer;
  const clock = manualClock();
  before(async () => (server = await startTestServer({ seed: true, clock })));
  after(() => server.close());

  test('me answers with the member and their roles', async () => {
    const res = await server.request(`${server.libraryPath}/me`, { headers: bearer(await demoSession(server, 'coordinator')) });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.roles, ['member', 'coordinator']);
    assert.equal(res.body.library, server.library);
  });

  test('signing out ends the session: its token is then refused', async () => {
    const token = await demoSession(server, 'member');
    assert.equal((await server.request(`${server.libraryPath}/sessions/current`, send('DELETE', undefined, bearer(token)))).status, 204);
    const after = await server.request(`${server.libraryPath}/me`, { headers: bearer(token) });
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'session_expired');
  });

  test('a session expires after seven days', async () => {
    const token = await demoSession(server, 'member');
    clock.advance(7 * 24 * 3600_000 + 1000);
    const res = await server.request(`${server.libraryPath}/me`, { headers: bearer(token) });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'session_expired');
  });

  test('a token that is not ours is a 401, and an anonymous me asks to sign in', async () => {
    for (const authorization of ['Bearer tls_forged', 'Bearer something-else', 'Basic dXNlcjpwYXNz']) {
      const res = await server.request(`${server.libraryPath}/me`, { headers: { authorization } });
      assert.equal(res.status, 401, authorization);
    }
    const anonymous = await server.request(`${server.libraryPath}/me`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'sign_in_required');
  });
});
