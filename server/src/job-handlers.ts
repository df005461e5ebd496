import type { Mailer } from './mail/mailer.js';
import { MAIL_JOB, mailJobHandler } from './mail/mail-jobs.js';
import type { JobHandler, WorkerTask } from './worker.js';

/** What the handlers need from the process that runs them. */
export interface WorkerDeps {
  mailer: Mailer;
}

/**
 * Every kind of job, and who runs it: the one list `serve` and `talking-library worker` both run.
 * A module that schedules a new kind adds its handler here.
 */
export function jobHandlers(deps: WorkerDeps): Record<string, JobHandler> {
  return {
    [MAIL_JOB]: mailJobHandler(deps.mailer),
  };
}

/** Work each tick does besides jobs (due webhook deliveries, from their own leased table). */
export function workerTasks(_deps: WorkerDeps): WorkerTask[] {
  return [];
}
