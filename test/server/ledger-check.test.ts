import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient } from '@libsql/client';
import { runCli } from '../../server/src/cli/run.js';
import { donate, openAccount } from '../../server/src/domain/ledger.js';
import { ledgerDatabase, libraryWithMembers } from '../helpers/ledger-db.js';

let database: Awaited<ReturnType<typeof ledgerDatabase>>;
const now = new Date('2026-12-02T12:00:00Z');

/** `talking-library ledger check` on the test's database file, as an operator runs it. */
async function ledgerCheck() {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_URL: `file:${database.path}`, NODE_ENV: 'test', SECRET_KEY: Buffer.alloc(32, 7).toString('base64') };
  const code = await runCli(['ledger', 'check'], { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

before(async () => {
  database = await ledgerDatabase();
  const { libraryId, memberIds: [a, b] } = await libraryWithMembers(database.db, 'books', 2);
  await openAccount(database.db, { libraryId, memberId: a!, now });
  await donate(database.db, { libraryId, fromMemberId: a!, to: { memberId: b! }, amountMinutes: 30, now });
});
after(() => database.close());

test('ledger check exits 0 on books that balance', async () => {
  const result = await ledgerCheck();
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /The books balance: 1 libraries, 3 accounts/);
});

test('ledger check exits 1 and names the account when a stored total was changed behind the ledger’s back', async () => {
  // Corrupted the way a hand-edited file would be: straight through SQL, not the ledger.
  const client = createClient({ url: `file:${database.path}` });
  await client.execute("UPDATE credit_accounts SET credits_posted = credits_posted + 60 WHERE member_id IS NOT NULL AND credits_posted = 150");
  client.close();
  const result = await ledgerCheck();
  assert.equal(result.code, 1);
  assert.match(result.err, /acc_mem_\w+: posted credits: stored 210 min, transfers sum to 150 min/);
  assert.match(result.err, /posted debits 270 min ≠ posted credits 330 min/);
  assert.match(result.err, /2 problems in the books/);
});
