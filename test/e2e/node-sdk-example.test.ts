import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createClient, type PartnerCreate, type PartnerWithKeys } from '@talking-library/sdk';
import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { mintMemberToken } from '../../examples/node-sdk/mint-member-token.js';
import { configFromEnv, createPartnerServer } from '../../examples/node-sdk/partner-server.js';
import { createExamplePartner } from '../../examples/node-sdk/setup.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Each block has its own server: the sign-in route allows 20 attempts a minute from one address.

const grace = { id: 'user-42', email: 'grace@partner.example', name: 'Grace Adeyemi' };

/** POST /sessions with a token, as a partner page would; status and problem body. */
const exchange = (server: TestServer, token: string) =>
  server.request('/v1/libraries/demo/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });

async function createPartner(server: TestServer, body: PartnerCreate = { name: 'Partner site' }): Promise<PartnerWithKeys> {
  const { sessionToken } = await createClient({ baseUrl: server.url }).sessions.demo('demo', 'coordinator');
  return createClient({ baseUrl: server.url, sessionToken }).partners.create('demo', body);
}

describe('the Node SDK example against a running API', () => {
  let server: TestServer;
  let partner: PartnerWithKeys;
  const mint = (user = grace) => mintMemberToken({ partnerId: partner.id, jwtSecret: partner.jwtSecret, library: 'demo', user });

  before(async () => {
    server = await startTestServer({ seed: true });
    partner = await createPartner(server);
  });
  after(() => server.close());

  test('a minted member token signs the user in as a member with their email and name', async () => {
    const session = await createClient({ baseUrl: server.url }).sessions.exchange('demo', await mint());
    assert.equal(session.member.email, grace.email);
    assert.equal(session.member.name, grace.name);
    const me = await createClient({ baseUrl: server.url, sessionToken: session.sessionToken }).me('demo');
    assert.equal(me.id, session.member.id);
    assert.deepEqual(me.roles, ['member']);
  });

  test('the same token a second time is refused as replayed', async () => {
    const token = await mint();
    assert.equal((await exchange(server, token)).status, 201);
    const replay = await exchange(server, token);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.code, 'token_replayed');
  });

  test('signing in again with the same sub and a new name keeps the member and takes the name', async () => {
    const amara = { id: 'user-77', email: 'amara@partner.example', name: 'Amara Obi' };
    const first = (await exchange(server, await mint(amara))).body;
    const again = (await exchange(server, await mint({ ...amara, name: 'Amara N. Obi' }))).body;
    assert.equal(again.member.id, first.member.id);
    assert.equal(again.member.name, 'Amara N. Obi');
  });

  describe('the partner server', () => {
    let site: Server;
    let siteUrl: string;
    let env: Record<string, string>;

    before(async () => {
      env = await createExamplePartner({ api: server.url, library: 'demo', origin: 'http://localhost:3000' });
      site = createPartnerServer(configFromEnv(env)).listen(0);
      await new Promise((resolve) => site.once('listening', resolve));
      siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => site.close(() => resolve())));

    test('GET /api/library-session exchanges a token server side and returns a working session', async () => {
      const response = await fetch(`${siteUrl}/api/library-session?user=ben`);
      assert.equal(response.status, 200);
      const { sessionToken, expiresAt } = (await response.json()) as { sessionToken: string; expiresAt: string };
      assert.ok(Date.parse(expiresAt) > Date.now());
      const me = await createClient({ baseUrl: server.url, sessionToken }).me('demo');
      assert.equal(me.email, 'ben.shah@partner.example');
    });

    test('GET / embeds the widget with the publishable key and a session for the site’s signed-in user', async () => {
      const html = await (await fetch(`${siteUrl}/`)).text();
      assert.ok(html.includes(`<script type="module" src="${server.url}/widget/talking-library.js">`));
      assert.match(html, new RegExp(`<talking-library[^>]*publishable-key="${env.TL_PUBLISHABLE_KEY}"`));
      assert.ok(!html.includes(env.TL_JWT_SECRET!), 'the JWT secret stays on the server');
      const sessionToken = /member-token="([^"]+)"/.exec(html)?.[1] ?? '';
      const me = await createClient({ baseUrl: server.url, sessionToken }).me('demo');
      assert.equal(me.email, 'ada.okafor@partner.example');
    });
  });
});

