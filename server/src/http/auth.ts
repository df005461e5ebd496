import type { Context, MiddlewareHandler } from 'hono';
import { LibrarySlug } from '@talking-library/sdk/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors.js';
import type { LibraryRow } from '../domain/libraries.js';
import { hasRole, type MemberRow } from '../domain/members.js';
import type { PartnerRow } from '../domain/partners.js';
import { findSession } from '../domain/sessions.js';
import { validationProblem } from './problem.js';
import type { AppDeps, AppEnv } from './router.js';
import { fieldErrors } from './validation.js';

/** Who is calling, as their credentials say. Each part is checked against the library later. */
export interface Caller {
  member?: MemberRow;
  sessionId?: string;
  /** From `Authorization: Bearer sk_…`: a partner's back end. */
  secretPartner?: PartnerRow;
  /** From `X-TL-Key: pk_…` or `?key=pk_…` on a read: a browser on one of the partner's pages. */
  publishablePartner?: PartnerRow;
}

/**
 * Who may call a route, from least to most trusted:
 * - `public`: anyone;
 * - `key`: anyone with a credential of this library (a `pk_` key, an `sk_` key or a member session);
 * - `member`: a signed-in member of this library;
 * - `coordinator`: a member of this library with the coordinator role;
 * - `coordinator-or-secret`: a coordinator, or the library's partner back end with its `sk_` key;
 * - `coordinator-or-own-partner`: a coordinator, or a partner back end acting on its own partner
 *   site only: the route passes the partner id through `partnerInScope`.
 * Rules that depend on the object (the owner of a profile) are checked by the domain.
 */
export type Access = 'public' | 'key' | 'member' | 'coordinator' | 'coordinator-or-secret' | 'coordinator-or-own-partner';

/**
 * Reads the credentials on every request. A credential that is present but wrong is refused at
 * once (a stale session should not quietly read as anonymous); a `pk_` key from an origin its
 * partner did not list is refused with 403.
 */
export function identifyCaller({ db, clock, config, lookups }: Pick<AppDeps, 'db' | 'clock' | 'config' | 'lookups'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller: Caller = {};
    // The library a library route names, checked with the partner behind a key in one statement.
    const slug = LIBRARY_PATH.exec(c.req.path)?.[1];
    const authorization = c.req.header('authorization');
    if (authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (token?.startsWith('sk_')) {
        const found = await lookups.partner('secret', token, slug);
        caller.secretPartner = found.partner;
        if (found.library) c.set('checkedLibrary', found.library);
        if (!caller.secretPartner) throw new UnauthenticatedError('The secret key is not valid; it may have been rotated.', 'invalid_key');
      } else if (token?.startsWith('tls_')) {
        const found = await findSession(db, token, clock.now());
        if (!found) throw new UnauthenticatedError('The session has expired or was ended; sign in again.', 'session_expired');
        caller.member = found.member;
        caller.sessionId = found.session.id;
      } else {
        throw new UnauthenticatedError('Authorization must be "Bearer" followed by a session token or a secret key.', 'invalid_credentials');
      }
    }
    const publishableKey = publishableKeyOf(c);
    if (publishableKey) {
      const { partner, library } = await lookups.partner('publishable', publishableKey, slug);
      if (library) c.set('checkedLibrary', library);
      if (!partner) throw new UnauthenticatedError('The publishable key is not valid; it may have been rotated.', 'invalid_key');
      const origin = c.req.header('origin');
      // Our own pages (PUBLIC_URL, never the request's Host) need no listing.
      if (origin && origin !== config.publicUrl && !partner.allowedOrigins.includes(origin)) {
        throw new ForbiddenError(
          `This publishable key works only on its partner site's allowed origins, and ${origin} is not one of them: add ${origin} to the partner site's allowedOrigins.`,
          'origin_not_allowed',
        );
      }
      caller.publishablePartner = partner;
    }
    c.set('caller', caller);
    await next();
  };
}

/** A library route's path, and the slug it names (checked by the route's own guard). */
const LIBRARY_PATH = /^\/v1\/libraries\/([^/]+)/;

/**
 * The `pk_` key of a request: the `X-TL-Key` header, or on GET and HEAD the `key` query parameter.
 * A custom header makes every cross-origin read a CORS preflight, a round trip before each search;
 * a query parameter keeps reads "simple" requests, as Algolia's browser client does. The origin
 * check is the same whichever way the key came. The request log records the path only, so a key
 * in the query string reaches no log, and the URL it is part of keeps one caller's cached answers
 * apart from another's. Writes take the header only: they preflight anyway, and a key in a write's
 * URL would only be one more place it shows.
 */
