import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Category, Skill } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { categories, profileCategories, profiles, profileSkills, requestSkills, skills } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, InvalidInputError, NotFoundError, StaleVersionError } from './errors.js';
import { bumpLibrary, type LibraryRow } from './libraries.js';
import { profilesWithSkills, reindexProfiles } from './search-index.js';
import { atVersion, bumped, whileAt } from './versions.js';

type CategoryRow = typeof categories.$inferSelect;
type SkillRow = typeof skills.$inferSelect;

/** `Digital health` → `digital-health`; accents dropped, anything else becomes a hyphen. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

const slugTaken = (what: string, slug: string) => new DomainError(`A ${what} with the slug "${slug}" already exists in this library.`, 'slug_taken');

async function findCategory(db: Database, library: LibraryRow, id: string): Promise<CategoryRow> {
  const [row] = await db.select().from(categories).where(and(eq(categories.id, id), eq(categories.libraryId, library.id))).limit(1);
  if (!row) throw new NotFoundError('category', id);
  return row;
}

async function findSkill(db: Database, library: LibraryRow, id: string): Promise<SkillRow> {
  const [row] = await db.select().from(skills).where(and(eq(skills.id, id), eq(skills.libraryId, library.id))).limit(1);
  if (!row) throw new NotFoundError('skill', id);
  return row;
}

/** A live category by slug, for input that names one. */
async function liveCategoryBySlug(db: Database, library: LibraryRow, slug: string, field: string): Promise<CategoryRow> {
  const [row] = await db.select().from(categories).where(and(eq(categories.libraryId, library.id), eq(categories.slug, slug), isNull(categories.retiredAt))).limit(1);
  if (!row) throw new InvalidInputError(`No category "${slug}" in this library.`, [{ field, message: `is not a category of this library` }]);
  return row;
}

const toCategory = (row: CategoryRow, skillRows: SkillRow[] = []): Category => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  skills: skillRows.filter((s) => s.categoryId === row.id && !s.retiredAt).map(toSkill),
  version: row.version,
});
const toSkill = (row: SkillRow): Skill => ({ id: row.id, slug: row.slug, name: row.name, version: row.version });

/*
 * What each taxonomy change shows elsewhere, and so whose version it bumps: the library (its
 * GET lists the taxonomy), the category holding a skill, and the profiles naming the entry.
 */
const bumpProfilesWithCategory = (db: Database, categoryId: string, guard: SQL) =>
  db.update(profiles).set({ version: bumped(profiles.version) }).where(and(inArray(profiles.id, db.select({ id: profileCategories.profileId }).from(profileCategories).where(eq(profileCategories.categoryId, categoryId))), guard));
const bumpProfilesWithSkill = (db: Database, skillId: string, guard: SQL) =>
  db.update(profiles).set({ version: bumped(profiles.version) }).where(and(inArray(profiles.id, db.select({ id: profileSkills.profileId }).from(profileSkills).where(eq(profileSkills.skillId, skillId))), guard));
const bumpCategories = (db: Database, categoryIds: string[], guard: SQL) =>
  db.update(categories).set({ version: bumped(categories.version) }).where(and(inArray(categories.id, categoryIds), guard));
const bumpLibraryIf = (db: Database, library: LibraryRow, guard: SQL) => bumpLibrary(db, library.id, guard);

export async function createCategory(db: Database, library: LibraryRow, input: { name: string; slug?: string | undefined }): Promise<Category> {
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw new InvalidInputError('The name needs letters or digits.', [{ field: 'name', message: 'needs letters or digits' }]);
  const [{ next } = { next: 0 }] = await db.all<{ next: number }>(sql`SELECT coalesce(max(position), -1) + 1 AS next FROM categories WHERE library_id = ${library.id}`);
  const [row] = await db.insert(categories).values({ id: newId('cat'), libraryId: library.id, slug, name: input.name, position: next }).onConflictDoNothing().returning();
  if (!row) throw slugTaken('category', slug);
  await bumpLibrary(db, library.id);
  return toCategory(row);
}