describe('member tokens the library refuses', () => {
  let server: TestServer;
  let partner: PartnerWithKeys;
  const secret = () => new TextEncoder().encode(partner.jwtSecret);
  const now = () => Math.floor(Date.now() / 1000);
  /** Valid claims for the partner, with `changes` applied; `undefined` leaves a claim out. */
  const claims = (changes: JWTPayload = {}): JWTPayload => ({
    iss: partner.id, aud: 'demo', sub: grace.id, email: grace.email, name: grace.name,
    iat: now(), exp: now() + 300, jti: crypto.randomUUID(), ...changes,
  });
  const hs256 = (changes: JWTPayload = {}, key = secret()) => new SignJWT(claims(changes)).setProtectedHeader({ alg: 'HS256' }).sign(key);

  async function assertRefused(token: string, code: string) {
    const response = await exchange(server, token);
    assert.equal(response.status, 401, JSON.stringify(response.body));
    assert.equal(response.body.code, code);
  }

  before(async () => {
    server = await startTestServer({ seed: true });
    partner = await createPartner(server);
  });
  after(() => server.close());

  test('alg none (unsigned) is refused', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await assertRefused(`${part({ alg: 'none', typ: 'JWT' })}.${part(claims())}.`, 'algorithm_not_allowed');
  });

  test('an algorithm other than HS256 is refused when the partner registered no key', async () => {
    await assertRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'HS384' }).sign(secret()), 'algorithm_not_allowed');
    const { privateKey } = await generateKeyPair('RS256');
    await assertRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey), 'algorithm_not_allowed');
  });

  test('an expired token is refused', async () => {
    await assertRefused(await hs256({ iat: now() - 600, exp: now() - 60 }), 'token_expired');
  });

  test('a token not valid for another minute is refused', async () => {
    await assertRefused(await hs256({ nbf: now() + 60 }), 'token_not_yet_valid');
  });

  test('a token issued in the future (beyond 30 s of clock drift) is refused', async () => {
    await assertRefused(await hs256({ iat: now() + 120 }), 'token_not_yet_valid');
  });

  test('a token for another library is refused', async () => {
    await assertRefused(await hs256({ aud: 'another-library' }), 'wrong_audience');
  });

  test('a token signed with another secret is refused', async () => {
    await assertRefused(await hs256({}, new TextEncoder().encode('not-the-partner-secret-at-all-000000')), 'bad_signature');
  });

  test('a token living longer than 15 minutes is refused', async () => {
    await assertRefused(await hs256({ exp: now() + 16 * 60 }), 'token_lifetime_too_long');
  });

  test('a token from an issuer that is not one of the library’s partners is refused', async () => {
    await assertRefused(await hs256({ iss: 'ptn_nobody0000000000000' }), 'invalid_token');
  });

  test('a token without exp, jti, sub or email is refused', async () => {
    for (const missing of ['exp', 'jti', 'sub', 'email']) {
      await assertRefused(await hs256({ [missing]: undefined }), 'invalid_token');
    }
  });

  for (const alg of ['EdDSA', 'RS256'] as const) {
    test(`a partner with a registered ${alg} public key signs members in with ${alg}`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg);
      const keyed = await createPartner(server, { name: `${alg} partner`, jwtPublicKey: await exportSPKI(publicKey), jwtPublicKeyAlg: alg });
      const token = await new SignJWT(claims({ iss: keyed.id, sub: `${alg}-user`, email: `${alg.toLowerCase()}@partner.example` }))
        .setProtectedHeader({ alg })
        .sign(privateKey);
      const response = await exchange(server, token);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.member.email, `${alg.toLowerCase()}@partner.example`);
    });
  }

  test('a partner that registered an EdDSA key cannot sign with RS256 instead', async () => {
    const eddsa = await generateKeyPair('EdDSA');
    const keyed = await createPartner(server, { name: 'EdDSA only', jwtPublicKey: await exportSPKI(eddsa.publicKey), jwtPublicKeyAlg: 'EdDSA' });
    const { privateKey } = await generateKeyPair('RS256');
    await assertRefused(await new SignJWT(claims({ iss: keyed.id })).setProtectedHeader({ alg: 'RS256' }).sign(privateKey), 'algorithm_not_allowed');
  });

  test('a partner that registered a public key can no longer sign with its shared HS256 secret', async () => {
    const { publicKey } = await generateKeyPair('EdDSA');
    const keyed = await createPartner(server, { name: 'Moved to EdDSA', jwtPublicKey: await exportSPKI(publicKey), jwtPublicKeyAlg: 'EdDSA' });
    await assertRefused(await hs256({ iss: keyed.id }, new TextEncoder().encode(keyed.jwtSecret)), 'algorithm_not_allowed');
  });

  test('a partner cannot sign in as the library’s coordinator or an expert by naming their email', async () => {
    for (const email of ['coordinator@demo.talking-library.test', 'expert@demo.talking-library.test']) {
      const response = await exchange(server, await hs256({ sub: `claims-${email}`, email }));
      assert.equal(response.status, 403, JSON.stringify(response.body));
      assert.equal(response.body.code, 'identity_link_required');
    }
  });
});
