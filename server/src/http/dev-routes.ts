import type { MiddlewareHandler } from 'hono';
import type { AppConfig } from '../config.js';
import { HttpProblem } from './problem.js';

/** `/dev/…` and `/v1/libraries/{lib}/dev/…`: the demo sign-in, the outbox, anything for developers. */
export const isDevPath = (path: string): boolean => /^\/dev(\/|$)|^\/v1\/(libraries\/[^/]+\/)?dev(\/|$)/.test(path);

/**
 * Development routes sign anyone in as the demo coordinator and show sign-in codes, so no other
 * origin may reach them: a page elsewhere could otherwise sign its visitor in, or read her mail.
 * A request is from our own origin when the browser says so (`Sec-Fetch-Site: same-origin`, or
 * `none` for a typed address), or, from a browser that sends no such header, when its `Origin`
 * is our configured one; tools that send neither (curl, tests) are not a browser page. In
 * production these routes do not exist.
 */
export function guardDevRoutes(config: Pick<AppConfig, 'env' | 'publicUrl'>): MiddlewareHandler {
  return async (c, next) => {
    if (!isDevPath(c.req.path)) return next();
    if (config.env === 'production') {
      throw new HttpProblem({ status: 404, code: 'route_not_found', title: 'Not found', detail: `There is no route ${c.req.method} ${c.req.path}.` });
    }
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ownOrigin = site ? site === 'same-origin' || site === 'none' : !origin || origin === config.publicUrl;
    if (!ownOrigin) {
      throw new HttpProblem({
        status: 403,
        code: 'development_only',
        title: 'Forbidden',
        detail: `Development routes answer only pages on ${config.publicUrl}, not ${origin ?? 'another site'}.`,
      });
    }
    return next();
  };
}
