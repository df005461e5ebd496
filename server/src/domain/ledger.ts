import type { InStatement, InValue, Row } from '@libsql/client';
import type { Database } from '../db/index.js';
import { TRANSFER_KINDS, type TRANSFER_STATES } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, NotFoundError } from './errors.js';

/**
 * The time-credit ledger, after TigerBeetle: accounts keep posted and pending totals; a transfer
 * is one immutable row, or for a two-phase transfer a pending row (the hold) and one row that
 * posts or voids it. Every change to the books is one write batch (a transaction): the guarded
 * INSERT of the transfer, and UPDATEs of the two accounts that run only if that insert happened.
 * Nothing is read first and written after, so two requests at once can neither overspend nor
 * resolve a hold twice, and a remote libSQL (which times out interactive transactions) is fine.
 * Amounts are whole minutes; hours exist only at the API's edge.
 */

export type TransferKind = (typeof TRANSFER_KINDS)[number];
export type TransferState = (typeof TRANSFER_STATES)[number];

export interface Transfer {
  id: string;
  libraryId: string;
  seq: number;
  debitAccountId: string;
  creditAccountId: string;
  amountMinutes: number;
  kind: TransferKind;
  state: TransferState;
  resolves: string | null;
  reference: string | null;
  reason: string | null;
  requestedBy: string | null;
  idempotencyKey: string | null;
  createdAt: string;
}

export interface Balances {
  accountId: string;
  /** Posted credits minus posted debits. */
  balanceMinutes: number;
  /** Pending debits: credit reserved by holds not yet posted or voided. */
  heldMinutes: number;
  /** balance − held + the overdraft (the fund's negative limit for the fund): what may still be spent. */
  availableMinutes: number;
  limitMinutes: number;
}

export class InsufficientCreditError extends DomainError {
  override name = 'InsufficientCreditError';
  constructor(readonly availableMinutes: number, readonly amountMinutes: number) {
    super(`Not enough time credit: ${formatHours(availableMinutes)} available, ${formatHours(amountMinutes)} asked for.`, 'insufficient_credit');
  }
}

export class HoldAlreadyResolvedError extends DomainError {
  override name = 'HoldAlreadyResolvedError';
  constructor(readonly holdId: string, readonly resolvedAs: TransferState) {
    super(`The hold "${holdId}" has already been ${resolvedAs}; a hold resolves once.`, 'hold_already_resolved');
  }
}

export class AccountNotFoundError extends NotFoundError {
  override name = 'AccountNotFoundError';
  override readonly code = 'account_not_found';
  constructor(key: string) {
    super('credit account', key);
  }
}

export const fundAccountId = (libraryId: string) => `acc_fund_${libraryId}`;
export const memberAccountId = (memberId: string) => `acc_${memberId}`;

export function formatHours(minutes: number): string {
  const hours = minutes / 60;
  return `${hours} hour${Math.abs(hours) === 1 ? '' : 's'}`;
}

/** The account's spendable amount, as SQL over `a` (the account) and `l` (its library). */
const AVAILABLE = `(a.credits_posted - a.debits_posted - a.debits_pending
  + CASE WHEN a.member_id IS NULL THEN l.fund_negative_limit_minutes ELSE l.overdraft_minutes END)`;
const NEXT_SEQ = `(SELECT coalesce(max(seq), 0) + 1 FROM credit_transfers WHERE library_id = ?)`;
const TRANSFER_COLUMNS = `id, library_id, seq, debit_account_id, credit_account_id, amount_minutes, kind, state, resolves,
  reference, reason, requested_by, idempotency_key, created_at`;

export interface MoveInput {
  libraryId: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMinutes: number;
  kind: TransferKind;
  /** `posted` moves credit now; `pending` holds it until `postHold` or `voidHold`. */
  state: 'posted' | 'pending';
  reference?: string | null | undefined;
  reason?: string | null | undefined;
  requestedBy?: string | null | undefined;
  /** Unique per library: the same key asked for again returns the first transfer and moves nothing. */
  idempotencyKey?: string | null | undefined;
  now: Date;
}

