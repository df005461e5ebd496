import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'libsql';
import { openDatabase, type OpenedDatabase } from '../../server/src/db/open.js';
import { keepPreparedStatements } from '../../server/src/db/statement-cache.js';

/**
 * server/src/db/statement-cache.ts: each libSQL connection keeps the statements it has prepared,
 * and what runs through a kept one is what a fresh one would give, whatever ran before it.
 */
describe('kept prepared statements', () => {
  let dir: string;
  let opened: OpenedDatabase;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tl-statement-cache-'));
    opened = await openDatabase(`file:${join(dir, 'kept.db')}`);
    await opened.client.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)');
  });
  after(async () => {
    opened.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a connection hands back the statement it prepared for the same SQL, and a new one for other SQL or another connection', () => {
    keepPreparedStatements();
    const first = new Database(':memory:');
    const second = new Database(':memory:');
    try {
      assert.equal(first.prepare('SELECT 1'), first.prepare('SELECT 1'));
      assert.notEqual(first.prepare('SELECT 1'), first.prepare('SELECT 2'));
      assert.notEqual(first.prepare('SELECT 1'), second.prepare('SELECT 1'));
    } finally {
      first.close();
      second.close();
    }
  });

  test('keeps at most 500 a connection, dropping the one least used lately', () => {
    keepPreparedStatements();
    const connection = new Database(':memory:');
    try {
      const often = connection.prepare('SELECT 0');
      const seldom = connection.prepare('SELECT -1');
      for (let n = 1; n < 499; n++) connection.prepare(`SELECT ${n}`);
      assert.equal(connection.prepare('SELECT 0'), often, 'used again, so now the most recent');
      connection.prepare('SELECT 499');
      connection.prepare('SELECT 500');
      assert.equal(connection.prepare('SELECT 0'), often, 'still kept');
      assert.notEqual(connection.prepare('SELECT -1'), seldom, 'dropped, so prepared again');
    } finally {
      connection.close();
    }
  });

  test('through the client: the same statement after a refused write, with other arguments, and after the table changes', async () => {
    const { client } = opened;
    const insert = 'INSERT INTO notes (body) VALUES (?)';
    const read = 'SELECT id, body FROM notes WHERE id >= ? ORDER BY id';
    await client.execute({ sql: insert, args: ['first'] });
    await assert.rejects(client.execute({ sql: insert, args: ['first'] }), /UNIQUE/);
    await client.execute({ sql: insert, args: ['second'] });
    assert.deepEqual((await client.execute({ sql: read, args: [1] })).rows.map((row) => row.body), ['first', 'second']);
    assert.deepEqual((await client.execute({ sql: read, args: [2] })).rows.map((row) => row.body), ['second']);

    await client.execute('ALTER TABLE notes ADD COLUMN author TEXT');
    await client.execute({ sql: 'UPDATE notes SET author = ? WHERE id = ?', args: ['Ada', 2] });
    const all = await client.execute({ sql: 'SELECT * FROM notes WHERE id >= ? ORDER BY id', args: [1] });
    assert.deepEqual(all.columns, ['id', 'body', 'author'], 'a statement prepared before the change sees the new column');
    assert.deepEqual((await client.execute({ sql: read, args: [1] })).rows.map((row) => row.body), ['first', 'second']);
  });

  test('inside a batch and a transaction the kept statements commit and roll back as fresh ones do', async () => {
    const { client } = opened;
    await client.batch([{ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['third'] }, { sql: 'INSERT INTO notes (body) VALUES (?)', args: ['fourth'] }], 'write');
    await assert.rejects(client.batch([{ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['fifth'] }, { sql: 'INSERT INTO notes (body) VALUES (?)', args: ['first'] }], 'write'), /UNIQUE/);
    const bodies = (await client.execute('SELECT body FROM notes ORDER BY id')).rows.map((row) => row.body);
    assert.deepEqual(bodies, ['first', 'second', 'third', 'fourth'], 'the refused batch left nothing behind');
  });
});
