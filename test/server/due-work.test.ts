import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema, type Database } from '@talking-library/server';
import { checkBooks } from '../../server/src/domain/ledger.js';
import type { MailMessage } from '../../server/src/mail/mailer.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, scheduledHour, signInAgain } from '../helpers/exchanges.js';
import { newExpert, requestBody } from '../helpers/requests.js';
import type { TestServer } from '../helpers/server.js';
import { serverOnFile, type ServerOnFile } from '../helpers/workers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
/** A second connection to the server's database file, as another worker process would open. */
let other: Database;
let sent: MailMessage[];
let worker: ServerOnFile['worker'];
let shared: ServerOnFile;

before(async () => {
  shared = await serverOnFile('tl-due-', clock);
  ({ server, other, sent, worker } = shared);
});
after(async () => {
  assert.deepEqual(await checkBooks(server.db), [], 'the books balance after every test');
  await shared.close();
});

const later = (hours: number) => hoursFrom(clock.now(), hours);

interface PendingReminder {
  dedupeKey: string;
  runAt: string;
  to: string;
  subject: string;
  text: string;
}

async function pendingReminders(exchangeId: string): Promise<PendingReminder[]> {
  const result = await server.db.$client.execute({
    sql: `SELECT dedupe_key, run_at, payload FROM jobs WHERE dedupe_key GLOB ? AND done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL ORDER BY dedupe_key`,
    args: [`exchange:${exchangeId}:reminder:*`],
  });
  return result.rows.map((row) => {
    const payload = JSON.parse(String(row.payload)) as MailMessage;
    return { dedupeKey: String(row.dedupe_key), runAt: String(row.run_at), to: payload.to, subject: payload.subject, text: payload.text };
  });
}

/** A member's request to a fresh expert in Lagos, accepted at its time: a scheduled hour `hours` from now. */
const scheduled = (hours = 72) => scheduledHour(server, clock.now(), { hours, expertTimeZone: 'Africa/Lagos' });

const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();

test('a scheduled exchange has a 24-hour and a 1-hour reminder for each party, saying when in her own zone, with whom and where', async () => {
  const { asker, giver, id, startsAt } = await scheduled(72);
  const reminders = await pendingReminders(id);
  assert.deepEqual(
    reminders.map((r) => [r.dedupeKey, r.runAt, r.to]),
    [
      [`exchange:${id}:reminder:1h:0:expert`, minus(startsAt, HOUR), giver.email],
      [`exchange:${id}:reminder:1h:0:member`, minus(startsAt, HOUR), asker.email],
      [`exchange:${id}:reminder:24h:0:expert`, minus(startsAt, DAY), giver.email],
      [`exchange:${id}:reminder:24h:0:member`, minus(startsAt, DAY), asker.email],
    ],
  );
  const toMember = reminders.find((r) => r.dedupeKey.endsWith(':24h:0:member'))!;
  assert.equal(toMember.subject, `Reminder: your hour with ${giver.name} is in 24 hours`);
  assert.match(toMember.text, /\(Europe\/London\)/);
  assert.match(toMember.text, /Where: https:\/\/meet\.example\.org\/hour/);
  const toExpert = reminders.find((r) => r.dedupeKey.endsWith(':1h:0:expert'))!;
  assert.equal(toExpert.subject, `Reminder: your hour with ${asker.name} is in an hour`);
  assert.match(toExpert.text, /\(Africa\/Lagos\)/);
});

test('a reminder whose time has already passed is not made', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now(), { minimumNoticeMinutes: 60 });
  const startsAt = later(5);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal((await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Room 4' })).status, 200);
  assert.deepEqual((await pendingReminders(made.body.id)).map((r) => r.dedupeKey.split(':').slice(3).join(':')), ['1h:0:expert', '1h:0:member']);
});

test('a reschedule cancels the old reminders and makes new ones for the new time, under the new sequence', async () => {
  const { giver, id } = await scheduled(72);
  const startsAt = later(100);
  const moved = await act(server, giver, id, 'reschedule', { startsAt, reason: 'Clinic moved' });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  const reminders = await pendingReminders(id);
  assert.deepEqual(reminders.map((r) => r.dedupeKey.split(':').slice(3).join(':')), ['1h:1:expert', '1h:1:member', '24h:1:expert', '24h:1:member']);
  assert.deepEqual(new Set(reminders.map((r) => r.runAt)), new Set([minus(startsAt, HOUR), minus(startsAt, DAY)]));
  const cancelled = await server.db.$client.execute({ sql: `SELECT count(*) AS n FROM jobs WHERE dedupe_key GLOB ? AND cancelled_at IS NOT NULL`, args: [`exchange:${id}:reminder:*:0:*`] });
  assert.equal(Number(cancelled.rows[0]!.n), 4);
});

test('a cancelled exchange leaves no reminder pending', async () => {
  const { asker, id } = await scheduled(72);
  assert.equal((await act(server, asker, id, 'cancel', { reason: 'Project paused' })).status, 200);
  assert.deepEqual(await pendingReminders(id), []);
});

