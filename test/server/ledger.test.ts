import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema, type Database } from '@talking-library/server';
import {
  AccountNotFoundError,
  balances,
  checkBooks,
  donate,
  fundAccountId,
  grant,
  hold,
  HoldAlreadyResolvedError,
  holdState,
  InsufficientCreditError,
  memberAccountId,
  openAccount,
  postHold,
  statement,
  voidHold,
} from '../../server/src/domain/ledger.js';
import { ledgerDatabase, libraryWithMembers } from '../helpers/ledger-db.js';

let db: Database;
let close: () => Promise<void>;
const now = new Date('2026-12-02T12:00:00Z');

before(async () => {
  ({ db, close } = await ledgerDatabase());
});
after(() => close());

test('a member’s account opens with the library’s starting grant of two hours from the fund, once however often it is opened', async () => {
  const { libraryId, memberIds } = await libraryWithMembers(db, 'ledger-open', 1);
  const memberId = memberIds[0]!;
  await Promise.all([1, 2, 3].map(() => openAccount(db, { libraryId, memberId, now })));
  assert.deepEqual(await balances(db, { libraryId, memberId, now }), { accountId: memberAccountId(memberId), balanceMinutes: 120, heldMinutes: 0, availableMinutes: 120, limitMinutes: 0 });
  assert.deepEqual(await checkBooks(db), []);
});

test('a hold reserves credit, posting moves it to the expert, and neither overspends the available balance', async () => {
  const { libraryId, memberIds: [member, expert] } = await libraryWithMembers(db, 'ledger-hold', 2);
  const from = await openAccount(db, { libraryId, memberId: member!, now });
  const to = await openAccount(db, { libraryId, memberId: expert!, now });
  const held = await hold(db, { libraryId, debitAccountId: from, creditAccountId: to, amountMinutes: 60, kind: 'exchange', reference: 'exc_1', now });
  assert.equal((await balances(db, { libraryId, memberId: member!, now })).availableMinutes, 60);
  await assert.rejects(hold(db, { libraryId, debitAccountId: from, creditAccountId: to, amountMinutes: 90, kind: 'exchange', now }), (error) => error instanceof InsufficientCreditError && error.availableMinutes === 60);
  await postHold(db, { libraryId, holdId: held.id, now });
  assert.deepEqual(await balances(db, { libraryId, memberId: member!, now }), { accountId: from, balanceMinutes: 60, heldMinutes: 0, availableMinutes: 60, limitMinutes: 0 });
  assert.equal((await balances(db, { libraryId, memberId: expert!, now })).balanceMinutes, 180);
  assert.equal(await holdState(db, libraryId, held.id), 'posted');
  assert.deepEqual(await checkBooks(db), []);
});

test('a hold resolves once: ten posts and voids at once leave exactly one resolution and balanced books', async () => {
  const { libraryId, memberIds: [member, expert] } = await libraryWithMembers(db, 'ledger-race', 2);
  const from = await openAccount(db, { libraryId, memberId: member!, now });
  const to = await openAccount(db, { libraryId, memberId: expert!, now });
  const held = await hold(db, { libraryId, debitAccountId: from, creditAccountId: to, amountMinutes: 60, kind: 'exchange', now });
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? postHold : voidHold)(db, { libraryId, holdId: held.id, now })));
  assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
  for (const o of outcomes) if (o.status === 'rejected') assert.ok(o.reason instanceof HoldAlreadyResolvedError);
  const resolutions = await db.select().from(schema.creditTransfers).where(eq(schema.creditTransfers.resolves, held.id));
  assert.equal(resolutions.length, 1);
  assert.deepEqual(await checkBooks(db), []);
});

