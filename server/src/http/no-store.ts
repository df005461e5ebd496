import type { MiddlewareHandler } from 'hono';

export interface NoStoreOptions {
  /** Paths whose answers always carry tokens or personal data, whoever asks. */
  privatePaths: RegExp;
}

/**
 * `Cache-Control: no-store` on answers no cache may keep: those to a signed-in member or a
 * partner's secret key (they may show personal data, keys or drafts), and every answer on the
 * routes that hand out tokens or personal data. Public reads with a publishable key stay cacheable.
 */
export function noStore({ privatePaths }: NoStoreOptions): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.header('authorization') || privatePaths.test(c.req.path)) c.res.headers.set('cache-control', 'no-store');
  };
}

/** Sessions, email codes, the member's own data, members, invites, partners and the development outbox. */
export const PRIVATE_PATHS = /^\/(?:dev\/|v1\/dev\/|v1\/libraries\/[^/]+\/(?:sessions|email-links|me|members|invites|partners|review-queue|dev)(?:\/|$))/;
