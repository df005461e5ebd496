import { BookingPause, BookingPauseSet, ConcernCreate, ConcernPage, ConcernReceipt, ExchangePathParams, LibraryPathParams, MemberPathParams, PageQuery } from '@talking-library/sdk/schema';
import { hasRole } from '../domain/members.js';
import { listConcerns, reportConcern, setBookingPause } from '../domain/safeguarding.js';
import { currentActor } from '../http/auth.js';
import { keysetAfter, keysetCursor } from '../http/cursor.js';
import { locationIn } from '../http/location.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';
import { acknowledgeConcern } from '../mail/exchange-notices.js';

const tags = ['Safeguarding'];

/** Concerns about exchanges, private to coordinators, and coordinators' pauses on a member's bookings. */
export function safeguardingRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const report = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/exchanges/{id}/concerns',
    tags,
    operationId: 'reportConcern',
    summary: 'Tell the library’s coordinators of a concern about an exchange',
    description: 'Either party. Only coordinators read it; the other party is not told. You get an acknowledgement by email.',
    request: { params: ExchangePathParams, body: jsonBody(ConcernCreate) },
    responses: { 201: createdResponse(ConcernReceipt, 'Received.'), ...problemResponses(400, 401, 403, 404) },
  });
  const list = guardedRoute(deps, 'coordinator', {
    method: 'get',
    path: '/v1/libraries/{lib}/concerns',
    tags,
    operationId: 'listConcerns',
    summary: 'Coordinators: the concerns reported about exchanges, newest first',
    request: { params: LibraryPathParams, query: PageQuery },
    responses: { 200: jsonResponse(ConcernPage, 'A page of concerns.'), ...problemResponses(400, 401, 403, 404) },
  });
  const pause = guardedRoute(deps, 'coordinator', {
    method: 'put',
    path: '/v1/libraries/{lib}/members/{id}/booking-pause',
    tags,
    operationId: 'pauseMemberBookings',
    summary: 'Coordinators: pause a member’s bookings, with a reason',
    description: 'While paused she cannot ask for an hour, be asked, accept, or be scheduled (403 `booking_paused`). Hours already scheduled stand.',
    request: { params: MemberPathParams, body: jsonBody(BookingPauseSet) },
    responses: { 200: jsonResponse(BookingPause, 'The pause.'), ...problemResponses(400, 401, 403, 404) },
  });
  const resume = guardedRoute(deps, 'coordinator', {
    method: 'delete',
    path: '/v1/libraries/{lib}/members/{id}/booking-pause',
    tags,
    operationId: 'resumeMemberBookings',
    summary: 'Coordinators: lift a pause on a member’s bookings',
    request: { params: MemberPathParams },
    responses: { 200: jsonResponse(BookingPause, 'No longer paused.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter()
    .openapi(report, async (c) => {
      const { library, member } = currentActor(c);
      const { id } = c.req.valid('param');
      const concern = await reportConcern(db, {
        libraryId: library.id,
        exchangeId: id,
        actor: { kind: 'member', memberId: member.id, isCoordinator: hasRole(member, 'coordinator') },
        body: c.req.valid('json').body,
        now: clock.now(),
      });
      await acknowledgeConcern(deps, library.id, concern);
      return c.json({ id: concern.id, exchangeId: concern.exchangeId, createdAt: concern.createdAt }, 201, locationIn(c, 'concerns', concern.id));
    })
    .openapi(list, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listConcerns(db, { libraryId: c.get('library').id, limit, before: keysetAfter(cursor) });
      return c.json({ data: page.concerns, nextCursor: keysetCursor(page.next) }, 200);
    })
    .openapi(pause, async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      return c.json(await setBookingPause(db, { libraryId: c.get('library').id, memberId: id, pause: { reason, now: clock.now() } }), 200);
    })
    .openapi(resume, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await setBookingPause(db, { libraryId: c.get('library').id, memberId: id, pause: null }), 200);
    });
}
