import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { createDatabase, type Database } from './index.js';

export interface OpenedDatabase {
  db: Database;
  client: Client;
  close(): void;
}

/**
 * Opens the database on Node. A `file:` URL gets its folder created and the pragmas an embedded
 * database wants; a remote URL (sqld, Turso) is used as it is.
 */
export async function openDatabase(url: string, authToken?: string): Promise<OpenedDatabase> {
  const isFile = url.startsWith('file:');
  if (isFile && !url.includes(':memory:')) {
    const path = filePath(url);
    await mkdir(dirname(path), { recursive: true });
    // Readable by its owner only: it holds members' data. SQLite gives its WAL and shared-memory
    // files the database file's permissions, so this covers them too.
    await writeFile(path, '', { flag: 'a', mode: 0o600 });
    await chmod(path, 0o600);
  }
  const client = createClient(authToken ? { url, authToken } : { url });
  if (isFile) {
    // WAL lets readers go on while a write commits; busy_timeout waits out a concurrent writer.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  return { db: createDatabase(client), client, close: () => client.close() };
}

function filePath(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
}
