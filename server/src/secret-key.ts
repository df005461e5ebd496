import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type AppConfig } from './config.js';

/**
 * The server key on Node. Production must set SECRET_KEY: a key generated on one machine would
 * differ on the next, and every sign-in code and stored partner secret would stop working. In
 * development the key lives in a file beside the database (mode 0600), so restarts keep it.
 */
export async function resolveSecretKey(config: Pick<AppConfig, 'secretKey' | 'env' | 'databaseUrl'>): Promise<string> {
  if (config.secretKey) return config.secretKey;
  if (config.env === 'production') throw new ConfigError('SECRET_KEY is required in production: 32 random bytes, e.g. `openssl rand -base64 32`.');
  const file = join(keyFolder(config.databaseUrl), 'secret.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  // `wx`: two servers starting at once on one folder must agree on one key.
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  return (await readFile(file, 'utf8')).trim();
}

/** Beside an embedded database file; for a remote database, the local data folder. */
function keyFolder(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) return resolve('data');
  const path = databaseUrl.startsWith('file://') ? fileURLToPath(databaseUrl) : databaseUrl.slice('file:'.length);
  return dirname(resolve(path));
}
