import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, demoSession, send, sessionFor } from '../helpers/callers.js';
import { completeProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('an expert’s profile, from draft to published and back', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  let n = 0;
  const newMember = () => sessionFor(server, { email: `lifecycle${++n}@example.org`, name: `Person ${n}`, roles: ['member'] });
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) => server.request(`/v1/libraries/demo${path}`, send(method, body, headers));
  const setPhase = (phase: string) => call('PATCH', '', coordinator, { phase });

  before(async () => {
    server = await startTestServer({ seed: true });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  test('a member starts her profile as a draft and becomes an expert; a second profile is refused', async () => {
    const me = await newMember();
    const created = await call('POST', '/profiles', me, { displayName: 'Abena Draft', careerStage: 'entry' });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'draft');
    assert.deepEqual((await call('GET', '/me', me)).body.roles, ['member', 'expert']);
    const again = await call('POST', '/profiles', me, { displayName: 'Abena Again', careerStage: 'entry' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'profile_exists');
  });

  test('a draft is visible to its owner and coordinators only', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Private Draft', careerStage: 'early' });
    assert.equal((await call('GET', `/profiles/${body.id}`, me)).status, 200);
    assert.equal((await call('GET', '/me/profile', me)).body.id, body.id);
    assert.equal((await call('GET', `/profiles/${body.id}`, coordinator)).status, 200);
    assert.equal((await server.read(`/v1/libraries/demo/profiles/${body.id}`)).status, 404);
    assert.equal((await call('GET', `/profiles/${body.id}`, await newMember())).status, 404);
  });

  test('an incomplete profile cannot be submitted: 422 naming what is missing', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Not Yet', careerStage: 'mid' });
    const res = await call('POST', `/profiles/${body.id}/submit`, me);
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'profile_incomplete');
    assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), ['body.bio', 'body.categories', 'body.headline', 'body.skills']);
  });

  test('an edit naming a skill the library does not offer changes nothing', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Careful Editor', ...completeProfile });
    const res = await call('PATCH', `/profiles/${body.id}`, me, { headline: 'Should not land', skills: ['fhir', 'basket-weaving'] });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, [{ path: 'body.skills.1', message: '"basket-weaving" is not a skill this library offers' }]);
    const after = await call('GET', '/me/profile', me);
    assert.equal(after.body.headline, completeProfile.headline);
    assert.deepEqual(after.body.skills.map((s: any) => s.slug), ['data-analysis']);
  });

  test('submitted, sent back with a note, resubmitted, published, found, paused, gone', async () => {
    await setPhase('restricted');
    try {
      const me = await newMember();
      const { body } = await call('POST', '/profiles', me, { displayName: 'Kemi Journey', ...completeProfile, headline: 'Ocelotian data craft' });
      assert.equal((await call('POST', `/profiles/${body.id}/submit`, me)).body.status, 'submitted');
      const queue = await call('GET', '/review-queue', coordinator);
      assert.ok(queue.body.data.some((p: any) => p.id === body.id));

      const sentBack = await call('POST', `/profiles/${body.id}/send-back`, coordinator, { note: 'Please add a story.' });
      assert.equal(sentBack.body.status, 'draft');
      assert.equal((await call('GET', '/me/profile', me)).body.reviewNote, 'Please add a story.');

      await call('PATCH', `/profiles/${body.id}`, me, { stories: [{ title: 'First role', body: 'A ward clerk who learned SQL.' }] });
      await call('POST', `/profiles/${body.id}/submit`, me);
      const ownPublish = await call('POST', `/profiles/${body.id}/publish`, me);
      assert.equal(ownPublish.status, 403, 'the restricted phase asks for approval');
      assert.equal(ownPublish.body.code, 'approval_required');

      const published = await call('POST', `/profiles/${body.id}/publish`, coordinator);
      assert.equal(published.body.status, 'published');
      assert.equal(published.body.reviewNote, null);
      const publicView = await server.read(`/v1/libraries/demo/profiles/${body.id}`);
      assert.equal(publicView.status, 200);
      assert.ok(!('reviewNote' in publicView.body), 'the review note is not public');
      assert.equal((await server.read('/v1/libraries/demo/profiles?q=ocelotian')).body.total, 1);

      assert.equal((await call('POST', `/profiles/${body.id}/pause`, me)).body.status, 'paused');
      assert.equal((await server.read('/v1/libraries/demo/profiles?q=ocelotian')).body.total, 0);
      assert.equal((await server.read(`/v1/libraries/demo/profiles/${body.id}`)).status, 404);
    } finally {
      await setPhase('open');
    }
  });

  test('once the library is open to all, an expert publishes her own profile', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Open Door', ...completeProfile });
    const res = await call('POST', `/profiles/${body.id}/publish`, me);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'published');
  });

  test('a transition from the wrong state is a 409', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Wrong Turn', ...completeProfile });
    const res = await call('POST', `/profiles/${body.id}/pause`, me);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'invalid_transition');
  });

  test('an edit to a published profile reaches search at once', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Searchable Edit', ...completeProfile });
    await call('POST', `/profiles/${body.id}/publish`, me);
    await call('PATCH', `/profiles/${body.id}`, me, { bio: 'Now fluent in pangolinese workflows.' });
    assert.equal((await server.read('/v1/libraries/demo/profiles?q=pangolinese')).body.data[0]?.id, body.id);
  });

  test('availability is weekly windows that must make sense', async () => {
    const me = await newMember();
    const { body } = await call('POST', '/profiles', me, { displayName: 'Time Keeper', careerStage: 'senior' });
    const bad = await call('PUT', `/profiles/${body.id}/availability`, me, { windows: [{ weekday: 8, start: '09:00', end: '10:00' }, { weekday: 2, start: '11:00', end: '10:00' }, { weekday: 3, start: '9am', end: '10:00' }] });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.path).sort(), ['body.windows.0.weekday', 'body.windows.1.end', 'body.windows.2.start']);
    const good = await call('PUT', `/profiles/${body.id}/availability`, me, { windows: [{ weekday: 2, start: '09:00', end: '10:30' }] });
    assert.deepEqual(good.body.availability, [{ weekday: 2, start: '09:00', end: '10:30' }]);
  });

  test('a profile without a name or career stage says both are required', async () => {
    const res = await call('POST', '/profiles', await newMember(), { headline: 'Nameless' });
    assert.equal(res.status, 400);
    assert.deepEqual(
      res.body.errors.map((e: any) => [e.path, e.message]).sort(),
      [
        ['body.careerStage', 'is required'],
        ['body.displayName', 'is required'],
      ],
    );
  });

  test('bad profile input names every field at fault', async () => {
    const me = await newMember();
    const res = await call('POST', '/profiles', me, {
      displayName: '',
      careerStage: 'guru',
      timeZone: 'Mars/Olympus',
      languages: ['english!'],
      links: [{ label: 'x', url: 'javascript:alert(1)' }],
      photoUrl: 'ftp://x',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), [
      'body.careerStage',
      'body.displayName',
      'body.languages.0',
      'body.links.0.url',
      'body.photoUrl',
      'body.timeZone',
    ]);
  });
});
