import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type MailMessage } from '@talking-library/server';
import { AdjustableClock } from '../../server/src/clock.js';
import { calendarInvite } from '../../server/src/domain/calendar.js';
import { findJobByDedupeKey } from '../../server/src/domain/jobs.js';
import { mailStatement } from '../../server/src/mail/mail-jobs.js';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const START = new Date('2027-02-01T08:00:00.000Z');
const minutesAfterStart = (minutes: number) => new Date(START.getTime() + minutes * 60_000).toISOString();

describe('the development clock', () => {
  let server: TestServer;
  let advanced = 0;
  before(async () => (server = await startTestServer({ seed: true, clock: manualClock(START), worker: { pollMs: 20 } })));
  after(() => server.close());

  const advance = (body: unknown, headers: Record<string, string> = {}) => server.request('/v1/dev/clock', send('POST', body, headers));

  test('POST /v1/dev/clock moves the server’s clock forward by whole minutes and answers the new time; moves add up', async () => {
    const first = await advance({ advanceMinutes: 90 });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { now: minutesAfterStart(90) });
    const second = await advance({ advanceMinutes: 30 });
    assert.deepEqual(second.body, { now: minutesAfterStart(120) });
    advanced = 120;
    assert.equal(server.clock.now().toISOString(), minutesAfterStart(120), 'the app’s own clock moved');
  });

  test('GET /v1/dev/clock reads the server’s time, moves and all, without moving it', async () => {
    const read = await server.request('/v1/dev/clock');
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, { now: minutesAfterStart(advanced) });
    assert.deepEqual((await server.request('/v1/dev/clock')).body, { now: minutesAfterStart(advanced) }, 'reading twice moves nothing');
  });

  test('anything but a whole number of minutes from 1 to a year is a 400 naming body.advanceMinutes, and the clock stays', async () => {
    for (const bad of [0, -5, 525_601, 1.5, '10', null, 1e308]) {
      const res = await advance({ advanceMinutes: bad });
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual([...new Set(res.body.errors.map((e: { path: string }) => e.path))], ['body.advanceMinutes'], JSON.stringify(bad));
    }
    const missing = await advance({});
    assert.equal(missing.body.errors[0].path, 'body.advanceMinutes');
    const extra = await advance({ advanceMinutes: 5, minutes: 5 });
    assert.equal(extra.status, 400);
    assert.equal(server.clock.now().toISOString(), minutesAfterStart(advanced));
    const year = await advance({ advanceMinutes: 525_600 });
    assert.equal(year.status, 200, 'a year is the most');
    advanced += 525_600;
  });

  test('a page on another origin may not move the clock', async () => {
    const res = await advance({ advanceMinutes: 5 }, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'development_only');
    assert.equal(server.clock.now().toISOString(), minutesAfterStart(advanced));
  });

  test('the in-process worker runs on the same clock: mail due in an hour goes out when the clock is moved an hour on', async () => {
    const now = server.clock.now();
    const content = calendarInvite({
      uid: 'exc_clock@talking-library',
      sequence: 0,
      method: 'REQUEST',
      start: new Date(now.getTime() + 2 * 3_600_000),
      end: new Date(now.getTime() + 3 * 3_600_000),
      title: 'Skill exchange',
      description: 'One hour.',
      location: 'https://meet.example/clock',
      organizer: { name: 'Talking Library', email: 'library@example.org' },
      attendees: [{ name: 'Ada', email: 'ada@example.org' }],
      now,
    });
    const message = { to: 'ada@example.org', subject: 'Your hour starts in an hour', text: 'A reminder.', calendar: { method: 'REQUEST' as const, content } };
    // Dedupe keys are unique across the database, which on a remote server keeps earlier runs' jobs.
    const dedupeKey = `exchange:exc_clock_${randomBytes(4).toString('hex')}:reminder:1h`;
    await server.db.$client.batch([mailStatement(message, { dedupeKey, libraryId: null, runAt: new Date(now.getTime() + 3_600_000) })], 'write');
    // Only this mail: the year the clock moved above has made the demo expert's survey reminder due too.
    const reminders = () => server.outbox!.messages.filter((m) => m.subject === 'Your hour starts in an hour');
    // The worker polls every 20 ms: had the reminder been due, a few ticks would have sent it.
    await server.worker!.runOnce();
    assert.equal(reminders().length, 0, 'not due yet');
    assert.equal((await advance({ advanceMinutes: 60 })).status, 200);
    await eventually('the reminder is sent', () => reminders().length === 1);
    await eventually('its job is done', async () => !!(await findJobByDedupeKey(server.db, dedupeKey))?.doneAt);

    const page = await server.request('/dev/outbox');
    assert.match(page.body, /Calendar invite \(REQUEST\)/);
    assert.match(page.body, /UID:exc_clock@talking-library/);
  });
});

describe('a production server', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'tl-dev-clock-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  test('has no development clock: the route is a 404 and its clock is the one it was given, not adjustable', async () => {
    const mail: MailMessage[] = [];
    const server = await startServer(
      { databaseUrl: `file:${join(dir, 'production.db')}`, port: 0, quiet: true, mailer: { send: async (m) => void mail.push(m) }, worker: false },
      { SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_URL: 'https://library.example', SECRET_KEY: 'cd'.repeat(32), NODE_ENV: 'production' },
    );
    try {
      const res = await fetch(`${server.url}/v1/dev/clock`, send('POST', { advanceMinutes: 60 }));
      assert.equal(res.status, 404);
      assert.equal((await fetch(`${server.url}/v1/dev/clock`)).status, 404, 'nor can it be read');
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.ok(!(server.clock instanceof AdjustableClock));
      const before = Date.now();
      assert.ok(Math.abs(server.clock.now().getTime() - before) < 60_000, 'the real time, not an hour on');
    } finally {
      await server.close();
    }
  });
});
