import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MailMessage } from '@talking-library/server';
import type { Exchange } from '../../server/src/domain/exchange-rows.js';
import { exchangeMailStatements } from '../../server/src/mail/exchange-notices.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, scheduledHour } from '../helpers/exchanges.js';
import { sendDueMail } from '../helpers/mail.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;

before(async () => {
  // No worker: each test sends the due mail itself, and looks at what went.
  server = await startTestServer({ seed: true, clock, worker: false, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000, signInPerMinute: 10_000 } });
  // A partner listening, so that webhooks are queued at all (nothing receives them: these tests count rows).
  const coordinator = bearer(await demoSession(server, 'coordinator'));
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Listening partner', webhookUrl: 'http://127.0.0.1:9/hooks' }, coordinator));
  assert.equal(partner.status, 201, JSON.stringify(partner.body));
});
after(() => server.close());

const later = (hours: number) => hoursFrom(clock.now(), hours);

const scheduled = (hours = 72) => scheduledHour(server, clock.now(), { hours, expertTimeZone: 'Africa/Lagos' });

/** The notices about one exchange among the mail just sent (its reminders aside). */
const about = (sent: MailMessage[], id: string) => sent.filter((m) => m.text.includes(`Exchange ${id}.`) && !m.subject.startsWith('Reminder:'));

/** A property's values in iCalendar text, its folded lines unfolded. */
function property(ics: string, name: string): string[] {
  return ics
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    .map((line) => line.slice(line.indexOf(':') + 1));
}

function invite(message: MailMessage): { method: string; uid: string; sequence: number; start: string; icsMethod: string } {
  assert.ok(message.calendar, `"${message.subject}" carries an invite`);
  const ics = message.calendar.content;
  return { method: message.calendar.method, icsMethod: property(ics, 'METHOD')[0]!, uid: property(ics, 'UID')[0]!, sequence: Number(property(ics, 'SEQUENCE')[0]), start: property(ics, 'DTSTART')[0]! };
}

const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

async function jobKeys(id: string, kind: string): Promise<string[]> {
  const result = await server.db.$client.execute({ sql: 'SELECT dedupe_key FROM jobs WHERE dedupe_key GLOB ? ORDER BY dedupe_key', args: [`exchange:${id}:${kind}:*`] });
  return result.rows.map((row) => String(row.dedupe_key));
}

async function webhooks(id: string, type: string): Promise<number> {
  const result = await server.db.$client.execute({ sql: "SELECT count(*) AS n FROM webhook_deliveries WHERE event_type = ? AND json_extract(payload, '$.data.exchange.id') = ?", args: [type, id] });
  return Number(result.rows[0]!.n);
}

test('the booking mail to each party carries a REQUEST invite whose UID is the exchange’s, at SEQUENCE 0', async () => {
  const { asker, giver, id, startsAt } = await scheduled();
  const booked = about(await sendDueMail(server), id).filter((m) => /is booked/.test(m.subject));
  assert.deepEqual(booked.map((m) => m.to).sort(), [asker.email, giver.email].sort(), 'both parties, the expert who accepted too');
  for (const message of booked) {
    assert.deepEqual(invite(message), { method: 'REQUEST', icsMethod: 'REQUEST', uid: `${id}@talking-library`, sequence: 0, start: icsTime(startsAt) });
  }
  assert.deepEqual(await jobKeys(id, 'scheduled'), [`exchange:${id}:scheduled:2:expert`, `exchange:${id}:scheduled:2:member`]);
});

test('the reschedule mail carries the same UID at SEQUENCE 1 and the new time; the cancel mail a CANCEL above it', async () => {
  const { asker, giver, id } = await scheduled();
  await sendDueMail(server);
  const moved = await act(server, asker, id, 'reschedule', { startsAt: later(80), reason: 'Clinic moved' });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  const movedMail = about(await sendDueMail(server), id);
  assert.deepEqual(movedMail.map((m) => m.to).sort(), [asker.email, giver.email].sort(), 'both calendars move, the mover’s too');
  for (const message of movedMail) {
    assert.match(message.subject, /has moved/);
    assert.deepEqual(invite(message), { method: 'REQUEST', icsMethod: 'REQUEST', uid: `${id}@talking-library`, sequence: 1, start: icsTime(later(80)) });
  }

  const cancelled = await act(server, giver, id, 'cancel', { reason: 'Called away' });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  assert.equal(cancelled.body.sequence, 2);
  const cancelMail = about(await sendDueMail(server), id);
  assert.deepEqual(cancelMail.map((m) => m.to).sort(), [asker.email, giver.email].sort());
  for (const message of cancelMail) {
    assert.match(message.subject, /is cancelled/);
    assert.deepEqual(invite(message), { method: 'CANCEL', icsMethod: 'CANCEL', uid: `${id}@talking-library`, sequence: 2, start: icsTime(later(80)) });
  }
});

