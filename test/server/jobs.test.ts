import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  cancelJobs,
  cancelJobsStatement,
  claimJobs,
  completeJob,
  completeJobStatement,
  DEFAULT_BACKOFF,
  enqueue,
  enqueueStatement,
  failJob,
  findJob,
  findJobByDedupeKey,
  retryDelayMs,
} from '../../server/src/domain/jobs.js';
import { mailStatement, MAIL_JOB } from '../../server/src/mail/mail-jobs.js';
import { addLibrary } from '../helpers/fixtures.js';
import { tempDatabase } from '../helpers/temp-db.js';
import type { Database } from '@talking-library/server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let db: Database;
let libraryId: string;
before(async () => {
  database = await tempDatabase();
  db = database.db;
  libraryId = await addLibrary(db, 'jobs');
});
after(() => database.close());
// Each test starts with no jobs, so what one claims is only its own.
beforeEach(async () => void (await db.$client.execute('DELETE FROM jobs')));

const T0 = new Date('2027-01-10T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const LEASE = 60_000;
let keys = 0;
const key = (what = 'job') => `test:${what}:${++keys}`;
const count = async (where = '1') => Number((await db.$client.execute(`SELECT count(*) AS n FROM jobs WHERE ${where}`)).rows[0]!.n);

test('a job enqueued in the batch of a change exists when the change commits, and not when the batch fails', async () => {
  await db.$client.batch([{ sql: "UPDATE libraries SET description = 'changed' WHERE id = ?", args: [libraryId] }, enqueueStatement({ kind: 'note', libraryId, payload: { n: 1 }, runAt: T0, dedupeKey: key() })], 'write');
  assert.equal(await count(), 1);
  await assert.rejects(
    db.$client.batch([enqueueStatement({ kind: 'note', libraryId, payload: { n: 2 }, runAt: T0, dedupeKey: key() }), { sql: "INSERT INTO libraries (id, slug, name) VALUES ('x', 'jobs', 'taken slug')", args: [] }], 'write'),
  );
  assert.equal(await count(), 1, 'the failed batch left no job behind');
});

test('a job guarded by onlyIf is made only when its guard holds as the batch runs', async () => {
  const guarded = (description: string) => ({ sql: 'EXISTS (SELECT 1 FROM libraries WHERE id = ? AND description = ?)', args: [libraryId, description] });
  const kept = key('kept');
  const skipped = key('skipped');
  await db.$client.batch(
    [
      { sql: "UPDATE libraries SET description = 'guarded' WHERE id = ?", args: [libraryId] },
      enqueueStatement({ kind: 'note', libraryId, payload: null, dedupeKey: kept, onlyIf: guarded('guarded') }),
      enqueueStatement({ kind: 'note', libraryId, payload: null, dedupeKey: skipped, onlyIf: guarded('something else') }),
    ],
    'write',
  );
  assert.equal(await count(`dedupe_key = '${kept}'`), 1);
  assert.equal(await count(`dedupe_key = '${skipped}'`), 0);
});

test('scheduling the same due work twice makes one row, and enqueue returns the first job', async () => {
  const dedupeKey = key('reminder');
  const first = await enqueue(db, { kind: 'reminder', libraryId, payload: { v: 1 }, runAt: T0, dedupeKey });
  const second = await enqueue(db, { kind: 'reminder', libraryId, payload: { v: 2 }, runAt: at(5), dedupeKey });
  await db.$client.batch([enqueueStatement({ kind: 'reminder', libraryId, payload: { v: 3 }, runAt: at(9), dedupeKey })], 'write');
  assert.equal(second.id, first.id);
  assert.deepEqual(second.payload, { v: 1 });
  assert.equal(await count(), 1);
  assert.equal(second.runAt, T0.toISOString());
});

test('jobs without a dedupe key are each their own', async () => {
  await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  assert.equal(await count(), 2);
});

test('a dedupe key stays used once its job is done: the same key later schedules nothing', async () => {
  const dedupeKey = key();
  await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey });
  const [job] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  assert.ok(await completeJob(db, job!, T0));
  await enqueue(db, { kind: 'note', payload: null, runAt: at(10), dedupeKey });
  assert.deepEqual(await claimJobs(db, { owner: 'w1', now: at(20), leaseMs: LEASE, limit: 10 }), []);
});

