import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient } from '@talking-library/sdk';
import { DEMO_PEOPLE as PEOPLE, DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { manualClock } from '../helpers/clock.js';
import { eventually } from '../helpers/eventually.js';
import { hoursFrom } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
before(async () => (server = await startTestServer({ seed: true, clock })));
after(() => server.close());

test('the demo journey through the SDK: the member finds the demo expert, asks for an hour, the expert accepts, the hour passes, both confirm, and the hour of credit moves', async () => {
  const visitor = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
  const signIn = async (as: 'member' | 'expert') => createClient({ baseUrl: server.url, sessionToken: (await visitor.sessions.demo('demo', as)).sessionToken });
  const member = await signIn('member');
  const expert = await signIn('expert');

  const found = await visitor.profiles.list('demo', { q: PEOPLE.expert.name.split(' ')[0] });
  const profile = found.data.find((hit) => hit.displayName === PEOPLE.expert.name);
  assert.ok(profile, 'the demo expert is found by her name');

  const startsAt = hoursFrom(clock.now(), 72);
  const asked = await member.exchanges.create('demo', { profileId: profile.id, message: 'Could you help us plan a FHIR pilot?', proposedTimes: [startsAt], timeZone: 'Europe/London' });
  const waiting = await expert.exchanges.list('demo', { role: 'expert', status: ['requested'] });
  assert.deepEqual(waiting.data.map((e) => [e.id, e.allowedActions.includes('accept')]), [[asked.id, true]]);
  // Mail is a job of the change's own write, sent by the server's worker.
  await eventually('the expert is told by email', () => server.outbox!.messages.some((m) => m.to === PEOPLE.expert.email && /asks for an hour with you/.test(m.subject)));

  await expert.exchanges.accept('demo', asked.id, { startsAt, meetingPlace: 'https://meet.example.org/fhir-pilot' });
  assert.equal((await member.credits.balance('demo')).held, 1);
  await eventually('the member is told it is booked', () => server.outbox!.messages.some((m) => m.to === PEOPLE.member.email && /is booked/.test(m.subject)));

  clock.advance(73 * HOUR);
  await member.exchanges.complete('demo', asked.id);
  const done = await expert.exchanges.complete('demo', asked.id);
  assert.equal(done.status, 'completed');
  assert.deepEqual(done.events.map((e) => e.kind), ['requested', 'scheduled', 'confirmed', 'confirmed', 'completed']);
  assert.deepEqual([(await member.credits.balance('demo')).balance, (await expert.credits.balance('demo')).balance], [1, 3]);
});
