// Times as the viewer reads and types them. The browser knows her zone and its clock changes, so a
// `datetime-local` value is read with the platform's own rules (no offset arithmetic of ours), and
// a UTC time is shown with Intl in whichever zone is asked for.

/** The viewer's IANA time zone, as her browser reports it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A zone's name as people read it ("British Summer Time"), at a given moment, with its IANA id. */
export function zoneLabel(timeZone: string, locale: string, at: Date = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
  } catch {
    return timeZone;
  }
}

/** "Saturday 5 December 2026 at 14:00", in `timeZone`. */
export function formatInZone(iso: string, timeZone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  }
}

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A `datetime-local` value, read in the viewer's zone, as an ISO UTC time; nothing when it is not one. */
export function localInputToUtc(value: string): string | undefined {
  if (!LOCAL_INPUT.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Now, on the minute, as a `datetime-local` value in the viewer's zone: the earliest time to offer. */
export function localInputNow(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** How far off `iso` is, in the largest unit that reads well: "in 12 days", "in 5 hours". */
export function relativeFromNow(iso: string, locale: string, now: number = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(minutes) >= 60 * 24) return format.format(Math.round(minutes / (60 * 24)), 'day');
  if (Math.abs(minutes) >= 60) return format.format(Math.round(minutes / 60), 'hour');
  return format.format(minutes, 'minute');
}
