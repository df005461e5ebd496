import {
  Accepted,
  EmailCodeVerify,
  EmailLinkRequest,
  IdentityLink,
  LibraryPathParams,
  Me,
  Member,
  MemberIdentity,
  MemberUpdate,
  PartnerTokenExchange,
  Session,
} from '@talking-library/sdk/schema';
import { sendSignInCode, verifySignInCode } from '../domain/email-sign-in.js';
import type { LibraryRow } from '../domain/libraries.js';
import { linkIdentity, signInMember, toMember, updateOwnAccount, type MemberRow } from '../domain/members.js';
import { partnerOrigins } from '../domain/partners.js';
import { verifyPartnerToken } from '../domain/partner-tokens.js';
import { createSession, revokeSession } from '../domain/sessions.js';
import { currentActor, currentMember } from '../http/auth.js';
import { locationIn } from '../http/location.js';
import { jsonBody, jsonResponse, problemResponses } from '../http/openapi.js';
import { validationProblem } from '../http/problem.js';
import { limitByIp, limitsFor } from '../http/rate-limit.js';
import { createRouter, guardedRoute, type AppDeps } from '../http/router.js';
import { balances } from '../domain/ledger.js';
import { toCreditBalance } from './credits.js';

/** The sign-in rules in words, for the API reference's description (see routes/docs.ts). */
export const SIGNING_IN = [
  'Signing in. A member signs in in one of two ways, and either gives a session token to send as `Authorization: Bearer <sessionToken>`. ' +
    'By email: `POST /v1/libraries/{lib}/email-links` mails a six-digit code (five tries, 15 minutes, once; asking again leaves earlier codes working) and `…/email-links/verify` trades it for a session; her first sign-in creates her, named after her address, and signing in by email never renames her. ' +
    'Through a partner site: its back end signs a short-lived JWT for her and `POST /v1/libraries/{lib}/sessions` trades it for a session.',
  'A partner site signs in only the people it brought, or who linked its account themselves. A partner account (the token’s `sub`) seen before signs in its member. ' +
    'A new account whose email no member has creates the member. A new account whose email already belongs to a member (she joined by email or through another partner) is refused with 403 `identity_link_required`: ' +
    'she signs in another way and links the account herself with `POST /v1/libraries/{lib}/me/identities`, sending a token that partner signed for her. ' +
    'An account the partner created stops signing her in once she is an expert or coordinator (403 `identity_conflict`, checked at every sign-in); an account she linked herself keeps working whatever her roles. ' +
    'The partner’s `name` claim names her until she chooses a name with `PATCH /v1/libraries/{lib}/me`; no sign-in changes a chosen name.',
  'Origins. A publishable key (`X-TL-Key: pk_…`) works only on the origins its partner site lists in `allowedOrigins`, and CORS on a library’s routes answers exactly the origins its partner sites list: to embed the library on a new site, add the site’s origin to its partner site. ' +
    'Sign-in links lead only to this server’s own origin (its `PUBLIC_URL`) or to those origins.',
].join('\n\n');

/** The partner sign-in rules, in words, on the operation they govern. */
const PARTNER_RULES =
  'A partner site signs in only people it brought or who linked its account themselves: a token whose `sub` the library has seen from this partner signs in that member; ' +
  'a new `sub` with an email no member has creates the member; a new `sub` whose email already belongs to a member (who joined by email or through another partner) is refused with 403 `identity_link_required`, ' +
  'and she links the account herself through `POST /v1/libraries/{lib}/me/identities`. ' +
  'An identity the partner created stops signing in once its member is an expert or coordinator (403 `identity_conflict`), checked at every sign-in; one she linked herself keeps working. ' +
  'The token’s `name` is used until she chooses her own name (`PATCH /v1/libraries/{lib}/me`); after that no sign-in changes it.';