test('a void releases the held credit to be spent again', async () => {
  const { libraryId, memberIds: [member, expert] } = await libraryWithMembers(db, 'ledger-void', 2);
  const from = await openAccount(db, { libraryId, memberId: member!, now });
  const to = await openAccount(db, { libraryId, memberId: expert!, now });
  const held = await hold(db, { libraryId, debitAccountId: from, creditAccountId: to, amountMinutes: 120, kind: 'exchange', now });
  await voidHold(db, { libraryId, holdId: held.id, now });
  assert.deepEqual(await balances(db, { libraryId, memberId: member!, now }), { accountId: from, balanceMinutes: 120, heldMinutes: 0, availableMinutes: 120, limitMinutes: 0 });
  await assert.rejects(postHold(db, { libraryId, holdId: held.id, now }), HoldAlreadyResolvedError);
});

test('donations and grants move credit once per idempotency key, and a statement shows the running balance page by page', async () => {
  const { libraryId, memberIds: [giver, receiver, coordinator] } = await libraryWithMembers(db, 'ledger-donate', 3);
  const first = await donate(db, { libraryId, fromMemberId: giver!, to: { memberId: receiver! }, amountMinutes: 30, idempotencyKey: 'k1', now });
  const again = await donate(db, { libraryId, fromMemberId: giver!, to: { memberId: receiver! }, amountMinutes: 30, idempotencyKey: 'k1', now });
  assert.equal(again.id, first.id);
  await donate(db, { libraryId, fromMemberId: giver!, to: 'fund', amountMinutes: 60, now });
  await grant(db, { libraryId, memberId: giver!, amountMinutes: 90, reason: 'Welcome back', requestedBy: coordinator!, now });
  const account = memberAccountId(giver!);
  const pageOne = await statement(db, { libraryId, accountId: account, limit: 2 });
  const pageTwo = await statement(db, { libraryId, accountId: account, limit: 2, afterSeq: pageOne.nextSeq! });
  assert.deepEqual([...pageOne.lines, ...pageTwo.lines].map((l) => [l.kind, l.deltaMinutes, l.runningBalanceMinutes]), [
    ['starting_grant', 120, 120],
    ['donation', -30, 90],
    ['donation', -60, 30],
    ['grant', 90, 120],
  ]);
  assert.equal(pageTwo.nextSeq, null);
  const fund = await statement(db, { libraryId, accountId: fundAccountId(libraryId), limit: 10 });
  assert.equal(fund.lines.at(-1)!.runningBalanceMinutes, -120 - 120 + 60 - 90); // two starting grants (the coordinator has none yet), a donation in, a grant out
  assert.deepEqual(await checkBooks(db), []);
});

test('an unknown member or account is account_not_found, and the fund stops at its negative limit', async () => {
  const { libraryId, memberIds: [member] } = await libraryWithMembers(db, 'ledger-limits', 1);
  await assert.rejects(openAccount(db, { libraryId, memberId: 'mem_nobody', now }), AccountNotFoundError);
  await db.update(schema.libraries).set({ fundNegativeLimitMinutes: 150 }).where(eq(schema.libraries.id, libraryId));
  await openAccount(db, { libraryId, memberId: member!, now });
  await assert.rejects(grant(db, { libraryId, memberId: member!, amountMinutes: 60, reason: 'Too much', requestedBy: member!, now }), (error) => error instanceof InsufficientCreditError && error.availableMinutes === 30);
});

test('ledger check finds stored totals that do not match the transfers', async () => {
  const { libraryId, memberIds: [member] } = await libraryWithMembers(db, 'ledger-corrupt', 1);
  const account = await openAccount(db, { libraryId, memberId: member!, now });
  await db.update(schema.creditAccounts).set({ creditsPosted: 999 }).where(eq(schema.creditAccounts.id, account));
  const problems = await checkBooks(db);
  assert.ok(problems.some((p) => p.accountId === account && /posted credits: stored 999/.test(p.problem)));
  assert.ok(problems.some((p) => p.libraryId === libraryId && !p.accountId && /posted debits/.test(p.problem)));
  await db.update(schema.creditAccounts).set({ creditsPosted: 120 }).where(eq(schema.creditAccounts.id, account));
});
