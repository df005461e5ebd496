import { createEvent, type Attendee } from 'ics';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarInviteInput {
  /** Stays the same for one exchange across reschedules and the cancel, so calendars update the one event. */
  uid: string;
  /** Grows by one with each change sent (a reschedule, the cancel): calendars apply the highest. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: Date;
  end: Date;
  title: string;
  description: string;
  /** Where: a video link or a place. */
  location: string;
  url?: string | undefined;
  organizer: CalendarPerson;
  attendees: readonly CalendarPerson[];
  /** When this version of the invite is made: its DTSTAMP. */
  now: Date;
}

export class CalendarInviteError extends Error {
  override name = 'CalendarInviteError';
}

/**
 * An exchange's invite as iCalendar text (RFC 5545, for iTIP's REQUEST and CANCEL): times in UTC,
 * so no time-zone table is needed and every calendar shows each party her own local time. A
 * cancel carries STATUS:CANCELLED with the same UID and a higher SEQUENCE than the last request.
 */
export function calendarInvite(input: CalendarInviteInput): string {
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) throw new CalendarInviteError('sequence must be a whole number of at least 0');
  if (!(input.end.getTime() > input.start.getTime())) throw new CalendarInviteError('an event ends after it starts');
  const attendees: Attendee[] = input.attendees.map((person) => ({
    name: person.name,
    email: person.email,
    role: 'REQ-PARTICIPANT',
    partstat: 'NEEDS-ACTION',
    rsvp: input.method === 'REQUEST',
  }));
  const { error, value } = createEvent({
    productId: '-//Talking Library//Skill exchanges//EN',
    // The package reads `timestamp` for DTSTAMP (its types leave it out); otherwise it takes the real time.
    ...({ timestamp: input.now.getTime() } as object),
    method: input.method,
    uid: input.uid,
    sequence: input.sequence,
    start: input.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: input.title,
    description: input.description,
    location: input.location,
    ...(input.url ? { url: input.url } : {}),
    status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees,
  });
  if (error || !value) throw new CalendarInviteError(`could not write the invite: ${error?.message ?? 'no text'}`);
  return value;
}
