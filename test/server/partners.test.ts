import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { schema } from '@talking-library/server';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('partner sites and their keys', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  before(async () => {
    server = await startTestServer({ seed: true });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  const createPartner = (body: object, headers = coordinator) => server.request('/v1/libraries/demo/partners', send('POST', body, headers));

  test('a coordinator adds a partner and sees its keys once; later reads show only hints', async () => {
    const created = await createPartner({ name: 'Improvement Commons', allowedOrigins: ['https://commons.example'] });
    assert.equal(created.status, 201);
    const { publishableKey, secretKey, jwtSecret, id } = created.body;
    assert.match(publishableKey, /^pk_[\w-]{40,}$/);
    assert.match(secretKey, /^sk_[\w-]{40,}$/);
    assert.match(jwtSecret, /^jws_/);
    assert.equal(created.body.publishableKeyHint, `…${publishableKey.slice(-4)}`);

    const again = await server.request(`/v1/libraries/demo/partners/${id}`, { headers: coordinator });
    const list = await server.request('/v1/libraries/demo/partners', { headers: coordinator });
    for (const text of [JSON.stringify(again.body), JSON.stringify(list.body)]) {
      for (const secret of [publishableKey, secretKey, jwtSecret]) assert.ok(!text.includes(secret), 'a key appears after creation');
    }
    assert.equal(again.body.name, 'Improvement Commons');
  });

  test('keys are stored as hashes, never as given', async () => {
    const { body } = await createPartner({ name: 'Hash check', allowedOrigins: [] });
    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, body.id));
    const stored = JSON.stringify(row);
    assert.ok(!stored.includes(body.publishableKey));
    assert.ok(!stored.includes(body.secretKey));
    assert.match(row!.publishableKeyHash, /^[0-9a-f]{64}$/);
  });

  test('a publishable key works from its allowed origin and without one, and is a 403 from any other', async () => {
    const { body } = await createPartner({ name: 'Origins', allowedOrigins: ['https://commons.example'] });
    const read = (origin?: string) =>
      server.request('/v1/libraries/demo', { headers: { 'x-tl-key': body.publishableKey, ...(origin ? { origin } : {}) } });
    assert.equal((await read('https://commons.example')).status, 200);
    assert.equal((await read()).status, 200, 'server-side tools send no Origin');
    const refused = await read('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'origin_not_allowed');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('a secret key manages partners server to server, but only in its own library', async () => {
    const { body } = await createPartner({ name: 'Back end', allowedOrigins: [] });
    const asPartner = bearer(body.secretKey);
    const list = await server.request('/v1/libraries/demo/partners', { headers: asPartner });
    assert.equal(list.status, 200);
    assert.ok(list.body.data.some((p: any) => p.id === body.id));
    const update = await server.request(`/v1/libraries/demo/partners/${body.id}`, send('PATCH', { allowedOrigins: ['https://new.example'] }, asPartner));
    assert.equal(update.status, 200);
    assert.deepEqual(update.body.allowedOrigins, ['https://new.example']);
  });

  test('a secret key sees, updates and rotates only its own partner site; another partner is a 404', async () => {
    const mine = (await createPartner({ name: 'Mine', allowedOrigins: [] })).body;
    const theirs = (await createPartner({ name: 'Theirs', allowedOrigins: ['https://theirs.example'] })).body;
    const asMine = bearer(mine.secretKey);
    const list = await server.request('/v1/libraries/demo/partners', { headers: asMine });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.data.map((p: any) => p.id), [mine.id]);
    const attempts = [
      server.request(`/v1/libraries/demo/partners/${theirs.id}`, { headers: asMine }),
      server.request(`/v1/libraries/demo/partners/${theirs.id}`, send('PATCH', { allowedOrigins: ['https://evil.example'] }, asMine)),
      server.request(`/v1/libraries/demo/partners/${theirs.id}/rotate`, send('POST', { keys: ['jwt'] }, asMine)),
      server.request(`/v1/libraries/demo/partners/${theirs.id}`, send('DELETE', undefined, asMine)),
    ];
    for (const res of await Promise.all(attempts)) {
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'not_found');
      assert.ok(!JSON.stringify(res.body).includes('Theirs'), 'the answer reveals nothing of the other partner');
    }
    const untouched = await server.request(`/v1/libraries/demo/partners/${theirs.id}`, { headers: coordinator });
    assert.deepEqual(untouched.body.allowedOrigins, ['https://theirs.example']);
    assert.equal((await server.request('/v1/libraries/demo', { headers: { 'x-tl-key': theirs.publishableKey } })).status, 200, 'its keys were not rotated');
    const ownRotation = await server.request(`/v1/libraries/demo/partners/${mine.id}/rotate`, send('POST', { keys: ['jwt'] }, asMine));
    assert.equal(ownRotation.status, 200);
    assert.match(ownRotation.body.jwtSecret, /^jws_/);
  });

  test('only a coordinator adds partners: a secret key gets a 403', async () => {
    const { body } = await createPartner({ name: 'Back end only', allowedOrigins: [] });
    const res = await createPartner({ name: 'Made by a partner', allowedOrigins: [] }, bearer(body.secretKey));
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'coordinator_only');
    const list = await server.request('/v1/libraries/demo/partners', { headers: coordinator });
    assert.ok(!list.body.data.some((p: any) => p.name === 'Made by a partner'));
  });

  test('a removed partner’s keys, tokens and origins stop at once, and it leaves the list', async () => {
    const origin = 'https://leaving.example';
    const { body } = await createPartner({ name: 'Leaving', allowedOrigins: [origin] });
    const token = (jti: string) =>
      new SignJWT({ email: 'leaver@example.org', name: 'Leaver' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(body.id)
        .setAudience('demo')
        .setSubject('leaver-1')
        .setJti(jti)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(body.jwtSecret));
    const signIn = async (jti: string) => server.request('/v1/libraries/demo/sessions', send('POST', { token: await token(jti) }));
    const corsGrant = async () => (await server.request('/v1/libraries/demo', { headers: { origin, 'x-tl-key': body.publishableKey } })).headers.get('access-control-allow-origin');
    assert.equal((await signIn('before')).status, 201, 'the partner signs members in before its removal');
    assert.equal(await corsGrant(), origin);

    const removed = await server.request(`/v1/libraries/demo/partners/${body.id}`, send('DELETE', undefined, coordinator));
    assert.equal(removed.status, 204);

    const publishable = await server.request('/v1/libraries/demo', { headers: { 'x-tl-key': body.publishableKey } });
    assert.equal(publishable.status, 401);
    assert.equal(publishable.body.code, 'invalid_key');
    const secret = await server.request('/v1/libraries/demo/partners', { headers: bearer(body.secretKey) });
    assert.equal(secret.status, 401);
    assert.equal(secret.body.code, 'invalid_key');
    assert.equal((await signIn('after')).status, 401, 'its tokens sign no one in');
    const preflight = await server.request('/v1/libraries/demo/profiles', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-tl-key' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null, 'its origin left CORS');
    const list = await server.request('/v1/libraries/demo/partners', { headers: coordinator });
    assert.ok(!list.body.data.some((p: any) => p.id === body.id), 'it left the list');
    assert.equal((await server.request(`/v1/libraries/demo/partners/${body.id}`, { headers: coordinator })).status, 404);
    assert.equal((await server.request(`/v1/libraries/demo/partners/${body.id}`, send('DELETE', undefined, coordinator))).status, 404);
  });

  test('a partner’s back end may remove its own site with its secret key', async () => {
    const { body } = await createPartner({ name: 'Self-removal', allowedOrigins: [] });
    const res = await server.request(`/v1/libraries/demo/partners/${body.id}`, send('DELETE', undefined, bearer(body.secretKey)));
    assert.equal(res.status, 204);
    assert.equal((await server.request('/v1/libraries/demo/partners', { headers: bearer(body.secretKey) })).status, 401);
  });

  test('updating a partner’s public key without its algorithm names body.jwtPublicKeyAlg', async () => {
    const { body } = await createPartner({ name: 'Key update', allowedOrigins: [] });
    const pem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----';
    const res = await server.request(`/v1/libraries/demo/partners/${body.id}`, send('PATCH', { jwtPublicKey: pem }, coordinator));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: any) => e.path), ['body.jwtPublicKeyAlg']);
    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, body.id));
    assert.equal(row!.jwtPublicKey, null, 'nothing was changed');
  });

  test('rotating a key stops the old one at once and shows the new one once', async () => {
    const { body } = await createPartner({ name: 'Rotation', allowedOrigins: [] });
    const rotated = await server.request(`/v1/libraries/demo/partners/${body.id}/rotate`, send('POST', { keys: ['publishable', 'secret'] }, coordinator));
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.publishableKey, body.publishableKey);
    assert.equal(rotated.body.jwtSecret, '', 'keys not rotated are not shown');
    const old = await server.request('/v1/libraries/demo', { headers: { 'x-tl-key': body.publishableKey } });
    assert.equal(old.status, 401);
    assert.equal(old.body.code, 'invalid_key');
    const oldSecret = await server.request('/v1/libraries/demo/partners', { headers: bearer(body.secretKey) });
    assert.equal(oldSecret.status, 401);
    assert.equal((await server.request('/v1/libraries/demo', { headers: { 'x-tl-key': rotated.body.publishableKey } })).status, 200);
  });

  test('bad partner input names each field', async () => {
    const res = await createPartner({ name: '', allowedOrigins: ['https://ok.example', 'https://with.path.example/page', 'ftp://x.example'] });
    assert.equal(res.status, 400);
    const paths = res.body.errors.map((e: any) => e.path).sort();
    assert.deepEqual(paths, ['body.allowedOrigins.1', 'body.allowedOrigins.2', 'body.name']);
    const keyWithoutAlg = await createPartner({ name: 'x', jwtPublicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----' });
    assert.equal(keyWithoutAlg.status, 400);
    assert.equal(keyWithoutAlg.body.errors[0].path, 'body.jwtPublicKeyAlg');
  });

  test('a public key of the wrong kind for its algorithm, or unreadable PEM, is refused at registration and update', async () => {
    const rsa = await exportSPKI((await generateKeyPair('RS256')).publicKey);
    const ed = await exportSPKI((await generateKeyPair('EdDSA')).publicKey);
    const unreadable = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----';
    for (const [jwtPublicKey, jwtPublicKeyAlg] of [[rsa, 'EdDSA'], [ed, 'RS256'], [unreadable, 'EdDSA']] as const) {
      const res = await createPartner({ name: 'Keyed', jwtPublicKey, jwtPublicKeyAlg });
      assert.equal(res.status, 400, jwtPublicKeyAlg);
      assert.equal(res.body.errors[0].path, 'body.jwtPublicKey');
    }
    const { body } = await createPartner({ name: 'Keyed later', jwtPublicKey: ed, jwtPublicKeyAlg: 'EdDSA' });
    const update = (changes: object) => server.request(`/v1/libraries/demo/partners/${body.id}`, send('PATCH', changes, coordinator));
    const wrongKey = await update({ jwtPublicKey: rsa, jwtPublicKeyAlg: 'EdDSA' });
    assert.equal(wrongKey.status, 400);
    assert.equal(wrongKey.body.errors[0].path, 'body.jwtPublicKey');
    assert.equal((await update({ jwtPublicKeyAlg: 'RS256' })).status, 400, 'the stored Ed25519 key does not fit RS256');
    assert.equal((await update({ jwtPublicKey: rsa, jwtPublicKeyAlg: 'RS256' })).status, 200);
  });

  test('a JSON body sent without its content type is refused, not read as empty', async () => {
    const res = await server.request('/v1/libraries/demo/partners', { method: 'POST', body: JSON.stringify({ name: 'x' }), headers: coordinator });
    assert.equal(res.status, 415);
  });
});
