import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema, startServer, type RunningServer } from '@talking-library/server';
import { demoKey, send, sessionFor } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { DatabaseRateLimiter } from '../../server/src/http/rate-limit.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Addresses from the documentation ranges (RFC 5737): only ever written into headers.
const PROXY = '192.0.2.1';
const signInAttempt = (server: TestServer, headers: Record<string, string> = {}) =>
  server.request('/v1/libraries/demo/sessions', send('POST', { token: 'guess' }, headers));

describe('client address behind a trusted proxy', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, trustProxy: true, rateLimits: { signInPerMinute: 3 } })));
  after(() => server.close());

  test('the address the proxy appended decides the budget, not the entries the client wrote before it', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await signInAttempt(server, { 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.7` })).status, 401);
    const spoofed = await signInAttempt(server, { 'x-forwarded-for': '198.51.100.99, 203.0.113.7' });
    assert.equal(spoofed.status, 429, 'a new leftmost entry does not buy a new budget');
    assert.equal((await signInAttempt(server, { 'x-forwarded-for': '203.0.113.8' })).status, 401, 'another client keeps her own budget');
  });
});

describe('client address behind two trusted proxies', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, trustProxy: true, trustedProxyHops: 2, rateLimits: { signInPerMinute: 2 } })));
  after(() => server.close());

  test('with TRUSTED_PROXY_HOPS=2, the address is the second entry from the right', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await signInAttempt(server, { 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.20, ${PROXY}` })).status, 401);
    assert.equal((await signInAttempt(server, { 'x-forwarded-for': `198.51.100.50, 203.0.113.20, ${PROXY}` })).status, 429);
    assert.equal((await signInAttempt(server, { 'x-forwarded-for': `203.0.113.21, ${PROXY}` })).status, 401, 'the last proxy’s own address is not the client’s');
  });
});

describe('each budget keeps its own window', () => {
  let server: TestServer;
  const clock = manualClock();
  before(async () => (server = await startTestServer({ seed: true, clock, rateLimits: { signInPerMinute: 1000, codesPerEmail: 2 } })));
  after(() => server.close());

  test('the 15-minute count of codes for one address survives the sweep of the 60-second budgets', async () => {
    const ask = () => server.request('/v1/libraries/demo/email-links', send('POST', { email: 'kept.count@example.org' }));
    assert.equal((await ask()).status, 202);
    assert.equal((await ask()).status, 202);
    clock.advance(61_000);
    assert.equal((await signInAttempt(server)).status, 401);
    const counters = await server.db.select().from(schema.rateLimitCounters);
    assert.ok(!counters.some((row) => row.name === 'sign-in' && row.windowStart < clock.now().getTime()), 'the passed 60-second windows were swept');
    assert.ok(counters.some((row) => row.name === 'sign-in-email'), 'the per-email window was kept');
    const third = await ask();
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) > 60, 'the address waits out its own 15-minute window');
  });
});

describe('write budgets', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, trustProxy: true, rateLimits: { writesPerMinute: 3, signInPerMinute: 1000, codesPerEmail: 1000 } })));
  after(() => server.close());

  test('one visitor on a partner’s pages cannot spend the write budget of every visitor with its publishable key', async () => {
    const ask = (address: string, n: number) =>
      server.request('/v1/libraries/demo/email-links', send('POST', { email: `visitor${n}@example.org` }, { ...demoKey, 'x-forwarded-for': address }));
    for (let i = 0; i < 3; i++) assert.equal((await ask('203.0.113.30', i)).status, 202);
    assert.equal((await ask('203.0.113.30', 3)).status, 429);
    assert.equal((await ask('203.0.113.31', 4)).status, 202, 'another visitor with the same key can still sign in');
  });

  test('a new session does not restart a member’s write budget', async () => {
    const person = { email: 'busy.coordinator@example.org', name: 'Busy', roles: ['coordinator' as const] };
    const invite = (headers: Record<string, string>, n: number) => server.request('/v1/libraries/demo/invites', send('POST', { email: `busy${n}@example.org` }, headers));
    const first = await sessionFor(server, person);
    for (let i = 0; i < 3; i++) assert.equal((await invite(first, i)).status, 201);
    const second = await sessionFor(server, person);
    assert.equal((await invite(second, 3)).status, 429);
  });

  test('a partner’s secret key has a write budget of its own', async () => {
    const coordinator = await sessionFor(server, { email: 'partner.maker@example.org', name: 'Maker', roles: ['coordinator'] });
    const { body } = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Budgeted', allowedOrigins: [] }, coordinator));
    const rename = (n: number) => server.request(`/v1/libraries/demo/partners/${body.id}`, send('PATCH', { name: `Budgeted ${n}` }, { authorization: `Bearer ${body.secretKey}` }));
    for (let i = 0; i < 3; i++) assert.equal((await rename(i)).status, 200);
    assert.equal((await rename(3)).status, 429);
    // The coordinator made one write; the key's writes were not hers.
    assert.equal((await server.request('/v1/libraries/demo/invites', send('POST', { email: 'after.partner@example.org' }, coordinator))).status, 201);
  });
});

