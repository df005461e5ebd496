import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { checkBooks } from '../../server/src/domain/ledger.js';
import { autoCompleteDue, lapseDue } from '../../server/src/domain/exchanges.js';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, credits, expert, hoursFrom, member, type Person, scheduledHour, signInAgain } from '../helpers/exchanges.js';
import { sendDueMail } from '../helpers/mail.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;

before(async () => {
  // No worker: these tests run the due sweeps by hand, and a worker's sweep would race them to each change.
  server = await startTestServer({ seed: true, clock, worker: false, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
});
after(async () => {
  assert.deepEqual(await checkBooks(server.db), [], 'the books balance after every test');
  await server.close();
});

const coordinator = () => member(server, clock.now(), ['member', 'coordinator']);
const later = (hours: number) => hoursFrom(clock.now(), hours);
const setPolicy = (values: Partial<typeof schema.libraries.$inferInsert>) => server.db.update(schema.libraries).set(values).where(eq(schema.libraries.slug, server.library));

/** A member's request to a fresh expert, accepted at its first time: a scheduled hour `hours` from now. */
const scheduled = (hours = 72) => scheduledHour(server, clock.now(), { hours });

test('a direct request waits for the expert, who sees accept, propose, decline and cancel; the member only cancel', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now(), { timeZone: 'Africa/Lagos' });
  const times = [later(72), later(96)];
  const made = await ask(server, asker, giver, times, { timeZone: 'Europe/London' });
  assert.equal(made.status, 201);
  assert.equal(made.headers.get('location'), `${server.libraryPath}/exchanges/${made.body.id}`);
  assert.equal(made.body.status, 'requested');
  assert.deepEqual(made.body.proposedTimes, times);
  assert.deepEqual(made.body.timeZones, { member: 'Europe/London', expert: 'Africa/Lagos' });
  assert.equal(made.body.hold, null);
  assert.equal(made.body.yourRole, 'member');
  assert.deepEqual(made.body.allowedActions, ['cancel']);
  assert.equal(made.body.lapsesAt, new Date(clock.now().getTime() + 7 * DAY).toISOString());
  const seen = await server.request(`${server.libraryPath}/exchanges/${made.body.id}`, { headers: giver.headers });
  assert.equal(seen.body.yourRole, 'expert');
  assert.deepEqual(seen.body.allowedActions, ['accept', 'propose', 'decline', 'cancel']);
  assert.deepEqual(seen.body.events.map((e: any) => [e.kind, e.actor?.id]), [['requested', asker.id]]);
  assert.ok((await sendDueMail(server)).some((m) => m.to === giver.email && m.subject === `${asker.name} asks for an hour with you`));
});

test('the expert accepts a proposed time with a meeting place: scheduled, the member’s hour held; both confirm after the start and the hour moves to the expert', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const startsAt = later(72);
  const made = await ask(server, asker, giver, [later(48 + 1), startsAt]);
  const accepted = await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Room 4, Kings Cross' });
  assert.equal(accepted.status, 200);
  assert.equal(accepted.body.status, 'scheduled');
  assert.equal(accepted.body.startsAt, startsAt);
  assert.equal(accepted.body.endsAt, new Date(Date.parse(startsAt) + HOUR).toISOString());
  assert.equal(accepted.body.meetingPlace, 'Room 4, Kings Cross');
  assert.equal(accepted.body.hold.state, 'pending');
  assert.deepEqual(await credits(server, asker), { ...(await credits(server, asker)), balanceMinutes: 120, heldMinutes: 60, availableMinutes: 60 });
  assert.ok((await sendDueMail(server)).some((m) => m.to === asker.email && m.subject === `Your hour with ${giver.name} is booked`));

  const early = await act(server, asker, made.body.id, 'complete');
  assert.equal(early.status, 409, 'no confirming before the hour has started');
  assert.equal(early.body.code, 'exchange_state_conflict');

  clock.advance(73 * HOUR);
  const first = await act(server, asker, made.body.id, 'complete');
  assert.equal(first.status, 200);
  assert.equal(first.body.status, 'scheduled');
  assert.ok(first.body.confirmations.member);
  assert.equal(first.body.confirmations.expert, null);
  assert.equal(first.body.autoCompletesAt, new Date(clock.now().getTime() + 7 * DAY).toISOString());
  assert.ok(!first.body.allowedActions.includes('complete'), 'she has confirmed already');
  const second = await act(server, giver, made.body.id, 'complete');
  assert.equal(second.body.status, 'completed');
  assert.equal(second.body.hold.state, 'posted');
  assert.deepEqual(second.body.events.map((e: any) => e.kind), ['requested', 'scheduled', 'confirmed', 'confirmed', 'completed']);
  assert.equal((await credits(server, asker)).balanceMinutes, 60);
  assert.equal((await credits(server, giver)).balanceMinutes, 180);
});

