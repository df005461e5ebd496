import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { weeklyRequestDigest } from '../../server/src/domain/request-alerts.js';
import { DevOutbox } from '../../server/src/mail/dev-outbox.js';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { newExpert, newMember, requestBody, type Person } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const clock = manualClock();
const outbox = new DevOutbox();
let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: true, clock, mailer: outbox, rateLimits: { writesPerMinute: 1e6, readsPerMinute: 1e6, signInPerMinute: 1e6 } });
});
after(() => server.close());

/** Each test starts with no expert listening but its own. */
beforeEach(async () => {
  await server.db.update(schema.members).set({ requestAlerts: 'off' });
  outbox.messages.length = 0;
});

const post = async (person: Person, fields: Record<string, unknown> = {}) => {
  const res = await server.request('/v1/libraries/demo/requests', send('POST', requestBody(fields), person.headers));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
};
const mailTo = (person: Person) => outbox.messages.filter((m) => m.to === person.email);

test('a new request emails at once each instant expert whose profile has a wanted skill, and nobody else', async () => {
  const fhir = await newExpert(server, clock.now(), { skills: ['fhir', 'coaching'], categories: ['digital-health'], requestAlerts: 'instant' });
  const weekly = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'weekly' });
  const off = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'off' });
  const elsewhere = await newExpert(server, clock.now(), { skills: ['coaching'], categories: ['leadership'], requestAlerts: 'instant' });
  const owner = await newMember(server, clock.now());
  await post(owner, { title: 'Structured discharge letters', skills: ['fhir', 'user-research'] });
  assert.equal(mailTo(fhir).length, 1);
  assert.match(mailTo(fhir)[0]!.subject, /matches your skills: Structured discharge letters/);
  assert.match(mailTo(fhir)[0]!.text, /Project: Better discharge letters \(being planned\)/);
  assert.match(mailTo(fhir)[0]!.text, /Skills wanted: FHIR, User research/);
  for (const quiet of [weekly, off, elsewhere, owner]) assert.equal(mailTo(quiet).length, 0);
});

test('a request naming no skill reaches the instant experts of its category', async () => {
  const leader = await newExpert(server, clock.now(), { skills: ['coaching'], categories: ['leadership'], requestAlerts: 'instant' });
  const digital = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'instant' });
  await post(await newMember(server, clock.now()), { skills: [], category: 'leadership', title: 'Board papers' });
  assert.equal(mailTo(leader).length, 1);
  assert.equal(mailTo(digital).length, 0);
});

test('an expert is not alerted to her own request, nor while her bookings are paused', async () => {
  const owner = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'instant' });
  const paused = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'instant' });
  await server.db.update(schema.members).set({ bookingPausedAt: clock.now().toISOString() }).where(eq(schema.members.id, paused.id));
  await post(owner);
  assert.equal(mailTo(owner).length, 0);
  assert.equal(mailTo(paused).length, 0);
});

test('a member sets how she hears of requests with PATCH /me, and /me says so', async () => {
  const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'instant' });
  const set = await server.request('/v1/libraries/demo/me', send('PATCH', { requestAlerts: 'weekly' }, expert.headers));
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.requestAlerts, 'weekly');
  assert.equal((await server.request('/v1/libraries/demo/me', { headers: expert.headers })).body.requestAlerts, 'weekly');
  await post(await newMember(server, clock.now()));
  assert.equal(mailTo(expert).length, 0, 'weekly: no instant mail');
  const wrong = await server.request('/v1/libraries/demo/me', send('PATCH', { requestAlerts: 'hourly' }, expert.headers));
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.errors[0].path, 'body.requestAlerts');
  const empty = await server.request('/v1/libraries/demo/me', send('PATCH', {}, expert.headers));
  assert.equal(empty.status, 400);
});

test('the weekly digest sends each weekly expert one email of the last seven days’ open requests matching her profile', async () => {
  const weekly = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'weekly' });
  const nothingForHer = await newExpert(server, clock.now(), { skills: ['negotiation'], categories: ['leadership'], requestAlerts: 'weekly' });
  const instant = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'instant' });
  const owner = await newMember(server, clock.now());
  await post(owner, { title: 'Too old for this digest' });
  clock.advance(8 * DAY_MS);
  const owner2 = await newMember(server, clock.now());
  await post(owner2, { title: 'Letters in FHIR' });
  clock.advance(DAY_MS);
  await post(owner2, { title: 'Anything digital', skills: [], category: 'digital-health' });
  const closed = await post(owner2, { title: 'Closed already' });
  await server.request(`/v1/libraries/demo/requests/${closed.id}`, send('PATCH', { status: 'closed' }, owner2.headers));
  await post(owner2, { title: 'Coaching only', skills: ['coaching'], category: 'leadership' });
  clock.advance(DAY_MS);
  outbox.messages.length = 0;

  const result = await weeklyRequestDigest(server.db, outbox, { now: clock.now() });
  assert.equal(result.sent, 1);
  assert.equal(mailTo(weekly).length, 1);
  const digest = mailTo(weekly)[0]!;
  assert.match(digest.subject, /^2 new requests on Talking Library this week match your skills/);
  assert.match(digest.text, /Anything digital/);
  assert.match(digest.text, /Letters in FHIR/);
  assert.ok(digest.text.indexOf('Anything digital') < digest.text.indexOf('Letters in FHIR'), 'newest first');
  for (const absent of ['Too old for this digest', 'Closed already', 'Coaching only']) assert.ok(!digest.text.includes(absent), absent);
  assert.equal(mailTo(nothingForHer).length, 0);
  assert.equal(mailTo(instant).length, 0);
});

test('a failed alert leaves the request posted', async () => {
  const failing = await startTestServer({ seed: true, clock, mailer: { send: async () => Promise.reject(new Error('SMTP down')) }, rateLimits: { writesPerMinute: 1e6 } });
  try {
    await newExpert(failing, clock.now(), { skills: ['fhir'], categories: ['digital-health'], requestAlerts: 'instant' });
    const owner = await newMember(failing, clock.now());
    const res = await failing.request('/v1/libraries/demo/requests', send('POST', requestBody(), owner.headers));
    assert.equal(res.status, 201);
    assert.equal((await failing.db.select().from(schema.skillRequests).where(eq(schema.skillRequests.id, res.body.id))).length, 1);
  } finally {
    await failing.close();
  }
});
