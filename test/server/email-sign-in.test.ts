import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { grantRoles } from '../../server/src/domain/members.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

/** The address's code rows in the server's demo library: a shared remote database holds other tests' too. */
async function codeRows(server: TestServer, email: string) {
  const library = await findLibrary(server.db, server.library);
  return server.db.select().from(schema.emailCodes).where(and(eq(schema.emailCodes.libraryId, library.id), eq(schema.emailCodes.email, email)));
}

describe('email sign-in', () => {
  let server: TestServer;
  const clock = manualClock();
  let n = 0;
  let email: string;
  before(async () => (server = await startTestServer({ seed: true, clock, trustProxy: true, rateLimits: { signInPerMinute: 1000 } })));
  after(() => server.close());
  beforeEach(() => (email = `person${++n}@example.org`));

  const ask = (body: object, from = '192.0.2.1') => server.request(`${server.libraryPath}/email-links`, send('POST', body, { 'x-forwarded-for': from }));
  const verify = (body: object) => server.request(`${server.libraryPath}/email-links/verify`, send('POST', body));
  const latestMail = (to: string) => server.outbox!.messages.find((m) => m.to === to);

  test('a code sent by email signs the person in, as a member with a working session', async () => {
    const asked = await ask({ email: `  ${email.toUpperCase()} ` });
    assert.equal(asked.status, 202);
    const mail = latestMail(email)!;
    assert.ok(mail, 'the address is normalised and mailed');
    const code = codeIn(mail.subject)!;
    const signedIn = await verify({ email, code });
    assert.equal(signedIn.status, 201);
    assert.equal(signedIn.body.member.email, email);
    assert.deepEqual(signedIn.body.member.roles, ['member']);
    const me = await server.request(`${server.libraryPath}/me`, { headers: bearer(signedIn.body.sessionToken) });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, signedIn.body.member.id);
  });

  test('a code works once', async () => {
    await ask({ email });
    const code = codeIn(latestMail(email)!.subject)!;
    assert.equal((await verify({ email, code })).status, 201);
    const again = await verify({ email, code });
    assert.equal(again.status, 401);
    assert.equal(again.body.code, 'code_invalid');
  });

  test('a code expires after 15 minutes', async () => {
    await ask({ email });
    const code = codeIn(latestMail(email)!.subject)!;
    clock.advance(15 * 60_000 + 1);
    const late = await verify({ email, code });
    assert.equal(late.status, 401);
    assert.equal(late.body.code, 'code_invalid');
  });

  test('five wrong guesses spend the code, so even the right one fails after', async () => {
    await ask({ email });
    const code = codeIn(latestMail(email)!.subject)!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) assert.equal((await verify({ email, code: wrong })).status, 401);
    assert.equal((await verify({ email, code })).status, 401);
  });

  test('asking for a new code leaves the earlier one working', async () => {
    await ask({ email });
    const first = codeIn(latestMail(email)!.subject)!;
    await ask({ email }, '198.51.100.66');
    assert.equal((await verify({ email, code: first })).status, 201);
  });

  test('concurrent wrong guesses count at most five misses, and the right code is then refused', async () => {
    await ask({ email });
    const code = codeIn(latestMail(email)!.subject)!;
    const wrong = code === '000000' ? '111111' : '000000';
    // Straight into the app, so all forty are in flight at once rather than as sockets connect.
    const guess = () => server.app.request(`${server.libraryPath}/email-links/verify`, send('POST', { email, code: wrong }));
    const guesses = await Promise.all(Array.from({ length: 40 }, guess));
    assert.deepEqual(new Set(guesses.map((g) => g.status)), new Set([401]));
    const [row] = await codeRows(server, email);
    assert.ok(row!.failedAttempts <= 5, `${row!.failedAttempts} misses counted`);
    assert.equal((await verify({ email, code })).status, 401);
  });

  test('codes are stored as an HMAC with the server key: the row alone does not give the code away', async () => {
    await ask({ email });
    const code = codeIn(latestMail(email)!.subject)!;
    const [row] = await codeRows(server, email);
    assert.match(row!.codeHash, /^[0-9a-f]{64}$/);
    // The old scheme: SHA-256 of the row's id and the code, which anyone with the file can try a million times.
    const candidates = [`${row!.id}:${code}`, `email-code:${row!.id}:${code}`, code];
    for (const text of candidates) {
      const sha = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
      assert.notEqual(row!.codeHash, sha, text);
    }
  });

  test('signing in by email never renames a member', async () => {
    const library = await findLibrary(server.db, server.library);
    await grantRoles(server.db, library, { email, name: 'Adaeze Nwosu' }, ['member']);
    await ask({ email });
    const signedIn = await verify({ email, code: codeIn(latestMail(email)!.subject)! });
    assert.equal(signedIn.status, 201);
    assert.equal(signedIn.body.member.name, 'Adaeze Nwosu');
  });

  test('a member created by email is named after her address once', async () => {
    await ask({ email });
    const signedIn = await verify({ email, code: codeIn(latestMail(email)!.subject)! });
    assert.equal(signedIn.body.member.name, email.split('@')[0]);
  });

  test('a stranger asking for codes to her address neither locks her out nor voids her code', async () => {
    await ask({ email }, '198.51.100.7');
    const hers = codeIn(latestMail(email)!.subject)!;
    for (let i = 0; i < 5; i++) assert.equal((await ask({ email }, '203.0.113.9')).status, 202);
    assert.equal((await ask({ email }, '203.0.113.9')).status, 429, 'the stranger is limited');
    assert.equal((await ask({ email }, '198.51.100.7')).status, 202, 'she is not');
    assert.equal((await verify({ email, code: hers })).status, 201, 'and her first code still works');
  });

  test('the link leads to the partner page with the code in its fragment; other sites are refused', async () => {
    const ok = await ask({ email, redirectUrl: 'http://localhost:8787/library?x=1#old' });
    assert.equal(ok.status, 202);
    const mail = latestMail(email)!;
    const code = codeIn(mail.subject)!;
    assert.ok(mail.text.includes(`http://localhost:8787/library?x=1#tl-email=${encodeURIComponent(email)}&tl-code=${code}`));
    const phishing = await ask({ email, redirectUrl: 'https://evil.example/steal' });
    assert.equal(phishing.status, 400);
    assert.equal(phishing.body.errors[0].path, 'body.redirectUrl');
  });

  test('bad input names the field', async () => {
    const badEmail = await ask({ email: 'not an email' });
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.body.errors[0].path, 'body.email');
    const badCode = await verify({ email, code: '12ab' });
    assert.equal(badCode.status, 400);
    assert.equal(badCode.body.errors[0].path, 'body.code');
    const missing = await verify({});
    assert.deepEqual(missing.body.errors.map((e: any) => e.path).sort(), ['body.code', 'body.email']);
  });

  test('one address may ask for five codes in 15 minutes; the sixth is a 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await ask({ email })).status, 202);
    const limited = await ask({ email });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});