test('an exchange names the expert as her profile does, not by her account’s name', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  await server.db.update(schema.profiles).set({ displayName: 'Dr Ama Mensah' }).where(eq(schema.profiles.id, giver.profileId));
  const made = await ask(server, asker, giver, [later(72)]);
  assert.deepEqual([made.body.expert.name, made.body.member.name], ['Dr Ama Mensah', asker.name]);
  const listed = await server.request(`${server.libraryPath}/exchanges?role=member`, { headers: asker.headers });
  assert.equal(listed.body.data.find((e: { id: string }) => e.id === made.body.id).expert.name, 'Dr Ama Mensah');
});

test('the expert proposes other times; then only the member may accept one of them', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  const newTime = later(100);
  const proposed = await act(server, giver, made.body.id, 'propose', { proposedTimes: [newTime, later(101)], message: 'I am away that day' });
  assert.equal(proposed.status, 200);
  assert.equal(proposed.body.proposedBy, 'expert');
  assert.deepEqual(proposed.body.allowedActions, ['decline', 'cancel']);
  const byExpert = await act(server, giver, made.body.id, 'accept', { startsAt: newTime, meetingPlace: 'Video' });
  assert.equal(byExpert.status, 403, 'she proposed these times; the member picks');
  const wrongTime = await act(server, asker, made.body.id, 'accept', { startsAt: later(72), meetingPlace: 'Video' });
  assert.equal(wrongTime.status, 400);
  assert.equal(wrongTime.body.errors[0].path, 'body.startsAt');
  const byMember = await act(server, asker, made.body.id, 'accept', { startsAt: newTime, meetingPlace: 'https://meet.example.org/x' });
  assert.equal(byMember.status, 200);
  assert.equal(byMember.body.status, 'scheduled');
});

test('the expert declines with a note; nothing was ever held', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  const byMember = await act(server, asker, made.body.id, 'decline', { reason: 'mine' });
  assert.equal(byMember.status, 403, 'the member cannot decline her own request');
  const declined = await act(server, giver, made.body.id, 'decline', { reason: 'Not my field, sorry' });
  assert.equal(declined.body.status, 'declined');
  assert.equal(declined.body.reason, 'Not my field, sorry');
  assert.equal(declined.body.hold, null);
  assert.deepEqual(declined.body.allowedActions, []);
  assert.equal((await credits(server, asker)).heldMinutes, 0);
});

test('every action from a state that does not allow it is 409 exchange_state_conflict naming the current state', async () => {
  const { asker, giver, id, startsAt } = await scheduled();
  const cases: [Person, string, Record<string, unknown>][] = [
    [giver, 'accept', { startsAt, meetingPlace: 'x' }],
    [giver, 'decline', {}],
    [giver, 'propose', { proposedTimes: [later(200)] }],
    [await coordinator(), 'resolve', { outcome: 'completed', reason: 'x' }],
  ];
  for (const [who, action, body] of cases) {
    const res = await act(server, who, id, action, body);
    assert.equal(res.status, 409, action);
    assert.equal(res.body.code, 'exchange_state_conflict', action);
    assert.match(res.body.detail, /status "scheduled"/, action);
    assert.deepEqual(res.body.errors, [{ path: 'status', message: 'is "scheduled"' }], action);
  }
  await act(server, asker, id, 'cancel', { reason: 'Plans changed' });
  const bodies: Record<string, Record<string, unknown>> = { cancel: { reason: 'x' }, reschedule: { startsAt: later(300) }, complete: {}, 'no-show': { party: 'expert' }, dispute: { reason: 'x' } };
  for (const [action, body] of Object.entries(bodies)) {
    const res = await act(server, asker, id, action, body);
    assert.equal(res.status, 409, action);
    assert.deepEqual(res.body.errors, [{ path: 'status', message: 'is "cancelled"' }], action);
  }
});

