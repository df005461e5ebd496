import { z } from '@hono/zod-openapi';
import { Accepted, EmailCodeVerify, EmailLinkRequest, LibraryPathParams, Member, PartnerTokenExchange, Role, Session } from '@talking-library/sdk/schema';
import { sendSignInCode, verifySignInCode } from '../domain/email-sign-in.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { LibraryRow } from '../domain/libraries.js';
import { findByEmail, signInMember, toMember, type MemberRow } from '../domain/members.js';
import { partnerOrigins } from '../domain/partners.js';
import { verifyPartnerToken } from '../domain/partner-tokens.js';
import { createSession, revokeSession } from '../domain/sessions.js';
import { DEMO_PEOPLE } from '../db/seed.js';
import { currentMember } from '../http/auth.js';
import { locationIn } from '../http/location.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { validationProblem } from '../http/problem.js';
import { limitByIp, limitsFor } from '../http/rate-limit.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';

export function sessionRoutes(deps: AppDeps) {
  const { db, clock, mailer, rateLimiter, config } = deps;
  const limits = limitsFor(config);
  const signInLimit = limitByIp(limits.signInPerIp, deps);

  const startSession = async (member: MemberRow, library: LibraryRow): Promise<Session> => ({
    ...(await createSession(db, member, clock.now())),
    member: toMember(member, library),
  });

  const exchangePartnerToken = guardedRoute(deps, 'public', {
    method: 'post',
    path: '/v1/libraries/{lib}/sessions',
    tags: ['Identity'],
    operationId: 'createSession',
    summary: 'Sign a member in with a token their partner site signed',
    description:
      'The partner back end signs a short-lived JWT (HS256 with its jwtSecret, or EdDSA / RS256 with its registered public key) with `iss` = the partner id, `aud` = the library slug, `sub`, `email`, `name`, `exp` (at most 15 minutes ahead) and a unique `jti`.',
    middleware: [signInLimit],
    request: { params: LibraryPathParams, body: jsonBody(PartnerTokenExchange) },
    responses: { 201: jsonResponse(Session, 'Signed in.'), ...problemResponses(400, 401, 403, 404, 429) },
  });

  const endSession = guardedRoute(deps, 'member', {
    method: 'delete',
    path: '/v1/libraries/{lib}/sessions/current',
    tags: ['Identity'],
    operationId: 'deleteCurrentSession',
    summary: 'Sign out: the session token stops working',
    request: { params: LibraryPathParams },
    responses: { 204: { description: 'Signed out.' }, ...problemResponses(401, 403, 404) },
  });

  const requestEmailLink = guardedRoute(deps, 'public', {
    method: 'post',
    path: '/v1/libraries/{lib}/email-links',
    tags: ['Identity'],
    operationId: 'createEmailLink',
    summary: 'Email a one-time sign-in code (and a link, given a redirectUrl on a partner site)',
    middleware: [signInLimit],
    request: { params: LibraryPathParams, body: jsonBody(EmailLinkRequest) },
    responses: { 202: jsonResponse(Accepted, 'If the address may sign in, a code is on its way.'), ...problemResponses(400, 404, 429) },
  });

  const verifyEmailCode = guardedRoute(deps, 'public', {
    method: 'post',
    path: '/v1/libraries/{lib}/email-links/verify',
    tags: ['Identity'],
    operationId: 'verifyEmailLink',
    summary: 'Trade the emailed code for a session',
    middleware: [signInLimit],
    request: { params: LibraryPathParams, body: jsonBody(EmailCodeVerify) },
    responses: { 201: jsonResponse(Session, 'Signed in.'), ...problemResponses(400, 401, 403, 404, 429) },
  });

  const devSignIn = guardedRoute(deps, 'public', {
    method: 'post',
    path: '/v1/libraries/{lib}/dev/sessions',
    tags: ['Development'],
    operationId: 'createDevSession',
    summary: 'Sign in as the demo member, expert or coordinator (refused in production)',
    request: { params: LibraryPathParams, body: jsonBody(z.strictObject({ as: Role }).meta({ id: 'DevSessionRequest' })) },
    responses: { 201: jsonResponse(Session, 'Signed in as the demo person.'), ...problemResponses(400, 403, 404) },
  });

  const getMe = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/me',
    tags: ['Identity'],
    operationId: 'getMe',
    summary: 'The signed-in member and their roles',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(Member, 'The member.'), ...problemResponses(401, 403, 404) },
  });

  return createRouter()
    .openapi(exchangePartnerToken, async (c) => {
      const library = c.get('library');
      const { token } = c.req.valid('json');
      const now = clock.now();
      const claims = await verifyPartnerToken(db, { library, token, now });
      const member = await signInMember(db, { library, email: claims.email, name: claims.name, identity: { partnerId: claims.partner.id, subject: claims.subject }, now });
      return c.json(await startSession(member, library), 201, locationIn(c, 'sessions', 'current'));
    })
    .openapi(endSession, async (c) => {
      await revokeSession(db, c.get('caller').sessionId!, clock.now());
      return c.body(null, 204);
    })
    .openapi(requestEmailLink, async (c) => {
      const library = c.get('library');
      const { email, redirectUrl } = c.req.valid('json');
      // The link carries a sign-in code: it may lead only to the library's own sites.
      if (redirectUrl) {
        const origin = new URL(redirectUrl).origin;
        if (origin !== new URL(c.req.url).origin && !(await partnerOrigins(db, library.id)).has(origin)) {
          throw validationProblem([{ path: 'body.redirectUrl', message: 'must be on one of the library’s partner sites' }]);
        }
      }
      rateLimiter.hit(limits.codesPerEmail, `${library.id}:${email}`, clock.now().getTime());
      await sendSignInCode(db, mailer, { library, email, redirectUrl, now: clock.now() });
      return c.json({ status: 'accepted' as const, detail: `If ${email} may sign in to ${library.name}, a code is on its way.` }, 202);
    })
    .openapi(verifyEmailCode, async (c) => {
      const library = c.get('library');
      const { email, code } = c.req.valid('json');
      const member = await verifySignInCode(db, { library, email, code, now: clock.now() });
      return c.json(await startSession(member, library), 201, locationIn(c, 'sessions', 'current'));
    })
    .openapi(devSignIn, async (c) => {
      if (config.env === 'production') throw new ForbiddenError('Demo sign-in is for development only.', 'development_only');
      const library = c.get('library');
      const person = DEMO_PEOPLE[c.req.valid('json').as];
      const known = await findByEmail(db, library.id, person.email);
      if (!known) throw new NotFoundError('demo person', person.email);
      const member = await signInMember(db, { library, email: person.email, name: known.name, now: clock.now() });
      return c.json(await startSession(member, library), 201, locationIn(c, 'sessions', 'current'));
    })
    .openapi(getMe, (c) => c.json(toMember(currentMember(c), c.get('library')), 200));
}
