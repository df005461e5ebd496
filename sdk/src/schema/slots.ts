import { z } from 'zod';
import { type QueryOf } from './common.js';

/** An instant as ISO 8601 with a zone (`Z` or an offset), such as `2026-03-30T09:00:00Z`. */
export const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time with a zone, such as 2026-03-30T09:00:00Z' });

/** The longest range one request for slots may ask about. */
export const MAX_SLOT_RANGE_DAYS = 62;
/** The range asked about when `to` is left out. */
export const DEFAULT_SLOT_RANGE_DAYS = 14;

export const SlotsQuery = z.object({
  from: Instant.optional().meta({ description: 'Slots starting at or after this instant; by default, now.' }),
  to: Instant.optional().meta({
    description: `Slots starting before this instant: after \`from\`, at most ${MAX_SLOT_RANGE_DAYS} days later; by default, ${DEFAULT_SLOT_RANGE_DAYS} days after \`from\`.`,
  }),
});

export const Slot = z
  .object({
    startsAt: z.string().meta({ description: 'ISO 8601, UTC.' }),
    endsAt: z.string().meta({ description: 'ISO 8601, UTC: one hour after `startsAt`.' }),
  })
  .meta({ id: 'Slot' });

export const SlotList = z
  .object({
    data: z.array(Slot).meta({ description: 'Free one-hour slots, earliest first.' }),
    from: z.string().meta({ description: 'The range answered, ISO 8601 UTC: slots start at or after `from` …' }),
    to: z.string().meta({ description: '… and before `to`.' }),
    timeZone: z.string().meta({ description: 'The expert’s IANA time zone: her windows and her weeks are on its clock. Show both it and the viewer’s.' }),
    minimumNoticeHours: z.number().meta({ description: 'No slot starts sooner than this after now.' }),
    weeklyCap: z.number().int().meta({ description: 'At most this many exchanges in one of her weeks (Monday to Sunday on her clock); a full week offers no slots.' }),
  })
  .meta({ id: 'SlotList' });

export type Slot = z.infer<typeof Slot>;
export type SlotList = z.infer<typeof SlotList>;
export type SlotsQuery = QueryOf<typeof SlotsQuery>;
