import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { SEARCH_SNAPSHOT_TTL_MS, searchProfiles, type SearchCursor } from '../../server/src/domain/search.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Ranked pages read on from the order their search began with: a change between pages moves nobody. */
describe('paging through a ranked search while profiles change', () => {
  let server: TestServer;
  let coordinator: Record<string, string>;
  const clock = manualClock(new Date('2026-11-25T10:00:00Z'));
  before(async () => {
    server = await startTestServer({ seed: true, clock });
    coordinator = bearer(await demoSession(server, 'coordinator'));
  });
  after(() => server.close());

  const search = (query: string) => server.read(`/v1/libraries/demo/profiles?${query}`);
  const promote = (id: string) => server.request(`/v1/libraries/demo/profiles/${id}`, send('PATCH', { displayName: 'Data Data', headline: 'Data, data and more data' }, coordinator));

  test('a profile edited to rank first after page one is neither repeated nor skipped', async () => {
    const all = (await search('q=data&limit=100')).body.data.map((h: any) => h.id);
    assert.ok(all.length >= 8, 'enough matches for several pages');
    const first = await search('q=data&limit=3');
    const seen: string[] = first.body.data.map((h: any) => h.id);
    // The last match of all climbs to the top between pages; the first one falls back.
    const climber = all.at(-1)!;
    assert.equal((await promote(climber)).status, 200);
    assert.equal((await server.request(`/v1/libraries/demo/profiles/${all[0]}`, send('PATCH', { displayName: 'Someone', headline: 'Quality improvement' }, coordinator))).status, 200);
    assert.equal((await search('q=data&limit=1')).body.data[0].id, climber, 'a fresh search ranks the edited profile first');

    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await search(`q=data&limit=3&cursor=${encodeURIComponent(cursor)}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      seen.push(...page.body.data.map((h: any) => h.id));
      cursor = page.body.nextCursor;
    }
    assert.equal(new Set(seen).size, seen.length, 'no match twice');
    assert.deepEqual([...seen].sort(), [...all].sort(), 'every match once');
  });

  test('past the rank window too, edits between pages repeat and skip nobody', async () => {
    const library = await findLibrary(server.db, 'demo');
    const walk = async (between?: () => Promise<unknown>) => {
      const hits: string[] = [];
      let after: SearchCursor | undefined;
      for (let page = 0; ; page++) {
        const result = await searchProfiles(server.db, { library, q: 'data', limit: 3, after, rankWindow: 4, facets: false, now: clock.now() });
        hits.push(...result.hits.map((h) => h.id));
        if (page === 0) await between?.();
        if (!result.next) return hits;
        after = result.next;
      }
    };
    const everyone = await walk();
    assert.ok(everyone.length > 6, 'the query outgrows the window');
    const edited = await walk(async () => {
      for (const id of everyone.slice(-3)) assert.equal((await promote(id)).status, 200);
    });
    assert.equal(new Set(edited).size, edited.length, 'no match twice');
    assert.deepEqual([...edited].sort(), [...everyone].sort(), 'every match once');
  });

  test('a ranked cursor serves only its own search, and only for a while', async () => {
    const first = await search('q=data&limit=2');
    const cursor = encodeURIComponent(first.body.nextCursor);
    const other = await search(`q=health&limit=2&cursor=${cursor}`);
    assert.equal(other.status, 400);
    assert.deepEqual(other.body.errors.map((e: any) => e.path), ['query.cursor']);
    assert.equal((await search(`q=data&limit=2&cursor=${cursor}`)).status, 200);
    clock.advance(SEARCH_SNAPSHOT_TTL_MS + 1);
    const expired = await search(`q=data&limit=2&cursor=${cursor}`);
    assert.equal(expired.status, 400);
    assert.match(expired.body.errors[0].message, /expired/);
  });
});
