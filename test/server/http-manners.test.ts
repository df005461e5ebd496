import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const samplePath = (pattern: string) =>
  pattern.replace(/:lib/g, 'demo').replace(/:(\w+)/g, (_, name: string) => ({ id: 'prf_aaaaaaaaaaaa', purpose: 'research' })[name as 'id'] ?? 'x');

describe('HTTP manners', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  before(async () => {
    server = await startTestServer({ seed: true, rateLimits: { signInPerMinute: 10_000, writesPerMinute: 10_000, codesPerEmail: 10_000 } });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  test('a wrong method on every path of the route table is a 405 problem whose Allow lists the right ones', async () => {
    const byPath = new Map<string, Set<string>>();
    for (const route of server.app.routes.filter((r) => r.method !== 'ALL')) byPath.set(route.path, (byPath.get(route.path) ?? new Set()).add(route.method));
    assert.ok(byPath.size > 10);
    for (const [pattern, methods] of byPath) {
      const expected = [...methods, ...(methods.has('GET') ? ['HEAD'] : [])].sort();
      for (const method of METHODS.filter((m) => !methods.has(m))) {
        const res = await server.request(samplePath(pattern), { method, headers: coordinator });
        assert.equal(res.status, 405, `${method} ${pattern}: ${JSON.stringify(res.body)}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.equal(res.body.code, 'method_not_allowed');
        assert.deepEqual(res.headers.get('allow')!.split(', '), expected, `${method} ${pattern}`);
      }
    }
  });

  test('a path no route has is still a 404', async () => {
    const res = await server.request('/v1/libraries/demo/nowhere', { method: 'POST' });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'route_not_found');
  });

  test('every 201 carries the Location of what it created', async () => {
    const member = bearer(await demoSession(server, 'member'));
    const created = [
      ['profiles', await server.request('/v1/libraries/demo/profiles', send('POST', { displayName: 'Located', careerStage: 'mid' }, member))],
      ['categories', await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Located' }, coordinator))],
      ['skills', await server.request('/v1/libraries/demo/skills', send('POST', { name: 'Located skill', category: 'leadership' }, coordinator))],
      ['partners', await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Located partner' }, coordinator))],
      ['invites', await server.request('/v1/libraries/demo/invites', send('POST', { email: 'located@example.org' }, coordinator))],
    ] as const;
    for (const [collection, res] of created) {
      assert.equal(res.status, 201, collection);
      assert.equal(res.headers.get('location'), `/v1/libraries/demo/${collection}/${res.body.id}`);
    }
    for (const [, res] of created.filter(([c]) => c === 'profiles' || c === 'partners')) {
      const read = await server.request(res.headers.get('location')!, { headers: { ...coordinator } });
      assert.equal(read.status, 200);
      assert.equal(read.body.id, res.body.id);
    }
    const session = await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' }));
    assert.equal(session.status, 201);
    assert.equal(session.headers.get('location'), '/v1/libraries/demo/sessions/current');
  });

  for (const list of ['partners', 'invites', 'review-queue'] as const) {
    test(`the ${list} list honours limit and pages by cursor, each item once`, async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        if (list === 'partners') made.push((await server.request('/v1/libraries/demo/partners', send('POST', { name: `Paged ${i}` }, coordinator))).body.id);
        if (list === 'invites') made.push((await server.request('/v1/libraries/demo/invites', send('POST', { email: `paged${i}@example.org` }, coordinator))).body.id);
        if (list === 'review-queue') {
          const { profile, expert } = await expertWithProfile(server, {}, { publish: false });
          assert.equal((await server.request(`/v1/libraries/demo/profiles/${profile.id}/submit`, send('POST', undefined, expert))).status, 200);
          made.push(profile.id);
        }
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await server.request(`/v1/libraries/demo/${list}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: coordinator });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.ok(res.body.data.length <= 2);
        seen.push(...res.body.data.map((item: any) => item.id));
        cursor = res.body.nextCursor;
      } while (cursor && ++pages < 100);
      assert.equal(new Set(seen).size, seen.length, 'no item twice');
      for (const id of made) assert.ok(seen.includes(id), `${id} listed`);
      const tooMany = await server.request(`/v1/libraries/demo/${list}?limit=101`, { headers: coordinator });
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.errors[0].path, 'query.limit');
      const badCursor = await server.request(`/v1/libraries/demo/${list}?cursor=${btoa('[1e308]')}`, { headers: coordinator });
      assert.equal(badCursor.status, 400);
      assert.equal(badCursor.body.errors[0].path, 'query.cursor');
    });
  }
});
