import type { InStatement, Row } from '@libsql/client';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import type { SqlGuard } from './ledger.js';

/**
 * Due work as rows of `jobs`, run by workers (worker.ts) that claim them with a lease.
 *
 * Guarantee: **at least once**. A job is done when its worker records it done; a worker that dies,
 * or loses its lease, between doing the work and recording it leaves the job to be run again once
 * the lease has passed. So every handler must be idempotent: a handler that only writes to the
 * database can put its writes and `completeJobStatement` in one batch (then a rerun finds the job
 * done and does nothing); one with an outside effect (mail, a webhook) cannot be made exactly-once,
 * and should make a repeat recognisable (the mail handler gives every attempt of a job the same
 * Message-ID) and keep the window small (record done straight after the effect).
 *
 * Every write here is one statement, so it is atomic on an embedded file, sqld and Turso alike,
 * and two workers on one database never hold the same job: the claim's UPDATE picks and leases its
 * rows in the same statement.
 */

export interface Job {
  id: string;
  libraryId: string | null;
  kind: string;
  payload: unknown;
  runAt: string;
  dedupeKey: string | null;
  /** Starts so far, this one included when the job was just claimed. */
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  doneAt: string | null;
  cancelledAt: string | null;
  failedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface EnqueueInput {
  kind: string;
  libraryId?: string | null | undefined;
  /** Anything JSON can carry; the handler gets it back parsed. */
  payload: unknown;
  /** Not before this time; omitted, the job is due at once, whatever any clock says. */
  runAt?: Date | undefined;
  /**
   * Names the due work: a second job with a key already used (by a job pending, done or
   * cancelled) is not made. A key is used once for ever, so work scheduled again after a change
   * (a reschedule) needs a new key, e.g. one carrying the invite's sequence.
   */
  dedupeKey?: string | null | undefined;
  maxAttempts?: number | undefined;
  /**
   * Only if this holds as the batch runs (`EXISTS (SELECT 1 FROM exchanges WHERE id = ? AND version = ?)`):
   * the job of a change whose guarded UPDATE lost a race, and so wrote nothing, is not made either.
   */
  onlyIf?: SqlGuard | undefined;
}

/** Due at once: not before the start of time, so any clock, a test's or a moved one, finds it due. */
export const AS_SOON_AS_POSSIBLE = new Date(0);

export const DEFAULT_MAX_ATTEMPTS = 10;

const JOB_COLUMNS = `id, library_id, kind, payload, run_at, dedupe_key, attempts, max_attempts, lease_owner, lease_expires_at,
  done_at, cancelled_at, failed_at, last_error, created_at`;
/** A job still to do: the same words as the `jobs_due` index's, so the claim can use it. */
const OPEN = 'done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL';

/**
 * The INSERT of one job, to run in the same write batch as the change that makes the work due:
 * the job exists if and only if the change committed. With a dedupe key already used, it inserts
 * nothing (and fails nothing).
 */
export function enqueueStatement(input: EnqueueInput): InStatement {
  return insertJob(newId('job'), input);
}

function insertJob(id: string, input: EnqueueInput): InStatement {
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number of at least 1');
  // ON CONFLICT names the one conflict to ignore; any other broken rule (no such library) fails the batch.
  // INSERT … SELECT, so a guard can decide; SQLite needs the WHERE there for the upsert to parse.
  const guard = input.onlyIf ?? { sql: '1', args: [] };
  return {
    sql: `INSERT INTO jobs (id, library_id, kind, payload, run_at, dedupe_key, max_attempts) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}
      ON CONFLICT (dedupe_key) DO NOTHING`,
    args: [id, input.libraryId ?? null, input.kind, JSON.stringify(input.payload ?? null), (input.runAt ?? AS_SOON_AS_POSSIBLE).toISOString(), input.dedupeKey ?? null, maxAttempts, ...guard.args],
  };
}

/** Schedules one job on its own. Returns the job, or the one its dedupe key already names. */
export async function enqueue(db: Database, input: EnqueueInput): Promise<Job> {
  const id = newId('job');
  const [, found] = await db.$client.batch(
    [insertJob(id, input), { sql: `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ? OR (? IS NOT NULL AND dedupe_key = ?)`, args: [id, input.dedupeKey ?? null, input.dedupeKey ?? null] }],
    'write',
  );
  return toJob(found!.rows[0]!);
}

export type CancelInput = ({ dedupeKeyPrefix: string; dedupeKeys?: never } | { dedupeKeys: readonly string[]; dedupeKeyPrefix?: never }) & { now: Date };

/**
 * Cancels the jobs still to do whose dedupe keys start with the prefix (`exchange:exc_1:`), or are
 * among the keys; for the batch that makes the work moot. A job running at the time finishes its
 * run, but is not run again.
 */
export function cancelJobsStatement(input: CancelInput): InStatement {
  const now = input.now.toISOString();
  if (input.dedupeKeyPrefix !== undefined) {
    if (!input.dedupeKeyPrefix) throw new RangeError('dedupeKeyPrefix must not be empty: it would cancel every keyed job');
    // GLOB is case-sensitive (LIKE is not) and can use the unique index; its wildcards in the prefix are bracketed.
    const pattern = `${input.dedupeKeyPrefix.replace(/[*?[]/g, '[$&]')}*`;
    return { sql: `UPDATE jobs SET cancelled_at = ? WHERE dedupe_key GLOB ? AND ${OPEN}`, args: [now, pattern] };
  }
  const keys = [...input.dedupeKeys];
  if (keys.length === 0) return { sql: 'SELECT 0 WHERE 0', args: [] };
  return { sql: `UPDATE jobs SET cancelled_at = ? WHERE dedupe_key IN (${keys.map(() => '?').join(', ')}) AND ${OPEN}`, args: [now, ...keys] };
}

export async function cancelJobs(db: Database, input: CancelInput): Promise<number> {
  return (await db.$client.execute(cancelJobsStatement(input))).rowsAffected;
}

export interface ClaimInput {
  /** Who claims: unique per worker process (and per start of it). */
  owner: string;
  now: Date;
  /** How long the claim holds: the handler must finish well within it, or another worker may start the job too. */
  leaseMs: number;
  limit: number;
}

/**
 * Leases up to `limit` due jobs to `owner`, oldest due first: jobs still to do, due by now, and
 * not leased or leased by a claim that has passed. One UPDATE … RETURNING chooses and leases them,
 * so no other claim, from this process or another, can take the same rows. The lease's expiry is
 * its identity: completion and failure are guarded by owner and expiry together, so a worker whose
 * job was taken over cannot record the new run's outcome.
 *
 * A job whose lease ran out at its last attempt (its workers kept dying) is given up here.
 */
export async function claimJobs(db: Database, input: ClaimInput): Promise<Job[]> {
  const now = input.now.toISOString();
  const leaseExpiresAt = new Date(input.now.getTime() + input.leaseMs).toISOString();
  // Most ticks find nothing due: a read spares them a write transaction. Only the UPDATE claims.
  const due = await db.$client.execute({
    sql: `SELECT 1 FROM jobs WHERE ${OPEN} AND run_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?) LIMIT 1`,
    args: [now, now],
  });
  if (due.rows.length === 0) return [];
  const [, claimed] = await db.$client.batch(
    [
      {
        sql: `UPDATE jobs SET failed_at = ?, lease_owner = NULL, lease_expires_at = NULL,
            last_error = coalesce(last_error || '; ', '') || 'its lease ran out at attempt ' || attempts || ' of ' || max_attempts
          WHERE ${OPEN} AND lease_expires_at <= ? AND attempts >= max_attempts`,
        args: [now, now],
      },
      {
        sql: `UPDATE jobs SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1
          WHERE id IN (
            SELECT id FROM jobs WHERE ${OPEN} AND run_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
            ORDER BY run_at, id LIMIT ?)
          RETURNING ${JOB_COLUMNS}`,
        args: [input.owner, leaseExpiresAt, now, now, input.limit],
      },
    ],
    'write',
  );
  return claimed!.rows.map(toJob).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : 1));
}

