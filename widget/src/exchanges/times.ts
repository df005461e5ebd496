// Times for the exchange elements. The API speaks UTC; people read their own wall clock. Every
// conversion goes through Intl (the browser's own time-zone data, which follows the clock changes),
// never through offsets worked out by hand.

/** The viewer's IANA time zone, as her browser knows it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Tuesday 8 December 2026" in `timeZone`. */
export function formatDay(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** "14:00" in `timeZone`. */
export function formatClock(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "Tuesday 8 December 2026, 14:00" in `timeZone`. */
export function formatDateTime(iso: string, timeZone: string, locale: string): string {
  return `${formatDay(iso, timeZone, locale)}, ${formatClock(iso, timeZone, locale)}`;
}

/** The zone's name as a person reads it at that moment, such as "Greenwich Mean Time" or "British Summer Time". */
export function zoneLongName(timeZone: string, locale: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** Whether the two zones show the same wall-clock time at `iso`, so naming the second adds nothing. */
export function sameWallClock(iso: string, a: string, b: string): boolean {
  if (a === b) return true;
  const format = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return format(a) === format(b);
}

/**
 * A `datetime-local` value ("2026-12-08T14:00"), which is a time on the viewer's own clock, as an
 * ISO time in UTC; nothing when the box is empty or holds no whole time. The browser reads a date
 * and time without an offset as local time, in the viewer's zone, with its own clock-change rules.
 */
export function localInputToUtc(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** The value for a `datetime-local` box showing `iso` on the viewer's own clock. */
export function utcToLocalInput(iso: string): string {
  const time = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** The key a time is grouped under: its day on the viewer's clock. */
export function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
