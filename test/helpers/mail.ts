import { silentLogger, startWorker, type Clock, type Database, type Mailer, type MailMessage } from '@talking-library/server';
import { MAIL_JOB, mailJobHandler } from '../../server/src/mail/mail-jobs.js';

/**
 * Sends the mail jobs due by the server's clock, as the worker would, and nothing else: no sweeps
 * or webhooks, which a test that runs those by hand would have racing it. Exchange mail is a job
 * made in the change's own batch, so a test sends it before looking for it. Returns what it sent
 * (the outbox keeps only the latest 50, and a clock moved on makes many reminders due at once).
 */
export async function sendDueMail(server: { db: Database; clock: Clock; outbox?: Mailer | undefined }, mailer: Mailer = server.outbox!): Promise<MailMessage[]> {
  const sent: MailMessage[] = [];
  const recording: Mailer = { send: async (message) => (await mailer.send(message), void sent.push(message)) };
  const worker = startWorker({ db: server.db, clock: server.clock, logger: silentLogger, owner: 'test-mail', handlers: { [MAIL_JOB]: mailJobHandler(recording) }, autostart: false });
  while ((await worker.runOnce()) > 0);
  return sent;
}
