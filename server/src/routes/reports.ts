import { z } from 'zod';
import { LibraryPathParams, ReportExport, ReportExportQuery, ReportQuery, ReportSummary } from '@talking-library/sdk/schema';
import { categories } from '../db/schema.js';
import { EXPORT_DICTIONARY, exportRows, toCsv } from '../domain/report-export.js';
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

  const exportRoute = guardedRoute(deps, 'coordinator-or-secret', {
    method: 'get',
    path: '/v1/libraries/{lib}/reports/export',
    tags,
    operationId: 'exportReport',
    summary: 'The de-identified export for publication: one row per exchange, with a data dictionary',
    description:
      'No names, emails or ids: people and exchanges carry pseudonyms made afresh for each export (stable within one file), dates are days, and free text appears only where its author shared it in public. ' +
      '`format=csv` is one spreadsheet-ready file (UTF-8 with a byte-order mark; a cell that would start a formula begins with an apostrophe); `part=dictionary` gives the columns’ descriptions as CSV. `format=json` carries the rows and the dictionary together. Period and category filters as for the summary.',
    request: { params: LibraryPathParams, query: ReportExportQuery },
    responses: {
      200: {
        description: 'The export, as an attachment.',
        headers: { 'Content-Disposition': { description: 'Always `attachment`, with the file’s name.', schema: { type: 'string' as const } } },
        content: { 'application/json': { schema: ReportExport }, 'text/csv': { schema: z.string().meta({ description: 'RFC 4180 CSV, a header row first.' }) } },
      },
      ...problemResponses(400, 401, 403, 404),
    },
  });

  /** The period and category as the domain takes them: ISO instants, the last day whole, the category's id. */
  const periodOf = async (libraryId: string, query: { from?: string | undefined; to?: string | undefined; category?: string | undefined }) => ({
    libraryId,
    from: query.from ? `${query.from}T00:00:00.000Z` : undefined,
    to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS).toISOString() : undefined,
    categoryId: query.category ? await taxonomyFilterId(db, categories, libraryId, query.category, 'category') : undefined,
  });
  const described = (query: { from?: string | undefined; to?: string | undefined; category?: string | undefined }) => ({
    period: { from: query.from ?? null, to: query.to ?? null },
    category: query.category ?? null,
    generatedAt: clock.now().toISOString(),
  });

  return createRouter()
    .openapi(summary, async (c) => {
      const query = c.req.valid('query');
      const figures = await reportSummary(db, await periodOf(c.get('library').id, query));
      return c.json({ ...described(query), ...figures }, 200);
    })
    .openapi(exportRoute, async (c) => {
      const library = c.get('library');
      const query = c.req.valid('query');
      const rows = await exportRows(db, await periodOf(library.id, query));
      const name = `talking-library-${library.slug}-${query.part === 'dictionary' && query.format === 'csv' ? 'dictionary' : 'export'}-${clock.now().toISOString().slice(0, 10)}.${query.format}`;
      const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };
      if (query.format === 'json') return c.json({ ...described(query), dictionary: [...EXPORT_DICTIONARY], rows }, 200, headers);
      const csv =
        query.part === 'dictionary'
          ? toCsv(['name', 'type', 'description'], EXPORT_DICTIONARY.map((column) => ({ ...column })))
          : toCsv(EXPORT_DICTIONARY.map((column) => column.name), rows);
      return c.body(csv, 200, { ...headers, 'content-type': 'text/csv; charset=utf-8' });
    });
}
