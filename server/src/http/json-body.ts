import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.js';

/**
 * A body sent without `Content-Type: application/json` would reach the validators as `{}` and
 * pass as an empty object. Refuse it instead, so nothing is silently dropped.
 */
export function requireJsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    const hasBody = c.req.header('content-length') ? c.req.header('content-length') !== '0' : !!c.req.header('transfer-encoding');
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
      throw new HttpProblem({
        status: 415,
        code: 'unsupported_media_type',
        title: 'Unsupported media type',
        detail: 'Send the body as JSON with Content-Type: application/json.',
        errors: [{ path: 'header.content-type', message: 'must be application/json' }],
      });
    }
    await next();
  };
}
