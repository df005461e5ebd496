import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Member } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { invites, memberIdentities, members, type Role } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, ForbiddenError, NotFoundError } from './errors.js';
import type { LibraryRow } from './libraries.js';

export type MemberRow = typeof members.$inferSelect;

export function toMember(row: MemberRow, library: Pick<LibraryRow, 'slug'>): Member {
  return { id: row.id, name: row.name, email: row.email, roles: row.roles, library: library.slug, requestAlerts: row.requestAlerts };
}

export function hasRole(member: Pick<MemberRow, 'roles'>, role: Role): boolean {
  return member.roles.includes(role);
}

export interface PartnerIdentity {
  partnerId: string;
  subject: string;
}

export interface SignInClaim {
  library: LibraryRow;
  email: string;
  /** The name a partner's token carries; email sign-in has none. */
  name?: string | undefined;
  /** Present when a partner site vouches for the person: its id and the JWT subject. */
  identity?: PartnerIdentity;
  now: Date;
}

/**
 * Finds or creates the member a sign-in is for.
 *
 * By email (no `identity`): the member with that address, created on first sign-in with her
 * address's local part as a name; a sign-in never renames her.
 *
 * Through a partner (`identity`), a partner may sign in only people it brought, or who linked
 * their membership to its account themselves:
 * - a known identity signs in its member, except an expert or coordinator whose identity the
 *   partner created (`linked_by = 'partner'`): checked at every sign-in, so a promotion closes it;
 * - an unknown identity with an unknown email creates the member and the identity;
 * - an unknown identity whose email already has a member is refused: she links the account
 *   herself (`linkIdentity`), signed in another way, or any partner could sign in as anyone.
 * The partner's name for her is kept only until she chooses one (`members.name_chosen`).
 * In the invite phase, only invited emails (or existing members) may join.
 */
export async function signInMember(db: Database, claim: SignInClaim): Promise<MemberRow> {
  const { library, identity, now } = claim;
  const email = claim.email.trim().toLowerCase();
  let member = identity ? await signInByIdentity(db, claim, identity, email) : await findByEmail(db, library.id, email);
  if (!member) {
    await checkMayJoin(db, library, email);
    const [created] = await db
      .insert(members)
      .values({ id: newId('mem'), libraryId: library.id, email, name: claim.name || email.split('@')[0]! })
      .onConflictDoNothing()
      .returning();
    if (created && identity) await db.insert(memberIdentities).values({ ...identity, memberId: created.id, linkedBy: 'partner' }).onConflictDoNothing();
    // Lost a race: the same identity's first sign-in at once is fine; an email sign-in of that
    // address is her own membership, which a partner may not take over.
    member = created ?? (identity ? await findByIdentity(db, identity) : await findByEmail(db, library.id, email));
    if (!member) throw linkRequired(library);
  }
  // An erased account is an empty shell the ledger points at: nobody signs in as it again.
  if (member.erasedAt) throw new ForbiddenError('This account was erased.', 'account_erased');
  const rename = identity && claim.name && !member.nameChosen && claim.name !== member.name ? { name: claim.name } : {};
  const [updated] = await db
    .update(members)
    .set({ ...rename, lastSignInAt: now.toISOString() })
    .where(eq(members.id, member.id))
    .returning();
  return updated!;
}

async function signInByIdentity(db: Database, claim: SignInClaim, identity: PartnerIdentity, email: string): Promise<MemberRow | undefined> {
  const [known] = await db
    .select({ member: members, linkedBy: memberIdentities.linkedBy })
    .from(memberIdentities)
    .innerJoin(members, eq(members.id, memberIdentities.memberId))
    .where(and(eq(memberIdentities.partnerId, identity.partnerId), eq(memberIdentities.subject, identity.subject)))
    .limit(1);
  if (known) {
    if (known.linkedBy === 'partner' && known.member.roles.some((role) => role !== 'member')) {
      throw new ForbiddenError(
        'This partner account was linked by the partner site, and its member is now an expert or coordinator, who must sign in by email or link the account herself.',
        'identity_conflict',
      );
    }
    return known.member;
  }
  if (await findByEmail(db, claim.library.id, email)) throw linkRequired(claim.library);
  return undefined;
}

const linkRequired = (library: LibraryRow) =>
  new ForbiddenError(
    `${library.name} already has a member with this email, who joined another way. To sign in through this site she links it herself: ` +
      `signed in by email code, she sends this site's token to POST /v1/libraries/${library.slug}/me/identities.`,
    'identity_link_required',
  );

/**
 * The signed-in member ties a partner account to her membership herself: from then on that
 * partner signs her in, whatever her roles. An account already tied to someone else stays theirs.
 */
export async function linkIdentity(db: Database, input: { member: MemberRow; identity: PartnerIdentity }) {
  const { member, identity } = input;
  const where = and(eq(memberIdentities.partnerId, identity.partnerId), eq(memberIdentities.subject, identity.subject));
  await db.insert(memberIdentities).values({ ...identity, memberId: member.id, linkedBy: 'member' }).onConflictDoNothing();
  const [row] = await db.select().from(memberIdentities).where(where).limit(1);
  if (row!.memberId !== member.id) {
    throw new DomainError('This partner account is already linked to another member of the library.', 'identity_in_use');
  }
  if (row!.linkedBy !== 'member') {
    const [confirmed] = await db.update(memberIdentities).set({ linkedBy: 'member' }).where(where).returning();
    return confirmed!;
  }
  return row!;
}

/**
 * The member's own settings: a name she chooses (partner sign-ins no longer change it) and how
 * she hears of new skill requests that match her profile.
 */
export async function updateOwnAccount(db: Database, memberId: string, input: { name?: string | undefined; requestAlerts?: MemberRow['requestAlerts'] | undefined }): Promise<MemberRow> {
  const set = {
    ...(input.name !== undefined && { name: input.name, nameChosen: true }),
    ...(input.requestAlerts !== undefined && { requestAlerts: input.requestAlerts }),
  };
  const [row] = Object.keys(set).length
    ? await db.update(members).set(set).where(eq(members.id, memberId)).returning()
    : await db.select().from(members).where(eq(members.id, memberId)).limit(1);
  if (!row) throw new NotFoundError('member', memberId);
  return row;
}

async function checkMayJoin(db: Database, library: LibraryRow, email: string): Promise<void> {
  if (library.phase === 'invite' && !(await isInvited(db, library.id, email))) {
    throw new ForbiddenError(`${library.name} is open to invited people for now; ask a coordinator for an invitation.`, 'not_invited');
  }
}

async function findByIdentity(db: Database, identity: PartnerIdentity): Promise<MemberRow | undefined> {
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