test('mail that books nothing carries no invite: a request, a decline', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  assert.equal((await act(server, giver, made.body.id, 'decline', { reason: 'Away that week' })).status, 200);
  const sent = about(await sendDueMail(server), made.body.id);
  assert.deepEqual(sent.map((m) => m.to).sort(), [asker.email, giver.email].sort(), 'the expert is asked, the member told of the decline');
  assert.ok(sent.every((m) => m.calendar === undefined));
});

test('of two cancels at once, the one that loses (409) queues no mail and no webhook: one cancel is told, once', async () => {
  const { asker, giver, id } = await scheduled();
  const answers = await Promise.all([act(server, asker, id, 'cancel', { reason: 'Mine' }), act(server, giver, id, 'cancel', { reason: 'Theirs' })]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409]);
  const won = answers.find((a) => a.status === 200)!.body;
  const loser = answers.find((a) => a.status === 409)!.body;
  assert.equal(loser.code, 'exchange_state_conflict');
  // The winner's version, and only its mail: to both parties, as a cancel carries an invite.
  assert.deepEqual(await jobKeys(id, 'cancelled'), [`exchange:${id}:cancelled:${won.version}:expert`, `exchange:${id}:cancelled:${won.version}:member`]);
  assert.equal(await webhooks(id, 'exchange.cancelled'), 1);
  const told = about(await sendDueMail(server), id).filter((m) => /is cancelled/.test(m.subject));
  assert.equal(told.length, 2, 'one mail to each party, not two');
});

test('a reschedule the database refuses (slot_taken, 409) queues no mail and no webhook', async () => {
  const one = await scheduled(72);
  const asker = one.asker;
  // The same member's second hour, at another time.
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(100)]);
  assert.equal((await act(server, giver, made.body.id, 'accept', { startsAt: later(100), meetingPlace: 'Room 1' })).status, 200);
  await sendDueMail(server);
  const refused = await act(server, asker, one.id, 'reschedule', { startsAt: hoursFrom(clock.now(), 100.5) });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'slot_taken');
  assert.deepEqual(await jobKeys(one.id, 'rescheduled'), []);
  assert.equal(await webhooks(one.id, 'exchange.rescheduled'), 0);
  assert.deepEqual(about(await sendDueMail(server), one.id), []);
});

test('an address the calendar writer refuses costs the mail its invite, not the booking', () => {
  const exchange = { id: 'exc_odd', libraryId: 'lib_1', version: 2, startsAt: '2027-03-04T09:00:00.000Z', endsAt: '2027-03-04T10:00:00.000Z', meetingPlace: 'Room 1', sequence: 0 };
  const parties = { member: { name: 'Grace', email: 'zoë@example.org' }, expert: { name: 'Ada', email: 'ada@example.org' } };
  const statements = exchangeMailStatements(
    {
      exchange: { ...exchange, member: { id: 'mem_1', name: 'Grace' }, expert: { id: 'mem_2', name: 'Ada', profileId: 'prf_1' }, timeZones: { member: 'Europe/London', expert: 'Europe/London' } } as Exchange,
      kind: 'scheduled',
      actorId: 'mem_2',
      parties,
      coordinators: [],
      libraryName: 'Demo',
      now: new Date('2027-01-01T00:00:00Z'),
    },
    { sql: '1', args: [] },
  );
  const payloads = statements.map((statement) => JSON.parse(String((statement as { args: unknown[] }).args[3])) as MailMessage);
  assert.deepEqual(payloads.map((p) => [p.to, p.calendar]), [
    ['zoë@example.org', undefined],
    ['ada@example.org', undefined],
  ]);
});