test('two workers on one database file, the clock past the reminders, send each reminder exactly once', async () => {
  const { asker, giver, id, startsAt } = await scheduled(50);
  const workers = [worker('worker-a'), worker('worker-b', other)];
  // Its reminders only: the request and booking notices are mail jobs too, sent at the first tick.
  const mine = () => sent.filter((m) => m.text.includes(`Exchange ${id}.`) && m.subject.startsWith('Reminder:'));
  await Promise.all(workers.map((w) => w.runOnce()));
  assert.equal(mine().length, 0, 'nothing is due yet');

  clock.advance(Date.parse(startsAt) - DAY - clock.now().getTime());
  await Promise.all([...workers, ...workers].map((w) => w.runOnce()));
  assert.deepEqual(mine().map((m) => m.to).sort(), [asker.email, giver.email].sort(), 'the 24-hour reminders, once each');

  clock.advance(DAY - HOUR);
  await Promise.all([...workers, ...workers].map((w) => w.runOnce()));
  await Promise.all(workers.map((w) => w.runOnce()));
  const subjects = mine().map((m) => `${m.to} ${m.subject}`).sort();
  assert.equal(subjects.length, 4);
  assert.equal(new Set(subjects).size, 4, 'no reminder twice');
  assert.deepEqual(await pendingReminders(id), []);
});

test('an unanswered request lapses by the worker once the clock passes its lapses_at, and the member is told', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  const lapseMail = () => sent.filter((m) => m.to === asker.email && m.subject === `Your request to ${giver.name} lapsed`);
  const w = worker('worker-lapse');
  await w.runOnce();
  assert.equal(lapseMail().length, 0, 'not yet');
  clock.advance(7 * DAY);
  await Promise.all([w.runOnce(), worker('worker-lapse-2', other).runOnce()]);
  assert.equal(lapseMail().length, 1, 'told once, though two workers swept');
  const now = await server.request(`${server.libraryPath}/exchanges/${made.body.id}`, { headers: (await signInAgain(server, asker, clock.now())).headers });
  assert.equal(now.body.status, 'lapsed');
});

test('one-sided confirmation completes through the worker after the library’s days, and the hold is posted', async () => {
  const { asker, giver, id } = await scheduled(50);
  clock.advance(51 * HOUR);
  assert.equal((await act(server, await signInAgain(server, giver, clock.now()), id, 'complete')).status, 200);
  const w = worker('worker-complete');
  clock.advance(7 * DAY - HOUR);
  await w.runOnce();
  const read = async () => (await server.request(`${server.libraryPath}/exchanges/${id}`, { headers: (await signInAgain(server, asker, clock.now())).headers })).body;
  assert.equal((await read()).status, 'scheduled', 'not yet');
  clock.advance(HOUR);
  await w.runOnce();
  const done = await read();
  assert.equal(done.status, 'completed');
  assert.equal(done.hold.state, 'posted');
  assert.equal(done.events.at(-1).kind, 'auto_completed');
  assert.ok(sent.some((m) => m.to === asker.email && m.subject === `Your hour with ${giver.name} is complete`));
});

test('an exchange scheduled from the request board (a response accepted) has its reminders too', async () => {
  const owner = await member(server, clock.now());
  const made = await server.request('/v1/libraries/demo/requests', { method: 'POST', headers: { ...owner.headers, 'content-type': 'application/json' }, body: JSON.stringify(requestBody()) });
  const giver = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
  const startsAt = later(72);
  const response = await server.request(`/v1/libraries/demo/requests/${made.body.id}/responses`, {
    method: 'POST',
    headers: { ...giver.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Happy to help.', proposedTimes: [startsAt] }),
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const accepted = await server.request(`/v1/libraries/demo/requests/${made.body.id}/responses/${response.body.id}/accept`, {
    method: 'POST',
    headers: { ...owner.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ startsAt, meetingPlace: 'Room 2, Quality Hub' }),
  });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  const reminders = await pendingReminders(accepted.body.id);
  assert.deepEqual(
    reminders.map((r) => [r.dedupeKey.split(':').slice(3).join(':'), r.to]),
    [
      ['1h:0:expert', giver.email],
      ['1h:0:member', owner.email],
      ['24h:0:expert', giver.email],
      ['24h:0:member', owner.email],
    ],
  );
  assert.ok(reminders.every((r) => r.text.includes('Where: Room 2, Quality Hub')));
});

test('a skill request past the library’s lapse days is stored lapsed by the worker, and its owner told once', async () => {
  await server.db.update(schema.libraries).set({ requestLapseDays: 2 }).where(eq(schema.libraries.slug, 'demo'));
  const owner = await member(server, clock.now());
  const made = await server.request('/v1/libraries/demo/requests', {
    method: 'POST',
    headers: { ...owner.headers, 'content-type': 'application/json' },
    body: JSON.stringify(requestBody()),
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  clock.advance(2 * DAY + 60_000);
  await Promise.all([worker('worker-requests').runOnce(), worker('worker-requests-2', other).runOnce()]);
  const [row] = await server.db.select().from(schema.skillRequests).where(eq(schema.skillRequests.id, made.body.id));
  assert.equal(row!.status, 'lapsed');
  const told = sent.filter((m) => m.to === owner.email && m.subject === `Your request “${requestBody().title}” has lapsed`);
  assert.equal(told.length, 1);
  assert.match(told[0]!.text, /renew it/);
});