test('a claim takes only due jobs, oldest due first, at most the limit, and leases them to its owner', async () => {
  const late = await enqueue(db, { kind: 'note', payload: 'late', runAt: at(30) });
  const second = await enqueue(db, { kind: 'note', payload: 'second', runAt: at(-1) });
  const first = await enqueue(db, { kind: 'note', payload: 'first', runAt: at(-5) });
  const third = await enqueue(db, { kind: 'note', payload: 'third', runAt: T0 });
  const claimed = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 2 });
  assert.deepEqual(claimed.map((j) => j.id), [first.id, second.id]);
  for (const job of claimed) {
    assert.equal(job.leaseOwner, 'w1');
    assert.equal(job.leaseExpiresAt, new Date(T0.getTime() + LEASE).toISOString());
    assert.equal(job.attempts, 1);
  }
  const next = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  assert.deepEqual(next.map((j) => j.id), [third.id], 'the late job is not due yet');
  assert.equal((await findJob(db, late.id))!.leaseOwner, null);
});

test('a job enqueued without runAt is due at once, whatever the clock says', async () => {
  const job = await enqueue(db, { kind: 'note', payload: null });
  const claimed = await claimJobs(db, { owner: 'w1', now: new Date('2001-01-01T00:00:00Z'), leaseMs: LEASE, limit: 10 });
  assert.deepEqual(claimed.map((j) => j.id), [job.id]);
});

test('a leased job is no other worker’s until its lease has passed; then it is taken over and counted as a second attempt', async () => {
  const job = await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  const [held] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  assert.deepEqual(await claimJobs(db, { owner: 'w2', now: new Date(T0.getTime() + LEASE - 1), leaseMs: LEASE, limit: 10 }), []);
  const [taken] = await claimJobs(db, { owner: 'w2', now: new Date(T0.getTime() + LEASE), leaseMs: LEASE, limit: 10 });
  assert.equal(taken?.id, job.id);
  assert.equal(taken?.leaseOwner, 'w2');
  assert.equal(taken?.attempts, 2);
  // The first claim no longer holds it: its outcome is not recorded.
  assert.equal(await completeJob(db, held!, at(2)), false);
  assert.equal(await failJob(db, held!, { now: at(2), error: new Error('late') }), 'lease_lost');
  assert.equal((await findJob(db, job.id))!.doneAt, null);
  assert.ok(await completeJob(db, taken!, at(2)));
});

test('the same owner claiming again after its own lease passed holds a new lease; the old claim cannot complete it', async () => {
  await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  const [old] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  const [renewed] = await claimJobs(db, { owner: 'w1', now: at(5), leaseMs: LEASE, limit: 10 });
  assert.equal(await completeJob(db, old!, at(5)), false);
  assert.ok(await completeJob(db, renewed!, at(5)));
});

test('a completed job is done and never claimed again', async () => {
  const job = await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  const [claimed] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  assert.ok(await completeJob(db, claimed!, at(1)));
  const done = await findJob(db, job.id);
  assert.equal(done!.doneAt, at(1).toISOString());
  assert.equal(done!.leaseOwner, null);
  assert.deepEqual(await claimJobs(db, { owner: 'w2', now: at(600), leaseMs: LEASE, limit: 10 }), []);
  assert.equal(await completeJob(db, claimed!, at(2)), false, 'completing twice records nothing');
});

test('a handler’s own writes and the completion can commit together', async () => {
  await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  const [claimed] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  await db.$client.batch([{ sql: "UPDATE libraries SET description = 'by the job' WHERE id = ?", args: [libraryId] }, completeJobStatement(claimed!, at(1))], 'write');
  assert.ok((await findJob(db, claimed!.id))!.doneAt);
});

