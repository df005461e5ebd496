import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Text is stored exactly as accepted: what cannot be stored faithfully is refused, naming the field. */
describe('text fields', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  before(async () => {
    server = await startTestServer({ seed: true, rateLimits: { signInPerMinute: 10_000, writesPerMinute: 10_000, codesPerEmail: 10_000 } });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  // Every text field of every request, with a request that would otherwise succeed.
  const cases: { field: string; request: (value: string, ids: { profile: string; category: string; skill: string }) => { path: string; method: string; body: unknown } }[] = [
    { field: 'body.displayName', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { displayName: v } }) },
    { field: 'body.pronouns', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { pronouns: v } }) },
    { field: 'body.headline', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { headline: v } }) },
    { field: 'body.bio', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { bio: v } }) },
    { field: 'body.stories.0.title', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { stories: [{ title: v, body: 'A story.' }] } }) },
    { field: 'body.stories.0.body', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { stories: [{ title: 'A title', body: v }] } }) },
    { field: 'body.links.0.label', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/profiles/${ids.profile}`, body: { links: [{ label: v, url: 'https://example.org/' }] } }) },
    { field: 'body.name', request: (v) => ({ method: 'PATCH', path: '/v1/libraries/demo', body: { name: v } }) },
    { field: 'body.description', request: (v) => ({ method: 'PATCH', path: '/v1/libraries/demo', body: { description: v } }) },
    { field: 'body.name', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/categories/${ids.category}`, body: { name: v } }) },
    { field: 'body.name', request: (v, ids) => ({ method: 'PATCH', path: `/v1/libraries/demo/skills/${ids.skill}`, body: { name: v } }) },
    { field: 'body.name', request: (v) => ({ method: 'POST', path: '/v1/libraries/demo/partners', body: { name: v } }) },
  ];

  async function targets() {
    const { profile } = await expertWithProfile(server);
    const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: `Target ${Math.random()}` }, coordinator));
    const skill = await server.request('/v1/libraries/demo/skills', send('POST', { name: `Target skill ${Math.random()}`, category: 'leadership' }, coordinator));
    return { profile: profile.id, category: category.body.id, skill: skill.body.id };
  }

  for (const [what, value] of [
    ['a NUL', 'a\u0000b'],
    ['a NUL at the start', '\u0000Anyone'],
    ['an escape character', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a lone surrogate', 'a\ud800b'],
  ] as const) {
    test(`${what} is refused with a 400 naming the field, in every text field`, async () => {
      const ids = await targets();
      for (const { field, request } of cases) {
        const { method, path, body } = request(value, ids);
        const res = await server.request(path, send(method, body, coordinator));
        assert.equal(res.status, 400, `${method} ${path} ${field}: ${JSON.stringify(res.body)}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.ok(res.body.errors.some((e: any) => e.path === field && /control characters|well-formed/.test(e.message)), `${field}: ${JSON.stringify(res.body.errors)}`);
      }
    });
  }

  test('a line break is refused on one line, and welcome in a multi-line field', async () => {
    const ids = await targets();
    const headline = await server.request(`/v1/libraries/demo/profiles/${ids.profile}`, send('PATCH', { headline: 'one\ntwo' }, coordinator));
    assert.equal(headline.status, 400);
    assert.equal(headline.body.errors[0].path, 'body.headline');
    const bio = await server.request(`/v1/libraries/demo/profiles/${ids.profile}`, send('PATCH', { bio: 'one\ntwo' }, coordinator));
    assert.equal(bio.status, 200);
  });

  test('accepted text reads back byte for byte: spaces, tabs, line breaks, emoji and combining marks', async () => {
    const ids = await targets();
    const line = '  Ọlá 👩🏾‍⚕️ Zoë (e\u0301) — “quoted”  ';
    const lines = '\tFirst line,\r\nsecond line 🧑🏿‍💻\n\n  indented n\u0303 ';
    const body = { displayName: line, pronouns: ' she/her ', headline: line, bio: lines, stories: [{ title: line, body: lines }], links: [{ label: line, url: 'https://example.org/' }] };
    const patched = await server.request(`/v1/libraries/demo/profiles/${ids.profile}`, send('PATCH', body, coordinator));
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const read = await server.request(`/v1/libraries/demo/profiles/${ids.profile}`, send('GET', undefined, coordinator));
    for (const profile of [patched.body, read.body]) {
      assert.equal(profile.displayName, line);
      assert.equal(profile.pronouns, ' she/her ');
      assert.equal(profile.headline, line);
      assert.equal(profile.bio, lines);
      assert.deepEqual(profile.stories.map((s: any) => [s.title, s.body]), [[line, lines]]);
      assert.equal(profile.links[0].label, line);
    }
    const library = await server.request('/v1/libraries/demo', send('PATCH', { description: lines }, coordinator));
    assert.equal(library.body.description, lines);
  });

  test('a required field of only spaces is refused as missing', async () => {
    const ids = await targets();
    const res = await server.request(`/v1/libraries/demo/profiles/${ids.profile}`, send('PATCH', { displayName: '  \u00a0 ' }, coordinator));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, [{ path: 'body.displayName', message: 'is required' }]);
  });

  test('emails keep their own normalisation: trimmed and lower-cased', async () => {
    const res = await server.request('/v1/libraries/demo/invites', send('POST', { email: '  Someone.New@Example.ORG ' }, coordinator));
    assert.equal(res.status, 201);
    assert.equal(res.body.email, 'someone.new@example.org');
  });
});

describe('fields a request does not have', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  before(async () => {
    server = await startTestServer({ seed: true });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  test('a misspelt field is refused, named, and changes nothing', async () => {
    const { profile } = await expertWithProfile(server);
    const res = await server.request(`/v1/libraries/demo/profiles/${profile.id}`, send('PATCH', { headlien: 'Typo', bio: 'Changed?' }, coordinator));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, [{ path: 'body.headlien', message: 'is not a field of this request' }]);
    const read = await server.request(`/v1/libraries/demo/profiles/${profile.id}`, send('GET', undefined, coordinator));
    assert.equal(read.body.bio, profile.bio);
  });

  test('each unknown field is named once, nested ones with their place', async () => {
    const { profile } = await expertWithProfile(server);
    const res = await server.request(`/v1/libraries/demo/profiles/${profile.id}`, send('PATCH', { a: 1, b: 2, stories: [{ title: 'T', body: 'B', extra: true }] }, coordinator));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), ['body.a', 'body.b', 'body.stories.0.extra']);
  });

  test('an empty PATCH is a 400 naming body, on every PATCH route', async () => {
    const { profile } = await expertWithProfile(server);
    const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Empty patch' }, coordinator));
    const skill = await server.request('/v1/libraries/demo/skills', send('POST', { name: 'Empty patch skill', category: 'leadership' }, coordinator));
    const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Empty patch partner' }, coordinator));
    for (const path of ['/v1/libraries/demo', `/v1/libraries/demo/profiles/${profile.id}`, `/v1/libraries/demo/categories/${category.body.id}`, `/v1/libraries/demo/skills/${skill.body.id}`, `/v1/libraries/demo/partners/${partner.body.id}`]) {
      const res = await server.request(path, send('PATCH', {}, coordinator));
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body.errors, [{ path: 'body', message: 'give at least one field to change' }], path);
    }
  });
});
