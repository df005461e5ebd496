import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './index.js';

/**
 * Applies the SQL migrations drizzle-kit generated; already applied ones are skipped.
 *
 * Several instances may start at once on one new database (two `serve` processes on a file, or on
 * one libSQL server). Each reads which migrations are applied, then applies the rest in one batch:
 * the second batch fails whole on a table the first just made. That instance then finds every
 * migration applied, which is all it wanted.
 */
export async function migrateDatabase(db: Database, migrationsFolder = findMigrationsFolder()): Promise<void> {
  try {
    await migrate(db, { migrationsFolder });
  } catch (error) {
    if (await isUpToDate(db, migrationsFolder)) return;
    throw error;
  }
}

/** Whether the newest migration in the folder is recorded as applied (drizzle orders them by folder time). */
async function isUpToDate(db: Database, migrationsFolder: string): Promise<boolean> {
  const newest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  const applied = await db.$client.execute('SELECT max(created_at) AS newest FROM __drizzle_migrations').catch(() => undefined);
  return Number(applied?.rows[0]?.newest ?? 0) >= newest;
}

/**
 * The migrations ship in `server/drizzle`. This module runs from `src/db/` in tests and from
 * `dist/` when built, so look upwards rather than assume a depth.
 */
function findMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('Could not find the drizzle migrations folder beside the server package');
}
