import { localDatesBetween, wallClockBoundary, wallClockInstant, weekOf } from './time-zones.js';

export { weekOf };

/** Every exchange is one hour. */
export const SLOT_MINUTES = 60;
const SLOT_MS = SLOT_MINUTES * 60_000;

/** A stretch of time in UTC: `start` inclusive, `end` exclusive. */
export interface Interval {
  start: Date;
  end: Date;
}

/** A weekly window on her own clock: ISO weekday (1 Monday … 7 Sunday), minutes past midnight. */
export interface WeeklyWindow {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** One free hour, as the API gives it: ISO 8601 UTC. */
export interface Slot {
  startsAt: string;
  endsAt: string;
}

/** What decides when an expert is free. */
export interface Availability {
  windows: readonly WeeklyWindow[];
  /** Her IANA zone: the windows and her weeks are on its clock. */
  timeZone: string;
  /** Nothing starts sooner than this after now. */
  minimumNoticeMinutes: number;
  /** At most this many exchanges start in one of her weeks (Monday to Sunday on her clock). */
  weeklyCap: number;
  /** Times she is already taken: her scheduled exchanges, as expert or as member. */
  busy: readonly Interval[];
  /** When the exchanges she gives start, for the weekly cap. */
  scheduledStarts: readonly Date[];
}

/** Why a time is not one of her free slots. */
export type SlotRefusal = 'outside_availability' | 'too_soon' | 'busy' | 'week_full';

/**
 * Her free one-hour slots that start in [from, to), earliest first. Each window is cut into
 * consecutive whole hours on her clock from the window's start (09:00–12:00 gives 09:00, 10:00
 * and 11:00), each hour then placed in UTC by her zone's rules for that day: an hour her clock
 * skips in spring is no slot, and an hour it shows twice in autumn is one slot, its first
 * showing. Left out: slots starting before now + her notice, slots overlapping a busy interval,
 * and every slot of a week that already holds her cap of exchanges.
 */
export function freeSlots(input: Availability & { from: Date; to: Date; now: Date }): Slot[] {
  const { from, to, now } = input;
  const earliest = now.getTime() + input.minimumNoticeMinutes * 60_000;
  const fullWeek = weekCounter(input);
  return candidateStarts(input.windows, input.timeZone, from, to)
    .filter((start) => start.getTime() >= earliest)
    .filter((start) => !overlapsBusy(start, input.busy))
    .filter((start) => !fullWeek(start))
    .map(toSlot);
}

/** Whether she is free for an hour from `startsAt`: for booking a slot a member picked. */
export function isFreeSlot(input: Availability & { startsAt: Date; now: Date }): boolean {
  return whyNotFree(input) === null;
}

/** Null when she is free for an hour from `startsAt`; otherwise the first reason she is not. */
export function whyNotFree(input: Availability & { startsAt: Date; now: Date }): SlotRefusal | null {
  const { startsAt, now } = input;
  const offered = candidateStarts(input.windows, input.timeZone, startsAt, new Date(startsAt.getTime() + 1));
  if (!offered.some((start) => start.getTime() === startsAt.getTime())) return 'outside_availability';
  if (startsAt.getTime() < now.getTime() + input.minimumNoticeMinutes * 60_000) return 'too_soon';
  if (overlapsBusy(startsAt, input.busy)) return 'busy';
  if (weekCounter(input)(startsAt)) return 'week_full';
  return null;
}

/** Slot starts from her windows, in [from, to), once each, earliest first. */
function candidateStarts(windows: readonly WeeklyWindow[], timeZone: string, from: Date, to: Date): Date[] {
  const starts = new Map<number, Date>();
  for (const date of localDatesBetween(from, to, timeZone)) {
    // Overlapping windows share hours: each wall-clock minute is placed in UTC once a day.
    const placed = new Map<number, Date | null>();
    const place = (minute: number) => {
      if (!placed.has(minute)) placed.set(minute, wallClockInstant(date, minute, timeZone));
      return placed.get(minute) ?? null;
    };
    for (const window of windows) {
      if (window.weekday !== date.dayOfWeek) continue;
      const windowEnd = wallClockBoundary(date, window.endMinute, timeZone).getTime();
      for (let minute = window.startMinute; minute + SLOT_MINUTES <= window.endMinute; minute += SLOT_MINUTES) {
        const start = place(minute);
        if (!start || start.getTime() + SLOT_MS > windowEnd) continue;
        if (start >= from && start < to) starts.set(start.getTime(), start);
      }
    }
  }
  return [...starts.values()].sort((a, b) => a.getTime() - b.getTime());
}

function overlapsBusy(start: Date, busy: readonly Interval[]): boolean {
  const end = start.getTime() + SLOT_MS;
  return busy.some((interval) => interval.start.getTime() < end && interval.end.getTime() > start.getTime());
}

/** Whether the week (on her clock) holding a start already has her cap of exchanges; each week counted once. */
function weekCounter({ timeZone, weeklyCap, scheduledStarts }: Pick<Availability, 'timeZone' | 'weeklyCap' | 'scheduledStarts'>) {
  const full = new Map<number, boolean>();
  return (start: Date): boolean => {
    const week = weekOf(start, timeZone);
    const key = week.start.getTime();
    let isFull = full.get(key);
    if (isFull === undefined) {
      isFull = scheduledStarts.filter((s) => s >= week.start && s < week.end).length >= weeklyCap;
      full.set(key, isFull);
    }
    return isFull;
  };
}

const toSlot = (start: Date): Slot => ({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + SLOT_MS).toISOString() });
