import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, type Person, scheduledHour } from '../helpers/exchanges.js';
import { startTestServer, type TestResponse, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
});
after(() => server.close());

const later = (hours: number) => hoursFrom(clock.now(), hours);
const calendarOf = (id: string, who?: Person): Promise<TestResponse> => server.request(`${server.libraryPath}/exchanges/${id}/calendar.ics`, { headers: who?.headers ?? {} });
/** iCalendar's UTC form of an ISO time: 20270105T090000Z. */
const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** The value of one property line (folded lines unfolded first, as RFC 5545 says). */
const property = (ics: string, name: string) => new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, 'm').exec(ics.replace(/\r\n[ \t]/g, ''))?.[1];

const scheduled = (hours = 72) => scheduledHour(server, clock.now(), { hours });

test('both parties get the scheduled hour as a calendar file: its UID, SEQUENCE 0, the start in UTC and where they meet', async () => {
  const { asker, giver, id, startsAt } = await scheduled();
  for (const who of [asker, giver]) {
    const res = await calendarOf(id, who);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="exchange-${id}.ics"`);
    assert.match(res.headers.get('cache-control') ?? '', /no-store/);
    const ics: string = res.body;
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.equal(property(ics, 'METHOD'), 'REQUEST');
    assert.equal(property(ics, 'UID'), `${id}@talking-library`);
    assert.equal(property(ics, 'SEQUENCE'), '0');
    assert.equal(property(ics, 'DTSTART'), icsTime(startsAt));
    assert.equal(property(ics, 'DTEND'), icsTime(new Date(Date.parse(startsAt) + HOUR).toISOString()));
    assert.equal(property(ics, 'LOCATION'), 'https://meet.example.org/hour');
    assert.ok(ics.includes(asker.email) && ics.includes(giver.email), 'both parties are attendees, by email');
  }
});

test('after a reschedule the file keeps its UID, with SEQUENCE 1 and the new time', async () => {
  const { asker, id } = await scheduled();
  const moved = later(96);
  const res = await act(server, asker, id, 'reschedule', { startsAt: moved, reason: 'A clash' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const ics: string = (await calendarOf(id, asker)).body;
  assert.equal(property(ics, 'UID'), `${id}@talking-library`);
  assert.equal(property(ics, 'SEQUENCE'), '1');
  assert.equal(property(ics, 'DTSTART'), icsTime(moved));
  assert.equal(property(ics, 'METHOD'), 'REQUEST');
});

test('after a cancel the file is the event’s cancellation, outranking the last request', async () => {
  const { asker, giver, id } = await scheduled();
  const before = Number(property((await calendarOf(id, giver)).body, 'SEQUENCE'));
  assert.equal((await act(server, asker, id, 'cancel', { reason: 'Plans changed' })).status, 200);
  const res = await calendarOf(id, giver);
  assert.equal(res.status, 200);
  assert.equal(property(res.body, 'METHOD'), 'CANCEL');
  assert.equal(property(res.body, 'STATUS'), 'CANCELLED');
  assert.equal(property(res.body, 'UID'), `${id}@talking-library`);
  assert.equal(Number(property(res.body, 'SEQUENCE')), before + 1, 'one above the last request, as iTIP asks');
});

test('a coordinator may read it; to another member it does not exist, as the exchange itself does not', async () => {
  const { id } = await scheduled();
  const coordinator = await member(server, clock.now(), ['member', 'coordinator']);
  assert.equal((await calendarOf(id, coordinator)).status, 200);
  const stranger = await member(server, clock.now());
  const res = await calendarOf(id, stranger);
  const exchange = await server.request(`${server.libraryPath}/exchanges/${id}`, { headers: stranger.headers });
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.body.code, exchange.body.code);
  assert.equal(res.body.detail, exchange.body.detail);
  assert.equal((await calendarOf('exc_nonenonenone', stranger)).status, 404);
});

test('signed out it is a 401 problem', async () => {
  const { id } = await scheduled();
  const res = await calendarOf(id);
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
});

test('a request with no agreed time has no calendar file: 409 naming its state', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const made = await ask(server, asker, giver, [later(72)]);
  const res = await calendarOf(made.body.id, asker);
  assert.equal(res.status, 409);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.body.code, 'exchange_state_conflict');
  assert.deepEqual(res.body.errors, [{ path: 'status', message: 'is "requested"' }]);
  assert.match(res.body.detail, /requested/);
  // Declined, it still has none.
  assert.equal((await act(server, giver, made.body.id, 'decline', {})).status, 200);
  const declined = await calendarOf(made.body.id, giver);
  assert.equal(declined.status, 409);
  assert.deepEqual(declined.body.errors, [{ path: 'status', message: 'is "declined"' }]);
});

test('an id that is not an exchange id is a 400 naming the path field', async () => {
  const asker = await member(server, clock.now());
  const res = await calendarOf('not%20an%20id', asker);
  assert.equal(res.status, 400);
  assert.ok(res.body.errors.some((e: { path: string }) => e.path.startsWith('path.')), JSON.stringify(res.body));
});