/**
 * Renames or reorders a category, or merges it into another: its skills and profiles move to
 * the other one, and it is retired with a pointer to its successor.
 */
export async function updateCategory(
  db: Database,
  library: LibraryRow,
  id: string,
  changes: { name?: string | undefined; position?: number | undefined; mergeInto?: string | undefined },
  expectedVersions?: readonly number[],
): Promise<Category> {
  const category = await findCategory(db, library, id);
  const guard = whileAt('categories', id, expectedVersions);
  const thisCategory = and(eq(categories.id, id), atVersion(categories.version, expectedVersions));
  if (changes.mergeInto) {
    if (changes.mergeInto === id) throw new InvalidInputError('A category cannot merge into itself.', [{ field: 'mergeInto', message: 'must be another category' }]);
    const target = await findCategory(db, library, changes.mergeInto).catch(() => {
      throw new InvalidInputError('No such category to merge into.', [{ field: 'mergeInto', message: 'is not a category of this library' }]);
    });
    if (target.retiredAt) throw new InvalidInputError('That category is retired.', [{ field: 'mergeInto', message: 'is retired' }]);
    const [, , , , , , , merged] = await db.batch([
      bumpProfilesWithCategory(db, id, guard),
      bumpCategories(db, [target.id], guard),
      bumpLibraryIf(db, library, guard),
      db.update(skills).set({ categoryId: target.id, version: bumped(skills.version) }).where(and(eq(skills.categoryId, id), guard)),
      db.run(sql`INSERT OR IGNORE INTO profile_categories (profile_id, category_id, position)
        SELECT profile_id, ${target.id}, position FROM profile_categories WHERE category_id = ${id} AND ${guard}`),
      db.delete(profileCategories).where(and(eq(profileCategories.categoryId, id), guard)),
      // Skill requests of the category follow it too, so the board still matches them to its experts.
      db.run(sql`UPDATE skill_requests SET category_id = ${target.id}, version = version + 1 WHERE category_id = ${id} AND ${guard}`),
      // Last: the statements above saw the version the caller read.
      db.update(categories).set({ retiredAt: new Date().toISOString(), mergedIntoId: target.id, version: bumped(categories.version) }).where(thisCategory).returning({ id: categories.id }),
    ]);
    if (merged.length === 0) throw new StaleVersionError('category', id);
    return categoryWithSkills(db, target.id);
  }
  const set = { ...(changes.name !== undefined && { name: changes.name }), ...(changes.position !== undefined && { position: changes.position }) };
  const renamed = changes.name !== undefined;
  const [, , updated] = await db.batch([
    // Profiles show a category's name, not its position.
    bumpProfilesWithCategory(db, id, renamed ? guard : sql`0`),
    bumpLibraryIf(db, library, guard),
    db.update(categories).set({ ...set, version: bumped(categories.version) }).where(thisCategory).returning({ id: categories.id }),
  ]);
  if (updated.length === 0) throw new StaleVersionError('category', id);
  return categoryWithSkills(db, category.id);
}

/** Retired: gone from the taxonomy and the filters, still named on the profiles that have it. */
export async function retireCategory(db: Database, library: LibraryRow, id: string, now: Date): Promise<void> {
  await findCategory(db, library, id);
  // Retiring twice changes nothing the second time, and bumps nothing.
  const live = sql`EXISTS (SELECT 1 FROM categories AS live WHERE live.id = ${id} AND live.retired_at IS NULL)`;
  await db.batch([
    bumpProfilesWithCategory(db, id, live),
    bumpLibraryIf(db, library, live),
    db.update(categories).set({ retiredAt: now.toISOString(), version: bumped(categories.version) }).where(and(eq(categories.id, id), isNull(categories.retiredAt))),
  ]);
}