/** Adds a just-inserted transfer `id` to its two accounts' totals; a transfer that was not inserted changes nothing. */
function applyStatements(id: string, change: (side: 'debits' | 'credits') => string): InStatement[] {
  return (['debit', 'credit'] as const).map((side) => ({
    sql: `UPDATE credit_accounts SET ${change(`${side}s`)} FROM credit_transfers t WHERE t.id = ? AND credit_accounts.id = t.${side}_account_id`,
    args: [id],
  }));
}

const selectTransfer = (id: string): InStatement => ({ sql: `SELECT ${TRANSFER_COLUMNS} FROM credit_transfers WHERE id = ?`, args: [id] });

/**
 * A condition other modules add to their own guarded writes (an exchange's scheduling): true when
 * account `?` may spend `?` minutes now. Args: `[accountId, minutes]`.
 */
export const CAN_SPEND_SQL = `EXISTS (SELECT 1 FROM credit_accounts a JOIN libraries l ON l.id = a.library_id WHERE a.id = ? AND ${AVAILABLE} >= ?)`;

/** A condition over nothing but its args, that another module's batch adds to a ledger statement. */
export interface SqlGuard {
  sql: string;
  args: InValue[];
}

const guardSql = (guard: SqlGuard | undefined) => (guard ? ` AND (${guard.sql})` : '');
const guardArgs = (guard: SqlGuard | undefined) => guard?.args ?? [];

/**
 * The statements that hold credit (a pending transfer `id`), for another module's write batch:
 * nothing happens unless `guard` holds when they run, as well as the debit account's balance.
 */
export function holdStatements(id: string, input: Omit<MoveInput, 'state'>, guard?: SqlGuard): InStatement[] {
  return moveStatements(id, { ...input, state: 'pending' }, guard).slice(0, -1);
}

/**
 * The statements that post or void a hold (as transfer `id`), for another module's write batch:
 * nothing happens unless `guard` holds when they run; a hold already resolved stays as it was.
 */
export function resolveStatements(id: string, input: ResolveInput, outcome: 'posted' | 'voided', guard?: SqlGuard): InStatement[] {
  return [
    {
      sql: `INSERT OR IGNORE INTO credit_transfers (${TRANSFER_COLUMNS})
          SELECT ?, p.library_id, ${NEXT_SEQ}, p.debit_account_id, p.credit_account_id, p.amount_minutes, p.kind, ?, p.id, p.reference, NULL, ?, NULL, ?
          FROM credit_transfers p WHERE p.id = ? AND p.library_id = ? AND p.state = 'pending'${guardSql(guard)}`,
      args: [id, input.libraryId, outcome, input.requestedBy ?? null, input.now.toISOString(), input.holdId, input.libraryId, ...guardArgs(guard)],
    },
    ...applyStatements(id, (side) =>
      outcome === 'posted'
        ? `${side}_pending = ${side}_pending - t.amount_minutes, ${side}_posted = ${side}_posted + t.amount_minutes`
        : `${side}_pending = ${side}_pending - t.amount_minutes`,
    ),
  ];
}

/** The statements that make one transfer, guarded by the debit account's available balance (and `guard`). */
function moveStatements(id: string, input: MoveInput, guard?: SqlGuard): InStatement[] {
  const column = input.state === 'posted' ? 'posted' : 'pending';
  return [
    {
      sql: `INSERT OR IGNORE INTO credit_transfers (${TRANSFER_COLUMNS})
        SELECT ?, a.library_id, ${NEXT_SEQ}, a.id, c.id, ?, ?, ?, NULL, ?, ?, ?, ?, ?
        FROM credit_accounts a JOIN libraries l ON l.id = a.library_id
        JOIN credit_accounts c ON c.id = ? AND c.library_id = a.library_id AND c.id <> a.id
        WHERE a.id = ? AND a.library_id = ? AND ${AVAILABLE} >= ?${guardSql(guard)}`,
      args: [
        id,
        input.libraryId,
        input.amountMinutes,
        input.kind,
        input.state,
        input.reference ?? null,
        input.reason ?? null,
        input.requestedBy ?? null,
        input.idempotencyKey ?? null,
        input.now.toISOString(),
        input.creditAccountId,
        input.debitAccountId,
        input.libraryId,
        input.amountMinutes,
        ...guardArgs(guard),
      ],
    },
    ...applyStatements(id, (side) => `${side}_${column} = ${side}_${column} + t.amount_minutes`),
    selectTransfer(id),
  ];
}

