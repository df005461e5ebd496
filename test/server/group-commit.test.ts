import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createClient, LibsqlBatchError, type Client } from '@libsql/client';
import { openDatabase } from '@talking-library/server';
import { groupCommitStats } from '../../server/src/db/group-commit.js';

/**
 * Writes that arrive together share one commit (server/src/db/group-commit.ts), each still all or
 * nothing and each answered only once its commit has returned, on a real database file.
 */

let dir: string;
let url: string;
let client: Client;
let close: () => void;
/** Another connection to the file, as another process would have: it sees only what was committed. */
let outside: Client;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-group-commit-'));
  url = `file:${join(dir, 'group.db')}`;
  ({ client, close } = await openDatabase(url));
  await client.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)');
  outside = createClient({ url });
});
after(async () => {
  outside.close();
  close();
  await rm(dir, { recursive: true, force: true });
});

const commits = () => groupCommitStats(client)!.commits;
const bodies = async () => (await outside.execute('SELECT body FROM notes ORDER BY body')).rows.map((row) => String(row.body));
const clear = () => client.execute('DELETE FROM notes');

test('twenty writes at once share one commit, and each is answered with its own result', async () => {
  await clear();
  const before = commits();
  const results = await Promise.all(Array.from({ length: 20 }, (_, n) => client.execute({ sql: 'INSERT INTO notes (body) VALUES (?) RETURNING body', args: [`note ${n}`] })));
  assert.equal(commits() - before, 1);
  assert.deepEqual(
    results.map((result) => result.rows[0]!.body),
    Array.from({ length: 20 }, (_, n) => `note ${n}`),
  );
  assert.equal((await bodies()).length, 20);
});

test('a batch that fails in the same group is rolled back alone; the writes before and after it commit', async () => {
  await clear();
  await client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['taken'] });
  const before = commits();
  const [first, failing, last] = await Promise.allSettled([
    client.batch([{ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['a1'] }, { sql: 'INSERT INTO notes (body) VALUES (?)', args: ['a2'] }], 'write'),
    client.batch([{ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['b1'] }, { sql: 'INSERT INTO notes (body) VALUES (?)', args: ['taken'] }], 'write'),
    client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['c1'] }),
  ]);
  assert.equal(commits() - before, 1, 'the three were one group');
  assert.equal(first.status, 'fulfilled');
  assert.equal(last.status, 'fulfilled');
  assert.equal(failing.status, 'rejected');
  assert.ok(failing.reason instanceof LibsqlBatchError, String(failing.reason));
  assert.equal(failing.reason.statementIndex, 1, 'the error names the statement that failed, as the client’s own batch does');
  assert.match(failing.reason.code, /^SQLITE_CONSTRAINT/);
  // b1 went with its batch; the others' rows are there.
  assert.deepEqual(await bodies(), ['a1', 'a2', 'c1', 'taken']);
});

test('a write is answered only after its commit: another connection sees it as soon as it is answered', async () => {
  await clear();
  const seen = await Promise.all(
    Array.from({ length: 10 }, async (_, n) => {
      await client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: [`seen ${n}`] });
      return (await outside.execute({ sql: 'SELECT count(*) AS n FROM notes WHERE body = ?', args: [`seen ${n}`] })).rows[0]!.n;
    }),
  );
  assert.deepEqual(seen.map(Number), Array(10).fill(1));
});

test('writes in one group run in the order they arrived, each seeing those before it', async () => {
  await clear();
  const [, counted] = await Promise.all([
    client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['first'] }),
    client.batch([{ sql: "INSERT INTO notes (body) SELECT 'count ' || count(*) FROM notes", args: [] }, { sql: 'SELECT body FROM notes WHERE body LIKE ?', args: ['count %'] }], 'write'),
  ]);
  assert.equal(counted[1]!.rows[0]!.body, 'count 1');
});

test('a statement that is not a row write (DDL, PRAGMA) runs as it is, after the group under way', async () => {
  await clear();
  const [, created] = await Promise.all([client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['before'] }), client.execute('CREATE TABLE IF NOT EXISTS others (id INTEGER PRIMARY KEY)')]);
  assert.equal(created.rowsAffected, 0);
  const mode = await client.execute('PRAGMA journal_mode');
  assert.equal(mode.rows[0]![0], 'wal');
  assert.deepEqual(await bodies(), ['before']);
});
