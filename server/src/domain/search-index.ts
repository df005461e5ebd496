import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { availabilityWindows, libraries, profileCategories, profileSkills, profiles, skills, stories } from '../db/schema.js';

/**
 * Each library owns a block of index rowids: its search key times 2^32, plus a number per
 * profile. A search keeps to its library with a rowid range, which FTS5 answers by seeking.
 */
const BLOCK = 2 ** 32;
export function libraryRowids(searchKey: number): { first: number; last: number } {
  return { first: searchKey * BLOCK, last: (searchKey + 1) * BLOCK - 1 };
}

/**
 * Index tokens for what search filters on. Each is one word to the FTS5 tokenizer (letters and
 * digits only, case-folded), so a `tags` column filter answers from the index alone.
 * drizzle/0004_search_rows_and_tags.sql spells them the same way.
 */
const idPart = (id: string) => id.slice(id.indexOf('_') + 1).toLowerCase();
export const searchTokens = {
  skill: (skillId: string) => `skl${idPart(skillId)}`,
  category: (categoryId: string) => `cat${idPart(categoryId)}`,
  careerStage: (stage: string) => `stage${stage}`,
  language: (tag: string) => `lang${tag.toLowerCase().replaceAll('-', '')}`,
  weekday: (weekday: number) => `day${weekday}`,
};

/**
 * Brings the full-text index in step with these profiles: a profile is indexed exactly while it
 * is published, with its skills' and stories' text and its filter tokens. Call after any change
 * to a profile, its skills, stories or availability, or the names of skills it has.
 */
export async function reindexProfiles(db: Database, profileIds: readonly string[]): Promise<void> {
  for (let i = 0; i < profileIds.length; i += 500) {
    const ids = profileIds.slice(i, i + 500);
    const [rows, skillRows, categoryRows, storyRows, windowRows] = await Promise.all([
      db.select().from(profiles).where(inArray(profiles.id, ids)),
      db
        .select({ profileId: profileSkills.profileId, id: skills.id, name: skills.name })
        .from(profileSkills)
        .innerJoin(skills, eq(skills.id, profileSkills.skillId))
        .where(inArray(profileSkills.profileId, ids)),
      db.select().from(profileCategories).where(inArray(profileCategories.profileId, ids)),
      db.select({ profileId: stories.profileId, title: stories.title, body: stories.body }).from(stories).where(inArray(stories.profileId, ids)),
      db.select().from(availabilityWindows).where(inArray(availabilityWindows.profileId, ids)),
    ]);
    const of = <T extends { profileId: string }>(items: T[], id: string) => items.filter((item) => item.profileId === id);
    const rowids = await assignSearchRowids(db, rows);
    const inserts = rows
      .filter((row) => row.status === 'published')
      .map((row) => {
        const tags = [
          ...of(skillRows, row.id).map((s) => searchTokens.skill(s.id)),
          ...of(categoryRows, row.id).map((c) => searchTokens.category(c.categoryId)),
          searchTokens.careerStage(row.careerStage),
          ...row.languages.map(searchTokens.language),
          ...new Set(of(windowRows, row.id).map((w) => searchTokens.weekday(w.weekday))),
        ];
        return sql`INSERT INTO profiles_fts (rowid, profile_id, display_name, headline, skills, bio, stories, tags) VALUES (
          ${rowids.get(row.id)!}, ${row.id}, ${row.displayName}, ${row.headline},
          ${of(skillRows, row.id).map((s) => s.name).join(' · ')},
          ${row.bio},
          ${of(storyRows, row.id).map((s) => `${s.title} ${s.body}`).join(' · ')},
          ${tags.join(' ')})`;
      });
    const deletes = [...rowids.values()].map((rowid) => db.run(sql`DELETE FROM profiles_fts WHERE rowid = ${rowid}`));
    // The index is a virtual table, which takes no trigger: its changes bump the listing version here.
    const libraryIds = [...new Set(rows.map((row) => row.libraryId))];
    const bump = libraryIds.length ? [db.update(libraries).set({ listingVersion: sql`${libraries.listingVersion} + 1` }).where(inArray(libraries.id, libraryIds))] : [];
    const statements = [...deletes, ...inserts.map((insert) => db.run(insert)), ...bump];
    if (statements.length) await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  }
}

/** Profiles that carry any of these skills: their index text names the skills. */
export async function profilesWithSkills(db: Database, skillIds: readonly string[]): Promise<string[]> {
  if (skillIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: profileSkills.profileId }).from(profileSkills).where(inArray(profileSkills.skillId, skillIds));
  return rows.map((r) => r.id);
}

/**
 * Gives each profile its index rowid the first time it is indexed (and its library a search
 * key). Each number is taken in the one statement that stores it, so two writers cannot share.
 */
async function assignSearchRowids(db: Database, rows: (typeof profiles.$inferSelect)[]): Promise<Map<string, number>> {
  const missing = rows.filter((row) => row.searchRowid === null);
  for (const libraryId of new Set(missing.map((row) => row.libraryId))) {
    await db
      .update(libraries)
      .set({ searchKey: sql`(SELECT coalesce(max(search_key), 0) + 1 FROM libraries)` })
      .where(and(eq(libraries.id, libraryId), isNull(libraries.searchKey)));
  }
  for (const row of missing) {
    await db.run(sql`UPDATE profiles SET search_rowid = (
        SELECT coalesce(max(p.search_rowid), l.search_key * ${BLOCK}) + 1 FROM libraries l LEFT JOIN profiles p ON p.library_id = l.id WHERE l.id = ${row.libraryId})
      WHERE id = ${row.id} AND search_rowid IS NULL`);
  }
  const assigned = missing.length
    ? await db.select({ id: profiles.id, searchRowid: profiles.searchRowid }).from(profiles).where(inArray(profiles.id, missing.map((r) => r.id)))
    : [];
  return new Map([...rows.filter((r) => r.searchRowid !== null), ...assigned].map((r) => [r.id, r.searchRowid!]));
}
