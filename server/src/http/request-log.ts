import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';

/**
 * One line a request: method, path, status, time. Never the query string, headers or body:
 * that is where keys, tokens and codes travel.
 */
export function logRequests(logger: Logger): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
