import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { schema, type Database } from '@talking-library/server';
import { checkBooks, accountBalances, memberAccountId } from '../../server/src/domain/ledger.js';
import { createScheduledExchange, requestExchange, acceptExchange } from '../../server/src/domain/exchanges.js';
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