export function sessionRoutes(deps: AppDeps) {
  const { db, clock, mailer, rateLimiter, config, clientIp } = deps;
  const limits = limitsFor(config);
  const signInLimit = limitByIp(limits.signInPerIp, deps);
  const secretKey = config.secretKey!;

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
      'The partner back end signs a short-lived JWT (HS256 with its jwtSecret, or EdDSA / RS256 with its registered public key) with `iss` = the partner id, `aud` = the library slug, `sub`, `email`, `name`, `exp` (at most 15 minutes ahead), a unique `jti`, and `iat` if it likes (not in the future). ' +
      PARTNER_RULES,
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
    description:
      'Always 202, whoever asks. The code works once, for 15 minutes, with five tries; asking again sends another code and leaves earlier ones working. ' +
      'One address may be sent a few codes per 15 minutes from each client address. `redirectUrl` must be on this server’s own origin (`PUBLIC_URL`) or on an origin one of the library’s partner sites lists.',
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
    description:
      'Signs in the member with this email, creating her on first sign-in with her address’s local part as her name. Signing in by email never renames a member.',
    middleware: [signInLimit],
    request: { params: LibraryPathParams, body: jsonBody(EmailCodeVerify) },
    responses: { 201: jsonResponse(Session, 'Signed in.'), ...problemResponses(400, 401, 403, 404, 429) },
  });

  const getMe = guardedRoute(deps, 'member', {
    method: 'get',
    path: '/v1/libraries/{lib}/me',
    tags: ['Identity'],
    operationId: 'getMe',
    summary: 'The signed-in member, their roles and credit balance',
    request: { params: LibraryPathParams },
    responses: { 200: jsonResponse(Me, 'The member.'), ...problemResponses(401, 403, 404) },
  });

  const updateMe = guardedRoute(deps, 'member', {
    method: 'patch',
    path: '/v1/libraries/{lib}/me',
    tags: ['Identity'],
    operationId: 'updateMe',
    summary: 'Choose the name you go by, and how you hear of new skill requests',
    description:
      'Once a member chooses her name here, no sign-in changes it: partner tokens’ `name` claims are then ignored. ' +
      '`requestAlerts` says how an expert hears of new skill requests matching her profile: `instant` (an email for each), `weekly` (one digest a week) or `off`.',
    request: { params: LibraryPathParams, body: jsonBody(MemberUpdate) },
    responses: { 200: jsonResponse(Member, 'The member with her chosen name.'), ...problemResponses(400, 401, 403, 404) },
  });

  const linkPartnerIdentity = guardedRoute(deps, 'member', {
    method: 'post',
    path: '/v1/libraries/{lib}/me/identities',
    tags: ['Identity'],
    operationId: 'linkIdentity',
    summary: 'Link a partner site’s account to your membership',
    description:
      'For a member who joined another way (by email, or through another partner) and now meets a partner site’s sign-in: signed in, she sends a token that partner signed for her, checked exactly as for sign-in. ' +
      'The identity is stored as linked by her, so that partner then signs her in whatever her roles. An account already linked to another member is refused (409 `identity_in_use`).',
    middleware: [signInLimit],
    request: { params: LibraryPathParams, body: jsonBody(IdentityLink) },
    responses: { 201: jsonResponse(MemberIdentity, 'Linked.'), ...problemResponses(400, 401, 403, 404, 409, 429) },
  });

  return createRouter()
    .openapi(exchangePartnerToken, async (c) => {
      const library = c.get('library');
      const { token } = c.req.valid('json');
      const now = clock.now();
      const claims = await verifyPartnerToken(db, { library, token, now, secretBox: deps.secretBox });
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
      // The link carries a sign-in code: it may lead only to our own origin (from configuration,
      // never the request's Host) or to the library's partner sites.
      if (redirectUrl) {
        const origin = new URL(redirectUrl).origin;
        if (origin !== config.publicUrl && !(await partnerOrigins(db, library.id)).has(origin)) {
          throw validationProblem([{ path: 'body.redirectUrl', message: 'must be on this server’s own origin or one of the library’s partner sites' }]);
        }
      }
      // Per address and client: a stranger spending the budget for her address does not spend hers.
      await rateLimiter.hit(limits.codesPerEmail, `${library.id}:${email}:${clientIp(c)}`, clock.now().getTime());
      await sendSignInCode(db, mailer, { library, email, redirectUrl, now: clock.now(), secretKey });
      return c.json({ status: 'accepted' as const, detail: `If ${email} may sign in to ${library.name}, a code is on its way.` }, 202);
    })
    .openapi(verifyEmailCode, async (c) => {
      const library = c.get('library');
      const { email, code } = c.req.valid('json');
      const member = await verifySignInCode(db, { library, email, code, now: clock.now(), secretKey });
      return c.json(await startSession(member, library), 201, locationIn(c, 'sessions', 'current'));
    })
    .openapi(getMe, async (c) => {
      const { library, member } = currentActor(c);
      const credits = toCreditBalance(await balances(db, { libraryId: library.id, memberId: member.id, now: clock.now() }));
      return c.json({ ...toMember(member, library), credits }, 200);
    })
    .openapi(updateMe, async (c) => {
      const { library, member } = currentActor(c);
      return c.json(toMember(await updateOwnAccount(db, member.id, c.req.valid('json')), library), 200);
    })
    .openapi(linkPartnerIdentity, async (c) => {
      const { library, member } = currentActor(c);
      const claims = await verifyPartnerToken(db, { library, token: c.req.valid('json').token, now: clock.now(), secretBox: deps.secretBox });
      const linked = await linkIdentity(db, { member, identity: { partnerId: claims.partner.id, subject: claims.subject } });
      return c.json({ partnerId: linked.partnerId, subject: linked.subject, linkedBy: linked.linkedBy, createdAt: linked.createdAt }, 201);
    });
}