describe('the invite phase', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: true });
    const coordinator = bearer(await demoSession(server, 'coordinator'));
    assert.equal((await server.request(`${server.libraryPath}`, send('PATCH', { phase: 'invite' }, coordinator))).status, 200);
    assert.equal((await server.request(`${server.libraryPath}/invites`, send('POST', { email: 'invited@example.org' }, coordinator))).status, 201);
  });
  after(() => server.close());

  test('an uninvited address gets the same 202, an email saying an invitation is needed, and no code', async () => {
    const res = await server.request(`${server.libraryPath}/email-links`, send('POST', { email: 'stranger@example.org' }));
    assert.equal(res.status, 202);
    const mail = server.outbox!.messages.find((m) => m.to === 'stranger@example.org')!;
    assert.match(mail.subject, /invitation needed/);
    assert.equal(codeIn(mail.subject + mail.text), undefined);
    const guess = await server.request(`${server.libraryPath}/email-links/verify`, send('POST', { email: 'stranger@example.org', code: '123456' }));
    assert.equal(guess.status, 401);
  });

  test('invited and uninvited addresses cost the same work: one code row written and one mail sent each', async () => {
    const mails = (email: string) => server.outbox!.messages.filter((m) => m.to === email).length;
    for (const email of ['invited.twin@example.org', 'uninvited.twin@example.org']) {
      if (email.startsWith('invited')) {
        const coordinator = bearer(await demoSession(server, 'coordinator'));
        await server.request(`${server.libraryPath}/invites`, send('POST', { email }, coordinator));
      }
      assert.equal((await server.request(`${server.libraryPath}/email-links`, send('POST', { email }))).status, 202);
      assert.equal((await codeRows(server, email)).length, 1, `${email}: one code row`);
      assert.equal(mails(email), 1, `${email}: one mail`);
    }
  });

  test('an invited address signs in', async () => {
    await server.request(`${server.libraryPath}/email-links`, send('POST', { email: 'invited@example.org' }));
    const code = codeIn(server.outbox!.messages.find((m) => m.to === 'invited@example.org')!.subject)!;
    const res = await server.request(`${server.libraryPath}/email-links/verify`, send('POST', { email: 'invited@example.org', code }));
    assert.equal(res.status, 201);
  });
});
