import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { createApp, type App } from './app.js';
import { AdjustableClock, systemClock, type Clock } from './clock.js';
import { checkProductionConfig, loadConfig, type AppConfig } from './config.js';
import type { Database } from './db/index.js';
import { migrateDatabase } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { seedDemoLibrary, type DemoLibraryPlace } from './db/seed.js';
import { sealPartnerSecrets } from './domain/partners.js';
import { secretBox } from './domain/secret-box.js';
import { silentLogger, type Logger } from './logger.js';
import { stdoutLogger } from './stdout-logger.js';
import { DevOutbox, type OutboxMessage } from './mail/dev-outbox.js';
import type { Mailer } from './mail/mailer.js';
import { smtpMailer } from './mail/smtp.js';
import { resolveSecretKey } from './secret-key.js';
import { serveWidgetFiles } from './widget-files.js';
import { jobHandlers, workerTasks } from './job-handlers.js';
import { startWorker, type JobHandler, type Worker, type WorkerOptions } from './worker.js';
import { gzipSync } from 'node:zlib';

export interface StartServerOptions extends Partial<Pick<AppConfig, 'port' | 'host' | 'env' | 'secretKey' | 'publicUrl' | 'trustProxy' | 'trustedProxyHops'>> {
  databaseUrl?: string;
  databaseAuthToken?: string;
  /** Load the demo library when it is not there yet (never in production); a place puts it at another slug and key. */
  seed?: boolean | DemoLibraryPlace;
  /** Serve the demo partner page at `/` and the widget bundle at `/widget/`. */
  partnerSite?: boolean;
  /** No request or error logs (tests). */
  quiet?: boolean;
  /** Where log lines go; the console unless quiet. */
  logger?: Logger;
  /** Mail goes here instead of SMTP or the development outbox (tests read it). */
  mailer?: Mailer;
  /** Time for the app (tests move it forward). */
  clock?: Clock;
  rateLimits?: Partial<AppConfig['rateLimits']>;
  /**
   * The worker that runs due work (mail, reminders) in this process, on the app's clock; `false`
   * for none (another process runs `talking-library worker`, or a test runs ticks itself).
   * `handlers` are added to the usual ones (tests add kinds of their own).
   */
  worker?: false | (Partial<Pick<WorkerOptions, 'pollMs' | 'leaseMs' | 'batchSize' | 'backoff' | 'extraTasks'>> & { handlers?: Record<string, JobHandler> });
}

export interface RunningServer {
  url: string;
  /** The address the socket listens on: 127.0.0.1 in development unless HOST says otherwise. */
  listeningOn: string;
  app: App;
  db: Database;
  /** The development outbox, when mail is not sent over SMTP. */
  outbox: DevOutbox | undefined;
  /** The app's clock: outside production an `AdjustableClock` (`POST /v1/dev/clock` moves it), shared with the worker. */
  clock: Clock;
  /** The in-process worker, unless `worker: false`. */
  worker: Worker | undefined;
  close(): Promise<void>;
}