describe('read budgets', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, trustProxy: true, rateLimits: { readsPerMinute: 3 } })));
  after(() => server.close());

  test('reads and searches are limited per client address, whatever key they carry', async () => {
    const search = (address: string) => server.request('/v1/libraries/demo/profiles?q=data', { headers: { ...demoKey, 'x-forwarded-for': address } });
    for (let i = 0; i < 3; i++) assert.equal((await search('203.0.113.40')).status, 200);
    const limited = await search('203.0.113.40');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate_limited');
    assert.equal((await search('203.0.113.41')).status, 200);
  });
});

describe('read budgets counted in claims', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, rateLimits: { readsPerMinute: 600 } })));
  after(() => server.close());

  test('an app claims reads from the shared count a twentieth at a time, not a write per read', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await server.read('/v1/libraries/demo')).status, 200);
    const rows = await server.db.select().from(schema.rateLimitCounters).where(eq(schema.rateLimitCounters.name, 'reads'));
    assert.deepEqual(rows.map((row) => row.count), [30], 'ten reads, one claim of 30');
    const last = await server.read('/v1/libraries/demo');
    assert.match(last.headers.get('ratelimit') ?? '', /^"reads";r=589;t=\d+$/, 'the headers count every read');
  });
});

describe('claimed budgets', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('forty hits at once wait for one claim instead of each claiming a share of the budget', async () => {
    const limiter = new DatabaseRateLimiter(server.db);
    const crowd = { name: 'crowd', max: 120, windowMs: 60_000, claim: 6 };
    const now = Date.now();
    const hits = await Promise.allSettled(Array.from({ length: 40 }, () => limiter.hit(crowd, 'one-caller', now)));
    assert.deepEqual(hits.filter((hit) => hit.status === 'rejected'), [], 'none refused: forty is well within 120');
    const [row] = await server.db.select().from(schema.rateLimitCounters).where(eq(schema.rateLimitCounters.name, 'crowd'));
    assert.equal(row!.count, 42, 'seven claims of 6 for forty hits');
  });
});

describe('RateLimit headers', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, rateLimits: { readsPerMinute: 2, writesPerMinute: 50 } })));
  after(() => server.close());

  test('a limited answer names its budget: quota and window, what remains and when it restarts', async () => {
    const read = await server.read('/v1/libraries/demo');
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('ratelimit-policy'), '"reads";q=2;w=60');
    assert.match(read.headers.get('ratelimit') ?? '', /^"reads";r=1;t=(60|59)$/);
    const write = await server.request('/v1/libraries/demo/email-links', send('POST', { email: 'headers@example.org' }));
    assert.equal(write.status, 202);
    assert.equal(write.headers.get('ratelimit-policy'), '"writes";q=50;w=60, "sign-in";q=20;w=60');
    assert.match(write.headers.get('ratelimit') ?? '', /^"writes";r=49;t=\d+, "sign-in";r=19;t=\d+$/);
  });

  test('a 429 carries Retry-After and a RateLimit with nothing remaining', async () => {
    let res = await server.read('/v1/libraries/demo/profiles');
    while (res.status === 200) res = await server.read('/v1/libraries/demo/profiles');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(res.headers.get('ratelimit'), `"reads";r=0;t=${retryAfter}`);
  });

  test('browsers on partner pages may read the headers', async () => {
    const res = await server.request('/v1/health', { headers: { origin: 'http://localhost:8787' } });
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const name of ['ratelimit', 'ratelimit-policy', 'retry-after']) assert.ok(exposed.includes(name), `${name} is exposed`);
  });
});

describe('several API instances on one database', () => {
  let dir: string;
  let first: RunningServer;
  let second: RunningServer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tl-shared-'));
    const options = { databaseUrl: `file:${join(dir, 'library.db')}`, port: 0, quiet: true, env: 'test' as const, rateLimits: { signInPerMinute: 4, readsPerMinute: 40 } };
    first = await startServer({ ...options, seed: true }, {});
    second = await startServer(options, {});
  });
  after(async () => {
    await second.close();
    await first.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('two apps on one database file share one sign-in budget', async () => {
    const attempt = async (server: RunningServer) => (await fetch(`${server.url}/v1/libraries/demo/sessions`, send('POST', { token: 'guess' }))).status;
    assert.deepEqual([await attempt(first), await attempt(second), await attempt(first), await attempt(second)], [401, 401, 401, 401]);
    assert.equal(await attempt(first), 429);
    assert.equal(await attempt(second), 429);
    const [row] = await first.db.select().from(schema.rateLimitCounters).where(eq(schema.rateLimitCounters.name, 'sign-in'));
    assert.equal(row!.count, 6);
  });

  test('two apps on one database never serve more reads between them than one address’s budget', async () => {
    const read = async (server: RunningServer) => (await fetch(`${server.url}/v1/libraries/demo`, { headers: demoKey })).status;
    let served = 0;
    const refused = new Set<RunningServer>();
    for (let i = 0; i < 100 && refused.size < 2; i++) {
      const server = i % 2 === 0 ? first : second;
      const status = await read(server);
      if (status === 200) served++;
      else if (status === 429) refused.add(server);
      else assert.fail(`unexpected ${status}`);
    }
    assert.equal(refused.size, 2, 'both apps refuse once the shared budget is spent');
    // Each app claims a twentieth of the budget at a time; a claim left unused may go unserved.
    assert.ok(served <= 40 && served >= 38, `${served} reads served`);
  });
});
