import { Temporal } from 'temporal-polyfill';

/**
 * Wall-clock time in an expert's IANA zone, through the Temporal polyfill: the zone's rules
 * (daylight saving, changes of offset over the years) come from the runtime's time-zone data,
 * never from offset arithmetic of our own.
 */

export type PlainDate = Temporal.PlainDate;

const toInstant = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime());
const toDate = (instant: Temporal.Instant) => new Date(instant.epochMilliseconds);

/** The date on her calendar at this instant. */
export function localDateOf(instant: Date, timeZone: string): PlainDate {
  return toInstant(instant).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** Her calendar's dates from the one holding `from` to the one holding `to`, both included. */
export function localDatesBetween(from: Date, to: Date, timeZone: string): PlainDate[] {
  const dates: PlainDate[] = [];
  const last = localDateOf(to, timeZone);
  for (let date = localDateOf(from, timeZone); Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) dates.push(date);
  return dates;
}

/**
 * The instant her clock shows `minuteOfDay` minutes past midnight on `date` (1440 is the next
 * midnight). Null when her clock never shows that time, because it jumps over it when summer time
 * starts; when it shows it twice, as summer time ends, its first showing.
 */
export function wallClockInstant(date: PlainDate, minuteOfDay: number, timeZone: string): Date | null {
  const wallClock = date.toPlainDateTime().add({ minutes: minuteOfDay });
  const zoned = wallClock.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  return zoned.toPlainDateTime().equals(wallClock) ? toDate(zoned.toInstant()) : null;
}

/**
 * Like `wallClockInstant`, but a time her clock skips counts as the moment it jumps over it:
 * for the end of a window, which then ends when the clocks go forward.
 */
export function wallClockBoundary(date: PlainDate, minuteOfDay: number, timeZone: string): Date {
  const wallClock = date.toPlainDateTime().add({ minutes: minuteOfDay });
  return toDate(wallClock.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toInstant());
}

/**
 * The week (Monday 00:00 to the next Monday 00:00 on her clock) that holds `instant`, as UTC
 * instants: `start` inclusive, `end` exclusive. A week with a change of clocks is an hour short or long.
 */
export function weekOf(instant: Date, timeZone: string): { start: Date; end: Date } {
  const zoned = toInstant(instant).toZonedDateTimeISO(timeZone);
  const monday = zoned.toPlainDate().subtract({ days: zoned.dayOfWeek - 1 });
  const startOf = (date: PlainDate) => toDate(date.toZonedDateTime({ timeZone }).toInstant());
  return { start: startOf(monday), end: startOf(monday.add({ weeks: 1 })) };
}
