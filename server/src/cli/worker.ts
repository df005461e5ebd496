import { z } from 'zod';
import { systemClock } from '../clock.js';
import { ConfigError } from '../config.js';
import { jobHandlers, workerTasks } from '../job-handlers.js';
import { stdoutLogger } from '../stdout-logger.js';
import { DevOutbox } from '../mail/dev-outbox.js';
import type { Mailer } from '../mail/mailer.js';
import { smtpMailer } from '../mail/smtp.js';
import { startWorker } from '../worker.js';
import { check, optional, type Command, type Values } from './command.js';
import { withDatabase } from './database.js';

const error = 'must be a whole number of seconds, 1 to 3600';
const Seconds = z.coerce.number({ error }).int({ error }).min(1, { error }).max(3600, { error });

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run due work (mail, reminders, webhook messages) from the database until stopped, without serving the API',
  synopsis: '[--once] [--poll-seconds <n>] [--lease-seconds <n>]',
  details: `Claims due jobs from DATABASE_URL with a lease, so any number of workers (and servers, which run one
in-process) may share a database: each job runs on one of them at a time, and a worker that dies leaves its
jobs to the others once their leases have passed. Mail goes over SMTP_URL (required in production; in
development, without it, mail is printed here). Stops cleanly on Ctrl-C or SIGTERM, finishing the jobs it holds.

  --once               run what is due until nothing is left, then exit (for cron)
  --poll-seconds <n>   how often to look for due work when there is none (default 1)
  --lease-seconds <n>  how long a claimed job is this worker's before others may take it over (default 120;
                       keep it above a minute: one SMTP conversation may take up to that)`,
  options: {
    once: { type: 'boolean' },
    'poll-seconds': { type: 'string' },
    'lease-seconds': { type: 'string' },
  },
  async run(values, io) {
    const pollSeconds = seconds(values, 'poll-seconds') ?? 1;
    const leaseSeconds = seconds(values, 'lease-seconds') ?? 120;
    await withDatabase(io, async ({ db, config, secretBox }) => {
      if (config.env === 'production' && !config.smtpUrl) throw new ConfigError('A production worker needs SMTP_URL: due mail must go by email, not to the worker’s output.');
      const mailer: Mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : new DevOutbox((m) => io.out(`✉  Development outbox — to ${m.to}: ${m.subject}`));
      const logger = stdoutLogger();
      const worker = startWorker({
        db,
        clock: systemClock,
        logger,
        handlers: jobHandlers({ mailer, secretBox, env: config.env }),
        extraTasks: workerTasks({ mailer, secretBox, env: config.env }),
        pollMs: pollSeconds * 1000,
        leaseMs: leaseSeconds * 1000,
        autostart: !values.once,
      });
      if (values.once) {
        let ran = 0;
        for (let batch = await worker.runOnce(); batch > 0; batch = await worker.runOnce()) ran += batch;
        io.out(`Ran ${ran} job${ran === 1 ? '' : 's'}.`);
        return;
      }
      io.out(`Worker ${worker.owner} is running on ${describeDatabase(config.databaseUrl)}.`);
      await untilSignalled();
      await worker.stop();
      io.out('Worker stopped.');
    });
  },
};

function seconds(values: Values, option: string): number | undefined {
  const value = optional(values, option);
  return value === undefined ? undefined : check(option, Seconds, value);
}

/** A database URL without any credentials in it, for a log line. */
function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return url;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'the configured database';
  }
}

/** Resolves on Ctrl-C or SIGTERM, instead of the default of dying with the jobs held. */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
