import type { Context } from 'hono';
import {
  LibraryPathParams,
  PageQuery,
  RequestCreate,
  RequestListQuery,
  RequestPathParams,
  RequestResponse,
  ExchangeDetail,
  RequestResponseAccept,
  RequestResponseCreate,
  RequestResponsePathParams,
  RequestResponsePage,
  RequestUpdate,
  SkillRequest,
  SkillRequestPage,
} from '@talking-library/sdk/schema';
import { hasRole } from '../domain/members.js';
import { alertMatchingExperts, tellNotChosen } from '../domain/request-alerts.js';
import { acceptResponse, listResponses, respondToRequest } from '../domain/request-responses.js';
import { boardViewer } from '../domain/request-views.js';
import { createRequest, getRequest, listRequests, updateRequest, type EventStatements } from '../domain/requests.js';
import { webhookEventStatement } from '../domain/webhooks.js';
import { currentActor } from '../http/auth.js';
import { badCursor, decodeCursor, encodeCursor, keysetAfter, keysetCursor } from '../http/cursor.js';
import { etagHeader, ifMatchVersions, IfMatchHeaders } from '../http/etag.js';
import { locationIn } from '../http/location.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';
import { errorForLog } from '../logger.js';
import { toExchangeJson } from './exchanges.js';

const tags = ['Skill requests'];

/** The board pages after the last item's place: whether it matched the reader, when it was posted, its id. */
function boardAfter(cursor: string | undefined) {
  const key = decodeCursor(cursor, ['text', 'text', 'text']);
  if (!key) return undefined;
  const [matched, createdAt, id] = key;
  if (matched !== '0' && matched !== '1') throw badCursor();
  return { matched: Number(matched) as 0 | 1, createdAt, id };
}
const boardCursor = (next: { matched: 0 | 1; createdAt: string; id: string } | null) => next && encodeCursor([String(next.matched), next.createdAt, next.id]);

/** Partner sites hear of the board's events through webhooks queued in the same batch as the change (request.created, request.responded). */
const webhooksFor =
  (libraryId: string, now: Date): EventStatements =>
  (event) => [webhookEventStatement({ libraryId, ...event, now })];

