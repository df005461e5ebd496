import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type Database } from '@talking-library/server';

/** A fresh libSQL file with the real migrations; `open()` gives another connection to the same file, as another process would have. */
export async function tempDatabase(): Promise<{ db: Database; url: string; open(): Promise<Database>; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-jobs-'));
  const url = `file:${join(dir, 'library.db')}`;
  const opened = await openDatabase(url);
  await migrateDatabase(opened.db);
  const others: (() => void)[] = [];
  return {
    db: opened.db,
    url,
    async open() {
      const other = await openDatabase(url);
      others.push(other.close);
      return other.db;
    },
    async close() {
      for (const close of others) close();
      opened.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
