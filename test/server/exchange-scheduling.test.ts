import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { schema, type Database } from '@talking-library/server';
import { checkBooks, accountBalances, memberAccountId } from '../../server/src/domain/ledger.js';
import { eq } from 'drizzle-orm';
import { newId } from '../../server/src/ids.js';
import { acceptExchange, createScheduledExchange, requestExchange, ScheduleGuardError } from '../../server/src/domain/exchanges.js';
import { ledgerDatabase, libraryWithMembers } from '../helpers/ledger-db.js';

let db: Database;
let close: () => Promise<void>;
let libraryId: string;
let people: string[];
const profileOf = new Map<string, string>();
const now = new Date('2030-03-01T09:00:00.000Z');
const hoursFromNow = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

before(async () => {
  const opened = await ledgerDatabase();
  db = opened.db;
  close = opened.close;
  ({ libraryId, memberIds: people } = await libraryWithMembers(db, 'scheduling', 6));
  for (const expert of people.slice(3)) {
    const id = `prf_${expert.slice(4)}`;
    await db.insert(schema.profiles).values({ id, libraryId, memberId: expert, displayName: `Expert ${expert}`, careerStage: 'mid', status: 'published', timeZone: 'Africa/Lagos' });
    profileOf.set(expert, id);
  }
});
after(() => close());

const member = (i: number) => people[i]!;
const expert = (i: number) => people[3 + i]!;
const actor = (memberId: string) => ({ kind: 'member' as const, memberId, isCoordinator: false });

test('createScheduledExchange inserts a scheduled exchange with a pending one-hour hold from member to expert', async () => {
  const made = await createScheduledExchange(db, {
    libraryId, memberId: member(0), expertMemberId: expert(0), profileId: profileOf.get(expert(0))!, requestId: 'req_x', responseId: 'rsp_x',
    message: 'From the board', startsAt: hoursFromNow(72), meetingPlace: 'https://meet.example.org/a', now,
  });
  assert.equal(made.status, 'scheduled');
  assert.equal(made.hold?.state, 'pending');
  assert.equal(made.timeZones.expert, 'Africa/Lagos');
  assert.deepEqual(made.events.map((e) => e.kind), ['scheduled']);
  const balances = await accountBalances(db, libraryId, memberAccountId(member(0)));
  assert.equal(balances.heldMinutes, 60);
  assert.deepEqual(await checkBooks(db), []);
});

test('a second scheduled hour overlapping either party is slot_taken, and holds nothing', async () => {
  await assert.rejects(
    createScheduledExchange(db, { libraryId, memberId: member(1), expertMemberId: expert(0), profileId: profileOf.get(expert(0))!, message: '', startsAt: hoursFromNow(72.5), meetingPlace: 'x', now }),
    (error: any) => error.code === 'slot_taken',
  );
  await assert.rejects(
    createScheduledExchange(db, { libraryId, memberId: member(0), expertMemberId: expert(1), profileId: profileOf.get(expert(1))!, message: '', startsAt: hoursFromNow(71.5), meetingPlace: 'x', now }),
    (error: any) => error.code === 'slot_taken',
  );
  assert.equal((await accountBalances(db, libraryId, memberAccountId(member(1)))).heldMinutes, 0);
});

test('a direct request, then accepted by the expert at one of its times, holds the hour', async () => {
  const asked = await requestExchange(db, { libraryId, memberId: member(1), profileId: profileOf.get(expert(1))!, message: 'Help', proposedTimes: [hoursFromNow(80), hoursFromNow(90)], now });
  assert.equal(asked.status, 'requested');
  const accepted = await acceptExchange(db, { libraryId, exchangeId: asked.id, actor: actor(expert(1)), startsAt: hoursFromNow(90), meetingPlace: 'Room 1', now });
  assert.equal(accepted.status, 'scheduled');
  assert.equal(accepted.hold?.state, 'pending');
  assert.deepEqual(await checkBooks(db), []);
});