/** The request board: members post skill requests, experts respond, the owner accepts one. */
export function requestRoutes(deps: AppDeps) {
  const { db, clock, mailer, logger } = deps;

  const viewerOf = (c: Context<AppEnv>) => {
    const { library, member } = currentActor(c);
    return boardViewer(db, { libraryId: library.id, memberId: member.id, isCoordinator: hasRole(member, 'coordinator') });
  };

  const list = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/requests',
    tags,
    operationId: 'listRequests',
    summary: 'The request board: open requests, those matching your skills first, then newest',
    description:
      'Open requests unless `status` says otherwise (with `mine=true`, your own in every status). `q` searches the title, the need and the project; `category` and `skill` (repeatable: any of them) filter. ' +
      'For an expert, requests that want one of her profile’s skills (or, wanting none, are in one of her categories) come first, marked `matchesYourSkills`. An open request past `lapsesAt` reads as `lapsed`.',
    request: { params: LibraryPathParams, query: RequestListQuery },
    responses: { 200: jsonResponse(SkillRequestPage, 'A page of requests.'), ...problemResponses(400, 401, 403, 404) },
  });
  const create = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/requests',
    tags,
    operationId: 'createRequest',
    summary: 'Post a skill request for your improvement project',
    description:
      'It stays on the board for the library’s lapse period (30 days unless the library says otherwise) unless you renew it. Experts whose published profile has one of the skills (or, naming none, the category) hear of it at once or in their weekly digest, as each chose.',
    request: { params: LibraryPathParams, body: jsonBody(RequestCreate) },
    responses: { 201: createdResponse(SkillRequest, 'The request.', { versioned: true }), ...problemResponses(400, 401, 403, 404) },
  });
  const getOne = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/requests/{id}',
    tags,
    operationId: 'getRequest',
    summary: 'One request; its owner (and coordinators) also see its responses, an expert her own',
    request: { params: RequestPathParams },
    responses: { 200: resourceResponse(SkillRequest, 'The request.'), ...problemResponses(400, 401, 403, 404) },
  });
  const update = guardedRoute(deps, 'member', {
    method: 'patch',
    path: '/v1/libraries/{lib}/requests/{id}',
    tags,
    operationId: 'updateRequest',
    summary: 'Edit, close or renew a request (its owner, or a coordinator)',
    description:
      '`status: "closed"` (with an optional `closedReason`) takes it off the board; `renew: true` keeps it there for the library’s lapse period from now, reopening a lapsed one. A matched or closed request is refused with 409 `request_state_conflict`. Send `If-Match` to change only the version you read.',
    request: { params: RequestPathParams, headers: IfMatchHeaders, body: jsonBody(RequestUpdate) },
    responses: { 200: resourceResponse(SkillRequest, 'The request as it is now.'), ...problemResponses(400, 401, 403, 404, 409, 412) },
  });
  const respond = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/requests/{id}/responses',
    tags,
    operationId: 'respondToRequest',
    summary: 'Offer your hour: a message and one to three times (experts with a published profile)',
    description: 'One response per expert per request (a second is 409 `already_responded`); not on your own request; only while it is open. Times are ISO 8601 in UTC, on the minute, in the future.',
    request: { params: RequestPathParams, body: jsonBody(RequestResponseCreate) },
    responses: { 201: createdResponse(RequestResponse, 'Your response.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const responses = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/requests/{id}/responses',
    tags,
    operationId: 'listRequestResponses',
    summary: 'The responses to your request, oldest first (its owner, or a coordinator)',
    request: { params: RequestPathParams, query: PageQuery },
    responses: { 200: jsonResponse(RequestResponsePage, 'A page of responses.'), ...problemResponses(400, 401, 403, 404) },
  });

  const accept = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/requests/{id}/responses/{responseId}/accept',
    tags,
    operationId: 'acceptRequestResponse',
    summary: 'Accept a response at one of its times: the hour is scheduled and your credit held (the request’s owner)',
    description:
      'In one step: the exchange is scheduled with one hour of your credit held, this response is accepted, the others are not chosen (their experts are thanked by email), and the request is matched. Both of you are told the hour is booked. ' +
      'Refused with 409 when the request is no longer open (`request_state_conflict`, of two accepts at once the second), when either of you already has an hour then (`slot_taken`), when the expert’s week has her cap of exchanges (`week_full`), or when you have no hour of credit available (`insufficient_credit`).',
    request: { params: RequestResponsePathParams, body: jsonBody(RequestResponseAccept) },
    responses: { 201: createdResponse(ExchangeDetail, 'The scheduled exchange, with its events.'), ...problemResponses(400, 401, 403, 404, 409) },
  });

  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, q, category, skill, status, mine } = c.req.valid('query');
      const page = await listRequests(db, c.get('library'), await viewerOf(c), { q, category, skills: skill, status, mine, limit, after: boardAfter(cursor), now: clock.now() });
      return c.json({ data: page.items, nextCursor: boardCursor(page.next) }, 200);
    })
    .openapi(create, async (c) => {
      const library = c.get('library');
      const now = clock.now();
      const request = await createRequest(db, { library, viewer: await viewerOf(c), request: c.req.valid('json'), now, eventStatements: webhooksFor(library.id, now) });
      // The request stands whatever the mail does: a failed alert is logged, not the member's problem.
      try {
        const { failed } = await alertMatchingExperts(db, mailer, { library, request });
        for (const failure of failed) logger.error('request alert not sent', { requestId: request.id, error: errorForLog(failure.error) });
      } catch (error) {
        logger.error('request alerts failed', { requestId: request.id, error: errorForLog(error) });
      }
      return c.json(request, 201, { ...locationIn(c, 'requests', request.id), ...etagHeader(request) });
    })
    .openapi(getOne, async (c) => {
      // No 304s: what a reader sees also depends on her profile (`matchesYourSkills`) and the clock (`lapsed`), which the version does not count.
      const request = await getRequest(db, { libraryId: c.get('library').id, viewer: await viewerOf(c), requestId: c.req.valid('param').id, now: clock.now() });
      return c.json(request, 200, etagHeader(request));
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param');
      const request = await updateRequest(db, { library: c.get('library'), viewer: await viewerOf(c), requestId: id, changes: c.req.valid('json'), expectedVersions: ifMatchVersions(c, id), now: clock.now() });
      return c.json(request, 200, etagHeader(request));
    })
    .openapi(respond, async (c) => {
      const { id } = c.req.valid('param');
      const library = c.get('library');
      const now = clock.now();
      const response = await respondToRequest(db, { library, viewer: await viewerOf(c), requestId: id, response: c.req.valid('json'), now, eventStatements: webhooksFor(library.id, now) });
      return c.json(response, 201, locationIn(c, 'requests', id, 'responses', response.id));
    })
    .openapi(responses, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listResponses(db, { library: c.get('library'), viewer: await viewerOf(c), requestId: c.req.valid('param').id, page: { limit, after: keysetAfter(cursor) } });
      return c.json({ data: page.items, nextCursor: keysetCursor(page.next) }, 200);
    })
    .openapi(accept, async (c) => {
      const library = c.get('library');
      const { id, responseId } = c.req.valid('param');
      const viewer = await viewerOf(c);
      const { exchange, notChosen, request } = await acceptResponse(db, { library, viewer, requestId: id, responseId, ...c.req.valid('json'), now: clock.now() });
      try {
        const { failed } = await tellNotChosen(db, mailer, { library, request, expertMemberIds: notChosen.map((r) => r.expertMemberId) });
        for (const failure of failed) logger.error('not-chosen mail not sent', { requestId: id, error: errorForLog(failure.error) });
      } catch (error) {
        logger.error('not-chosen mails failed', { requestId: id, error: errorForLog(error) });
      }
      const actor = { kind: 'member' as const, memberId: viewer.memberId, isCoordinator: viewer.isCoordinator };
      return c.json({ ...toExchangeJson(exchange, actor, clock.now()), events: exchange.events }, 201, locationIn(c, 'exchanges', exchange.id));
    });
}
