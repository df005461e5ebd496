import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { schema, type Database } from '@talking-library/server';
import { findLibrary } from '../../server/src/domain/libraries.js';
import type { RequestEvent } from '../../server/src/domain/request-events.js';
import { respondToRequest } from '../../server/src/domain/request-responses.js';
import { createRequest } from '../../server/src/domain/requests.js';
import { newId } from '../../server/src/ids.js';
import { ledgerDatabase, libraryWithMembers } from '../helpers/ledger-db.js';

/**
 * The spot where webhook deliveries join the request board's writes: `eventStatements` get the
 * event and return statements for the same batch. Here they write a marker row (a rate-limit
 * counter row, which nothing else reads in these tests), so the tests see exactly when an event
 * would have been queued.
 */
let db: Database;
let close: () => Promise<void>;
let libraryId: string;
let people: string[];
const now = new Date('2031-01-06T09:00:00.000Z');
before(async () => {
  ({ db, close } = await ledgerDatabase());
  ({ libraryId, memberIds: people } = await libraryWithMembers(db, 'events', 3));
  await db.insert(schema.categories).values({ id: 'cat_events0001', libraryId, slug: 'digital-health', name: 'Digital health' });
  await db.insert(schema.profiles).values({ id: 'prf_events0001', libraryId, memberId: people[1]!, displayName: 'Expert', careerStage: 'mid', status: 'published' });
});
after(() => close());

const seen: RequestEvent[] = [];
const marker = (event: RequestEvent): InStatement[] => {
  seen.push(event);
  return [{ sql: "INSERT INTO rate_limit_counters (name, key, window_start, count) VALUES ('event', ?, 0, 1)", args: [`${event.type}:${newId('evt')}`] }];
};
const markers = async (type: string) => (await db.select().from(schema.rateLimitCounters).where(eq(schema.rateLimitCounters.name, 'event'))).filter((r) => r.key.startsWith(type)).length;
const viewer = (memberId: string) => ({ memberId, isCoordinator: false, profileId: null });
const body = { title: 'Letters', need: 'Structured letters', project: { name: 'Discharge', stage: 'idea' as const }, category: 'digital-health' };

test('request.created carries the request as members see it, and commits with it', async () => {
  const library = await findLibrary(db, 'events');
  const made = await createRequest(db, { library, viewer: viewer(people[0]!), request: body, now, eventStatements: marker });
  const event = seen.at(-1)!;
  assert.equal(event.type, 'request.created');
  assert.deepEqual((event.data.request as { id: string }).id, made.id);
  assert.deepEqual((event.data.request as { category: unknown }).category, { slug: 'digital-health', name: 'Digital health' });
  assert.ok(!JSON.stringify(event.data).includes('@'), 'no email in the event');
  assert.equal(await markers('request.created'), 1);
});

test('an event statement that fails takes the request with it: nothing is half written', async () => {
  const library = await findLibrary(db, 'events');
  const before = (await db.select().from(schema.skillRequests)).length;
  const broken = () => [{ sql: 'INSERT INTO no_such_table VALUES (1)', args: [] }];
  await assert.rejects(createRequest(db, { library, viewer: viewer(people[0]!), request: { ...body, title: 'Never' }, now, eventStatements: broken }));
  assert.equal((await db.select().from(schema.skillRequests)).length, before);
});

test('request.responded is queued with a response, and not with a second one that the database refuses', async () => {
  const library = await findLibrary(db, 'events');
  const made = await createRequest(db, { library, viewer: viewer(people[0]!), request: body, now });
  const expert = { memberId: people[1]!, isCoordinator: false, profileId: 'prf_events0001' };
  const response = { message: 'I can help', proposedTimes: ['2031-01-10T09:00:00Z'] };
  const first = await respondToRequest(db, { library, viewer: expert, requestId: made.id, response, now, eventStatements: marker });
  assert.equal(seen.at(-1)!.type, 'request.responded');
  assert.equal((seen.at(-1)!.data.response as { id: string }).id, first.id);
  assert.equal(await markers('request.responded'), 1);
  await assert.rejects(respondToRequest(db, { library, viewer: expert, requestId: made.id, response, now, eventStatements: marker }), { code: 'already_responded' });
  assert.equal(await markers('request.responded'), 1);
});
