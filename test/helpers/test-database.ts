import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PUBLISHABLE_KEY, migrateDatabase, openDatabase, seedDemoLibrary, type DemoLibraryPlace } from '@talking-library/server';

/**
 * The database a test runs on. Normally a new libSQL file of its own. With TEST_LIBSQL_URL set (a
 * libSQL server over Hrana: sqld, Turso, the Hrana test server; docs/scaling.md) it is the one
 * database there, shared by every test file at once: so each test's demo library gets a slug and a
 * publishable key no other test uses, and its rows never meet another test's.
 */
export interface TestDatabase {
  url: string;
  authToken: string | undefined;
  /** Where this test's demo library goes: `demo` in a file of its own. */
  demo: DemoLibraryPlace;
  /**
   * On the shared remote database, the client address this test's requests give through a trusted
   * proxy's X-Forwarded-For. Budgets by address are the database's, and every test there calls from
   * 127.0.0.1, some on clocks of their own: so each test is a client of its own, as if on its own
   * machine. Undefined on a file of its own.
   */
  clientAddress: string | undefined;
  /** Removes the file; the remote database stays, with this test's library in it. */
  close(): Promise<void>;
}

const remoteTestDatabase = process.env.TEST_LIBSQL_URL?.trim() || undefined;

export async function testDatabase(prefix = 'tl-test-'): Promise<TestDatabase> {
  if (remoteTestDatabase) {
    const unique = randomBytes(6).toString('hex');
    return {
      url: remoteTestDatabase,
      authToken: process.env.TEST_LIBSQL_AUTH_TOKEN?.trim() || undefined,
      demo: { slug: `demo-${unique}`, publishableKey: `pk_test_${unique}` },
      clientAddress: `2001:db8::${unique.slice(0, 4)}:${unique.slice(4, 8)}`,
      close: async () => {},
    };
  }
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    url: `file:${join(dir, 'library.db')}`,
    authToken: undefined,
    demo: { slug: 'demo', publishableKey: DEMO_PUBLISHABLE_KEY },
    clientAddress: undefined,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Migrates the database and loads its demo library at its place, for servers that will find it ready. */
export async function seedTestDatabase(database: TestDatabase): Promise<void> {
  const opened = await openDatabase(database.url, database.authToken);
  try {
    await migrateDatabase(opened.db);
    await seedDemoLibrary(opened.db, undefined, database.demo);
  } finally {
    opened.close();
  }
}

/** The proxy trust that makes `clientAddress` the caller's address; nothing on a file of its own. */
export const trustClientAddress = (database: TestDatabase) => (database.clientAddress ? { trustProxy: true, trustedProxyHops: 1 } : {});

/** The header that gives `clientAddress`, for the servers that trust it. */
export const fromClientAddress = (database: TestDatabase): Record<string, string> => (database.clientAddress ? { 'x-forwarded-for': database.clientAddress } : {});