function publishableKeyOf(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('x-tl-key');
  const query = c.req.queries('key');
  if (query === undefined) return header;
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    throw validationProblem([{ path: 'query.key', message: 'is read on GET and HEAD only; send the publishable key in X-TL-Key' }]);
  }
  if (query.length > 1) throw validationProblem([{ path: 'query.key', message: 'must be given once' }]);
  if (header !== undefined && header !== query[0]) throw validationProblem([{ path: 'query.key', message: 'must be the same key as X-TL-Key when both are sent' }]);
  return query[0] || undefined;
}

/** Guards one route: resolves `{lib}` (404 when unknown) and checks the caller against `access`. */
export function requireAccess(access: Access, { lookups }: Pick<AppDeps, 'lookups'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const slug = c.req.param('lib');
    if (slug !== undefined) {
      const parsed = LibrarySlug.safeParse(slug);
      if (!parsed.success) throw validationProblem(fieldErrors('param', parsed.error).map((e) => ({ ...e, path: 'path.lib' })));
      const checked = c.get('checkedLibrary');
      const library = checked?.slug === parsed.data ? checked : await lookups.library(parsed.data);
      c.set('library', library);
      checkAccess(access, c.get('caller'), library);
    }
    await next();
  };
}

export function checkAccess(access: Access, caller: Caller, library: LibraryRow): void {
  if (access === 'public') return;
  const member = caller.member?.libraryId === library.id ? caller.member : undefined;
  const secret = caller.secretPartner?.libraryId === library.id;
  const publishable = caller.publishablePartner?.libraryId === library.id;
  const elsewhere = () =>
    new ForbiddenError(`These credentials belong to another library, not ${library.name}.`, 'wrong_library');
  const signInRequired = () => new UnauthenticatedError('Sign in to do this.', 'sign_in_required');

  switch (access) {
    case 'key':
      if (member || secret || publishable) return;
      if (caller.member || caller.secretPartner || caller.publishablePartner) throw elsewhere();
      throw new UnauthenticatedError('Send a publishable key (X-TL-Key, or ?key= on a read), a secret key or a session token.', 'key_required');
    case 'member':
      if (member) return;
      if (caller.member) throw elsewhere();
      throw signInRequired();
    case 'coordinator-or-secret':
    case 'coordinator-or-own-partner':
      if (secret) return;
      if (caller.secretPartner && !caller.member) throw elsewhere();
      return checkAccess('coordinator', caller, library);
    case 'coordinator':
      if (member && hasRole(member, 'coordinator')) return;
      if (member || secret) throw new ForbiddenError(`Only a coordinator of ${library.name} may do this.`, 'coordinator_only');
      if (caller.member) throw elsewhere();
      throw signInRequired();
  }
}

/**
 * Under `coordinator-or-own-partner`: the partner site named in the path, if the caller may act on
 * it. A coordinator may act on any; a partner's `sk_` only on its own, and another partner's id is
 * a 404, so a key learns nothing of the library's other partners.
 */
export function partnerInScope(c: Context<AppEnv>, partnerId: string): string {
  const own = c.get('caller').secretPartner;
  if (own && own.id !== partnerId) throw new NotFoundError('partner', partnerId);
  return partnerId;
}

/** Under `coordinator-or-own-partner`: a partner's `sk_` lists only itself; a coordinator sees all (undefined). */
export function ownPartnerOnly(c: Context<AppEnv>): string | undefined {
  return c.get('caller').secretPartner?.id;
}

/** The signed-in member; only on routes whose access guarantees one. */
export function currentMember(c: Context<AppEnv>): MemberRow {
  const member = c.get('caller').member;
  if (!member) throw new UnauthenticatedError('Sign in to do this.', 'sign_in_required');
  return member;
}

/** The signed-in member acting in the route's library, for domain functions that take an actor. */
export function currentActor(c: Context<AppEnv>) {
  return { library: c.get('library'), member: currentMember(c) };
}

/** Who is looking, for reads that show owners and coordinators more. */
export function currentViewer(c: Context<AppEnv>) {
  const member = c.get('caller').member;
  const here = member?.libraryId === c.get('library').id ? member : undefined;
  return { memberId: here?.id, isCoordinator: !!here && hasRole(here, 'coordinator') };
}
