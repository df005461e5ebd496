import type { InStatement, InValue } from '@libsql/client';
import type { Database } from '../db/index.js';
import type { ExchangeStatus } from '../db/schema.js';
import { newId } from '../ids.js';
import { exchangeMailStatements, hasNotice } from '../mail/exchange-notices.js';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, StateConflictError } from './errors.js';
import {
  allGuards,
  canSpendHourGuard,
  endOf,
  EXCHANGE_MINUTES,
  explainCredit,
  explainPaused,
  explainScheduling,
  noOverlapGuard,
  notPausedGuard,
  weekNotFullGuard,
  type Booking,
  type ExpertWeek,
} from './exchange-guards.js';
import { cancelRemindersStatement, reminderParties, reminderStatements, type ReminderParty } from './exchange-reminders.js';
import { exchangeWebhookEvent } from './exchange-events.js';
import { canSee, exchangeEvents, loadExchange, loadExchangeWithContext, type Exchange, type ExchangeContext, type ExchangeEvent } from './exchange-rows.js';
import { confirmationProblem, mayAct, partyOf, SYSTEM, timingProblem, transitionFor, type Actor, type ExchangeAction, type Party } from './exchange-states.js';
import { holdStatements, memberAccountId, openAccount, openAccounts, resolveStatements, type SqlGuard } from './ledger.js';
import { coordinatorEmails } from './safeguarding.js';
import { webhookEventStatement } from './webhooks.js';

/**
 * One-hour exchanges: every change runs through the state machine (exchange-states.ts) as ONE
 * write batch. Its first statement is the guarded UPDATE (`WHERE id AND version AND status`, plus
 * the action's own conditions); its first event is inserted only if that UPDATE changed the row,
 * and the other events, the ledger's statements and anything else join on that event, so they
 * happen exactly when it did. Nothing is read and then written unguarded: the read before a change
 * only decides what to ask of the database, and a change that lost a race is re-read and either
 * retried or refused with the state it found.
 *
 * The change's mail to the parties and its webhook to partner sites are in that batch too, guarded
 * on the write, so they exist if and only if it committed. What they say is the exchange after the
 * change, worked out before it from the row read and the plan's `after` (exact, since the UPDATE is
 * guarded on that row's version); the tests compare each webhook's data with what the API then shows.
 */

export { SlotTakenError, BookingPausedError, WeekFullError, EXCHANGE_MINUTES } from './exchange-guards.js';
export { allowedActions, SYSTEM, type Actor, type ExchangeAction, type Party } from './exchange-states.js';
export { listExchanges, type Exchange, type ExchangeEvent } from './exchange-rows.js';

export type ExchangeDetail = Exchange & { events: ExchangeEvent[] };

export class ExchangeStateConflictError extends StateConflictError {
  override name = 'ExchangeStateConflictError';
  constructor(message: string, state: ExchangeStatus) {
    super(message, state, 'exchange_state_conflict');
  }
}

export const STATE_WORDS: Record<ExchangeStatus, string> = {
  requested: 'requested and waiting for an answer',
  scheduled: 'scheduled',
  completed: 'completed',
  declined: 'declined',
  lapsed: 'lapsed',
  cancelled: 'cancelled',
  no_show: 'closed as a no-show',
  disputed: 'disputed and with the coordinators',
};

const ACTION_WORDS: Record<ExchangeAction, string> = {
  accept: 'accepted',
  propose: 'given new times',
  decline: 'declined',
  cancel: 'cancelled',
  reschedule: 'rescheduled',
  'no-show': 'reported as a no-show',
  complete: 'confirmed',
  dispute: 'disputed',
  resolve: 'resolved',
  lapse: 'lapsed',
  'auto-complete': 'completed automatically',
};

function stateConflict(exchange: Exchange, action: ExchangeAction, why?: string): ExchangeStateConflictError {
  const state = exchange.status;
  return new ExchangeStateConflictError(why ?? `This exchange is ${STATE_WORDS[state]} (status "${state}"), so it cannot be ${ACTION_WORDS[action]}.`, state);
}

/** What one action asks of the database, given the exchange as it was read. */
interface Change {
  /** The status it writes: a value, or SQL over the row (`complete` completes only when both have confirmed). */
  to: ExchangeStatus | { sql: string; args: InValue[] };
  /** More assignments: `[column, value]`, or `[column, sql, args]` for SQL over the row. */
  set: ([string, InValue] | [string, { sql: string; args: InValue[] }])[];
  /** The action's own conditions, decided by the database as it writes. */
  guards: SqlGuard[];
  events: { kind: string; detail: Record<string, unknown>; onlyIf?: ExchangeStatus }[];
  /** What the ledger does, in the same batch: hold the member's hour, or post or void the hold. */
  ledger?: { hold: string } | { resolve: 'posted' | 'voided'; onlyIf?: ExchangeStatus } | undefined;
  /**
   * More statements for the same batch (jobs, webhook messages), each guarded by `written`, which
   * holds only if this change wrote: work that a change makes due exists if and only if it committed.
   */
  also?: (written: SqlGuard) => InStatement[];
  /** When the guards refused: throws the reason, or returns if none holds now (then the change is retried). */
  explain?: () => Promise<void>;
  /**
   * The exchange's fields as this change writes them (beyond status, version and `updatedAt`), for
   * its mail and webhook; `status` too when `to` is SQL. Exact, as the UPDATE is guarded on the
   * version read: it writes over the very row the plan saw.
   */
  after?: Partial<Exchange> | undefined;
}

interface ActInput {
  libraryId: string;
  exchangeId: string;
  actor: Actor;
  now: Date;
}