function openStatements(libraryId: string, memberId: string | null): InStatement[] {
  const fund = fundAccountId(libraryId);
  const statements: InStatement[] = [{ sql: 'INSERT OR IGNORE INTO credit_accounts (id, library_id, member_id) VALUES (?, ?, NULL)', args: [fund, libraryId] }];
  if (memberId) {
    // The member must be this library's: the SELECT yields no row otherwise.
    statements.push({
      sql: 'INSERT OR IGNORE INTO credit_accounts (id, library_id, member_id) SELECT ?, library_id, id FROM members WHERE id = ? AND library_id = ?',
      args: [memberAccountId(memberId), memberId, libraryId],
    });
  }
  return statements;
}

/**
 * Opens the member's account (and the library's fund) if it is not open yet, and gives her the
 * library's starting grant from the fund, once, in the batch that opens it (its idempotency key is
 * hers, too). Members who joined before the ledger get theirs here, on first use. If the fund
 * cannot cover it then, she starts at 0 and a coordinator may grant. Safe to call any number of
 * times, at once too.
 */
export async function openAccount(db: Database, input: { libraryId: string; memberId: string; now: Date }): Promise<string> {
  const { libraryId, memberId, now } = input;
  const accountId = memberAccountId(memberId);
  // Most calls find the account open: a read spares them a write transaction (and its fsync).
  // Only the batch below opens it, so two first uses at once still grant once.
  const open = await db.$client.execute({ sql: 'SELECT 1 FROM credit_accounts WHERE id = ? AND library_id = ?', args: [accountId, libraryId] });
  if (open.rows.length > 0) return accountId;
  const grantId = newId('trf');
  const results = await db.$client.batch(
    [
      ...openStatements(libraryId, memberId),
      {
        // Only when the statement before this one opened the account (`changes()` counts its
        // rows): the grant is the library's policy as it is when she joins, and an account opened
        // while the grant was 0 (or the fund was short) does not collect a later, larger one.
        sql: `INSERT OR IGNORE INTO credit_transfers (${TRANSFER_COLUMNS})
          SELECT ?, a.library_id, ${NEXT_SEQ}, a.id, c.id, l.starting_grant_minutes, 'starting_grant', 'posted', NULL, NULL, NULL, NULL, ?, ?
          FROM credit_accounts a JOIN libraries l ON l.id = a.library_id JOIN credit_accounts c ON c.id = ? AND c.library_id = a.library_id
          WHERE changes() = 1 AND a.id = ? AND l.starting_grant_minutes > 0 AND ${AVAILABLE} >= l.starting_grant_minutes`,
        args: [grantId, libraryId, `starting_grant:${memberId}`, now.toISOString(), accountId, fundAccountId(libraryId)],
      },
      ...applyStatements(grantId, (side) => `${side}_posted = ${side}_posted + t.amount_minutes`),
      { sql: 'SELECT 1 FROM credit_accounts WHERE id = ? AND library_id = ?', args: [accountId, libraryId] },
    ],
    'write',
  );
  if (results.at(-1)!.rows.length === 0) throw new AccountNotFoundError(memberId);
  return accountId;
}

/** Opens several members' accounts as `openAccount` does; one read finds them all open, as they mostly are. */
export async function openAccounts(db: Database, input: { libraryId: string; memberIds: string[]; now: Date }): Promise<void> {
  const ids = input.memberIds.map(memberAccountId);
  const open = await db.$client.execute({ sql: `SELECT id FROM credit_accounts WHERE library_id = ? AND id IN (${ids.map(() => '?').join(', ')})`, args: [input.libraryId, ...ids] });
  const found = new Set(open.rows.map((row) => String(row.id)));
  for (const memberId of input.memberIds) if (!found.has(memberAccountId(memberId))) await openAccount(db, { libraryId: input.libraryId, memberId, now: input.now });
}

/** Moves credit now (grant, donation, adjustment) or holds it (`state: 'pending'`). */
export async function transfer(db: Database, input: MoveInput): Promise<Transfer> {
  if (!Number.isSafeInteger(input.amountMinutes) || input.amountMinutes <= 0) throw new DomainError('A transfer moves a positive whole number of minutes.', 'validation_failed');
  const id = newId('trf');
  const results = await db.$client.batch([...openStatements(input.libraryId, null), ...moveStatements(id, input)], 'write');
  const row = results.at(-1)!.rows[0];
  if (row) return toTransfer(row);
  return explainRefusal(db, input);
}