/** The claim a completion or failure must still hold. */
type Lease = Pick<Job, 'id' | 'leaseOwner' | 'leaseExpiresAt'>;

/**
 * Records a claimed job done, in a batch with the handler's own writes. Changes nothing when the
 * lease is no longer this claim's (taken over) or the job is done already.
 */
export function completeJobStatement(job: Lease, now: Date): InStatement {
  return {
    sql: `UPDATE jobs SET done_at = ?, lease_owner = NULL, lease_expires_at = NULL
      WHERE id = ? AND lease_owner = ? AND lease_expires_at = ? AND done_at IS NULL`,
    args: [now.toISOString(), job.id, job.leaseOwner, job.leaseExpiresAt],
  };
}

/** Records a claimed job done. False when this claim no longer held it, so the record was not made. */
export async function completeJob(db: Database, job: Lease, now: Date): Promise<boolean> {
  return (await db.$client.execute(completeJobStatement(job, now))).rowsAffected === 1;
}

export interface Backoff {
  /** The wait after the first failure; each later one doubles it. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 6 * 60 * 60_000 };

/**
 * How long to wait after the `attempts`-th failure: base × 2^(attempts−1), capped, then a random
 * half of it dropped ("equal jitter"), so jobs that failed together (an SMTP server down) do not
 * all come back in the same second, and no retry comes sooner than half its step.
 */
export function retryDelayMs(attempts: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)));
  return Math.round(step / 2 + (step / 2) * random());
}

