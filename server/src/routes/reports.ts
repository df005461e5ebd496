import { LibraryPathParams, ReportQuery, ReportSummary } from '@talking-library/sdk/schema';
import { categories } from '../db/schema.js';
import { reportSummary } from '../domain/reports.js';
import { taxonomyFilterId } from '../domain/taxonomy.js';
import { jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Reports'];
const DAY_MS = 86_400_000;

/** The coordinators' evaluation figures. */
export function reportRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  const summary = guardedRoute(deps, 'coordinator', {
    method: 'get',
    path: '/v1/libraries/{lib}/reports/summary',
    tags,
    operationId: 'getReportSummary',
    summary: 'Evaluation figures for a period: exchanges and their outcomes, response times, supply and demand, value to projects, credit-flow equity',
    description:
      'Exchanges count in the period by when they were asked for; a `category` keeps those about it (the skill request’s category, else the expert’s profile’s). ' +
      'Any figure about fewer than 5 people is `"fewer than 5"`, and so is one more cell of a group whenever a single hidden one could be worked out by subtraction. `byExpert` lists each expert’s hours for the coordinators who support them.',
    request: { params: LibraryPathParams, query: ReportQuery },
    responses: { 200: jsonResponse(ReportSummary, 'The figures.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter().openapi(summary, async (c) => {
    const library = c.get('library');
    const query = c.req.valid('query');
    const categoryId = query.category ? await taxonomyFilterId(db, categories, library.id, query.category, 'category') : undefined;
    const figures = await reportSummary(db, {
      libraryId: library.id,
      from: query.from ? `${query.from}T00:00:00.000Z` : undefined,
      // The last day is whole: the period ends at the next midnight.
      to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS).toISOString() : undefined,
      categoryId,
    });
    return c.json({ period: { from: query.from ?? null, to: query.to ?? null }, category: query.category ?? null, generatedAt: clock.now().toISOString(), ...figures }, 200);
  });
}
