import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { silentLogger } from '@talking-library/server';
import { autoCompleteDue } from '../../server/src/domain/exchanges.js';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { deliverDueWebhooks } from '../../server/src/domain/webhooks.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, signInAgain, type Expert, type Person } from '../helpers/exchanges.js';
import { bookFromBoard, newExpert, newMember } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The library's clock runs a month behind the real one, so it can move on by days (past an hour's
// start, past the days to auto-complete) while messages are still signed at the real time, which
// is what a receiver's `standardwebhooks` checks them against.
const clock = manualClock(new Date(Math.floor((Date.now() - 30 * DAY) / HOUR) * HOUR));
const PATH = '/partner';
let server: TestServer;
let receiver: WebhookReceiver;

before(async () => {
  // No worker: the test delivers, and runs the sweep, itself.
  server = await startTestServer({ seed: true, clock, worker: false, secretKey: SECRET_KEY, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000, signInPerMinute: 10_000 } });
  receiver = await startWebhookReceiver();
  const coordinator = bearer(await demoSession(server, 'coordinator'));
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Exchange listener', webhookUrl: receiver.url + PATH }, coordinator));
  assert.equal(partner.status, 201, JSON.stringify(partner.body));
  receiver.secret(PATH, partner.body.webhookSecret);
});
after(async () => {
  await receiver.close();
  await server.close();
});

const later = (hours: number) => hoursFrom(clock.now(), hours);

/** Sends every message due, at the real time, as the worker would. */
async function deliver(): Promise<void> {
  const deps = { db: server.db, secretBox: secretBox(SECRET_KEY), logger: silentLogger, env: 'test' as const };
  while ((await deliverDueWebhooks(deps, { now: new Date(), owner: 'exchange-webhooks' })) > 0);
}

interface Heard {
  id: string;
  type: string;
  timestamp: string;
  exchange: Record<string, unknown>;
}

/** The exchange messages the partner received about one exchange, in order, each verified with its secret by `standardwebhooks`. */
function heard(exchangeId: string): Heard[] {
  return receiver.at(PATH).flatMap((message) => {
    assert.ok(message.verified.ok, `verified: ${JSON.stringify(message.verified)}`);
    const payload = message.verified.payload as { type: string; timestamp: string; data: { exchange?: Record<string, unknown> } };
    if (!payload.type.startsWith('exchange.') || payload.data.exchange?.id !== exchangeId) return [];
    return [{ id: String(message.headers['webhook-id']), type: payload.type, timestamp: payload.timestamp, exchange: payload.data.exchange }];
  });
}

/** The exchange as the API shows it now, without what depends on who asks. */
async function shown(who: Pick<Person, 'headers'>, exchangeId: string): Promise<Record<string, unknown>> {
  const read = await server.request(`${server.libraryPath}/exchanges/${exchangeId}`, { headers: who.headers });
  assert.equal(read.status, 200, JSON.stringify(read.body));
  const { yourRole: _role, allowedActions: _actions, events: _events, ...exchange } = read.body;
  return exchange;
}

/** After a change: exactly one message more about the exchange, of `type`, whose data is the exchange as the API shows it. */
async function expectHeard(who: Pick<Person, 'headers'>, exchangeId: string, types: string[]): Promise<Heard> {
  await deliver();
  const messages = heard(exchangeId);
  assert.deepEqual(messages.map((m) => m.type), types);
  const last = messages.at(-1)!;
  const now = await shown(who, exchangeId);
  assert.deepEqual(last.exchange, now, `${last.type} carries the exchange as the API shows it after the change`);
  assert.equal(last.timestamp, now.updatedAt, 'its timestamp is when the change happened');
  return last;
}

async function requested(): Promise<{ asker: Person; giver: Expert; id: string; startsAt: string }> {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const startsAt = later(72);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  // Heard before the next change: messages due together go out at once, in no promised order.
  await expectHeard(asker, made.body.id, ['exchange.requested']);
  return { asker, giver, id: made.body.id, startsAt };
}

