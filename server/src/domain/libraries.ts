import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Category, Library, LibraryUpdate } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { categories, libraries, skills } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, NotFoundError, StaleVersionError } from './errors.js';
import { creditPolicy, creditPolicyColumns } from './ledger-policy.js';
import { atVersion, bumped } from './versions.js';

export type LibraryRow = typeof libraries.$inferSelect;

export async function findLibrary(db: Database, slug: string): Promise<LibraryRow> {
  const [row] = await db.select().from(libraries).where(eq(libraries.slug, slug)).limit(1);
  if (!row) throw new NotFoundError('library', slug);
  return row;
}

/** The public view of a library: its phase and its live taxonomy (retired entries leave it). */
export async function getLibrary(db: Database, slug: string): Promise<Library> {
  const library = await findLibrary(db, slug);
  return {
    slug: library.slug,
    name: library.name,
    description: library.description,
    phase: library.phase,
    categories: await listTaxonomy(db, library.id),
    version: library.version,
    credits: creditPolicy(library),
  };
}

async function listTaxonomy(db: Database, libraryId: string): Promise<Category[]> {
  const [categoryRows, skillRows] = await Promise.all([
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name, version: categories.version })
      .from(categories)
      .where(and(eq(categories.libraryId, libraryId), isNull(categories.retiredAt)))
      .orderBy(asc(categories.position), asc(categories.name)),
    db
      .select({ id: skills.id, slug: skills.slug, name: skills.name, version: skills.version, categoryId: skills.categoryId })
      .from(skills)
      .where(and(eq(skills.libraryId, libraryId), isNull(skills.retiredAt)))
      .orderBy(asc(skills.name)),
  ]);
  return categoryRows.map((category) => ({
    ...category,
    skills: skillRows.filter((s) => s.categoryId === category.id).map(({ categoryId: _, ...skill }) => skill),
  }));
}

/**
 * Changes the library if it is still at one of `expectedVersions` (when given): the check and
 * the write are one statement, so two coordinators' edits cannot overwrite each other unseen.
 */
export async function updateLibrary(db: Database, library: LibraryRow, changes: LibraryUpdate, expectedVersions?: readonly number[]): Promise<Library> {
  const { credits, ...fields } = changes;
  const [updated] = await db
    .update(libraries)
    .set({ ...fields, ...creditPolicyColumns(credits), version: bumped(libraries.version) })
    .where(and(eq(libraries.id, library.id), atVersion(libraries.version, expectedVersions)))
    .returning({ id: libraries.id });
  if (!updated) throw new StaleVersionError('library', library.slug);
  return getLibrary(db, library.slug);
}

/** Bumps the library's version in a statement of its own: its taxonomy changed (while `guard` holds). */
export const bumpLibrary = (db: Database, libraryId: string, guard?: SQL) =>
  db.update(libraries).set({ version: bumped(libraries.version) }).where(and(eq(libraries.id, libraryId), guard));


export interface LibraryInput {
  slug: string;
  name: string;
  phase: LibraryRow['phase'];
  description?: string | undefined;
}

/** A new, empty library (the operator's CLI). A slug is a library's address, so it is taken once. */
export async function createLibrary(db: Database, input: LibraryInput): Promise<LibraryRow> {
  const [row] = await db
    .insert(libraries)
    .values({ id: newId('lib'), slug: input.slug, name: input.name, phase: input.phase, description: input.description ?? '' })
    .onConflictDoNothing({ target: libraries.slug })
    .returning();
  if (!row) throw new DomainError(`A library with the slug "${input.slug}" exists already.`, 'library_exists');
  return row;
}