/** Opens and migrates the database, then serves the API on Node. Used by `npm start` and tests. */
export async function startServer(options: StartServerOptions = {}, env: Record<string, string | undefined> = process.env): Promise<RunningServer> {
  const fromEnv = loadConfig(env);
  const config: AppConfig = {
    ...fromEnv,
    ...definedOnly({ port: options.port, host: options.host, env: options.env, secretKey: options.secretKey }),
    ...definedOnly({ trustProxy: options.trustProxy, trustedProxyHops: options.trustedProxyHops }),
    databaseUrl: options.databaseUrl ?? fromEnv.databaseUrl,
    databaseAuthToken: options.databaseAuthToken ?? fromEnv.databaseAuthToken,
    rateLimits: { ...fromEnv.rateLimits, ...options.rateLimits },
  };
  const production = config.env === 'production';
  // A configured origin wins; a development server is at localhost on the port it ends up with.
  const configuredUrl = options.publicUrl ?? (env.PUBLIC_URL?.trim() ? fromEnv.publicUrl : undefined);
  config.publicUrl = configuredUrl ?? (production ? '' : `http://localhost:${config.port}`);
  checkProductionConfig(config, { smtpUrl: config.smtpUrl, mailer: options.mailer });
  config.secretKey = await resolveSecretKey(config);
  const logger = options.logger ?? (options.quiet ? silentLogger : stdoutLogger());
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database.db);
  // Production starts empty: its libraries come from the operator, never a demo with known people.
  if (options.seed && !production) await seedDemoLibrary(database.db, undefined, options.seed === true ? undefined : options.seed);
  await sealPartnerSecrets(database.db, secretBox(config.secretKey));

  const outbox = options.mailer || config.smtpUrl ? undefined : new DevOutbox(options.quiet ? undefined : printMail);
  const mailer = options.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : outbox!);
  // Outside production the clock can be moved forward for demos; the app and the worker share it.
  const clock = production ? (options.clock ?? systemClock) : new AdjustableClock(options.clock ?? systemClock);
  const app = createApp({ db: database.db, config, logger, mailer, clientIp: clientIpReader(config), clock, gzip: fastGzip });
  if (options.partnerSite) mountPartnerSite(app);

  // Development listens on loopback only: its demo sign-in and outbox are not for the network.
  const hostname = config.host ?? (production ? undefined : '127.0.0.1');
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, ...(hostname ? { hostname } : {}) }, (info) => {
      // Port 0 (tests) is known only now, before the first request can arrive.
      if (!configuredUrl && !production) config.publicUrl = `http://localhost:${info.port}`;
      resolve(s);
    });
  });
  const workerOptions = options.worker === false ? undefined : (options.worker ?? {});
  const workerDeps = { mailer, secretBox: secretBox(config.secretKey), env: config.env };
  const worker = workerOptions
    ? startWorker({
        ...workerOptions,
        db: database.db,
        clock,
        logger,
        handlers: { ...jobHandlers(workerDeps), ...workerOptions.handlers },
        extraTasks: [...workerTasks(workerDeps), ...(workerOptions.extraTasks ?? [])],
      })
    : undefined;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://localhost:${port}`,
    listeningOn: typeof address === 'object' && address ? address.address : String(address),
    app,
    db: database.db,
    outbox,
    clock,
    worker,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // The worker's tick under way finishes on the open database, then the database closes.
      await worker?.stop();
      database.close();
    },
  };
}

/**
 * The socket's address; behind trusted proxies, the address the outermost of them saw: the entry
 * `trustedProxyHops` from the right of X-Forwarded-For. Entries to its left are whatever the
 * client wrote, and never decide whose budget a request spends.
 */
/**
 * Level 1: a twelve-card list (about 25 KB) comes to 31% of its size, against 28% at the default
 * level 6, in 40% of the time; the answer is compressed on the event loop, so time is what counts.
 */
const fastGzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 1 });

function clientIpReader(config: AppConfig) {
  return (c: Context): string => {
    if (config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').map((entry) => entry.trim()).filter(Boolean) ?? [];
      const appended = forwarded.at(-config.trustedProxyHops);
      if (appended) return appended;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

function printMail(message: OutboxMessage): void {
  const invite = message.calendar ? `\n   (with a calendar invite: ${message.calendar.method})` : '';
  console.log(`\n✉  Development outbox — to ${message.to}\n   ${message.subject}\n   ${message.text.replaceAll('\n', '\n   ')}${invite}\n`);
}

/** The demo partner page and the one-script widget bundle, from the repository's folders. */
function mountPartnerSite(app: App): void {
  const repoRoot = findRepoRoot();
  const site = join(repoRoot, 'examples', 'partner-site');
  const widget = join(repoRoot, 'widget', 'dist', 'cdn');
  app.get('/', serveStatic({ root: site, path: 'index.html' }));
  app.get('/site.css', serveStatic({ root: site, path: 'site.css' }));
  app.get('/nhs-theme.css', serveStatic({ root: site, path: 'nhs-theme.css' }));
  app.get('/demo.js', serveStatic({ root: site, path: 'demo.js' }));
  app.get('/widget/*', serveWidgetFiles({ root: widget, prefix: '/widget/' }));
}

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'examples', 'partner-site'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Could not find examples/partner-site above the server package');
    dir = parent;
  }
  return dir;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