const MAX_ATTEMPTS = 5;

/** Runs one action of the state machine on one exchange; returns the exchange as it is after. */
async function act(
  db: Database,
  action: ExchangeAction,
  input: ActInput,
  plan: (exchange: Exchange, party: Party | null, context: ExchangeContext) => Change | Promise<Change>,
): Promise<ExchangeDetail> {
  const transition = transitionFor(action);
  const actorId = input.actor.kind === 'member' ? input.actor.memberId : null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { exchange, context } = await loadExchangeWithContext(db, input.libraryId, input.exchangeId);
    if (!canSee(exchange, input.actor)) throw new NotFoundError('exchange', input.exchangeId);
    if (!transition.from.includes(exchange.status)) throw stateConflict(exchange, action);
    if (!mayAct(transition.who, exchange, input.actor)) throw new ForbiddenError(whoMayMessage(transition.who, exchange), 'forbidden');
    const timing = timingProblem(transition.timing, exchange, input.now);
    if (timing === 'not-started') throw stateConflict(exchange, action, `This exchange starts at ${exchange.startsAt}: it can be ${ACTION_WORDS[action]} only after it has started.`);
    if (timing === 'started') throw stateConflict(exchange, action, `This exchange started at ${exchange.startsAt}: it can no longer be ${ACTION_WORDS[action]}; report a no-show or confirm it instead.`);
    const confirmed = confirmationProblem(transition.unless, exchange, input.actor);
    if (confirmed) throw stateConflict(exchange, action, confirmed);

    const change = await plan(exchange, partyOf(exchange, input.actor), context);
    const next = changed(exchange, change, input.now);
    // The event the mail and webhook name the change by: its last, of those this outcome writes.
    const kind = change.events.filter((event) => !event.onlyIf || event.onlyIf === next.status).at(-1)?.kind;
    const tell = kind ? await notices(db, { after: next, kind, actorId, now: input.now }, context) : () => [];
    const mark = newId('exe');
    const results = await db.$client.batch(changeStatements(exchange, change, actorId, input.now, mark, tell(writtenBy(mark, next.status))), 'write');
    if (results[0]!.rowsAffected === 1) return detail(db, input.libraryId, input.exchangeId);
    const after = await loadExchange(db, input.libraryId, input.exchangeId);
    // The same version: nobody else changed it, so one of the action's own conditions refused.
    if (after.version === exchange.version) await change.explain?.();
  }
  throw new DomainError('The exchange kept changing while this was tried; read it again and retry.', 'exchange_busy');
}

function whoMayMessage(who: string, exchange: Exchange): string {
  if (who === 'responder') return `Only the party who did not propose the times on the table (the ${exchange.proposedBy === 'member' ? 'expert' : 'member'}) may do that now.`;
  if (who === 'coordinator') return "Only the library's coordinators (not a party to it) may resolve an exchange.";
  if (who === 'system') return 'Only the system does that.';
  if (who === 'either') return 'Only the two parties to this exchange may do that.';
  return `Only the ${who} of this exchange may do that.`;
}

/** The exchange as `change` leaves it, had it written: what its mail and webhook say. */
function changed(exchange: Exchange, change: Change, now: Date): Exchange {
  const status = change.after?.status ?? (typeof change.to === 'string' ? change.to : undefined);
  if (!status) throw new Error('A change whose status is SQL must say in `after` what it comes to.');
  let hold = exchange.hold;
  const ledger = change.ledger;
  if (ledger && 'hold' in ledger) hold = { id: ledger.hold, state: 'pending' };
  else if (ledger && hold && (!ledger.onlyIf || ledger.onlyIf === status)) hold = { id: hold.id, state: ledger.resolve };
  const fields = { ...exchange, ...change.after };
  return {
    ...fields,
    status,
    holdId: hold?.id ?? exchange.holdId,
    hold,
    // As loadExchange shows them: a lapse time only while requested, an auto-completion only while scheduled.
    lapsesAt: status === 'requested' ? fields.lapsesAt : null,
    autoCompletesAt: status === 'scheduled' ? fields.autoCompletesAt : null,
    version: exchange.version + 1,
    updatedAt: now.toISOString(),
  };
}

/**
 * Holds as the batch runs only if this change's UPDATE wrote (and, given a status, wrote that
 * one). The proof is the change's first event, `mark`, which its batch inserts only when the
 * UPDATE before it changed the row. The version it wrote would not do: a change that lost the
 * race to the same version finds it there too, written by the winner.
 */
function writtenBy(mark: string, status?: ExchangeStatus): SqlGuard {
  if (!status) return { sql: 'EXISTS (SELECT 1 FROM exchange_events WHERE id = ?)', args: [mark] };
  return { sql: 'EXISTS (SELECT 1 FROM exchange_events ev JOIN exchanges e ON e.id = ev.exchange_id WHERE ev.id = ? AND e.status = ?)', args: [mark, status] };
}

interface NoticeInput {
  after: Exchange;
  kind: string;
  actorId: string | null;
  now: Date;
}

/**
 * The mail to the parties (mail/exchange-notices.ts) and the webhook to partner sites
 * (exchange-events.ts) that a change makes, for its own batch, each guarded by what it is given:
 * they exist if and only if the change committed. What they need is read here, before the write.
 */