/** Why a guarded transfer did not happen; or, when its idempotency key was used already, that transfer. */
async function explainRefusal(db: Database, input: MoveInput): Promise<Transfer> {
  if (input.idempotencyKey) {
    const earlier = await db.$client.execute({ sql: `SELECT ${TRANSFER_COLUMNS} FROM credit_transfers WHERE library_id = ? AND idempotency_key = ?`, args: [input.libraryId, input.idempotencyKey] });
    if (earlier.rows[0]) return toTransfer(earlier.rows[0]);
  }
  for (const accountId of [input.debitAccountId, input.creditAccountId]) {
    const found = await db.$client.execute({ sql: 'SELECT 1 FROM credit_accounts WHERE id = ? AND library_id = ?', args: [accountId, input.libraryId] });
    if (!found.rows[0]) throw new AccountNotFoundError(accountId);
  }
  if (input.debitAccountId === input.creditAccountId) throw new DomainError('An account cannot pay itself.', 'same_account');
  const balances = await accountBalances(db, input.libraryId, input.debitAccountId);
  throw new InsufficientCreditError(balances.availableMinutes, input.amountMinutes);
}

/** Reserves the member's credit for an hour to come: a pending transfer to whoever will give it. */
export const hold = (db: Database, input: Omit<MoveInput, 'state'>) => transfer(db, { ...input, state: 'pending' });

/** Completes a hold: the held credit moves to the other side. At most once, whatever arrives at once. */
export const postHold = (db: Database, input: ResolveInput) => resolveHold(db, input, 'posted');

/** Releases a hold: the credit is the member's to spend again. At most once, like posting. */
export const voidHold = (db: Database, input: ResolveInput) => resolveHold(db, input, 'voided');

export interface ResolveInput {
  libraryId: string;
  holdId: string;
  requestedBy?: string | null | undefined;
  now: Date;
}

async function resolveHold(db: Database, input: ResolveInput, outcome: 'posted' | 'voided'): Promise<Transfer> {
  const id = newId('trf');
  // The unique index on `resolves` refuses a second resolution: the INSERT is then ignored, and
  // the UPDATEs, which join on the new row, change nothing.
  const results = await db.$client.batch([...resolveStatements(id, input, outcome), selectTransfer(id)], 'write');
  const row = results.at(-1)!.rows[0];
  if (row) return toTransfer(row);
  const earlier = await db.$client.execute({
    sql: `SELECT r.state FROM credit_transfers p LEFT JOIN credit_transfers r ON r.resolves = p.id WHERE p.id = ? AND p.library_id = ? AND p.state = 'pending'`,
    args: [input.holdId, input.libraryId],
  });
  const found = earlier.rows[0];
  if (!found) throw new NotFoundError('hold', input.holdId);
  throw new HoldAlreadyResolvedError(input.holdId, String(found.state) as TransferState);
}

/** The state of a hold: `pending` until it is posted or voided. */
export async function holdState(db: Database, libraryId: string, holdId: string): Promise<TransferState> {
  const result = await db.$client.execute({
    sql: `SELECT coalesce(r.state, 'pending') AS state FROM credit_transfers p LEFT JOIN credit_transfers r ON r.resolves = p.id WHERE p.id = ? AND p.library_id = ? AND p.state = 'pending'`,
    args: [holdId, libraryId],
  });
  if (!result.rows[0]) throw new NotFoundError('hold', holdId);
  return String(result.rows[0].state) as TransferState;
}

export async function accountBalances(db: Database, libraryId: string, accountId: string): Promise<Balances> {
  const result = await db.$client.execute({
    sql: `SELECT a.credits_posted - a.debits_posted AS balance, a.debits_pending AS held,
        CASE WHEN a.member_id IS NULL THEN l.fund_negative_limit_minutes ELSE l.overdraft_minutes END AS lim
      FROM credit_accounts a JOIN libraries l ON l.id = a.library_id WHERE a.id = ? AND a.library_id = ?`,
    args: [accountId, libraryId],
  });
  const row = result.rows[0];
  if (!row) throw new AccountNotFoundError(accountId);
  const balance = Number(row.balance);
  const held = Number(row.held);
  const limit = Number(row.lim);
  return { accountId, balanceMinutes: balance, heldMinutes: held, availableMinutes: balance - held + limit, limitMinutes: limit };
}

