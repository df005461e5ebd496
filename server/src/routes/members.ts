import { Invite, InviteCreate, InviteList, LibraryPathParams, Member, MemberPage, MemberPathParams, MemberRolesUpdate, PageQuery } from '@talking-library/sdk/schema';
import { invite, invitePage } from '../domain/invites.js';
import { listMembers, setMemberRoles, toMember } from '../domain/members.js';
import { decodeCursor, encodeCursor, keysetAfter, keysetCursor } from '../http/cursor.js';
import { locationIn } from '../http/location.js';
import { createdResponse, jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

const tags = ['Members'];

/** Coordinators' view of the people in their library: roles and invitations. */
export function memberRoutes(deps: AppDeps) {
  const { db } = deps;

  const list = guardedRoute(deps, 'coordinator', {
    method: 'get',
    path: '/v1/libraries/{lib}/members',
    tags,
    operationId: 'listMembers',
    summary: 'Everyone who has signed in to the library, with their roles',
    request: { params: LibraryPathParams, query: PageQuery },
    responses: { 200: jsonResponse(MemberPage, 'A page of members.'), ...problemResponses(400, 401, 403, 404) },
  });
  const setRoles = guardedRoute(deps, 'coordinator', {
    method: 'patch',
    path: '/v1/libraries/{lib}/members/{id}',
    tags,
    operationId: 'updateMemberRoles',
    summary: 'Set a member’s roles (member, expert, coordinator)',
    description: 'A library always keeps a coordinator: taking the role from its last one is refused with 409 `last_coordinator`.',
    request: { params: MemberPathParams, body: jsonBody(MemberRolesUpdate) },
    responses: { 200: jsonResponse(Member, 'The member with their new roles.'), ...problemResponses(400, 401, 403, 404, 409) },
  });
  const createInvite = guardedRoute(deps, 'coordinator', {
    method: 'post',
    path: '/v1/libraries/{lib}/invites',
    tags,
    operationId: 'createInvite',
    summary: 'Invite an email address (the only way in while the library is in its invite phase)',
    request: { params: LibraryPathParams, body: jsonBody(InviteCreate) },
    responses: { 201: createdResponse(Invite, 'The invitation.'), ...problemResponses(400, 401, 403, 404) },
  });
  const invites = guardedRoute(deps, 'coordinator', {
    method: 'get',
    path: '/v1/libraries/{lib}/invites',
    tags,
    operationId: 'listInvites',
    summary: 'The invitations to the library, oldest first',
    request: { params: LibraryPathParams, query: PageQuery },
    responses: { 200: jsonResponse(InviteList, 'A page of invitations.'), ...problemResponses(400, 401, 403, 404) },
  });

  return createRouter()
    .openapi(list, async (c) => {
      const library = c.get('library');
      const { limit, cursor } = c.req.valid('query');
      const after = decodeCursor(cursor, ['text']);
      const page = await listMembers(db, { libraryId: library.id, limit, afterId: after?.[0] });
      return c.json({ data: page.members.map((m) => toMember(m, library)), nextCursor: page.nextId && encodeCursor([page.nextId]) }, 200);
    })
    .openapi(setRoles, async (c) => {
      const library = c.get('library');
      const member = await setMemberRoles(db, library.id, c.req.valid('param').id, c.req.valid('json').roles);
      return c.json(toMember(member, library), 200);
    })
    .openapi(createInvite, async (c) => {
      const library = c.get('library');
      const created = await invite(db, { libraryId: library.id, email: c.req.valid('json').email, invitedBy: c.get('caller').member?.id ?? null });
      return c.json(created, 201, locationIn(c, 'invites', created.id));
    })
    .openapi(invites, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await invitePage(db, c.get('library').id, { limit, after: keysetAfter(cursor) });
      return c.json({ data: page.items, nextCursor: keysetCursor(page.next) }, 200);
    });
}
