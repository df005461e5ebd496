import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './index.js';

/** Applies the SQL migrations drizzle-kit generated; already applied ones are skipped. */
export async function migrateDatabase(db: Database, migrationsFolder = findMigrationsFolder()): Promise<void> {
  await migrate(db, { migrationsFolder });
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
