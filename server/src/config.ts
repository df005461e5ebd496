import { z } from 'zod';

/** Configuration comes from the environment (or an edge runtime's bindings) and is checked once, at start. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, { error: 'must be a file:, libsql:, http(s): or ws(s): URL' })
    .default('file:./data/talking-library.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535, { error: 'must be a port number, 0 to 65535' }).default(8787),
  HOST: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .meta({ description: 'Origins allowed on every library besides those its partner sites list; comma-separated, or *.' }),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Talking Library <no-reply@talking-library.invalid>'),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_CODES_PER_EMAIL: z.coerce.number().int().min(1).default(5).meta({ description: 'Sign-in codes one email address may ask for in 15 minutes.' }),
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
  /** Origins a browser may call from; '*' allows any. */
  corsOrigins: '*' | string[];
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
  const origins = e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    port: e.PORT,
    host: e.HOST,
    env: e.NODE_ENV,
    corsOrigins: origins.includes('*') ? '*' : origins,
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
