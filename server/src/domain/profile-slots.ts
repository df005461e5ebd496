import { and, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { availabilityWindows, exchanges } from '../db/schema.js';
import { DomainError, NotFoundError } from './errors.js';
import { findProfileRow, type ProfileRow } from './profiles.js';
import { freeSlots, SLOT_MINUTES, whyNotFree, type Availability, type Slot, type SlotRefusal } from './slots.js';

const DAY_MS = 86_400_000;
/** A week on her clock can reach this far past a range's ends (7 days, and a change of offset). */
const WEEK_MARGIN_MS = 8 * DAY_MS;

export interface ProfileSlots {
  slots: Slot[];
  timeZone: string;
  minimumNoticeMinutes: number;
  weeklyCap: number;
}

/** A published profile's free slots starting in [from, to); any other profile is not found. */
export async function profileSlots(db: Database, query: { libraryId: string; profileId: string; from: Date; to: Date; now: Date }): Promise<ProfileSlots> {
  const profile = await findProfileRow(db, query.libraryId, query.profileId);
  if (!profile || profile.status !== 'published') throw new NotFoundError('profile', query.profileId);
  const availability = await expertAvailability(db, profile, { from: query.from, to: query.to });
  return {
    slots: freeSlots({ ...availability, from: query.from, to: query.to, now: query.now }),
    timeZone: availability.timeZone,
    minimumNoticeMinutes: availability.minimumNoticeMinutes,
    weeklyCap: availability.weeklyCap,
  };
}

const REFUSALS: Record<SlotRefusal, string> = {
  outside_availability: 'is not one of her free slots: it must start on one of the hours her weekly times offer',
  too_soon: 'is sooner than her minimum notice allows',
  busy: 'overlaps an exchange she already has',
  week_full: 'falls in a week that already holds as many exchanges as she takes',
};

/** A time picked for an exchange that is not one of the expert's free slots: 409 `slot_unavailable`. */
export class SlotUnavailableError extends DomainError {
  override name = 'SlotUnavailableError';
  constructor(readonly reason: SlotRefusal, startsAt: Date) {
    super(`${startsAt.toISOString()} ${REFUSALS[reason]}.`, 'slot_unavailable');
  }
}

/**
 * For booking: throws `SlotUnavailableError` unless the hour from `startsAt` is one of the
 * profile's free slots now. A check before the write, not the guard against double booking: that
 * is the exchange's own guarded write. `exceptExchangeId` leaves out the exchange being moved.
 */
export async function requireFreeSlot(
  db: Database,
  query: { libraryId: string; profileId: string; startsAt: Date; now: Date; exceptExchangeId?: string | undefined },
): Promise<void> {
  const profile = await findProfileRow(db, query.libraryId, query.profileId);
  if (!profile) throw new NotFoundError('profile', query.profileId);
  const end = new Date(query.startsAt.getTime() + SLOT_MINUTES * 60_000);
  const availability = await expertAvailability(db, profile, { from: query.startsAt, to: end, exceptExchangeId: query.exceptExchangeId });
  const reason = whyNotFree({ ...availability, startsAt: query.startsAt, now: query.now });
  if (reason) throw new SlotUnavailableError(reason, query.startsAt);
}

/**
 * What `freeSlots` and `whyNotFree` need to know about an expert, for times in [from, to): her
 * windows, zone, notice and cap from the profile, and her scheduled exchanges near the range.
 * She is busy in every exchange she is scheduled for, giving or receiving an hour; only those she
 * gives count towards her cap. `exceptExchangeId` leaves one exchange out, for rescheduling it.
 */
export async function expertAvailability(
  db: Database,
  profile: Pick<ProfileRow, 'id' | 'libraryId' | 'memberId' | 'timeZone' | 'minimumNoticeMinutes' | 'weeklyExchangeCap'>,
  range: { from: Date; to: Date; exceptExchangeId?: string | undefined },
): Promise<Availability> {
  const windows = await db
    .select({ weekday: availabilityWindows.weekday, startMinute: availabilityWindows.startMinute, endMinute: availabilityWindows.endMinute })
    .from(availabilityWindows)
    .where(eq(availabilityWindows.profileId, profile.id));
  const scheduled = profile.memberId ? await scheduledAround(db, profile.libraryId, profile.memberId, range) : [];
  return {
    windows,
    timeZone: profile.timeZone,
    minimumNoticeMinutes: profile.minimumNoticeMinutes,
    weeklyCap: profile.weeklyExchangeCap,
    busy: scheduled.map(({ start, end }) => ({ start, end })),
    scheduledStarts: scheduled.filter((row) => row.asExpert).map((row) => row.start),
  };
}

/**
 * Her scheduled exchanges starting within a week or so of the range. Times are compared as text
 * only to narrow the read, with days to spare (ISO strings with and without milliseconds sort the
 * same to the second); the exact comparisons are made on the parsed instants.
 */
async function scheduledAround(db: Database, libraryId: string, memberId: string, range: { from: Date; to: Date; exceptExchangeId?: string | undefined }) {
  const after = new Date(range.from.getTime() - WEEK_MARGIN_MS).toISOString();
  const before = new Date(range.to.getTime() + WEEK_MARGIN_MS).toISOString();
  const rows = await db
    .select({ id: exchanges.id, expertMemberId: exchanges.expertMemberId, startsAt: exchanges.startsAt, endsAt: exchanges.endsAt })
    .from(exchanges)
    .where(
      and(
        eq(exchanges.libraryId, libraryId),
        eq(exchanges.status, 'scheduled'),
        or(eq(exchanges.expertMemberId, memberId), eq(exchanges.memberId, memberId)),
        gt(exchanges.startsAt, after),
        lt(exchanges.startsAt, before),
        range.exceptExchangeId ? ne(exchanges.id, range.exceptExchangeId) : undefined,
      ),
    );
  return rows.flatMap((row) => {
    const start = new Date(row.startsAt ?? '');
    if (Number.isNaN(start.getTime())) return [];
    const end = row.endsAt ? new Date(row.endsAt) : new Date(start.getTime() + SLOT_MINUTES * 60_000);
    return [{ start, end: Number.isNaN(end.getTime()) ? new Date(start.getTime() + SLOT_MINUTES * 60_000) : end, asExpert: row.expertMemberId === memberId }];
  });
}
