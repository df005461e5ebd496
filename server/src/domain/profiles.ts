import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Profile } from '@talking-library/sdk/schema';
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
 * Profiles as the API shows them, in the order of `rows`: each built by the database as one JSON
 * object (its skills, categories, stories and availability as arrays in their lists' order), in
 * one query for the whole page. One value a profile, not a column each: the client library costs
 * more per column it hands back than the database takes to write the JSON.
 */
export async function toProfiles(db: Database, rows: readonly Pick<ProfileRow, 'id'>[], options: { private?: boolean } = {}): Promise<Profile[]> {
  if (rows.length === 0) return [];
  const ids = sql.join(rows.map((r) => sql`${r.id}`), sql`, `);
  const built = await db.all<{ id: string; profile: string }>(sql`
    SELECT p.id, json_object(
      'id', p.id, 'displayName', p.display_name, 'pronouns', p.pronouns, 'headline', p.headline, 'bio', p.bio, 'careerStage', p.career_stage,
      'skills', (SELECT json_group_array(json_object('id', s.id, 'slug', s.slug, 'name', s.name, 'version', s.version) ORDER BY ps.position)
        FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id WHERE ps.profile_id = p.id),
      'categories', (SELECT json_group_array(json_object('id', c.id, 'slug', c.slug, 'name', c.name) ORDER BY pc.position)
        FROM profile_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.profile_id = p.id),
      'stories', (SELECT json_group_array(json_object('id', st.id, 'title', st.title, 'body', st.body) ORDER BY st.position)
        FROM stories st WHERE st.profile_id = p.id),
      'languages', json(p.languages), 'timeZone', p.time_zone, 'links', json(p.links), 'photoUrl', p.photo_url, 'status', p.status,
      'availability', (SELECT json_group_array(json_object('weekday', aw.weekday, 'start', ${hhmm(sql`aw.start_minute`)}, 'end', ${hhmm(sql`aw.end_minute`)}) ORDER BY aw.weekday, aw.start_minute)
        FROM availability_windows aw WHERE aw.profile_id = p.id),
      'minimumNoticeHours', p.minimum_notice_minutes, 'weeklyCap', p.weekly_exchange_cap,
      ${options.private ? sql`'reviewNote', p.review_note,` : sql``}
      'version', p.version) AS profile
    FROM profiles p WHERE p.id IN (${ids})`);
  const byId = new Map(built.map((r) => [r.id, r.profile]));
  return rows.map((row) => {
    const profile = JSON.parse(byId.get(row.id)!) as Profile;
    // Minutes in the row; hours, which need not be whole, are divided here as JavaScript prints them.
    profile.minimumNoticeHours /= 60;
    return profile;
  });
}

/** Minutes from midnight as "HH:MM". */
const hhmm = (minutes: SQL) => sql`printf('%02d:%02d', ${minutes} / 60, ${minutes} % 60)`;
