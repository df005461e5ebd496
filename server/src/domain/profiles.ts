import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Profile } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { categories, profileCategories, profiles, profileSkills, skills, stories } from '../db/schema.js';
import { NotFoundError } from './errors.js';

type ProfileRow = typeof profiles.$inferSelect;

/** Where a page of profiles starts: after this display name and id (the list's sort key). */
export interface ProfileKey {
  displayName: string;
  id: string;
}

export interface ProfilePage {
  profiles: Profile[];
  /** The key of the last profile when more follow, else null. */
  nextKey: ProfileKey | null;
}

/** Published profiles in name order, one page at a time. */
export async function listPublishedProfiles(
  db: Database,
  query: { libraryId: string; limit: number; after?: ProfileKey | undefined },
): Promise<ProfilePage> {
  const { libraryId, limit, after } = query;
  const rows = await db
    .select()
    .from(profiles)
    .where(
      and(
        eq(profiles.libraryId, libraryId),
        eq(profiles.status, 'published'),
        after
          ? or(gt(profiles.displayName, after.displayName), and(eq(profiles.displayName, after.displayName), gt(profiles.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(profiles.displayName), asc(profiles.id))
    // One extra row tells whether another page follows without a count query.
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    profiles: await toProfiles(db, page),
    nextKey: rows.length > limit && last ? { displayName: last.displayName, id: last.id } : null,
  };
}

export async function getPublishedProfile(db: Database, query: { libraryId: string; profileId: string }): Promise<Profile> {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.id, query.profileId), eq(profiles.libraryId, query.libraryId), eq(profiles.status, 'published')))
    .limit(1);
  // An unpublished profile is reported as missing: its existence is the owner's business.
  if (!row) throw new NotFoundError('profile', query.profileId);
  const [profile] = await toProfiles(db, [row]);
  return profile!;
}

/** Joins skills, categories and stories onto profile rows: three queries for the whole page. */
async function toProfiles(db: Database, rows: ProfileRow[]): Promise<Profile[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [skillRows, categoryRows, storyRows] = await Promise.all([
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
  }));
}
