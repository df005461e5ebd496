import { z } from 'zod';

/** Configuration comes from the environment (or an edge runtime's bindings) and is checked once, at start. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, { error: 'must be a file:, libsql:, http(s): or ws(s): URL' })
    .default('file:./data/talking-library.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535, { error: 'must be a port number, 0 to 65535' }).default(8787),
  HOST: z.string().min(1).optional().meta({ description: 'Address to listen on; 127.0.0.1 in development, all interfaces in production.' }),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) origin browsers reach this server at, such as https://library.example' })
    .refine((value) => new URL(value).pathname === '/' && !new URL(value).search && !new URL(value).hash, {
      error: 'must be an origin only (scheme, host and port), such as https://library.example',
    })
    .optional()
    .meta({ description: 'The server’s own origin: where sign-in links may lead and which pages need no partner listing. Required in production.' }),
  CORS_ORIGINS: z
    .string()
    .optional()
    .refine((value) => value === undefined, {
      error: 'is no longer read: list each page’s origin in its partner site’s allowedOrigins, which decide both CORS and the publishable key',
    }),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Talking Library <no-reply@talking-library.invalid>'),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_CODES_PER_EMAIL: z.coerce.number().int().min(1).default(5).meta({ description: 'Sign-in codes one email address may ask for from one client address in 15 minutes.' }),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  SECRET_KEY: z
    .string()
    .refine((value) => decodeSecretKey(value) !== undefined, { error: 'must be 32 random bytes, base64 or hex encoded (openssl rand -base64 32)' })
    .optional()
    .meta({ description: 'Server key for HMACs and for encrypting partner secrets at rest; generated beside the database in development.' }),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .meta({ description: 'Read the client address from X-Forwarded-For (only behind a proxy that sets it).' }),
  RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().min(1).default(600).meta({ description: 'Reads and searches one client address may make in a minute.' }),
  TRUSTED_PROXY_HOPS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(1)
    .meta({ description: 'With TRUST_PROXY: how many proxies of yours append to X-Forwarded-For; the client address is that many entries from the right.' }),
});

export interface AppConfig {
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  port: number;
  host: string | undefined;
  env: 'development' | 'test' | 'production';
  /**
   * The server's own origin, from configuration only (never from the request's Host): sign-in links
   * may lead here, and a publishable key needs no listing for it. Development defaults to
   * `http://localhost:<PORT>`; production must set PUBLIC_URL (empty until it does, and
   * `checkProductionConfig` refuses to start).
   */
  publicUrl: string;
  /** SMTP server for sign-in mail; without it mail goes to the development outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  trustProxy: boolean;
  /** With `trustProxy`: the client address is this many X-Forwarded-For entries from the right (the ones our proxies appended). */
  trustedProxyHops: number;
  /**
   * 32 bytes, base64 or hex: keys the HMACs of sign-in codes and encrypts partner secrets at rest.
   * Required in production; `startServer` generates one beside a development database.
   */
  secretKey: string | undefined;
  /** Budgets counted in the database, so shared by every API instance on it. */
  rateLimits: { signInPerMinute: number; codesPerEmail: number; writesPerMinute: number; readsPerMinute: number };
  version: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const SERVER_VERSION = '0.1.0';

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = EnvSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    port: e.PORT,
    host: e.HOST,
    env: e.NODE_ENV,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : e.NODE_ENV === 'production' ? '' : `http://localhost:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    secretKey: e.SECRET_KEY,
    rateLimits: {
      signInPerMinute: e.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      codesPerEmail: e.RATE_LIMIT_CODES_PER_EMAIL,
      writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
      readsPerMinute: e.RATE_LIMIT_READS_PER_MINUTE,
    },
    version: SERVER_VERSION,
  };
}

/**
 * What a production server refuses to start without: a real mailer (or sign-in codes would go to
 * its output), its own origin, and its key. Checked on the final configuration, after any options.
 */
export function checkProductionConfig(config: Pick<AppConfig, 'env' | 'publicUrl' | 'secretKey'>, mail: { smtpUrl?: string | undefined; mailer?: unknown }): void {
  if (config.env !== 'production') return;
  const missing = [
    !mail.smtpUrl && !mail.mailer ? 'SMTP_URL (smtp(s)://user:pass@host: sign-in codes must go by email, not to the server’s output)' : '',
    !config.publicUrl ? 'PUBLIC_URL (the origin browsers reach this server at)' : '',
    !config.secretKey ? 'SECRET_KEY (32 random bytes, e.g. `openssl rand -base64 32`)' : '',
  ].filter(Boolean);
  if (missing.length) throw new ConfigError(`A production server needs:\n${missing.map((m) => `  ${m}`).join('\n')}`);
}

/** An empty variable (`PORT=`) means "not set", as a shell user expects. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()));
}

/** The 32 key bytes of a SECRET_KEY written in base64 (or base64url) or hex; undefined when it is not one. */
export function decodeSecretKey(value: string): Uint8Array | undefined {
  const text = value.trim();
  let bytes: Uint8Array | undefined;
  if (/^[0-9a-f]{64}$/i.test(text)) bytes = Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/').padEnd(44, '='));
    bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  }
  return bytes?.length === 32 ? bytes : undefined;
}