async function categoryWithSkills(db: Database, categoryId: string): Promise<Category> {
  const [row] = await db.select().from(categories).where(eq(categories.id, categoryId));
  return toCategory(row!, await db.select().from(skills).where(eq(skills.categoryId, categoryId)));
}

export async function createSkill(db: Database, library: LibraryRow, input: { name: string; category: string; slug?: string | undefined }): Promise<Skill> {
  const category = await liveCategoryBySlug(db, library, input.category, 'category');
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw new InvalidInputError('The name needs letters or digits.', [{ field: 'name', message: 'needs letters or digits' }]);
  const [row] = await db.insert(skills).values({ id: newId('skl'), libraryId: library.id, categoryId: category.id, slug, name: input.name }).onConflictDoNothing().returning();
  if (!row) throw slugTaken('skill', slug);
  await db.batch([bumpCategories(db, [category.id], sql`1`), bumpLibrary(db, library.id)]);
  return toSkill(row);
}

/**
 * Renames a skill, moves it to another category, or merges it into another: profiles that had
 * it get its successor, and it is retired pointing there. Profiles' search text follows.
 */
export async function updateSkill(
  db: Database,
  library: LibraryRow,
  id: string,
  changes: { name?: string | undefined; category?: string | undefined; mergeInto?: string | undefined },
  expectedVersions?: readonly number[],
): Promise<Skill> {
  const skill = await findSkill(db, library, id);
  const affected = await profilesWithSkills(db, [id]);
  const guard = whileAt('skills', id, expectedVersions);
  const thisSkill = and(eq(skills.id, id), atVersion(skills.version, expectedVersions));
  if (changes.mergeInto) {
    if (changes.mergeInto === id) throw new InvalidInputError('A skill cannot merge into itself.', [{ field: 'mergeInto', message: 'must be another skill' }]);
    const target = await findSkill(db, library, changes.mergeInto).catch(() => {
      throw new InvalidInputError('No such skill to merge into.', [{ field: 'mergeInto', message: 'is not a skill of this library' }]);
    });
    if (target.retiredAt) throw new InvalidInputError('That skill is retired.', [{ field: 'mergeInto', message: 'is retired' }]);
    const [, , , , , , , , merged] = await db.batch([
      bumpProfilesWithSkill(db, id, guard),
      bumpCategories(db, [...new Set([skill.categoryId, target.categoryId])], guard),
      bumpLibraryIf(db, library, guard),
      db.run(sql`INSERT OR IGNORE INTO profile_skills (profile_id, skill_id, position)
        SELECT profile_id, ${target.id}, position FROM profile_skills WHERE skill_id = ${id} AND ${guard}`),
      db.delete(profileSkills).where(and(eq(profileSkills.skillId, id), guard)),
      // Skill requests that wanted it want its successor, so the board still matches them to its experts.
      db.run(sql`UPDATE skill_requests SET version = version + 1 WHERE id IN (SELECT request_id FROM request_skills WHERE skill_id = ${id}) AND ${guard}`),
      db.run(sql`INSERT OR IGNORE INTO request_skills (request_id, skill_id, position)
        SELECT request_id, ${target.id}, position FROM request_skills WHERE skill_id = ${id} AND ${guard}`),
      db.delete(requestSkills).where(and(eq(requestSkills.skillId, id), guard)),
      // Last: the statements above saw the version the caller read.
      db.update(skills).set({ retiredAt: new Date().toISOString(), mergedIntoId: target.id, version: bumped(skills.version) }).where(thisSkill).returning({ id: skills.id }),
    ]);
    if (merged.length === 0) throw new StaleVersionError('skill', id);
    await reindexProfiles(db, affected);
    return toSkill((await db.select().from(skills).where(eq(skills.id, target.id)))[0]!);
  }
  const category = changes.category ? await liveCategoryBySlug(db, library, changes.category, 'category') : undefined;
  const set = { ...(changes.name !== undefined && { name: changes.name }), ...(category && { categoryId: category.id }) };
  const renamed = changes.name !== undefined;
  const [, , , updated] = await db.batch([
    // Profiles show a skill's name, not its category.
    bumpProfilesWithSkill(db, id, renamed ? guard : sql`0`),
    bumpCategories(db, [...new Set([skill.categoryId, ...(category ? [category.id] : [])])], guard),
    bumpLibraryIf(db, library, guard),
    db.update(skills).set({ ...set, version: bumped(skills.version) }).where(thisSkill).returning({ id: skills.id }),
  ]);
  if (updated.length === 0) throw new StaleVersionError('skill', id);
  if (renamed) await reindexProfiles(db, affected);
  return toSkill((await db.select().from(skills).where(eq(skills.id, id)))[0]!);
}

