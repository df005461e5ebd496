import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarInvite, CalendarInviteError, type CalendarInviteInput } from '../../server/src/domain/calendar.js';
import { exchangeInvite } from '../../server/src/domain/exchange-invite.js';

/** The content lines of iCalendar text, unfolded (RFC 5545 §3.1): [name, params, value]. */
function contentLines(text: string): { name: string; params: string; value: string }[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      const head = line.slice(0, colon);
      const [name, ...params] = head.split(';');
      return { name: name!, params: params.join(';'), value: line.slice(colon + 1) };
    });
}
const value = (text: string, name: string) => contentLines(text).filter((l) => l.name === name).map((l) => l.value);

const booked: CalendarInviteInput = {
  uid: 'exc_7Hq2@talking-library',
  sequence: 0,
  method: 'REQUEST',
  start: new Date('2027-03-04T09:30:00+00:00'),
  end: new Date('2027-03-04T10:30:00+00:00'),
  title: 'Skill exchange: FHIR for discharge letters',
  description: 'One hour with Ada, booked through the Talking Library.',
  location: 'https://meet.example/fhir-hour',
  url: 'https://library.example/exchanges/exc_7Hq2',
  organizer: { name: 'Talking Library', email: 'no-reply@library.example' },
  attendees: [
    { name: 'Ada Okafor', email: 'ada@example.org' },
    { name: 'Bea Member', email: 'bea@example.org' },
  ],
  now: new Date('2027-03-01T12:00:00Z'),
};

test('a booking invite is a METHOD:REQUEST calendar with one event: its UID, SEQUENCE 0, start and end in UTC, location and link', () => {
  const text = calendarInvite(booked);
  assert.deepEqual(value(text, 'METHOD'), ['REQUEST']);
  assert.deepEqual(value(text, 'BEGIN'), ['VCALENDAR', 'VEVENT']);
  assert.deepEqual(value(text, 'UID'), ['exc_7Hq2@talking-library']);
  assert.deepEqual(value(text, 'SEQUENCE'), ['0']);
  assert.deepEqual(value(text, 'DTSTART'), ['20270304T093000Z']);
  assert.deepEqual(value(text, 'DTEND'), ['20270304T103000Z']);
  assert.deepEqual(value(text, 'DTSTAMP'), ['20270301T120000Z']);
  assert.deepEqual(value(text, 'LOCATION'), ['https://meet.example/fhir-hour']);
  assert.deepEqual(value(text, 'URL'), ['https://library.example/exchanges/exc_7Hq2']);
  assert.deepEqual(value(text, 'STATUS'), ['CONFIRMED']);
  assert.deepEqual(value(text, 'SUMMARY'), ['Skill exchange: FHIR for discharge letters']);
});

test('a start given with an offset is written in UTC', () => {
  const text = calendarInvite({ ...booked, start: new Date('2027-07-01T10:00:00+01:00'), end: new Date('2027-07-01T11:00:00+01:00') });
  assert.deepEqual(value(text, 'DTSTART'), ['20270701T090000Z']);
  assert.deepEqual(value(text, 'DTEND'), ['20270701T100000Z']);
});

test('the organizer and each attendee are mailto addresses; attendees are asked to reply to a request', () => {
  const lines = contentLines(calendarInvite(booked));
  assert.deepEqual(lines.filter((l) => l.name === 'ORGANIZER').map((l) => l.value.toLowerCase()), ['mailto:no-reply@library.example']);
  const attendees = lines.filter((l) => l.name === 'ATTENDEE');
  assert.deepEqual(attendees.map((l) => l.value.toLowerCase()), ['mailto:ada@example.org', 'mailto:bea@example.org']);
  for (const a of attendees) assert.match(a.params, /RSVP=TRUE/);
});

test('a reschedule keeps the UID and sends a higher SEQUENCE with the new time', () => {
  const text = calendarInvite({ ...booked, sequence: 1, start: new Date('2027-03-05T14:00:00Z'), end: new Date('2027-03-05T15:00:00Z') });
  assert.deepEqual(value(text, 'UID'), ['exc_7Hq2@talking-library']);
  assert.deepEqual(value(text, 'SEQUENCE'), ['1']);
  assert.deepEqual(value(text, 'DTSTART'), ['20270305T140000Z']);
  assert.deepEqual(value(text, 'METHOD'), ['REQUEST']);
});

test('a cancel is METHOD:CANCEL with STATUS:CANCELLED, the same UID and a higher SEQUENCE', () => {
  const text = calendarInvite({ ...booked, method: 'CANCEL', sequence: 2 });
  assert.deepEqual(value(text, 'METHOD'), ['CANCEL']);
  assert.deepEqual(value(text, 'STATUS'), ['CANCELLED']);
  assert.deepEqual(value(text, 'UID'), ['exc_7Hq2@talking-library']);
  assert.deepEqual(value(text, 'SEQUENCE'), ['2']);
  for (const a of contentLines(text).filter((l) => l.name === 'ATTENDEE')) assert.match(a.params, /RSVP=FALSE/);
});

test('text with commas, semicolons and new lines is escaped, and long lines are folded at 75 octets', () => {
  const text = calendarInvite({ ...booked, location: 'Room 2, Floor 3; east wing', description: `First line\nSecond line, ${'long '.repeat(30)}` });
  assert.deepEqual(value(text, 'LOCATION'), ['Room 2\\, Floor 3\\; east wing']);
  assert.match(value(text, 'DESCRIPTION')[0]!, /^First line\\nSecond line\\, long /);
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
});

test('an event that does not end after it starts, or a negative sequence, is refused', () => {
  assert.throws(() => calendarInvite({ ...booked, end: booked.start }), CalendarInviteError);
  assert.throws(() => calendarInvite({ ...booked, sequence: -1 }), CalendarInviteError);
});

test("an exchange's invite keeps one UID from booking through reschedule to cancel, its SEQUENCE rising each time; without a time there is none", () => {
  const parties = { member: { name: 'Grace', email: 'grace@example.org' }, expert: { name: 'Ada', email: 'ada@example.org' } };
  const at = (startsAt: string, sequence: number) => ({ id: 'exc_9', startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), meetingPlace: 'https://meet.example/x', sequence });
  const make = (exchange: ReturnType<typeof at>, method: 'REQUEST' | 'CANCEL') => exchangeInvite({ exchange, parties, libraryName: 'Demo', method, now: new Date('2027-01-01T00:00:00Z') })!;
  const booked = make(at('2027-03-04T09:00:00.000Z', 0), 'REQUEST');
  const moved = make(at('2027-03-05T09:00:00.000Z', 1), 'REQUEST');
  // The cancel raises the stored sequence, as a reschedule does.
  const cancelled = make(at('2027-03-05T09:00:00.000Z', 2), 'CANCEL');
  assert.deepEqual([booked, moved, cancelled].map((text) => value(text, 'UID')[0]), Array(3).fill('exc_9@talking-library'));
  assert.deepEqual([booked, moved, cancelled].map((text) => Number(value(text, 'SEQUENCE')[0])), [0, 1, 2]);
  assert.deepEqual([value(moved, 'DTSTART')[0], value(cancelled, 'METHOD')[0]], ['20270305T090000Z', 'CANCEL']);
  assert.equal(exchangeInvite({ exchange: { id: 'exc_9', startsAt: null, endsAt: null, meetingPlace: null, sequence: 0 }, parties, libraryName: 'Demo', method: 'REQUEST', now: new Date() }), null);
});
