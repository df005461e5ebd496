import type { Context } from 'hono';
import { requestId } from 'hono/request-id';
import { LibrarySlug } from '@talking-library/sdk/schema';
import { ConfigError, type AppConfig } from './config.js';
import { AdjustableClock, systemClock } from './clock.js';
import type { Database } from './db/index.js';
import { libraries } from './db/schema.js';
import { partnerOrigins } from './domain/partners.js';
import { secretBox } from './domain/secret-box.js';
import { silentLogger } from './logger.js';
import { DevOutbox } from './mail/dev-outbox.js';
import { allowedMethods } from './http/allowed-methods.js';
import { compressAnswers } from './http/compress.js';
import { identifyCaller } from './http/auth.js';
import { CallerLookups } from './http/caller-lookups.js';
import { idempotency } from './http/idempotency.js';
import { describeError } from './http/error-log.js';
import { guardDevRoutes, isDevPath } from './http/dev-routes.js';
import { varyByCaller } from './http/etag.js';
import { requireJsonBodies } from './http/json-body.js';
import { problemResponse, toProblem } from './http/problem.js';
import { limitBodies } from './http/body-limit.js';
import { corsHeaders } from './http/cors.js';
import { DatabaseRateLimiter, limitReads, limitWrites, rateLimitHeaders } from './http/rate-limit.js';
import { logRequests } from './http/request-log.js';
import { createRouter, type AppDeps } from './http/router.js';
import { noStore, PRIVATE_PATHS } from './http/no-store.js';
import { securityHeaders } from './http/security.js';
import { devClockRoutes, devOutboxRoutes, devSessionRoutes } from './routes/dev.js';
import { mountDocs } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { libraryRoutes } from './routes/libraries.js';
import { memberRoutes } from './routes/members.js';
import { partnerRoutes } from './routes/partners.js';
import { profileLifecycleRoutes } from './routes/profile-lifecycle.js';
import { profileRoutes } from './routes/profiles.js';
import { slotRoutes } from './routes/slots.js';
import { sessionRoutes } from './routes/sessions.js';
import { taxonomyRoutes } from './routes/taxonomy.js';
import { creditRoutes } from './routes/credits.js';
import { requestRoutes } from './routes/requests.js';
import { exchangeRoutes } from './routes/exchanges.js';
import { learningRoutes } from './routes/learning.js';
import { outcomeRoutes } from './routes/outcomes.js';
import { privacyRoutes } from './routes/privacy.js';
import { reportRoutes } from './routes/reports.js';
import { safeguardingRoutes } from './routes/safeguarding.js';
import { instrumentRoutes } from './routes/instruments.js';
import { surveyRoutes } from './routes/surveys.js';
import { webhookRoutes } from './routes/webhooks.js';
import { eq } from 'drizzle-orm';

export type CreateAppOptions = Pick<AppDeps, 'db' | 'config'> & Partial<Omit<AppDeps, 'db' | 'config'>>;

/**
 * Builds the API. Everything it needs comes in through `options`, so tests and runtimes can
 * build as many apps as they like, each with its own database, clock, mailer and limits.
 */
export function createApp(options: CreateAppOptions) {
  if (!options.config.secretKey) {
    throw new ConfigError('createApp needs config.secretKey (32 bytes, base64 or hex): startServer and the edge entry provide it.');
  }
  const deps: AppDeps = {
    clock: systemClock,
    logger: silentLogger,
    mailer: new DevOutbox(),
    rateLimiter: new DatabaseRateLimiter(options.db),
    clientIp: () => 'unknown',
    secretBox: secretBox(options.config.secretKey),
    lookups: new CallerLookups(options.db),
    ...options,
  };
  const app = createRouter();

  app.use(requestId());
  app.use(compressAnswers(deps.gzip));
  app.use(logRequests(deps.logger));
  app.use(securityHeaders());
  app.use(noStore({ privatePaths: PRIVATE_PATHS }));
  app.use(
    corsHeaders({
      origin: corsOrigin(deps),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-TL-Key', 'X-Request-Id'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed', 'ETag', 'Location'],
      maxAge: 600,
    }),
  );
  app.use(guardDevRoutes(deps.config));
  app.use(limitBodies());
  app.use(rateLimitHeaders());
  app.use(varyByCaller());
  app.use(requireJsonBodies());
  app.use(identifyCaller(deps));
  // Keys are scoped to the caller, so this needs to know who calls; it stores no 429, so it may sit before the limits.
  app.use(idempotency(deps));
  app.use(limitWrites(deps));
  app.use(limitReads(deps));

  app.route('/', healthRoutes(deps));
  app.route('/', libraryRoutes(deps));
  app.route('/', profileRoutes(deps));
  app.route('/', profileLifecycleRoutes(deps));
  app.route('/', slotRoutes(deps));
  app.route('/', taxonomyRoutes(deps));
  app.route('/', sessionRoutes(deps));
  app.route('/', partnerRoutes(deps));
  app.route('/', webhookRoutes(deps));
  app.route('/', memberRoutes(deps));
  app.route('/', creditRoutes(deps));
  app.route('/', requestRoutes(deps));
  app.route('/', exchangeRoutes(deps));
  app.route('/', outcomeRoutes(deps));
  app.route('/', privacyRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.route('/', learningRoutes(deps));
  app.route('/', safeguardingRoutes(deps));
  app.route('/', surveyRoutes(deps));
  app.route('/', instrumentRoutes(deps));
  if (deps.config.env !== 'production') {
    app.route('/', devSessionRoutes(deps));
    if (deps.mailer instanceof DevOutbox) app.route('/', devOutboxRoutes(deps, deps.mailer));
    if (deps.clock instanceof AdjustableClock) app.route('/', devClockRoutes(deps, deps.clock));
  }
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
    if (problem.status >= 500) deps.logger.error('request failed', { requestId: c.get('requestId'), path: c.req.path, ...describeError(error) });
    return problemResponse(c, problem);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * Which browsers may call. One rule: on a library's routes, the origins its partner sites list,
 * the same lists that decide whether a page's publishable key is accepted (nothing else, such as
 * a deployment-wide setting, lets a page through CORS only to have its key refused). A page one
 * partner lists may read the 403 that says it holds another partner's key. Development routes:
 * no other origin, ever. Elsewhere (health, the OpenAPI document): anyone.
 */
function corsOrigin({ db }: AppDeps) {
  return async (origin: string, c: Context): Promise<string | null> => {
    if (!origin) return null;
    if (isDevPath(c.req.path)) return null;
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