test('only the parties and coordinators see an exchange; a coordinator resolves but may not confirm; another member gets 404', async () => {
  const { id } = await scheduled();
  const stranger = await member(server, clock.now());
  const coordinatorHere = await coordinator();
  assert.equal((await server.request(`${server.libraryPath}/exchanges/${id}`, { headers: stranger.headers })).status, 404);
  assert.equal((await act(server, stranger, id, 'cancel', { reason: 'x' })).status, 404);
  const seen = await server.request(`${server.libraryPath}/exchanges/${id}`, { headers: coordinatorHere.headers });
  assert.equal(seen.status, 200);
  assert.equal(seen.body.yourRole, 'coordinator');
  assert.deepEqual(seen.body.allowedActions, []);
  assert.equal((await act(server, coordinatorHere, id, 'cancel', { reason: 'x' })).status, 403);
});

test('times in the past, inside the expert’s minimum notice, repeated, or off the minute are refused naming the field', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const past = await ask(server, asker, giver, [hoursFrom(clock.now(), -1)]);
  assert.equal(past.status, 400);
  assert.deepEqual(past.body.errors, [{ path: 'body.proposedTimes.0', message: 'must be in the future' }]);
  const soon = await ask(server, asker, giver, [later(72), later(2)]);
  assert.deepEqual(soon.body.errors, [{ path: 'body.proposedTimes.1', message: "must be at least 48 hours from now (the expert's minimum notice)" }]);
  const twice = await ask(server, asker, giver, [later(72), later(72)]);
  assert.equal(twice.status, 400);
  assert.equal(twice.body.errors[0].path, 'body.proposedTimes');
  const seconds = await ask(server, asker, giver, ['2031-01-01T10:00:30Z']);
  assert.equal(seconds.status, 400);
  assert.equal(seconds.body.errors[0].path, 'body.proposedTimes.0');
  const four = await ask(server, asker, giver, [later(72), later(73), later(74), later(75)]);
  assert.equal(four.body.errors[0].path, 'body.proposedTimes');
  const own = await ask(server, giver, giver, [later(72)]);
  assert.equal(own.status, 422);
  assert.equal(own.body.errors[0].path, 'body.profileId');
});

test('a member with no hour available is refused when she asks, before the expert spends any effort, and told what she has', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  await server.request(`${server.libraryPath}/credits/donations`, send('POST', { to: 'fund', hours: 1.5 }, asker.headers));
  const res = await ask(server, asker, giver, [later(72)]);
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'insufficient_credit');
  assert.match(res.body.detail, /0\.5 hours available, 1 hour asked for/);
  const listed = await server.request(`${server.libraryPath}/exchanges?role=expert`, { headers: giver.headers });
  assert.deepEqual(listed.body.data, []);
});

test('an accept when the member has spent her credit meanwhile is insufficient_credit, and nothing is scheduled or held', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  await server.request(`${server.libraryPath}/credits/donations`, send('POST', { to: 'fund', hours: 2 }, asker.headers));
  const res = await act(server, giver, made.body.id, 'accept', { startsAt: later(72), meetingPlace: 'Video' });
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'insufficient_credit');
  assert.doesNotMatch(res.body.detail, /hours? available/, 'the expert is not told her balance');
  const now = await server.request(`${server.libraryPath}/exchanges/${made.body.id}`, { headers: asker.headers });
  assert.equal(now.body.status, 'requested');
  assert.equal((await credits(server, asker)).heldMinutes, 0);
});

test('cancelling well before the hour voids the hold: the member has her hour back', async () => {
  const { asker, id } = await scheduled(72);
  const res = await act(server, asker, id, 'cancel', { reason: 'Project paused' });
  assert.equal(res.body.status, 'cancelled');
  assert.equal(res.body.hold.state, 'voided');
  assert.equal(res.body.sequence, 1, 'the invite is cancelled with a higher sequence');
  assert.deepEqual(await credits(server, asker), { ...(await credits(server, asker)), balanceMinutes: 120, heldMinutes: 0 });
});

