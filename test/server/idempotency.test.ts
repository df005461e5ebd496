import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { bearer, demoSession, send, sessionFor } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let keyCounter = 0;
const newKey = () => `test-key-${process.pid}-${++keyCounter}`;
const withKey = (key: string, headers: Record<string, string>) => ({ ...headers, 'idempotency-key': key });

async function partnersNamed(server: TestServer, name: string) {
  return server.db.select().from(schema.partners).where(eq(schema.partners.name, name));
}

async function keyRows(server: TestServer, key: string) {
  return server.db.select().from(schema.idempotencyKeys).where(eq(schema.idempotencyKeys.key, key));
}

describe('Idempotency-Key on one server', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  before(async () => {
    server = await startTestServer({ seed: true, rateLimits: { writesPerMinute: 10_000, signInPerMinute: 10_000 } });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  test('a replayed POST returns the first status and body, marked as a replay, and creates nothing twice', async () => {
    const key = newKey();
    const init = send('POST', { name: 'Replayed partner' }, withKey(key, coordinator));
    const first = await server.request('/v1/libraries/demo/partners', init);
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);

    const again = await server.request('/v1/libraries/demo/partners', init);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(again.headers.get('location'), first.headers.get('location'));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal((await partnersNamed(server, 'Replayed partner')).length, 1);
  });

  test('a stored answer is sealed: the keys it handed out are not in the database, yet the replay returns them', async () => {
    const key = newKey();
    const init = send('POST', { name: 'Sealed partner' }, withKey(key, coordinator));
    const first = await server.request('/v1/libraries/demo/partners', init);
    assert.match(first.body.secretKey, /^sk_/);
    const [row] = await keyRows(server, key);
    for (const secret of [first.body.secretKey, first.body.publishableKey, first.body.jwtSecret]) assert.ok(!row!.responseBody!.includes(secret), 'no key in plain text');
    assert.ok(!row!.responseBody!.includes('Sealed partner'));
    const again = await server.request('/v1/libraries/demo/partners', init);
    assert.equal(again.body.secretKey, first.body.secretKey);
  });

  test('a POST without a key runs each time', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Keyless partner' }, coordinator))).status, 201);
    assert.equal((await partnersNamed(server, 'Keyless partner')).length, 2);
  });

  test('the key belongs to the member, not the session: her new session gets the replay', async () => {
    const key = newKey();
    const first = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Two sessions' }, withKey(key, coordinator)));
    const otherSession = bearer(await demoSession(server, 'coordinator'));
    const again = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Two sessions' }, withKey(key, otherSession)));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal((await partnersNamed(server, 'Two sessions')).length, 1);
  });

  test('the same key with another body is refused with 422 idempotency_key_reused, and nothing is done', async () => {
    const key = newKey();
    await server.request('/v1/libraries/demo/partners', send('POST', { name: 'First body' }, withKey(key, coordinator)));
    const other = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Second body' }, withKey(key, coordinator)));
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'idempotency_key_reused');
    assert.equal(other.body.errors[0].path, 'header.idempotency-key');
    assert.equal((await partnersNamed(server, 'Second body')).length, 0);
  });

  test('a key is per caller: another member with the same key runs anew', async () => {
    const key = newKey();
    const other = await sessionFor(server, { email: 'second.coordinator@example.org', name: 'Second Coordinator', roles: ['coordinator'] });
    const mine = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Per caller' }, withKey(key, coordinator)));
    const theirs = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Per caller' }, withKey(key, other)));
    assert.equal(theirs.status, 201);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
    assert.notEqual(theirs.body.id, mine.body.id);
    assert.equal((await partnersNamed(server, 'Per caller')).length, 2);
  });

  test('a key is per route: the same key on another route runs there', async () => {
    const key = newKey();
    await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Per route' }, withKey(key, coordinator)));
    const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Per route' }, withKey(key, coordinator)));
    assert.equal(category.status, 201);
    assert.equal(category.headers.get('idempotent-replayed'), null);
  });

  test('an error answer is kept too: a replay of a 409 is the same 409', async () => {
    const key = newKey();
    const taken = { name: 'Leadership' };
    const first = await server.request('/v1/libraries/demo/categories', send('POST', taken, withKey(key, coordinator)));
    assert.equal(first.status, 409);
    const again = await server.request('/v1/libraries/demo/categories', send('POST', taken, withKey(key, coordinator)));
    assert.equal(again.status, 409);
    assert.equal(again.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });

  test('a replayed 204 has no body', async () => {
    const key = newKey();
    const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Retired twice' }, coordinator));
    const init = send('DELETE', undefined, withKey(key, coordinator));
    const first = await server.request(`/v1/libraries/demo/categories/${category.body.id}`, init);
    const again = await server.request(`/v1/libraries/demo/categories/${category.body.id}`, init);
    assert.equal(first.status, 204);
    assert.equal(again.status, 204);
    assert.equal(again.body, '');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });

  test('a badly formed key is a 400 naming header.idempotency-key', async () => {
    for (const key of ['', 'has space', 'x'.repeat(256)]) {
      const res = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Bad key' }, withKey(key, coordinator)));
      assert.equal(res.status, 400, JSON.stringify(key));
      assert.equal(res.body.errors[0].path, 'header.idempotency-key');
    }
    assert.equal((await partnersNamed(server, 'Bad key')).length, 0);
    const longest = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Longest key' }, withKey('k'.repeat(255), coordinator)));
    assert.equal(longest.status, 201);
  });

  test('while another instance holds the key, the request is refused with 409 request_in_progress and Retry-After', async () => {
    const key = newKey();
    const body = JSON.stringify({ name: 'Held elsewhere' });
    const held = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Held elsewhere' }, withKey(key, coordinator)));
    // Turn the stored answer back into a claim still running, as another instance's would look.
    await server.db
      .update(schema.idempotencyKeys)
      .set({ status: null, responseBody: null, lockedUntil: new Date(Date.now() + 60_000).toISOString() })
      .where(eq(schema.idempotencyKeys.key, key));
    const busy = await server.request('/v1/libraries/demo/partners', { method: 'POST', body, headers: { 'content-type': 'application/json', ...withKey(key, coordinator) } });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.code, 'request_in_progress');
    assert.match(busy.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal((await partnersNamed(server, 'Held elsewhere')).length, 1, 'nothing ran');
    assert.equal(held.status, 201);
  });

  test('a key whose holder died (its lease passed without an answer) is taken over and runs', async () => {
    const key = newKey();
    await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Crashed holder' }, withKey(key, coordinator)));
    await server.db
      .update(schema.idempotencyKeys)
      .set({ status: null, responseBody: null, lockedUntil: new Date(Date.now() - 1_000).toISOString() })
      .where(eq(schema.idempotencyKeys.key, key));
    const taken = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Crashed holder' }, withKey(key, coordinator)));
    assert.equal(taken.status, 201);
    assert.equal(taken.headers.get('idempotent-replayed'), null);
    const [row] = await keyRows(server, key);
    assert.equal(row?.status, 201);
  });

  test('many requests with one key at once: exactly one runs, the others wait (409) or get its answer', async () => {
    const key = newKey();
    const init = send('POST', { name: 'Burst partner' }, withKey(key, coordinator));
    const answers = await Promise.all(Array.from({ length: 12 }, () => server.request('/v1/libraries/demo/partners', init)));
    const ran = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null);
    assert.equal(ran.length, 1, 'exactly one request ran');
    for (const answer of answers) {
      if (answer.status === 409) assert.equal(answer.body.code, 'request_in_progress');
      else assert.deepEqual(answer.body, ran[0]!.body);
    }
    assert.equal((await partnersNamed(server, 'Burst partner')).length, 1);
  });

  test('a rate-limited request does not spend its key', async () => {
    const limited = await startTestServer({ seed: true, rateLimits: { writesPerMinute: 1 } });
    try {
      const headers = bearer(await demoSession(limited, 'coordinator'));
      await limited.request('/v1/libraries/demo/partners', send('POST', { name: 'Spends the budget' }, headers));
      const key = newKey();
      const refused = await limited.request('/v1/libraries/demo/partners', send('POST', { name: 'After the limit' }, withKey(key, headers)));
      assert.equal(refused.status, 429);
      assert.deepEqual(await keyRows(limited, key), [], 'the key is free for the retry');
    } finally {
      await limited.close();
    }
  });

  test('a 5xx releases the key, so a retry with it runs', async () => {
    const broken = await startTestServer({ seed: true });
    try {
      const headers = bearer(await demoSession(broken, 'coordinator'));
      const key = newKey();
      const init = send('POST', { name: 'After the outage' }, withKey(key, headers));
      // A real failure inside the route: its table is gone for a moment.
      await broken.db.run(sql`ALTER TABLE partners RENAME TO partners_away`);
      const failed = await broken.request('/v1/libraries/demo/partners', init);
      await broken.db.run(sql`ALTER TABLE partners_away RENAME TO partners`);
      assert.equal(failed.status, 500);
      assert.deepEqual(await keyRows(broken, key), []);
      const retried = await broken.request('/v1/libraries/demo/partners', init);
      assert.equal(retried.status, 201);
      assert.equal(retried.headers.get('idempotent-replayed'), null);
    } finally {
      await broken.close();
    }
  });

  test('every unsafe route in the app honours the key: a repeat is a replay of the first answer', async () => {
    // Signing out and erasing the account end the session the repeat would be identified by: a
    // repeat is refused with 401 before any key is read (and erasing would end this test's coordinator).
    const endsTheCaller = ['DELETE /v1/libraries/:lib/sessions/current', 'DELETE /v1/libraries/:lib/me'];
    const unsafe = [...new Set(server.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`))].filter((r) => !endsTheCaller.includes(r));
    assert.ok(unsafe.length >= 20);
    for (const route of unsafe) {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = pattern.replace(':lib', 'demo').replace(/:\w+/g, 'nope');
      const init = method === 'DELETE' ? send(method, undefined, withKey(newKey(), coordinator)) : send(method, {}, withKey(newKey(), coordinator));
      const first = await server.request(path, init);
      const again = await server.request(path, init);
      if (first.status >= 500) {
        // A failure releases the key (PATCH /v1/libraries/{lib} with {} still fails so): the repeat runs again.
        assert.equal(again.headers.get('idempotent-replayed'), null, route);
        continue;
      }
      assert.equal(again.headers.get('idempotent-replayed'), 'true', route);
      assert.equal(again.status, first.status, route);
      assert.deepEqual(again.body, first.body, route);
    }
  });

  test('safe methods ignore the key', async () => {
    const res = await server.request('/v1/libraries/demo', { headers: withKey('has space', coordinator) });
    assert.equal(res.status, 200);
  });
});

describe('Idempotency-Key across instances and restarts', () => {
  let dir: string;
  let databaseUrl: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tl-idempotency-'));
    databaseUrl = `file:${join(dir, 'shared.db')}`;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('two servers on one database share keys, and keys survive a restart', async () => {
    const a = await startTestServer({ seed: true, databaseUrl });
    const b = await startTestServer({ databaseUrl });
    const key = newKey();
    let first;
    let coordinator: Record<string, string>;
    try {
      coordinator = bearer(await demoSession(a, 'coordinator'));
      first = await a.request('/v1/libraries/demo/invites', send('POST', { email: 'shared.key@example.org' }, withKey(key, coordinator)));
      assert.equal(first.status, 201);
      const onB = await b.request('/v1/libraries/demo/invites', send('POST', { email: 'shared.key@example.org' }, withKey(key, coordinator)));
      assert.equal(onB.status, 201);
      assert.equal(onB.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(onB.body, first.body);
    } finally {
      await a.close();
      await b.close();
    }

    const restarted = await startTestServer({ databaseUrl });
    try {
      const again = await restarted.request('/v1/libraries/demo/invites', send('POST', { email: 'shared.key@example.org' }, withKey(key, coordinator)));
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      const invites = await restarted.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM invites WHERE email = 'shared.key@example.org'`);
      assert.equal(invites[0]!.n, 1);
    } finally {
      await restarted.close();
    }
  });

  test('an answer is kept at least 24 hours; after that the key runs anew and old keys are swept', async () => {
    const clock = manualClock();
    const server = await startTestServer({ seed: true, clock, databaseUrl: `file:${join(dir, 'sweep.db')}` });
    try {
      const coordinator = bearer(await demoSession(server, 'coordinator'));
      const key = newKey();
      const init = send('POST', { name: 'Expiring' }, withKey(key, coordinator));
      await server.request('/v1/libraries/demo/partners', init);
      const other = newKey();
      await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Swept' }, withKey(other, coordinator)));

      clock.advance(24 * 60 * 60_000 - 60_000);
      assert.equal((await server.request('/v1/libraries/demo/partners', init)).headers.get('idempotent-replayed'), 'true', 'still kept a minute before 24 hours');
      clock.advance(11 * 60_000);
      const anew = await server.request('/v1/libraries/demo/partners', init);
      assert.equal(anew.status, 201);
      assert.equal(anew.headers.get('idempotent-replayed'), null);
      assert.equal((await partnersNamed(server, 'Expiring')).length, 2);
      assert.deepEqual(await keyRows(server, other), [], 'the expired key nobody used again was swept');
    } finally {
      await server.close();
    }
  });
});
