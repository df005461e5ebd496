import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Partner {
  id: string;
  jwtSecret: string;
}

/** Partner sign-in rules: a partner signs in only people it brought, or who linked its account themselves. */
describe('signing in through a partner site', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  let siteA: Partner;
  let siteB: Partner;
  let n = 0;
  before(async () => {
    server = await startTestServer({ seed: true, rateLimits: { signInPerMinute: 10_000 } });
    coordinator = bearer(await demoSession(server, 'coordinator'));
    const create = async (name: string) => (await server.request(`${server.libraryPath}/partners`, send('POST', { name }, coordinator))).body as Partner;
    [siteA, siteB] = [await create('Site A'), await create('Site B')];
  });
  after(() => server.close());

  const token = (partner: Partner, claims: { sub: string; email: string; name?: string }) =>
    new SignJWT({ email: claims.email, ...(claims.name ? { name: claims.name } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(partner.id)
      .setAudience(server.library)
      .setSubject(claims.sub)
      .setJti(`jti-${++n}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(partner.jwtSecret));
  const partnerSignIn = async (partner: Partner, claims: { sub: string; email: string; name?: string }) =>
    server.request(`${server.libraryPath}/sessions`, send('POST', { token: await token(partner, claims) }));
  const emailSignIn = async (email: string) => {
    await server.request(`${server.libraryPath}/email-links`, send('POST', { email }));
    const code = /\b(\d{6})\b/.exec(server.outbox!.messages.find((m) => m.to === email)!.subject)![1];
    const res = await server.request(`${server.libraryPath}/email-links/verify`, send('POST', { email, code }));
    assert.equal(res.status, 201);
    return res.body;
  };
  const link = async (session: { sessionToken: string }, partner: Partner, claims: { sub: string; email: string }) =>
    server.request(`${server.libraryPath}/me/identities`, send('POST', { token: await token(partner, claims) }, bearer(session.sessionToken)));
  const setRoles = async (memberId: string, roles: string[]) =>
    assert.equal((await server.request(`${server.libraryPath}/members/${memberId}`, send('PATCH', { roles }, coordinator))).status, 200);

  test('a new account with a new email creates the member; the same account signs her in again', async () => {
    const first = await partnerSignIn(siteA, { sub: 'a-1', email: 'new.person@example.org', name: 'New Person' });
    assert.equal(first.status, 201);
    assert.equal(first.body.member.name, 'New Person');
    const again = await partnerSignIn(siteA, { sub: 'a-1', email: 'new.person@example.org', name: 'New P. Person' });
    assert.equal(again.status, 201);
    assert.equal(again.body.member.id, first.body.member.id);
    assert.equal(again.body.member.name, 'New P. Person', 'the partner’s name, while she has chosen none');
  });

  test('a partner cannot sign in a member who joined by email, or through another partner', async () => {
    const byEmail = await emailSignIn('joined.by.email@example.org');
    const refused = await partnerSignIn(siteA, { sub: 'a-2', email: 'joined.by.email@example.org', name: 'Renamed By Partner' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'identity_link_required');
    assert.match(refused.body.detail, /me\/identities/);
    const me = await server.request(`${server.libraryPath}/me`, { headers: bearer(byEmail.sessionToken) });
    assert.equal(me.body.name, 'joined.by.email', 'and she is not renamed');

    assert.equal((await partnerSignIn(siteB, { sub: 'b-1', email: 'joined.via.b@example.org' })).status, 201);
    const viaA = await partnerSignIn(siteA, { sub: 'a-3', email: 'joined.via.b@example.org' });
    assert.equal(viaA.status, 403);
    assert.equal(viaA.body.code, 'identity_link_required');
  });

  test('a partner cannot sign in as the demo coordinator or expert by naming their email', async () => {
    for (const email of ['coordinator@demo.talking-library.test', 'expert@demo.talking-library.test']) {
      const res = await partnerSignIn(siteA, { sub: `claims-${email}`, email });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'identity_link_required');
    }
  });

  test('once she links the partner account herself, that partner signs her in', async () => {
    const session = await emailSignIn('links.herself@example.org');
    const linked = await link(session, siteA, { sub: 'a-4', email: 'whatever.the.partner.says@example.org' });
    assert.equal(linked.status, 201);
    assert.deepEqual({ partnerId: linked.body.partnerId, subject: linked.body.subject, linkedBy: linked.body.linkedBy }, { partnerId: siteA.id, subject: 'a-4', linkedBy: 'member' });
    const viaA = await partnerSignIn(siteA, { sub: 'a-4', email: 'links.herself@example.org' });
    assert.equal(viaA.status, 201);
    assert.equal(viaA.body.member.id, session.member.id);
  });

  test('an identity the partner created stops working once its member is promoted, at every sign-in', async () => {
    const first = await partnerSignIn(siteA, { sub: 'a-5', email: 'soon.expert@example.org' });
    assert.equal(first.status, 201);
    await setRoles(first.body.member.id, ['member', 'expert']);
    const refused = await partnerSignIn(siteA, { sub: 'a-5', email: 'soon.expert@example.org' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'identity_conflict');
    await setRoles(first.body.member.id, ['member', 'coordinator']);
    assert.equal((await partnerSignIn(siteA, { sub: 'a-5', email: 'soon.expert@example.org' })).body.code, 'identity_conflict');
  });

  test('an identity she linked herself keeps working whatever her roles', async () => {
    const session = await emailSignIn('linked.coordinator@example.org');
    assert.equal((await link(session, siteB, { sub: 'b-2', email: 'linked.coordinator@example.org' })).status, 201);
    await setRoles(session.member.id, ['member', 'coordinator']);
    const res = await partnerSignIn(siteB, { sub: 'b-2', email: 'linked.coordinator@example.org' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.member.roles, ['member', 'coordinator']);
  });

  test('a promoted member whose identity the partner created may confirm it herself', async () => {
    const first = await partnerSignIn(siteB, { sub: 'b-3', email: 'confirms@example.org' });
    await setRoles(first.body.member.id, ['member', 'expert']);
    assert.equal((await partnerSignIn(siteB, { sub: 'b-3', email: 'confirms@example.org' })).status, 403);
    const session = await emailSignIn('confirms@example.org');
    const linked = await link(session, siteB, { sub: 'b-3', email: 'confirms@example.org' });
    assert.equal(linked.status, 201);
    assert.equal(linked.body.linkedBy, 'member');
    assert.equal((await partnerSignIn(siteB, { sub: 'b-3', email: 'confirms@example.org' })).status, 201);
  });

  test('a partner account linked to someone else cannot be linked again', async () => {
    assert.equal((await partnerSignIn(siteA, { sub: 'a-6', email: 'owner.of.a6@example.org' })).status, 201);
    const other = await emailSignIn('someone.else@example.org');
    const res = await link(other, siteA, { sub: 'a-6', email: 'someone.else@example.org' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'identity_in_use');
  });

  test('a name she chose is never overwritten by a partner sign-in', async () => {
    const first = await partnerSignIn(siteA, { sub: 'a-7', email: 'chooses.name@example.org', name: 'Partner Name' });
    const chosen = await server.request(`${server.libraryPath}/me`, send('PATCH', { name: 'Ngozi' }, bearer(first.body.sessionToken)));
    assert.equal(chosen.status, 200);
    assert.equal(chosen.body.name, 'Ngozi');
    const again = await partnerSignIn(siteA, { sub: 'a-7', email: 'chooses.name@example.org', name: 'Partner Name Again' });
    assert.equal(again.body.member.name, 'Ngozi');
  });

  test('choosing a name needs one, named in the problem', async () => {
    const session = await emailSignIn('empty.name@example.org');
    for (const body of [{ name: '   ' }, {}, { name: 'x'.repeat(121) }]) {
      const res = await server.request(`${server.libraryPath}/me`, send('PATCH', body, bearer(session.sessionToken)));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.errors[0].path, 'body.name');
    }
  });

  test('linking checks the token as sign-in does', async () => {
    const session = await emailSignIn('bad.token@example.org');
    const forged = await server.request(`${server.libraryPath}/me/identities`, send('POST', { token: 'not.a.jwt' }, bearer(session.sessionToken)));
    assert.equal(forged.status, 401);
    const replayed = await token(siteA, { sub: 'a-8', email: 'bad.token@example.org' });
    assert.equal((await server.request(`${server.libraryPath}/me/identities`, send('POST', { token: replayed }, bearer(session.sessionToken)))).status, 201);
    const again = await server.request(`${server.libraryPath}/me/identities`, send('POST', { token: replayed }, bearer(session.sessionToken)));
    assert.equal(again.body.code, 'token_replayed');
  });

  test('the API reference states these rules in words', async () => {
    const doc = (await server.request('/openapi.json')).body;
    assert.match(doc.info.description, /Signing in\./);
    assert.match(doc.paths['/v1/libraries/{lib}/sessions'].post.description, /identity_link_required.*identity_conflict/s);
    assert.match(doc.paths['/v1/libraries/{lib}/email-links/verify'].post.description, /never renames/);
    const page = (await server.request('/docs')).body as string;
    for (const words of [
      'A partner site signs in only the people it brought, or who linked its account themselves.',
      'signing in by email never renames her',
      'an account she linked herself keeps working whatever her roles',
      'no sign-in changes a chosen name',
      'CORS on a library’s routes answers exactly the origins its partner sites list',
    ]) {
      assert.ok(page.includes(words), words);
    }
  });
});
