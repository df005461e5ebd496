import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { emailCodes, invites } from '../db/schema.js';
import { newId } from '../ids.js';
import type { Mailer } from '../mail/mailer.js';
import { UnauthenticatedError } from './errors.js';
import type { LibraryRow } from './libraries.js';
import { findByEmail, signInMember, type MemberRow } from './members.js';
import { constantTimeEqual, hashSecret } from './secrets.js';

export const CODE_TTL_MS = 15 * 60 * 1000;
/** A six-digit code falls to guessing without a cap: after this many misses it is spent. */
export const MAX_CODE_ATTEMPTS = 5;

const wrongCode = () => new UnauthenticatedError('That code is wrong or has expired. Ask for a new one.', 'code_invalid');

/**
 * Emails a one-time code (and a link carrying it, when the site gave one). A newer code replaces
 * any earlier one. In the invite phase an uninvited person is told so by email, not in the
 * response, so the response never reveals who is invited.
 */
export async function sendSignInCode(
  db: Database,
  mailer: Mailer,
  input: { library: LibraryRow; email: string; redirectUrl?: string | undefined; now: Date },
): Promise<void> {
  const { library, email, now } = input;
  if (library.phase === 'invite' && !(await mayJoin(db, library, email))) {
    await mailer.send({
      to: email,
      subject: `${library.name}: invitation needed`,
      text: `Someone asked to sign in to ${library.name} with this address. For now the library is open to invited people only; a coordinator can invite you.\n\nIf this was not you, ignore this email.`,
    });
    return;
  }
  const code = sixDigits();
  const id = newId('emc');
  await db.batch([
    db.update(emailCodes).set({ usedAt: now.toISOString() }).where(and(eq(emailCodes.libraryId, library.id), eq(emailCodes.email, email), isNull(emailCodes.usedAt))),
    db.insert(emailCodes).values({
      id,
      libraryId: library.id,
      email,
      codeHash: await codeHash(id, code),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    }),
  ]);
  const link = input.redirectUrl ? `${input.redirectUrl.split('#')[0]}#tl-email=${encodeURIComponent(email)}&tl-code=${code}` : undefined;
  await mailer.send({
    to: email,
    subject: `Your sign-in code for ${library.name}: ${code}`,
    text: [
      `Your code to sign in to ${library.name} is ${code}.`,
      link ? `Or follow this link: ${link}` : '',
      `It works once, for ${CODE_TTL_MS / 60000} minutes. If you did not ask for it, ignore this email.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  });
}

/** Spends a code: right, unexpired and unused, it signs the person in; wrong, it counts a miss. */
export async function verifySignInCode(db: Database, input: { library: LibraryRow; email: string; code: string; now: Date }): Promise<MemberRow> {
  const { library, email, code, now } = input;
  const [row] = await db
    .select()
    .from(emailCodes)
    .where(and(eq(emailCodes.libraryId, library.id), eq(emailCodes.email, email), isNull(emailCodes.usedAt)))
    .orderBy(desc(emailCodes.createdAt))
    .limit(1);
  if (!row || row.expiresAt <= now.toISOString() || row.failedAttempts >= MAX_CODE_ATTEMPTS) throw wrongCode();
  if (!constantTimeEqual(row.codeHash, await codeHash(row.id, code))) {
    await db.update(emailCodes).set({ failedAttempts: sql`${emailCodes.failedAttempts} + 1` }).where(eq(emailCodes.id, row.id));
    throw wrongCode();
  }
  // Spend it in the same statement that checks it is unspent, so two tabs cannot both use it.
  const spent = await db
    .update(emailCodes)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(emailCodes.id, row.id), isNull(emailCodes.usedAt)))
    .returning({ id: emailCodes.id });
  if (spent.length === 0) throw wrongCode();
  return signInMember(db, { library, email, name: email.split('@')[0]!, now });
}

async function mayJoin(db: Database, library: LibraryRow, email: string): Promise<boolean> {
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

function codeHash(id: string, code: string): Promise<string> {
  return hashSecret(`${id}:${code}`);
}
