import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { RunningServer } from '@talking-library/server';
import { bearer, send } from '../helpers/callers.js';
import { call, twoInstancesOnOneFile } from '../helpers/two-instances.js';

/**
 * Each instance remembers listings (no text query, no time window) under the library's listing
 * version (routes/profiles.ts), which triggers and the search index bump on every write that could
 * change one (migration 0015). Two instances on one file: A remembers a listing, a change goes in
 * through B or by hand on the file, and A's next listing shows it.
 */
let a: RunningServer;
let b: RunningServer;
let coordinator: Record<string, string>;
let close: () => Promise<void>;

before(async () => {
  ({ a, b, coordinator, close } = await twoInstancesOnOneFile('listing-cache'));
});
after(() => close());

interface Card {
  id: string;
  displayName: string;
  headline: string;
  skills: { id: string; name: string }[];
  stories: { title: string }[];
  availability: { weekday: number; start: string; end: string }[];
}

/** The first page of the listing, twice on A, so the second answer is the remembered one. */
async function listingOnA(query = 'limit=50'): Promise<Card[]> {
  const path = `/v1/libraries/demo/profiles?${query}`;
  const first = await call(a, path, { headers: coordinator });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const again = await call(a, path, { headers: coordinator });
  assert.deepEqual(again.body, first.body);
  return first.body.data as Card[];
}

const byId = (cards: Card[], id: string) => cards.find((card) => card.id === id);

test('a remembered listing is answered until the listing version moves, and only then read afresh', async () => {
  const [card] = await listingOnA();
  assert.ok(card);
  // By hand, with the trigger that would bump the version out of the way: the listing A remembers
  // is still the answer, which shows it is remembered at all.
  await b.db.$client.execute('DROP TRIGGER profiles_listing_update');
  try {
    await b.db.$client.execute({ sql: 'UPDATE profiles SET headline = ? WHERE id = ?', args: ['Written behind the cache', card.id] });
    assert.equal(byId(await listingOnA(), card.id)?.headline, card.headline);
    await b.db.$client.execute("UPDATE libraries SET listing_version = listing_version + 1 WHERE slug = 'demo'");
    assert.equal(byId(await listingOnA(), card.id)?.headline, 'Written behind the cache');
  } finally {
    await b.db.$client.execute(
      'CREATE TRIGGER `profiles_listing_update` AFTER UPDATE ON `profiles` BEGIN UPDATE `libraries` SET `listing_version` = `listing_version` + 1 WHERE `id` IN (NEW.`library_id`, OLD.`library_id`); END',
    );
  }
});

test('an edit through the other instance shows in the next listing: her headline and her stories', async () => {
  const [card] = await listingOnA();
  assert.ok(card);
  const headline = `Headline ${randomBytes(3).toString('hex')}`;
  const edited = await call(b, `/v1/libraries/demo/profiles/${card.id}`, send('PATCH', { headline, stories: [{ title: 'A new story', body: 'Told once.' }] }, coordinator));
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
  const shown = byId(await listingOnA(), card.id);
  assert.equal(shown?.headline, headline);
  assert.deepEqual(shown?.stories.map((story) => story.title), ['A new story']);
});

test('a skill renamed by a coordinator on the other instance is named so on the cards at once', async () => {
  const cards = await listingOnA();
  const card = cards.find((c) => c.skills.length > 0)!;
  const skill = card.skills[0]!;
  const name = `Skill ${randomBytes(3).toString('hex')}`;
  const renamed = await call(b, `/v1/libraries/demo/skills/${skill.id}`, send('PATCH', { name }, coordinator));
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.equal(byId(await listingOnA(), card.id)?.skills.find((s) => s.id === skill.id)?.name, name);
});

test('changes written by hand on the file, past the API, reach the listing: availability, a skill taken off, a profile unpublished', async () => {
  const cards = await listingOnA();
  const card = cards.find((c) => c.skills.length > 0)!;
  await b.db.$client.execute({ sql: 'DELETE FROM availability_windows WHERE profile_id = ?', args: [card.id] });
  assert.deepEqual(byId(await listingOnA(), card.id)?.availability, []);
  await b.db.$client.execute({ sql: 'DELETE FROM profile_skills WHERE profile_id = ? AND skill_id = ?', args: [card.id, card.skills[0]!.id] });
  assert.equal(byId(await listingOnA(), card.id)?.skills.length, card.skills.length - 1);
  await b.db.$client.execute({ sql: "UPDATE profiles SET status = 'paused' WHERE id = ?", args: [card.id] });
  assert.equal(byId(await listingOnA(), card.id), undefined);
});

test('each filter and page is remembered apart: a category listing and the next page answer for themselves', async () => {
  const all = await call(a, '/v1/libraries/demo/profiles?limit=2', { headers: coordinator });
  assert.equal(all.status, 200);
  const next = await call(a, `/v1/libraries/demo/profiles?limit=2&cursor=${encodeURIComponent(all.body.nextCursor)}`, { headers: coordinator });
  assert.equal(next.status, 200);
  assert.notDeepEqual(next.body.data.map((c: Card) => c.id), all.body.data.map((c: Card) => c.id));
  const category = all.body.facets.categories[0];
  const filtered = await call(a, `/v1/libraries/demo/profiles?limit=50&category=${category.slug}`, { headers: coordinator });
  assert.equal(filtered.status, 200);
  assert.equal(filtered.body.total, category.count);
});

test('a remembered listing carries the headers every answer does: its own request id, what a page may read, gzip with Vary', async () => {
  const path = `${a.url}/v1/libraries/demo/profiles?limit=50`;
  await fetch(path, { headers: coordinator }).then((res) => res.arrayBuffer());
  const ids = new Set<string>();
  for (const encoding of ['gzip', 'identity']) {
    const remembered = await fetch(path, { headers: { ...coordinator, 'accept-encoding': encoding } });
    await remembered.arrayBuffer();
    assert.equal(remembered.status, 200);
    const id = remembered.headers.get('x-request-id');
    assert.match(id ?? '', /^[\w-]{8,}$/, 'a request id of its own');
    ids.add(id!);
    assert.match(remembered.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
    assert.match(remembered.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.equal(remembered.headers.get('content-encoding'), encoding === 'gzip' ? 'gzip' : null);
  }
  assert.equal(ids.size, 2, 'each answer has its own id');
});
