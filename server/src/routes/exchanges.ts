import type { Context } from 'hono';
import type { z } from 'zod';
import {
  Exchange as ExchangeSchema,
  ExchangeAccept,
  ExchangeCancel,
  ExchangeComplete,
  ExchangeCreate,
  ExchangeDecline,
  ExchangeDetail as ExchangeDetailSchema,
  ExchangeDispute,
  ExchangeNoShow,
  ExchangePage,
  ExchangePathParams,
  ExchangePropose,
  ExchangeReschedule,
  ExchangeResolve,
  ExchangesQuery,
  LibraryPathParams,
} from '@talking-library/sdk/schema';
import {
  acceptExchange,
  allowedActions,
  cancelExchange,
  confirmExchange,
  declineExchange,
  disputeExchange,
  getExchange,
  listExchanges,
  proposeTimes,
  reportNoShow,
  requestExchange,
  rescheduleExchange,
  resolveDispute,
  type Actor,
  type Exchange,
  type ExchangeDetail,
} from '../domain/exchanges.js';
import { exchangeCalendar } from '../domain/exchange-calendar.js';
import { exchangeView } from '../domain/exchange-rows.js';
import { partyOf } from '../domain/exchange-states.js';
import { ForbiddenError } from '../domain/errors.js';
import { hasRole } from '../domain/members.js';
import { currentActor } from '../http/auth.js';
import { keysetAfter, keysetCursor } from '../http/cursor.js';
import { locationIn } from '../http/location.js';
import { calendarResponse, createdResponse, jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';

const tags = ['Exchanges'];

type ExchangeJson = z.infer<typeof ExchangeSchema>;

/** The exchange as the caller sees it: her role in it, and what she may do now. */
export function toExchangeJson(exchange: Exchange, actor: Actor, now: Date): ExchangeJson {
  return { ...exchangeView(exchange), yourRole: partyOf(exchange, actor) ?? 'coordinator', allowedActions: allowedActions(exchange, actor, now) };
}

const toDetailJson = (exchange: ExchangeDetail, actor: Actor, now: Date) => ({ ...toExchangeJson(exchange, actor, now), events: exchange.events });

function actorOf(c: Context<AppEnv>): Actor {
  const { member } = currentActor(c);
  return { kind: 'member', memberId: member.id, isCoordinator: hasRole(member, 'coordinator') };
}

/** The POST routes of the state machine's actions share their shape: the exchange in the path, a JSON body, the exchange back. */
function actionRoute<B extends z.ZodType>(deps: AppDeps, segment: string, operationId: string, body: B, summary: string, description: string) {
  return guardedRoute(deps, 'member', {
    method: 'post',
    path: `/v1/libraries/{lib}/exchanges/{id}/${segment}`,
    tags,
    operationId,
    summary,
    description: `${description} A wrong state is 409 \`exchange_state_conflict\`, naming the current one in \`errors\` (path \`status\`); the wrong party is 403.`,
    request: { params: ExchangePathParams, body: jsonBody(body) },
    responses: { 200: jsonResponse(ExchangeDetailSchema, 'The exchange after the change, with its events.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
}

/** One-hour exchanges: direct requests, answers, and everything after, each through the domain's state machine. */
export function exchangeRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const create = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/exchanges',
    tags,
    operationId: 'createExchange',
    summary: 'Ask an expert for an hour, at one of up to three times',
    description:
      'Refused at once with 409 `insufficient_credit` (saying what you have) when you do not have an hour of credit available, and 403 `booking_paused` when your or the expert’s bookings are paused. Times must be in the future and at least the expert’s minimum notice ahead.',
    request: { params: LibraryPathParams, body: jsonBody(ExchangeCreate) },
    responses: { 201: createdResponse(ExchangeDetailSchema, 'The request, waiting for the expert.'), ...problemResponses(400, 401, 403, 404, 409, 422) },
  });
  const list = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/exchanges',
    tags,
    operationId: 'listExchanges',
    summary: 'Your exchanges, newest first: as the member who asked, or as the expert; coordinators may list the library’s',
    request: { params: LibraryPathParams, query: ExchangesQuery },
    responses: { 200: jsonResponse(ExchangePage, 'A page of exchanges.'), ...problemResponses(400, 401, 403, 404) },
  });
  const read = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/exchanges/{id}',
    tags,
    operationId: 'getExchange',
    summary: 'One exchange with its events: for its two parties and the library’s coordinators',
    request: { params: ExchangePathParams },
    responses: { 200: jsonResponse(ExchangeDetailSchema, 'The exchange.'), ...problemResponses(400, 401, 403, 404) },
  });
  const calendar = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/exchanges/{id}/calendar.ics',
    tags,
    operationId: 'getExchangeCalendar',
    summary: 'The exchange as a calendar event (iCalendar), for its two parties and the library’s coordinators',
    description:
      'The same event as the booking mail’s invite: its UID (`<id>@talking-library`) never changes, its SEQUENCE goes up with each reschedule, and once the exchange is cancelled it is the event’s cancellation (`METHOD:CANCEL`). Times are in UTC. An exchange with no agreed time (requested, declined, lapsed) has no event: 409 `exchange_state_conflict`, naming its state in `errors` (path `status`).',
    request: { params: ExchangePathParams },
    responses: { 200: calendarResponse('The iCalendar file, sent as an attachment named `exchange-<id>.ics`.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const accept = actionRoute(deps, 'accept', 'acceptExchange', ExchangeAccept, 'Accept one of the proposed times, saying where you will meet', 'Only the party who did not propose the times (normally the expert). Holds the member’s hour; 409 `slot_taken` when either party has another scheduled hour overlapping it, `week_full` when the expert’s week already has her cap of exchanges, `insufficient_credit` when the member has no hour available.');
  const propose = actionRoute(deps, 'propose', 'proposeExchangeTimes', ExchangePropose, 'Propose other times; the other side then accepts one', 'Only the party who did not propose the times on the table.');
  const decline = actionRoute(deps, 'decline', 'declineExchange', ExchangeDecline, 'Decline a request, with an optional note', 'The expert, while it is requested.');
  const cancel = actionRoute(deps, 'cancel', 'cancelExchange', ExchangeCancel, 'Call the hour off, with a reason', 'Either party, before it starts. A late cancellation by the member follows the library’s rule (keep pays the expert; release gives the hour back); otherwise the hold is voided.');
  const reschedule = actionRoute(deps, 'reschedule', 'rescheduleExchange', ExchangeReschedule, 'Move a scheduled hour to a new time', 'Either party. Same exchange and hold; the calendar invite’s sequence goes up; 409 `slot_taken` on an overlap, `week_full` when the new time’s week has her cap.');
  const noShow = actionRoute(deps, 'no-show', 'reportExchangeNoShow', ExchangeNoShow, 'Report that the other party did not come', 'After the start. The expert’s no-show gives the member her hour back; the member’s follows the library’s late-cancel rule.');
  const complete = actionRoute(deps, 'complete', 'confirmExchange', ExchangeComplete, 'Confirm the hour took place', 'Each party, after the start; when both have, it is completed and the hour moves to the expert.');
  const dispute = actionRoute(deps, 'dispute', 'disputeExchange', ExchangeDispute, 'Dispute the hour instead of confirming it', 'A party who has not confirmed, after the start. The coordinators resolve it.');
  const resolve = actionRoute(deps, 'resolve', 'resolveExchange', ExchangeResolve, 'Coordinators: settle a dispute', '`completed` pays the expert; `void` gives the member her hour back and cancels the exchange.');

  // The change queued its own mail and webhook, in its write (domain/exchanges.ts).
  const answer = async (exchange: ExchangeDetail, actor: Actor) => toDetailJson(exchange, actor, clock.now());
  const input = (c: Context<AppEnv>, id: string) => ({ libraryId: c.get('library').id, exchangeId: id, actor: actorOf(c), now: clock.now() });

  return createRouter()
    .openapi(create, async (c) => {
      const { library, member } = currentActor(c);
      const body = c.req.valid('json');
      const made = await requestExchange(db, {
        libraryId: library.id,
        memberId: member.id,
        profileId: body.profileId,
        message: body.message,
        proposedTimes: body.proposedTimes,
        memberTimeZone: body.timeZone,
        now: clock.now(),
      });
      return c.json(await answer(made, actorOf(c)), 201, locationIn(c, 'exchanges', made.id));
    })
    .openapi(list, async (c) => {
      const { library, member } = currentActor(c);
      const { limit, cursor, role, status, scope } = c.req.valid('query');
      const whole = scope === 'library';
      if (whole && !hasRole(member, 'coordinator')) throw new ForbiddenError('Only coordinators list the whole library’s exchanges; leave out `scope` for your own.', 'forbidden');
      const page = await listExchanges(db, { libraryId: library.id, memberId: whole ? undefined : member.id, role, statuses: status, limit, before: keysetAfter(cursor) });
      const actor = actorOf(c);
      return c.json({ data: page.exchanges.map((e) => toExchangeJson(e, actor, clock.now())), nextCursor: keysetCursor(page.next) }, 200);
    })
    .openapi(read, async (c) => {
      const { id } = c.req.valid('param');
      const actor = actorOf(c);
      return c.json(toDetailJson(await getExchange(db, { libraryId: c.get('library').id, exchangeId: id, actor }), actor, clock.now()), 200);
    })
    .openapi(calendar, async (c) => {
      const { id } = c.req.valid('param');
      const library = c.get('library');
      const text = await exchangeCalendar(db, { libraryId: library.id, libraryName: library.name, exchangeId: id, actor: actorOf(c), now: clock.now() });
      return c.body(text, 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="exchange-${id}.ics"`,
        'cache-control': 'private, no-store',
      });
    })
    .openapi(accept, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const args = input(c, id);
      return c.json(await answer(await acceptExchange(db, { ...args, startsAt: body.startsAt, meetingPlace: body.meetingPlace }), args.actor), 200);
    })
    .openapi(propose, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const args = input(c, id);
      return c.json(await answer(await proposeTimes(db, { ...args, proposedTimes: body.proposedTimes, message: body.message }), args.actor), 200);
    })
    .openapi(decline, async (c) => {
      const { id } = c.req.valid('param');
      const args = input(c, id);
      return c.json(await answer(await declineExchange(db, { ...args, reason: c.req.valid('json').reason }), args.actor), 200);
    })
    .openapi(cancel, async (c) => {
      const { id } = c.req.valid('param');
      const args = input(c, id);
      return c.json(await answer(await cancelExchange(db, { ...args, reason: c.req.valid('json').reason }), args.actor), 200);
    })
    .openapi(reschedule, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const args = input(c, id);
      return c.json(await answer(await rescheduleExchange(db, { ...args, startsAt: body.startsAt, reason: body.reason, meetingPlace: body.meetingPlace }), args.actor), 200);
    })
    .openapi(noShow, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const args = input(c, id);
      return c.json(await answer(await reportNoShow(db, { ...args, party: body.party, reason: body.reason }), args.actor), 200);
    })
    .openapi(complete, async (c) => {
      const { id } = c.req.valid('param');
      c.req.valid('json');
      const args = input(c, id);
      return c.json(await answer(await confirmExchange(db, args), args.actor), 200);
    })
    .openapi(dispute, async (c) => {
      const { id } = c.req.valid('param');
      const args = input(c, id);
      return c.json(await answer(await disputeExchange(db, { ...args, reason: c.req.valid('json').reason }), args.actor), 200);
    })
    .openapi(resolve, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const args = input(c, id);
      return c.json(await answer(await resolveDispute(db, { ...args, outcome: body.outcome, reason: body.reason }), args.actor), 200);
    });
}
