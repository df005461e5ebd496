import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Database, Logger } from '@talking-library/server';
import { enqueue, findJob, type Job } from '../../server/src/domain/jobs.js';
import { calendarInvite } from '../../server/src/domain/calendar.js';
import { mailJobHandler, mailStatement } from '../../server/src/mail/mail-jobs.js';
import { smtpMailer } from '../../server/src/mail/smtp.js';
import { startWorker, type JobHandler } from '../../server/src/worker.js';
import { manualClock } from '../helpers/clock.js';
import { eventually } from '../helpers/eventually.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { libraryId } from '../helpers/fixtures.js';
import { startTestServer } from '../helpers/server.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { tempDatabase } from '../helpers/temp-db.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import { webhookEventStatement } from '../../server/src/domain/webhooks.js';

const REPO_ROOT = join(import.meta.dirname, '../..');

/** A logger that keeps what it is given. */
function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = { info: (message, fields) => void lines.push({ level: 'info', message, fields }), error: (message, fields) => void lines.push({ level: 'error', message, fields }) };
  return { logger, lines };
}

const openJobs = async (db: Database) => Number((await db.$client.execute('SELECT count(*) AS n FROM jobs WHERE done_at IS NULL')).rows[0]!.n);

describe('the worker loop in this process', () => {
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let db: Database;
  before(async () => {
    database = await tempDatabase();
    db = database.db;
  });
  after(() => database.close());
  beforeEach(async () => void (await db.$client.execute('DELETE FROM jobs')));

  test('runOnce runs the due jobs through their handlers, records them done, and says how many it ran', async () => {
    const clock = manualClock();
    const ran: unknown[] = [];
    const worker = startWorker({ db, clock, logger: recordingLogger().logger, handlers: { note: async (job) => void ran.push(job.payload) }, autostart: false });
    const a = await enqueue(db, { kind: 'note', payload: 'a' });
    await enqueue(db, { kind: 'note', payload: 'later', runAt: new Date(clock.now().getTime() + 3_600_000) });
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(ran, ['a']);
    assert.ok((await findJob(db, a.id))!.doneAt);
    assert.equal(await worker.runOnce(), 0);
    clock.advance(3_600_000);
    assert.equal(await worker.runOnce(), 1, 'the later job runs once the clock reaches it');
    assert.deepEqual(ran, ['a', 'later']);
  });

  test('a handler that throws fails its job (kept error, retried later), is logged, and the loop goes on with the others', async () => {
    const { logger, lines } = recordingLogger();
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = {
      boom: async () => {
        throw new Error('the handler broke');
      },
      note: async (job) => void ran.push(String(job.payload)),
    };
    const worker = startWorker({ db, clock: manualClock(), logger, handlers, pollMs: 10 });
    try {
      const boom = await enqueue(db, { kind: 'boom', payload: null });
      const first = await enqueue(db, { kind: 'note', payload: 'first' });
      await eventually('the note job is done', async () => !!(await findJob(db, first.id))!.doneAt);
      const failed = await findJob(db, boom.id);
      assert.equal(failed!.lastError, 'Error: the handler broke');
      assert.equal(failed!.doneAt, null);
      assert.ok(failed!.runAt > new Date().toISOString(), 'due again only after the backoff');
      assert.ok(lines.some((l) => l.level === 'error' && l.message === 'job failed' && l.fields?.jobId === boom.id && l.fields?.outcome === 'retry'));
      // The loop is still running: a job enqueued now is run too.
      const second = await enqueue(db, { kind: 'note', payload: 'second' });
      await eventually('the second note job is done', async () => !!(await findJob(db, second.id))!.doneAt);
      assert.deepEqual(ran, ['first', 'second']);
    } finally {
      await worker.stop();
    }
  });

  test('a job of a kind this worker has no handler for is failed with that reason, not lost', async () => {
    const worker = startWorker({ db, clock: manualClock(), logger: recordingLogger().logger, handlers: {}, autostart: false });
    const job = await enqueue(db, { kind: 'from-the-future', payload: null });
    await worker.runOnce();
    const failed = await findJob(db, job.id);
    assert.match(failed!.lastError!, /no handler for jobs of kind "from-the-future"/);
    assert.equal(failed!.failedAt, null, 'it will be tried again, perhaps by a newer worker');
  });

  test('extra tasks run every tick; one that throws is logged and the jobs still run', async () => {
    const { logger, lines } = recordingLogger();
    let ticks = 0;
    const worker = startWorker({
      db,
      clock: manualClock(),
      logger,
      handlers: { note: async () => {} },
      extraTasks: [
        async () => void ticks++,
        async () => {
          throw new Error('webhooks are down');
        },
      ],
      autostart: false,
    });
    const job = await enqueue(db, { kind: 'note', payload: null });
    await worker.runOnce();
    await worker.runOnce();
    assert.equal(ticks, 2);
    assert.ok((await findJob(db, job.id))!.doneAt);
    assert.equal(lines.filter((l) => l.message === 'worker task failed').length, 2);
  });

  test('stop() lets the job under way finish and record its outcome before it resolves', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const worker = startWorker({
      db,
      clock: manualClock(),
      logger: recordingLogger().logger,
      handlers: {
        slow: async () => {
          started = true;
          await gate;
        },
      },
      pollMs: 10,
    });
    const job = await enqueue(db, { kind: 'slow', payload: null });
    await eventually('the slow job has started', () => started);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'stop waits for the handler');
    release();
    await stopping;
    assert.ok((await findJob(db, job.id))!.doneAt, 'the job was recorded done before stop resolved');
  });

  test('a mail job goes out over SMTP with its calendar invite as text/calendar, and every attempt of one job has the same Message-ID', async () => {
    const sink = await startSmtpSink();
    try {
      const now = new Date();
      const content = calendarInvite({
        uid: 'exc_mail@talking-library',
        sequence: 0,
        method: 'REQUEST',
        start: new Date('2027-05-01T10:00:00Z'),
        end: new Date('2027-05-01T11:00:00Z'),
        title: 'Skill exchange',
        description: 'One hour.',
        location: 'https://meet.example/x',
        organizer: { name: 'Talking Library', email: 'library@example.org' },
        attendees: [{ name: 'Ada', email: 'ada@example.org' }],
        now,
      });
      await db.$client.batch([mailStatement({ to: 'ada@example.org', subject: 'Your hour is booked', text: 'See you then.', calendar: { method: 'REQUEST', content } }, { dedupeKey: 'exchange:exc_mail:booked:0', libraryId: null })], 'write');
      const mailer = smtpMailer(sink.url, 'Talking Library <library@example.org>');
      const handler = mailJobHandler(mailer);
      const worker = startWorker({ db, clock: manualClock(), logger: recordingLogger().logger, handlers: { mail: handler }, autostart: false });
      assert.equal(await worker.runOnce(), 1);
      assert.equal(sink.received.length, 1);
      const [mail] = sink.received;
      assert.deepEqual(mail!.to, ['ada@example.org']);
      assert.equal(mail!.subject, 'Your hour is booked');
      assert.match(mail!.data, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      assert.match(mail!.data.replace(/=\r\n/g, ''), /UID:exc_mail@talking-library/);
      const [job] = (await db.$client.execute("SELECT id FROM jobs WHERE dedupe_key = 'exchange:exc_mail:booked:0'")).rows;
      assert.equal(mail!.messageId, `<${String(job!.id)}@jobs.talking-library>`);
      // A rerun after a crash between send and done (at least once) sends the same message again, recognisably.
      await handler((await findJob(db, String(job!.id))) as Job, { db, clock: manualClock(), logger: recordingLogger().logger, now });
      assert.equal(sink.received[1]!.messageId, mail!.messageId);
    } finally {
      await sink.close();
    }
  });
});

