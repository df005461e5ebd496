import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@libsql/client';
import { createDatabase } from '@talking-library/server';
import { checkBooks } from '../../server/src/domain/ledger.js';

/**
 * Crash safety: the real server as a child process, under a write load of grants and donations,
 * killed with SIGKILL mid-load several times and restarted on the same file. Every transfer it
 * acknowledged with a 2xx must be there afterwards, the books must balance and SQLite must find
 * the file intact. This relies on WAL with synchronous=FULL (see the README): a commit is on disk
 * before the answer leaves.
 */
const KILLS = 4;
const repo = join(import.meta.dirname, '../..');
let dir: string;
let databaseUrl: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-crash-'));
  databaseUrl = `file:${join(dir, 'crash.db')}`;
});
after(() => rm(dir, { recursive: true, force: true }));

async function startChild(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', 'server/src/cli.ts', 'serve'], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'development', RATE_LIMIT_WRITES_PER_MINUTE: '100000000', RATE_LIMIT_READS_PER_MINUTE: '100000000', RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000000' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v1/health`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

async function session(port: number, as: 'member' | 'coordinator'): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/libraries/demo/dev/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as }) });
  return (await res.json()).sessionToken;
}

test(`every acknowledged transfer survives ${KILLS} SIGKILLs mid-load; the books balance and the file is intact`, async () => {
  const acknowledged = new Set<string>();
  let statuses5xx = 0;
  for (let round = 0; round < KILLS; round++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = await startChild(port);
    const member = await session(port, 'member');
    const coordinator = await session(port, 'coordinator');
    const me = await (await fetch(`http://127.0.0.1:${port}/v1/libraries/demo/me`, { headers: { authorization: `Bearer ${member}` } })).json();
    let stop = false;
    const load = Array.from({ length: 8 }, async (_, lane) => {
      for (let n = 0; !stop; n++) {
        // Grants keep the member in credit; her donations give it back to the fund.
        const grant = (n + lane) % 2 === 0;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/libraries/demo/credits/${grant ? 'grants' : 'donations'}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${grant ? coordinator : member}`, 'idempotency-key': `crash-${round}-${lane}-${n}` },
            body: JSON.stringify(grant ? { to: me.id, hours: 0.5, reason: 'Crash test' } : { to: 'fund', hours: 0.5 }),
          });
          const body = await res.json();
          if (res.status === 201) acknowledged.add(body.id);
          if (res.status >= 500) statuses5xx++;
        } catch {
          // The connection died with the server: not acknowledged, so nothing is owed.
        }
      }
    });
    await sleep(300 + Math.random() * 400);
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(load);
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null)));
  }

  assert.equal(statuses5xx, 0);
  assert.ok(acknowledged.size > 0, 'the load made some transfers');
  const client = createClient({ url: databaseUrl });
  try {
    const db = createDatabase(client);
    assert.deepEqual((await client.execute('PRAGMA integrity_check')).rows.map((r) => r[0]), ['ok']);
    const ids = [...acknowledged];
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await client.execute({ sql: `SELECT id FROM credit_transfers WHERE id IN (${chunk.map(() => '?').join(',')})`, args: chunk });
      for (const row of rows.rows) found.add(String(row.id));
    }
    assert.deepEqual(ids.filter((id) => !found.has(id)), [], 'acknowledged transfers missing after the crashes');
    assert.deepEqual(await checkBooks(db), []);
  } finally {
    client.close();
  }
});
