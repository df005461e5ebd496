import type { SkillRequest } from '@talking-library/sdk/schema';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { libraries, members, skillRequests } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { newRequestMail, notChosenMail, requestLapsedMail, weeklyDigestMail } from './request-mail.js';
import { toRequests } from './request-views.js';

/**
 * Telling experts of requests that want their skills: at once, or in a weekly digest, as each
 * chose (`members.request_alerts`). An expert is told of a request when her published profile has
 * one of the skills it wants, or, when it wants none, its category; never of her own, and not while
 * a coordinator has paused her bookings.
 */

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** SQL over `r` (a request) and `p` (a profile): the profile has a wanted skill, or, none being wanted, the category. */
const PROFILE_MATCHES = sql`(
  EXISTS (SELECT 1 FROM request_skills rs JOIN profile_skills ps ON ps.skill_id = rs.skill_id WHERE rs.request_id = r.id AND ps.profile_id = p.id)
  OR (NOT EXISTS (SELECT 1 FROM request_skills rs WHERE rs.request_id = r.id)
    AND r.category_id IN (SELECT pc.category_id FROM profile_categories pc WHERE pc.profile_id = p.id)))`;

interface Expert {
  memberId: string;
  profileId: string;
  email: string;
  name: string;
}

/** Sends each message, one failure not stopping the rest: how many went, and what failed. */
async function sendAll(mailer: Mailer, messages: { to: string; subject: string; text: string }[]) {
  const failed: { to: string; error: unknown }[] = [];
  for (const message of messages) {
    try {
      await mailer.send(message);
    } catch (error) {
      failed.push({ to: message.to, error });
    }
  }
  return { sent: messages.length - failed.length, failed };
}

/** The experts who hear of this request at once. */
export async function instantAlertRecipients(db: Database, requestId: string): Promise<Expert[]> {
  return db.all<Expert>(sql`
    SELECT m.id AS memberId, p.id AS profileId, m.email AS email, m.name AS name
    FROM skill_requests r
    JOIN profiles p ON p.library_id = r.library_id AND p.status = 'published'
    JOIN members m ON m.id = p.member_id
    WHERE r.id = ${requestId} AND m.id <> r.member_id AND m.request_alerts = 'instant' AND m.booking_paused_at IS NULL AND ${PROFILE_MATCHES}
    ORDER BY m.id`);
}

/** Emails every expert who asked to hear at once of a request like this new one. */
export async function alertMatchingExperts(db: Database, mailer: Mailer, input: { library: { name: string }; request: SkillRequest }) {
  const experts = await instantAlertRecipients(db, input.request.id);
  return sendAll(mailer, experts.map((expert) => newRequestMail(input.library, expert, input.request)));
}

/**
 * One email to each expert who chose the weekly digest, listing the requests posted in the seven
 * days before `now`, still open, that match her profile; none to an expert with nothing to read.
 * The job worker calls this once a week.
 */
export async function weeklyRequestDigest(db: Database, mailer: Mailer, input: { now: Date }) {
  const now = input.now.toISOString();
  const since = new Date(input.now.getTime() - WEEK_MS).toISOString();
  const pairs = await db.all<Expert & { requestId: string; libraryId: string }>(sql`
    SELECT m.id AS memberId, p.id AS profileId, m.email AS email, m.name AS name, r.id AS requestId, r.library_id AS libraryId
    FROM skill_requests r
    JOIN profiles p ON p.library_id = r.library_id AND p.status = 'published'
    JOIN members m ON m.id = p.member_id
    WHERE r.created_at > ${since} AND r.created_at <= ${now} AND r.status = 'open' AND r.lapses_at > ${now}
      AND m.id <> r.member_id AND m.request_alerts = 'weekly' AND m.booking_paused_at IS NULL AND ${PROFILE_MATCHES}
    ORDER BY m.id, r.created_at DESC, r.id`);
  if (pairs.length === 0) return { sent: 0, failed: [] };
  const [rows, libraryRows] = await Promise.all([
    db.select().from(skillRequests).where(inArray(skillRequests.id, [...new Set(pairs.map((p) => p.requestId))])),
    db.select({ id: libraries.id, name: libraries.name }).from(libraries).where(inArray(libraries.id, [...new Set(pairs.map((p) => p.libraryId))])),
  ]);
  const messages = [];
  for (const memberId of new Set(pairs.map((p) => p.memberId))) {
    const hers = pairs.filter((p) => p.memberId === memberId);
    const expert = hers[0]!;
    const views = await toRequests(
      db,
      hers.map((p) => rows.find((r) => r.id === p.requestId)!),
      { memberId, isCoordinator: false, profileId: expert.profileId },
      { now: input.now },
    );
    messages.push(weeklyDigestMail(libraryRows.find((l) => l.id === expert.libraryId)!, expert, views));
  }
  return sendAll(mailer, messages);
}

/** Thanks each expert whose response was not the one chosen, kindly. */
export async function tellNotChosen(db: Database, mailer: Mailer, input: { library: { name: string }; request: Pick<SkillRequest, 'title' | 'owner'>; expertMemberIds: readonly string[] }) {
  if (input.expertMemberIds.length === 0) return { sent: 0, failed: [] };
  const experts = await db.select({ email: members.email, name: members.name }).from(members).where(inArray(members.id, [...input.expertMemberIds]));
  return sendAll(mailer, experts.map((expert) => notChosenMail(input.library, expert, input.request)));
}

/** Tells each owner that her request lapsed (the ids `lapseDueRequests` just stored lapsed, each once). */
export async function tellRequestsLapsed(db: Database, mailer: Mailer, requestIds: readonly string[]) {
  if (requestIds.length === 0) return { sent: 0, failed: [] };
  const rows = await db
    .select({ title: skillRequests.title, email: members.email, name: members.name, library: libraries.name })
    .from(skillRequests)
    .innerJoin(members, sql`${members.id} = ${skillRequests.memberId}`)
    .innerJoin(libraries, sql`${libraries.id} = ${skillRequests.libraryId}`)
    .where(inArray(skillRequests.id, [...requestIds]));
  return sendAll(mailer, rows.map((row) => requestLapsedMail({ name: row.library }, row, row)));
}
