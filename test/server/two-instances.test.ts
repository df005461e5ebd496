import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { migrateDatabase, openDatabase, startServer, type RunningServer } from '@talking-library/server';
import { bearer, send } from '../helpers/callers.js';
import { startServeProcesses, stopServeProcesses } from '../helpers/serve-processes.js';
import { fromClientAddress, seedTestDatabase, testDatabase, trustClientAddress, type TestDatabase } from '../helpers/test-database.js';

/**
 * Two API instances on one database, as two `serve` processes on one machine (one file) or on one
 * libSQL server (TEST_LIBSQL_URL) would run: what a caller sees must not depend on which one
 * answers. Sessions, rate limits, Idempotency-Keys and what the taxonomy says are all kept in the
 * database, never in one instance's memory.
 */
const WRITES_PER_MINUTE = 8;
let database: TestDatabase;
let a: RunningServer;
let b: RunningServer;
/** The pair's demo library: `demo` in a file of its own, a slug of this test's on a remote server. */
let library: string;
let publishableKey: string;

/** Two servers on one new database, the second finding it migrated and seeded. */
async function startPair(writesPerMinute: number): Promise<[RunningServer, RunningServer]> {
  const shared = {
    databaseUrl: database.url,
    databaseAuthToken: database.authToken,
    port: 0,
    quiet: true,
    env: 'test' as const,
    secretKey: randomBytes(32).toString('base64'),
    worker: false as const,
    seed: database.demo,
    rateLimits: { writesPerMinute },
    ...trustClientAddress(database),
  };
  const first = await startServer(shared, {});
  return [first, await startServer(shared, {})];
}

before(async () => {
  database = await testDatabase('tl-two-instances-');
  ({ slug: library, publishableKey } = database.demo);
  [a, b] = await startPair(WRITES_PER_MINUTE);
});
after(async () => {
  await a.close();
  await b.close();
  await database.close();
});

