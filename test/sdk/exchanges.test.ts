import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isNotNull } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { ConflictError, createClient, PermissionDeniedError, type TalkingLibraryClient } from '@talking-library/sdk';
import { manualClock } from '../helpers/clock.js';
import { hoursFrom } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
let member: TalkingLibraryClient;
let expert: TalkingLibraryClient;
let coordinator: TalkingLibraryClient;
let profileId: string;

before(async () => {
  server = await startTestServer({ seed: true, clock });
  const anonymous = createClient({ baseUrl: server.url });
  const as = async (who: 'member' | 'expert' | 'coordinator') => createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', who)).sessionToken });
  [member, expert, coordinator] = [await as('member'), await as('expert'), await as('coordinator')];
  const [owned] = await server.db.select().from(schema.profiles).where(isNotNull(schema.profiles.memberId));
  profileId = owned!.id;
});
after(() => server.close());

test('through the SDK a member asks for an hour, the expert accepts (a retry with the same key holds once), both confirm and the hour moves', async () => {
  const startsAt = hoursFrom(clock.now(), 72);
  const asked = await member.exchanges.create('demo', { profileId, message: 'Could we talk about FHIR?', proposedTimes: [startsAt] });
  assert.equal(asked.status, 'requested');
  assert.deepEqual((await expert.exchanges.get('demo', asked.id)).allowedActions, ['accept', 'propose', 'decline', 'cancel']);
  const body = { startsAt, meetingPlace: 'https://meet.example.org/fhir' };
  const accepted = await expert.exchanges.accept('demo', asked.id, body, { idempotencyKey: 'sdk-accept-1' });
  const again = await expert.exchanges.accept('demo', asked.id, body, { idempotencyKey: 'sdk-accept-1' });
  assert.deepEqual(again, accepted, 'the repeat is the first answer, replayed');
  assert.equal((await member.credits.balance('demo')).heldMinutes, 60);
  clock.advance(73 * HOUR);
  await member.exchanges.complete('demo', asked.id);
  const done = await expert.exchanges.complete('demo', asked.id);
  assert.equal(done.status, 'completed');
  assert.equal(done.hold?.state, 'posted');
  assert.equal((await member.credits.balance('demo')).balanceMinutes, 60);
});

test('through the SDK a wrong step is a ConflictError naming the state, and a wrong party a PermissionDeniedError', async () => {
  const asked = await member.exchanges.create('demo', { profileId, message: 'Another hour?', proposedTimes: [hoursFrom(clock.now(), 72)] });
  await assert.rejects(member.exchanges.decline('demo', asked.id), (error) => error instanceof PermissionDeniedError);
  await expert.exchanges.decline('demo', asked.id, { reason: 'Away that week' });
  await assert.rejects(
    expert.exchanges.accept('demo', asked.id, { startsAt: hoursFrom(clock.now(), 72), meetingPlace: 'Video' }),
    (error) => error instanceof ConflictError && error.code === 'exchange_state_conflict' && /declined/.test(error.message),
  );
});

test('through the SDK a member pages her exchanges by status, and a coordinator reads concerns and pauses bookings', async () => {
  const page = await member.exchanges.list('demo', { status: ['completed', 'declined'], limit: 1 });
  assert.equal(page.data.length, 1);
  const all = [];
  for await (const exchange of member.exchanges.list('demo', { status: ['completed', 'declined'], limit: 1 })) all.push(exchange.status);
  assert.deepEqual(all, ['declined', 'completed']);
  const receipt = await member.exchanges.reportConcern('demo', page.data[0]!.id, { body: 'Something felt wrong.' });
  const concerns = await coordinator.safeguarding.concerns('demo');
  assert.equal(concerns.data[0]!.id, receipt.id);
  const me = await member.me('demo');
  assert.equal((await coordinator.safeguarding.pauseBookings('demo', me.id, { reason: 'Review' })).paused, true);
  await assert.rejects(
    member.exchanges.create('demo', { profileId, message: 'Hour?', proposedTimes: [hoursFrom(clock.now(), 72)] }),
    (error) => error instanceof PermissionDeniedError && error.code === 'booking_paused',
  );
  assert.equal((await coordinator.safeguarding.resumeBookings('demo', me.id)).paused, false);
});

test('through the SDK a party reads the exchange as iCalendar text once it has a time; before that a ConflictError names the state', async () => {
  const startsAt = hoursFrom(clock.now(), 72);
  const asked = await member.exchanges.create('demo', { profileId, message: 'An hour on the calendar?', proposedTimes: [startsAt] });
  await assert.rejects(
    member.exchanges.calendar('demo', asked.id),
    (error) => error instanceof ConflictError && error.code === 'exchange_state_conflict' && error.fieldErrors.status === 'is "requested"',
  );
  await expert.exchanges.accept('demo', asked.id, { startsAt, meetingPlace: 'https://meet.example.org/calendar' });
  const ics = await member.exchanges.calendar('demo', asked.id);
  assert.equal(typeof ics, 'string');
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, new RegExp(`\r\nUID:${asked.id}@talking-library\r\n`));
  assert.match(ics, /\r\nSEQUENCE:0\r\n/);
});
