import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, schema, type Database } from '@talking-library/server';
import { newId } from '../../server/src/ids.js';
import { addLibrary } from './fixtures.js';

/** A fresh libSQL file with the real migrations, for tests that drive the ledger's domain module. */
export async function ledgerDatabase(): Promise<{ db: Database; path: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-ledger-'));
  const path = join(dir, 'library.db');
  const opened = await openDatabase(`file:${path}`);
  await migrateDatabase(opened.db);
  return {
    db: opened.db,
    path,
    async close() {
      opened.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let people = 0;

/** A library with `count` members straight in the database. */
export async function libraryWithMembers(db: Database, slug: string, count: number): Promise<{ libraryId: string; memberIds: string[] }> {
  const libraryId = await addLibrary(db, slug);
  const memberIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId('mem');
    await db.insert(schema.members).values({ id, libraryId, email: `person${++people}@example.org`, name: `Person ${people}` });
    memberIds.push(id);
  }
  return { libraryId, memberIds };
}
