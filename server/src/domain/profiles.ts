import { and, eq, sql } from 'drizzle-orm';
import type { AvailabilityWindow, Profile } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { profiles } from '../db/schema.js';
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

/**
 * Joins skills, categories, stories and availability onto profile rows, in one query for the
 * whole page: each as a JSON array in its list's order.
 */
export async function toProfiles(db: Database, rows: ProfileRow[], options: { private?: boolean } = {}): Promise<Profile[]> {
  if (rows.length === 0) return [];
  const ids = sql.join(rows.map((r) => sql`${r.id}`), sql`, `);
  const related = await db.all<{ id: string; skills: string; categories: string; stories: string; availability: string }>(sql`
    SELECT p.id,
      (SELECT json_group_array(json_object('id', s.id, 'slug', s.slug, 'name', s.name, 'version', s.version) ORDER BY ps.position)
        FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id WHERE ps.profile_id = p.id) AS skills,
      (SELECT json_group_array(json_object('id', c.id, 'slug', c.slug, 'name', c.name) ORDER BY pc.position)
        FROM profile_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.profile_id = p.id) AS categories,
      (SELECT json_group_array(json_object('id', st.id, 'title', st.title, 'body', st.body) ORDER BY st.position)
        FROM stories st WHERE st.profile_id = p.id) AS stories,
      (SELECT json_group_array(json_object('weekday', aw.weekday, 'start', aw.start_minute, 'end', aw.end_minute) ORDER BY aw.weekday, aw.start_minute)
        FROM availability_windows aw WHERE aw.profile_id = p.id) AS availability
    FROM profiles p WHERE p.id IN (${ids})`);
  const byId = new Map(related.map((r) => [r.id, r]));

  return rows.map((row) => {
    const more = byId.get(row.id)!;
    return {
      id: row.id,
      displayName: row.displayName,
      pronouns: row.pronouns,
      headline: row.headline,
      bio: row.bio,
      careerStage: row.careerStage,
      skills: JSON.parse(more.skills),
      categories: JSON.parse(more.categories),
      stories: JSON.parse(more.stories),
      languages: row.languages,
      timeZone: row.timeZone,
      links: row.links,
      photoUrl: row.photoUrl,
      status: row.status,
      availability: (JSON.parse(more.availability) as { weekday: number; start: number; end: number }[]).map(toWindow),
      minimumNoticeHours: row.minimumNoticeMinutes / 60,
      weeklyCap: row.weeklyExchangeCap,
      ...(options.private ? { reviewNote: row.reviewNote } : {}),
      version: row.version,
    };
  });
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function toWindow(window: { weekday: number; start: number; end: number }): AvailabilityWindow {
  return { weekday: window.weekday, start: hhmm(window.start), end: hhmm(window.end) };
}
