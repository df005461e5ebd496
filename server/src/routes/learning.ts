import { LearningPage, LearningQuery, LibraryPathParams } from '@talking-library/sdk/schema';
import { learningFeed } from '../domain/learning.js';
import { currentViewer } from '../http/auth.js';
import { keysetAfter, keysetCursor } from '../http/cursor.js';
import { jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Outcomes'];

/** The shared learning feed: what members and experts chose to share of their exchanges. */
export function learningRoutes(deps: AppDeps) {
  const { db } = deps;

  const list = guardedRoute(deps, 'key', {
    method: 'get',
    path: '/v1/libraries/{lib}/learning',
    tags,
    operationId: 'listLearning',
    summary: 'The shared learning feed: outcome logs shared with the library or in public, newest first',
    description:
      'With the library’s key, the `public` items; signed in as one of its members, its `library` items as well. `private` logs are never here. An item names the expert (`expert`) only where she agreed and the log is public; it never names the member, nor carries her rating of the hour or her project. `q` finds text in the summary, learning, next steps and output titles; `category` and `skill` are the slugs of what the exchange was about (one the library lacks is a 400).',
    request: { params: LibraryPathParams, query: LearningQuery },
    responses: { 200: jsonResponse(LearningPage, 'A page of the feed.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter().openapi(list, async (c) => {
    const { limit, cursor, q, category, skill } = c.req.valid('query');
    const member = currentViewer(c).memberId !== undefined;
    const page = await learningFeed(db, { libraryId: c.get('library').id, member, q, category, skill, limit, before: keysetAfter(cursor) });
    return c.json({ data: page.items, nextCursor: keysetCursor(page.next) }, 200);
  });
}
