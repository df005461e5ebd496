import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, PreconditionFailedError } from '@talking-library/sdk';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** ETags from each resource's version; If-Match guards writes, If-None-Match spares reads. */
describe('versions, ETags and conditional requests', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  before(async () => {
    server = await startTestServer({ seed: true, rateLimits: { signInPerMinute: 10_000, writesPerMinute: 10_000, codesPerEmail: 10_000 } });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => server.request(path, { headers: { ...coordinator, ...headers } });
  const patch = (path: string, body: unknown, headers: Record<string, string> = {}) => server.request(path, send('PATCH', body, { ...coordinator, ...headers }));

  test('a profile carries its version as its ETag, and a GET with that ETag is a bodiless 304', async () => {
    const { profile } = await expertWithProfile(server);
    const path = `/v1/libraries/demo/profiles/${profile.id}`;
    const read = await get(path);
    assert.equal(read.status, 200);
    assert.equal(typeof read.body.version, 'number');
    // A coordinator reads the owner’s view, which has a tag of its own.
    assert.equal(read.headers.get('etag'), `"${profile.id}.v${read.body.version}.own"`);
    const again = await get(path, { 'if-none-match': read.headers.get('etag')! });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.get('etag'), read.headers.get('etag'));
    await patch(path, { headline: 'Changed since' });
    const changed = await get(path, { 'if-none-match': read.headers.get('etag')! });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.version, read.body.version + 1);
  });

  test('one resource’s ETag never stands for another’s at the same version, nor the owner’s view for the public’s', async () => {
    const [{ profile: a, expert }, { profile: b }] = [await expertWithProfile(server), await expertWithProfile(server)];
    const tagA = (await get(`/v1/libraries/demo/profiles/${a.id}`)).headers.get('etag')!;
    const readB = await get(`/v1/libraries/demo/profiles/${b.id}`, { 'if-none-match': tagA });
    assert.equal(readB.status, 200, 'A’s ETag does not validate B');
    assert.equal(readB.body.version, (await get(`/v1/libraries/demo/profiles/${a.id}`)).body.version, 'both at the same version');
    assert.match(readB.headers.get('vary') ?? '', /Authorization/);
    assert.equal((await patch(`/v1/libraries/demo/profiles/${b.id}`, { headline: 'No' }, { 'if-match': tagA })).status, 412);
    const mine = await server.request('/v1/libraries/demo/me/profile', { headers: expert });
    assert.notEqual(mine.headers.get('etag'), (await server.read(`/v1/libraries/demo/profiles/${a.id}`)).headers.get('etag'), 'the owner’s view has a tag of its own');
  });

  test('a PATCH with a stale If-Match is a 412 that changes nothing, the text nor the lists', async () => {
    const { profile } = await expertWithProfile(server, { stories: [{ title: 'First', body: 'The first story.' }] });
    const path = `/v1/libraries/demo/profiles/${profile.id}`;
    const read = await get(path);
    const etag = read.headers.get('etag')!;
    const first = await patch(path, { headline: 'Mine' }, { 'if-match': etag });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('etag'), `"${profile.id}.v${read.body.version + 1}.own"`);

    const before = await get(path);
    const stale = await patch(path, { headline: 'Lost update', skills: ['fhir'], categories: ['leadership'], stories: [{ title: 'Second', body: 'Overwrites.' }] }, { 'if-match': etag });
    assert.equal(stale.status, 412);
    assert.equal(stale.headers.get('content-type'), 'application/problem+json');
    assert.equal(stale.body.code, 'precondition_failed');
    assert.deepEqual((await get(path)).body, before.body, 'nothing changed');
    for (const tag of ['"v999"', 'not-a-tag', '', `"prf_someoneelse0000.v${before.body.version}"`]) assert.equal((await patch(path, { headline: 'No' }, { 'if-match': tag })).status, 412, tag);
    assert.deepEqual((await get(path)).body, before.body, 'nothing changed');
  });

  test('without If-Match a PATCH works as before; with * or the current ETag it applies', async () => {
    const { profile } = await expertWithProfile(server);
    const path = `/v1/libraries/demo/profiles/${profile.id}`;
    assert.equal((await patch(path, { headline: 'Unconditional' })).status, 200);
    assert.equal((await patch(path, { headline: 'Any version' }, { 'if-match': '*' })).status, 200);
    const current = (await get(path)).headers.get('etag')!;
    const res = await patch(path, { headline: 'This version' }, { 'if-match': `"v1", ${current}` });
    assert.equal(res.status, 200);
    assert.equal(res.body.headline, 'This version');
  });

  test('lifecycle moves and availability bump the profile’s version', async () => {
    const { profile, expert } = await expertWithProfile(server, {}, { publish: false });
    const base = `/v1/libraries/demo/profiles/${profile.id}`;
    const versions = [profile.version];
    versions.push((await server.request(`${base}/submit`, send('POST', undefined, expert))).body.version);
    versions.push((await server.request(`${base}/publish`, send('POST', undefined, coordinator))).body.version);
    versions.push((await server.request(`${base}/availability`, send('PUT', { windows: [{ weekday: 1, start: '09:00', end: '10:00' }] }, expert))).body.version);
    versions.push((await server.request(`${base}/pause`, send('POST', undefined, expert))).body.version);
    assert.deepEqual(versions, [1, 2, 3, 4, 5]);
  });

  test('renaming a skill bumps the skill, its category, the library and every profile that shows it', async () => {
    const { profile } = await expertWithProfile(server, { skills: ['fhir'] });
    const library = await get('/v1/libraries/demo');
    const category = library.body.categories.find((c: any) => c.skills.some((s: any) => s.slug === 'fhir'));
    const skill = category.skills.find((s: any) => s.slug === 'fhir');
    const before = (await get(`/v1/libraries/demo/profiles/${profile.id}`)).body.version;
    const renamed = await patch(`/v1/libraries/demo/skills/${skill.id}`, { name: 'FHIR (HL7)' }, { 'if-match': `"v${skill.version}"` });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.version, skill.version + 1);
    assert.equal(renamed.headers.get('etag'), `"${skill.id}.v${skill.version + 1}"`);
    const now = await get('/v1/libraries/demo');
    assert.equal(now.body.version, library.body.version + 1);
    assert.equal(now.body.categories.find((c: any) => c.id === category.id).version, category.version + 1);
    const shown = await get(`/v1/libraries/demo/profiles/${profile.id}`);
    assert.equal(shown.body.version, before + 1);
    assert.ok(shown.body.skills.some((s: any) => s.name === 'FHIR (HL7)'));
    const stale = await patch(`/v1/libraries/demo/skills/${skill.id}`, { name: 'Lost' }, { 'if-match': `"v${skill.version}"` });
    assert.equal(stale.status, 412);
    assert.deepEqual((await get('/v1/libraries/demo')).body, now.body, 'nothing changed');
  });

  test('a stale merge of a category changes nothing; a current one moves its profiles and bumps them', async () => {
    const made = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'To merge' }, coordinator));
    assert.equal(made.headers.get('etag'), `"${made.body.id}.v${made.body.version}"`);
    const { profile } = await expertWithProfile(server, { categories: ['to-merge'] });
    const target = (await get('/v1/libraries/demo')).body.categories.find((c: any) => c.slug === 'leadership');
    await patch(`/v1/libraries/demo/categories/${made.body.id}`, { name: 'To merge, renamed' });
    const before = await get(`/v1/libraries/demo/profiles/${profile.id}`);
    const libraryBefore = await get('/v1/libraries/demo');
    const stale = await patch(`/v1/libraries/demo/categories/${made.body.id}`, { mergeInto: target.id }, { 'if-match': `"v${made.body.version}"` });
    assert.equal(stale.status, 412);
    assert.deepEqual((await get(`/v1/libraries/demo/profiles/${profile.id}`)).body, before.body);
    assert.deepEqual((await get('/v1/libraries/demo')).body, libraryBefore.body);
    const merged = await patch(`/v1/libraries/demo/categories/${made.body.id}`, { mergeInto: target.id }, { 'if-match': `"v${made.body.version + 1}"` });
    assert.equal(merged.status, 200);
    const after = (await get(`/v1/libraries/demo/profiles/${profile.id}`)).body;
    assert.deepEqual(after.categories.map((c: any) => c.slug), ['leadership']);
    assert.equal(after.version, before.body.version + 1);
  });

  test('the library and a partner honour If-Match and If-None-Match', async () => {
    const library = await get('/v1/libraries/demo');
    assert.equal((await get('/v1/libraries/demo', { 'if-none-match': library.headers.get('etag')! })).status, 304);
    assert.equal((await patch('/v1/libraries/demo', { description: 'Stale' }, { 'if-match': '"v0"' })).status, 412);
    assert.equal((await patch('/v1/libraries/demo', { description: 'Current' }, { 'if-match': library.headers.get('etag')! })).body.version, library.body.version + 1);

    const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Versioned' }, coordinator));
    const path = `/v1/libraries/demo/partners/${partner.body.id}`;
    assert.equal(partner.headers.get('etag'), `"${partner.body.id}.v1"`);
    assert.equal((await get(path, { 'if-none-match': partner.headers.get('etag')! })).status, 304);
    assert.equal((await patch(path, { name: 'Renamed' }, { 'if-match': '"v1"' })).status, 200);
    const stale = await patch(path, { name: 'Lost' }, { 'if-match': '"v1"' });
    assert.equal(stale.status, 412);
    assert.equal((await get(path)).body.name, 'Renamed');
  });

  test('the SDK sends ifMatch and throws a PreconditionFailedError on a stale version', async () => {
    const { profile, expert } = await expertWithProfile(server);
    const client = createClient({ baseUrl: server.url, sessionToken: expert.authorization!.slice('Bearer '.length), maxRetries: 0 });
    const updated = await client.profiles.update('demo', profile.id, { headline: 'Through the SDK' }, { ifMatch: profile.version + 1 });
    assert.equal(updated.headline, 'Through the SDK');
    const error = await client.profiles.update('demo', profile.id, { headline: 'Stale' }, { ifMatch: profile.version }).catch((e: unknown) => e);
    assert.ok(error instanceof PreconditionFailedError);
    assert.equal(error.code, 'precondition_failed');
    assert.equal((await client.profiles.get('demo', profile.id)).headline, 'Through the SDK');
  });

  test('the OpenAPI document lists If-Match and 412 on each PATCH, If-None-Match and 304 on each single GET', async () => {
    const doc = (await server.request('/openapi.json')).body;
    const versioned = ['/v1/libraries/{lib}', '/v1/libraries/{lib}/profiles/{id}', '/v1/libraries/{lib}/partners/{id}', '/v1/libraries/{lib}/categories/{id}', '/v1/libraries/{lib}/skills/{id}'];
    for (const path of versioned) {
      const patch = doc.paths[path].patch;
      assert.ok(patch.parameters.some((p: any) => p.in === 'header' && p.name === 'if-match'), `${path} PATCH If-Match`);
      assert.ok(patch.responses['412'], `${path} PATCH 412`);
      assert.ok(patch.responses['200'].headers.ETag, `${path} PATCH ETag`);
      const read = doc.paths[path].get;
      if (!read) continue;
      assert.ok(read.parameters.some((p: any) => p.in === 'header' && p.name === 'if-none-match'), `${path} GET If-None-Match`);
      assert.ok(read.responses['304'], `${path} GET 304`);
    }
  });
});
