import { and, eq, isNull, lt } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader, errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import type { Database } from '../db/index.js';
import { partners, usedTokenIds } from '../db/schema.js';
import { UnauthenticatedError } from './errors.js';
import type { LibraryRow } from './libraries.js';
import { partnerJwtSecret, type PartnerRow } from './partners.js';
import type { SecretBox } from './secret-box.js';

/** Partner tokens are for signing in now, not later: at most this far from expiry. */
export const MAX_TOKEN_LIFETIME_SECONDS = 15 * 60;
const CLOCK_TOLERANCE_SECONDS = 30;

export interface PartnerClaims {
  partner: PartnerRow;
  subject: string;
  email: string;
  /** The token's `name` claim, when it has one. */
  name: string | undefined;
}

const invalid = (code: string, message: string) => new UnauthenticatedError(message, code);

/**
 * Checks a member token a partner's back end signed: its signature with the partner's key and
 * algorithm (HS256 with the partner's secret, or EdDSA / RS256 with its registered public key),
 * issuer, audience (the library's slug), times, required claims, and that its `jti` is new.
 */
export async function verifyPartnerToken(db: Database, input: { library: LibraryRow; token: string; now: Date; secretBox: SecretBox }): Promise<PartnerClaims> {
  const { library, token, now, secretBox } = input;
  const { alg, issuer } = readUnverified(token);
  const [partner] = await db
    .select()
    .from(partners)
    .where(and(eq(partners.id, issuer), eq(partners.libraryId, library.id), isNull(partners.removedAt)))
    .limit(1);
  if (!partner) throw invalid('invalid_token', `The token's iss must be the id of one of ${library.name}'s partner sites.`);

  const payload = await verifySignatureAndClaims(token, partner, alg, library.slug, now, secretBox);
  // jose checks `iat` only with a maximum age; a token from the future is a clock or a forgery.
  if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw invalid('token_not_yet_valid', 'The token’s iat lies in the future; check the signing server’s clock.');
  }
  const exp = payload.exp!;
  if (exp - now.getTime() / 1000 > MAX_TOKEN_LIFETIME_SECONDS) {
    throw invalid('token_lifetime_too_long', `Tokens may live at most ${MAX_TOKEN_LIFETIME_SECONDS / 60} minutes; sign one when the member arrives.`);
  }
  const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('invalid_token', 'The token needs an email claim holding an email address.');
  const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim().slice(0, 120) : undefined;

  await rememberTokenId(db, partner.id, payload.jti!, exp, now);
  return { partner, subject: payload.sub!, email, name };
}

function readUnverified(token: string): { alg: string; issuer: string } {
  try {
    const { alg } = decodeProtectedHeader(token);
    const { iss } = decodeJwt(token);
    if (!alg || typeof iss !== 'string') throw new Error('missing');
    return { alg, issuer: iss };
  } catch {
    throw invalid('invalid_token', 'The token is not a signed JWT with an alg header and an iss claim.');
  }
}

async function verifySignatureAndClaims(token: string, partner: PartnerRow, alg: string, audience: string, now: Date, secretBox: SecretBox): Promise<JWTPayload> {
  const key = await partnerKey(partner, alg, secretBox);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [alg],
      issuer: partner.id,
      audience,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp', 'jti'],
    });
    return payload;
  } catch (error) {
    throw fromJoseError(error);
  }
}

/**
 * Only the algorithm this partner set up is accepted: HS256 with its shared secret, or, once it
 * registers a public key, that key's algorithm alone (the shared secret then signs nothing).
 * `none` and surprises are refused.
 */
async function partnerKey(partner: PartnerRow, alg: string, secretBox: SecretBox) {
  if (partner.jwtPublicKey && alg === partner.jwtPublicKeyAlg) {
    // Registration checks the key; one stored before that check must not make sign-in a 500.
    return importSPKI(partner.jwtPublicKey, alg).catch(() => {
      throw invalid('partner_key_unusable', 'The partner’s registered public key cannot be read; the partner must register it again.');
    });
  }
  // The secret is stored sealed with the server key (domain/secret-box.ts).
  if (!partner.jwtPublicKey && alg === 'HS256') return new TextEncoder().encode(await partnerJwtSecret(partner, secretBox));
  const accepted = partner.jwtPublicKeyAlg ?? 'HS256';
  throw invalid('algorithm_not_allowed', `Tokens from this partner must be signed with ${accepted}, not ${alg}.`);
}

function fromJoseError(error: unknown): UnauthenticatedError {
  if (error instanceof errors.JWTExpired) return invalid('token_expired', 'The token has expired; sign a new one.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return invalid('token_not_yet_valid', 'The token is not valid yet; check the signing server’s clock.');
    if (error.claim === 'aud') return invalid('wrong_audience', 'The token’s aud must be the library’s slug.');
    return invalid('invalid_token', `The token's ${error.claim} claim is missing or wrong.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('bad_signature', 'The token’s signature does not match the partner’s key.');
  if (error instanceof errors.JOSEAlgNotAllowed) return invalid('algorithm_not_allowed', 'The token’s algorithm is not accepted.');
  return invalid('invalid_token', 'The token could not be verified.');
}

/** A `jti` signs in once. Old ones are swept as new ones arrive, so the table stays small. */
async function rememberTokenId(db: Database, partnerId: string, jti: string, exp: number, now: Date): Promise<void> {
  await db.delete(usedTokenIds).where(lt(usedTokenIds.expiresAt, new Date(now.getTime() - CLOCK_TOLERANCE_SECONDS * 1000).toISOString()));
  const inserted = await db
    .insert(usedTokenIds)
    .values({ partnerId, jti, expiresAt: new Date(exp * 1000).toISOString() })
    .onConflictDoNothing()
    .returning({ jti: usedTokenIds.jti });
  if (inserted.length === 0) throw invalid('token_replayed', 'This token was used already; sign a new one for each sign-in.');
}
