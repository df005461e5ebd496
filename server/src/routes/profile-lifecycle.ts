import { AvailabilityUpdate, LibraryPathParams, PageQuery, Profile, ProfilePage, ProfilePathParams, ProfileSendBack } from '@talking-library/sdk/schema';
import { pauseProfile, publishProfile, reviewQueue, sendBackProfile, setAvailability, submitProfile } from '../domain/profile-editing.js';
import { currentActor } from '../http/auth.js';
import { keysetAfter, keysetCursor } from '../http/cursor.js';
import { etagHeader } from '../http/etag.js';
import { jsonBody, jsonResponse, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Profiles'];

/** draft → submitted → published → paused, and a coordinator's send-back. */
export function profileLifecycleRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const transition = (action: 'submit' | 'publish' | 'pause', summary: string) =>
    guardedRoute(deps, 'member', {
      method: 'post',
      path: `/v1/libraries/{lib}/profiles/{id}/${action}`,
      tags,
      operationId: `${action}Profile`,
      summary,
      request: { params: ProfilePathParams },
      responses: { 200: resourceResponse(Profile, 'The profile in its new state.'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    });

  const submit = transition('submit', 'Send your draft to a coordinator for review (owner)');
  const publish = transition('publish', 'Publish: a coordinator, or the owner when the library needs no approval');
  const pause = transition('pause', 'Take a published profile out of the library for now (owner or coordinator)');
  const sendBack = guardedRoute(deps, 'coordinator', {
    method: 'post',
    path: '/v1/libraries/{lib}/profiles/{id}/send-back',
    tags,
    operationId: 'sendBackProfile',
    summary: 'Return a submitted profile to its expert as a draft, with a note on what to change',
    request: { params: ProfilePathParams, body: jsonBody(ProfileSendBack) },
    responses: { 200: resourceResponse(Profile, 'The profile, back in draft.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const availability = guardedRoute(deps, 'member', {
    method: 'put',
    path: '/v1/libraries/{lib}/profiles/{id}/availability',
    tags,
    operationId: 'setAvailability',
    summary: 'Set your weekly availability in your own time zone, your minimum notice and your weekly cap (owner)',
    description: 'Each field given replaces the old one; those left out stay as they are. Windows are cut into one-hour slots: `GET …/profiles/{id}/slots`.',
    request: { params: ProfilePathParams, body: jsonBody(AvailabilityUpdate) },
    responses: { 200: resourceResponse(Profile, 'The profile with its availability.'), ...problemResponses(400, 401, 403, 404) },
  });
  const queue = guardedRoute(deps, 'coordinator', {
    method: 'get',
    path: '/v1/libraries/{lib}/review-queue',
    tags,
    operationId: 'listReviewQueue',
    summary: 'Profiles waiting for a coordinator’s review, oldest first',
    request: { params: LibraryPathParams, query: PageQuery },
    responses: { 200: jsonResponse(ProfilePage, 'A page of submitted profiles, oldest first.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter()
    .openapi(submit, async (c) => {
      const profile = await submitProfile(db, currentActor(c), c.req.valid('param').id, clock.now());
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(publish, async (c) => {
      const profile = await publishProfile(db, currentActor(c), c.req.valid('param').id, clock.now());
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(pause, async (c) => {
      const profile = await pauseProfile(db, currentActor(c), c.req.valid('param').id, clock.now());
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(sendBack, async (c) => {
      const profile = await sendBackProfile(db, currentActor(c), c.req.valid('param').id, c.req.valid('json').note, clock.now());
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(availability, async (c) => {
      const profile = await setAvailability(db, currentActor(c), c.req.valid('param').id, c.req.valid('json'), clock.now());
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(queue, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await reviewQueue(db, c.get('library'), { limit, after: keysetAfter(cursor) });
      return c.json({ data: page.items, nextCursor: keysetCursor(page.next) }, 200);
    });
}
