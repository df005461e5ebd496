import { LibraryPathParams, Profile, ProfileListQuery, ProfilePage, ProfilePathParams } from '@talking-library/sdk/schema';
import { getPublishedProfile, listPublishedProfiles } from '../domain/profiles.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';
import { jsonResponse, problemResponses } from '../http/openapi.js';

export function profileRoutes(deps: AppDeps) {
  const { db } = deps;
  const listProfiles = guardedRoute(deps, 'key', {
  method: 'get',
  path: '/v1/libraries/{lib}/profiles',
  tags: ['Profiles'],
  operationId: 'listProfiles',
  summary: 'Published expert profiles, a page at a time',
  request: { params: LibraryPathParams, query: ProfileListQuery },
  responses: { 200: jsonResponse(ProfilePage, 'A page of profiles.'), ...problemResponses(400, 401, 403, 404) },
});

const getProfile = guardedRoute(deps, 'key', {
  method: 'get',
  path: '/v1/libraries/{lib}/profiles/{id}',
  tags: ['Profiles'],
  operationId: 'getProfile',
  summary: 'One published profile with its stories',
  request: { params: ProfilePathParams },
  responses: { 200: jsonResponse(Profile, 'The profile.'), ...problemResponses(400, 401, 403, 404) },
});

  return createRouter()
    .openapi(listProfiles, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const after = decodeCursor(cursor, 2);
      const library = c.get('library');
      const page = await listPublishedProfiles(db, {
        libraryId: library.id,
        limit,
        after: after && { displayName: String(after[0]), id: String(after[1]) },
      });
      const nextCursor = page.nextKey && encodeCursor([page.nextKey.displayName, page.nextKey.id]);
      return c.json({ data: page.profiles, nextCursor }, 200);
    })
    .openapi(getProfile, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await getPublishedProfile(db, { libraryId: c.get('library').id, profileId: id }), 200);
    });
}
