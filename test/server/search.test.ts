import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoProfiles } from '../../server/src/db/seed-data.js';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { searchProfiles, type SearchCursor } from '../../server/src/domain/search.js';
import { manualClock } from '../helpers/clock.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const text = (p: any) => [p.displayName, p.headline, p.bio, ...p.skills.map((s: any) => s.name), ...p.stories.flatMap((s: any) => [s.title, s.body])].join(' ').toLowerCase();

describe('searching the library', () => {
  let server: TestServer;
  // A Wednesday, so "available within N days" has a known week ahead.
  const clock = manualClock(new Date('2026-11-25T10:00:00Z'));
  const search = (query: string) => server.read(`${server.libraryPath}/profiles?${query}`);
  async function everyHit(query: string) {
    const hits: any[] = [];
    let cursor: string | null = null;
    do {
      const res = await search(`${query}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      hits.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return hits;
  }
  before(async () => (server = await startTestServer({ seed: true, clock })));
  after(() => server.close());

  test('a word finds every profile that has it and no other, ranked, with a marked snippet', async () => {
    const res = await search('q=FHIR&limit=100');
    const expected = demoProfiles.filter((p) => JSON.stringify(p).toLowerCase().includes('fhir')).length;
    assert.ok(expected > 1);
    assert.equal(res.body.total, expected);
    assert.equal(res.body.data.length, expected);
    for (const hit of res.body.data) {
      assert.match(text(hit), /fhir/);
      assert.ok(hit.snippet.some((s: any) => s.match && /fhir/i.test(s.text)), JSON.stringify(hit.snippet));
    }
  });

  test('the start of a word finds the whole word, for search as you type', async () => {
    const prefix = await everyHit('q=clin');
    const whole = await everyHit('q=clinical');
    assert.ok(whole.length > 0);
    for (const hit of whole) assert.ok(prefix.some((p) => p.id === hit.id));
  });

  test('several words must all match', async () => {
    const hits = await everyHit('q=user%20research');
    assert.ok(hits.length > 0);
    for (const hit of hits) {
      assert.match(text(hit), /\buser/);
      assert.match(text(hit), /\bresearch/);
    }
  });

  test('a match in the headline ranks above a match only in a story', async () => {
    const inStory = await expertWithProfile(server, { displayName: 'Story Holder', stories: [{ title: 'A day', body: 'We talked about zanzibarite over tea.' }] });
    const inHeadline = await expertWithProfile(server, { displayName: 'Headline Holder', headline: 'Zanzibarite specialist' });
    const res = await search('q=zanzibarite');
    assert.deepEqual(res.body.data.map((p: any) => p.id), [inHeadline.profile.id, inStory.profile.id]);
  });

  test('query syntax and punctuation are only words: nothing fails, nothing leaks', async () => {
    for (const q of ['"', 'fhir*"', 'NEAR(a b)', 'a OR b', '-fhir', '^x', 'col:fhir', '((', "'; DROP TABLE profiles; --", '…']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
    }
    const onlyPunctuation = await search(`q=${encodeURIComponent('?!')}&limit=100`);
    assert.ok(onlyPunctuation.body.total >= demoProfiles.length, 'nothing to search for lists everyone');
  });

  test('no match is an empty page with a zero total and no facets', async () => {
    const res = await search('q=xylophonequartz');
    assert.deepEqual([res.body.data, res.body.total, res.body.totalIsLowerBound, res.body.nextCursor, res.body.facets], [[], 0, false, null, { categories: [], skills: [] }]);
  });

  test('ranked pages visit every match once, and add up to the total', async () => {
    const first = await search('q=data&limit=3');
    const hits = await everyHit('q=data');
    assert.equal(hits.length, first.body.total);
    assert.equal(new Set(hits.map((h) => h.id)).size, hits.length);
  });

  test('filters narrow by category, every listed skill, career stage and language', async () => {
    const byCategory = await everyHit('category=improvement');
    assert.ok(byCategory.length > 0);
    for (const hit of byCategory) assert.ok(hit.categories.some((c: any) => c.slug === 'improvement'));

    const bySkills = await everyHit('skill=fhir&skill=clinical-safety');
    for (const hit of bySkills) {
      assert.ok(hit.skills.some((s: any) => s.slug === 'fhir'));
      assert.ok(hit.skills.some((s: any) => s.slug === 'clinical-safety'));
    }
    const either = new Set([...(await everyHit('skill=fhir')), ...(await everyHit('skill=clinical-safety'))].map((h) => h.id));
    assert.ok(bySkills.length < either.size, 'every skill must match, not any');

    const seniors = await everyHit('careerStage=senior');
    assert.equal(seniors.length, demoProfiles.filter((p) => p.careerStage === 'senior').length);

    const yoruba = await everyHit('language=yo');
    assert.equal(yoruba.length, demoProfiles.filter((p) => p.languages.includes('yo')).length);
    assert.ok(yoruba.every((h) => h.languages.includes('yo')));

    const combined = await everyHit('q=data&category=improvement&careerStage=mid');
    for (const hit of combined) assert.ok(hit.careerStage === 'mid' && hit.categories.some((c: any) => c.slug === 'improvement'));
  });

  test('available within N days keeps experts with a window on one of those weekdays', async () => {
    const mondayOnly = await expertWithProfile(server, { displayName: 'Monday Only' });
    await server.request(`${server.libraryPath}/profiles/${mondayOnly.profile.id}/availability`, {
      method: 'PUT',
      headers: { ...mondayOnly.expert, 'content-type': 'application/json' },
      body: JSON.stringify({ windows: [{ weekday: 1, start: '10:00', end: '12:00' }] }),
    });
    // From Wednesday, two days reach Friday: Monday is not among them; seven days are.
    const soon = await everyHit('availableWithinDays=2');
    assert.ok(!soon.some((h) => h.id === mondayOnly.profile.id));
    assert.ok(soon.every((h) => h.availability.some((w: any) => [3, 4, 5].includes(w.weekday))));
    const week = await everyHit('availableWithinDays=7');
    assert.ok(week.some((h) => h.id === mondayOnly.profile.id));
  });

  test('facet counts are the number of matching profiles with each category and skill', async () => {
    const res = await search('q=data&limit=1');
    const hits = await everyHit('q=data');
    for (const facet of res.body.facets.categories) {
      assert.equal(facet.count, hits.filter((h) => h.categories.some((c: any) => c.slug === facet.slug)).length, facet.slug);
    }
    for (const facet of res.body.facets.skills) {
      assert.equal(facet.count, hits.filter((h) => h.skills.some((s: any) => s.slug === facet.slug)).length, facet.slug);
    }
    assert.ok(res.body.facets.skills.length > 0);
  });

  test('unpublished profiles never appear, whatever the query', async () => {
    const draft = await expertWithProfile(server, { displayName: 'Quietly Drafting', headline: 'Quokkaology pioneer' }, { publish: false });
    assert.equal((await search('q=quokkaology')).body.total, 0);
    assert.ok(!(await everyHit('careerStage=mid')).some((h) => h.id === draft.profile.id));
  });

  test('bad filters are 400s naming the parameter', async () => {
    for (const [query, path] of [
      ['careerStage=boss', 'query.careerStage'],
      ['availableWithinDays=0', 'query.availableWithinDays'],
      ['availableWithinDays=soon', 'query.availableWithinDays'],
      ['language=english!', 'query.language'],
      ['category=Not%20A%20Slug', 'query.category'],
      [`q=${'x'.repeat(201)}`, 'query.q'],
    ] as const) {
      const res = await search(query);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.errors[0].path, path, query);
    }
    const listCursor = (await search('limit=1')).body.nextCursor;
    const mixed = await search(`q=data&cursor=${encodeURIComponent(listCursor)}`);
    assert.equal(mixed.status, 400);
    assert.equal(mixed.body.errors[0].path, 'query.cursor');
  });

  test('past the rank window, the newest matches are ranked and the rest follow newest first, each once', async () => {
    const library = await findLibrary(server.db, server.library);
    const walk = async (limit: number) => {
      const hits: string[] = [];
      let after: SearchCursor | undefined;
      for (;;) {
        const page = await searchProfiles(server.db, { library, q: 'data', limit, after, rankWindow: 10, facets: false, now: clock.now() });
        hits.push(...page.hits.map((h) => h.id));
        assert.deepEqual([page.total, page.totalIsLowerBound], [10, true], 'past the window the total is a lower bound');
        if (!page.next || !('snapshot' in page.next)) return hits;
        after = page.next;
      }
    };
    const everyone = (await everyHit('q=data')).map((h) => h.id).sort();
    assert.ok(everyone.length > 10, 'the query must outgrow the window');
    const firstPage = await searchProfiles(server.db, { library, q: 'data', limit: 10, rankWindow: 10, facets: false, now: clock.now() });
    const strong = firstPage.hits.map((h) => /\bdata/i.test([h.displayName, h.headline, ...h.skills.map((s) => s.name)].join(' ')));
    assert.ok(strong.includes(true) && strong.includes(false), 'the window mixes both kinds of match');
    assert.deepEqual(strong, [...strong].sort((a, b) => Number(b) - Number(a)), 'name, headline and skills matches come first');
    for (const limit of [3, 7, 10, 25]) {
      const hits = await walk(limit);
      assert.equal(new Set(hits).size, hits.length, 'no match twice');
      assert.deepEqual([...hits].sort(), everyone, 'every match once');
    }
  });

  test('facets=false leaves the counts out and keeps the total', async () => {
    const res = await search('q=data&facets=false');
    assert.deepEqual(res.body.facets, { categories: [], skills: [] });
    assert.equal(res.body.total, (await search('q=data')).body.total);
    assert.equal((await search('facets=maybe')).body.errors[0].path, 'query.facets');
  });
});