test('a member’s late cancellation pays the expert when the library keeps late cancellations', async () => {
  await setPolicy({ lateCancelRule: 'keep', lateCancelWindowMinutes: 24 * 60 });
  const { asker, giver, id } = await scheduled(50);
  clock.advance(30 * HOUR);
  const res = await act(server, asker, id, 'cancel', { reason: 'Sorry, ill' });
  assert.equal(res.body.hold.state, 'posted');
  assert.deepEqual(res.body.events.at(-1).detail, { reason: 'Sorry, ill', by: 'member', late: true, lateCancelRule: 'keep' });
  assert.equal((await credits(server, asker)).balanceMinutes, 60);
  assert.equal((await credits(server, giver)).balanceMinutes, 180);
});

test('a member’s late cancellation gives her hour back when the library releases late cancellations', async () => {
  await setPolicy({ lateCancelRule: 'release' });
  const { asker, giver, id } = await scheduled(50);
  clock.advance(30 * HOUR);
  const res = await act(server, asker, id, 'cancel', { reason: 'Sorry' });
  assert.equal(res.body.hold.state, 'voided');
  assert.equal((await credits(server, asker)).balanceMinutes, 120);
  assert.equal((await credits(server, giver)).balanceMinutes, 120);
  await setPolicy({ lateCancelRule: 'keep' });
});

test('the expert’s late cancellation always gives the member her hour back', async () => {
  const { asker, giver, id } = await scheduled(50);
  clock.advance(30 * HOUR);
  const res = await act(server, giver, id, 'cancel', { reason: 'Called into work' });
  assert.equal(res.body.hold.state, 'voided');
  assert.equal((await credits(server, asker)).balanceMinutes, 120);
});

test('cancelling after the start is refused: report a no-show or confirm instead', async () => {
  const { asker, id } = await scheduled(50);
  clock.advance(51 * HOUR);
  const res = await act(server, asker, id, 'cancel', { reason: 'late' });
  assert.equal(res.status, 409);
  assert.match(res.body.detail, /no longer be cancelled/);
});

test('the member’s no-show follows the keep rule and pays the expert; only the other party reports it, after the start', async () => {
  const { asker, giver, id } = await scheduled(50);
  assert.equal((await act(server, giver, id, 'no-show', { party: 'member' })).status, 409, 'not before the start');
  clock.advance(51 * HOUR);
  const self = await act(server, asker, id, 'no-show', { party: 'member' });
  assert.equal(self.status, 400);
  assert.equal(self.body.errors[0].path, 'body.party');
  const res = await act(server, giver, id, 'no-show', { party: 'member', reason: 'Waited 20 minutes' });
  assert.equal(res.body.status, 'no_show');
  assert.equal(res.body.noShowParty, 'member');
  assert.equal(res.body.hold.state, 'posted');
  assert.equal((await credits(server, giver)).balanceMinutes, 180);
});

test('the expert’s no-show gives the member her hour back', async () => {
  const { asker, id } = await scheduled(50);
  clock.advance(51 * HOUR);
  const res = await act(server, asker, id, 'no-show', { party: 'expert' });
  assert.equal(res.body.hold.state, 'voided');
  assert.equal((await credits(server, asker)).balanceMinutes, 120);
});

