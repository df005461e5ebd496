import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Member } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { invites, memberIdentities, members, type Role } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, ForbiddenError, NotFoundError } from './errors.js';
import type { LibraryRow } from './libraries.js';

export type MemberRow = typeof members.$inferSelect;

export function toMember(row: MemberRow, library: Pick<LibraryRow, 'slug'>): Member {
  return { id: row.id, name: row.name, email: row.email, roles: row.roles, library: library.slug };
}

export function hasRole(member: Pick<MemberRow, 'roles'>, role: Role): boolean {
  return member.roles.includes(role);
}

export interface SignInClaim {
  library: LibraryRow;
  email: string;
  name: string;
  /** Present when a partner site vouches for the person: its id and the JWT subject. */
  identity?: { partnerId: string; subject: string };
  now: Date;
}

/**
 * Finds or creates the member a sign-in is for. A partner identity seen before wins; otherwise the
 * email decides. In the invite phase, only invited emails (or existing members) may join.
 */
export async function signInMember(db: Database, claim: SignInClaim): Promise<MemberRow> {
  const { library, identity, now } = claim;
  const email = claim.email.trim().toLowerCase();
  let member = identity ? await findByIdentity(db, identity) : undefined;
  if (!member) {
    member = await findByEmail(db, library.id, email);
    // A partner vouches for its own users' emails; it may not claim an expert's or a coordinator's
    // membership by naming their address, or any partner could sign in as the library's coordinator.
    if (member && identity && member.roles.some((role) => role !== 'member')) {
      throw new ForbiddenError(
        'This email belongs to an expert or coordinator of the library, who must sign in by email; a partner site cannot sign in as them.',
        'identity_conflict',
      );
    }
  }
  if (!member) {
    if (library.phase === 'invite' && !(await isInvited(db, library.id, email))) {
      throw new ForbiddenError(`${library.name} is open to invited people for now; ask a coordinator for an invitation.`, 'not_invited');
    }
    // Two first sign-ins at once: the second insert does nothing and the lookup finds the first.
    await db.insert(members).values({ id: newId('mem'), libraryId: library.id, email, name: claim.name }).onConflictDoNothing();
    member = (await findByEmail(db, library.id, email))!;
  }
  if (identity) await db.insert(memberIdentities).values({ ...identity, memberId: member.id }).onConflictDoNothing();
  const [updated] = await db
    .update(members)
    .set({ name: claim.name || member.name, lastSignInAt: now.toISOString() })
    .where(eq(members.id, member.id))
    .returning();
  return updated!;
}

async function findByIdentity(db: Database, identity: { partnerId: string; subject: string }): Promise<MemberRow | undefined> {
  const [row] = await db
    .select({ member: members })
    .from(memberIdentities)
    .innerJoin(members, eq(members.id, memberIdentities.memberId))
    .where(and(eq(memberIdentities.partnerId, identity.partnerId), eq(memberIdentities.subject, identity.subject)))
    .limit(1);
  return row?.member;
}

export async function findByEmail(db: Database, libraryId: string, email: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(and(eq(members.libraryId, libraryId), eq(members.email, email.toLowerCase()))).limit(1);
  return row;
}

async function isInvited(db: Database, libraryId: string, email: string): Promise<boolean> {
  const [row] = await db.select({ id: invites.id }).from(invites).where(and(eq(invites.libraryId, libraryId), eq(invites.email, email))).limit(1);
  return !!row;
}

export async function findMember(db: Database, libraryId: string, memberId: string): Promise<MemberRow> {
  const [row] = await db.select().from(members).where(and(eq(members.id, memberId), eq(members.libraryId, libraryId))).limit(1);
  if (!row) throw new NotFoundError('member', memberId);
  return row;
}

/**
 * Replaces a member's roles. A library always keeps a coordinator: a change that would take the
 * role from the last one is refused. The check is part of the update itself, so two coordinators
 * removing their own roles at once cannot both succeed.
 */
export async function setMemberRoles(db: Database, libraryId: string, memberId: string, roles: Role[]): Promise<MemberRow> {
  await findMember(db, libraryId, memberId);
  const unique = [...new Set<Role>(['member', ...roles])];
  const notCoordinatorNow = sql`not exists (select 1 from json_each(${members.roles}) where value = 'coordinator')`;
  const anotherCoordinator = sql`exists (select 1 from ${members} as other, json_each(other.roles) as role
    where other.library_id = ${libraryId} and other.id <> ${memberId} and role.value = 'coordinator')`;
  const [row] = await db
    .update(members)
    .set({ roles: unique })
    .where(and(eq(members.id, memberId), unique.includes('coordinator') ? undefined : or(notCoordinatorNow, anotherCoordinator)))
    .returning();
  if (!row) throw new DomainError('The library needs at least one coordinator; make someone else a coordinator first.', 'last_coordinator');
  return row;
}

/** Adds roles to the member with this email, creating the member if need be (CLI and seed). */
export async function grantRoles(db: Database, library: LibraryRow, person: { email: string; name: string }, roles: Role[]): Promise<MemberRow> {
  const email = person.email.trim().toLowerCase();
  await db.insert(members).values({ id: newId('mem'), libraryId: library.id, email, name: person.name }).onConflictDoNothing();
  const member = (await findByEmail(db, library.id, email))!;
  return setMemberRoles(db, library.id, member.id, [...member.roles, ...roles]);
}

/** Members in id order, a page at a time (for coordinators). */
export async function listMembers(db: Database, query: { libraryId: string; limit: number; afterId?: string | undefined }) {
  const rows = await db
    .select()
    .from(members)
    .where(and(eq(members.libraryId, query.libraryId), query.afterId ? gt(members.id, query.afterId) : undefined))
    .orderBy(asc(members.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { members: page, nextId: rows.length > query.limit ? page.at(-1)!.id : null };
}
