import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { send, sessionFor } from '../helpers/callers.js';
import { addLibrary } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('member roles', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: true });
    await addLibrary(server.db, 'solo');
  });
  after(() => server.close());

  const me = async (headers: Record<string, string>, library: string) => (await server.request(`/v1/libraries/${library}/me`, { headers })).body;
  const setRoles = (headers: Record<string, string>, library: string, id: string, roles: string[]) =>
    server.request(`/v1/libraries/${library}/members/${id}`, send('PATCH', { roles }, headers));

  test('the last coordinator cannot remove her own role: 409 last_coordinator, and she keeps it', async () => {
    const only = await sessionFor(server, { email: 'only@solo.example', name: 'Only', roles: ['coordinator'], library: 'solo' });
    const { id } = await me(only, 'solo');
    const res = await setRoles(only, 'solo', id, ['member', 'expert']);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'last_coordinator');
    assert.deepEqual((await me(only, 'solo')).roles, ['member', 'coordinator']);
  });

  test('with another coordinator in the library, a coordinator may step down', async () => {
    const first = await sessionFor(server, { email: 'first@solo.example', name: 'First', roles: ['coordinator'], library: 'solo' });
    const { id } = await me(first, 'solo');
    const res = await setRoles(first, 'solo', id, ['member']);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.roles, ['member']);
  });

  test('two coordinators stepping down at once leave the library one of them', async () => {
    const a = await sessionFor(server, { email: 'a@pair.example', name: 'A', roles: ['coordinator'], library: 'demo' });
    const b = await sessionFor(server, { email: 'b@pair.example', name: 'B', roles: ['coordinator'], library: 'demo' });
    const seeded = await sessionFor(server, { email: 'coordinator@demo.talking-library.test', name: 'Chioma Coordinator', roles: ['coordinator'] });
    const seededId = (await me(seeded, 'demo')).id;
    assert.equal((await setRoles(seeded, 'demo', seededId, ['member'])).status, 200);
    const [resA, resB] = await Promise.all([setRoles(a, 'demo', (await me(a, 'demo')).id, ['member']), setRoles(b, 'demo', (await me(b, 'demo')).id, ['member'])]);
    assert.deepEqual([resA.status, resB.status].sort(), [200, 409]);
  });
});
