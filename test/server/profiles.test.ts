import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoCategories, demoProfiles } from '../../server/src/db/seed-data.js';
import { addLibrary, addProfile, libraryId } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

async function walkAllPages(server: TestServer, path: string, limit: number) {
  const seen: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = `?limit=${limit}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
    const res = await server.read(path + query);
    assert.equal(res.status, 200);
    assert.ok(res.body.data.length <= limit);
    seen.push(...res.body.data);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { seen, pages };
}

describe('the demo library and its profiles', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('the library lists the three starting categories in order, each with its skills', async () => {
    const res = await server.read('/v1/libraries/demo');
    assert.equal(res.status, 200);
    assert.equal(res.body.slug, 'demo');
    assert.equal(res.body.phase, 'open');
    assert.deepEqual(res.body.categories.map((c: any) => c.slug), ['leadership', 'digital-health', 'improvement']);
    const digital = res.body.categories.find((c: any) => c.slug === 'digital-health');
    assert.ok(digital.skills.some((s: any) => s.slug === 'fhir' && s.name === 'FHIR'));
    for (const category of res.body.categories) {
      const seeded = demoCategories.find((c) => c.slug === category.slug)!;
      assert.equal(category.skills.length, seeded.skills.length);
      assert.match(category.id, /^cat_/);
    }
  });

  test('the seed holds at least 24 published experts across every career stage', async () => {
    const { seen } = await walkAllPages(server, '/v1/libraries/demo/profiles', 100);
    assert.equal(seen.length, demoProfiles.length);
    assert.ok(seen.length >= 24);
    assert.deepEqual(new Set(seen.map((p) => p.careerStage)), new Set(['entry', 'early', 'mid', 'senior', 'executive']));
  });

  test('a profile comes back with its skills, categories and stories', async () => {
    const list = await server.read('/v1/libraries/demo/profiles?limit=1');
    const first = list.body.data[0];
    const res = await server.read(`/v1/libraries/demo/profiles/${first.id}`);
    assert.equal(res.status, 200);
    const seeded = demoProfiles.find((p) => p.displayName === res.body.displayName)!;
    assert.deepEqual(res.body.skills.map((s: any) => s.slug), seeded.skills);
    assert.deepEqual(res.body.categories.map((c: any) => c.slug), seeded.categories);
    assert.deepEqual(res.body.stories.map((s: any) => s.title), seeded.stories.map((s) => s.title));
    assert.equal(res.body.status, 'published');
  });
});

describe('pagination', () => {
  let server: TestServer;
  let published: string[];
  let unpublished: string[];
  before(async () => {
    server = await startTestServer({ seed: true });
    const lib = await libraryId(server.db);
    // Equal names force the id tie-breaker to keep the order total.
    published = [];
    for (const name of ['Zara Twin', 'Zara Twin', 'Zara Twin', 'Ama Early']) published.push(await addProfile(server.db, { libraryId: lib, displayName: name }));
    unpublished = [];
    for (const status of ['draft', 'submitted', 'paused'] as const) unpublished.push(await addProfile(server.db, { libraryId: lib, displayName: `Hidden ${status}`, status }));
    const other = await addLibrary(server.db, 'other-library');
    unpublished.push(await addProfile(server.db, { libraryId: other, displayName: 'Elsewhere' }));
  });
  after(() => server.close());

  for (const limit of [1, 3, 7, 100]) {
    test(`walking pages of ${limit} visits every published profile exactly once, in order`, async () => {
      const { seen, pages } = await walkAllPages(server, '/v1/libraries/demo/profiles', limit);
      const ids = seen.map((p) => p.id);
      assert.equal(new Set(ids).size, ids.length, 'no profile appears twice');
      assert.equal(ids.length, demoProfiles.length + published.length);
      for (const id of published) assert.ok(ids.includes(id));
      assert.equal(pages, Math.ceil(ids.length / limit));
      const keys = seen.map((p) => [p.displayName, p.id].join('\u0000'));
      assert.deepEqual(keys, [...keys].sort());
    });
  }

  test('unpublished profiles and other libraries’ profiles never appear, and cannot be fetched', async () => {
    const { seen } = await walkAllPages(server, '/v1/libraries/demo/profiles', 50);
    for (const id of unpublished) {
      assert.ok(!seen.some((p) => p.id === id));
      const res = await server.read(`/v1/libraries/demo/profiles/${id}`);
      assert.equal(res.status, 404);
    }
  });

  test('the last page says so with a null cursor, and the default page size is 20', async () => {
    const first = await server.read('/v1/libraries/demo/profiles');
    assert.equal(first.body.data.length, 20);
    assert.equal(typeof first.body.nextCursor, 'string');
    const all = await server.read('/v1/libraries/demo/profiles?limit=100');
    assert.equal(all.body.nextCursor, null);
  });
});
