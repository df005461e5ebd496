import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { DevOutbox, type Logger, type MailMessage } from '@talking-library/server';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Every line the server logs, and everything printed to the console, while the test runs. */
const logged: string[] = [];
const capturingLogger: Logger = {
  info: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
  error: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
};

/** Delivers mail to the outbox, except to one address, where sending fails as a broken SMTP server would. */
class FlakyMailer extends DevOutbox {
  override async send(message: MailMessage) {
    if (message.to === 'explode@example.org') throw new Error('SMTP connection refused');
    return super.send(message);
  }
}

let server: TestServer;
const mailer = new FlakyMailer();
const secrets: string[] = [];
const responses: string[] = [];
const restoreConsole: (() => void)[] = [];

before(async () => {
  for (const method of ['log', 'error', 'warn', 'info'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    restoreConsole.push(() => (console[method] = original));
  }
  server = await startTestServer({ seed: true, logger: capturingLogger, mailer });
});
after(async () => {
  for (const restore of restoreConsole) restore();
  await server.close();
});

const keep = async (res: Promise<{ body: unknown; status: number }>) => {
  const r = await res;
  responses.push(JSON.stringify(r.body));
  return r;
};

test('keys, tokens and codes never reach the logs, and never come back after their creation', async () => {
  const coordinatorToken = await demoSession(server, 'coordinator');
  secrets.push(coordinatorToken);
  const coordinator = bearer(coordinatorToken);

  // A partner and its keys: the one response that may show them.
  const created = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Secretive', allowedOrigins: ['https://secretive.example'] }, coordinator));
  const { id: partnerId, publishableKey, secretKey, jwtSecret } = created.body;
  secrets.push(publishableKey, secretKey, jwtSecret);

  // Partner sign-in.
  const jwt = await new SignJWT({ email: 'pat@example.org', name: 'Pat' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(partnerId)
    .setAudience('demo')
    .setSubject('user-1')
    .setJti('jti-secret-test')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(jwtSecret));
  secrets.push(jwt);
  const session = await server.request('/v1/libraries/demo/sessions', send('POST', { token: jwt }));
  assert.equal(session.status, 201);
  secrets.push(session.body.sessionToken);

  // Email sign-in.
  await server.request('/v1/libraries/demo/email-links', send('POST', { email: 'sam@example.org' }));
  const code = /\b(\d{6})\b/.exec(mailer.messages[0]!.subject)![1]!;
  const emailSession = await server.request('/v1/libraries/demo/email-links/verify', send('POST', { email: 'sam@example.org', code }));
  secrets.push(code, emailSession.body.sessionToken);

  // Reads and failures carrying the secrets in their headers, including a 500 that is logged.
  await keep(server.request('/v1/libraries/demo/me', { headers: bearer(session.body.sessionToken) }));
  await keep(server.request('/v1/libraries/demo/partners', { headers: bearer(secretKey) }));
  await keep(server.request(`/v1/libraries/demo/partners/${partnerId}`, { headers: coordinator }));
  await keep(server.request('/v1/libraries/demo/members?limit=100', { headers: coordinator }));
  await keep(server.request('/v1/libraries/demo', { headers: { 'x-tl-key': publishableKey, origin: 'https://evil.example' } }));
  await keep(server.request(`/v1/libraries/demo/me?token=${session.body.sessionToken}`, { headers: bearer(`${session.body.sessionToken}x`) }));
  const failed = await keep(server.request('/v1/libraries/demo/email-links', send('POST', { email: 'explode@example.org' }, { ...bearer(emailSession.body.sessionToken), 'x-tl-key': publishableKey })));
  assert.equal(failed.status, 500);
  await keep(server.request('/v1/libraries/demo/sessions/current', send('DELETE', undefined, bearer(session.body.sessionToken))));

  assert.ok(logged.some((line) => line.includes('SMTP connection refused')), 'the 500 was logged');
  assert.ok(logged.filter((line) => line.includes('"message":"request"')).length >= 8, 'requests were logged');
  for (const secret of secrets) {
    assert.ok(secret.length >= 6);
    for (const line of logged) assert.ok(!line.includes(secret), `a secret reached the logs: ${line.slice(0, 200)}`);
    for (const body of responses) assert.ok(!body.includes(secret), `a secret came back in a response: ${body.slice(0, 200)}`);
  }
});
