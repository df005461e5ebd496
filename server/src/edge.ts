import { createClient } from '@libsql/client/web';
import { createApp, type App } from './app.js';
import { checkProductionConfig, ConfigError, loadConfig } from './config.js';
import { createDatabase, type Database } from './db/index.js';
import type { ClientIp } from './http/rate-limit.js';
import type { Mailer } from './mail/mailer.js';

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
      return app.fetch(request, env);
    },
  };
}

function buildApp(options: EdgeOptions, env: EdgeEnv): App {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const config = loadConfig(strings);
  const mailer = typeof options.mailer === 'function' ? options.mailer(env) : options.mailer;
  if (!mailer) throw new ConfigError('The edge entry needs a mailer: bind one as MAILER (an object with send({ to, subject, text })), or pass createEdgeHandler({ mailer }).');
  // There is no disk here to keep a generated key on.
  if (!config.secretKey) throw new ConfigError('SECRET_KEY is required on an edge runtime: 32 random bytes, e.g. `openssl rand -base64 32`.');
  checkProductionConfig(config, { mailer });
  const db = options.database?.(env) ?? createDatabase(createClient({ url: config.databaseUrl, ...(config.databaseAuthToken ? { authToken: config.databaseAuthToken } : {}) }));
  return createApp({ db, config, mailer, clientIp: options.clientIp });
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
