import { and, asc, eq } from 'drizzle-orm';
import type { Invite } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { invites } from '../db/schema.js';
import { newId } from '../ids.js';
import { afterKey, toPage, type KeysetPage, type Paged } from './keyset.js';

/** Invites an email to a library; inviting someone twice keeps the first invitation. */
export async function invite(db: Database, input: { libraryId: string; email: string; invitedBy: string | null }): Promise<Invite> {
  await db.insert(invites).values({ id: newId('inv'), ...input }).onConflictDoNothing();
  const [row] = await db.select().from(invites).where(and(eq(invites.libraryId, input.libraryId), eq(invites.email, input.email))).limit(1);
  return { id: row!.id, email: row!.email, createdAt: row!.createdAt };
}

export async function listInvites(db: Database, libraryId: string): Promise<Invite[]> {
  const rows = await db.select().from(invites).where(eq(invites.libraryId, libraryId)).orderBy(asc(invites.createdAt), asc(invites.id));
  return rows.map((r) => ({ id: r.id, email: r.email, createdAt: r.createdAt }));
}

/** A page of the library's invitations, oldest first. */
export async function invitePage(db: Database, libraryId: string, page: KeysetPage): Promise<Paged<Invite>> {
  const rows = await db
    .select()
    .from(invites)
    .where(and(eq(invites.libraryId, libraryId), afterKey(invites.createdAt, invites.id, page.after)))
    .orderBy(asc(invites.createdAt), asc(invites.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.createdAt, row.id], (page) => page.map((r) => ({ id: r.id, email: r.email, createdAt: r.createdAt })));
}
