import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

describe('email sign-in', () => {
  let server: TestServer;
  const clock = manualClock();
  let n = 0;
  let email: string;
  before(async () => (server = await startTestServer({ seed: true, clock, rateLimits: { signInPerMinute: 1000 } })));
  after(() => server.close());
  beforeEach(() => (email = `person${++n}@example.org`));

  const ask = (body: object) => server.request('/v1/libraries/demo/email-links', send('POST', body));
  const verify = (body: object) => server.request('/v1/libraries/demo/email-links/verify', send('POST', body));
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
    const me = await server.request('/v1/libraries/demo/me', { headers: bearer(signedIn.body.sessionToken) });
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

  test('a newer code replaces the older one', async () => {
    await ask({ email });
    const first = codeIn(latestMail(email)!.subject)!;
    await ask({ email });
    const second = codeIn(latestMail(email)!.subject)!;
    if (first !== second) assert.equal((await verify({ email, code: first })).status, 401);
    assert.equal((await verify({ email, code: second })).status, 201);
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
    assert.equal((await server.request('/v1/libraries/demo', send('PATCH', { phase: 'invite' }, coordinator))).status, 200);
    assert.equal((await server.request('/v1/libraries/demo/invites', send('POST', { email: 'invited@example.org' }, coordinator))).status, 201);
  });
  after(() => server.close());

  test('an uninvited address gets the same 202, an email saying an invitation is needed, and no code', async () => {
    const res = await server.request('/v1/libraries/demo/email-links', send('POST', { email: 'stranger@example.org' }));
    assert.equal(res.status, 202);
    const mail = server.outbox!.messages.find((m) => m.to === 'stranger@example.org')!;
    assert.match(mail.subject, /invitation needed/);
    assert.equal(codeIn(mail.subject + mail.text), undefined);
    const guess = await server.request('/v1/libraries/demo/email-links/verify', send('POST', { email: 'stranger@example.org', code: '123456' }));
    assert.equal(guess.status, 401);
  });

  test('an invited address signs in', async () => {
    await server.request('/v1/libraries/demo/email-links', send('POST', { email: 'invited@example.org' }));
    const code = codeIn(server.outbox!.messages.find((m) => m.to === 'invited@example.org')!.subject)!;
    const res = await server.request('/v1/libraries/demo/email-links/verify', send('POST', { email: 'invited@example.org', code }));
    assert.equal(res.status, 201);
  });
});
