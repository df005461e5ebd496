import { DEFAULT_SLOT_RANGE_DAYS, MAX_SLOT_RANGE_DAYS, ProfilePathParams, SlotList, SlotsQuery } from '@talking-library/sdk/schema';
import { profileSlots } from '../domain/profile-slots.js';
import { jsonResponse, problemResponses } from '../http/openapi.js';
import { validationProblem } from '../http/problem.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Profiles'];
const DAY_MS = 86_400_000;

/** When a published expert is free for an hour. */
export function slotRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const listSlots = guardedRoute(deps, 'key', {
    method: 'get',
    path: '/v1/libraries/{lib}/profiles/{id}/slots',
    tags,
    operationId: 'listProfileSlots',
    summary: 'A published expert’s free one-hour slots, in UTC',
    description: `Her weekly windows, on her own clock, cut into whole hours from each window’s start and placed in UTC by her zone’s rules for each day (so through changes of the clocks), less her scheduled exchanges, anything sooner than her minimum notice, and weeks that already hold her weekly cap. Slots start in [\`from\`, \`to\`): by default from now for ${DEFAULT_SLOT_RANGE_DAYS} days, at most ${MAX_SLOT_RANGE_DAYS} days. They change as time passes and as hours are booked, so answers are not cached.`,
    request: { params: ProfilePathParams, query: SlotsQuery },
    responses: { 200: jsonResponse(SlotList, 'Her free slots, earliest first, with her time zone, notice and cap.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter().openapi(listSlots, async (c) => {
    const { id } = c.req.valid('param');
    const now = clock.now();
    const { from, to } = slotRange(c.req.valid('query'), now);
    const found = await profileSlots(db, { libraryId: c.get('library').id, profileId: id, from, to, now });
    c.header('cache-control', 'no-store');
    return c.json(
      {
        data: found.slots,
        from: from.toISOString(),
        to: to.toISOString(),
        timeZone: found.timeZone,
        minimumNoticeHours: found.minimumNoticeMinutes / 60,
        weeklyCap: found.weeklyCap,
      },
      200,
    );
  });
}

/** The range asked about, with its defaults; `to` must come after `from`, within the longest range. */
function slotRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): { from: Date; to: Date } {
  const from = query.from === undefined ? now : new Date(query.from);
  const to = query.to === undefined ? new Date(from.getTime() + DEFAULT_SLOT_RANGE_DAYS * DAY_MS) : new Date(query.to);
  if (to <= from) throw validationProblem([{ path: 'query.to', message: query.from === undefined ? 'must be after now (from defaults to now)' : 'must be after from' }]);
  if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS) throw validationProblem([{ path: 'query.to', message: `must be at most ${MAX_SLOT_RANGE_DAYS} days after from` }]);
  return { from, to };
}
