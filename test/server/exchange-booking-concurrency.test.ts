import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { checkBooks } from '../../server/src/domain/ledger.js';
import { act, ask, expert, hoursFrom, member } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * No double booking, decided by the database: scheduling is one guarded write that refuses an
 * overlap with either party's scheduled hours, so accepts that race each other over HTTP schedule
 * one hour and hold one hour, however many arrive at once.
 */

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: true, rateLimits: { writesPerMinute: 100_000, readsPerMinute: 100_000 } });
  // Fifty-odd starting grants would run the demo fund to its limit; these tests are about booking.
  await server.db.update(schema.libraries).set({ fundNegativeLimitMinutes: 1_000_000 }).where(eq(schema.libraries.slug, 'demo'));
});
after(async () => {
  assert.deepEqual(await checkBooks(server.db), [], 'the books balance');
  await server.close();
});

const meeting = { meetingPlace: 'https://meet.example.org/race' };

async function holdsFor(exchangeIds: string[]): Promise<number> {
  const result = await server.db.$client.execute({
    sql: `SELECT count(*) AS n FROM credit_transfers WHERE kind = 'exchange' AND state = 'pending' AND reference IN (${exchangeIds.map(() => '?').join(', ')})`,
    args: exchangeIds,
  });
  return Number(result.rows[0]!.n);
}

function tally(responses: { status: number; body: any; headers: Headers }[]) {
  const ok = responses.filter((r) => r.status >= 200 && r.status < 300);
  const refused = responses.filter((r) => r.status === 409);
  for (const r of refused) assert.equal(r.headers.get('content-type'), 'application/problem+json');
  return { ok, refused, other: responses.filter((r) => !ok.includes(r) && !refused.includes(r)).map((r) => `${r.status} ${JSON.stringify(r.body)}`) };
}

test('fifty members asked one expert for the same hour; her fifty accepts at once schedule exactly one, the other 49 are slot_taken, and one hour is held', async () => {
  const giver = await expert(server, new Date());
  const startsAt = hoursFrom(new Date(), 72);
  const askers = await Promise.all(Array.from({ length: 50 }, () => member(server, new Date())));
  const ids: string[] = [];
  for (const asker of askers) {
    const made = await ask(server, asker, giver, [startsAt]);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    ids.push(made.body.id);
  }
  const responses = await Promise.all(ids.map((id) => act(server, giver, id, 'accept', { startsAt, ...meeting })));
  const { ok, refused, other } = tally(responses);
  assert.deepEqual(other, []);
  assert.equal(ok.length, 1);
  assert.equal(refused.length, 49);
  assert.ok(refused.every((r) => r.body.code === 'slot_taken'), JSON.stringify(refused.map((r) => r.body.code)));
  assert.equal(await holdsFor(ids), 1);
  const scheduled = await server.db.$client.execute({ sql: `SELECT count(*) AS n FROM exchanges WHERE expert_member_id = ? AND status = 'scheduled'`, args: [giver.id] });
  assert.equal(Number(scheduled.rows[0]!.n), 1);
});

test('one request accepted fifty times at once is scheduled once, with one hold; the other 49 hear it is scheduled already', async () => {
  const giver = await expert(server, new Date());
  const asker = await member(server, new Date());
  const startsAt = hoursFrom(new Date(), 72);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const responses = await Promise.all(Array.from({ length: 50 }, () => act(server, giver, made.body.id, 'accept', { startsAt, ...meeting })));
  const { ok, refused, other } = tally(responses);
  assert.deepEqual(other, []);
  assert.equal(ok.length, 1);
  assert.equal(refused.length, 49);
  assert.ok(refused.every((r) => r.body.code === 'exchange_state_conflict' && r.body.errors[0].message === 'is "scheduled"'));
  assert.equal(await holdsFor([made.body.id]), 1);
  // The 49 that lost wrote nothing, though they found the version they would have written: one event.
  const events = await server.db.$client.execute({ sql: `SELECT count(*) AS n FROM exchange_events WHERE exchange_id = ? AND kind = 'scheduled'`, args: [made.body.id] });
  assert.equal(Number(events.rows[0]!.n), 1);
  const credits = await server.request('/v1/libraries/demo/credits', { headers: asker.headers });
  assert.equal(credits.body.heldMinutes, 60);
});

test('a member who asked two experts for overlapping hours is booked by only one of them, when both accept at once', async () => {
  const asker = await member(server, new Date());
  const [first, second] = [await expert(server, new Date()), await expert(server, new Date())];
  const a = await ask(server, asker, first, [hoursFrom(new Date(), 72)]);
  const b = await ask(server, asker, second, [hoursFrom(new Date(), 72.5)]);
  const responses = await Promise.all([
    act(server, first, a.body.id, 'accept', { startsAt: hoursFrom(new Date(), 72), ...meeting }),
    act(server, second, b.body.id, 'accept', { startsAt: hoursFrom(new Date(), 72.5), ...meeting }),
  ]);
  const { ok, refused, other } = tally(responses);
  assert.deepEqual(other, []);
  assert.equal(ok.length, 1);
  assert.equal(refused[0]!.body.code, 'slot_taken');
  assert.match(refused[0]!.body.detail, /the member has another exchange scheduled/);
  assert.equal(await holdsFor([a.body.id, b.body.id]), 1);
});

test('an expert with room for one more hour this week, accepting five requests for different hours of it at once, books one; the other four are week_full', async () => {
  const giver = await expert(server, new Date());
  await server.db.update(schema.profiles).set({ weeklyExchangeCap: 1 }).where(eq(schema.profiles.id, giver.profileId));
  // Five hours of one of her weeks (Monday to Sunday in London): Tuesday to Saturday of the week after next, at 10:00 UTC.
  const monday = new Date(Date.now() + 14 * 24 * 3_600_000);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const hours = [1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate() + d, 10)).toISOString());
  const ids: string[] = [];
  for (const startsAt of hours) {
    const made = await ask(server, await member(server, new Date()), giver, [startsAt]);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    ids.push(made.body.id);
  }
  const responses = await Promise.all(ids.map((id, i) => act(server, giver, id, 'accept', { startsAt: hours[i]!, ...meeting })));
  const { ok, refused, other } = tally(responses);
  assert.deepEqual(other, []);
  assert.equal(ok.length, 1);
  assert.deepEqual(refused.map((r) => r.body.code), Array(4).fill('week_full'));
  assert.equal(await holdsFor(ids), 1);
});