export async function retireSkill(db: Database, library: LibraryRow, id: string, now: Date): Promise<void> {
  const skill = await findSkill(db, library, id);
  // Retiring twice changes nothing the second time, and bumps nothing.
  const live = sql`EXISTS (SELECT 1 FROM skills AS live WHERE live.id = ${id} AND live.retired_at IS NULL)`;
  await db.batch([
    bumpProfilesWithSkill(db, id, live),
    bumpCategories(db, [skill.categoryId], live),
    bumpLibraryIf(db, library, live),
    db.update(skills).set({ retiredAt: now.toISOString(), version: bumped(skills.version) }).where(and(eq(skills.id, id), isNull(skills.retiredAt))),
  ]);
}

/**
 * Skill and category slugs an expert chose, as ids; each unknown or retired one is a field error
 * (`skills.2`), and a merged skill quietly becomes its successor.
 */
export async function resolveTaxonomy(db: Database, library: LibraryRow, input: { skills?: readonly string[] | undefined; categories?: readonly string[] | undefined }) {
  const [skillRows, categoryRows] = await Promise.all([
    input.skills?.length ? db.select().from(skills).where(and(eq(skills.libraryId, library.id), inArray(skills.slug, [...input.skills]))) : [],
    input.categories?.length ? db.select().from(categories).where(and(eq(categories.libraryId, library.id), inArray(categories.slug, [...input.categories]))) : [],
  ]);
  const problems: { field: string; message: string }[] = [];
  const skillIds = (input.skills ?? []).map((slug, i) => {
    const row = skillRows.find((s) => s.slug === slug);
    if (row?.mergedIntoId) return row.mergedIntoId;
    if (!row || row.retiredAt) problems.push({ field: `skills.${i}`, message: `"${slug}" is not a skill this library offers` });
    return row?.id ?? '';
  });
  const categoryIds = (input.categories ?? []).map((slug, i) => {
    const row = categoryRows.find((c) => c.slug === slug);
    if (row?.mergedIntoId) return row.mergedIntoId;
    if (!row || row.retiredAt) problems.push({ field: `categories.${i}`, message: `"${slug}" is not a category of this library` });
    return row?.id ?? '';
  });
  if (problems.length) throw new InvalidInputError('Some skills or categories are not in this library.', problems);
  return { skillIds: [...new Set(skillIds)], categoryIds: [...new Set(categoryIds)] };
}

/**
 * A filter's taxonomy slug (`?category=`, `?skill=`) to the id rows carry: a merged category or
 * skill leads to its successor; one the library lacks is a 400 naming the query field.
 */
export async function taxonomyFilterId(db: Database, table: typeof categories | typeof skills, libraryId: string, slug: string, field: 'category' | 'skill'): Promise<string> {
  const [row] = await db.select().from(table).where(and(eq(table.libraryId, libraryId), eq(table.slug, slug))).limit(1);
  if (!row) throw new InvalidInputError(`No ${field} "${slug}" in this library.`, [{ field, message: `is not a ${field} of this library` }], 'validation_failed', 'query');
  return row.mergedIntoId ?? row.id;
}