test('a dispute goes to the coordinators: resolved as completed pays the expert, resolved as void gives the hour back', async () => {
  const one = await scheduled(50);
  const two = await scheduled(52);
  clock.advance(53 * HOUR);
  const settler = await coordinator();
  const disputed = await act(server, one.asker, one.id, 'dispute', { reason: 'She left after ten minutes' });
  assert.equal(disputed.body.status, 'disputed');
  assert.equal(disputed.body.hold.state, 'pending');
  assert.equal((await act(server, one.giver, one.id, 'resolve', { outcome: 'completed', reason: 'mine' })).status, 403, 'a party may not resolve');
  assert.ok((await sendDueMail(server)).some((m) => m.to === settler.email && m.subject === 'An exchange is disputed' && m.text.includes(one.id)), 'coordinators are told');
  const waiting = await server.request(`${server.libraryPath}/exchanges?scope=library&status=disputed`, { headers: settler.headers });
  assert.deepEqual(waiting.body.data.map((e: any) => [e.id, e.yourRole, e.allowedActions]), [[one.id, 'coordinator', ['resolve']]]);
  assert.equal((await server.request(`${server.libraryPath}/exchanges?scope=library`, { headers: one.asker.headers })).status, 403, 'members list only their own');
  const paid = await act(server, settler, one.id, 'resolve', { outcome: 'completed', reason: 'The session notes show a full hour' });
  assert.equal(paid.body.status, 'completed');
  assert.equal(paid.body.hold.state, 'posted');
  await act(server, two.giver, two.id, 'dispute', { reason: 'Never came' });
  const voided = await act(server, settler, two.id, 'resolve', { outcome: 'void', reason: 'No session took place' });
  assert.equal(voided.body.status, 'cancelled');
  assert.equal(voided.body.hold.state, 'voided');
  assert.equal((await credits(server, two.asker)).balanceMinutes, 120);
});

test('a party who confirmed cannot then dispute', async () => {
  const { asker, id } = await scheduled(50);
  clock.advance(51 * HOUR);
  await act(server, asker, id, 'complete');
  const res = await act(server, asker, id, 'dispute', { reason: 'changed my mind' });
  assert.equal(res.status, 409);
  assert.match(res.body.detail, /already confirmed/);
});

test('rescheduling keeps the exchange and its hold, moves the time and bumps the sequence; onto another of her hours it is slot_taken', async () => {
  const { asker, giver, id, startsAt } = await scheduled(72);
  const other = await expert(server, clock.now());
  const busy = later(120);
  const clash = await ask(server, asker, other, [busy]);
  await act(server, other, clash.body.id, 'accept', { startsAt: busy, meetingPlace: 'Video' });
  const before = await server.request(`${server.libraryPath}/exchanges/${id}`, { headers: asker.headers });
  const moved = await act(server, giver, id, 'reschedule', { startsAt: later(80), reason: 'Clinic moved' });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.id, id);
  assert.equal(moved.body.startsAt, later(80));
  assert.equal(moved.body.sequence, before.body.sequence + 1);
  assert.equal(moved.body.hold.id, before.body.hold.id);
  assert.deepEqual(moved.body.events.at(-1).detail, { from: startsAt, startsAt: later(80), reason: 'Clinic moved' });
  const taken = await act(server, giver, id, 'reschedule', { startsAt: hoursFrom(clock.now(), 119.5) });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.code, 'slot_taken');
  assert.match(taken.body.detail, /the member has another exchange scheduled/);
  assert.equal((await credits(server, asker)).heldMinutes, 120);
});

test('accepting past the expert’s weekly cap is 409 week_full, naming her cap, with nothing held; rescheduling into a full week is refused the same way', async () => {
  const giver = await expert(server, clock.now());
  await server.db.update(schema.profiles).set({ weeklyExchangeCap: 1 }).where(eq(schema.profiles.id, giver.profileId));
  const [first, second] = [await member(server, clock.now()), await member(server, clock.now())];
  // Far enough ahead that both hours sit in one of her weeks whatever today is: Tuesday and Wednesday of the week after next.
  const weekStart = new Date(Date.parse(later(14 * 24)));
  weekStart.setUTCDate(weekStart.getUTCDate() - ((weekStart.getUTCDay() + 6) % 7));
  const day = (n: number) => new Date(Date.UTC(weekStart.getUTCFullYear(), weekStart.getUTCMonth(), weekStart.getUTCDate() + n, 10)).toISOString();
  const asked = [await ask(server, first, giver, [day(1)]), await ask(server, second, giver, [day(2), day(8)])];
  assert.equal((await act(server, giver, asked[0]!.body.id, 'accept', { startsAt: day(1), meetingPlace: 'Video' })).status, 200);
  const refused = await act(server, giver, asked[1]!.body.id, 'accept', { startsAt: day(2), meetingPlace: 'Video' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'week_full');
  assert.match(refused.body.detail, /Your week is full: at most 1 exchange a week/);
  assert.equal((await credits(server, second)).heldMinutes, 0);
  // The next week has room; moving back into the full one is refused.
  assert.equal((await act(server, giver, asked[1]!.body.id, 'accept', { startsAt: day(8), meetingPlace: 'Video' })).status, 200);
  const back = await act(server, second, asked[1]!.body.id, 'reschedule', { startsAt: day(3) });
  assert.deepEqual([back.status, back.body.code], [409, 'week_full']);
  assert.match(back.body.detail, /The expert’s week is full/);
});

test('an unanswered request lapses after the library’s days, by the clock, and the member is told', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  assert.ok(!(await lapseDue(server.db, { now: clock.now() })).includes(made.body.id), 'not yet');
  clock.advance(7 * DAY);
  const lapsed = await lapseDue(server.db, { now: clock.now() });
  assert.ok(lapsed.includes(made.body.id));
  assert.ok((await sendDueMail(server)).some((m) => m.to === asker.email && m.subject === `Your request to ${giver.name} lapsed`));
  const now = await server.request(`${server.libraryPath}/exchanges/${made.body.id}`, { headers: (await signInAgain(server, asker, clock.now())).headers });
  assert.equal(now.body.status, 'lapsed');
  assert.deepEqual(now.body.events.at(-1), { kind: 'lapsed', actor: null, at: clock.now().toISOString(), detail: {} });
  assert.deepEqual(await lapseDue(server.db, { now: clock.now() }), [], 'a second run finds nothing left to lapse');
});