async function notices(db: Database, input: NoticeInput, known?: Pick<ExchangeContext, 'emails' | 'libraryName'>): Promise<(onlyIf: SqlGuard) => InStatement[]> {
  const { after, kind } = input;
  const webhook = exchangeWebhookEvent(kind, after);
  if (!webhook && !hasNotice(kind)) return () => [];
  const [parties, coordinators, libraryName] = await Promise.all([
    known ? partiesOf(after, known) : reminderParties(db, after, after.timeZones),
    kind === 'disputed' ? coordinatorEmails(db, after.libraryId) : [],
    known?.libraryName ?? db.$client.execute({ sql: 'SELECT name FROM libraries WHERE id = ?', args: [after.libraryId] }).then((library) => String(library.rows[0]?.name ?? '')),
  ]);
  const mail = { exchange: after, kind, actorId: input.actorId, parties, coordinators, libraryName, now: input.now };
  return (onlyIf) => [
    ...exchangeMailStatements(mail, onlyIf),
    ...(webhook ? [webhookEventStatement({ libraryId: after.libraryId, type: webhook.type, data: webhook.data, now: input.now, onlyIf })] : []),
  ];
}

/** The parties as mail and reminders name them (the expert as her profile does, as the exchange shows her), from a read that had their addresses. */
function partiesOf(exchange: Exchange, known: Pick<ExchangeContext, 'emails'>): Record<Party, ReminderParty> {
  return {
    member: { id: exchange.memberId, name: exchange.member.name, email: known.emails.member, timeZone: exchange.timeZones.member },
    expert: { id: exchange.expertMemberId, name: exchange.expert.name, email: known.emails.expert, timeZone: exchange.timeZones.expert },
  };
}

function changeStatements(exchange: Exchange, change: Change, actorId: string | null, now: Date, mark: string, told: InStatement[]): InStatement[] {
  const at = now.toISOString();
  const assignments: string[] = ['status = ' + (typeof change.to === 'string' ? '?' : change.to.sql), 'version = version + 1', 'updated_at = ?'];
  const setArgs: InValue[] = [...(typeof change.to === 'string' ? [change.to] : change.to.args), at];
  for (const [column, value] of change.set) {
    if (value !== null && typeof value === 'object' && 'sql' in value) {
      assignments.push(`${column} = ${value.sql}`);
      setArgs.push(...value.args);
    } else {
      assignments.push(`${column} = ?`);
      setArgs.push(value as InValue);
    }
  }
  const guard = allGuards(change.guards);
  const statements: InStatement[] = [
    {
      sql: `UPDATE exchanges SET ${assignments.join(', ')} WHERE id = ? AND library_id = ? AND version = ? AND status = ? AND ${guard.sql}`,
      args: [...setArgs, exchange.id, exchange.libraryId, exchange.version, exchange.status, ...guard.args],
    },
  ];
  const written = (status?: ExchangeStatus): SqlGuard => writtenBy(mark, status);
  const [first, ...more] = change.events;
  if (!first || first.onlyIf) throw new Error('A change records its first event whatever it comes to: that event is the proof it wrote.');
  // `changes()` is the UPDATE's: 1 when it wrote the row. Everything after joins on this event.
  statements.push(eventStatement(mark, exchange.id, actorId, first.kind, first.detail, at, { sql: 'changes() = 1', args: [] }));
  for (const event of more) statements.push(eventStatement(newId('exe'), exchange.id, actorId, event.kind, event.detail, at, written(event.onlyIf)));
  if (exchange.status === 'scheduled') {
    // Any way out of `scheduled` (cancelled, completed, a no-show, disputed) moots the reminders.
    const left: SqlGuard = { sql: `${written().sql} AND EXISTS (SELECT 1 FROM exchanges WHERE id = ? AND status <> 'scheduled')`, args: [mark, exchange.id] };
    statements.push(cancelRemindersStatement(exchange.id, now, left));
  }
  if (change.also) statements.push(...change.also(written()));
  statements.push(...told);
  const ledger = change.ledger;
  if (ledger && 'hold' in ledger) {
    statements.push(
      ...holdStatements(
        ledger.hold,
        {
          libraryId: exchange.libraryId,
          debitAccountId: memberAccountId(exchange.memberId),
          creditAccountId: memberAccountId(exchange.expertMemberId),
          amountMinutes: EXCHANGE_MINUTES,
          kind: 'exchange',
          reference: exchange.id,
          requestedBy: actorId,
          now,
        },
        written('scheduled'),
      ),
    );
  } else if (ledger && exchange.holdId) {
    statements.push(...resolveStatements(newId('trf'), { libraryId: exchange.libraryId, holdId: exchange.holdId, requestedBy: actorId, now }, ledger.resolve, written(ledger.onlyIf)));
  }
  return statements;
}

