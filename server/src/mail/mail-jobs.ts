import type { InStatement } from '@libsql/client';
import { enqueueStatement, type Job } from '../domain/jobs.js';
import type { SqlGuard } from '../domain/ledger.js';
import type { JobHandler } from '../worker.js';
import type { MailMessage, Mailer } from './mailer.js';

export const MAIL_JOB = 'mail';

/** Attempts before a mail is given up: with the default backoff, between half an hour and an hour of retries. */
const MAIL_MAX_ATTEMPTS = 8;

/**
 * A message as due work, for the batch of the change it reports (an exchange booked): the mail
 * goes out if and only if the change commits, even if the server stops the moment after.
 * `dedupeKey` names the message (`exchange:exc_1:booked:1`): the same key twice sends once.
 */
export function mailStatement(
  message: MailMessage,
  options: { dedupeKey: string; libraryId: string | null; runAt?: Date | undefined; onlyIf?: SqlGuard | undefined },
): InStatement {
  const { to, subject, text, calendar } = message;
  return enqueueStatement({
    kind: MAIL_JOB,
    libraryId: options.libraryId,
    payload: { to, subject, text, ...(calendar ? { calendar } : {}) },
    runAt: options.runAt,
    dedupeKey: options.dedupeKey,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    onlyIf: options.onlyIf,
  });
}

/** The Message-ID every attempt of one mail job sends, so a repeat is the same message to whoever receives both. */
export const mailMessageId = (job: Pick<Job, 'id'>) => `<${job.id}@jobs.talking-library>`;

/**
 * Sends a mail job through the mailer. At least once: a worker that dies after the SMTP server
 * took the message but before the job is recorded done sends it again when the job is taken over.
 * Nothing can close that window with SMTP (it has no two-phase commit); the worker records the job
 * done straight after the send, and the repeat carries the same Message-ID, which mail systems
 * that deduplicate use and people can see.
 */
export function mailJobHandler(mailer: Mailer): JobHandler {
  return async (job) => {
    const message = job.payload as MailMessage;
    await mailer.send({ ...message, messageId: mailMessageId(job) });
  };
}
