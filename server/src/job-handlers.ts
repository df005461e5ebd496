import type { AppConfig } from './config.js';
import type { SecretBox } from './domain/secret-box.js';
import { deliverDueWebhooks } from './domain/webhooks.js';
import type { Mailer } from './mail/mailer.js';
import { MAIL_JOB, mailJobHandler } from './mail/mail-jobs.js';
import type { JobHandler, WorkerTask } from './worker.js';

/** What the handlers need from the process that runs them. */
export interface WorkerDeps {
  mailer: Mailer;
  /** Opens partners' webhook signing secrets. */
  secretBox: SecretBox;
  /** Decides which webhook URLs may be sent to. */
  env: AppConfig['env'];
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

/** Work each tick does besides jobs: webhook messages, which are due work in their own leased table. */
export function workerTasks(deps: WorkerDeps): WorkerTask[] {
  return [({ db, logger, now, owner }) => deliverDueWebhooks({ db, secretBox: deps.secretBox, logger, env: deps.env }, { now, owner })];
}
