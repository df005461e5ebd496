import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { createScheduledExchange } from '../../server/src/domain/exchanges.js';
import { send } from '../helpers/callers.js';
import { act, ask, expert, hoursFrom, member, type Person } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let coordinator: Person;
before(async () => {
  server = await startTestServer({ seed: true, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
  coordinator = await member(server, new Date(), ['member', 'coordinator']);
});
after(() => server.close());

const later = (hours: number) => hoursFrom(new Date(), hours);
const pausePath = (who: Person) => `/v1/libraries/demo/members/${who.id}/booking-pause`;
const pause = (who: Person, reason = 'Safeguarding review') => server.request(pausePath(who), send('PUT', { reason }, coordinator.headers));
const resume = (who: Person) => server.request(pausePath(who), { method: 'DELETE', headers: coordinator.headers });
const mailTo = (who: Person) => server.outbox!.messages.filter((m) => m.to === who.email);

test('a party’s concern reaches the coordinators only; she is thanked by email and the other party hears nothing', async () => {
  const asker = await member(server, new Date());
  const giver = await expert(server, new Date());
  const made = await ask(server, asker, giver, [later(72)]);
  const before = mailTo(giver).length;
  const res = await server.request(`/v1/libraries/demo/exchanges/${made.body.id}/concerns`, send('POST', { body: 'He asked for my home address.' }, asker.headers));
  assert.equal(res.status, 201);
  assert.deepEqual(Object.keys(res.body).sort(), ['createdAt', 'exchangeId', 'id'], 'the receipt does not echo the words');
  assert.ok(mailTo(asker).some((m) => m.subject === 'We have received your concern'));
  assert.ok(mailTo(coordinator).some((m) => m.subject === 'A safeguarding concern was reported' && !m.text.includes('home address')));
  assert.equal(mailTo(giver).length, before, 'the other party is not told');
  const list = await server.request('/v1/libraries/demo/concerns', { headers: coordinator.headers });
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.data[0], { id: res.body.id, exchangeId: made.body.id, reporter: { id: asker.id, name: asker.name }, body: 'He asked for my home address.', createdAt: res.body.createdAt });
  assert.equal((await server.request('/v1/libraries/demo/concerns', { headers: asker.headers })).status, 403);
  assert.equal((await server.request('/v1/libraries/demo/concerns', { headers: giver.headers })).status, 403);
  const seen = await server.request(`/v1/libraries/demo/exchanges/${made.body.id}`, { headers: giver.headers });
  assert.ok(!JSON.stringify(seen.body).includes('home address'), 'nothing of it shows on the exchange');
});

test('only the two parties report concerns: another member gets 404, a coordinator who is no party 403, an empty one is refused naming body', async () => {
  const asker = await member(server, new Date());
  const giver = await expert(server, new Date());
  const made = await ask(server, asker, giver, [later(72)]);
  const path = `/v1/libraries/demo/exchanges/${made.body.id}/concerns`;
  const stranger = await member(server, new Date());
  assert.equal((await server.request(path, send('POST', { body: 'x' }, stranger.headers))).status, 404);
  assert.equal((await server.request(path, send('POST', { body: 'x' }, coordinator.headers))).status, 403);
  const empty = await server.request(path, send('POST', { body: '  ' }, giver.headers));
  assert.equal(empty.status, 400);
  assert.deepEqual(empty.body.errors, [{ path: 'body.body', message: 'is required' }]);
});

test('a paused member cannot ask for an hour, and is told her bookings are paused', async () => {
  const asker = await member(server, new Date());
  const giver = await expert(server, new Date());
  const paused = await pause(asker);
  assert.equal(paused.status, 200);
  assert.equal(paused.body.paused, true);
  assert.equal(paused.body.reason, 'Safeguarding review');
  const res = await ask(server, asker, giver, [later(72)]);
  assert.equal(res.status, 403);
  assert.equal(res.body.code, 'booking_paused');
  assert.match(res.body.detail, /paused your bookings/);
  const lifted = await resume(asker);
  assert.deepEqual(lifted.body, { memberId: asker.id, paused: false, pausedAt: null, reason: null });
  assert.equal((await ask(server, asker, giver, [later(72)])).status, 201, 'after the pause is lifted she can ask again');
});

test('a paused expert cannot be asked, and the member is not told the coordinators’ reason', async () => {
  const asker = await member(server, new Date());
  const giver = await expert(server, new Date());
  await pause(giver, 'Complaint under review');
  const res = await ask(server, asker, giver, [later(72)]);
  assert.equal(res.status, 403);
  assert.equal(res.body.code, 'booking_paused');
  assert.match(res.body.detail, /The expert cannot be booked/);
  assert.doesNotMatch(res.body.detail, /Complaint/);
  await resume(giver);
});

test('a request made before a pause cannot be accepted by the paused expert, nor scheduled for a paused member; nothing is held', async () => {
  const asker = await member(server, new Date());
  const giver = await expert(server, new Date());
  const first = await ask(server, asker, giver, [later(72)]);
  const second = await ask(server, asker, giver, [later(80)]);
  await pause(giver);
  const byPaused = await act(server, giver, first.body.id, 'accept', { startsAt: later(72), meetingPlace: 'Video' });
  assert.equal(byPaused.status, 403);
  assert.equal(byPaused.body.code, 'booking_paused');
  await resume(giver);
  await pause(asker);
  const ofPaused = await act(server, giver, second.body.id, 'accept', { startsAt: later(80), meetingPlace: 'Video' });
  assert.equal(ofPaused.status, 403);
  assert.match(ofPaused.body.detail, /The member cannot be booked/);
  const library = await findLibrary(server.db, 'demo');
  await assert.rejects(
    createScheduledExchange(server.db, { libraryId: library.id, memberId: asker.id, expertMemberId: giver.id, profileId: giver.profileId, message: 'From the board', startsAt: later(90), meetingPlace: 'Video', now: new Date() }),
    (error: any) => error.code === 'booking_paused',
  );
  const credits = await server.request('/v1/libraries/demo/credits', { headers: asker.headers });
  assert.equal(credits.body.heldMinutes, 0);
  await resume(asker);
});

test('a pause needs a reason and a member of this library', async () => {
  const someone = await member(server, new Date());
  const noReason = await server.request(pausePath(someone), send('PUT', {}, coordinator.headers));
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.errors[0].path, 'body.reason');
  const nobody = await server.request('/v1/libraries/demo/members/mem_nobodyhere12345/booking-pause', send('PUT', { reason: 'x' }, coordinator.headers));
  assert.equal(nobody.status, 404);
  assert.equal((await server.request(pausePath(someone), send('PUT', { reason: 'x' }, someone.headers))).status, 403, 'members cannot pause anyone');
});
