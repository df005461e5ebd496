import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Clock, Database } from '@talking-library/server';
import { createDatabase } from '../../server/src/db/index.js';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { jobHandlers, workerTasks } from '../../server/src/job-handlers.js';
import { silentLogger } from '../../server/src/logger.js';
import type { MailMessage } from '../../server/src/mail/mailer.js';
import { startWorker, type Worker } from '../../server/src/worker.js';
import { startTestServer, type TestServer } from './server.js';

export interface ServerOnFile {
  server: TestServer;
  /** A second connection to the server's database file, as another worker process would open. */
  other: Database;
  /** What the workers made here send (the app's own notices go to the server's outbox). */
  sent: MailMessage[];
  /** A worker the test ticks by hand (`runOnce`), on the server's connection or another. */
  worker(owner: string, db?: Database): Worker;
  close(): Promise<void>;
}

/**
 * The demo library on a database file, with no worker in the server: the test runs its own, by
 * hand, on one connection or two, as two worker processes would.
 */
export async function serverOnFile(prefix: string, clock: Clock): Promise<ServerOnFile> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const databaseUrl = `file:${join(dir, 'library.db')}`;
  const server = await startTestServer({ seed: true, clock, worker: false, databaseUrl, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
  const other = createDatabase(createClient({ url: databaseUrl }));
  const sent: MailMessage[] = [];
  const deps = { mailer: { send: async (message: MailMessage) => void sent.push(message) }, secretBox: secretBox(undefined), env: 'test' as const };
  return {
    server,
    other,
    sent,
    worker: (owner, db = server.db) => startWorker({ db, clock, logger: silentLogger, owner, handlers: jobHandlers(deps), extraTasks: workerTasks(deps), autostart: false }),
    async close() {
      other.$client.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
