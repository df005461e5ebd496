import type { AppConfig } from './config.js';
import type { SecretBox } from './domain/secret-box.js';
import { autoCompleteDue, lapseDue } from './domain/exchanges.js';
import { tellRequestsLapsed } from './domain/request-alerts.js';
import { lapseDueRequests } from './domain/requests.js';
import { makeSurveysDue, remindSurveys } from './domain/survey-due.js';
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

/**
 * Work each tick does besides jobs: webhook messages, which are due work in their own leased table,
 * and the changes that time alone makes (lapses, auto-completion, surveys falling due). Those are sweeps over the rows'
 * own due times, not jobs: each change is a guarded write of the state machine, so two workers
 * sweeping at once change a row once, and the one whose write lost finds nothing to do (and queues no mail).
 */
export function workerTasks(deps: WorkerDeps): WorkerTask[] {
  return [
    ({ db, logger, now, owner }) => deliverDueWebhooks({ db, secretBox: deps.secretBox, logger, env: deps.env }, { now, owner }),
    // Each change queues its own mail and webhook in its write, so a sweep has nothing to send after.
    ({ db, now }) => sweep((limit) => lapseDue(db, { now, limit })).then(() => sweep((limit) => autoCompleteDue(db, { now, limit }))),
    // Only the sweep whose UPDATE lapsed a request gets its id back, so its owner is told once.
    async ({ db, now }) => tellRequestsLapsed(db, deps.mailer, await lapseDueRequests(db, { now })),
    // After the exchange sweep, so an hour completed by itself this tick has its surveys this tick.
    // Each survey is made once by its unique occasion, each reminder once by its mail's dedupe key.
    ({ db, now }) => makeSurveysDue(db, { now }).then(() => sweep((limit) => remindSurveys(db, { now, limit }))),
  ];
}

const SWEEP_LIMIT = 100;

/** Runs a due sweep until a call comes back short: a backlog (a worker that was down for a day) clears in one tick. */
async function sweep(run: (limit: number) => Promise<string[]>): Promise<void> {
  while ((await run(SWEEP_LIMIT)).length >= SWEEP_LIMIT);
}
