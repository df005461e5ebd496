import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { AppConfig } from '../config.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/index.js';
import type { LibraryRow } from '../domain/libraries.js';
import type { Logger } from '../logger.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { Mailer } from '../mail/mailer.js';
import { requireAccess, type Access, type Caller } from './auth.js';
import type { CallerLookups } from './caller-lookups.js';
import type { Gzip } from './compress.js';
import type { ClientIp, RateLimiter, Usage } from './rate-limit.js';
import { validationHook } from './validation.js';

/** What every request handler may use. Passed to `createApp`; nothing is global. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  /** The caller's IP address, as the runtime knows it; used only to rate-limit. */
  clientIp: ClientIp;
  /** Seals and opens the secrets we keep readable (partner JWT secrets) with the server key. */
  secretBox: SecretBox;
  /** The library and partner rows behind a request's path and keys, remembered while current. */
  lookups: CallerLookups;
  /** The runtime's whole-buffer gzip, where it has one; without, answers compress as streams. */
  gzip?: Gzip | undefined;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    caller: Caller;
    /** The library named by `{lib}`, set by the access guard on library routes. */
    library: LibraryRow;
    /** That library's row when identifying the caller already checked it is current (caller-lookups.ts). */
    checkedLibrary?: LibraryRow;
    /** The rate-limit budgets this request spent, for the RateLimit headers. */
    rateLimits?: Usage[];
  };
}

/** A router whose validators report failures as our problem+json, never as raw zod issues. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/**
 * A route with who may call it. The guard runs before validation, so a caller who may not use
 * the route learns nothing about its input; `x-access` puts the rule in the OpenAPI document.
 */
export function guardedRoute<R extends RouteConfig>(deps: Pick<AppDeps, 'lookups'>, access: Access, route: R) {
  const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  return createRoute({ ...route, 'x-access': access, middleware: [requireAccess(access, deps), ...own] } as R & { 'x-access': Access });
}
