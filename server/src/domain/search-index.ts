import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { profileSkills, profiles, skills, stories } from '../db/schema.js';

/**
 * Brings the full-text index in step with these profiles: a profile is indexed exactly while it
 * is published, with its skills' and stories' text beside its own. Call after any change to a
 * profile, its skills or stories, or the names of skills it has.
 */
export async function reindexProfiles(db: Database, profileIds: readonly string[]): Promise<void> {
  if (profileIds.length === 0) return;
  for (let i = 0; i < profileIds.length; i += 500) {
    const ids = profileIds.slice(i, i + 500);
    const [rows, skillRows, storyRows] = await Promise.all([
      db.select().from(profiles).where(inArray(profiles.id, ids)),
      db
        .select({ profileId: profileSkills.profileId, name: skills.name })
        .from(profileSkills)
        .innerJoin(skills, eq(skills.id, profileSkills.skillId))
        .where(inArray(profileSkills.profileId, ids)),
      db.select({ profileId: stories.profileId, title: stories.title, body: stories.body }).from(stories).where(inArray(stories.profileId, ids)),
    ]);
    const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
    const inserts = rows
      .filter((row) => row.status === 'published')
      .map(
        (row) => sql`INSERT INTO profiles_fts (profile_id, library_id, display_name, headline, skills, bio, stories) VALUES (
          ${row.id}, ${row.libraryId}, ${row.displayName}, ${row.headline},
          ${skillRows.filter((s) => s.profileId === row.id).map((s) => s.name).join(' · ')},
          ${row.bio},
          ${storyRows.filter((s) => s.profileId === row.id).map((s) => `${s.title} ${s.body}`).join(' · ')})`,
      );
    await db.batch([db.run(sql`DELETE FROM profiles_fts WHERE profile_id IN (${idList})`), ...inserts.map((insert) => db.run(insert))]);
  }
}

/** Profiles that carry any of these skills: their index text names the skills. */
export async function profilesWithSkills(db: Database, skillIds: readonly string[]): Promise<string[]> {
  if (skillIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: profileSkills.profileId }).from(profileSkills).where(inArray(profileSkills.skillId, skillIds));
  return rows.map((r) => r.id);
}
