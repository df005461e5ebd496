import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { members, sessions } from '../db/schema.js';
import { newId } from '../ids.js';
import type { MemberRow } from './members.js';
import { hashSecret, randomSecret } from './secrets.js';

/** How long a session lasts before the member signs in again. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface IssuedSession {
  sessionToken: string;
  expiresAt: string;
}

export async function createSession(db: Database, member: MemberRow, now: Date): Promise<IssuedSession> {
  const sessionToken = randomSecret('tls');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await db.insert(sessions).values({
    id: newId('ses'),
    tokenHash: await hashSecret(sessionToken),
    libraryId: member.libraryId,
    memberId: member.id,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { sessionToken, expiresAt };
}

/** The live session a token belongs to, with its member; nothing for an expired or revoked one. */
export async function findSession(db: Database, token: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, member: members })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(and(eq(sessions.tokenHash, await hashSecret(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())))
    .limit(1);
  return row;
}

export async function revokeSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now.toISOString() }).where(eq(sessions.id, sessionId));
}