describe('worker processes sharing one database file', () => {
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let db: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const children: ChildProcess[] = [];
  before(async () => {
    database = await tempDatabase();
    db = database.db;
    sink = await startSmtpSink();
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sink.close();
    await database.close();
  });
  beforeEach(async () => {
    await db.$client.execute('DELETE FROM jobs');
    sink.received.length = 0;
  });

  /** `talking-library worker` as its own process, from the sources, on the test's database and SMTP server. */
  function workerProcess(...args: string[]): ChildProcess & { output: () => string } {
    const child = spawn(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', 'server/src/cli.ts', 'worker', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, SMTP_URL: sink.url, MAIL_FROM: 'Talking Library <library@example.org>', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    children.push(child);
    return Object.assign(child, { output: () => output });
  }

  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => resolve({ code, signal }));
    });

  async function enqueueMails(count: number) {
    const statements = Array.from({ length: count }, (_, i) => mailStatement({ to: `person${i}@example.org`, subject: `Mail ${i}`, text: `Message ${i}.` }, { dedupeKey: `test:mail:${i}`, libraryId: null }));
    await db.$client.batch(statements, 'write');
  }

  function deliveriesPerSubject(): Map<string, number> {
    const seen = new Map<string, number>();
    for (const mail of sink.received) seen.set(mail.subject, (seen.get(mail.subject) ?? 0) + 1);
    return seen;
  }

  test('two workers on one database deliver 200 due mails, each exactly once, and leave every job done; SIGTERM stops each cleanly', { timeout: 180_000 }, async () => {
    await enqueueMails(200);
    const a = workerProcess('--poll-seconds', '1');
    const b = workerProcess('--poll-seconds', '1');
    await eventually('every mail job is done', async () => (await openJobs(db)) === 0, 150_000);
    const seen = deliveriesPerSubject();
    assert.equal(seen.size, 200);
    assert.deepEqual([...seen.values()].filter((n) => n !== 1), [], 'no mail delivered twice');
    assert.equal(sink.received.length, 200);
    const attempts = await db.$client.execute('SELECT max(attempts) AS most, count(*) AS n FROM jobs WHERE done_at IS NOT NULL');
    assert.equal(Number(attempts.rows[0]!.n), 200);
    assert.equal(Number(attempts.rows[0]!.most), 1, 'no job was started twice');
    for (const child of [a, b]) {
      child.kill('SIGTERM');
      const { code } = await exited(child);
      assert.equal(code, 0, child.output());
      assert.match(child.output(), /Worker stopped\./);
    }
  });

  test('a worker killed mid-lease leaves its jobs to another, which takes them over once the lease has passed and delivers each once', { timeout: 180_000 }, async () => {
    await enqueueMails(25);
    // The first worker's SMTP conversations hang after their data, so it dies holding its jobs.
    sink.stalling = true;
    const doomed = workerProcess('--poll-seconds', '1', '--lease-seconds', '3');
    await eventually('the first worker is mid-send on a full batch', () => sink.stalled === 10, 60_000);
    doomed.kill('SIGKILL');
    await exited(doomed);
    sink.stalling = false;
    const held = await db.$client.execute('SELECT id, lease_expires_at FROM jobs WHERE lease_owner IS NOT NULL');
    assert.equal(held.rows.length, 10, 'the dead worker holds its batch');
    const leaseEnd = String(held.rows[0]!.lease_expires_at);

    const heir = workerProcess('--poll-seconds', '1', '--lease-seconds', '3');
    await eventually('every mail job is done', async () => (await openJobs(db)) === 0, 150_000);
    const seen = deliveriesPerSubject();
    assert.equal(seen.size, 25);
    assert.deepEqual([...seen.values()].filter((n) => n !== 1), [], 'each accepted exactly once');
    for (const row of held.rows) {
      const job = await findJob(db, String(row.id));
      assert.equal(job!.attempts, 2, 'taken over: a second attempt');
      assert.ok(job!.doneAt! >= leaseEnd, 'not before the dead worker’s lease had passed');
    }
    heir.kill('SIGTERM');
    assert.equal((await exited(heir)).code, 0, heir.output());
  });

  test('a production worker without SMTP_URL refuses to start, saying why, and sends nothing', async () => {
    await enqueueMails(1);
    const child = spawn(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', 'server/src/cli.ts', 'worker', '--once'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, NODE_ENV: 'production', SECRET_KEY: 'ef'.repeat(32) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const { code } = await exited(child);
    assert.equal(code, 1);
    assert.match(stderr, /A production worker needs SMTP_URL/);
    assert.equal(await openJobs(db), 1);
  });

  test('worker --once runs what is due and exits', async () => {
    await enqueueMails(3);
    const once = workerProcess('--once');
    const { code } = await exited(once);
    assert.equal(code, 0, once.output());
    assert.match(once.output(), /Ran 3 jobs\./);
    assert.equal(await openJobs(db), 0);
    assert.equal(sink.received.length, 3);
  });
});

