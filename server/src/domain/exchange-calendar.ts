import type { Database } from '../db/index.js';
import { NotFoundError } from './errors.js';
import { exchangeInvite } from './exchange-invite.js';
import { canSee, loadExchange } from './exchange-rows.js';
import type { Actor } from './exchange-states.js';
import { ExchangeStateConflictError, STATE_WORDS } from './exchanges.js';

export interface ExchangeCalendarInput {
  libraryId: string;
  libraryName: string;
  exchangeId: string;
  actor: Actor;
  now: Date;
}

/**
 * The exchange's calendar event as its parties' calendars should hold it now: the hour as agreed
 * (REQUEST), or its cancellation (CANCEL) once it was called off after a time was agreed. The
 * same UID as the booking mail's invite, so opening the file updates that event rather than
 * adding a second. To anyone who may not see the exchange it does not exist; an exchange with no
 * agreed time has no event, which is a conflict with its state.
 */
export async function exchangeCalendar(db: Database, input: ExchangeCalendarInput): Promise<string> {
  const exchange = await loadExchange(db, input.libraryId, input.exchangeId);
  if (!canSee(exchange, input.actor)) throw new NotFoundError('exchange', input.exchangeId);
  const noTime = () =>
    new ExchangeStateConflictError(`This exchange is ${STATE_WORDS[exchange.status]} (status "${exchange.status}") and has no agreed time, so it has no calendar event.`, exchange.status);
  if (!exchange.startsAt || !exchange.endsAt) throw noTime();
  const emails = await db.$client.execute({ sql: 'SELECT id, email FROM members WHERE id IN (?, ?)', args: [exchange.member.id, exchange.expert.id] });
  const emailOf = new Map(emails.rows.map((row) => [String(row.id), String(row.email)]));
  const invite = exchangeInvite({
    exchange,
    parties: {
      member: { name: exchange.member.name, email: emailOf.get(exchange.member.id) ?? '' },
      expert: { name: exchange.expert.name, email: emailOf.get(exchange.expert.id) ?? '' },
    },
    libraryName: input.libraryName,
    method: exchange.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    now: input.now,
  });
  if (invite === null) throw noTime();
  return invite;
}