test('createScheduledExchange runs the caller’s statements in its batch, and refuses with ScheduleGuardError when the caller’s guard fails, writing nothing', async () => {
  const id = 'exc_boardtest00000001';
  const made = await createScheduledExchange(db, {
    libraryId, memberId: member(2), expertMemberId: expert(2), profileId: profileOf.get(expert(2))!, message: '', startsAt: hoursFromNow(100), meetingPlace: 'x', now,
    exchangeId: id,
    guard: { sql: '1 = ?', args: [1] },
    alsoRun: [{ sql: `UPDATE members SET name = 'Matched' WHERE id = ? AND EXISTS (SELECT 1 FROM exchanges WHERE id = ?)`, args: [member(2), id] }],
  });
  assert.equal(made.id, id);
  assert.equal(made.member.name, 'Matched');
  const held = (await accountBalances(db, libraryId, memberAccountId(member(2)))).heldMinutes;
  await assert.rejects(
    createScheduledExchange(db, {
      libraryId, memberId: member(2), expertMemberId: expert(2), profileId: profileOf.get(expert(2))!, message: '', startsAt: hoursFromNow(120), meetingPlace: 'x', now,
      guard: { sql: '1 = ?', args: [0] },
    }),
    (error) => error instanceof ScheduleGuardError,
  );
  assert.equal((await accountBalances(db, libraryId, memberAccountId(member(2)))).heldMinutes, held);
  assert.deepEqual(await checkBooks(db), []);
});

test('createScheduledExchange refuses a member without an hour available as insufficient_credit, saying what she has', async () => {
  await db.update(schema.libraries).set({ startingGrantMinutes: 0 }).where(eq(schema.libraries.id, libraryId));
  // She joins after the library stopped giving starting grants: her account opens at 0.
  const broke = newId('mem');
  await db.insert(schema.members).values({ id: broke, libraryId, email: 'broke@example.org', name: 'Broke' });
  await assert.rejects(
    createScheduledExchange(db, { libraryId, memberId: broke, expertMemberId: expert(1), profileId: profileOf.get(expert(1))!, message: '', startsAt: hoursFromNow(200), meetingPlace: 'x', now }),
    (error: any) => error.code === 'insufficient_credit' && /0 hours available/.test(error.message),
  );
  assert.deepEqual(await checkBooks(db), []);
});

test("an expert's weekly cap, counted Monday to Sunday on her clock (Lagos), refuses the booking past it as week_full, holding nothing; the next week is open", async () => {
  const { libraryId: capLibrary, memberIds } = await libraryWithMembers(db, 'weekly-cap', 4);
  const [a, b, c, lagosExpert] = memberIds as [string, string, string, string];
  await db.insert(schema.profiles).values({ id: 'prf_weekcap', libraryId: capLibrary, memberId: lagosExpert, displayName: 'Capped', careerStage: 'mid', status: 'published', timeZone: 'Africa/Lagos', weeklyExchangeCap: 2 });
  const book = (memberId: string, startsAt: string) =>
    createScheduledExchange(db, { libraryId: capLibrary, memberId, expertMemberId: lagosExpert, profileId: 'prf_weekcap', message: '', startsAt, meetingPlace: 'x', now });
  // Her week starts Monday 4 March 2030 at 00:00 in Lagos (UTC+1), which is 23:00 UTC on Sunday.
  await book(a, '2030-03-05T09:00:00.000Z');
  await book(b, '2030-03-06T09:00:00.000Z');
  for (const startsAt of ['2030-03-07T09:00:00.000Z', '2030-03-03T23:00:00.000Z']) {
    await assert.rejects(book(c, startsAt), (error: any) => error.code === 'week_full' && /at most 2 exchanges a week/.test(error.message), startsAt);
  }
  assert.equal((await accountBalances(db, capLibrary, memberAccountId(c))).heldMinutes, 0);
  // 22:00 UTC on Sunday is still Sunday in Lagos, the week before; and the week after is open.
  assert.equal((await book(c, '2030-03-03T22:00:00.000Z')).status, 'scheduled');
  assert.equal((await book(c, '2030-03-11T09:00:00.000Z')).status, 'scheduled');
  assert.deepEqual(await checkBooks(db), []);
});
