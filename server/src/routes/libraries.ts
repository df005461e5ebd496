import { Library, LibraryPathParams, LibraryUpdate } from '@talking-library/sdk/schema';
import { getLibrary, updateLibrary } from '../domain/libraries.js';
import { etagHeader, etagOf, ifMatchVersions, IfMatchHeaders, IfNoneMatchHeaders, isNotModified, notModifiedResponse } from '../http/etag.js';
import { jsonBody, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

export function libraryRoutes(deps: AppDeps) {
  const { db } = deps;
  const getLibraryRoute = guardedRoute(deps, 'key', {
    method: 'get',
    path: '/v1/libraries/{lib}',
    tags: ['Library'],
    operationId: 'getLibrary',
    summary: 'A library: name, launch phase, categories and skills',
    request: { params: LibraryPathParams, headers: IfNoneMatchHeaders },
    responses: { 200: resourceResponse(Library, 'The library.'), 304: notModifiedResponse, ...problemResponses(400, 401, 403, 404) },
  });
  const updateLibraryRoute = guardedRoute(deps, 'coordinator', {
    method: 'patch',
    path: '/v1/libraries/{lib}',
    tags: ['Library'],
    operationId: 'updateLibrary',
    summary: 'Rename the library, edit its description or move it to another launch phase',
    request: { params: LibraryPathParams, headers: IfMatchHeaders, body: jsonBody(LibraryUpdate) },
    responses: { 200: resourceResponse(Library, 'The library as it is now.'), ...problemResponses(400, 401, 403, 404, 412) },
  });

  return createRouter()
    .openapi(getLibraryRoute, async (c) => {
      const library = c.get('library');
      const current = { slug: library.slug, version: library.version };
      if (isNotModified(c, etagOf(current))) return c.body(null, 304, etagHeader(current));
      const body = await getLibrary(db, library.slug);
      return c.json(body, 200, etagHeader(body));
    })
    .openapi(updateLibraryRoute, async (c) => {
      const body = await updateLibrary(db, c.get('library'), c.req.valid('json'), ifMatchVersions(c, c.get('library').slug));
      return c.json(body, 200, etagHeader(body));
    });
}
