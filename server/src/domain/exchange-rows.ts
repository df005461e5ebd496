import type { Row } from '@libsql/client';
import type { Database } from '../db/index.js';
import type { ExchangeStatus } from '../db/schema.js';
import type { TransferState } from './ledger.js';
import { NotFoundError } from './errors.js';
import { partyOf, type Actor, type ExchangeFacts, type Party } from './exchange-states.js';

/** An exchange as the domain hands it out: the row, both parties' names, its hold's state. */
export interface Exchange extends ExchangeFacts {
  id: string;
  libraryId: string;
  member: { id: string; name: string };
  expert: { id: string; name: string; profileId: string };
  profileId: string;
  requestId: string | null;
  responseId: string | null;
  message: string;
  proposedTimes: string[];
  endsAt: string | null;
  meetingPlace: string | null;
  timeZones: { member: string; expert: string };
  holdId: string | null;
  hold: { id: string; state: TransferState } | null;
  noShowParty: Party | null;
  reason: string | null;
  cancelledBy: string | null;
  /** The calendar invite's SEQUENCE. */
  sequence: number;
  lapsesAt: string | null;
  /** When one party has confirmed and the other has not: when it completes by itself. */
  autoCompletesAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExchangeEvent {
  kind: string;
  actor: { id: string; name: string } | null;
  at: string;
  detail: Record<string, unknown>;
}

/**
 * The exchange as the API shows it to anyone allowed to see it, before the caller's own part
 * (`yourRole`, `allowedActions`): what the routes answer and what webhooks carry as `data`.
 */
export function exchangeView(exchange: Exchange) {
  return {
    id: exchange.id,
    status: exchange.status,
    member: exchange.member,
    expert: exchange.expert,
    profileId: exchange.profileId,
    requestId: exchange.requestId,
    message: exchange.message,
    proposedTimes: exchange.proposedTimes,
    proposedBy: exchange.proposedBy,
    startsAt: exchange.startsAt,
    endsAt: exchange.endsAt,
    meetingPlace: exchange.meetingPlace,
    timeZones: exchange.timeZones,
    hold: exchange.hold,
    confirmations: exchange.confirmations,
    noShowParty: exchange.noShowParty,
    reason: exchange.reason,
    sequence: exchange.sequence,
    lapsesAt: exchange.lapsesAt,
    autoCompletesAt: exchange.autoCompletesAt,
    version: exchange.version,
    createdAt: exchange.createdAt,
    updatedAt: exchange.updatedAt,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

// The expert is named as her profile names her, which is how the member found her; her account's name otherwise.
const SELECT_EXCHANGE = `SELECT e.*, m.name AS member_name, coalesce(pr.display_name, x.name) AS expert_name, l.auto_complete_days,
    m.email AS member_email, x.email AS expert_email, l.name AS library_name,
    CASE WHEN h.id IS NULL THEN NULL ELSE coalesce(r.state, 'pending') END AS hold_state
  FROM exchanges e
  JOIN members m ON m.id = e.member_id
  JOIN members x ON x.id = e.expert_member_id
  JOIN libraries l ON l.id = e.library_id
  LEFT JOIN profiles pr ON pr.id = e.profile_id
  LEFT JOIN credit_transfers h ON h.id = e.hold_id AND h.state = 'pending'
  LEFT JOIN credit_transfers r ON r.resolves = h.id`;

/** The exchange, whoever asks (callers check who may see it). */
export async function loadExchange(db: Database, libraryId: string, exchangeId: string): Promise<Exchange> {
  return (await loadExchangeWithContext(db, libraryId, exchangeId)).exchange;
}

/** What a change to an exchange needs beside it, read in the same query: whom its mail goes to, the library's name and days to auto-complete. */
export interface ExchangeContext {
  emails: Record<Party, string>;
  libraryName: string;
  autoCompleteDays: number;
}

/** The exchange and its context, in one read: a change needs nothing else read before its write. */
export async function loadExchangeWithContext(db: Database, libraryId: string, exchangeId: string): Promise<{ exchange: Exchange; context: ExchangeContext }> {
  const result = await db.$client.execute({ sql: `${SELECT_EXCHANGE} WHERE e.id = ? AND e.library_id = ?`, args: [exchangeId, libraryId] });
  const row = result.rows[0];
  if (!row) throw new NotFoundError('exchange', exchangeId);
  return {
    exchange: toExchange(row),
    context: {
      emails: { member: String(row.member_email), expert: String(row.expert_email) },
      libraryName: String(row.library_name),
      autoCompleteDays: Number(row.auto_complete_days),
    },
  };
}

/** The two parties and the library's coordinators see an exchange; to anyone else it does not exist. */
export function canSee(exchange: ExchangeFacts, actor: Actor): boolean {
  return actor.kind === 'system' || actor.isCoordinator || partyOf(exchange, actor) !== null;
}

export async function exchangeEvents(db: Database, exchangeId: string): Promise<ExchangeEvent[]> {
  const result = await db.$client.execute({
    sql: `SELECT ev.kind, ev.actor_member_id, a.name AS actor_name, ev.created_at, ev.detail
      FROM exchange_events ev LEFT JOIN members a ON a.id = ev.actor_member_id
      WHERE ev.exchange_id = ? ORDER BY ev.created_at, ev.rowid`,
    args: [exchangeId],
  });
  return result.rows.map((row) => ({
    kind: String(row.kind),
    actor: row.actor_member_id === null ? null : { id: String(row.actor_member_id), name: String(row.actor_name ?? '') },
    at: String(row.created_at),
    detail: JSON.parse(String(row.detail)) as Record<string, unknown>,
  }));
}

export interface ExchangeListQuery {
  libraryId: string;
  /** Her own exchanges; every exchange of the library when left out (a coordinator's view). */
  memberId?: string | undefined;
  role?: Party | undefined;
  statuses?: readonly ExchangeStatus[] | undefined;
  limit: number;
  /** The last item seen: its creation time and id (newest first). */
  before?: readonly [string, string] | undefined;
}

/** The member's own exchanges (as the member or as the expert), or the whole library's, newest first. */
export async function listExchanges(db: Database, query: ExchangeListQuery): Promise<{ exchanges: Exchange[]; next: [string, string] | null }> {
  const where: string[] = ['e.library_id = ?'];
  const args: (string | number)[] = [query.libraryId];
  const memberId = query.memberId;
  if (memberId !== undefined) {
    if (query.role === 'member') where.push('e.member_id = ?');
    else if (query.role === 'expert') where.push('e.expert_member_id = ?');
    else where.push('(e.member_id = ? OR e.expert_member_id = ?)');
    args.push(...(query.role ? [memberId] : [memberId, memberId]));
  }
  if (query.statuses && query.statuses.length > 0) {
    where.push(`e.status IN (${query.statuses.map(() => '?').join(', ')})`);
    args.push(...query.statuses);
  }
  if (query.before) {
    where.push('(e.created_at < ? OR (e.created_at = ? AND e.id < ?))');
    args.push(query.before[0], query.before[0], query.before[1]);
  }
  const sql = `${SELECT_EXCHANGE} WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id DESC LIMIT ?`;
  args.push(query.limit + 1);
  const result = await db.$client.execute({ sql, args });
  const exchanges = result.rows.slice(0, query.limit).map(toExchange);
  const last = exchanges.at(-1);
  return { exchanges, next: result.rows.length > query.limit && last ? [last.createdAt, last.id] : null };
}

function toExchange(row: Row): Exchange {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  const confirmations = { member: text('member_confirmed_at'), expert: text('expert_confirmed_at') };
  const oneConfirmed = (confirmations.member === null) !== (confirmations.expert === null);
  const firstConfirmed = confirmations.member ?? confirmations.expert;
  const status = String(row.status) as ExchangeStatus;
  const holdId = text('hold_id');
  return {
    id: String(row.id),
    libraryId: String(row.library_id),
    status,
    memberId: String(row.member_id),
    expertMemberId: String(row.expert_member_id),
    member: { id: String(row.member_id), name: String(row.member_name) },
    expert: { id: String(row.expert_member_id), name: String(row.expert_name), profileId: String(row.profile_id) },
    profileId: String(row.profile_id),
    requestId: text('request_id'),
    responseId: text('response_id'),
    message: String(row.message),
    proposedTimes: JSON.parse(String(row.proposed_times)) as string[],
    proposedBy: String(row.proposed_by) as Party,
    startsAt: text('starts_at'),
    endsAt: text('ends_at'),
    meetingPlace: text('meeting_place'),
    timeZones: { member: String(row.member_time_zone), expert: String(row.expert_time_zone) },
    holdId,
    hold: holdId && row.hold_state !== null ? { id: holdId, state: String(row.hold_state) as TransferState } : null,
    confirmations,
    noShowParty: text('no_show_party') as Party | null,
    reason: text('reason'),
    cancelledBy: text('cancelled_by'),
    sequence: Number(row.sequence),
    lapsesAt: status === 'requested' ? text('lapses_at') : null,
    autoCompletesAt:
      status === 'scheduled' && oneConfirmed && firstConfirmed ? new Date(Date.parse(firstConfirmed) + Number(row.auto_complete_days) * DAY_MS).toISOString() : null,
    version: Number(row.version),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}