test('retry delays double from the base with equal jitter, and stop growing at the cap', () => {
  const low = () => 0;
  const high = () => 1;
  assert.equal(retryDelayMs(1, DEFAULT_BACKOFF, low), 15_000);
  assert.equal(retryDelayMs(1, DEFAULT_BACKOFF, high), 30_000);
  assert.equal(retryDelayMs(2, DEFAULT_BACKOFF, high), 60_000);
  assert.equal(retryDelayMs(4, DEFAULT_BACKOFF, low), 120_000);
  assert.equal(retryDelayMs(50, DEFAULT_BACKOFF, high), DEFAULT_BACKOFF.maxMs);
  assert.equal(retryDelayMs(50, DEFAULT_BACKOFF, low), DEFAULT_BACKOFF.maxMs / 2);
  for (let i = 0; i < 100; i++) {
    const delay = retryDelayMs(3);
    assert.ok(delay >= 60_000 && delay <= 120_000, String(delay));
  }
});

test('a failed run keeps its error and is due again after the backoff, not before', async () => {
  const job = await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  const [claimed] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  assert.equal(await failJob(db, claimed!, { now: T0, error: new TypeError('SMTP said no'), random: () => 1 }), 'retry');
  const failed = await findJob(db, job.id);
  assert.equal(failed!.runAt, new Date(T0.getTime() + 30_000).toISOString());
  assert.equal(failed!.lastError, 'TypeError: SMTP said no');
  assert.equal(failed!.leaseOwner, null);
  assert.deepEqual(await claimJobs(db, { owner: 'w1', now: new Date(T0.getTime() + 29_999), leaseMs: LEASE, limit: 10 }), []);
  const [again] = await claimJobs(db, { owner: 'w1', now: new Date(T0.getTime() + 30_000), leaseMs: LEASE, limit: 10 });
  assert.equal(again!.attempts, 2);
  assert.equal(await failJob(db, again!, { now: new Date(T0.getTime() + 30_000), error: new Error('again'), random: () => 1 }), 'retry');
  assert.equal((await findJob(db, job.id))!.runAt, new Date(T0.getTime() + 90_000).toISOString(), 'the second wait is twice the first');
});

test('after its last attempt fails a job is given up, keeping its last error, and never claimed again', async () => {
  const job = await enqueue(db, { kind: 'note', payload: null, runAt: T0, maxAttempts: 3 });
  let now = T0;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [claimed] = await claimJobs(db, { owner: 'w1', now, leaseMs: LEASE, limit: 10 });
    assert.equal(claimed!.attempts, attempt);
    const outcome = await failJob(db, claimed!, { now, error: new Error(`failure ${attempt}`) });
    assert.equal(outcome, attempt < 3 ? 'retry' : 'gave_up');
    now = new Date(now.getTime() + DEFAULT_BACKOFF.maxMs);
  }
  const given = await findJob(db, job.id);
  assert.ok(given!.failedAt);
  assert.equal(given!.lastError, 'Error: failure 3');
  assert.equal(given!.doneAt, null);
  assert.deepEqual(await claimJobs(db, { owner: 'w1', now: at(100_000), leaseMs: LEASE, limit: 10 }), []);
});

test('a job whose workers keep dying is given up once the lease of its last attempt has passed', async () => {
  const job = await enqueue(db, { kind: 'note', payload: null, runAt: T0, maxAttempts: 2 });
  await claimJobs(db, { owner: 'dies-1', now: T0, leaseMs: LEASE, limit: 10 });
  await claimJobs(db, { owner: 'dies-2', now: at(2), leaseMs: LEASE, limit: 10 });
  assert.deepEqual(await claimJobs(db, { owner: 'w3', now: at(4), leaseMs: LEASE, limit: 10 }), []);
  const given = await findJob(db, job.id);
  assert.ok(given!.failedAt);
  assert.match(given!.lastError!, /lease ran out at attempt 2 of 2/);
});

