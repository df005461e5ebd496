import type { Database } from '../db/index.js';
import { DomainError, ForbiddenError } from './errors.js';
import { accountBalances, CAN_SPEND_SQL, InsufficientCreditError, memberAccountId, type SqlGuard } from './ledger.js';
import { weekOf } from './time-zones.js';

/**
 * The conditions a write that schedules an hour carries in its own WHERE, so the database decides
 * them at the moment of writing (no read in code first): neither party has another scheduled hour
 * that overlaps, the expert's week (on her clock) is below her cap of exchanges, neither party's
 * booking is paused, and the member can spend an hour. And, when
 * such a write changed nothing, the reads that say which condition failed.
 */

/** Every exchange is one hour, held as 60 minutes of the member's credit. */
export const EXCHANGE_MINUTES = 60;

export class SlotTakenError extends DomainError {
  override name = 'SlotTakenError';
  constructor(message: string) {
    super(message, 'slot_taken');
  }
}

export class BookingPausedError extends ForbiddenError {
  override name = 'BookingPausedError';
  constructor(message: string) {
    super(message, 'booking_paused');
  }
}

export class WeekFullError extends DomainError {
  override name = 'WeekFullError';
  constructor(message: string) {
    super(message, 'week_full');
  }
}

export interface Booking {
  /** The exchange being scheduled: its own time never counts as an overlap (a reschedule). */
  exchangeId: string;
  memberId: string;
  expertMemberId: string;
  startsAt: string;
  endsAt: string;
}

/** Whose week a booking falls in: the expert's profile (its cap) and her time zone (where her week starts). */
export interface ExpertWeek {
  profileId: string;
  expertTimeZone: string;
}

export const endOf = (startsAt: string) => new Date(Date.parse(startsAt) + EXCHANGE_MINUTES * 60_000).toISOString();

/** No other scheduled hour of either party overlaps [startsAt, endsAt). ISO UTC text compares as time. */
export function noOverlapGuard(b: Booking): SqlGuard {
  return {
    sql: `NOT EXISTS (SELECT 1 FROM exchanges o WHERE o.status = 'scheduled' AND o.id <> ?
      AND (o.member_id IN (?, ?) OR o.expert_member_id IN (?, ?)) AND o.starts_at < ? AND o.ends_at > ?)`,
    args: [b.exchangeId, b.memberId, b.expertMemberId, b.memberId, b.expertMemberId, b.endsAt, b.startsAt],
  };
}

const weekBounds = (b: Booking & ExpertWeek) => {
  const week = weekOf(new Date(b.startsAt), b.expertTimeZone);
  return [week.start.toISOString(), week.end.toISOString()];
};

const SCHEDULED_IN_WEEK = `SELECT count(*) FROM exchanges w WHERE w.status = 'scheduled' AND w.expert_member_id = ? AND w.id <> ?
  AND w.starts_at >= ? AND w.starts_at < ?`;

/**
 * The expert's week holding the start, Monday to Sunday on her clock, has fewer scheduled hours
 * than her profile's cap: the same count the slots she offers are made from. The bounds come from
 * her zone here; the count and the cap are read by the write itself, so two bookings at once cannot
 * both take the last place.
 */
export function weekNotFullGuard(b: Booking & ExpertWeek): SqlGuard {
  return {
    sql: `(${SCHEDULED_IN_WEEK}) < (SELECT c.weekly_exchange_cap FROM profiles c WHERE c.id = ?)`,
    args: [b.expertMemberId, b.exchangeId, ...weekBounds(b), b.profileId],
  };
}

export function notPausedGuard(memberIds: readonly string[]): SqlGuard {
  return { sql: `NOT EXISTS (SELECT 1 FROM members p WHERE p.id IN (${memberIds.map(() => '?').join(', ')}) AND p.booking_paused_at IS NOT NULL)`, args: [...memberIds] };
}

export const canSpendHourGuard = (memberId: string): SqlGuard => ({ sql: CAN_SPEND_SQL, args: [memberAccountId(memberId), EXCHANGE_MINUTES] });

