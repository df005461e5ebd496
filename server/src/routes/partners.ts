import { z } from '@hono/zod-openapi';
import { LibraryPathParams, Partner, PartnerCreate, PartnerPathParams, PartnerRotate, PartnerUpdate, PartnerWithKeys } from '@talking-library/sdk/schema';
import { createPartner, findPartner, listPartners, removePartner, rotatePartnerKeys, toPartner, updatePartner } from '../domain/partners.js';
import { ownPartnerOnly, partnerInScope } from '../http/auth.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const PartnerList = z.object({ data: z.array(Partner), nextCursor: z.null() }).meta({ id: 'PartnerList' });
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
    responses: { 201: jsonResponse(PartnerWithKeys, 'The partner, with its keys shown once.'), ...problemResponses(400, 401, 403, 404) },
  });
  const list = guardedRoute(deps, access, {
    method: 'get',
    path: '/v1/libraries/{lib}/partners',
    tags,
    operationId: 'listPartners',
    summary: 'The library’s partner sites (keys appear as hints only); a secret key sees only its own',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(PartnerList, 'Every partner site the caller may see.'), ...problemResponses(401, 403, 404) },
  });
  const get = guardedRoute(deps, access, {
    method: 'get',
    path: '/v1/libraries/{lib}/partners/{id}',
    tags,
    operationId: 'getPartner',
    summary: 'One partner site',
    request: { params: PartnerPathParams },
    responses: { 200: jsonResponse(Partner, 'The partner.'), ...problemResponses(400, 401, 403, 404) },
  });
  const update = guardedRoute(deps, access, {
    method: 'patch',
    path: '/v1/libraries/{lib}/partners/{id}',
    tags,
    operationId: 'updatePartner',
    summary: 'Rename a partner site, change its allowed origins, public key (with its algorithm) or webhook URL',
    request: { params: PartnerPathParams, body: jsonBody(PartnerUpdate) },
    responses: { 200: jsonResponse(Partner, 'The partner as it is now.'), ...problemResponses(400, 401, 403, 404) },
  });
  const rotate = guardedRoute(deps, access, {
    method: 'post',
    path: '/v1/libraries/{lib}/partners/{id}/rotate',
    tags,
    operationId: 'rotatePartnerKeys',
    summary: 'Replace keys at once: the old ones stop working; the new ones are in this response only',
    request: { params: PartnerPathParams, body: jsonBody(PartnerRotate) },
    responses: { 200: jsonResponse(PartnerWithKeys, 'The new keys (the others are empty strings).'), ...problemResponses(400, 401, 403, 404) },
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
    .openapi(create, async (c) => c.json(await createPartner(db, c.get('library').id, c.req.valid('json'), deps.secretBox), 201))
    .openapi(list, async (c) => c.json({ data: await listPartners(db, c.get('library').id, ownPartnerOnly(c)), nextCursor: null }, 200))
    .openapi(get, async (c) => c.json(toPartner(await findPartner(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id))), 200))
    .openapi(update, async (c) => c.json(await updatePartner(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id), c.req.valid('json'), clock.now()), 200))
    .openapi(rotate, async (c) => c.json(await rotatePartnerKeys(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id), c.req.valid('json').keys, clock.now(), deps.secretBox), 200))
    .openapi(remove, async (c) => {
      await removePartner(db, c.get('library').id, partnerInScope(c, c.req.valid('param').id), clock.now());
      return c.body(null, 204);
    });
}
