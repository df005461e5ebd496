import { SignJWT } from 'jose';

/** The person your site has signed in. `id` must never change for them; email and name may. */
export interface SiteUser {
  id: string;
  email: string;
  name: string;
}

export interface MintMemberTokenInput {
  /** Your partner id, `ptn_…`, from `partners.create`. */
  partnerId: string;
  /** The `jwtSecret` from `partners.create`. Server side only: whoever holds it can sign anyone in. */
  jwtSecret: string;
  /** The library's slug, such as `demo`. */
  library: string;
  user: SiteUser;
  /** For tests; defaults to the current time. */
  now?: Date;
}

/** How long a token may wait to be exchanged. The library refuses anything over 15 minutes. */
const LIFETIME_SECONDS = 5 * 60;

/**
 * Signs a short-lived member token (HS256) that the Talking Library exchanges for a session.
 * Mint a fresh one for each sign-in: every token carries a random `jti` and works only once.
 */
export function mintMemberToken({ partnerId, jwtSecret, library, user, now = new Date() }: MintMemberTokenInput): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ email: user.email, name: user.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(partnerId) // who vouches for this person: your partner site
    .setAudience(library) // which library the token is for: it is refused by any other
    .setSubject(user.id) // your stable id for them, so a changed email keeps the same member
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(jwtSecret));
}
