import { Library, LibraryPathParams, LibraryUpdate } from '@talking-library/sdk/schema';
import { getLibrary, updateLibrary } from '../domain/libraries.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

export function libraryRoutes(deps: AppDeps) {
  const { db } = deps;
  const getLibraryRoute = guardedRoute(deps, 'key', {
    method: 'get',
    path: '/v1/libraries/{lib}',
    tags: ['Library'],
    operationId: 'getLibrary',
    summary: 'A library: name, launch phase, categories and skills',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(Library, 'The library.'), ...problemResponses(400, 401, 403, 404) },
  });
  const updateLibraryRoute = guardedRoute(deps, 'coordinator', {
    method: 'patch',
    path: '/v1/libraries/{lib}',
    tags: ['Library'],
    operationId: 'updateLibrary',
    summary: 'Rename the library, edit its description or move it to another launch phase',
    request: { params: LibraryPathParams, body: jsonBody(LibraryUpdate) },
    responses: { 200: jsonResponse(Library, 'The library as it is now.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter()
    .openapi(getLibraryRoute, async (c) => c.json(await getLibrary(db, c.get('library').slug), 200))
    .openapi(updateLibraryRoute, async (c) => c.json(await updateLibrary(db, c.get('library'), c.req.valid('json')), 200));
}