test('one confirmation and silence from the other completes the exchange by itself after the library’s days, paying the expert', async () => {
  const { asker, giver, id } = await scheduled(50);
  clock.advance(51 * HOUR);
  await act(server, giver, id, 'complete');
  clock.advance(7 * DAY - HOUR);
  assert.ok(!(await autoCompleteDue(server.db, { now: clock.now() })).includes(id), 'not yet');
  clock.advance(HOUR);
  assert.ok((await autoCompleteDue(server.db, { now: clock.now() })).includes(id));
  const now = await server.request(`${server.libraryPath}/exchanges/${id}`, { headers: (await signInAgain(server, asker, clock.now())).headers });
  assert.equal(now.body.status, 'completed');
  assert.equal(now.body.hold.state, 'posted');
  assert.equal(now.body.events.at(-1).kind, 'auto_completed');
  assert.equal((await credits(server, await signInAgain(server, giver, clock.now()))).balanceMinutes, 180);
});

test('a member lists her exchanges newest first, by role and by status, page by page', async () => {
  const asker = await member(server, clock.now());
  const experts = [await expert(server, clock.now()), await expert(server, clock.now()), await expert(server, clock.now())];
  const ids: string[] = [];
  for (const [i, giver] of experts.entries()) {
    ids.push((await ask(server, asker, giver, [later(72 + i * 2)])).body.id);
    clock.advance(1000);
  }
  await act(server, experts[0]!, ids[0]!, 'decline', {});
  const first = await server.request(`${server.libraryPath}/exchanges?role=member&limit=2`, { headers: asker.headers });
  assert.deepEqual(first.body.data.map((e: any) => e.id), [ids[2], ids[1]]);
  const second = await server.request(`${server.libraryPath}/exchanges?role=member&limit=2&cursor=${first.body.nextCursor}`, { headers: asker.headers });
  assert.deepEqual(second.body.data.map((e: any) => e.id), [ids[0]]);
  assert.equal(second.body.nextCursor, null);
  const requested = await server.request(`${server.libraryPath}/exchanges?status=requested&status=scheduled`, { headers: asker.headers });
  assert.deepEqual(requested.body.data.map((e: any) => e.id), [ids[2], ids[1]]);
  const asExpert = await server.request(`${server.libraryPath}/exchanges?role=expert`, { headers: asker.headers });
  assert.deepEqual(asExpert.body.data, []);
  const theirs = await server.request(`${server.libraryPath}/exchanges?role=expert`, { headers: experts[1]!.headers });
  assert.deepEqual(theirs.body.data.map((e: any) => [e.id, e.yourRole]), [[ids[1], 'expert']]);
  const bad = await server.request(`${server.libraryPath}/exchanges?status=done`, { headers: asker.headers });
  assert.equal(bad.status, 400);
  assert.match(bad.body.errors[0].path, /^query\.status/);
});
