import type { Context } from 'hono';
import {
  CreditBalance,
  CreditTransfer,
  CreditTransferPage,
  CreditTransfersQuery,
  DonationCreate,
  GrantCreate,
  LibraryPathParams,
} from '@talking-library/sdk/schema';
import { balances, donate, fundAccountId, grant, libraryTransfers, memberAccountId, openAccount, statement, type Balances, type StatementLine, type Transfer } from '../domain/ledger.js';
import { ForbiddenError, InvalidInputError } from '../domain/errors.js';
import { hasRole } from '../domain/members.js';
import { currentActor } from '../http/auth.js';
import { badCursor, decodeCursor, encodeCursor } from '../http/cursor.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';

const tags = ['Credits'];

/** Minutes to hours: exact, since the ledger holds whole minutes and hours here are for reading. */
const hours = (minutes: number) => minutes / 60;

export function toCreditBalance(b: Balances) {
  return {
    balance: hours(b.balanceMinutes),
    held: hours(b.heldMinutes),
    available: hours(b.availableMinutes),
    balanceMinutes: b.balanceMinutes,
    heldMinutes: b.heldMinutes,
    availableMinutes: b.availableMinutes,
    overdraftMinutes: b.limitMinutes,
  };
}

function accountRef(accountId: string): string {
  return accountId.startsWith('acc_fund_') ? 'fund' : accountId.slice('acc_'.length);
}

function toCreditTransfer(t: Transfer | StatementLine) {
  const running = 'runningBalanceMinutes' in t ? t.runningBalanceMinutes : null;
  return {
    id: t.id,
    kind: t.kind,
    state: t.state,
    resolves: t.resolves,
    from: accountRef(t.debitAccountId),
    to: accountRef(t.creditAccountId),
    hours: hours(t.amountMinutes),
    minutes: t.amountMinutes,
    reference: t.reference,
    reason: t.reason,
    createdAt: t.createdAt,
    runningBalance: running === null ? null : hours(running),
    runningBalanceMinutes: running,
  };
}

/**
 * The ledger's own idempotency key for a request: the caller's `Idempotency-Key`, scoped to her.
 * The middleware already answers a repeat from its store; this makes the books themselves refuse
 * to move credit twice for one key, whatever happens to that store.
 */
function ledgerKey(c: Context<AppEnv>, what: string, memberId: string): string | undefined {
  const key = c.req.header('idempotency-key');
  return key === undefined ? undefined : `${what}:${memberId}:${key}`;
}

/** Statements page after a transfer's place in the library's order, written as decimal text (no `-0` or `1e3` to slip through). */
function seqAfter(cursor: string | undefined): number | undefined {
  const text = decodeCursor(cursor, ['text'])?.[0];
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,14}$/.test(text)) throw badCursor();
  return Number(text);
}
const seqCursor = (seq: number | null) => (seq === null ? null : encodeCursor([String(seq)]));

/** Members' time credits: balances, statements, donations; coordinators' grants from the fund. */
export function creditRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const getBalance = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/credits',
    tags,
    operationId: 'getCredits',
    summary: 'Your time credits: balance, held and available, in hours and minutes',
    description: 'Your account opens on first use, with the library’s starting grant from its fund.',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(CreditBalance, 'Your balances.'), ...problemResponses(401, 403, 404) },
  });
  const listTransfers = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/credits/transfers',
    tags,
    operationId: 'listCreditTransfers',
    summary: 'Your statement, oldest first, with the running balance; coordinators may read every account',
    request: { params: LibraryPathParams, query: CreditTransfersQuery },
    responses: { 200: jsonResponse(CreditTransferPage, 'A page of transfers.'), ...problemResponses(400, 401, 403, 404) },
  });
  const createDonation = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/credits/donations',
    tags,
    operationId: 'createDonation',
    summary: 'Give some of your hours to the library’s fund or to another member',
    description: 'Refused with 409 `insufficient_credit` (saying what is available) beyond your available hours; 404 `account_not_found` for a member who is not in this library.',
    request: { params: LibraryPathParams, body: jsonBody(DonationCreate) },
    responses: { 201: createdResponse(CreditTransfer, 'The transfer.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const createGrant = guardedRoute(deps, 'coordinator', {
    method: 'post',
    path: '/v1/libraries/{lib}/credits/grants',
    tags,
    operationId: 'createGrant',
    summary: 'Grant hours from the library’s fund to a member, with a reason',
    description: 'The fund may go below zero down to the library’s fund limit; beyond it, 409 `insufficient_credit`.',
    request: { params: LibraryPathParams, body: jsonBody(GrantCreate) },
    responses: { 201: createdResponse(CreditTransfer, 'The transfer.'), ...problemResponses(400, 401, 403, 404, 409) },
  });

  return createRouter()
    .openapi(getBalance, async (c) => {
      const { library, member } = currentActor(c);
      return c.json(toCreditBalance(await balances(db, { libraryId: library.id, memberId: member.id, now: clock.now() })), 200);
    })
    .openapi(listTransfers, async (c) => {
      const { library, member } = currentActor(c);
      const { limit, cursor, account } = c.req.valid('query');
      const afterSeq = seqAfter(cursor);
      const own = account === undefined || account === member.id;
      if (!own && !hasRole(member, 'coordinator')) throw new ForbiddenError('Only coordinators read other accounts; leave out `account` for your own statement.', 'forbidden');
      if (account === 'all') {
        const page = await libraryTransfers(db, { libraryId: library.id, limit, afterSeq });
        return c.json({ data: page.transfers.map(toCreditTransfer), nextCursor: seqCursor(page.nextSeq) }, 200);
      }
      const accountId =
        account === 'fund' ? fundAccountId(library.id) : own ? await openAccount(db, { libraryId: library.id, memberId: member.id, now: clock.now() }) : memberAccountId(account!);
      const page = await statement(db, { libraryId: library.id, accountId, limit, afterSeq });
      return c.json({ data: page.lines.map(toCreditTransfer), nextCursor: seqCursor(page.nextSeq) }, 200);
    })
    .openapi(createDonation, async (c) => {
      const { library, member } = currentActor(c);
      const { to, hours: amount } = c.req.valid('json');
      if (to === member.id) throw new InvalidInputError('You cannot donate to yourself.', [{ field: 'to', message: 'must be the fund or another member' }]);
      const made = await donate(db, {
        libraryId: library.id,
        fromMemberId: member.id,
        to: to === 'fund' ? 'fund' : { memberId: to },
        amountMinutes: amount * 60,
        idempotencyKey: ledgerKey(c, 'donation', member.id),
        now: clock.now(),
      });
      return c.json(toCreditTransfer(made), 201);
    })
    .openapi(createGrant, async (c) => {
      const { library, member } = currentActor(c);
      const { to, hours: amount, reason } = c.req.valid('json');
      const made = await grant(db, {
        libraryId: library.id,
        memberId: to,
        amountMinutes: amount * 60,
        reason,
        requestedBy: member.id,
        idempotencyKey: ledgerKey(c, 'grant', member.id),
        now: clock.now(),
      });
      return c.json(toCreditTransfer(made), 201);
    });
}
