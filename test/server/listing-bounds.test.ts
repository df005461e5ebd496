import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { searchProfiles, type ProfileSearch, type SearchCursor } from '../../server/src/domain/search.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A listing (no words) counts at most the rank window, as a ranked search does: past it, `total`
 * is the window and says it is a lower bound, and the facets count the window's profiles, the
 * newest indexed. The pages still go through every match in name order. Small windows stand in
 * for the thousand a library of a hundred thousand meets.
 */
describe('listings bounded by the rank window', () => {
  let server: TestServer;
  const clock = manualClock(new Date('2026-11-25T10:00:00Z'));
  before(async () => (server = await startTestServer({ seed: true, clock })));
  after(() => server.close());

  const library = () => findLibrary(server.db, 'demo');
  const published = async () =>
    server.db.all<{ id: string; displayName: string; searchRowid: number }>(
      sql`SELECT id, display_name AS displayName, search_rowid AS searchRowid FROM profiles WHERE status = 'published' AND library_id = (SELECT id FROM libraries WHERE slug = 'demo') ORDER BY display_name, id`,
    );
  async function everyPage(search: Omit<ProfileSearch, 'library' | 'limit' | 'now'>) {
    const ids: string[] = [];
    let after: SearchCursor | undefined;
    for (;;) {
      const page = await searchProfiles(server.db, { library: await library(), limit: 4, now: clock.now(), facets: false, ...search, after });
      ids.push(...page.hits.map((hit) => hit.id));
      if (!page.next) return ids;
      after = page.next;
    }
  }

  test('past the window, the total is the window marked as a lower bound, and the facets count the newest window of profiles', async () => {
    const all = await published();
    const window = 5;
    assert.ok(all.length > window, 'the demo library has more published profiles than the window');
    const result = await searchProfiles(server.db, { library: await library(), limit: 3, rankWindow: window, now: clock.now() });
    assert.equal(result.total, window);
    assert.equal(result.totalIsLowerBound, true);
    const newest = [...all].sort((a, b) => b.searchRowid - a.searchRowid).slice(0, window).map((p) => p.id);
    const counted = await server.db.all<{ slug: string; count: number }>(
      sql`SELECT c.slug, count(*) AS count FROM profile_categories pc JOIN categories c ON c.id = pc.category_id WHERE c.retired_at IS NULL AND pc.profile_id IN (${sql.join(newest.map((id) => sql`${id}`), sql`, `)}) GROUP BY c.id`,
    );
    assert.deepEqual(
      Object.fromEntries(result.facets.categories.map((f) => [f.slug, f.count])),
      Object.fromEntries(counted.map((f) => [f.slug, f.count])),
    );
    assert.ok(result.facets.categories.reduce((sum, f) => sum + f.count, 0) >= 1);
  });

  test('within the window the total is exact, and the facets count every published profile', async () => {
    const all = await published();
    const result = await searchProfiles(server.db, { library: await library(), limit: 3, rankWindow: all.length, now: clock.now() });
    assert.equal(result.total, all.length);
    assert.equal(result.totalIsLowerBound, false);
    const skillRows = await server.db.all<{ count: number }>(
      sql`SELECT count(*) AS count FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id WHERE s.retired_at IS NULL AND ps.profile_id IN (${sql.join(all.map((p) => sql`${p.id}`), sql`, `)})`,
    );
    assert.equal(result.facets.skills.reduce((sum, f) => sum + f.count, 0), skillRows[0]!.count);
  });

  test('past the window the pages still list every published profile, once each, in name order', async () => {
    const all = await published();
    assert.deepEqual(await everyPage({ rankWindow: 3 }), all.map((p) => p.id));
  });

  test('a filtered listing finds the same pages whichever way it looks: sorting its matches, or reading the name index a slice at a time', async () => {
    const all = await published();
    const filter = { careerStage: 'senior' as const };
    const senior = await server.db.all<{ id: string }>(
      sql`SELECT id FROM profiles WHERE status = 'published' AND career_stage = 'senior' AND library_id = (SELECT id FROM libraries WHERE slug = 'demo') ORDER BY display_name, id`,
    );
    assert.ok(senior.length > 3 && senior.length < all.length, 'some but not all demo profiles are senior');
    const sorted = await everyPage({ ...filter, rankWindow: 1000, denseMatches: 1000 });
    const sliced = await everyPage({ ...filter, rankWindow: 2, denseMatches: 2 });
    assert.deepEqual(sorted, senior.map((p) => p.id));
    assert.deepEqual(sliced, senior.map((p) => p.id));
    const first = await searchProfiles(server.db, { library: await library(), limit: 4, now: clock.now(), facets: false, ...filter, rankWindow: 2, denseMatches: 2 });
    assert.equal(first.total, 2);
    assert.equal(first.totalIsLowerBound, true);
  });
});
