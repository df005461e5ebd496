import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DEMO_PUBLISHABLE_KEY, schema } from '@talking-library/server';
import { grantRoles } from '../../server/src/domain/members.js';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { bearer, demoSession, send, sessionFor } from '../helpers/callers.js';
import { addLibrary } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Every route × every kind of caller, with the status each must get. The routes come from the
 * app's own table, so a route added without a row here fails this test.
 */
const CALLERS = ['anonymous', 'member', 'ownerExpert', 'otherExpert', 'coordinator', 'otherLibraryCoordinator', 'secretKey', 'publishableKeyWrongOrigin'] as const;
type CallerName = (typeof CALLERS)[number];
type Row = { request: (ids: Ids) => { path: string; init?: RequestInit }; expect: Record<CallerName, number> };
interface Ids {
  profileId: string;
  partnerId: string;
  memberId: string;
  unique: string;
}

// Columns in CALLERS order.
const statuses = (...codes: number[]): Record<CallerName, number> => Object.fromEntries(CALLERS.map((c, i) => [c, codes[i]!])) as Record<CallerName, number>;
const anyone = (ok: number) => statuses(ok, ok, ok, ok, ok, ok, ok, 403);
const withKey = (ok: number) => statuses(401, ok, ok, ok, ok, 403, ok, 403);
const signedIn = (ok: number) => statuses(401, ok, ok, ok, ok, 403, 401, 403);
const coordinatorOnly = (ok: number) => statuses(401, 403, 403, 403, ok, 403, 401, 403);
const coordinatorOrSecret = (ok: number) => statuses(401, 403, 403, 403, ok, 403, ok, 403);
const get = (path: string) => ({ path });
const json = (method: string, path: string, body: unknown) => ({ path, init: send(method, body) });

const MATRIX: Record<string, Row> = {
  'GET /v1/health': { request: () => get('/v1/health'), expect: anyone(200) },
  'GET /openapi.json': { request: () => get('/openapi.json'), expect: anyone(200) },
  'GET /docs': { request: () => get('/docs'), expect: anyone(200) },
  'GET /dev/outbox': { request: () => get('/dev/outbox'), expect: anyone(200) },
  'GET /v1/libraries/{lib}': { request: () => get('/v1/libraries/demo'), expect: withKey(200) },
  'PATCH /v1/libraries/{lib}': { request: () => json('PATCH', '/v1/libraries/demo', { description: 'Edited by the matrix' }), expect: coordinatorOnly(200) },
  'GET /v1/libraries/{lib}/profiles': { request: () => get('/v1/libraries/demo/profiles'), expect: withKey(200) },
  'GET /v1/libraries/{lib}/profiles/{id}': { request: (ids) => get(`/v1/libraries/demo/profiles/${ids.profileId}`), expect: withKey(200) },
  // Sign-in routes are open to all; the answer depends on the body, not the caller.
  'POST /v1/libraries/{lib}/sessions': { request: () => json('POST', '/v1/libraries/demo/sessions', { token: 'not.a.jwt' }), expect: anyone(401) },
  'POST /v1/libraries/{lib}/email-links': { request: (ids) => json('POST', '/v1/libraries/demo/email-links', { email: `${ids.unique}@example.org` }), expect: anyone(202) },
  'POST /v1/libraries/{lib}/email-links/verify': { request: (ids) => json('POST', '/v1/libraries/demo/email-links/verify', { email: `${ids.unique}@example.org`, code: '000000' }), expect: anyone(401) },
  'POST /v1/libraries/{lib}/dev/sessions': { request: () => json('POST', '/v1/libraries/demo/dev/sessions', { as: 'member' }), expect: anyone(201) },
  'DELETE /v1/libraries/{lib}/sessions/current': { request: () => ({ path: '/v1/libraries/demo/sessions/current', init: { method: 'DELETE' } }), expect: signedIn(204) },
  'GET /v1/libraries/{lib}/me': { request: () => get('/v1/libraries/demo/me'), expect: signedIn(200) },
  'POST /v1/libraries/{lib}/partners': { request: () => json('POST', '/v1/libraries/demo/partners', { name: 'Matrix partner' }), expect: coordinatorOrSecret(201) },
  'GET /v1/libraries/{lib}/partners': { request: () => get('/v1/libraries/demo/partners'), expect: coordinatorOrSecret(200) },
  'GET /v1/libraries/{lib}/partners/{id}': { request: (ids) => get(`/v1/libraries/demo/partners/${ids.partnerId}`), expect: coordinatorOrSecret(200) },
  'PATCH /v1/libraries/{lib}/partners/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/partners/${ids.partnerId}`, { name: 'Renamed' }), expect: coordinatorOrSecret(200) },
  'POST /v1/libraries/{lib}/partners/{id}/rotate': { request: (ids) => json('POST', `/v1/libraries/demo/partners/${ids.partnerId}/rotate`, { keys: ['jwt'] }), expect: coordinatorOrSecret(200) },
  'GET /v1/libraries/{lib}/members': { request: () => get('/v1/libraries/demo/members'), expect: coordinatorOnly(200) },
  'PATCH /v1/libraries/{lib}/members/{id}': { request: (ids) => json('PATCH', `/v1/libraries/demo/members/${ids.memberId}`, { roles: ['member'] }), expect: coordinatorOnly(200) },
  'POST /v1/libraries/{lib}/invites': { request: (ids) => json('POST', '/v1/libraries/demo/invites', { email: `${ids.unique}@example.org` }), expect: coordinatorOnly(201) },
  'GET /v1/libraries/{lib}/invites': { request: () => get('/v1/libraries/demo/invites'), expect: coordinatorOnly(200) },
};

