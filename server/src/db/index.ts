import type { Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema.js';

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/** Wraps a libSQL client (embedded file, sqld or Turso) in drizzle with our schema. */
export function createDatabase(client: Client): Database {
  return drizzle(client, { schema });
}

export { schema };
