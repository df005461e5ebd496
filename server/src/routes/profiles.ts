import { createRoute } from '@hono/zod-openapi';
import { LibraryPathParams, Profile, ProfileListQuery, ProfilePage, ProfilePathParams } from '@talking-library/sdk/schema';
import { findLibrary } from '../domain/libraries.js';
import { getPublishedProfile, listPublishedProfiles } from '../domain/profiles.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { createRouter, type AppDeps } from '../http/router.js';
import { jsonResponse, problemResponses } from '../http/openapi.js';

const listProfiles = createRoute({
  method: 'get',
  path: '/v1/libraries/{lib}/profiles',
  tags: ['Profiles'],
  operationId: 'listProfiles',
  summary: 'Published expert profiles, a page at a time',
  request: { params: LibraryPathParams, query: ProfileListQuery },
  responses: { 200: jsonResponse(ProfilePage, 'A page of profiles.'), ...problemResponses(400, 404) },
});

const getProfile = createRoute({
  method: 'get',
  path: '/v1/libraries/{lib}/profiles/{id}',
  tags: ['Profiles'],
  operationId: 'getProfile',
  summary: 'One published profile with its stories',
  request: { params: ProfilePathParams },
  responses: { 200: jsonResponse(Profile, 'The profile.'), ...problemResponses(400, 404) },
});

export function profileRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listProfiles, async (c) => {
      const { lib } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const after = decodeCursor(cursor, 2);
      const library = await findLibrary(db, lib);
      const page = await listPublishedProfiles(db, {
        libraryId: library.id,
        limit,
        after: after && { displayName: String(after[0]), id: String(after[1]) },
      });
      const nextCursor = page.nextKey && encodeCursor([page.nextKey.displayName, page.nextKey.id]);
      return c.json({ data: page.profiles, nextCursor }, 200);
    })
    .openapi(getProfile, async (c) => {
      const { lib, id } = c.req.valid('param');
      const library = await findLibrary(db, lib);
      return c.json(await getPublishedProfile(db, { libraryId: library.id, profileId: id }), 200);
    });
}
