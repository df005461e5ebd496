import { hostname } from 'node:os';
import type { Clock } from './clock.js';
import type { Database } from './db/index.js';
import { claimJobs, completeJob, failJob, type Backoff, type Job } from './domain/jobs.js';
import { newId } from './ids.js';
import { errorForLog, type Logger } from './logger.js';

/** What a handler may use besides its job. */
export interface JobContext {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The time the job was claimed at: handlers pass it on as `now`. */
  now: Date;
}

/**
 * Runs one job. At least once: it may run again after a crash between its effect and the record
 * that it is done (domain/jobs.ts), so it must be idempotent. Throwing fails this attempt.
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

/** Something else each tick does (delivering due webhooks): errors are logged, and the loop goes on. */
export type WorkerTask = (ctx: Omit<JobContext, 'now'> & { now: Date; owner: string }) => Promise<unknown>;

export interface WorkerOptions {
  db: Database;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /** Unique per worker; a default names the host, the process and this start. */
  owner?: string | undefined;
  /** How long to wait after a tick that found less than a batch. */
  pollMs?: number | undefined;
  logger: Logger;
  extraTasks?: readonly WorkerTask[] | undefined;
  /** How long a claim holds: every handler must finish well within it. */
  leaseMs?: number | undefined;
  /** Jobs claimed at a time. */
  batchSize?: number | undefined;
  backoff?: Backoff | undefined;
  /** `false`: no loop; whoever holds the worker calls `runOnce` (tests, `worker --once`). */
  autostart?: boolean | undefined;
}

export interface Worker {
  owner: string;
  /** Finishes the tick under way (its jobs are completed or failed), then stops. */
  stop(): Promise<void>;
  /** One tick: the extra tasks, then a batch of due jobs. Returns how many jobs it ran. */
  runOnce(): Promise<number>;
}

export const DEFAULT_LEASE_MS = 120_000;

/** A worker owner: host, process and a random part, so a restarted process is a new owner. */
export const workerOwner = () => `${hostname()}:${process.pid}:${newId('wrk')}`;

/**
 * Starts the loop: each tick runs the extra tasks and one batch of due jobs, and runs again at
 * once while batches come back full, else after `pollMs`. Nothing a handler or task throws, nor a
 * database that is briefly away, ends the loop: it is logged, and the next tick tries again.
 */
export function startWorker(options: WorkerOptions): Worker {
  const worker = createWorker(options);
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticking: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  const loop = async () => {
    while (!stopped) {
      let ran = 0;
      try {
        ran = await worker.runOnce();
      } catch (error) {
        options.logger.error('worker tick failed', { owner: worker.owner, error: errorForLog(error) });
      }
      if (stopped) break;
      if (ran >= worker.batchSize) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
      });
    }
  };
  if (options.autostart !== false) ticking = loop();

  return {
    owner: worker.owner,
    runOnce: worker.runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await ticking;
    },
  };
}

/** The tick without the loop. */
function createWorker(options: WorkerOptions) {
  const { db, clock, handlers, logger } = options;
  const owner = options.owner ?? workerOwner();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? 10;
  const extraTasks = options.extraTasks ?? [];

  const runJob = async (job: Job, now: Date): Promise<void> => {
    const handler = handlers[job.kind];
    try {
      // A kind without a handler here may belong to a newer worker: failing it retries it later, there.
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      await handler(job, { db, clock, logger, now });
    } catch (error) {
      const outcome = await failJob(db, job, { now: clock.now(), error, backoff: options.backoff });
      logger.error('job failed', { owner, jobId: job.id, kind: job.kind, attempt: job.attempts, outcome, error: errorForLog(error) });
      return;
    }
    if (!(await completeJob(db, job, clock.now()))) {
      logger.error('job finished after its lease was taken over', { owner, jobId: job.id, kind: job.kind, attempt: job.attempts });
    }
  };

  const runOnce = async (): Promise<number> => {
    for (const task of extraTasks) {
      try {
        await task({ db, clock, logger, now: clock.now(), owner });
      } catch (error) {
        logger.error('worker task failed', { owner, error: errorForLog(error) });
      }
    }
    const now = clock.now();
    const jobs = await claimJobs(db, { owner, now, leaseMs, limit: batchSize });
    // Side by side: every lease of the batch started at the claim, so a job waiting behind the
    // others' SMTP conversations could outlive its lease and be started again elsewhere.
    await Promise.all(
      jobs.map((job) =>
        runJob(job, now).catch((error: unknown) => {
          // Recording the outcome failed (the database went away): the lease runs out and the job is run again.
          logger.error('job outcome not recorded', { owner, jobId: job.id, kind: job.kind, error: errorForLog(error) });
        }),
      ),
    );
    return jobs.length;
  };

  return { owner, batchSize, runOnce };
}
