import { InstrumentList, InstrumentPathParams, InstrumentWrite, Instrument, LibraryPathParams } from '@talking-library/sdk/schema';
import { listInstruments, updateInstrument } from '../domain/instruments.js';
import { currentActor } from '../http/auth.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Surveys'];

/** Coordinators: the questions of the library's evaluation instruments, each edit a new version. */
export function instrumentRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const list = guardedRoute(deps, 'coordinator', {
    method: 'get',
    path: '/v1/libraries/{lib}/instruments',
    tags,
    operationId: 'listInstruments',
    summary: 'The current version of each evaluation instrument: baseline, after_exchange, follow_up_3m, follow_up_6m',
    description: 'Version 1 of each is the seeded default until a coordinator writes another.',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(InstrumentList, 'One entry per kind.'), ...problemResponses(401, 403, 404) },
  });
  const update = guardedRoute(deps, 'coordinator', {
    method: 'put',
    path: '/v1/libraries/{lib}/instruments/{kind}',
    tags,
    operationId: 'updateInstrument',
    summary: 'Write the next version of an instrument: its title and whole set of questions',
    description:
      'Questions are typed: `scale` (`min`, `max`), `choice` (`options`), `yes_no`, `text` (`maxLength`); each `required` unless it says `false`. Surveys already due keep the version they fell due with, and their answers are read against it; surveys falling due from now ask this one. Two edits at the same moment: the later is 409 `instrument_busy`.',
    request: { params: InstrumentPathParams, body: jsonBody(InstrumentWrite) },
    responses: { 200: jsonResponse(Instrument, 'The new version.'), ...problemResponses(400, 401, 403, 404, 409) },
  });

  return createRouter()
    .openapi(list, async (c) => c.json({ data: await listInstruments(db, c.get('library').id) }, 200))
    .openapi(update, async (c) => {
      const instrument = await updateInstrument(db, { libraryId: c.get('library').id, kind: c.req.valid('param').kind, write: c.req.valid('json'), memberId: currentActor(c).member.id, now: clock.now() });
      return c.json(instrument, 200);
    });
}
