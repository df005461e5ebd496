import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { guardedRoute, type AppDeps, type AppEnv } from '../http/router.js';
import { applyConventions, type OpenApiDocumentJson } from '../http/openapi-conventions.js';
import { SIGNING_IN } from './sessions.js';
import { WEBHOOKS } from './webhooks.js';
import { renderReference, type OpenApiDocument } from '../http/reference-page.js';

/**
 * Registered last, on the whole app, so the document covers every route. Both are built once:
 * routes do not change after start-up.
 */
export function mountDocs(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const getOpenApi = guardedRoute(deps, 'public', {
    method: 'get',
    path: '/openapi.json',
    tags: ['Service'],
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document, generated from the contract’s zod schemas',
    responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  });
  const getDocs = guardedRoute(deps, 'public', {
    method: 'get',
    path: '/docs',
    tags: ['Service'],
    operationId: 'getDocs',
    summary: 'The API reference, rendered from the OpenAPI document',
    responses: { 200: { description: 'An HTML page.', content: { 'text/html': { schema: z.string() } } } },
  });

  let document: OpenApiDocumentJson | undefined;
  const generate = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Talking Library API',
        version: deps.config.version,
        description:
          'Experts publish their skills and stories; members book one-hour skill exchanges paid in time credits. Errors are RFC 9457 problem details. Each operation’s `x-access` says who may call it, and its `security` which credentials prove it. Every write takes an `Idempotency-Key`, so it is safe to retry.\n\n' +
          SIGNING_IN +
          '\n\n' +
          WEBHOOKS,
      },
    }) as unknown as OpenApiDocumentJson;
  // The server's own origin, from configuration (PUBLIC_URL), never from a request's Host.
  const getDocument = () => (document ??= applyConventions(generate(), { serverUrl: deps.config.publicUrl || '/', license: { name: 'MIT', identifier: 'MIT' } }));
  let page: ReturnType<typeof renderReference> | undefined;

  app.openapi(getOpenApi, (c) => c.json(getDocument() as Record<string, unknown>, 200));
  app.openapi(getDocs, async (c) => {
    page ??= renderReference(getDocument() as unknown as OpenApiDocument);
    const { html, csp } = await page;
    return c.html(html, 200, { 'content-security-policy': csp });
  });
}
