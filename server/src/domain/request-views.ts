import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { RequestResponse, RequestStatus, SkillRequest } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { categories, members, profileCategories, profiles, profileSkills, requestResponses, requestSkills, skillRequests, skills } from '../db/schema.js';

export type SkillRequestRow = typeof skillRequests.$inferSelect;
export type RequestResponseRow = typeof requestResponses.$inferSelect;

/** Who is reading the board: her member id, whether she coordinates, and her profile if she has one. */
export interface BoardViewer {
  memberId: string;
  isCoordinator: boolean;
  profileId: string | null;
}

/** An open request past its lapse time reads as lapsed, whether or not the lapse job has run yet. */
export function shownStatus(row: Pick<SkillRequestRow, 'status' | 'lapsesAt'>, now: Date): RequestStatus {
  return row.status === 'open' && row.lapsesAt <= now.toISOString() ? 'lapsed' : row.status;
}

/** The viewer's profile (any status): its skills decide which requests match her. */
export async function boardViewer(db: Database, input: { libraryId: string; memberId: string; isCoordinator: boolean }): Promise<BoardViewer> {
  const [profile] = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(and(eq(profiles.memberId, input.memberId), eq(profiles.libraryId, input.libraryId)))
    .limit(1);
  return { memberId: input.memberId, isCoordinator: input.isCoordinator, profileId: profile?.id ?? null };
}

export async function toResponses(db: Database, rows: RequestResponseRow[]): Promise<RequestResponse[]> {
  if (rows.length === 0) return [];
  // Named as her profile names her, with her zone, so the owner reads the offered times on both clocks.
  const experts = await db
    .select({ id: profiles.id, displayName: profiles.displayName, timeZone: profiles.timeZone })
    .from(profiles)
    .where(inArray(profiles.id, [...new Set(rows.map((r) => r.profileId))]));
  const profileOf = new Map(experts.map((p) => [p.id, p]));
  return rows.map((row) => ({
    id: row.id,
    requestId: row.requestId,
    expert: {
      id: row.expertMemberId,
      name: profileOf.get(row.profileId)?.displayName ?? '',
      profileId: row.profileId,
      timeZone: profileOf.get(row.profileId)?.timeZone ?? 'Europe/London',
    },
    message: row.message,
    proposedTimes: row.proposedTimes,
    status: row.status,
    exchangeId: row.exchangeId,
    createdAt: row.createdAt,
  }));
}

/**
 * Requests as this viewer sees them, in the order given: with their skills, category, owner, how
 * many responses they have, her own response, whether they match her profile, and (for the owner
 * and coordinators, when `withResponses`) every response.
 */
export async function toRequests(db: Database, rows: SkillRequestRow[], viewer: BoardViewer, options: { now: Date; withResponses?: boolean }): Promise<SkillRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [skillRows, categoryRows, ownerRows, countRows, ownResponseRows, mySkillRows, myCategoryRows] = await Promise.all([
    db
      .select({ requestId: requestSkills.requestId, id: skills.id, slug: skills.slug, name: skills.name, version: skills.version })
      .from(requestSkills)
      .innerJoin(skills, eq(skills.id, requestSkills.skillId))
      .where(inArray(requestSkills.requestId, ids))
      .orderBy(asc(requestSkills.position)),
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name })
      .from(categories)
      .where(inArray(categories.id, [...new Set(rows.flatMap((r) => (r.categoryId ? [r.categoryId] : [])))])),
    db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(inArray(members.id, [...new Set(rows.map((r) => r.memberId))])),
    db
      .select({ requestId: requestResponses.requestId, n: count() })
      .from(requestResponses)
      .where(inArray(requestResponses.requestId, ids))
      .groupBy(requestResponses.requestId),
    db
      .select()
      .from(requestResponses)
      .where(and(inArray(requestResponses.requestId, ids), eq(requestResponses.expertMemberId, viewer.memberId))),
    viewer.profileId ? db.select({ skillId: profileSkills.skillId }).from(profileSkills).where(eq(profileSkills.profileId, viewer.profileId)) : [],
    viewer.profileId ? db.select({ categoryId: profileCategories.categoryId }).from(profileCategories).where(eq(profileCategories.profileId, viewer.profileId)) : [],
  ]);
  const mySkills = new Set(mySkillRows.map((s) => s.skillId));
  const myCategories = new Set(myCategoryRows.map((c) => c.categoryId));
  const ownResponses = new Map((await toResponses(db, ownResponseRows)).map((r) => [r.requestId, r]));
  const seesResponses = (row: SkillRequestRow) => options.withResponses && (row.memberId === viewer.memberId || viewer.isCoordinator);
  const allResponseRows = rows.some(seesResponses)
    ? await db
        .select()
        .from(requestResponses)
        .where(inArray(requestResponses.requestId, rows.filter(seesResponses).map((r) => r.id)))
        .orderBy(asc(requestResponses.createdAt), asc(requestResponses.id))
    : [];
  const allResponses = await toResponses(db, allResponseRows);

  return rows.map((row) => {
    const wanted = skillRows.filter((s) => s.requestId === row.id).map(({ id, slug, name, version }) => ({ id, slug, name, version }));
    const category = categoryRows.find((c) => c.id === row.categoryId) ?? null;
    const matches = wanted.length ? wanted.some((s) => mySkills.has(s.id)) : !!row.categoryId && myCategories.has(row.categoryId);
    return {
      id: row.id,
      title: row.title,
      need: row.need,
      project: { name: row.projectName, aim: row.projectAim, stage: row.projectStage },
      skills: wanted,
      category,
      status: shownStatus(row, options.now),
      closedReason: row.closedReason,
      lapsesAt: row.lapsesAt,
      owner: { id: row.memberId, name: ownerRows.find((o) => o.id === row.memberId)?.name ?? '' },
      mine: row.memberId === viewer.memberId,
      matchesYourSkills: row.memberId !== viewer.memberId && matches,
      responseCount: countRows.find((c) => c.requestId === row.id)?.n ?? 0,
      yourResponse: ownResponses.get(row.id) ?? null,
      ...(seesResponses(row) && { responses: allResponses.filter((r) => r.requestId === row.id) }),
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}
