import { createClient } from '@libsql/client/web';
import { createApp, type App } from './app.js';
import { checkProductionConfig, ConfigError, loadConfig, type AppConfig } from './config.js';
import { createDatabase, type Database } from './db/index.js';
import type { ClientIp } from './http/rate-limit.js';
import type { Mailer } from './mail/mailer.js';

// What a Worker built on this entry needs to write its own mailer and fail with a clear message.
export { ConfigError } from './config.js';
export type { MailMessage, Mailer } from './mail/mailer.js';

/** An edge runtime's bindings: strings for configuration, objects for services (a mailer). */
export type EdgeEnv = Record<string, unknown>;

export interface EdgeOptions {
  /** Sends sign-in mail; an edge runtime has no development outbox anyone could read. */
  mailer: Mailer | ((env: EdgeEnv) => Mailer | undefined);
  /** The caller's address as the runtime knows it: rate limits count per address. */
  clientIp: ClientIp;
  /** The database, when the runtime offers one of its own; otherwise DATABASE_URL over HTTP. */
  database?: (env: EdgeEnv) => Database;
}

export interface EdgeHandler {
  fetch(request: Request, env?: EdgeEnv): Promise<Response>;
}

/**
 * The same app for edge runtimes (Cloudflare Workers, Deno Deploy, Vercel Edge). Configuration
 * comes from the runtime's bindings on the first request, never from module scope. The database
 * must be a libSQL server or Turso (`libsql://` or `https://`); migrate it with the CLI beforehand.
 * Without a mailer or a secret key the handler refuses every request with a ConfigError that says
 * what is missing, rather than lose sign-in codes or count every caller in one bucket.
 */
export function createEdgeHandler(options: EdgeOptions): EdgeHandler {
  let app: App | undefined;
  return {
    async fetch(request, env = {}) {
      app ??= buildApp(options, env);
      return app.fetch(withoutAcceptEncoding(request), env);
    },
  };
}

/**
 * Edge runtimes compress answers themselves, by what each client accepts. An answer the app had
 * already gzipped is gzipped again by workerd (it encodes any body marked `Content-Encoding`), or
 * reaches a client that asked for none still encoded: so the app is never told it may compress.
 */
function withoutAcceptEncoding(request: Request): Request {
  if (!request.headers.has('accept-encoding')) return request;
  const headers = new Headers(request.headers);
  headers.delete('accept-encoding');
  return new Request(request, { headers });
}

function buildApp(options: EdgeOptions, env: EdgeEnv): App {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const config = loadConfig(strings);
  const mailer = typeof options.mailer === 'function' ? options.mailer(env) : options.mailer;
  if (!mailer) throw new ConfigError('The edge entry needs a mailer: bind one as MAILER (an object with send({ to, subject, text })), or pass createEdgeHandler({ mailer }).');
  // There is no disk here to keep a generated key on.
  if (!config.secretKey) throw new ConfigError('SECRET_KEY is required on an edge runtime: 32 random bytes, e.g. `openssl rand -base64 32`.');
  checkProductionConfig(config, { mailer });
  const db = options.database?.(env) ?? remoteDatabase(config);
  return createApp({ db, config, mailer, clientIp: options.clientIp });
}

/**
 * The database over HTTP, with no queue in the client (by default it holds back all but 20
 * statements at a time). An isolate serves many requests at once: a statement queued by one request
 * and started when another's finished would run in that other request's context, where workerd
 * cancels it and the first request hangs. The runtime limits each request's connections itself.
 */
function remoteDatabase(config: AppConfig): Database {
  return createDatabase(createClient({ url: config.databaseUrl, concurrency: Infinity, ...(config.databaseAuthToken ? { authToken: config.databaseAuthToken } : {}) }));
}

/** The `MAILER` binding, when it can send our mail: anything with a `send` method. */
export function mailerBinding(env: EdgeEnv): Mailer | undefined {
  const binding = env.MAILER as Partial<Mailer> | undefined;
  return typeof binding?.send === 'function' ? (binding as Mailer) : undefined;
}

/**
 * Cloudflare Workers: the client address is `cf-connecting-ip`, which Cloudflare sets and callers
 * cannot; mail goes through the `MAILER` binding. A request without that header did not come
 * through Cloudflare, so it is refused rather than counted with everyone else.
 */
export const cloudflareClientIp: ClientIp = (c) => {
  const address = c.req.header('cf-connecting-ip');
  if (!address) throw new ConfigError('No cf-connecting-ip header: this entry is for Cloudflare Workers; elsewhere, build one with createEdgeHandler({ clientIp }).');
  return address;
};

export default createEdgeHandler({ mailer: mailerBinding, clientIp: cloudflareClientIp });
