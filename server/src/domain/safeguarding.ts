import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import { canSee, loadExchange } from './exchange-rows.js';
import { partyOf, type Actor } from './exchange-states.js';

/**
 * Safeguarding basics: a party's concern about an exchange, private to the library's
 * coordinators; and a coordinator's pause on a member's bookings, which the scheduling guards
 * (exchange-guards.ts) read in the same write that would book her.
 */

export interface Concern {
  id: string;
  exchangeId: string;
  reporter: { id: string; name: string };
  body: string;
  createdAt: string;
}

export async function reportConcern(db: Database, input: { libraryId: string; exchangeId: string; actor: Actor; body: string; now: Date }): Promise<Concern> {
  const exchange = await loadExchange(db, input.libraryId, input.exchangeId);
  if (!canSee(exchange, input.actor)) throw new NotFoundError('exchange', input.exchangeId);
  if (input.actor.kind !== 'member' || !partyOf(exchange, input.actor)) throw new ForbiddenError('Only the two parties to an exchange report concerns about it.', 'forbidden');
  const id = newId('cnc');
  const createdAt = input.now.toISOString();
  const result = await db.$client.execute({
    sql: `INSERT INTO concerns (id, library_id, exchange_id, reporter_member_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [id, input.libraryId, exchange.id, input.actor.memberId, input.body, createdAt],
  });
  if (!result.rows[0]) throw new NotFoundError('exchange', input.exchangeId);
  const reporter = exchange.member.id === input.actor.memberId ? exchange.member : { id: exchange.expert.id, name: exchange.expert.name };
  return { id, exchangeId: exchange.id, reporter, body: input.body, createdAt };
}

/** The library's concerns, newest first, for its coordinators. */
export async function listConcerns(db: Database, input: { libraryId: string; limit: number; before?: readonly [string, string] | undefined }): Promise<{ concerns: Concern[]; next: [string, string] | null }> {
  const before = input.before;
  const result = await db.$client.execute({
    sql: `SELECT c.id, c.exchange_id, c.reporter_member_id, m.name, c.body, c.created_at FROM concerns c JOIN members m ON m.id = c.reporter_member_id
      WHERE c.library_id = ? ${before ? 'AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))' : ''}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
    args: [input.libraryId, ...(before ? [before[0], before[0], before[1]] : []), input.limit + 1],
  });
  const concerns = result.rows.slice(0, input.limit).map((row) => ({
    id: String(row.id),
    exchangeId: String(row.exchange_id),
    reporter: { id: String(row.reporter_member_id), name: String(row.name) },
    body: String(row.body),
    createdAt: String(row.created_at),
  }));
  const last = concerns.at(-1);
  return { concerns, next: result.rows.length > input.limit && last ? [last.createdAt, last.id] : null };
}

export interface BookingPause {
  memberId: string;
  paused: boolean;
  pausedAt: string | null;
  reason: string | null;
}

/** Pauses (with a reason) or resumes a member's bookings. Her scheduled hours stand; coordinators cancel them if they must. */
export async function setBookingPause(db: Database, input: { libraryId: string; memberId: string; pause: { reason: string; now: Date } | null }): Promise<BookingPause> {
  const result = await db.$client.execute({
    sql: `UPDATE members SET booking_paused_at = ?, booking_paused_reason = ? WHERE id = ? AND library_id = ? RETURNING id, booking_paused_at, booking_paused_reason`,
    args: [input.pause?.now.toISOString() ?? null, input.pause?.reason ?? null, input.memberId, input.libraryId],
  });
  const row = result.rows[0];
  if (!row) throw new NotFoundError('member', input.memberId);
  return { memberId: String(row.id), paused: row.booking_paused_at !== null, pausedAt: row.booking_paused_at === null ? null : String(row.booking_paused_at), reason: row.booking_paused_reason === null ? null : String(row.booking_paused_reason) };
}

/** The library's coordinators' addresses, for mail about concerns. */
export async function coordinatorEmails(db: Database, libraryId: string): Promise<string[]> {
  const result = await db.$client.execute({
    sql: `SELECT email FROM members WHERE library_id = ? AND EXISTS (SELECT 1 FROM json_each(members.roles) WHERE value = 'coordinator')`,
    args: [libraryId],
  });
  return result.rows.map((row) => String(row.email));
}