/** A member's balances; her account opens (with its starting grant) on first use. */
export async function balances(db: Database, input: { libraryId: string; memberId: string; now: Date }): Promise<Balances> {
  const accountId = await openAccount(db, input);
  return accountBalances(db, input.libraryId, accountId);
}

/** Gives credit from the library's fund to a member (a coordinator's grant). */
export async function grant(
  db: Database,
  input: { libraryId: string; memberId: string; amountMinutes: number; reason: string; requestedBy: string; idempotencyKey?: string | undefined; now: Date },
): Promise<Transfer> {
  const accountId = await openAccount(db, input);
  return transfer(db, { ...input, debitAccountId: fundAccountId(input.libraryId), creditAccountId: accountId, kind: 'grant', state: 'posted' });
}

/** A member gives some of her credit to the fund or to another member of the library. */
export async function donate(
  db: Database,
  input: { libraryId: string; fromMemberId: string; to: 'fund' | { memberId: string }; amountMinutes: number; idempotencyKey?: string | undefined; now: Date },
): Promise<Transfer> {
  const { libraryId, now } = input;
  await openAccounts(db, { libraryId, memberIds: input.to === 'fund' ? [input.fromMemberId] : [input.fromMemberId, input.to.memberId], now });
  const from = memberAccountId(input.fromMemberId);
  const to = input.to === 'fund' ? fundAccountId(libraryId) : memberAccountId(input.to.memberId);
  return transfer(db, {
    libraryId,
    debitAccountId: from,
    creditAccountId: to,
    amountMinutes: input.amountMinutes,
    kind: 'donation',
    state: 'posted',
    requestedBy: input.fromMemberId,
    idempotencyKey: input.idempotencyKey,
    now,
  });
}

export interface StatementLine extends Transfer {
  /** How this transfer changed the account's posted balance (0 for a hold, which only reserves). */
  deltaMinutes: number;
  /** The account's posted balance after this transfer. */
  runningBalanceMinutes: number;
}

/**
 * One account's transfers in the order they happened, a page at a time after `afterSeq`, each
 * with the posted balance it left. The running sum covers the whole history, so every page's
 * figures agree with the balance.
 */
export async function statement(db: Database, input: { libraryId: string; accountId: string; limit: number; afterSeq?: number | undefined }): Promise<{ lines: StatementLine[]; nextSeq: number | null }> {
  const result = await db.$client.execute({
    sql: `SELECT * FROM (
        SELECT ${TRANSFER_COLUMNS}, delta, sum(delta) OVER (ORDER BY seq) AS running FROM (
          SELECT *, CASE WHEN state = 'posted' THEN (CASE WHEN credit_account_id = ?1 THEN amount_minutes ELSE -amount_minutes END) ELSE 0 END AS delta
          FROM credit_transfers WHERE library_id = ?2 AND (debit_account_id = ?1 OR credit_account_id = ?1)))
      WHERE seq > ?3 ORDER BY seq LIMIT ?4`,
    args: [input.accountId, input.libraryId, input.afterSeq ?? 0, input.limit + 1],
  });
  const lines = result.rows.slice(0, input.limit).map((row) => ({ ...toTransfer(row), deltaMinutes: Number(row.delta), runningBalanceMinutes: Number(row.running) }));
  return { lines, nextSeq: result.rows.length > input.limit ? lines.at(-1)!.seq : null };
}

