import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** JSON answers load nothing, so their policy forbids everything. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Our own pages load scripts, styles and data only from this origin; no inline script. */
export const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/**
 * Security headers on every response. A page may set its own Content-Security-Policy (the
 * reference page allows its one inline stylesheet by hash); everything else gets a strict default.
 */
export function securityHeaders(): MiddlewareHandler {
  const standard = secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginEmbedderPolicy: false });
  return async (c, next) => {
    await standard(c, async () => {
      await next();
      if (!c.res.headers.has('content-security-policy')) {
        const isPage = c.res.headers.get('content-type')?.startsWith('text/html');
        c.res.headers.set('content-security-policy', isPage ? PAGE_POLICY : API_POLICY);
      }
    });
  };
}
