import { LibraryPathParams, PageQuery, Partner, PartnerCreate, PartnerPage, PartnerPathParams, PartnerRotate, PartnerUpdate, PartnerWithKeys, PartnerWithWebhookSecret } from '@talking-library/sdk/schema';
import { createPartner, findPartner, partnerPage, removePartner, rotatePartnerKeys, toPartner, updatePartner } from '../domain/partners.js';
import { ownPartnerOnly, partnerInScope } from '../http/auth.js';
import { keysetAfter, keysetCursor } from '../http/cursor.js';
import { etagHeader, etagOf, ifMatchVersions, IfMatchHeaders, IfNoneMatchHeaders, isNotModified, notModifiedResponse } from '../http/etag.js';
import { locationIn } from '../http/location.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Partners'];

/**
 * Coordinators manage every partner site of their library; a partner's back end, with its `sk_`,
 * sees and manages only its own (another partner's id is a 404). Only coordinators add partners.
 */
export function partnerRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const access = 'coordinator-or-own-partner' as const;

  const create = guardedRoute(deps, 'coordinator', {
    method: 'post',
    path: '/v1/libraries/{lib}/partners',
    tags,
    operationId: 'createPartner',
    summary: 'Add a partner site; its keys are in this response only',
    request: { params: LibraryPathParams, body: jsonBody(PartnerCreate) },
    responses: { 201: createdResponse(PartnerWithKeys, 'The partner, with its keys shown once.', { versioned: true }), ...problemResponses(400, 401, 403, 404) },
  });
  const list = guardedRoute(deps, access, {
    method: 'get',
    path: '/v1/libraries/{lib}/partners',
    tags,
    operationId: 'listPartners',
    summary: 'The library’s partner sites (keys appear as hints only); a secret key sees only its own',
    request: { params: LibraryPathParams, query: PageQuery },
    responses: { 200: jsonResponse(PartnerPage, 'A page of the partner sites the caller may see, oldest first.'), ...problemResponses(400, 401, 403, 404) },
  });
  const get = guardedRoute(deps, access, {
    method: 'get',
    path: '/v1/libraries/{lib}/partners/{id}',
    tags,
    operationId: 'getPartner',
    summary: 'One partner site',
    request: { params: PartnerPathParams, headers: IfNoneMatchHeaders },
    responses: { 200: resourceResponse(Partner, 'The partner.'), 304: notModifiedResponse, ...problemResponses(400, 401, 403, 404) },
  });
  const update = guardedRoute(deps, access, {
    method: 'patch',
    path: '/v1/libraries/{lib}/partners/{id}',
    tags,
    operationId: 'updatePartner',
    summary: 'Rename a partner site, change its allowed origins, public key (with its algorithm) or webhook URL',
    description:
      'The first `webhookUrl` also makes the partner’s webhook signing secret (`whsec_…`), in `webhookSecret` of this answer only; later answers show `webhookSecretHint`. ' +
      'In production a webhook URL must be https on a public host.',
    request: { params: PartnerPathParams, headers: IfMatchHeaders, body: jsonBody(PartnerUpdate) },
    responses: { 200: resourceResponse(PartnerWithWebhookSecret, 'The partner as it is now.'), ...problemResponses(400, 401, 403, 404, 412) },
  });
  const rotate = guardedRoute(deps, access, {
    method: 'post',
    path: '/v1/libraries/{lib}/partners/{id}/rotate',
    tags,
    operationId: 'rotatePartnerKeys',
    summary: 'Replace keys at once: the old ones stop working; the new ones are in this response only',
    request: { params: PartnerPathParams, body: jsonBody(PartnerRotate) },
    responses: { 200: resourceResponse(PartnerWithKeys, 'The new keys (the others are empty strings).'), ...problemResponses(400, 401, 403, 404) },
  });
  const remove = guardedRoute(deps, access, {
    method: 'delete',
    path: '/v1/libraries/{lib}/partners/{id}',
    tags,
    operationId: 'removePartner',
    summary: 'Remove a partner site: at once its keys are refused, its tokens sign no one in and its origins leave CORS',
    request: { params: PartnerPathParams },
    responses: { 204: { description: 'Removed.' }, ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter()
    .openapi(create, async (c) => {
      const partner = await createPartner(db, c.get('library').id, c.req.valid('json'), deps.secretBox, deps.config.env);
      return c.json(partner, 201, { ...locationIn(c, 'partners', partner.id), ...etagHeader(partner) });
    })
    .openapi(list, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await partnerPage(db, c.get('library').id, { limit, after: keysetAfter(cursor) }, ownPartnerOnly(c));
      return c.json({ data: page.items, nextCursor: keysetCursor(page.next) }, 200);
    })
    .openapi(get, async (c) => {
      const partner = toPartner(await findPartner(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id)));
      if (isNotModified(c, etagOf(partner))) return c.body(null, 304, etagHeader(partner));
      return c.json(partner, 200, etagHeader(partner));
    })
    .openapi(update, async (c) => {
      const id = partnerInScope(c, c.req.valid('param').id);
      const partner = await updatePartner(db, c.get('library').id, id, c.req.valid('json'), clock.now(), ifMatchVersions(c, id), { box: deps.secretBox, env: deps.config.env });
      return c.json(partner, 200, etagHeader(partner));
    })
    .openapi(rotate, async (c) => {
      const partner = await rotatePartnerKeys(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id), c.req.valid('json').keys, clock.now(), deps.secretBox);
      return c.json(partner, 200, etagHeader(partner));
    })
    .openapi(remove, async (c) => {
      await removePartner(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id), clock.now());
      return c.body(null, 204);
    });
}
