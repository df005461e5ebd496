import type { z } from 'zod';
import { LibraryPathParams, Profile, ProfileCreate, ProfileListQuery, ProfilePathParams, ProfileSearchPage, ProfileUpdate } from '@talking-library/sdk/schema';
import { createProfile, myProfile, updateProfile } from '../domain/profile-editing.js';
import { getProfile } from '../domain/profiles.js';
import { LISTING_FACETS_TTL_MS, searchProfiles, type Facets } from '../domain/search.js';
import { TtlCache } from '../domain/ttl-cache.js';
import { Gate } from '../http/gate.js';
import { currentActor, currentViewer } from '../http/auth.js';
import { badCursor, decodeCursor, encodeCursor } from '../http/cursor.js';
import { etagHeader, etagOf, ifMatchVersions, IfMatchHeaders, IfNoneMatchHeaders, isNotModified, notModifiedResponse } from '../http/etag.js';
import { locationIn } from '../http/location.js';
import { rememberAnswer, sendRemembered, type RememberedAnswer } from '../http/remembered-answer.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Profiles'];
const SEARCHES_AT_ONCE = 2;
/** A remembered listing is a version's, so the time only bounds how long an unused one takes memory. */
const LISTING_TTL_MS = 5 * 60_000;
const LISTINGS_KEPT = 500;

