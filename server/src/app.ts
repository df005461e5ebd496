import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { AppConfig } from './config.js';
import { systemClock } from './clock.js';
import type { Database } from './db/index.js';
import { silentLogger } from './logger.js';
import { requireJsonBodies } from './http/json-body.js';
import { HttpProblem, problemResponse, toProblem } from './http/problem.js';
import { createRouter, type AppDeps } from './http/router.js';
import { securityHeaders } from './http/security.js';
import { mountDocs } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { libraryRoutes } from './routes/libraries.js';
import { profileRoutes } from './routes/profiles.js';

export type CreateAppOptions = Pick<AppDeps, 'db' | 'config'> & Partial<Omit<AppDeps, 'db' | 'config'>>;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Builds the API. Everything it needs comes in through `options`, so tests and runtimes can
 * build as many apps as they like, each with its own database.
 */
export function createApp(options: CreateAppOptions) {
  const deps: AppDeps = { clock: systemClock, logger: silentLogger, ...options };
  const app = createRouter();

  app.use(requestId());
  app.use(securityHeaders());
  app.use(cors({
    origin: allowedOrigin(deps.config),
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-TL-Key', 'X-Request-Id'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  }));
  app.use(bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpProblem({ status: 413, code: 'payload_too_large', title: 'Request body too large', detail: `Bodies may be at most ${MAX_BODY_BYTES / 1024} KiB.` });
    },
  }));
  app.use(requireJsonBodies());

  app.route('/', healthRoutes(deps));
  app.route('/', libraryRoutes(deps));
  app.route('/', profileRoutes(deps));
  mountDocs(app, deps.config);

  app.notFound((c) => problemResponse(c, { status: 404, code: 'route_not_found', title: 'Not found', detail: `There is no route ${c.req.method} ${c.req.path}.` }));
  app.onError((error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) deps.logger.error('request failed', { requestId: c.get('requestId'), path: c.req.path, error: String(error?.stack ?? error) });
    return problemResponse(c, problem);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

function allowedOrigin(config: AppConfig): (origin: string) => string | null {
  if (config.corsOrigins === '*') return (origin) => origin || '*';
  const allowed = new Set(config.corsOrigins);
  return (origin) => (allowed.has(origin) ? origin : null);
}

export type { AppDeps, Database };
