import { calendarInvite, type CalendarPerson } from './calendar.js';
import type { Exchange } from './exchange-rows.js';

/**
 * One exchange's calendar event, the same wherever it is built: the invite in the booking mail,
 * the moved one after a reschedule, the cancel, and `GET …/exchanges/{id}/calendar.ics`. Calendars
 * match on the UID, so it derives from the exchange alone and never changes; SEQUENCE is the
 * exchange's as stored, which each reschedule and the cancel raise (so build a change's invite from
 * the exchange after it).
 */

export const exchangeCalendarUid = (exchangeId: string) => `${exchangeId}@talking-library`;

export interface InviteParties {
  member: CalendarPerson;
  expert: CalendarPerson;
}

export interface ExchangeInviteInput {
  exchange: Pick<Exchange, 'id' | 'startsAt' | 'endsAt' | 'meetingPlace' | 'sequence'>;
  parties: InviteParties;
  libraryName: string;
  /** REQUEST while the hour stands; CANCEL when it is cancelled. */
  method: 'REQUEST' | 'CANCEL';
  /** Where the exchange's page is, for the event's URL. */
  url?: string | undefined;
  now: Date;
}

/** The exchange's iCalendar text, or null while it has no agreed time (a request, a lapse). */
export function exchangeInvite(input: ExchangeInviteInput): string | null {
  const { exchange, parties } = input;
  if (!exchange.startsAt || !exchange.endsAt) return null;
  return calendarInvite({
    uid: exchangeCalendarUid(exchange.id),
    sequence: exchange.sequence,
    method: input.method,
    start: new Date(exchange.startsAt),
    end: new Date(exchange.endsAt),
    title: `Skill exchange: ${parties.member.name} and ${parties.expert.name}`,
    description: `A one-hour skill exchange on ${input.libraryName}.${exchange.meetingPlace ? `\nWhere: ${exchange.meetingPlace}` : ''}`,
    location: exchange.meetingPlace ?? 'To be agreed',
    url: input.url,
    // The expert gives the hour, so the event is hers; both are attendees so each calendar shows it as theirs to attend.
    organizer: parties.expert,
    attendees: [parties.member, parties.expert],
    now: input.now,
  });
}