test('a partner hears an exchange requested, scheduled, rescheduled and completed, each signed and carrying the exchange as the API shows it', async () => {
  let { asker, giver, id, startsAt } = await requested();

  assert.equal((await act(server, giver, id, 'accept', { startsAt, meetingPlace: 'https://meet.example.org/hour' })).status, 200);
  const booked = await expectHeard(asker, id, ['exchange.requested', 'exchange.scheduled']);
  assert.deepEqual([booked.exchange.status, (booked.exchange.hold as { state: string }).state], ['scheduled', 'pending']);

  assert.equal((await act(server, asker, id, 'reschedule', { startsAt: later(80), reason: 'Clinic moved' })).status, 200);
  const moved = await expectHeard(asker, id, ['exchange.requested', 'exchange.scheduled', 'exchange.rescheduled']);
  assert.deepEqual([moved.exchange.startsAt, moved.exchange.sequence, moved.exchange.reason], [later(80), 1, 'Clinic moved']);

  clock.advance(81 * HOUR);
  [asker, giver] = [await signInAgain(server, asker, clock.now()), await signInAgain(server, giver, clock.now())];
  assert.equal((await act(server, asker, id, 'complete')).status, 200);
  await deliver();
  assert.equal(heard(id).length, 3, 'one confirmation is not an event partners hear of');
  assert.equal((await act(server, giver, id, 'complete')).status, 200);
  const done = await expectHeard(giver, id, ['exchange.requested', 'exchange.scheduled', 'exchange.rescheduled', 'exchange.completed']);
  assert.deepEqual([done.exchange.status, (done.exchange.hold as { state: string }).state], ['completed', 'posted']);
  assert.equal(new Set(heard(id).map((m) => m.id)).size, 4, 'each its own webhook-id');
});

test('a partner hears an exchange cancelled', async () => {
  const { asker, giver, id, startsAt } = await requested();
  assert.equal((await act(server, giver, id, 'accept', { startsAt, meetingPlace: 'Room 2' })).status, 200);
  await expectHeard(giver, id, ['exchange.requested', 'exchange.scheduled']);
  assert.equal((await act(server, asker, id, 'cancel', { reason: 'Project paused' })).status, 200);
  const cancelled = await expectHeard(asker, id, ['exchange.requested', 'exchange.scheduled', 'exchange.cancelled']);
  assert.deepEqual([cancelled.exchange.status, (cancelled.exchange.hold as { state: string }).state], ['cancelled', 'voided']);
});

test('an exchange the worker completes by itself is heard as exchange.completed too', async () => {
  let { asker, giver, id, startsAt } = await requested();
  assert.equal((await act(server, giver, id, 'accept', { startsAt, meetingPlace: 'Room 3' })).status, 200);
  await expectHeard(giver, id, ['exchange.requested', 'exchange.scheduled']);
  clock.advance(73 * HOUR);
  giver = await signInAgain(server, giver, clock.now());
  assert.equal((await act(server, giver, id, 'complete')).status, 200);
  clock.advance(8 * DAY);
  assert.deepEqual(await autoCompleteDue(server.db, { now: clock.now() }), [id]);
  asker = await signInAgain(server, asker, clock.now());
  const done = await expectHeard(asker, id, ['exchange.requested', 'exchange.scheduled', 'exchange.completed']);
  assert.deepEqual([done.exchange.status, (done.exchange.hold as { state: string }).state], ['completed', 'posted']);
});

test('an hour booked from the request board is heard as exchange.scheduled, as the API shows it', async () => {
  const owner = await newMember(server, clock.now());
  const giver = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
  const startsAt = later(72);
  const { requestId, exchange } = await bookFromBoard(server, owner, giver, startsAt, { fields: { title: 'Heard by partners' }, meetingPlace: 'Room 4' });
  const heardOf = await expectHeard(owner, exchange.id, ['exchange.scheduled']);
  assert.deepEqual([heardOf.exchange.requestId, heardOf.exchange.startsAt], [requestId, startsAt]);
});

test('a coordinator’s ruling on a dispute is heard as exchange.completed when it pays, exchange.cancelled when it voids', async () => {
  const paid = await requested();
  const voided = await requested();
  for (const { giver, id, startsAt } of [paid, voided]) {
    assert.equal((await act(server, giver, id, 'accept', { startsAt, meetingPlace: 'Room 5' })).status, 200);
    await expectHeard(giver, id, ['exchange.requested', 'exchange.scheduled']);
  }
  clock.advance(73 * HOUR);
  const settler = await member(server, clock.now(), ['member', 'coordinator']);
  for (const [{ asker, id }, outcome] of [[paid, 'completed'], [voided, 'void']] as const) {
    const disputer = await signInAgain(server, asker, clock.now());
    assert.equal((await act(server, disputer, id, 'dispute', { reason: 'It did not happen as agreed' })).status, 200);
    assert.equal((await act(server, settler, id, 'resolve', { outcome, reason: 'Settled' })).status, 200);
  }
  const completed = await expectHeard(settler, paid.id, ['exchange.requested', 'exchange.scheduled', 'exchange.completed']);
  const cancelled = await expectHeard(settler, voided.id, ['exchange.requested', 'exchange.scheduled', 'exchange.cancelled']);
  assert.deepEqual([completed.exchange.status, cancelled.exchange.status], ['completed', 'cancelled']);
});
