import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { emailCodes, invites } from '../db/schema.js';
import { newId } from '../ids.js';
import type { Mailer } from '../mail/mailer.js';
import { UnauthenticatedError } from './errors.js';
import type { LibraryRow } from './libraries.js';
import { findByEmail, signInMember, type MemberRow } from './members.js';
import { constantTimeEqual, hmacSecret } from './secrets.js';

export const CODE_TTL_MS = 15 * 60 * 1000;
/** A six-digit code falls to guessing without a cap: after this many misses it is spent. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Live codes a guess is compared with, newest first. Asking again never voids a code, so a person
 * may hold several; a stranger's requests (a few per client address) do not push hers out.
 */
const MAX_LIVE_CODES = 10;

const wrongCode = () => new UnauthenticatedError('That code is wrong or has expired. Ask for a new one.', 'code_invalid');

export interface SignInCodeRequest {
  library: LibraryRow;
  email: string;
  redirectUrl?: string | undefined;
  now: Date;
  /** The server key: codes are stored as its HMAC, so the database alone does not give them away. */
  secretKey: string;
}

/**
 * Emails a one-time code (and a link carrying it, when the site gave one). Earlier codes stay
 * live: a stranger asking for codes to her address must not void the one she is about to type.
 * In the invite phase an uninvited person is told so by email, not in the response, and both
 * paths do the same work (a code made and hashed, a row written, one mail), so neither the
 * response nor its timing tells who is invited. The uninvited path's row is spent at birth.
 */
export async function sendSignInCode(db: Database, mailer: Mailer, input: SignInCodeRequest): Promise<void> {
  const { library, email, now } = input;
  const mayJoin = library.phase !== 'invite' || (await isMemberOrInvited(db, library, email));
  const code = sixDigits();
  const id = newId('emc');
  await db.insert(emailCodes).values({
    id,
    libraryId: library.id,
    email,
    codeHash: await codeHash(input.secretKey, id, code),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    usedAt: mayJoin ? null : now.toISOString(),
  });
  await mailer.send(mayJoin ? codeMail(input, code) : invitationNeededMail(library, email));
}

function codeMail({ library, email, redirectUrl }: SignInCodeRequest, code: string) {
  const link = redirectUrl ? `${redirectUrl.split('#')[0]}#tl-email=${encodeURIComponent(email)}&tl-code=${code}` : undefined;
  return {
    to: email,
    subject: `Your sign-in code for ${library.name}: ${code}`,
    text: [
      `Your code to sign in to ${library.name} is ${code}.`,
      link ? `Or follow this link: ${link}` : '',
      `It works once, for ${CODE_TTL_MS / 60000} minutes. If you did not ask for it, ignore this email.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
}

function invitationNeededMail(library: LibraryRow, email: string) {
  return {
    to: email,
    subject: `${library.name}: invitation needed`,
    text: `Someone asked to sign in to ${library.name} with this address. For now the library is open to invited people only; a coordinator can invite you.\n\nIf this was not you, ignore this email.`,
  };
}

/**
 * Spends a code. A guess first claims one attempt on each live code, in one conditional UPDATE,
 * and is compared only with the codes it claimed: concurrent guesses cannot all pass the check
 * before a miss is counted, so no code is ever compared more than five times. The right code of
 * any live one signs the person in, once.
 */
export async function verifySignInCode(db: Database, input: { library: LibraryRow; email: string; code: string; now: Date; secretKey: string }): Promise<MemberRow> {
  const { library, email, code, now } = input;
  const live = and(isNull(emailCodes.usedAt), gt(emailCodes.expiresAt, now.toISOString()), lt(emailCodes.failedAttempts, MAX_CODE_ATTEMPTS));
  const newest = db
    .select({ id: emailCodes.id })
    .from(emailCodes)
    .where(and(eq(emailCodes.libraryId, library.id), eq(emailCodes.email, email), live))
    .orderBy(desc(emailCodes.createdAt))
    .limit(MAX_LIVE_CODES);
  const claimed = await db
    .update(emailCodes)
    .set({ failedAttempts: sql`${emailCodes.failedAttempts} + 1` })
    .where(and(inArray(emailCodes.id, newest), live))
    .returning({ id: emailCodes.id, codeHash: emailCodes.codeHash });
  for (const row of claimed) {
    if (!constantTimeEqual(row.codeHash, await codeHash(input.secretKey, row.id, code))) continue;
    // Spend it in the same statement that checks it is unspent, so two tabs cannot both use it.
    const spent = await db
      .update(emailCodes)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(emailCodes.id, row.id), isNull(emailCodes.usedAt)))
      .returning({ id: emailCodes.id });
    if (spent.length === 0) break;
    return signInMember(db, { library, email, now });
  }
  throw wrongCode();
}

async function isMemberOrInvited(db: Database, library: LibraryRow, email: string): Promise<boolean> {
  if (await findByEmail(db, library.id, email)) return true;
  const [invite] = await db.select({ id: invites.id }).from(invites).where(and(eq(invites.libraryId, library.id), eq(invites.email, email))).limit(1);
  return !!invite;
}

function sixDigits(): string {
  // Rejection sampling keeps every code equally likely.
  const buffer = new Uint32Array(1);
  let n: number;
  do n = crypto.getRandomValues(buffer)[0]!;
  while (n >= 4_294_000_000);
  return String(n % 1_000_000).padStart(6, '0');
}

/** The row's id is in the message, so one code's HMAC says nothing about another row. */
function codeHash(secretKey: string, id: string, code: string): Promise<string> {
  return hmacSecret(secretKey, `email-code:${id}:${code}`);
}
