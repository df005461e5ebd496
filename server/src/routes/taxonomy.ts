import { Category, CategoryCreate, CategoryPathParams, CategoryUpdate, LibraryPathParams, Skill, SkillCreate, SkillPathParams, SkillUpdate } from '@talking-library/sdk/schema';
import { createCategory, createSkill, retireCategory, retireSkill, updateCategory, updateSkill } from '../domain/taxonomy.js';
import { etagHeader, etagOf, ifMatchVersions, IfMatchHeaders } from '../http/etag.js';
import { locationIn } from '../http/location.js';
import { createdResponse, jsonBody, problemResponses, resourceResponse } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Taxonomy'];

/** Coordinators grow the taxonomy without breaking profiles: add, rename, merge, retire. */
export function taxonomyRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const addCategory = guardedRoute(deps, 'coordinator', {
    method: 'post',
    path: '/v1/libraries/{lib}/categories',
    tags,
    operationId: 'createCategory',
    summary: 'Add a category',
    request: { params: LibraryPathParams, body: jsonBody(CategoryCreate) },
    responses: { 201: createdResponse(Category, 'The new category.', { versioned: true }), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const changeCategory = guardedRoute(deps, 'coordinator', {
    method: 'patch',
    path: '/v1/libraries/{lib}/categories/{id}',
    tags,
    operationId: 'updateCategory',
    summary: 'Rename or reorder a category, or merge it into another (`mergeInto`)',
    request: { params: CategoryPathParams, headers: IfMatchHeaders, body: jsonBody(CategoryUpdate) },
    responses: { 200: resourceResponse(Category, 'The category, or the one it merged into.'), ...problemResponses(400, 401, 403, 404, 412) },
  });
  const dropCategory = guardedRoute(deps, 'coordinator', {
    method: 'delete',
    path: '/v1/libraries/{lib}/categories/{id}',
    tags,
    operationId: 'retireCategory',
    summary: 'Retire a category: it leaves the taxonomy and filters, and stays on the profiles that have it',
    request: { params: CategoryPathParams },
    responses: { 204: { description: 'Retired.' }, ...problemResponses(400, 401, 403, 404) },
  });
  const addSkill = guardedRoute(deps, 'coordinator', {
    method: 'post',
    path: '/v1/libraries/{lib}/skills',
    tags,
    operationId: 'createSkill',
    summary: 'Add a skill to a category',
    request: { params: LibraryPathParams, body: jsonBody(SkillCreate) },
    responses: { 201: createdResponse(Skill, 'The new skill.', { versioned: true }), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const changeSkill = guardedRoute(deps, 'coordinator', {
    method: 'patch',
    path: '/v1/libraries/{lib}/skills/{id}',
    tags,
    operationId: 'updateSkill',
    summary: 'Rename a skill, move it to another category, or merge it into another (`mergeInto`)',
    request: { params: SkillPathParams, headers: IfMatchHeaders, body: jsonBody(SkillUpdate) },
    responses: { 200: resourceResponse(Skill, 'The skill, or the one it merged into.'), ...problemResponses(400, 401, 403, 404, 412) },
  });
  const dropSkill = guardedRoute(deps, 'coordinator', {
    method: 'delete',
    path: '/v1/libraries/{lib}/skills/{id}',
    tags,
    operationId: 'retireSkill',
    summary: 'Retire a skill: it leaves the filters, and stays readable on profiles and in reports',
    request: { params: SkillPathParams },
    responses: { 204: { description: 'Retired.' }, ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter()
    .openapi(addCategory, async (c) => {
      const category = await createCategory(db, c.get('library'), c.req.valid('json'));
      return c.json(category, 201, { ...locationIn(c, 'categories', category.id), ...etagHeader(category) });
    })
    .openapi(changeCategory, async (c) => {
      const category = await updateCategory(db, c.get('library'), c.req.valid('param').id, c.req.valid('json'), ifMatchVersions(c, c.req.valid('param').id));
      return c.json(category, 200, etagHeader(category));
    })
    .openapi(dropCategory, async (c) => {
      await retireCategory(db, c.get('library'), c.req.valid('param').id, clock.now());
      return c.body(null, 204);
    })
    .openapi(addSkill, async (c) => {
      const skill = await createSkill(db, c.get('library'), c.req.valid('json'));
      return c.json(skill, 201, { ...locationIn(c, 'skills', skill.id), ...etagHeader(skill) });
    })
    .openapi(changeSkill, async (c) => {
      const skill = await updateSkill(db, c.get('library'), c.req.valid('param').id, c.req.valid('json'), ifMatchVersions(c, c.req.valid('param').id));
      return c.json(skill, 200, etagHeader(skill));
    })
    .openapi(dropSkill, async (c) => {
      await retireSkill(db, c.get('library'), c.req.valid('param').id, clock.now());
      return c.body(null, 204);
    });
}