export type FailOutcome = 'retry' | 'gave_up' | 'lease_lost';

/** What a failure keeps of its error: its kind and message, never a stack, and not without end. */
export function describeJobError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `a non-Error value was thrown: ${String(error)}`;
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

/**
 * Records that a claimed job's run failed: it is due again after `retryDelayMs`, or, at its last
 * attempt, given up (`failed_at`), keeping the error either way. `lease_lost` when this claim no
 * longer held the job (nothing was recorded).
 */
export async function failJob(
  db: Database,
  job: Lease & Pick<Job, 'attempts'>,
  input: { now: Date; error: unknown; backoff?: Backoff | undefined; random?: (() => number) | undefined },
): Promise<FailOutcome> {
  const now = input.now.toISOString();
  const retryAt = new Date(input.now.getTime() + retryDelayMs(job.attempts, input.backoff, input.random)).toISOString();
  const result = await db.$client.execute({
    sql: `UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL, last_error = ?,
        failed_at = CASE WHEN attempts >= max_attempts THEN ? END,
        run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE ? END
      WHERE id = ? AND lease_owner = ? AND lease_expires_at = ? AND ${OPEN}
      RETURNING failed_at`,
    args: [describeJobError(input.error), now, retryAt, job.id, job.leaseOwner, job.leaseExpiresAt],
  });
  const row = result.rows[0];
  if (!row) return 'lease_lost';
  return row.failed_at === null ? 'retry' : 'gave_up';
}

/** One job as it is now (tests, operators). */
export async function findJob(db: Database, id: string): Promise<Job | undefined> {
  const result = await db.$client.execute({ sql: `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`, args: [id] });
  return result.rows[0] ? toJob(result.rows[0]) : undefined;
}

/** The job a dedupe key names, if any. */
export async function findJobByDedupeKey(db: Database, dedupeKey: string): Promise<Job | undefined> {
  const result = await db.$client.execute({ sql: `SELECT ${JOB_COLUMNS} FROM jobs WHERE dedupe_key = ?`, args: [dedupeKey] });
  return result.rows[0] ? toJob(result.rows[0]) : undefined;
}

function toJob(row: Row): Job {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    id: String(row.id),
    libraryId: text('library_id'),
    kind: String(row.kind),
    payload: JSON.parse(String(row.payload)),
    runAt: String(row.run_at),
    dedupeKey: text('dedupe_key'),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: text('lease_expires_at'),
    doneAt: text('done_at'),
    cancelledAt: text('cancelled_at'),
    failedAt: text('failed_at'),
    lastError: text('last_error'),
    createdAt: String(row.created_at),
  };
}
