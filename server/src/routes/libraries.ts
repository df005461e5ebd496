import { createRoute } from '@hono/zod-openapi';
import { Library, LibraryPathParams } from '@talking-library/sdk/schema';
import { getLibrary } from '../domain/libraries.js';
import { createRouter, type AppDeps } from '../http/router.js';
import { jsonResponse, problemResponses } from '../http/openapi.js';

const getLibraryRoute = createRoute({
  method: 'get',
  path: '/v1/libraries/{lib}',
  tags: ['Library'],
  operationId: 'getLibrary',
  summary: 'A library: name, launch phase, categories and skills',
  request: { params: LibraryPathParams },
  responses: { 200: jsonResponse(Library, 'The library.'), ...problemResponses(400, 404) },
});

export function libraryRoutes({ db }: AppDeps) {
  return createRouter().openapi(getLibraryRoute, async (c) => {
    const { lib } = c.req.valid('param');
    return c.json(await getLibrary(db, lib), 200);
  });
}