export const allGuards = (guards: readonly SqlGuard[]) => ({ sql: guards.map((g) => `(${g.sql})`).join(' AND ') || '1', args: guards.flatMap((g) => g.args) });

/** Throws the problem of a paused party: hers told as hers, the other party's without the coordinators' reason. */
export async function explainPaused(db: Database, input: { memberId: string; expertMemberId: string; actorId: string | null }): Promise<void> {
  const result = await db.$client.execute({
    sql: 'SELECT id, booking_paused_reason FROM members WHERE id IN (?, ?) AND booking_paused_at IS NOT NULL',
    args: [input.memberId, input.expertMemberId],
  });
  const paused = result.rows.map((row) => String(row.id));
  if (paused.length === 0) return;
  if (input.actorId && paused.includes(input.actorId)) {
    throw new BookingPausedError("The library's coordinators have paused your bookings: you cannot book or be booked for now. Contact them to find out more.");
  }
  const who = paused.includes(input.expertMemberId) ? 'The expert' : 'The member';
  throw new BookingPausedError(`${who} cannot be booked at the moment (paused by the library's coordinators).`);
}

/** Throws `insufficient_credit` when the member cannot spend an hour; to her, it says what she has. */
export async function explainCredit(db: Database, input: { libraryId: string; memberId: string; actorId: string | null }): Promise<void> {
  const balances = await accountBalances(db, input.libraryId, memberAccountId(input.memberId));
  if (balances.availableMinutes >= EXCHANGE_MINUTES) return;
  if (input.actorId === input.memberId) throw new InsufficientCreditError(balances.availableMinutes, EXCHANGE_MINUTES);
  throw new DomainError('The member does not have an hour of credit available to hold for this exchange now.', 'insufficient_credit');
}

export async function explainOverlap(db: Database, b: Booking & { actorId: string | null }): Promise<void> {
  const guard = noOverlapGuard(b);
  const result = await db.$client.execute({
    sql: `SELECT o.member_id, o.expert_member_id, o.starts_at FROM exchanges o WHERE o.status = 'scheduled' AND o.id <> ?
      AND (o.member_id IN (?, ?) OR o.expert_member_id IN (?, ?)) AND o.starts_at < ? AND o.ends_at > ? LIMIT 1`,
    args: guard.args,
  });
  const row = result.rows[0];
  if (!row) return;
  const busy = [String(row.member_id), String(row.expert_member_id)];
  const whose = b.actorId && busy.includes(b.actorId) ? 'you have' : busy.includes(b.expertMemberId) ? 'the expert has' : 'the member has';
  throw new SlotTakenError(`That hour is taken: ${whose} another exchange scheduled at ${String(row.starts_at)}, which overlaps it.`);
}

export async function explainWeekFull(db: Database, b: Booking & ExpertWeek & { actorId: string | null }): Promise<void> {
  const result = await db.$client.execute({
    sql: `SELECT (${SCHEDULED_IN_WEEK}) AS taken, c.weekly_exchange_cap AS cap FROM profiles c WHERE c.id = ?`,
    args: [b.expertMemberId, b.exchangeId, ...weekBounds(b), b.profileId],
  });
  const row = result.rows[0];
  if (!row || Number(row.taken) < Number(row.cap)) return;
  const whose = b.actorId === b.expertMemberId ? 'Your week' : 'The expert’s week';
  const cap = Number(row.cap);
  throw new WeekFullError(`${whose} is full: at most ${cap} ${cap === 1 ? 'exchange' : 'exchanges'} a week, and that week has ${cap === 1 ? 'it' : 'them'}. Choose a time in another week.`);
}

/** Why a scheduling write refused, most telling first; returns when none of its conditions fails now. */
export async function explainScheduling(db: Database, input: Booking & ExpertWeek & { libraryId: string; actorId: string | null; needsCredit: boolean }): Promise<void> {
  await explainPaused(db, input);
  if (input.needsCredit) await explainCredit(db, input);
  await explainOverlap(db, input);
  await explainWeekFull(db, input);
}
