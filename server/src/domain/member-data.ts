import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { MemberExport } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import {
  availabilityWindows,
  consents,
  creditTransfers,
  emailCodes,
  equalityAnswers,
  exchangeEvents,
  exchanges,
  libraries,
  memberIdentities,
  members,
  outcomeLogs,
  profileCategories,
  profiles,
  profileSkills,
  requestResponses,
  requestSkills,
  sessions,
  skillRequests,
  stories,
  surveys,
} from '../db/schema.js';
import { equalityAnswersOf } from './consents.js';
import { DomainError } from './errors.js';
import { memberAccountId } from './ledger.js';

/**
 * A member's own data, to take away (UK GDPR Article 20) or to erase (Article 17). Erasure keeps
 * her ledger rows, so every library's books still balance: her account stays, on a member row
 * emptied of her (no email, no name, no roles), and the transfers name only that account.
 */

type Who = { libraryId: string; memberId: string };

/** Exchanges still under way hold credit or a place in someone's diary: they end before she goes. */
const OPEN_EXCHANGE_STATUSES = ['requested', 'scheduled', 'disputed'] as const;

export class OpenExchangesError extends DomainError {
  override name = 'OpenExchangesError';
  constructor(readonly exchangeIds: string[]) {
    super(`You have ${exchangeIds.length} exchange(s) still under way (${exchangeIds.join(', ')}): cancel them or see them through, then erase your account.`, 'open_exchanges');
  }
}

export async function exportMemberData(db: Database, who: Who, now: Date): Promise<MemberExport> {
  const [library] = await db.select({ id: libraries.id, slug: libraries.slug, name: libraries.name }).from(libraries).where(eq(libraries.id, who.libraryId));
  const [member] = await db.select().from(members).where(and(eq(members.id, who.memberId), eq(members.libraryId, who.libraryId)));
  const [profile] = await db.select().from(profiles).where(eq(profiles.memberId, who.memberId));
  const account = memberAccountId(who.memberId);
  const ownRequests = await db.select().from(skillRequests).where(eq(skillRequests.memberId, who.memberId)).orderBy(asc(skillRequests.createdAt));
  const [identities, ownSessions, ownStories, responses, ownExchanges, logs, transfers, ownConsents, answers, ownSurveys] = await Promise.all([
    db.select({ partnerId: memberIdentities.partnerId, subject: memberIdentities.subject, linkedBy: memberIdentities.linkedBy, createdAt: memberIdentities.createdAt }).from(memberIdentities).where(eq(memberIdentities.memberId, who.memberId)),
    // When each began and ends, never the token's hash: a session is hers to know of, not to replay.
    db.select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.memberId, who.memberId)),
    profile ? db.select().from(stories).where(eq(stories.profileId, profile.id)).orderBy(asc(stories.position)) : [],
    db.select().from(requestResponses).where(eq(requestResponses.expertMemberId, who.memberId)),
    db.select().from(exchanges).where(or(eq(exchanges.memberId, who.memberId), eq(exchanges.expertMemberId, who.memberId))).orderBy(asc(exchanges.createdAt)),
    db.select().from(outcomeLogs).where(eq(outcomeLogs.authorMemberId, who.memberId)).orderBy(asc(outcomeLogs.createdAt)),
    db.select().from(creditTransfers).where(and(eq(creditTransfers.libraryId, who.libraryId), or(eq(creditTransfers.debitAccountId, account), eq(creditTransfers.creditAccountId, account)))).orderBy(asc(creditTransfers.seq)),
    db.select({ purpose: consents.purpose, wordingVersion: consents.wordingVersion, givenAt: consents.givenAt, withdrawnAt: consents.withdrawnAt }).from(consents).where(eq(consents.memberId, who.memberId)).orderBy(asc(consents.givenAt)),
    equalityAnswersOf(db, who),
    db
      .select({ id: surveys.id, kind: surveys.kind, instrumentVersion: surveys.instrumentVersion, exchangeId: surveys.exchangeId, dueAt: surveys.dueAt, answers: surveys.answers, answeredAt: surveys.answeredAt })
      .from(surveys)
      .where(eq(surveys.memberId, who.memberId))
      .orderBy(asc(surveys.dueAt)),
  ]);
  return {
    exportedAt: now.toISOString(),
    library: library!,
    member: member ? { id: member.id, email: member.email, name: member.name, roles: member.roles, createdAt: member.createdAt, lastSignInAt: member.lastSignInAt, requestAlerts: member.requestAlerts } : {},
    identities,
    sessions: ownSessions,
    profile: profile ? withoutInternals(profile) : null,
    stories: ownStories,
    requests: ownRequests,
    responses,
    exchanges: ownExchanges,
    outcomeLogs: logs,
    creditTransfers: transfers,
    consents: ownConsents,
    equalityAnswers: answers,
    surveys: ownSurveys,
  };
}

/** What only the server uses (the search index's row number) is not her data. */
function withoutInternals(profile: typeof profiles.$inferSelect) {
  const { searchRowid: _searchRowid, ...rest } = profile;
  return rest;
}

