import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { AuthenticationError, createClient, PermissionDeniedError, RateLimitError } from '@talking-library/sdk';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the SDK for identity and partners', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true, rateLimits: { codesPerEmail: 1 } })));
  after(() => server.close());

  test('a coordinator manages partners; the keys come back once and work', async () => {
    const anonymous = createClient({ baseUrl: server.url });
    const { sessionToken } = await anonymous.sessions.demo('demo', 'coordinator');
    const coordinator = createClient({ baseUrl: server.url, sessionToken });
    assert.deepEqual((await coordinator.me('demo')).roles, ['member', 'coordinator']);

    const partner = await coordinator.partners.create('demo', { name: 'SDK partner', allowedOrigins: ['https://sdk.example'] });
    const asPartner = createClient({ baseUrl: server.url, publishableKey: partner.publishableKey });
    assert.equal((await asPartner.libraries.get('demo')).slug, 'demo');

    const rotated = await coordinator.partners.rotate('demo', partner.id, ['publishable']);
    await assert.rejects(asPartner.libraries.get('demo'), AuthenticationError);
    const listed = [];
    for await (const p of coordinator.partners.list('demo', { limit: 1 })) listed.push(p);
    assert.ok(listed.some((p) => p.id === partner.id && p.publishableKeyHint === rotated.publishableKeyHint));
    const updated = await coordinator.partners.update('demo', partner.id, { name: 'Renamed' });
    assert.equal((await coordinator.partners.get('demo', partner.id)).name, updated.name);
  });

  test('a partner removed through the SDK stops at once; its own secret key sees only itself', async () => {
    const { sessionToken } = await createClient({ baseUrl: server.url }).sessions.demo('demo', 'coordinator');
    const coordinator = createClient({ baseUrl: server.url, sessionToken });
    const partner = await coordinator.partners.create('demo', { name: 'Short-lived partner', allowedOrigins: [] });
    // The SDK sends an sk_ as a bearer token, where a session token would go.
    const backEnd = createClient({ baseUrl: server.url, sessionToken: partner.secretKey });
    assert.deepEqual((await backEnd.partners.list('demo')).data.map((p) => p.id), [partner.id]);

    assert.equal(await coordinator.partners.remove('demo', partner.id), undefined);
    await assert.rejects(async () => backEnd.partners.list('demo'), AuthenticationError);
    assert.ok(!(await coordinator.partners.list('demo')).data.some((p) => p.id === partner.id));
  });

  test('a member may not manage partners: a PermissionDeniedError with the problem code', async () => {
    const { sessionToken } = await createClient({ baseUrl: server.url }).sessions.demo('demo', 'member');
    const member = createClient({ baseUrl: server.url, sessionToken: () => sessionToken });
    const error = await member.partners.list('demo').catch((e: unknown) => e);
    assert.ok(error instanceof PermissionDeniedError);
    assert.equal(error.code, 'coordinator_only');
  });

  test('email sign-in through the SDK, then sign out', async () => {
    const client = createClient({ baseUrl: server.url, maxRetries: 0 });
    await client.emailLinks.request('demo', { email: 'sdk.person@example.org' });
    const code = /\b(\d{6})\b/.exec(server.outbox!.messages[0]!.subject)![1]!;
    const session = await client.emailLinks.verify('demo', { email: 'sdk.person@example.org', code });
    const signedIn = createClient({ baseUrl: server.url, sessionToken: session.sessionToken });
    assert.equal((await signedIn.me('demo')).email, 'sdk.person@example.org');
    await signedIn.sessions.end('demo');
    await assert.rejects(signedIn.me('demo'), AuthenticationError);
    const limited = await client.emailLinks.request('demo', { email: 'sdk.person@example.org' }).catch((e: unknown) => e);
    assert.ok(limited instanceof RateLimitError);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  test('a member chooses her name and links a partner account through the SDK', async () => {
    const { sessionToken } = await createClient({ baseUrl: server.url }).sessions.demo('demo', 'coordinator');
    const coordinator = createClient({ baseUrl: server.url, sessionToken });
    const partner = await coordinator.partners.create('demo', { name: 'Linked from the SDK' });
    const member = createClient({ baseUrl: server.url, sessionToken: (await createClient({ baseUrl: server.url }).sessions.demo('demo', 'member')).sessionToken });

    assert.equal((await member.account.update('demo', { name: 'Chosen Name' })).name, 'Chosen Name');
    assert.equal((await member.account.get('demo')).name, 'Chosen Name');

    const token = await new SignJWT({ email: 'member@demo.talking-library.test', name: 'Partner Name' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(partner.id)
      .setAudience('demo')
      .setSubject('sdk-user')
      .setJti('sdk-link')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(partner.jwtSecret));
    const linked = await member.account.linkIdentity('demo', token);
    assert.deepEqual({ partnerId: linked.partnerId, subject: linked.subject, linkedBy: linked.linkedBy }, { partnerId: partner.id, subject: 'sdk-user', linkedBy: 'member' });
  });
});