export function profileRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  // One per app: each API instance keeps its own, for at most LISTING_FACETS_TTL_MS, and per
  // version of the library and of its listing, so a change on any instance starts every one afresh.
  const listingFacets = new TtlCache<Facets>(LISTING_FACETS_TTL_MS);
  // Searches and listings hold the event loop for a few milliseconds a statement at a hundred
  // thousand profiles: two at a time, so that other requests are never far from their turn.
  const searches = new Gate(SEARCHES_AT_ONCE);
  // Listings without a text query or a time window answer the same until the library's listing
  // version moves, which every write that could change one bumps (migration 0015), on whichever
  // instance: each instance remembers them under that version, checked on every request.
  const listings = new TtlCache<RememberedAnswer<z.output<typeof ProfileSearchPage>>>(LISTING_TTL_MS, LISTINGS_KEPT);

  const listProfiles = guardedRoute(deps, 'key', {
    method: 'get',
    path: '/v1/libraries/{lib}/profiles',
    tags,
    operationId: 'listProfiles',
    summary: 'Find published experts: ranked full-text search, filters, facet counts, a page at a time',
    request: { params: LibraryPathParams, query: ProfileListQuery },
    responses: { 200: jsonResponse(ProfileSearchPage, 'A page of matching profiles, the total and the facets.'), ...problemResponses(400, 401, 403, 404) },
  });
  const getProfileRoute = guardedRoute(deps, 'key', {
    method: 'get',
    path: '/v1/libraries/{lib}/profiles/{id}',
    tags,
    operationId: 'getProfile',
    summary: 'One profile with its stories (unpublished ones only to their owner and coordinators)',
    request: { params: ProfilePathParams, headers: IfNoneMatchHeaders },
    responses: { 200: resourceResponse(Profile, 'The profile.'), 304: notModifiedResponse, ...problemResponses(400, 401, 403, 404) },
  });
  const createProfileRoute = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/profiles',
    tags,
    operationId: 'createProfile',
    summary: 'Start your own expert profile, as a draft',
    request: { params: LibraryPathParams, body: jsonBody(ProfileCreate) },
    responses: { 201: createdResponse(Profile, 'The new draft.', { versioned: true }), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const updateProfileRoute = guardedRoute(deps, 'member', {
    method: 'patch',
    path: '/v1/libraries/{lib}/profiles/{id}',
    tags,
    operationId: 'updateProfile',
    summary: 'Edit a profile (its owner, or a coordinator); lists given replace the old ones',
    description:
      'Where the library approves profiles (phase `invite` or `restricted`), an owner’s change to her published profile sends it back to review: the answer comes back with status `submitted`, and the profile leaves search and the public view until a coordinator publishes it again. A coordinator’s edits, and every edit in an `open` library, stay live.',
    request: { params: ProfilePathParams, headers: IfMatchHeaders, body: jsonBody(ProfileUpdate) },
    responses: { 200: resourceResponse(Profile, 'The profile as it is now.'), ...problemResponses(400, 401, 403, 404, 412) },
  });
  const myProfileRoute = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/me/profile',
    tags,
    operationId: 'getMyProfile',
    summary: 'Your own profile, whatever its status, with any note from a reviewer',
    request: { params: LibraryPathParams, headers: IfNoneMatchHeaders },
    responses: { 200: resourceResponse(Profile, 'Your profile.'), 304: notModifiedResponse, ...problemResponses(401, 403, 404) },
  });

  return createRouter()
    .openapi(listProfiles, async (c) => {
      const { limit, cursor, q, category, skill, careerStage, language, availableWithinDays, facets } = c.req.valid('query');
      const library = c.get('library');
      const search = { library, q, category, skills: skill, careerStage, language, availableWithinDays, facets, listingFacets, limit, now: clock.now() };
      const page = async () => {
        const result = await searches.run(() => searchProfiles(db, { ...search, after: readCursor(cursor, q) }));
        const nextCursor = result.next && encodeCursor('snapshot' in result.next ? [result.next.snapshot, result.next.offset, String(result.next.afterRowid ?? '')] : [result.next.displayName, result.next.id]);
        return { data: result.hits, nextCursor, total: result.total, totalIsLowerBound: result.totalIsLowerBound, facets: result.facets };
      };
      if (q || availableWithinDays !== undefined) return c.json(await page(), 200);
      const key = JSON.stringify([library.id, library.version, library.listingVersion, q, limit, cursor, category, skill, careerStage, language, facets]);
      return sendRemembered(c, await listings.get(key, Date.now(), async () => rememberAnswer(await page(), deps.gzip)));
    })
    .openapi(getProfileRoute, async (c) => {
      const { id } = c.req.valid('param');
      const profile = await getProfile(db, { libraryId: c.get('library').id, profileId: id, viewer: currentViewer(c) });
      if (isNotModified(c, etagOf(profile))) return c.body(null, 304, etagHeader(profile));
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(createProfileRoute, async (c) => {
      const profile = await createProfile(db, currentActor(c), c.req.valid('json'), clock.now());
      return c.json(profile, 201, { ...locationIn(c, 'profiles', profile.id), ...etagHeader(profile) });
    })
    .openapi(updateProfileRoute, async (c) => {
      const profile = await updateProfile(db, currentActor(c), c.req.valid('param').id, c.req.valid('json'), clock.now(), ifMatchVersions(c, c.req.valid('param').id));
      return c.json(profile, 200, etagHeader(profile));
    })
    .openapi(myProfileRoute, async (c) => {
      const profile = await myProfile(db, currentActor(c));
      if (isNotModified(c, etagOf(profile))) return c.body(null, 304, etagHeader(profile));
      return c.json(profile, 200, etagHeader(profile));
    });
}

/**
 * Ranked results page through their search's snapshot, name-ordered ones by the last name and id
 * seen; a cursor from the other kind of list is the caller's mistake.
 */
function readCursor(cursor: string | undefined, q: string | undefined) {
  const ranked = !!q && /[\p{L}\p{N}]/u.test(q);
  if (ranked) {
    const key = decodeCursor(cursor, ['text', 'count', 'text']);
    if (!key) return undefined;
    const [snapshot, offset, afterRowid] = key;
    if (afterRowid !== '' && !(/^\d{1,16}$/.test(afterRowid) && Number.isSafeInteger(Number(afterRowid)))) throw badCursor();
    return { snapshot, offset, afterRowid: afterRowid === '' ? undefined : Number(afterRowid) };
  }
  const key = decodeCursor(cursor, ['text', 'text']);
  return key && { displayName: key[0], id: key[1] };
}
