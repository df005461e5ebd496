import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('editing a published profile where the library approves profiles', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) => server.request(`/v1/libraries/demo${path}`, send(method, body, headers));
  const setPhase = async (phase: string) => assert.equal((await call('PATCH', '', coordinator, { phase })).status, 200);
  const found = async (word: string) => (await server.read(`/v1/libraries/demo/profiles?q=${word}`)).body.total;

  before(async () => {
    server = await startTestServer({ seed: true });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  test('in a restricted library, the owner’s edit sends her published profile back to review, out of search', async () => {
    await setPhase('restricted');
    const { profile, expert } = await expertWithProfile(server, { headline: 'Capybaran service design' });
    assert.equal(await found('capybaran'), 1);

    const edited = await call('PATCH', `/profiles/${profile.id}`, expert, { headline: 'Capybaran service design, now with tapirs' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.status, 'submitted', 'the answer says the edit awaits review');
    assert.equal(await found('capybaran'), 0, 'it left search');
    assert.equal((await server.read(`/v1/libraries/demo/profiles/${profile.id}`)).status, 404, 'it left the public view');
    assert.ok((await call('GET', '/review-queue', coordinator)).body.data.some((p: any) => p.id === profile.id), 'a coordinator sees it to review');

    assert.equal((await call('POST', `/profiles/${profile.id}/publish`, coordinator)).body.status, 'published');
    assert.equal(await found('tapirs'), 1, 'published again, with the edit');
  });

  test('in a restricted library, a coordinator’s edit of a published profile stays live', async () => {
    await setPhase('restricted');
    const { profile } = await expertWithProfile(server, { headline: 'Okapian governance' });
    const edited = await call('PATCH', `/profiles/${profile.id}`, coordinator, { headline: 'Okapian governance and audit' });
    assert.equal(edited.body.status, 'published');
    assert.equal(await found('okapian'), 1);
  });

  test('saving an unchanged published profile keeps it live', async () => {
    await setPhase('invite');
    const { profile, expert } = await expertWithProfile(server, { headline: 'Quollish quality improvement' });
    const current = (await call('GET', '/me/profile', expert)).body;
    const same = {
      displayName: current.displayName,
      headline: current.headline,
      bio: current.bio,
      careerStage: current.careerStage,
      skills: current.skills.map((s: any) => s.slug),
      categories: current.categories.map((c: any) => c.slug),
      stories: current.stories.map(({ title, body }: any) => ({ title, body })),
      languages: current.languages,
      timeZone: current.timeZone,
      links: current.links,
      photoUrl: current.photoUrl,
      pronouns: current.pronouns,
    };
    assert.equal((await call('PATCH', `/profiles/${profile.id}`, expert, same)).body.status, 'published');
    assert.equal(await found('quollish'), 1);
  });

  test('the API reference says that an owner’s edit goes back to review where the library approves profiles', async () => {
    const document = (await server.request('/openapi.json')).body;
    const description: string = document.paths['/v1/libraries/{lib}/profiles/{id}'].patch.description;
    assert.match(description, /back to review/);
    assert.match(description, /status `submitted`/);
  });

  test('in an open library, the owner’s edit of her published profile stays live', async () => {
    await setPhase('open');
    const { profile, expert } = await expertWithProfile(server, { headline: 'Wombatic workflow redesign' });
    const edited = await call('PATCH', `/profiles/${profile.id}`, expert, { bio: 'Now also numbats.' });
    assert.equal(edited.body.status, 'published');
    assert.equal(await found('wombatic'), 1);
  });
});
