import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AvailabilityWindow, Profile } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { availabilityWindows, categories, profileCategories, profiles, profileSkills, skills, stories } from '../db/schema.js';
import { NotFoundError } from './errors.js';

export type ProfileRow = typeof profiles.$inferSelect;

/** Who is looking: an owner and the library's coordinators see more than the public. */
export interface Viewer {
  memberId?: string | undefined;
  isCoordinator?: boolean;
}

export function canManage(row: Pick<ProfileRow, 'memberId'>, viewer: Viewer): boolean {
  return !!viewer.isCoordinator || (!!viewer.memberId && row.memberId === viewer.memberId);
}

export async function findProfileRow(db: Database, libraryId: string, profileId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(profiles).where(and(eq(profiles.id, profileId), eq(profiles.libraryId, libraryId))).limit(1);
  return row;
}

/**
 * A profile as this viewer may see it. Unpublished profiles are the owner's and the
 * coordinators' business: to anyone else they do not exist.
 */
export async function getProfile(db: Database, query: { libraryId: string; profileId: string; viewer: Viewer }): Promise<Profile> {
  const row = await findProfileRow(db, query.libraryId, query.profileId);
  if (!row || (row.status !== 'published' && !canManage(row, query.viewer))) throw new NotFoundError('profile', query.profileId);
  const [profile] = await toProfiles(db, [row], { private: canManage(row, query.viewer) });
  return profile!;
}

/** Joins skills, categories, stories and availability onto profile rows: one query each for the whole page. */
export async function toProfiles(db: Database, rows: ProfileRow[], options: { private?: boolean } = {}): Promise<Profile[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [skillRows, categoryRows, storyRows, windowRows] = await Promise.all([
    db
      .select({ profileId: profileSkills.profileId, id: skills.id, slug: skills.slug, name: skills.name })
      .from(profileSkills)
      .innerJoin(skills, eq(skills.id, profileSkills.skillId))
      .where(inArray(profileSkills.profileId, ids))
      .orderBy(asc(profileSkills.position)),
    db
      .select({ profileId: profileCategories.profileId, id: categories.id, slug: categories.slug, name: categories.name })
      .from(profileCategories)
      .innerJoin(categories, eq(categories.id, profileCategories.categoryId))
      .where(inArray(profileCategories.profileId, ids))
      .orderBy(asc(profileCategories.position)),
    db
      .select({ profileId: stories.profileId, id: stories.id, title: stories.title, body: stories.body })
      .from(stories)
      .where(inArray(stories.profileId, ids))
      .orderBy(asc(stories.position)),
    db
      .select()
      .from(availabilityWindows)
      .where(inArray(availabilityWindows.profileId, ids))
      .orderBy(asc(availabilityWindows.weekday), asc(availabilityWindows.startMinute)),
  ]);
  const belongingTo = <T extends { profileId: string }>(items: T[], profileId: string) =>
    items.filter((item) => item.profileId === profileId).map(({ profileId: _, ...rest }) => rest);

  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    pronouns: row.pronouns,
    headline: row.headline,
    bio: row.bio,
    careerStage: row.careerStage,
    skills: belongingTo(skillRows, row.id),
    categories: belongingTo(categoryRows, row.id),
    stories: belongingTo(storyRows, row.id),
    languages: row.languages,
    timeZone: row.timeZone,
    links: row.links,
    photoUrl: row.photoUrl,
    status: row.status,
    availability: windowRows.filter((w) => w.profileId === row.id).map(toWindow),
    ...(options.private ? { reviewNote: row.reviewNote } : {}),
  }));
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function toWindow(row: typeof availabilityWindows.$inferSelect): AvailabilityWindow {
  return { weekday: row.weekday, start: hhmm(row.startMinute), end: hhmm(row.endMinute) };
}
