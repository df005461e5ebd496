import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { LibrarySlug } from '@talking-library/sdk/schema';
import type { AppConfig } from './config.js';
import { systemClock } from './clock.js';
import type { Database } from './db/index.js';
import { libraries } from './db/schema.js';
import { partnerOrigins } from './domain/partners.js';
import { silentLogger } from './logger.js';
import { DevOutbox } from './mail/dev-outbox.js';
import { allowedMethods } from './http/allowed-methods.js';
import { identifyCaller } from './http/auth.js';
import { varyByCaller } from './http/etag.js';
import { requireJsonBodies } from './http/json-body.js';
import { HttpProblem, problemResponse, toProblem } from './http/problem.js';
import { limitWrites, RateLimiter } from './http/rate-limit.js';
import { logRequests } from './http/request-log.js';
import { createRouter, type AppDeps } from './http/router.js';
import { securityHeaders } from './http/security.js';
import { devOutboxRoutes } from './routes/dev.js';
import { mountDocs } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { libraryRoutes } from './routes/libraries.js';
import { memberRoutes } from './routes/members.js';
import { partnerRoutes } from './routes/partners.js';
import { profileLifecycleRoutes } from './routes/profile-lifecycle.js';
import { profileRoutes } from './routes/profiles.js';
import { sessionRoutes } from './routes/sessions.js';
import { taxonomyRoutes } from './routes/taxonomy.js';
import { eq } from 'drizzle-orm';

export type CreateAppOptions = Pick<AppDeps, 'db' | 'config'> & Partial<Omit<AppDeps, 'db' | 'config'>>;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Builds the API. Everything it needs comes in through `options`, so tests and runtimes can
 * build as many apps as they like, each with its own database, clock, mailer and limits.
 */
export function createApp(options: CreateAppOptions) {
  const deps: AppDeps = {
    clock: systemClock,
    logger: silentLogger,
    mailer: new DevOutbox(),
    rateLimiter: new RateLimiter(),
    clientIp: () => 'unknown',
    ...options,
  };
  const app = createRouter();

  app.use(requestId());
  app.use(logRequests(deps.logger));
  app.use(securityHeaders());
  app.use(
    cors({
      origin: corsOrigin(deps),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-TL-Key', 'X-Request-Id'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'ETag', 'Location'],
      maxAge: 600,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpProblem({ status: 413, code: 'payload_too_large', title: 'Request body too large', detail: `Bodies may be at most ${MAX_BODY_BYTES / 1024} KiB.` });
      },
    }),
  );
  app.use(varyByCaller());
  app.use(requireJsonBodies());
  app.use(identifyCaller(deps));
  app.use(limitWrites(deps));

  app.route('/', healthRoutes(deps));
  app.route('/', libraryRoutes(deps));
  app.route('/', profileRoutes(deps));
  app.route('/', profileLifecycleRoutes(deps));
  app.route('/', taxonomyRoutes(deps));
  app.route('/', sessionRoutes(deps));
  app.route('/', partnerRoutes(deps));
  app.route('/', memberRoutes(deps));
  if (deps.mailer instanceof DevOutbox && deps.config.env !== 'production') app.route('/', devOutboxRoutes(deps, deps.mailer));
  mountDocs(app, deps);

  let allowed: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    // Built on first use: by then every route is mounted, and the table never changes.
    allowed ??= allowedMethods(app.routes);
    const methods = allowed(c.req.path);
    if (methods.length) {
      return problemResponse(c, {
        status: 405,
        code: 'method_not_allowed',
        title: 'Method not allowed',
        detail: `${c.req.path} answers ${methods.join(', ')}, not ${c.req.method}.`,
        headers: { allow: methods.join(', ') },
      });
    }
    return problemResponse(c, { status: 404, code: 'route_not_found', title: 'Not found', detail: `There is no route ${c.req.method} ${c.req.path}.` });
  });
  app.onError((error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) deps.logger.error('request failed', { requestId: c.get('requestId'), path: c.req.path, error: String(error?.stack ?? error) });
    return problemResponse(c, problem);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * Which browsers may call: on a library's routes, the origins its partner sites list (plus any
 * the deployment allows everywhere); elsewhere (health, the OpenAPI document) anyone.
 */
function corsOrigin({ db, config }: AppDeps) {
  const everywhere = config.corsOrigins;
  return async (origin: string, c: Context): Promise<string | null> => {
    if (!origin) return null;
    if (everywhere === '*' || everywhere.includes(origin)) return origin;
    const slug = /^\/v1\/libraries\/([^/]+)/.exec(c.req.path)?.[1];
    if (!slug) return origin;
    if (!LibrarySlug.safeParse(slug).success) return origin;
    const [library] = await db.select({ id: libraries.id }).from(libraries).where(eq(libraries.slug, slug)).limit(1);
    // No such library: let the page read the 404 problem, which reveals nothing.
    if (!library) return origin;
    return (await partnerOrigins(db, library.id)).has(origin) ? origin : null;
  };
}

export type { AppDeps, AppConfig, Database };