test('cancelling by prefix cancels the jobs still to do under it, exactly (case and wildcards are literal), and they are never claimed', async () => {
  const reminder = await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey: 'exchange:exc_A:reminder:24h' });
  const survey = await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey: 'exchange:exc_A:survey' });
  const other = await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey: 'exchange:exc_AB:reminder:24h' });
  const upper = await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey: 'EXCHANGE:exc_A:reminder' });
  const star = await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey: 'exchange:exc_Z:x' });
  const unkeyed = await enqueue(db, { kind: 'note', payload: null, runAt: T0 });
  assert.equal(await cancelJobs(db, { dedupeKeyPrefix: 'exchange:exc_A:', now: at(1) }), 2);
  assert.equal(await cancelJobs(db, { dedupeKeyPrefix: 'exchange:*', now: at(1) }), 0, 'a * in the prefix is a *');
  assert.equal((await findJob(db, reminder.id))!.cancelledAt, at(1).toISOString());
  assert.ok((await findJob(db, survey.id))!.cancelledAt);
  const claimed = await claimJobs(db, { owner: 'w1', now: at(2), leaseMs: LEASE, limit: 10 });
  assert.deepEqual(claimed.map((j) => j.id).sort(), [other.id, upper.id, star.id, unkeyed.id].sort());
});

test('cancelling by keys cancels those jobs only, in the batch of the change, and leaves done jobs done', async () => {
  const a = await enqueue(db, { kind: 'note', payload: null, runAt: T0, dedupeKey: key() });
  const b = await enqueue(db, { kind: 'note', payload: null, runAt: at(30), dedupeKey: key() });
  const c = await enqueue(db, { kind: 'note', payload: null, runAt: at(30), dedupeKey: key() });
  const [claimed] = await claimJobs(db, { owner: 'w1', now: T0, leaseMs: LEASE, limit: 10 });
  await completeJob(db, claimed!, T0);
  await db.$client.batch([{ sql: "UPDATE libraries SET description = 'cancelled' WHERE id = ?", args: [libraryId] }, cancelJobsStatement({ dedupeKeys: [a.dedupeKey!, b.dedupeKey!], now: at(1) })], 'write');
  assert.equal((await findJob(db, a.id))!.cancelledAt, null, 'a done job stays done');
  assert.ok((await findJob(db, b.id))!.cancelledAt);
  assert.equal((await findJob(db, c.id))!.cancelledAt, null);
  assert.deepEqual((await claimJobs(db, { owner: 'w1', now: at(40), leaseMs: LEASE, limit: 10 })).map((j) => j.id), [c.id]);
  assert.throws(() => cancelJobsStatement({ dedupeKeyPrefix: '', now: T0 }), RangeError);
});

test('a mail statement is a mail job with the message as its payload, deduplicated by its key', async () => {
  const message = { to: 'ada@example.org', subject: 'Booked', text: 'See you then.', calendar: { method: 'REQUEST' as const, content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' } };
  const dedupeKey = key('mail');
  await db.$client.batch([mailStatement(message, { dedupeKey, libraryId }), mailStatement({ ...message, subject: 'Twice' }, { dedupeKey, libraryId })], 'write');
  const job = await findJobByDedupeKey(db, dedupeKey);
  assert.equal(job!.kind, MAIL_JOB);
  assert.equal(job!.libraryId, libraryId);
  assert.deepEqual(job!.payload, message);
  assert.equal(await count(), 1);
});

test('many claims at once over two connections to one file never hand one job to two workers', async () => {
  const other = await database.open();
  for (let i = 0; i < 120; i++) await db.$client.execute(enqueueStatement({ kind: 'note', payload: i, runAt: T0 }));
  const claims = await Promise.all(
    Array.from({ length: 24 }, (_, i) => claimJobs(i % 2 ? db : other, { owner: `w${i}`, now: at(1), leaseMs: LEASE, limit: 7 })),
  );
  const ids = claims.flat().map((j) => j.id);
  assert.equal(new Set(ids).size, ids.length, 'no job claimed twice');
  assert.equal(ids.length, 120);
  const leased = await db.$client.execute('SELECT lease_owner, count(*) AS n FROM jobs GROUP BY lease_owner');
  for (const row of leased.rows) assert.equal(Number(row.n), claims[Number(String(row.lease_owner).slice(1))]!.length);
});