describe('the worker a server runs in its own process', () => {
  test('sends due mail through the server’s mailer and delivers due webhook messages, signed, with no one calling it', async () => {
    const server = await startTestServer({ seed: true, worker: { pollMs: 20 } });
    const receiver = await startWebhookReceiver();
    try {
      const coordinator = bearer(await demoSession(server, 'coordinator'));
      const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Hooked in-process' }, coordinator));
      const hooked = await server.request(`/v1/libraries/demo/partners/${partner.body.id}`, send('PATCH', { webhookUrl: `${receiver.url}/in-process` }, coordinator));
      assert.equal(hooked.status, 200, JSON.stringify(hooked.body));
      receiver.secret('/in-process', hooked.body.webhookSecret);

      const demo = await libraryId(server.db);
      const now = server.clock.now();
      await server.db.$client.batch(
        [
          webhookEventStatement({ libraryId: demo, type: 'request.created', data: { id: 'req_inprocess' }, now }),
          mailStatement({ to: 'ada@example.org', subject: 'From the in-process worker', text: 'Hello.' }, { dedupeKey: 'test:in-process:mail', libraryId: demo }),
        ],
        'write',
      );
      await eventually('the webhook message arrives', () => receiver.at('/in-process').length === 1);
      assert.equal(receiver.at('/in-process')[0]!.verified.ok, true);
      await eventually('the mail is in the outbox', () => server.outbox!.messages.some((m) => m.subject === 'From the in-process worker'));
    } finally {
      await receiver.close();
      await server.close();
    }
  });
});
