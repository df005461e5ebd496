import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { createDatabase, type Database } from './index.js';

export interface OpenedDatabase {
  db: Database;
  client: Client;
  close(): void;
}

/** Only the server's own user may read the database: it holds members' personal data. */
const PRIVATE_FILE = 0o600;

/**
 * Opens the database on Node. A `file:` URL gets its folder created, its files made private to
 * the server's user, and the pragmas an embedded database wants; a remote URL (sqld, Turso) is
 * used as it is.
 */
export async function openDatabase(url: string, authToken?: string): Promise<OpenedDatabase> {
  const path = url.startsWith('file:') && !url.includes(':memory:') ? filePath(url) : undefined;
  if (path) {
    await mkdir(dirname(path), { recursive: true });
    // Created before the client opens it, with our mode: SQLite would create it world-readable
    // (0644 under the usual umask), and gives its -wal and -shm files the main file's mode.
    await (await open(path, 'a', PRIVATE_FILE)).close();
    await chmod(path, PRIVATE_FILE);
  }
  const client = createClient(authToken ? { url, authToken } : { url });
  if (path) {
    // WAL lets readers go on while a write commits; busy_timeout waits out a concurrent writer.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await makePrivate([`${path}-wal`, `${path}-shm`]);
  }
  await client.execute('PRAGMA foreign_keys = ON');
  return { db: createDatabase(client), client, close: () => client.close() };
}

/** The file behind a `file:` URL; undefined for an in-memory database. */
function filePath(url: string): string | undefined {
  const path = (url.startsWith('file://') ? fileURLToPath(url.split('?')[0]!) : url.slice('file:'.length)).split('?')[0]!;
  return path === '' || path === ':memory:' ? undefined : path;
}

/** Files SQLite made alongside the database, should an older one have been created more openly. */
async function makePrivate(paths: string[]): Promise<void> {
  for (const path of paths) {
    await chmod(path, PRIVATE_FILE).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
