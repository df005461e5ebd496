import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('coordinators shape the taxonomy without breaking profiles', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  const call = (method: string, path: string, body?: unknown) => server.request(`/v1/libraries/demo${path}`, send(method, body, coordinator));
  const library = async () => (await server.read('/v1/libraries/demo')).body;
  const skillsOf = (lib: any) => lib.categories.flatMap((c: any) => c.skills.map((s: any) => s.slug));

  before(async () => {
    server = await startTestServer({ seed: true });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  test('a new category and skill join the library, and a slug may be used once', async () => {
    const category = await call('POST', '/categories', { name: 'Data & AI ethics' });
    assert.equal(category.status, 201);
    assert.equal(category.body.slug, 'data-ai-ethics');
    const skill = await call('POST', '/skills', { name: 'Algorithmic impact assessment', category: 'data-ai-ethics' });
    assert.equal(skill.status, 201);
    const lib = await library();
    assert.ok(lib.categories.find((c: any) => c.slug === 'data-ai-ethics').skills.some((s: any) => s.slug === 'algorithmic-impact-assessment'));
    const again = await call('POST', '/categories', { name: 'Data AI Ethics' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'slug_taken');
    const orphan = await call('POST', '/skills', { name: 'Nowhere', category: 'no-such-category' });
    assert.equal(orphan.status, 400);
    assert.equal(orphan.body.errors[0].path, 'body.category');
  });

  test('renaming a skill renames it on every profile and in search', async () => {
    const { body: skill } = await call('POST', '/skills', { name: 'Telecare', category: 'digital-health' });
    const { profile } = await expertWithProfile(server, { skills: ['telecare'] });
    assert.equal((await call('PATCH', `/skills/${skill.id}`, { name: 'Technology-enabled care' })).status, 200);
    const after = await server.read(`/v1/libraries/demo/profiles/${profile.id}`);
    assert.deepEqual(after.body.skills.map((s: any) => s.name), ['Technology-enabled care']);
    assert.ok((await server.read('/v1/libraries/demo/profiles?q=technology-enabled')).body.data.some((p: any) => p.id === profile.id));
  });

  test('merging a skill gives its profiles the successor, and the old slug leads there', async () => {
    const { body: old } = await call('POST', '/skills', { name: 'HL7 v2 messaging', category: 'digital-health' });
    const { body: successor } = await call('POST', '/skills', { name: 'Interoperability messaging', category: 'digital-health' });
    const { profile } = await expertWithProfile(server, { skills: ['hl7-v2-messaging'] });
    const merged = await call('PATCH', `/skills/${old.id}`, { mergeInto: successor.id });
    assert.equal(merged.status, 200);
    assert.equal(merged.body.id, successor.id);
    assert.ok(!skillsOf(await library()).includes('hl7-v2-messaging'));
    const filtered = await server.read('/v1/libraries/demo/profiles?skill=interoperability-messaging');
    assert.ok(filtered.body.data.some((p: any) => p.id === profile.id));
    const later = await expertWithProfile(server, { skills: ['hl7-v2-messaging'] });
    assert.deepEqual(later.profile.skills.map((s: any) => s.slug), ['interoperability-messaging']);
  });

  test('a retired skill leaves the taxonomy and the facets, and stays readable on profiles', async () => {
    const { body: skill } = await call('POST', '/skills', { name: 'Fax machine migration', category: 'digital-health' });
    const { profile } = await expertWithProfile(server, { skills: ['fax-machine-migration', 'fhir'] });
    assert.equal((await call('DELETE', `/skills/${skill.id}`)).status, 204);
    assert.ok(!skillsOf(await library()).includes('fax-machine-migration'));
    const facets = (await server.read('/v1/libraries/demo/profiles?limit=1')).body.facets.skills.map((f: any) => f.slug);
    assert.ok(!facets.includes('fax-machine-migration'));
    const onProfile = await server.read(`/v1/libraries/demo/profiles/${profile.id}`);
    assert.ok(onProfile.body.skills.some((s: any) => s.slug === 'fax-machine-migration'));
    const chooseRetired = await expertWithProfile(server, { skills: ['fhir'] }).then(({ expert, profile: p }) =>
      server.request(`/v1/libraries/demo/profiles/${p.id}`, send('PATCH', { skills: ['fax-machine-migration'] }, expert)),
    );
    assert.equal(chooseRetired.status, 400);
    assert.equal(chooseRetired.body.errors[0].path, 'body.skills.0');
  });

  test('merging a category moves its skills and profiles; retiring one keeps it on profiles', async () => {
    const { body: from } = await call('POST', '/categories', { name: 'Service design' });
    const { body: into } = await call('POST', '/categories', { name: 'Design' });
    await call('POST', '/skills', { name: 'Journey mapping', category: 'service-design' });
    const { profile } = await expertWithProfile(server, { categories: ['service-design'], skills: ['journey-mapping'] });
    await call('PATCH', `/categories/${from.id}`, { mergeInto: into.id });
    const lib = await library();
    assert.ok(!lib.categories.some((c: any) => c.slug === 'service-design'));
    assert.ok(lib.categories.find((c: any) => c.slug === 'design').skills.some((s: any) => s.slug === 'journey-mapping'));
    assert.deepEqual((await server.read(`/v1/libraries/demo/profiles/${profile.id}`)).body.categories.map((c: any) => c.slug), ['design']);

    assert.equal((await call('DELETE', `/categories/${into.id}`)).status, 204);
    assert.ok(!(await library()).categories.some((c: any) => c.slug === 'design'));
    assert.deepEqual((await server.read(`/v1/libraries/demo/profiles/${profile.id}`)).body.categories.map((c: any) => c.slug), ['design']);
  });

  test('a merge into itself or into nothing is a 400 naming mergeInto', async () => {
    const { body: category } = await call('POST', '/categories', { name: 'Lonely' });
    const self = await call('PATCH', `/categories/${category.id}`, { mergeInto: category.id });
    assert.equal(self.status, 400);
    assert.equal(self.body.errors[0].path, 'body.mergeInto');
    const nowhere = await call('PATCH', `/categories/${category.id}`, { mergeInto: 'cat_doesnotexist000' });
    assert.equal(nowhere.status, 400);
    assert.equal(nowhere.body.errors[0].path, 'body.mergeInto');
  });
});