function eventStatement(id: string, exchangeId: string, actorId: string | null, kind: string, detail: Record<string, unknown>, at: string, guard: SqlGuard): InStatement {
  return {
    sql: `INSERT INTO exchange_events (id, exchange_id, actor_member_id, kind, detail, created_at) SELECT ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
    args: [id, exchangeId, actorId, kind, JSON.stringify(detail), at, ...guard.args],
  };
}

async function detail(db: Database, libraryId: string, exchangeId: string): Promise<ExchangeDetail> {
  const exchange = await loadExchange(db, libraryId, exchangeId);
  return { ...exchange, events: await exchangeEvents(db, exchangeId) };
}

/** One exchange with its events, for its two parties and the library's coordinators. */
export async function getExchange(db: Database, input: { libraryId: string; exchangeId: string; actor: Actor }): Promise<ExchangeDetail> {
  const exchange = await loadExchange(db, input.libraryId, input.exchangeId);
  if (!canSee(exchange, input.actor)) throw new NotFoundError('exchange', input.exchangeId);
  return { ...exchange, events: await exchangeEvents(db, input.exchangeId) };
}

// ---- Times -------------------------------------------------------------------------------------

const MINUTE_MS = 60_000;

/** Checks times the caller sent (the schema made them ISO and on the minute): in the future, at least `noticeMinutes` ahead. */
function futureTimes(times: readonly string[], field: string, now: Date, noticeMinutes = 0): string[] {
  const errors: { field: string; message: string }[] = [];
  const earliest = now.getTime() + noticeMinutes * MINUTE_MS;
  const normalised = times.map((time, i) => {
    const ms = Date.parse(time);
    const path = times.length > 1 || field === 'proposedTimes' ? `${field}.${i}` : field;
    if (Number.isNaN(ms) || ms % MINUTE_MS !== 0) errors.push({ field: path, message: 'must be an ISO 8601 time on the minute' });
    else if (ms <= now.getTime()) errors.push({ field: path, message: 'must be in the future' });
    else if (ms < earliest) errors.push({ field: path, message: `must be at least ${noticeMinutes / 60} hours from now (the expert's minimum notice)` });
    return Number.isNaN(ms) ? time : new Date(ms).toISOString();
  });
  if (new Set(normalised).size !== normalised.length) errors.push({ field, message: 'must be distinct times' });
  if (errors.length > 0) throw new InvalidInputError(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return normalised;
}

// ---- Direct requests ----------------------------------------------------------------------------

export interface RequestExchangeInput {
  libraryId: string;
  memberId: string;
  profileId: string;
  message: string;
  proposedTimes: readonly string[];
  /** The member's IANA time zone, to show her times in mail and invites. */
  memberTimeZone?: string | undefined;
  now: Date;
}

/**
 * A member asks an expert for an hour, at one of up to three times. Refused at once (before the
 * expert spends effort on it) when the member has no hour of credit available, or either party's
 * booking is paused: both are conditions of the INSERT itself.
 */
export async function requestExchange(db: Database, input: RequestExchangeInput): Promise<ExchangeDetail> {
  const { libraryId, memberId, now } = input;
  const profile = await db.$client.execute({
    sql: `SELECT p.member_id, p.time_zone, p.minimum_notice_minutes, l.direct_request_lapse_days FROM profiles p JOIN libraries l ON l.id = p.library_id
      WHERE p.id = ? AND p.library_id = ? AND p.status = 'published' AND p.member_id IS NOT NULL`,
    args: [input.profileId, libraryId],
  });
  const row = profile.rows[0];
  if (!row) throw new NotFoundError('profile', input.profileId);
  const expertMemberId = String(row.member_id);
  if (expertMemberId === memberId) throw new InvalidInputError('You cannot ask yourself for an hour.', [{ field: 'profileId', message: 'is your own profile' }], 'own_profile');
  const times = futureTimes(input.proposedTimes, 'proposedTimes', now, Number(row.minimum_notice_minutes));
  await openAccount(db, { libraryId, memberId, now });

  const id = newId('exc');
  const at = now.toISOString();
  const lapsesAt = new Date(now.getTime() + Number(row.direct_request_lapse_days) * 24 * 60 * MINUTE_MS).toISOString();
  const guard = allGuards([notPausedGuard([memberId, expertMemberId]), canSpendHourGuard(memberId)]);
  const timeZones = { member: input.memberTimeZone ?? 'Europe/London', expert: String(row.time_zone) };
  const names = await reminderParties(db, { memberId, expertMemberId, profileId: input.profileId }, timeZones);
  const made: Exchange = {
    ...NEW_EXCHANGE,
    id,
    libraryId,
    status: 'requested',
    memberId,
    expertMemberId,
    member: { id: memberId, name: names.member.name },
    expert: { id: expertMemberId, name: names.expert.name, profileId: input.profileId },
    profileId: input.profileId,
    message: input.message,
    proposedTimes: times,
    proposedBy: 'member',
    timeZones,
    lapsesAt,
    createdAt: at,
    updatedAt: at,
  };
  const tell = await notices(db, { after: made, kind: 'requested', actorId: memberId, now });
  const created: SqlGuard = { sql: 'EXISTS (SELECT 1 FROM exchanges WHERE id = ?)', args: [id] };
  const results = await db.$client.batch(
    [
      {
        sql: `INSERT INTO exchanges (id, library_id, member_id, expert_member_id, profile_id, status, message, proposed_times, proposed_by,
            member_time_zone, expert_time_zone, lapses_at, created_at, updated_at)
          SELECT ?, ?, ?, ?, ?, 'requested', ?, ?, 'member', ?, ?, ?, ?, ? WHERE ${guard.sql}`,
        args: [id, libraryId, memberId, expertMemberId, input.profileId, input.message, JSON.stringify(times), timeZones.member, timeZones.expert, lapsesAt, at, at, ...guard.args],
      },
      eventStatement(newId('exe'), id, memberId, 'requested', { proposedTimes: times }, at, created),
      ...tell(created),
    ],
    'write',
  );
  if (results[0]!.rowsAffected === 1) return detail(db, libraryId, id);
  await explainPaused(db, { memberId, expertMemberId, actorId: memberId });
  await explainCredit(db, { libraryId, memberId, actorId: memberId });
  throw new DomainError('The request could not be made just now; try again.', 'exchange_busy');
}

/** What a new exchange's row holds until something is written to it: the columns' defaults, for the one a create describes before it writes. */
const NEW_EXCHANGE = {
  requestId: null,
  responseId: null,
  startsAt: null,
  endsAt: null,
  meetingPlace: null,
  holdId: null,
  hold: null,
  confirmations: { member: null, expert: null },
  noShowParty: null,
  reason: null,
  cancelledBy: null,
  sequence: 0,
  lapsesAt: null,
  autoCompletesAt: null,
  version: 1,
} satisfies Partial<Exchange>;

// ---- Scheduling ---------------------------------------------------------------------------------

/** Both parties' accounts must exist before a hold can join on them. */
async function openBoth(db: Database, exchange: { libraryId: string; memberId: string; expertMemberId: string }, now: Date): Promise<void> {
  await openAccounts(db, { libraryId: exchange.libraryId, memberIds: [exchange.memberId, exchange.expertMemberId], now });
}

function schedulingGuards(booking: Booking & ExpertWeek, needsCredit: boolean): SqlGuard[] {
  return [
    noOverlapGuard(booking),
    weekNotFullGuard(booking),
    notPausedGuard([booking.memberId, booking.expertMemberId]),
    ...(needsCredit ? [canSpendHourGuard(booking.memberId)] : []),
  ];
}

export interface AcceptInput extends ActInput {
  startsAt: string;
  meetingPlace: string;
}

/**
 * The party who did not propose the times picks one: the exchange is scheduled and the member's
 * hour held, in one guarded write that refuses an overlap with either party's scheduled hours, a
 * paused party, and a member without an hour available.
 */
export async function acceptExchange(db: Database, input: AcceptInput): Promise<ExchangeDetail> {
  const startsAt = futureTimes([input.startsAt], 'startsAt', input.now)[0]!;
  let opened = false;
  return act(db, 'accept', input, async (exchange, _party, context) => {
    if (!exchange.proposedTimes.includes(startsAt)) {
      throw new InvalidInputError('Pick one of the proposed times, or propose others.', [{ field: 'startsAt', message: `must be one of the proposed times: ${exchange.proposedTimes.join(', ')}` }]);
    }
    if (!opened) await openBoth(db, exchange, input.now);
    opened = true;
    const parties = partiesOf(exchange, context);
    const booking = { exchangeId: exchange.id, memberId: exchange.memberId, expertMemberId: exchange.expertMemberId, startsAt, endsAt: endOf(startsAt), profileId: exchange.profileId, expertTimeZone: exchange.timeZones.expert };
    const holdId = newId('trf');
    return {
      to: 'scheduled',
      set: [
        ['starts_at', startsAt],
        ['ends_at', booking.endsAt],
        ['meeting_place', input.meetingPlace],
        ['hold_id', holdId],
        ['lapses_at', null],
      ],
      guards: schedulingGuards(booking, true),
      events: [{ kind: 'scheduled', detail: { startsAt, meetingPlace: input.meetingPlace } }],
      ledger: { hold: holdId },
      after: { startsAt, endsAt: booking.endsAt, meetingPlace: input.meetingPlace },
      also: (written) =>
        reminderStatements({ exchangeId: exchange.id, libraryId: exchange.libraryId, startsAt, meetingPlace: input.meetingPlace, sequence: exchange.sequence, parties, now: input.now }, written),
      explain: () => explainScheduling(db, { ...booking, libraryId: exchange.libraryId, actorId: actorIdOf(input.actor), needsCredit: true }),
    };
  });
}

const actorIdOf = (actor: Actor) => (actor.kind === 'member' ? actor.memberId : null);

export interface CreateScheduledInput {
  libraryId: string;
  memberId: string;
  expertMemberId: string;
  profileId: string;
  requestId?: string | null | undefined;
  responseId?: string | null | undefined;
  message: string;
  startsAt: string;
  meetingPlace: string;
  memberTimeZone?: string | undefined;
  /** Who is scheduling it (the request's owner accepting a response); the member if left out. */
  actorId?: string | undefined;
  now: Date;
  /** Pre-generated id, so the caller's own statements can refer to the exchange. */
  exchangeId?: string | undefined;
  /** A further condition of the INSERT (the response is still open, say). */
  guard?: SqlGuard | undefined;
  /**
   * Statements to run in the same batch, after the exchange and its hold; each must guard itself
   * on the exchange existing (`EXISTS (SELECT 1 FROM exchanges WHERE id = ?)`), as the batch runs
   * them whether or not the INSERT happened.
   */
  alsoRun?: readonly InStatement[] | undefined;
}

/** Thrown by `createScheduledExchange` when none of its own conditions failed, so the caller's `guard` did. */
export class ScheduleGuardError extends DomainError {
  override name = 'ScheduleGuardError';
  constructor() {
    super('The exchange was not created: what it was created from changed meanwhile.', 'conflict');
  }
}

/**
 * An exchange created straight into `scheduled` with its hold (the request board: the member
 * accepts an expert's response at one of its times). The same guards as accepting, in one batch.
 */
export async function createScheduledExchange(db: Database, input: CreateScheduledInput): Promise<ExchangeDetail> {
  const { libraryId, memberId, expertMemberId, now } = input;
  const startsAt = futureTimes([input.startsAt], 'startsAt', now)[0]!;
  const id = input.exchangeId ?? newId('exc');
  const holdId = newId('trf');
  const at = now.toISOString();
  const actorId = input.actorId ?? memberId;
  await openBoth(db, input, now);
  const expertZone = await db.$client.execute({ sql: 'SELECT time_zone FROM profiles WHERE id = ? AND library_id = ?', args: [input.profileId, libraryId] });
  const expertTimeZone = String(expertZone.rows[0]?.time_zone ?? 'Europe/London');
  const booking = { exchangeId: id, memberId, expertMemberId, startsAt, endsAt: endOf(startsAt), profileId: input.profileId, expertTimeZone };
  const memberTimeZone = input.memberTimeZone ?? 'Europe/London';
  const parties = await reminderParties(db, input, { member: memberTimeZone, expert: expertTimeZone });
  const guard = allGuards([
    { sql: 'EXISTS (SELECT 1 FROM members WHERE id = ? AND library_id = ?)', args: [memberId, libraryId] },
    ...schedulingGuards(booking, true),
    ...(input.guard ? [input.guard] : []),
  ]);
  const created: SqlGuard = { sql: 'EXISTS (SELECT 1 FROM exchanges WHERE id = ? AND hold_id = ?)', args: [id, holdId] };
  const made: Exchange = {
    ...NEW_EXCHANGE,
    id,
    libraryId,
    status: 'scheduled',
    memberId,
    expertMemberId,
    member: { id: memberId, name: parties.member.name },
    expert: { id: expertMemberId, name: parties.expert.name, profileId: input.profileId },
    profileId: input.profileId,
    requestId: input.requestId ?? null,
    responseId: input.responseId ?? null,
    message: input.message,
    proposedTimes: [startsAt],
    proposedBy: 'expert',
    startsAt,
    endsAt: booking.endsAt,
    meetingPlace: input.meetingPlace,
    timeZones: { member: memberTimeZone, expert: parties.expert.timeZone },
    holdId,
    hold: { id: holdId, state: 'pending' },
    createdAt: at,
    updatedAt: at,
  };
  const tell = await notices(db, { after: made, kind: 'scheduled', actorId, now });
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO exchanges (id, library_id, member_id, expert_member_id, profile_id, request_id, response_id, status, message, proposed_times, proposed_by,
          starts_at, ends_at, meeting_place, member_time_zone, expert_time_zone, hold_id, created_at, updated_at)
        SELECT ?, ?, ?, ?, p.id, ?, ?, 'scheduled', ?, ?, 'expert', ?, ?, ?, ?, p.time_zone, ?, ?, ?
        FROM profiles p WHERE p.id = ? AND p.library_id = ? AND p.member_id = ? AND p.member_id <> ? AND ${guard.sql}`,
      args: [
        id,
        libraryId,
        memberId,
        expertMemberId,
        input.requestId ?? null,
        input.responseId ?? null,
        input.message,
        JSON.stringify([startsAt]),
        startsAt,
        booking.endsAt,
        input.meetingPlace,
        memberTimeZone,
        holdId,
        at,
        at,
        input.profileId,
        libraryId,
        expertMemberId,
        memberId,
        ...guard.args,
      ],
    },
    ...holdStatements(
      holdId,
      { libraryId, debitAccountId: memberAccountId(memberId), creditAccountId: memberAccountId(expertMemberId), amountMinutes: EXCHANGE_MINUTES, kind: 'exchange', reference: id, requestedBy: actorId, now },
      created,
    ),
    eventStatement(newId('exe'), id, actorId, 'scheduled', { startsAt, meetingPlace: input.meetingPlace, requestId: input.requestId ?? null, responseId: input.responseId ?? null }, at, created),
    ...reminderStatements({ exchangeId: id, libraryId, startsAt, meetingPlace: input.meetingPlace, sequence: 0, parties, now }, created),
    ...tell(created),
    ...(input.alsoRun ?? []),
  ];
  const results = await db.$client.batch(statements, 'write');
  if (results[0]!.rowsAffected === 1) return detail(db, libraryId, id);
  const profile = await db.$client.execute({ sql: 'SELECT 1 FROM profiles WHERE id = ? AND library_id = ? AND member_id = ?', args: [input.profileId, libraryId, expertMemberId] });
  if (!profile.rows[0]) throw new NotFoundError('profile', input.profileId);
  if (memberId === expertMemberId) throw new InvalidInputError('You cannot book an hour with yourself.', [{ field: 'profileId', message: 'is your own profile' }], 'own_profile');
  await explainScheduling(db, { ...booking, libraryId, actorId, needsCredit: true });
  throw new ScheduleGuardError();
}

// ---- The other actions --------------------------------------------------------------------------

/** The database's own check of a row's `unless: 'anyone-confirmed'`, against a confirmation that lands meanwhile. */
const NOBODY_CONFIRMED: SqlGuard = { sql: 'member_confirmed_at IS NULL AND expert_confirmed_at IS NULL', args: [] };

export interface ProposeInput extends ActInput {
  proposedTimes: readonly string[];
  message?: string | undefined;
}

/** The party who was asked proposes other times; the first side then accepts one (or proposes again). */
export async function proposeTimes(db: Database, input: ProposeInput): Promise<ExchangeDetail> {
  const times = futureTimes(input.proposedTimes, 'proposedTimes', input.now);
  return act(db, 'propose', input, async (exchange, party) => {
    const days = await db.$client.execute({ sql: 'SELECT direct_request_lapse_days FROM libraries WHERE id = ?', args: [exchange.libraryId] });
    const lapsesAt = new Date(input.now.getTime() + Number(days.rows[0]!.direct_request_lapse_days) * 24 * 60 * MINUTE_MS).toISOString();
    return {
      to: 'requested',
      set: [
        ['proposed_times', JSON.stringify(times)],
        ['proposed_by', party!],
        ['lapses_at', lapsesAt],
      ],
      guards: [],
      events: [{ kind: 'proposed', detail: { proposedTimes: times, ...(input.message ? { message: input.message } : {}) } }],
      after: { proposedTimes: times, proposedBy: party!, lapsesAt },
    };
  });
}

export async function declineExchange(db: Database, input: ActInput & { reason?: string | undefined }): Promise<ExchangeDetail> {
  return act(db, 'decline', input, () => ({
    to: 'declined',
    set: [['reason', input.reason ?? null]],
    guards: [],
    events: [{ kind: 'declined', detail: input.reason ? { reason: input.reason } : {} }],
    after: { reason: input.reason ?? null },
  }));
}

/** The library's rule for a late cancellation or a member's no-show: `keep` pays the expert, `release` gives the hour back. */
async function lateRule(db: Database, libraryId: string): Promise<{ rule: 'keep' | 'release'; windowMinutes: number }> {
  const result = await db.$client.execute({ sql: 'SELECT late_cancel_rule, late_cancel_window_minutes FROM libraries WHERE id = ?', args: [libraryId] });
  const row = result.rows[0]!;
  return { rule: String(row.late_cancel_rule) as 'keep' | 'release', windowMinutes: Number(row.late_cancel_window_minutes) };
}

/**
 * Either party calls it off, before the hour. Its hold is voided, except when the member cancels
 * inside the library's late-cancel window and the library keeps late cancellations: then the
 * expert is paid the hour.
 */
export async function cancelExchange(db: Database, input: ActInput & { reason: string }): Promise<ExchangeDetail> {
  return act(db, 'cancel', input, async (exchange, party) => {
    const policy = await lateRule(db, exchange.libraryId);
    const late =
      exchange.status === 'scheduled' && exchange.startsAt !== null && input.now.getTime() >= Date.parse(exchange.startsAt) - policy.windowMinutes * MINUTE_MS;
    const keep = late && party === 'member' && policy.rule === 'keep';
    return {
      to: 'cancelled',
      set: [
        ['reason', input.reason],
        ['cancelled_by', party],
        ['sequence', { sql: 'sequence + 1', args: [] }],
      ],
      guards: [],
      events: [{ kind: 'cancelled', detail: { reason: input.reason, by: party, late, ...(late ? { lateCancelRule: policy.rule } : {}) } }],
      ledger: exchange.holdId ? { resolve: keep ? 'posted' : 'voided' } : undefined,
      after: { reason: input.reason, cancelledBy: party, sequence: exchange.sequence + 1 },
    };
  });
}

export interface RescheduleInput extends ActInput {
  startsAt: string;
  reason?: string | undefined;
  meetingPlace?: string | undefined;
}

/** Either party moves a scheduled hour: the same exchange and hold, a new time (with the same guards), the invite's sequence + 1. */
export async function rescheduleExchange(db: Database, input: RescheduleInput): Promise<ExchangeDetail> {
  const startsAt = futureTimes([input.startsAt], 'startsAt', input.now)[0]!;
  return act(db, 'reschedule', input, (exchange, _party, context) => {
    if (startsAt === exchange.startsAt) throw new InvalidInputError('That is the time it is at already.', [{ field: 'startsAt', message: 'must differ from the current time' }]);
    const parties = partiesOf(exchange, context);
    const meetingPlace = input.meetingPlace ?? exchange.meetingPlace;
    const booking = { exchangeId: exchange.id, memberId: exchange.memberId, expertMemberId: exchange.expertMemberId, startsAt, endsAt: endOf(startsAt), profileId: exchange.profileId, expertTimeZone: exchange.timeZones.expert };
    return {
      to: 'scheduled',
      set: [
        ['starts_at', startsAt],
        ['ends_at', booking.endsAt],
        ['meeting_place', meetingPlace],
        ['reason', input.reason ?? null],
        ['sequence', { sql: 'sequence + 1', args: [] }],
      ],
      guards: [NOBODY_CONFIRMED, ...schedulingGuards(booking, false)],
      after: { startsAt, endsAt: booking.endsAt, meetingPlace, reason: input.reason ?? null, sequence: exchange.sequence + 1 },
      events: [{ kind: 'rescheduled', detail: { from: exchange.startsAt, startsAt, ...(input.reason ? { reason: input.reason } : {}), ...(input.meetingPlace ? { meetingPlace: input.meetingPlace } : {}) } }],
      // The old reminders go first: the new ones' keys share their prefix.
      also: (written) => [
        cancelRemindersStatement(exchange.id, input.now, written),
        ...reminderStatements({ exchangeId: exchange.id, libraryId: exchange.libraryId, startsAt, meetingPlace, sequence: exchange.sequence + 1, parties, now: input.now }, written),
      ],
      explain: () => explainScheduling(db, { ...booking, libraryId: exchange.libraryId, actorId: actorIdOf(input.actor), needsCredit: false }),
    };
  });
}

/**
 * The other party reports that `party` did not come. The expert's no-show gives the member her
 * hour back; the member's follows the library's rule for late cancellations.
 */
export async function reportNoShow(db: Database, input: ActInput & { party: Party; reason?: string | undefined }): Promise<ExchangeDetail> {
  return act(db, 'no-show', input, async (exchange, reporter) => {
    if (reporter === input.party) throw new InvalidInputError('Report the other party, not yourself; to call it off, cancel.', [{ field: 'party', message: 'must be the other party' }]);
    const keep = input.party === 'member' && (await lateRule(db, exchange.libraryId)).rule === 'keep';
    return {
      to: 'no_show',
      set: [
        ['no_show_party', input.party],
        ['reason', input.reason ?? null],
      ],
      guards: [NOBODY_CONFIRMED],
      events: [{ kind: 'no_show', detail: { party: input.party, ...(input.reason ? { reason: input.reason } : {}) } }],
      after: { noShowParty: input.party, reason: input.reason ?? null },
      ledger: { resolve: keep ? 'posted' : 'voided' },
    };
  });
}

/** A party confirms the hour took place; when both have, it is completed and the hold is posted to the expert. */
export async function confirmExchange(db: Database, input: ActInput): Promise<ExchangeDetail> {
  return act(db, 'complete', input, (exchange, party, context) => {
    const other = party === 'member' ? 'expert' : 'member';
    const at = input.now.toISOString();
    const completes = exchange.confirmations[other!] !== null;
    return {
      // The other's confirmation is read by the UPDATE itself, so two confirmations at once complete it once.
      to: { sql: `CASE WHEN ${other}_confirmed_at IS NOT NULL THEN 'completed' ELSE 'scheduled' END`, args: [] },
      set: [[`${party}_confirmed_at`, at]],
      guards: [{ sql: `${party}_confirmed_at IS NULL`, args: [] }],
      events: [
        { kind: 'confirmed', detail: { party } },
        { kind: 'completed', detail: {}, onlyIf: 'completed' },
      ],
      ledger: { resolve: 'posted', onlyIf: 'completed' },
      after: {
        status: completes ? 'completed' : 'scheduled',
        confirmations: { ...exchange.confirmations, [party!]: at },
        autoCompletesAt: completes ? null : new Date(input.now.getTime() + context.autoCompleteDays * 24 * 60 * MINUTE_MS).toISOString(),
      },
    };
  });
}

/** A party says it did not go as it should, instead of confirming: the coordinators decide. The hold waits. */
export async function disputeExchange(db: Database, input: ActInput & { reason: string }): Promise<ExchangeDetail> {
  return act(db, 'dispute', input, (_exchange, party) => ({
    to: 'disputed',
    set: [['reason', input.reason]],
    guards: [{ sql: `${party}_confirmed_at IS NULL`, args: [] }],
    events: [{ kind: 'disputed', detail: { party, reason: input.reason } }],
    after: { reason: input.reason },
  }));
}

/** A coordinator settles a dispute: `completed` pays the expert, `void` gives the member her hour back (and cancels it). */
export async function resolveDispute(db: Database, input: ActInput & { outcome: 'completed' | 'void'; reason: string }): Promise<ExchangeDetail> {
  return act(db, 'resolve', input, () => ({
    to: input.outcome === 'completed' ? 'completed' : 'cancelled',
    set: [['reason', input.reason]],
    guards: [],
    events: [{ kind: 'resolved', detail: { outcome: input.outcome, reason: input.reason } }],
    ledger: { resolve: input.outcome === 'completed' ? 'posted' : 'voided' },
    after: { reason: input.reason },
  }));
}

// ---- Due work (the job worker calls these) ------------------------------------------------------

export interface DueInput {
  now: Date;
  /** At most this many in one call (default 100); call again until it returns none. Each change queues its own mail and webhook, as any other. */
  limit?: number | undefined;
}

/** Direct requests left unanswered past their `lapses_at` lapse (they hold nothing). Returns the lapsed exchanges' ids. */
export async function lapseDue(db: Database, input: DueInput): Promise<string[]> {
  const due = await db.$client.execute({
    sql: `SELECT id, library_id FROM exchanges WHERE status = 'requested' AND lapses_at <= ? ORDER BY lapses_at LIMIT ?`,
    args: [input.now.toISOString(), input.limit ?? 100],
  });
  const done: string[] = [];
  for (const row of due.rows) {
    const ran = await runDue(String(row.library_id), String(row.id), input, (exchangeInput) =>
      act(db, 'lapse', exchangeInput, () => ({
        to: 'lapsed',
        set: [],
        guards: [{ sql: 'lapses_at <= ?', args: [input.now.toISOString()] }],
        events: [{ kind: 'lapsed', detail: {} }],
      })),
    );
    if (ran) done.push(ran);
  }
  return done;
}

/** Over a row of `exchanges`: one party confirmed, and the library's days for the other to answer have passed by `?`. */
const AUTO_COMPLETE_DUE = `(exchanges.member_confirmed_at IS NULL) <> (exchanges.expert_confirmed_at IS NULL)
  AND strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(exchanges.member_confirmed_at, exchanges.expert_confirmed_at),
    '+' || (SELECT l.auto_complete_days FROM libraries l WHERE l.id = exchanges.library_id) || ' days') <= ?`;

/**
 * Scheduled exchanges that one party confirmed and the other neither confirmed nor disputed
 * within the library's `auto_complete_days` complete by themselves; their holds are posted.
 * Returns the completed exchanges' ids.
 */
export async function autoCompleteDue(db: Database, input: DueInput): Promise<string[]> {
  const at = input.now.toISOString();
  const due = await db.$client.execute({
    sql: `SELECT id, library_id FROM exchanges WHERE status = 'scheduled' AND ${AUTO_COMPLETE_DUE} LIMIT ?`,
    args: [at, input.limit ?? 100],
  });
  const done: string[] = [];
  for (const row of due.rows) {
    const ran = await runDue(String(row.library_id), String(row.id), input, (exchangeInput) =>
      act(db, 'auto-complete', exchangeInput, () => ({
        to: 'completed',
        set: [],
        guards: [{ sql: AUTO_COMPLETE_DUE, args: [at] }],
        events: [{ kind: 'auto_completed', detail: {} }],
        ledger: { resolve: 'posted' },
      })),
    );
    if (ran) done.push(ran);
  }
  return done;
}

/** Runs one due change; another worker or a party may have got there first, which is fine. */
async function runDue(libraryId: string, exchangeId: string, due: DueInput, run: (input: ActInput) => Promise<ExchangeDetail>): Promise<string | null> {
  try {
    await run({ libraryId, exchangeId, actor: SYSTEM, now: due.now });
  } catch (error) {
    if (error instanceof StateConflictError || (error instanceof DomainError && error.code === 'exchange_busy')) return null;
    throw error;
  }
  return exchangeId;
}