/** Every transfer of the library, in order (a coordinator's view of the books). */
export async function libraryTransfers(db: Database, input: { libraryId: string; limit: number; afterSeq?: number | undefined }): Promise<{ transfers: Transfer[]; nextSeq: number | null }> {
  const result = await db.$client.execute({
    sql: `SELECT ${TRANSFER_COLUMNS} FROM credit_transfers WHERE library_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    args: [input.libraryId, input.afterSeq ?? 0, input.limit + 1],
  });
  const transfers = result.rows.slice(0, input.limit).map(toTransfer);
  return { transfers, nextSeq: result.rows.length > input.limit ? transfers.at(-1)!.seq : null };
}

function toTransfer(row: Row): Transfer {
  const text = (key: string) => (row[key] === null ? null : String(row[key]));
  return {
    id: String(row.id),
    libraryId: String(row.library_id),
    seq: Number(row.seq),
    debitAccountId: String(row.debit_account_id),
    creditAccountId: String(row.credit_account_id),
    amountMinutes: Number(row.amount_minutes),
    kind: String(row.kind) as TransferKind,
    state: String(row.state) as TransferState,
    resolves: text('resolves'),
    reference: text('reference'),
    reason: text('reason'),
    requestedBy: text('requested_by'),
    idempotencyKey: text('idempotency_key'),
    createdAt: String(row.created_at),
  };
}

export interface BookProblem {
  libraryId: string;
  accountId?: string;
  problem: string;
}

/**
 * Audits the books from the transfers alone: for every library, posted credits equal posted
 * debits; every account's four stored totals equal the sums of its transfers; every resolving row
 * matches a hold (the unique index keeps it to one per hold). Returns what is wrong (nothing when all balance).
 */
export async function checkBooks(db: Database): Promise<BookProblem[]> {
  const problems: BookProblem[] = [];
  const libraries = await db.$client.execute(`SELECT library_id, sum(debits_posted) AS d, sum(credits_posted) AS c, sum(debits_pending) AS dp, sum(credits_pending) AS cp
    FROM credit_accounts GROUP BY library_id`);
  for (const row of libraries.rows) {
    if (Number(row.d) !== Number(row.c)) problems.push({ libraryId: String(row.library_id), problem: `posted debits ${row.d} min ≠ posted credits ${row.c} min` });
    if (Number(row.dp) !== Number(row.cp)) problems.push({ libraryId: String(row.library_id), problem: `pending debits ${row.dp} min ≠ pending credits ${row.cp} min` });
  }
  const accounts = await db.$client.execute(`WITH moves AS (
      SELECT debit_account_id AS account, 'debits' AS side, state, resolves, amount_minutes AS amount FROM credit_transfers
      UNION ALL SELECT credit_account_id, 'credits', state, resolves, amount_minutes FROM credit_transfers),
    sums AS (SELECT account,
        sum(CASE WHEN side = 'debits' AND state = 'posted' THEN amount ELSE 0 END) AS dposted,
        sum(CASE WHEN side = 'credits' AND state = 'posted' THEN amount ELSE 0 END) AS cposted,
        sum(CASE WHEN side = 'debits' THEN (CASE WHEN state = 'pending' THEN amount WHEN resolves IS NOT NULL THEN -amount ELSE 0 END) ELSE 0 END) AS dpending,
        sum(CASE WHEN side = 'credits' THEN (CASE WHEN state = 'pending' THEN amount WHEN resolves IS NOT NULL THEN -amount ELSE 0 END) ELSE 0 END) AS cpending
      FROM moves GROUP BY account)
    SELECT a.id, a.library_id, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending,
      coalesce(s.dposted, 0) AS dposted, coalesce(s.cposted, 0) AS cposted, coalesce(s.dpending, 0) AS dpending, coalesce(s.cpending, 0) AS cpending
    FROM credit_accounts a LEFT JOIN sums s ON s.account = a.id`);
  for (const row of accounts.rows) {
    const where = { libraryId: String(row.library_id), accountId: String(row.id) };
    for (const [stored, summed, name] of [
      ['debits_posted', 'dposted', 'posted debits'],
      ['credits_posted', 'cposted', 'posted credits'],
      ['debits_pending', 'dpending', 'pending debits'],
      ['credits_pending', 'cpending', 'pending credits'],
    ] as const) {
      if (Number(row[stored]) !== Number(row[summed])) problems.push({ ...where, problem: `${name}: stored ${row[stored]} min, transfers sum to ${row[summed]} min` });
    }
  }
  const orphans = await db.$client.execute(`SELECT r.id, r.library_id FROM credit_transfers r LEFT JOIN credit_transfers p ON p.id = r.resolves AND p.state = 'pending'
    WHERE r.resolves IS NOT NULL AND (p.id IS NULL OR p.amount_minutes <> r.amount_minutes OR p.debit_account_id <> r.debit_account_id OR p.credit_account_id <> r.credit_account_id)`);
  for (const row of orphans.rows) problems.push({ libraryId: String(row.library_id), problem: `transfer ${row.id} resolves no matching hold` });
  return problems;
}
