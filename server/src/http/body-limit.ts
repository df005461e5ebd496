import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from './problem.js';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Refuses a body over MAX_BODY_BYTES with a 413, before anything reads it. GET and HEAD are let
 * through unasked: the Request the Node adapter makes for them has no body, and asking for one
 * makes the adapter build that whole Request, which it otherwise never does: about 50 µs of
 * every read (a tenth of a listing's CPU), for an answer known in advance.
 */
export function limitBodies(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpProblem({ status: 413, code: 'payload_too_large', title: 'Request body too large', detail: `Bodies may be at most ${MAX_BODY_BYTES / 1024} KiB.` });
    },
  });
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next));
}