const call = async (server: RunningServer, path: string, init: RequestInit = {}) => {
  const res = await fetch(server.url + path, { ...init, headers: { ...(init.headers as Record<string, string>), ...fromClientAddress(database) } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
};

/** A demo person's session, begun on `server` through the development sign-in. */
async function demoSession(server: RunningServer, as: 'member' | 'expert' | 'coordinator'): Promise<string> {
  const res = await call(server, `/v1/libraries/${library}/dev/sessions`, send('POST', { as }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.sessionToken;
}

test('a session begun on one instance works on the other, and signing out on either ends it on both', async () => {
  const token = await demoSession(a, 'member');
  assert.equal((await call(b, `/v1/libraries/${library}/me`, { headers: bearer(token) })).status, 200);
  assert.equal((await call(b, `/v1/libraries/${library}/sessions/current`, { method: 'DELETE', headers: bearer(token) })).status, 204);
  assert.equal((await call(a, `/v1/libraries/${library}/me`, { headers: bearer(token) })).status, 401);
});

test('two serve processes writing one database at once: every write lands, each waiting out the other’s lock, none a 5xx', async () => {
  // Separate processes, as an operator runs them: in one process the embedded client's calls take
  // turns on the event loop, so only two processes really contend for the file's write lock. On a
  // libSQL server they contend for its writer.
  const own = await testDatabase('tl-two-processes-');
  await seedTestDatabase(own);
  const processes = await startServeProcesses(2, own.url, own.authToken ? { env: { DATABASE_AUTH_TOKEN: own.authToken } } : {});
  try {
    const session = await fetch(`${processes[0]!.url}/v1/libraries/${own.demo.slug}/dev/sessions`, send('POST', { as: 'coordinator' }));
    const headers = bearer(((await session.json()) as { sessionToken: string }).sessionToken);
    const writes = Array.from({ length: 120 }, (_, i) => fetch(`${processes[i % 2]!.url}/v1/libraries/${own.demo.slug}/me`, send('PATCH', { name: `At once ${i}` }, headers)));
    const statuses = (await Promise.all(writes)).map((res) => res.status);
    assert.deepEqual([...new Set(statuses)], [200], JSON.stringify(statuses));
  } finally {
    await stopServeProcesses(processes);
    await own.close();
  }
});

test('one write budget across both instances: the write after it, on either, is a 429', async () => {
  const headers = bearer(await demoSession(a, 'expert'));
  const statuses = [];
  for (let i = 0; i <= WRITES_PER_MINUTE; i++) {
    const server = i % 2 ? b : a;
    statuses.push((await call(server, `/v1/libraries/${library}/me`, send('PATCH', { name: `Name ${i}` }, headers))).status);
  }
  assert.deepEqual(statuses.slice(0, WRITES_PER_MINUTE), Array(WRITES_PER_MINUTE).fill(200), JSON.stringify(statuses));
  assert.equal(statuses[WRITES_PER_MINUTE], 429, 'the budget is the database’s, not each instance’s');
});

test('an Idempotency-Key sent to one instance and repeated to the other moves credit once', async () => {
  const headers = bearer(await demoSession(a, 'member'));
  const before = (await call(a, `/v1/libraries/${library}/credits`, { headers })).body;
  const key = { 'idempotency-key': `two-instances-${randomBytes(6).toString('hex')}` };
  const first = await call(a, `/v1/libraries/${library}/credits/donations`, send('POST', { to: 'fund', hours: 0.5 }, { ...headers, ...key }));
  const again = await call(b, `/v1/libraries/${library}/credits/donations`, send('POST', { to: 'fund', hours: 0.5 }, { ...headers, ...key }));
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.body, first.body);
  const after = (await call(b, `/v1/libraries/${library}/credits`, { headers })).body;
  assert.equal(before.balanceMinutes - after.balanceMinutes, 30, 'half an hour, once');
});

test('a coordinator renaming a category on one instance shows at once on the other, in the library and in the listing’s facet counts', async () => {
  const read = (server: RunningServer, path: string) => call(server, path, { headers: { 'x-tl-key': publishableKey } });
  const facetNames = async (server: RunningServer) => (await read(server, `/v1/libraries/${library}/profiles?limit=1`)).body.facets.categories.map((c: { name: string }) => c.name);
  const names = await facetNames(b); // B now holds the facet counts in its cache
  assert.ok(names.length > 0, 'the demo profiles have categories');
  const details = (await read(a, `/v1/libraries/${library}`)).body;
  const category = details.categories.find((c: { name: string }) => c.name === names[0]);
  const coordinator = bearer(await demoSession(a, 'coordinator'));
  const renamed = await call(a, `/v1/libraries/${library}/categories/${category.id}`, send('PATCH', { name: `${category.name} (renamed)` }, coordinator));
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.ok((await read(b, `/v1/libraries/${library}`)).body.categories.some((c: { name: string }) => c.name === `${category.name} (renamed)`));
  assert.ok((await facetNames(b)).includes(`${category.name} (renamed)`), 'B’s cached counts went with the old taxonomy');
});

test('two instances migrating a new database at the same moment both succeed, and the schema is applied once', async () => {
  const fresh = await testDatabase('tl-two-migrations-');
  const [one, two] = [await openDatabase(fresh.url, fresh.authToken), await openDatabase(fresh.url, fresh.authToken)];
  try {
    const migrated = await Promise.allSettled([migrateDatabase(one.db), migrateDatabase(two.db)]);
    assert.deepEqual(migrated.map((m) => (m.status === 'rejected' ? String(m.reason) : m.status)), ['fulfilled', 'fulfilled']);
    const applied = await one.client.execute('SELECT hash, count(*) AS times FROM __drizzle_migrations GROUP BY hash HAVING times > 1');
    assert.deepEqual(applied.rows, [], 'no migration recorded twice');
  } finally {
    one.close();
    two.close();
    await fresh.close();
  }
});

test('two instances starting at the same moment on a new database both come up, one loading the demo library and the other finding it', async () => {
  // On the shared remote database the schema is there already; a file of its own starts empty.
  const fresh = await testDatabase('tl-two-starts-');
  const start = () => startServer({ databaseUrl: fresh.url, databaseAuthToken: fresh.authToken, port: 0, quiet: true, env: 'test', worker: false, seed: fresh.demo, ...trustClientAddress(fresh) }, {});
  const started = await Promise.allSettled([start(), start()]);
  try {
    assert.deepEqual(started.map((s) => (s.status === 'rejected' ? String(s.reason) : s.status)), ['fulfilled', 'fulfilled']);
    for (const s of started) {
      const res = await fetch(`${(s as PromiseFulfilledResult<RunningServer>).value.url}/v1/libraries/${fresh.demo.slug}`, { headers: { 'x-tl-key': fresh.demo.publishableKey, ...fromClientAddress(fresh) } });
      assert.equal(res.status, 200);
    }
  } finally {
    for (const s of started) if (s.status === 'fulfilled') await s.value.close();
    await fresh.close();
  }
});
