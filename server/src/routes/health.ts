import { sql } from 'drizzle-orm';
import { Health } from '@talking-library/sdk/schema';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';
import { jsonResponse } from '../http/openapi.js';

export function healthRoutes(deps: AppDeps) {
  const { db, config } = deps;
  const getHealth = guardedRoute(deps, 'public', {
  method: 'get',
  path: '/v1/health',
  tags: ['Service'],
  operationId: 'getHealth',
  summary: 'Whether the API and its database are up',
  responses: {
    200: jsonResponse(Health, 'The service is healthy.'),
    503: jsonResponse(Health, 'The service is up but cannot reach its database.'),
  },
});

  return createRouter().openapi(getHealth, async (c) => {
    const database = await db.run(sql`select 1`).then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    return database === 'ok'
      ? c.json({ status: 'ok' as const, version: config.version, database }, 200)
      : c.json({ status: 'degraded' as const, version: config.version, database }, 503);
  });
}
