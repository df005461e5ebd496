import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, hoursFrom, member, signInAgain, type Expert, type Person } from '../helpers/exchanges.js';
import { addLibrary } from '../helpers/fixtures.js';
import { bookFromBoard, newExpert } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
const feedPath = '/v1/libraries/demo/learning';
let server: TestServer;

interface Hour {
  asker: Person;
  giver: Expert;
  id: string;
}

/** An expert whose published profile is about these skills and categories. */
async function expertOf(topics: { skills: string[]; categories: string[] }): Promise<Expert> {
  return { ...(await newExpert(server, clock.now(), topics)), name: 'Feed Expert' };
}

async function finish(hour: Hour): Promise<Hour> {
  clock.advance(73 * HOUR);
  assert.equal((await act(server, hour.asker, hour.id, 'complete')).status, 200);
  assert.equal((await act(server, hour.giver, hour.id, 'complete')).body.status, 'completed');
  return hour;
}

/** A direct request to an expert of these topics, held and completed. */
async function directHour(topics: { skills: string[]; categories: string[] }): Promise<Hour> {
  const asker = await member(server, clock.now());
  const giver = await expertOf(topics);
  const startsAt = hoursFrom(clock.now(), 72);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal((await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Video' })).status, 200);
  return finish({ asker, giver, id: made.body.id });
}

/** An hour booked from the request board: a request about `improvement` / `pdsa-cycles`, answered by a FHIR expert. */
async function boardHour(): Promise<Hour> {
  const asker = await member(server, clock.now());
  const giver = await expertOf({ skills: ['fhir'], categories: ['digital-health'] });
  const { exchange } = await bookFromBoard(server, asker, giver, hoursFrom(clock.now(), 80), { fields: { skills: ['pdsa-cycles'], category: 'improvement' } });
  clock.advance(8 * HOUR);
  return finish({ asker, giver, id: exchange.id });
}

async function log(who: Person, hour: Hour, body: Record<string, unknown>): Promise<string> {
  clock.advance(60_000);
  const res = await server.request(`/v1/libraries/demo/exchanges/${hour.id}/outcomes`, send('POST', body, who.headers));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

// The fixtures: which log is which, by its summary.
const fhirHour = { member: 'FHIR hour, member, public, naming', expert: 'FHIR hour, expert, public, agreed' };
const coachingHour = { member: 'Coaching hour, member, library', expert: 'Coaching hour, expert, private' };
const boardHourLogs = { member: 'Board hour, member, public, 100% done', expert: 'Board hour, expert, public, not agreed' };
const quietHour = { member: 'Quiet hour, member, public, not naming', expert: 'Quiet hour, expert, public, agreed' };
const elsewhere = 'Another library’s public log';
let hours: { fhir: Hour; coaching: Hour; board: Hour; quiet: Hour };
let readers: { member: Person; coordinator: Person };

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
  const fhir = await directHour({ skills: ['fhir', 'user-research'], categories: ['digital-health'] });
  await log(fhir.asker, fhir, { summary: fhirHour.member, outputs: [{ title: 'Mapping sheet', url: 'https://example.org/mapping' }], learning: 'Composition holds the sections.', share: 'public', nameExpert: true, valueRating: 5, project: { name: 'Secret project' } });
  await log(fhir.giver, fhir, { summary: fhirHour.expert, nextSteps: 'Try it with two GP practices.', share: 'public', nameMeInPublic: true });
  const coaching = await directHour({ skills: ['coaching'], categories: ['leadership'] });
  await log(coaching.asker, coaching, { summary: coachingHour.member, learning: 'Ask before advising.', share: 'library', nameExpert: true });
  await log(coaching.giver, coaching, { summary: coachingHour.expert, share: 'private', nameMeInPublic: true });
  const board = await boardHour();
  await log(board.asker, board, { summary: boardHourLogs.member, share: 'public', nameExpert: true });
  await log(board.giver, board, { summary: boardHourLogs.expert, share: 'public' });
  const quiet = await directHour({ skills: ['data-analysis'], categories: ['improvement'] });
  await log(quiet.asker, quiet, { summary: quietHour.member, share: 'public', nameExpert: false });
  await log(quiet.giver, quiet, { summary: quietHour.expert, share: 'public', nameMeInPublic: true });
  // A completed, publicly logged hour that then belongs to another library.
  const moved = await directHour({ skills: ['fhir'], categories: ['digital-health'] });
  await log(moved.asker, moved, { summary: elsewhere, share: 'public' });
  const other = await addLibrary(server.db, 'elsewhere');
  await server.db.update(schema.exchanges).set({ libraryId: other }).where(eq(schema.exchanges.id, moved.id));
  await server.db.update(schema.outcomeLogs).set({ libraryId: other }).where(eq(schema.outcomeLogs.exchangeId, moved.id));
  hours = { fhir, coaching, board, quiet };
  readers = { member: await member(server, clock.now()), coordinator: await member(server, clock.now(), ['member', 'coordinator']) };
});
after(() => server.close());

const asMember = (path: string) => server.request(path, { headers: readers.member.headers });
const summaries = (res: { body: { data: { summary: string }[] } }) => res.body.data.map((item) => item.summary);
const publicItems = [quietHour.expert, quietHour.member, boardHourLogs.expert, boardHourLogs.member, fhirHour.expert, fhirHour.member];

test('with the library’s key alone, the feed holds the public items only, newest first', async () => {
  const res = await server.read(feedPath);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(summaries(res), publicItems);
  assert.equal(res.body.nextCursor, null);
  assert.ok(res.body.data.every((item: { share: string }) => item.share === 'public'));
});

test('signed-in members and coordinators also read the library items; private logs are in nobody’s feed, not even their author’s', async () => {
  const expected = [...publicItems.slice(0, 4), coachingHour.member, ...publicItems.slice(4)];
  const author = await signInAgain(server, hours.coaching.giver, clock.now());
  for (const reader of [readers.member, readers.coordinator, author]) {
    const res = await server.request(feedPath, { headers: reader.headers });
    assert.equal(res.status, 200);
    assert.deepEqual(summaries(res), expected);
  }
});

test('another library’s items are never in this feed', async () => {
  for (const res of [await server.read(feedPath), await asMember(feedPath), await asMember(`${feedPath}?q=${encodeURIComponent('library’s')}`)]) {
    assert.ok(!summaries(res).includes(elsewhere));
  }
});

test('an item says what was learned and what the hour was about, and nothing of the member: no name, email, rating or project', async () => {
  const item = (await server.read(feedPath)).body.data.find((i: { summary: string }) => i.summary === fhirHour.member);
  assert.deepEqual(Object.keys(item).sort(), ['authorRole', 'categories', 'expert', 'id', 'learning', 'loggedAt', 'nextSteps', 'outputs', 'share', 'skills', 'summary', 'updatedAt']);
  assert.equal(item.authorRole, 'member');
  assert.deepEqual(item.outputs, [{ title: 'Mapping sheet', url: 'https://example.org/mapping' }]);
  assert.equal(item.learning, 'Composition holds the sections.');
  assert.deepEqual(item.categories.map((c: { slug: string }) => c.slug), ['digital-health']);
  assert.deepEqual(item.skills.map((s: { slug: string }) => s.slug), ['fhir', 'user-research']);
  assert.match(item.id, /^out_/);
  const text = JSON.stringify((await asMember(feedPath)).body);
  for (const hour of Object.values(hours)) {
    for (const secret of [hour.asker.name, hour.asker.email, hour.asker.id, hour.giver.email, hour.id]) assert.ok(!text.includes(secret), `the feed leaks ${secret}`);
  }
  assert.ok(!text.includes('Secret project') && !text.includes('valueRating'));
});

test('an hour booked from the request board is about the request’s category and skills, not the expert’s profile', async () => {
  const item = (await server.read(feedPath)).body.data.find((i: { summary: string }) => i.summary === boardHourLogs.member);
  assert.deepEqual(item.categories.map((c: { slug: string }) => c.slug), ['improvement']);
  assert.deepEqual(item.skills.map((s: { slug: string }) => s.slug), ['pdsa-cycles']);
});

test('the expert is named only where she agreed, the item is public, and (on the member’s) the member asked', async () => {
  const named = Object.fromEntries((await asMember(feedPath)).body.data.map((i: { summary: string; expert: unknown }) => [i.summary, i.expert]));
  const fhirExpert = { profileId: hours.fhir.giver.profileId, displayName: `Expert ${hours.fhir.giver.id.slice(-4)}` };
  assert.deepEqual(named[fhirHour.member], fhirExpert);
  assert.deepEqual(named[fhirHour.expert], fhirExpert);
  assert.equal(named[coachingHour.member], null, 'a library item names nobody, though both agreed');
  assert.equal(named[boardHourLogs.member], null, 'the expert did not agree');
  assert.equal(named[boardHourLogs.expert], null, 'nor on her own log');
  assert.equal(named[quietHour.member], null, 'the member did not ask');
  assert.equal(named[quietHour.expert]?.profileId, hours.quiet.giver.profileId, 'her own log names her');
});

test('q finds text in the summary, learning, next steps and output titles, letter case aside; % and _ are only themselves', async () => {
  const find = async (q: string) => summaries(await asMember(`${feedPath}?q=${encodeURIComponent(q)}`));
  assert.deepEqual(await find('mapping SHEET'), [fhirHour.member]);
  assert.deepEqual(await find('composition holds'), [fhirHour.member]);
  assert.deepEqual(await find('two GP practices'), [fhirHour.expert]);
  assert.deepEqual(await find('ask before'), [coachingHour.member]);
  assert.deepEqual(await find('100%'), [boardHourLogs.member]);
  assert.deepEqual(await find('%'), [boardHourLogs.member]);
  assert.deepEqual(await find('_'), []);
  assert.deepEqual(await find('https://example.org'), [], 'an output’s URL is not searched');
  assert.deepEqual(await find('   '), summaries(await asMember(feedPath)), 'blank is no filter');
});

test('category and skill filter by what the hour was about, in the taxonomy’s slugs', async () => {
  const filtered = async (query: string, read = asMember) => summaries(await read(`${feedPath}?${query}`));
  assert.deepEqual(await filtered('category=digital-health'), [fhirHour.expert, fhirHour.member]);
  assert.deepEqual(await filtered('category=improvement'), [quietHour.expert, quietHour.member, boardHourLogs.expert, boardHourLogs.member]);
  assert.deepEqual(await filtered('category=leadership'), [coachingHour.member]);
  assert.deepEqual(await filtered('category=leadership', (path) => server.read(path)), [], 'the library item stays hidden from the key');
  assert.deepEqual(await filtered('skill=pdsa-cycles'), [boardHourLogs.expert, boardHourLogs.member]);
  assert.deepEqual(await filtered('skill=user-research&category=digital-health'), [fhirHour.expert, fhirHour.member]);
  assert.deepEqual(await filtered('skill=fhir&category=improvement'), []);
  assert.deepEqual(await filtered('category=leadership&q=ask'), [coachingHour.member]);
  assert.deepEqual(await filtered('skill=negotiation'), [], 'a skill nobody’s hour was about finds nothing');
});

test('a directly booked hour shows, and is found by, the expert’s profile skills only where she is named: a rare mix of skills would pick her out', async () => {
  const items = (await asMember(`${feedPath}?limit=50`)).body.data as { summary: string; skills: { slug: string }[]; expert: unknown }[];
  const skillsOf = (summary: string) => items.find((item) => item.summary === summary)!.skills.map((skill) => skill.slug);
  assert.deepEqual(skillsOf(quietHour.expert), ['data-analysis'], 'her own public log, agreeing to be named');
  assert.deepEqual(skillsOf(quietHour.member), [], 'the member chose not to name her');
  assert.deepEqual(skillsOf(coachingHour.member), [], 'a library item never names her');
  assert.deepEqual(summaries(await asMember(`${feedPath}?skill=data-analysis`)), [quietHour.expert]);
  assert.deepEqual(summaries(await asMember(`${feedPath}?skill=coaching`)), []);
  assert.deepEqual(skillsOf(boardHourLogs.expert), ['pdsa-cycles'], 'a request’s skills are the member’s words, shown either way');
});

test('paging through with the cursor gives every item once, in the feed’s order', async () => {
  const whole = (await asMember(`${feedPath}?limit=50`)).body.data.map((i: { id: string }) => i.id);
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await asMember(`${feedPath}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    assert.ok(res.body.data.length <= 2);
    seen.push(...res.body.data.map((i) => i.id));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  assert.deepEqual(seen, whole);
  assert.equal(whole.length, 7);
  assert.equal(pages, 4);
  const times = (await asMember(`${feedPath}?limit=50`)).body.data.map((i: { loggedAt: string }) => i.loggedAt);
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
});

test('bad input is a 400 problem naming its field', async () => {
  const cases: [string, string][] = [
    ['category=no-such-category', 'query.category'],
    ['category=Not%20A%20Slug', 'query.category'],
    ['skill=no-such-skill', 'query.skill'],
    ['limit=0', 'query.limit'],
    ['limit=51', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['limit=2.5', 'query.limit'],
    ['cursor=not-a-cursor', 'query.cursor'],
    [`cursor=${Buffer.from('[1,2]').toString('base64url')}`, 'query.cursor'],
    [`q=${'x'.repeat(201)}`, 'query.q'],
  ];
  for (const [query, path] of cases) {
    for (const res of [await server.read(`${feedPath}?${query}`), await asMember(`${feedPath}?${query}`)]) {
      assert.equal(res.status, 400, `${query}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [path], query);
    }
  }
});

test('without a key or a session the feed is 401', async () => {
  const res = await server.request(feedPath);
  assert.equal(res.status, 401);
  assert.equal(res.body.code, 'key_required');
});
