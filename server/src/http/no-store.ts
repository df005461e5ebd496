import type { MiddlewareHandler } from 'hono';
import { isDevPath } from './dev-routes.js';

/**
 * `Cache-Control: no-store` on every answer that may carry a token or personal data, so no
 * browser or proxy cache keeps it: answers to a request with credentials (a session or an `sk_`
 * key), answers to writes (sign-in answers carry session tokens, partner answers carry keys), and
 * the development outbox (sign-in codes). A route that sets its own Cache-Control keeps it.
 * Public reads with only a publishable key stay cacheable.
 */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.headers.has('cache-control')) return;
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS';
    if (c.req.header('authorization') || !safe || isDevPath(c.req.path)) c.res.headers.set('cache-control', 'no-store');
  };
}
