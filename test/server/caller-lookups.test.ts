import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { openDatabase, type RunningServer } from '@talking-library/server';
import { bearer, send } from '../helpers/callers.js';
import { call, twoInstancesOnOneFile } from '../helpers/two-instances.js';

/**
 * Each instance remembers the library row and the partner behind a key between requests
 * (http/caller-lookups.ts). Two instances on one database file: a change made through one must
 * hold on the other from its very next request, though the other still remembers the old row.
 */
let a: RunningServer;
let b: RunningServer;
let coordinator: Record<string, string>;
let close: () => Promise<void>;
let databaseUrl: string;

before(async () => {
  ({ a, b, coordinator, close, databaseUrl } = await twoInstancesOnOneFile('caller-lookups'));
});
after(() => close());

const ORIGIN = 'https://partner.example';

/** A new partner site, made on A, whose keys B has used (and so remembers). */
async function partnerKnownToB() {
  const created = await call(a, '/v1/libraries/demo/partners', send('POST', { name: `Partner ${randomBytes(3).toString('hex')}`, allowedOrigins: [ORIGIN] }, coordinator));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { id, publishableKey, secretKey } = created.body as { id: string; publishableKey: string; secretKey: string };
  assert.equal((await readWithKey(b, publishableKey)).status, 200);
  assert.equal((await readWithSecret(b, secretKey)).status, 200);
  return { id, publishableKey, secretKey };
}

const readWithKey = (server: RunningServer, key: string, origin = ORIGIN) => call(server, '/v1/libraries/demo/profiles?limit=1', { headers: { 'x-tl-key': key, origin } });
const readWithSecret = (server: RunningServer, key: string) => call(server, '/v1/libraries/demo/profiles?limit=1', { headers: bearer(key) });

test('a publishable key rotated on one instance is refused on the other at its next request, and the new key works there', async () => {
  const partner = await partnerKnownToB();
  const rotated = await call(a, `/v1/libraries/demo/partners/${partner.id}/rotate`, send('POST', { keys: ['publishable'] }, coordinator));
  assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
  const refused = await readWithKey(b, partner.publishableKey);
  assert.equal(refused.status, 401);
  assert.equal(refused.body.code, 'invalid_key');
  assert.equal((await readWithKey(b, rotated.body.publishableKey)).status, 200);
  assert.equal((await readWithSecret(b, partner.secretKey)).status, 200, 'the secret key was not rotated');
});

test('a secret key rotated on one instance is refused on the other at its next request', async () => {
  const partner = await partnerKnownToB();
  const rotated = await call(a, `/v1/libraries/demo/partners/${partner.id}/rotate`, send('POST', { keys: ['secret'] }, coordinator));
  assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
  assert.equal((await readWithSecret(b, partner.secretKey)).status, 401);
  assert.equal((await readWithSecret(b, rotated.body.secretKey)).status, 200);
});

test('a partner removed on one instance has both its keys refused on the other at their next request', async () => {
  const partner = await partnerKnownToB();
  assert.equal((await call(a, `/v1/libraries/demo/partners/${partner.id}`, { method: 'DELETE', headers: coordinator })).status, 204);
  assert.equal((await readWithKey(b, partner.publishableKey)).status, 401);
  assert.equal((await readWithSecret(b, partner.secretKey)).status, 401);
});

test('an origin a partner drops on one instance is refused for its key on the other at once', async () => {
  const partner = await partnerKnownToB();
  const current = await call(a, `/v1/libraries/demo/partners/${partner.id}`, { headers: coordinator });
  const updated = await call(a, `/v1/libraries/demo/partners/${partner.id}`, send('PATCH', { allowedOrigins: ['https://elsewhere.example'] }, { ...coordinator, 'if-match': `"${partner.id}.v${current.body.version}"` }));
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  const refused = await readWithKey(b, partner.publishableKey);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'origin_not_allowed');
  assert.equal((await readWithKey(b, partner.publishableKey, 'https://elsewhere.example')).status, 200);
});

test('a library renamed on one instance is named so by the other at once, in what its access checks say', async () => {
  const member = bearer((await call(b, '/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' }))).body.sessionToken);
  const forbidden = () => call(b, '/v1/libraries/demo/partners', { headers: member });
  assert.match((await forbidden()).body.detail, /Only a coordinator of .+ may do this/);
  const name = `Renamed ${randomBytes(3).toString('hex')}`;
  assert.equal((await call(a, '/v1/libraries/demo', send('PATCH', { name }, coordinator))).status, 200);
  assert.equal((await forbidden()).body.detail, `Only a coordinator of ${name} may do this.`);
});

test('a library changed in the database by hand, its version untouched, reads as changed at the next request', async () => {
  const member = bearer((await call(b, '/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' }))).body.sessionToken);
  const forbidden = () => call(b, '/v1/libraries/demo/partners', { headers: member });
  assert.match((await forbidden()).body.detail, /Only a coordinator of .+ may do this/);
  const operator = await openDatabase(databaseUrl);
  try {
    await operator.client.execute({ sql: `UPDATE libraries SET name = ? WHERE slug = 'demo'`, args: ['Named by the operator'] });
  } finally {
    operator.close();
  }
  assert.equal((await forbidden()).body.detail, 'Only a coordinator of Named by the operator may do this.');
});

test('a partner changed in the database by hand, its version untouched, holds on both instances at the next request', async () => {
  const partner = await partnerKnownToB();
  assert.equal((await readWithKey(a, partner.publishableKey)).status, 200, 'A remembers the partner too');
  const operator = await openDatabase(databaseUrl);
  try {
    await operator.client.execute({ sql: `UPDATE partners SET allowed_origins = '["https://elsewhere.example"]' WHERE id = ?`, args: [partner.id] });
  } finally {
    operator.close();
  }
  for (const server of [a, b]) {
    const refused = await readWithKey(server, partner.publishableKey);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'origin_not_allowed');
  }
});

test('the stamp triggers give a row a stamp when it is made and a new one on every update', async () => {
  const partner = await partnerKnownToB();
  const operator = await openDatabase(databaseUrl);
  try {
    const stampOf = async () => (await operator.client.execute({ sql: 'SELECT stamp FROM partners WHERE id = ?', args: [partner.id] })).rows[0]!.stamp as string;
    const made = await stampOf();
    assert.match(made, /^[0-9a-f]{16}$/, 'the insert trigger stamped the new partner');
    await operator.client.execute({ sql: 'UPDATE partners SET name = name WHERE id = ?', args: [partner.id] });
    assert.notEqual(await stampOf(), made, 'an update, even one that changes nothing, gives a new stamp');
  } finally {
    operator.close();
  }
});
