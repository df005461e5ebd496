import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { migrateDatabase, openDatabase, schema, seedDemoLibrary, startServer, type Logger } from '@talking-library/server';
import { bearer, demoKey, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SECRET_KEY = 'cd'.repeat(32);

describe('partner JWT secrets at rest', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: true, secretKey: SECRET_KEY });
  });
  after(() => server.close());

  test('a new partner’s JWT secret is stored sealed (v1:iv:ciphertext), never as given, and still verifies its tokens', async () => {
    const coordinator = bearer(await demoSession(server, 'coordinator'));
    const created = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Sealed', allowedOrigins: [] }, coordinator));
    assert.equal(created.status, 201);
    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, created.body.id));
    assert.match(row!.jwtSecret, /^v1:[\w-]{16}:[\w-]{40,}$/);
    assert.ok(!JSON.stringify(row).includes(created.body.jwtSecret));

    const token = await new SignJWT({ email: 'sealed@example.org', name: 'Sealed Person' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(created.body.id)
      .setAudience('demo')
      .setSubject('user-1')
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(created.body.jwtSecret));
    const session = await server.request('/v1/libraries/demo/sessions', send('POST', { token }));
    assert.equal(session.status, 201, JSON.stringify(session.body));
  });

  test('a rotated JWT secret is stored sealed too', async () => {
    const coordinator = bearer(await demoSession(server, 'coordinator'));
    const created = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Rotated', allowedOrigins: [] }, coordinator));
    const rotated = await server.request(`/v1/libraries/demo/partners/${created.body.id}/rotate`, send('POST', { keys: ['jwt'] }, coordinator));
    assert.equal(rotated.status, 200);
    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, created.body.id));
    assert.match(row!.jwtSecret, /^v1:/);
    assert.ok(!row!.jwtSecret.includes(rotated.body.jwtSecret));
  });
});

describe('sealing at start-up', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tl-at-rest-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('plain JWT secrets already in the database are sealed when the server starts, once', async () => {
    const databaseUrl = `file:${join(dir, 'old.db')}`;
    // A database as an older version left it: the demo seed writes its secret in the clear.
    const old = await openDatabase(databaseUrl);
    await migrateDatabase(old.db);
    await seedDemoLibrary(old.db);
    const [plain] = await old.db.select({ jwtSecret: schema.partners.jwtSecret }).from(schema.partners);
    old.close();
    assert.match(plain!.jwtSecret, /^jws_/);

    const read = async () => {
      const server = await startServer({ databaseUrl, port: 0, quiet: true, env: 'test', secretKey: SECRET_KEY }, {});
      const [row] = await server.db.select({ jwtSecret: schema.partners.jwtSecret }).from(schema.partners);
      await server.close();
      return row!.jwtSecret;
    };
    const first = await read();
    assert.match(first, /^v1:/);
    assert.ok(!first.includes(plain!.jwtSecret));
    assert.equal(await read(), first, 'a second start leaves a sealed secret as it is');
  });
});

describe('the database files', () => {
  test('the database, its WAL and its shared-memory file are readable by the server’s user only (0600)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tl-modes-'));
    const previous = process.umask(0o022);
    try {
      const path = join(dir, 'private.db');
      const { db, close } = await openDatabase(`file:${path}`);
      await migrateDatabase(db);
      await db.run(sql`SELECT count(*) FROM libraries`);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        assert.equal((await stat(file)).mode & 0o777, 0o600, `${file} mode`);
      }
      close();
    } finally {
      process.umask(previous);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Cache-Control: no-store', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: true });
  });
  after(() => server.close());

  test('answers that carry tokens or personal data send no-store', async () => {
    const created = await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'coordinator' }));
    assert.equal(created.headers.get('cache-control'), 'no-store', 'a new session');
    const coordinator = bearer(created.body.sessionToken);
    const answers = {
      me: await server.request('/v1/libraries/demo/me', { headers: coordinator }),
      members: await server.request('/v1/libraries/demo/members', { headers: coordinator }),
      invites: await server.request('/v1/libraries/demo/invites', { headers: coordinator }),
      partners: await server.request('/v1/libraries/demo/partners', { headers: coordinator }),
      newPartner: await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Keys inside', allowedOrigins: [] }, coordinator)),
      emailLink: await server.request('/v1/libraries/demo/email-links', send('POST', { email: 'someone@example.org' })),
      verify: await server.request('/v1/libraries/demo/email-links/verify', send('POST', { email: 'someone@example.org', code: '000000' })),
      ownProfile: await server.request('/v1/libraries/demo/me/profile', { headers: coordinator }),
      signedInRead: await server.request('/v1/libraries/demo/profiles', { headers: coordinator }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      assert.ok(answer.status < 500, `${name}: ${answer.status}`);
      assert.equal(answer.headers.get('cache-control'), 'no-store', name);
    }
  });

  test('public reads with a publishable key stay cacheable', async () => {
    const library = await server.request('/v1/libraries/demo', { headers: demoKey });
    assert.equal(library.status, 200);
    assert.notEqual(library.headers.get('cache-control'), 'no-store');
  });
});

describe('error logs', () => {
  const logged: string[] = [];
  const logger: Logger = {
    info: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
    error: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
  };
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: true, logger, quiet: false });
  });
  after(() => server.close());

  test('a failing query is logged by class, code and SQL, without the search words it was given', async () => {
    // Break the search index, so a search fails inside the database with our word among its parameters.
    await server.db.run(sql`DROP TABLE profiles_fts`);
    const word = 'zanzibarquokka';
    const res = await server.request(`/v1/libraries/demo/profiles?q=${word}`, { headers: demoKey });
    assert.equal(res.status, 500);
    const failure = logged.filter((line) => line.includes('request failed'));
    assert.equal(failure.length, 1, logged.join('\n'));
    assert.ok(!failure[0]!.toLowerCase().includes(word), failure[0]);
    const fields = JSON.parse(failure[0]!);
    assert.equal(fields.cause, 'LibsqlError');
    assert.equal(fields.code, 'SQLITE_ERROR');
    assert.match(fields.sql, /profiles_fts/);
    assert.ok(!logged.join('\n').toLowerCase().includes(word), 'no log line carries the word');
  });
});
