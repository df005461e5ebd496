import type { Context } from 'hono';
import { ExchangePathParams, OutcomeLog, OutcomeLogPage, OutcomeLogPathParams, OutcomeLogWrite } from '@talking-library/sdk/schema';
import { hasRole } from '../domain/members.js';
import { getOutcome, listOutcomes, logOutcome, replaceOutcome } from '../domain/outcomes.js';
import type { Actor } from '../domain/exchange-states.js';
import { currentActor } from '../http/auth.js';
import { etagHeader, ifMatchVersions, IfMatchHeaders } from '../http/etag.js';
import { locationIn } from '../http/location.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';

const tags = ['Outcomes'];

const WHO_READS =
  'Both logs are read by the exchange’s two parties and the library’s coordinators, whatever their `share`; to anyone else the exchange does not exist (404). `share` says who else may read a log (`library`: the library’s members; `public`: anyone) through the learning feed.';
const PARTY_FIELDS =
  '`valueRating`, `project` and `nameExpert` are the member’s, `nameMeInPublic` the expert’s: the other party sending one is a 400 naming it. A public log names the expert only if she agreed, with `nameMeInPublic: true` on her own log (`expertNamed` says whether it does).';

function actorOf(c: Context<AppEnv>): Actor {
  const { member } = currentActor(c);
  return { kind: 'member', memberId: member.id, isCoordinator: hasRole(member, 'coordinator') };
}

/** What each party logs of a completed exchange, and who reads it. */
export function outcomeRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const create = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/exchanges/{id}/outcomes',
    tags,
    operationId: 'logExchangeOutcome',
    summary: 'Log what came of a completed exchange: a summary, outputs, what was learned, next steps (each party, once)',
    description:
      `Only the two parties, once the exchange is completed (before, 409 \`exchange_state_conflict\` naming its state in \`errors\`, path \`status\`); a coordinator who is no party is 403. One log each: a second is 409 \`outcome_exists\`; replace yours with PUT. ${PARTY_FIELDS} On an hour booked from the request board, the member's log serves the request's project unless she names another.`,
    request: { params: ExchangePathParams, body: jsonBody(OutcomeLogWrite) },
    responses: { 201: createdResponse(OutcomeLog, 'Your log.', { versioned: true }), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const list = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/exchanges/{id}/outcomes',
    tags,
    operationId: 'listExchangeOutcomes',
    summary: 'The exchange’s outcome logs, the member’s first (at most two, one per party)',
    description: WHO_READS,
    request: { params: ExchangePathParams },
    responses: { 200: jsonResponse(OutcomeLogPage, 'The logs; `nextCursor` is always null.'), ...problemResponses(400, 401, 403, 404) },
  });
  const read = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/exchanges/{id}/outcomes/{outcomeId}',
    tags,
    operationId: 'getExchangeOutcome',
    summary: 'One outcome log, with its ETag for replacing it',
    description: WHO_READS,
    request: { params: OutcomeLogPathParams },
    responses: { 200: resourceResponse(OutcomeLog, 'The log.'), ...problemResponses(400, 401, 403, 404) },
  });
  const replace = guardedRoute(deps, 'member', {
    method: 'put',
    path: '/v1/libraries/{lib}/exchanges/{id}/outcomes/{outcomeId}',
    tags,
    operationId: 'replaceExchangeOutcome',
    summary: 'Replace your outcome log whole (its author only)',
    description: `The body is the whole log, as when you logged it: a field left out takes its default. Send \`If-Match\` to change only the version you read (412 otherwise). Anyone but its author is 403. ${PARTY_FIELDS}`,
    request: { params: OutcomeLogPathParams, headers: IfMatchHeaders, body: jsonBody(OutcomeLogWrite) },
    responses: { 200: resourceResponse(OutcomeLog, 'Your log as it is now.'), ...problemResponses(400, 401, 403, 404, 409, 412) },
  });

  return createRouter()
    .openapi(create, async (c) => {
      const { id } = c.req.valid('param');
      const log = await logOutcome(db, { libraryId: c.get('library').id, exchangeId: id, actor: actorOf(c), log: c.req.valid('json'), now: clock.now() });
      return c.json(log, 201, { ...locationIn(c, 'exchanges', id, 'outcomes', log.id), ...etagHeader(log) });
    })
    .openapi(list, async (c) => {
      const { id } = c.req.valid('param');
      const logs = await listOutcomes(db, { libraryId: c.get('library').id, exchangeId: id, actor: actorOf(c) });
      return c.json({ data: logs, nextCursor: null }, 200);
    })
    .openapi(read, async (c) => {
      const { id, outcomeId } = c.req.valid('param');
      const log = await getOutcome(db, { libraryId: c.get('library').id, exchangeId: id, outcomeId, actor: actorOf(c) });
      return c.json(log, 200, etagHeader(log));
    })
    .openapi(replace, async (c) => {
      const { id, outcomeId } = c.req.valid('param');
      const log = await replaceOutcome(db, {
        libraryId: c.get('library').id,
        exchangeId: id,
        outcomeId,
        actor: actorOf(c),
        log: c.req.valid('json'),
        expectedVersions: ifMatchVersions(c, outcomeId),
        now: clock.now(),
      });
      return c.json(log, 200, etagHeader(log));
    });
}