let server: TestServer;
let ids: Omit<Ids, 'unique'>;
let secretKey: string;
before(async () => {
  server = await startTestServer({ seed: true, rateLimits: { signInPerMinute: 10_000, writesPerMinute: 10_000, codesPerEmail: 10_000 } });
  const coordinator = bearer(await demoSession(server, 'coordinator'));
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Server-to-server' }, coordinator));
  secretKey = partner.body.secretKey;
  const target = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Matrix target' }, coordinator));
  const profiles = await server.read('/v1/libraries/demo/profiles?limit=1');
  const library = await findLibrary(server.db, 'demo');
  const bystander = await grantRoles(server.db, library, { email: 'bystander@example.org', name: 'Bystander' }, ['member']);
  ids = { profileId: profiles.body.data[0].id, partnerId: target.body.id, memberId: bystander.id };
});
after(() => server.close());

/** Fresh credentials for each cell, so a cell that signs out cannot spoil the next. */
async function headersFor(caller: CallerName): Promise<Record<string, string>> {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'member':
      return bearer(await demoSession(server, 'member'));
    case 'ownerExpert':
      return bearer(await demoSession(server, 'expert'));
    case 'otherExpert':
      return sessionFor(server, { email: 'other.expert@example.org', name: 'Other Expert', roles: ['expert'] });
    case 'coordinator':
      return bearer(await demoSession(server, 'coordinator'));
    case 'otherLibraryCoordinator': {
      const [existing] = await server.db.select().from(schema.libraries).where(eq(schema.libraries.slug, 'elsewhere'));
      if (!existing) await addLibrary(server.db, 'elsewhere');
      return sessionFor(server, { email: 'coordinator@elsewhere.example', name: 'Elsewhere Coordinator', roles: ['coordinator'], library: 'elsewhere' });
    }
    case 'secretKey':
      return bearer(secretKey);
    case 'publishableKeyWrongOrigin':
      return { 'x-tl-key': DEMO_PUBLISHABLE_KEY, origin: 'https://evil.example' };
  }
}

test('every route answers every kind of caller as the access rules say', async () => {
  const routes = [...new Set(server.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`))];
  const missing = routes.filter((route) => !MATRIX[route]);
  assert.deepEqual(missing, [], 'routes without a row in the access matrix');

  const wrong: string[] = [];
  let cell = 0;
  for (const route of routes) {
    for (const caller of CALLERS) {
      const { path, init = {} } = MATRIX[route]!.request({ ...ids, unique: `matrix${++cell}` });
      const headers = { ...(init.headers as Record<string, string>), ...(await headersFor(caller)) };
      const res = await server.request(path, { ...init, headers });
      const expected = MATRIX[route]!.expect[caller];
      if (res.status !== expected) wrong.push(`${route} as ${caller}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      if (res.status >= 400) assert.equal(res.headers.get('content-type'), 'application/problem+json', `${route} as ${caller}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(cell, routes.length * CALLERS.length);
});

test('the matrix has no rows for routes the app does not serve', () => {
  const routes = new Set(server.app.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  assert.deepEqual(Object.keys(MATRIX).filter((route) => !routes.has(route)), []);
});