/**
 * Erases her, in one batch: her profile and stories, her outcome logs, her surveys and their
 * answers, her equality answers and consents, her sessions and partner identities, and her words in requests, responses and
 * exchanges; her member row and her profile's row stay only as empty shells that the ledger and
 * the other party's exchanges point at. Refused (409) while an exchange of hers is under way.
 */
export async function eraseMember(db: Database, who: Who, now: Date): Promise<void> {
  const open = await db
    .select({ id: exchanges.id })
    .from(exchanges)
    .where(and(or(eq(exchanges.memberId, who.memberId), eq(exchanges.expertMemberId, who.memberId)), inArray(exchanges.status, [...OPEN_EXCHANGE_STATUSES])));
  if (open.length) throw new OpenExchangesError(open.map((row) => row.id));
  const [member] = await db.select({ email: members.email }).from(members).where(eq(members.id, who.memberId));
  // Never empty: instr() finds '' in every payload.
  const email = member?.email || `\u0000${who.memberId}`;
  const [profile] = await db.select({ id: profiles.id }).from(profiles).where(eq(profiles.memberId, who.memberId));
  const ownRequests = db.select({ id: skillRequests.id }).from(skillRequests).where(eq(skillRequests.memberId, who.memberId));
  const at = now.toISOString();
  const mailAboutHer = sql`(instr(payload, ${email}) > 0 OR EXISTS (SELECT 1 FROM exchanges e WHERE (e.member_id = ${who.memberId} OR e.expert_member_id = ${who.memberId}) AND jobs.dedupe_key LIKE 'exchange:' || e.id || ':%'))`;
  const profileStatements = profile
    ? [
        db.delete(stories).where(eq(stories.profileId, profile.id)),
        db.delete(profileSkills).where(eq(profileSkills.profileId, profile.id)),
        db.delete(profileCategories).where(eq(profileCategories.profileId, profile.id)),
        db.delete(availabilityWindows).where(eq(availabilityWindows.profileId, profile.id)),
        db.run(sql`DELETE FROM profiles_fts WHERE profile_id = ${profile.id}`),
        db
          .update(profiles)
          .set({ displayName: 'Erased expert', pronouns: null, headline: '', bio: '', languages: [], links: [], photoUrl: null, reviewNote: null, status: 'paused', version: sql`${profiles.version} + 1`, updatedAt: at })
          .where(eq(profiles.id, profile.id)),
      ]
    : [];
  await db.batch([
    db.delete(outcomeLogs).where(eq(outcomeLogs.authorMemberId, who.memberId)),
    db.delete(surveys).where(eq(surveys.memberId, who.memberId)),
    db.delete(equalityAnswers).where(eq(equalityAnswers.memberId, who.memberId)),
    db.delete(consents).where(eq(consents.memberId, who.memberId)),
    db.delete(sessions).where(eq(sessions.memberId, who.memberId)),
    db.delete(memberIdentities).where(eq(memberIdentities.memberId, who.memberId)),
    db.delete(emailCodes).where(and(eq(emailCodes.libraryId, who.libraryId), eq(emailCodes.email, email))),
    // Mail that names her (to her, about one of her exchanges, or an invite with her as
    // organiser): unsent, it goes; sent, only its payload does, keeping the row whose dedupe key
    // stops a second sending.
    db.run(sql`DELETE FROM jobs WHERE done_at IS NULL AND ${mailAboutHer}`),
    db.run(sql`UPDATE jobs SET payload = '{}' WHERE ${mailAboutHer}`),
    // Partners' messages that name her (by her id, beside her name), the same way; the log of a
    // sent one keeps its type and times for the partner, not what it said of her.
    db.run(sql`DELETE FROM webhook_deliveries WHERE status = 'pending' AND instr(payload, ${who.memberId}) > 0`),
    db.run(sql`UPDATE webhook_deliveries SET payload = json_object('type', event_type, 'erased', json('true')) WHERE instr(payload, ${who.memberId}) > 0`),
    ...profileStatements,
    db.delete(requestSkills).where(inArray(requestSkills.requestId, ownRequests)),
    db
      .update(skillRequests)
      .set({ title: 'Erased request', need: '', projectName: '', projectAim: '', status: sql`CASE WHEN ${skillRequests.status} = 'open' THEN 'closed' ELSE ${skillRequests.status} END`, closedReason: 'erased', updatedAt: at })
      .where(eq(skillRequests.memberId, who.memberId)),
    db.update(requestResponses).set({ message: '' }).where(eq(requestResponses.expertMemberId, who.memberId)),
    db.update(exchanges).set({ message: '' }).where(eq(exchanges.memberId, who.memberId)),
    db.update(exchangeEvents).set({ detail: {} }).where(eq(exchangeEvents.actorMemberId, who.memberId)),
    db
      .update(members)
      .set({ email: `erased-${who.memberId.toLowerCase()}@erased.invalid`, name: 'Erased member', roles: [], nameChosen: true, bookingPausedReason: null, requestAlerts: 'off', erasedAt: at })
      .where(and(eq(members.id, who.memberId), eq(members.libraryId, who.libraryId))),
  ]);
}
