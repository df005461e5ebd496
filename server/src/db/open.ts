import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { groupCommit } from './group-commit.js';
import { keepPreparedStatements } from './statement-cache.js';
import { createDatabase, type Database } from './index.js';

export interface OpenedDatabase {
  db: Database;
  client: Client;
  close(): void;
}

/** Only the server's own user may read the database: it holds members' personal data. */
const PRIVATE_FILE = 0o600;

/** How long a write waits out another connection's (or process's) write before giving up. */
const BUSY_TIMEOUT_MS = 5000;

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
  if (!isRemote(url)) keepPreparedStatements();
  // A local file's busy timeout is the client's option, not a PRAGMA: the client keeps a pool of
  // connections, and a PRAGMA set on one leaves the others answering SQLITE_BUSY at once when
  // another process (a second `serve` on the file) holds the write lock.
  const client = createClient(authToken ? { url, authToken } : path ? { url, timeout: BUSY_TIMEOUT_MS } : { url });
  if (path) {
    // WAL lets readers go on while a write commits.
    await client.execute('PRAGMA journal_mode = WAL');
    await makePrivate([`${path}-wal`, `${path}-shm`]);
  }
  // Over Hrana a PRAGMA holds for the one stream that ran it, and the next request opens another, so
  // a remote server enforces foreign keys only if it is set up to. Nothing here waits on that:
  // every delete names the rows it removes (no cascade), and no write relies on a foreign-key error.
  if (!isRemote(url)) await client.execute('PRAGMA foreign_keys = ON');
  // A local file syncs to disk on every commit: writes that arrive together share one (group-commit.ts).
  const shared = path ? groupCommit(client) : client;
  return { db: createDatabase(shared), client: shared, close: () => shared.close() };
}

/** A libSQL server (sqld, Turso) reached over Hrana, rather than an embedded file or memory. */
const isRemote = (url: string) => /^(libsql|https?|wss?):/i.test(url);

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
